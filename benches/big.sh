#!/usr/bin/env bash
# The 10M-row case (run by `benches/run.sh --big`): generates 10,000,000
# transactions for 3,400,000 customers (about 1.4 GB of database and 290 MB
# of CSV in target/bench-data, written once), then times `ladder report
# summary` on it with its peak memory (/usr/bin/time, or the kernel's
# rusage), and the pandas peer on the same CSV unless PANDAS=0.
#   benches/big.sh [TRANSACTIONS] [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/.."
tx=${1:-10000000}
customers=${2:-3400000}
data=target/bench-data
ladder=target/release/ladder

cargo build --release --quiet
start=$(date +%s)
cargo bench --quiet --bench bigdata -- "$data" "$tx" "$customers"
echo "(data ready after $(( $(date +%s) - start )) s: $(du -h "$data/tx$tx.db" | cut -f1) database, $(du -h "$data/tx$tx.csv" | cut -f1) CSV)"
if [ "${PANDAS:-1}" != 0 ] && [ ! -x target/bench-venv/bin/python ]; then
  python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install --quiet pandas
fi
python=target/bench-venv/bin/python
[ -x "$python" ] || python=python3
echo "== value analysis at $tx transactions, $customers customers (target: completes, peak RSS <= 1 GiB)"
"$python" benches/report_vs_pandas.py "$ladder" "$data/tx$tx.db" "$data/tx$tx.csv" "${RUNS:-1}" \
  $([ "${PANDAS:-1}" = 0 ] && echo --no-pandas)
