#!/usr/bin/env bash
# One command for the benchmarks: builds the release binary, generates the
# data deterministically, sets up pandas in a virtual environment, and prints
# each figure next to its peer measured in the same run.
#   benches/run.sh [TRANSACTIONS] [CUSTOMERS]
#   benches/run.sh --big [TRANSACTIONS] [CUSTOMERS]   the 10M-row case only
#                                                   (benches/big.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--big" ]; then
  shift
  exec bash benches/big.sh "$@"
fi
tx=${1:-1000000}
customers=${2:-340000}
data=target/bench-data

cargo build --release --quiet
cargo bench --quiet --bench bigdata -- "$data" "$tx" "$customers"
if [ ! -x target/bench-venv/bin/python ]; then
  python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install --quiet pandas
fi
echo "== value analysis: ladder report summary vs pandas ($tx transactions, $customers customers)"
target/bench-venv/bin/python benches/report_vs_pandas.py target/release/ladder "$data/tx$tx.db" "$data/tx$tx.csv"
echo "== frame time: every panel at 100,000 customers / 1,000,000 transactions"
cargo bench --quiet --bench panels
echo "== frame time: customer table at 100,000 customers, both languages"
cargo bench --quiet --bench customer_table
echo "== frame time: pipeline boards at 5,000 customers / 2,000 opportunities"
cargo bench --quiet --bench pipeline_board
if [ -n "${DISPLAY:-}" ] || command -v Xvfb >/dev/null; then
  bash benches/startup.sh "$data/tx$tx.db"
else
  echo "(no display and no Xvfb: skipping start to first frame; apt-get install xvfb)"
fi
if command -v sqlite3 >/dev/null; then
  echo "== import of $tx transaction rows vs the sqlite3 shell's .import"
  bash benches/import_vs_sqlite.sh "$tx" "$customers"
  echo "== import of a real-shaped log ($tx rows): creating customers, and into known ones"
  PYTHON=target/bench-venv/bin/python bash benches/import_create_vs_sqlite.sh "$tx"
else
  echo "(sqlite3 not installed: skipping the import comparison; apt-get install sqlite3)"
fi
