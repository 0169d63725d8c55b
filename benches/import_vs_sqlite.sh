#!/usr/bin/env bash
# Import speed: `ladder import --kind transactions` of the bigdata CSV into a
# database that holds its customers, against the sqlite3 shell's `.import`
# of the same CSV into a bare table (no indexes, no checks) of a new file.
# Each side runs RUNS times on a fresh copy; the best time counts.
#   benches/import_vs_sqlite.sh [TRANSACTIONS] [CUSTOMERS]
#   RUNS=5 benches/import_vs_sqlite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tx=${1:-1000000}
customers=${2:-340000}
runs=${RUNS:-3}
data=target/bench-data
work=target/bench-import
ladder=target/release/ladder
csv="$data/tx$tx.csv"

if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 is missing (apt-get install -y sqlite3)" >&2
  exit 1
fi
cargo build --release --quiet
cargo bench --quiet --bench bigdata -- "$data" "$tx" "$customers"

# A database holding the customers of the data set (exported from the
# generated database, imported once), copied fresh for every run.
rm -rf "$work"
mkdir -p "$work"
"$ladder" export --db "$data/tx$tx.db" --table customers --out "$work/customers.csv" >/dev/null
"$ladder" init --db "$work/base.db" >/dev/null
"$ladder" import --db "$work/base.db" --kind customers --input "$work/customers.csv" >/dev/null
rm -rf "$work/base.backups"

now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
best() { printf '%s\n' "$@" | sort -g | head -n 1; }

ladder_times=()
sqlite_times=()
for _ in $(seq "$runs"); do
  cp "$work/base.db" "$work/run.db"
  rm -rf "$work/run.backups" "$work/run.db-wal" "$work/run.db-shm"
  sync
  start=$(now)
  "$ladder" import --db "$work/run.db" --kind transactions --input "$csv" >/dev/null
  end=$(now)
  ladder_times+=("$(minus "$end" "$start")")

  rm -f "$work/bare.db"
  sync
  start=$(now)
  sqlite3 "$work/bare.db" ".import --csv $csv t"
  end=$(now)
  sqlite_times+=("$(minus "$end" "$start")")
done

rows=$(sqlite3 "$work/run.db" "SELECT count(*) FROM transactions")
bare=$(sqlite3 "$work/bare.db" "SELECT count(*) FROM t")
if [ "$rows" != "$tx" ] || [ "$bare" != "$tx" ]; then
  echo "row counts differ: ladder $rows, sqlite3 $bare, expected $tx" >&2
  exit 1
fi
l=$(best "${ladder_times[@]}")
s=$(best "${sqlite_times[@]}")
echo "== import of $tx transactions ($customers customers), best of $runs"
printf 'ladder import:   %6.2f s   (runs: %s)\n' "$l" "${ladder_times[*]}"
printf 'sqlite3 .import: %6.2f s   (runs: %s)\n' "$s" "${sqlite_times[*]}"
awk -v l="$l" -v s="$s" 'BEGIN { printf "ratio:           %6.2f\n", l / s }'
