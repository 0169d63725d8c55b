#!/usr/bin/env bash
# Import of a real-shaped purchase log (benches/realshape.py: CDNOW's shape,
# numeric codes, YYYYMMDD dates), two ways, each against its peer in the
# same run; each side RUNS times on fresh copies, the best time counts.
#
# 1. Into an empty database, creating the customers:
#    `ladder import --create-customers` against the sqlite3 shell doing the
#    same work on Ladder's own schema in one transaction with the same
#    256 MiB cache: `.import` into a staging table, insert the customers (in
#    file order, with their history rows), insert the transactions through
#    the real table (its indexes and checks), drop the staging table.
#    The same peer is also timed with `PRAGMA ignore_check_constraints`
#    (as Ladder imports transactions: it writes only values it built from
#    typed ones), for information.
# 2. Into a database that holds those customers: `ladder import` against a
#    bare `sqlite3 .import` of the same file into a new table (no indexes, no
#    checks, no conversion).
# 3. `ladder report summary` on the imported database against pandas RFM on
#    the same CSV (benches/report_vs_pandas.py; PYTHON names the Python with
#    pandas, default python3; PANDAS=0 leaves it out).
#   benches/import_create_vs_sqlite.sh [ROWS]        (default 1000000)
#   RUNS=5 benches/import_create_vs_sqlite.sh 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${RUNS:-3}
target=${CARGO_TARGET_DIR:-target}
work="$target/bench-real"
ladder=${LADDER:-$target/release/ladder}  # LADDER: another build to measure
csv="$work/real$rows.csv"

command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (apt-get install -y sqlite3)" >&2; exit 1; }
[ -n "${LADDER:-}" ] || cargo build --release --quiet
mkdir -p "$work"
[ -s "$csv" ] || python3 benches/realshape.py "$rows" "$csv"
rm -f "$work"/base.db* "$work"/known.db* "$work"/run.db* "$work"/peer.db* "$work"/bare.db*
rm -rf "$work"/*.backups
"$ladder" init --db "$work/base.db" >/dev/null
rm -rf "$work/base.backups"

now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
fresh() { # fresh COPY_OF NAME: a copy with no side files, its pages flushed
  rm -rf "$work/$2" "$work/$2-wal" "$work/$2-shm" "$work/${2%.db}.backups"
  cp "$work/$1" "$work/$2"
  sync
}
stamp=$(date -u +'%Y-%m-%d %H:%M:%S')
cat > "$work/peer.sql" <<SQL
PRAGMA cache_size = -262144;
BEGIN;
CREATE TEMP TABLE staging (customer_code TEXT, date TEXT, quantity TEXT, amount TEXT);
.import --csv --skip 1 $csv staging
INSERT INTO customers (code, name, created_at, updated_at)
  SELECT customer_code, customer_code, '$stamp', '$stamp' FROM staging
  GROUP BY customer_code ORDER BY min(rowid);
INSERT INTO history (at, entity, entity_id, action)
  SELECT '$stamp', 'customer', id, 'create' FROM customers ORDER BY id;
INSERT INTO transactions (customer_id, date, amount_cents, quantity)
  SELECT c.id, substr(s.date, 1, 4) || '-' || substr(s.date, 5, 2) || '-' || substr(s.date, 7, 2),
         CAST(round(s.amount * 100) AS INTEGER), CAST(s.quantity AS REAL)
  FROM staging s JOIN customers c ON c.code = s.customer_code ORDER BY s.rowid;
DROP TABLE staging;
COMMIT;
SQL

sed '1a PRAGMA ignore_check_constraints = 1;' "$work/peer.sql" > "$work/peer-unchecked.sql"

create_l=(); create_s=(); create_u=(); known_l=(); known_s=()
for _ in $(seq "$runs"); do
  fresh base.db run.db
  start=$(now)
  "$ladder" import --db "$work/run.db" --kind transactions --create-customers --input "$csv" >/dev/null
  create_l+=("$(minus "$(now)" "$start")")

  fresh base.db peer.db
  start=$(now)
  sqlite3 "$work/peer.db" < "$work/peer.sql"
  create_s+=("$(minus "$(now)" "$start")")

  fresh base.db peer.db
  start=$(now)
  sqlite3 "$work/peer.db" < "$work/peer-unchecked.sql"
  create_u+=("$(minus "$(now)" "$start")")
done
# The database holding the customers: the result of one import, with only
# its customers kept.
cp "$work/run.db" "$work/known.db"
sqlite3 "$work/known.db" "DELETE FROM transactions; VACUUM;"
for _ in $(seq "$runs"); do
  fresh known.db run.db
  start=$(now)
  "$ladder" import --db "$work/run.db" --kind transactions --input "$csv" >/dev/null
  known_l+=("$(minus "$(now)" "$start")")

  rm -f "$work/bare.db"; sync
  start=$(now)
  sqlite3 "$work/bare.db" ".import --csv $csv t"
  known_s+=("$(minus "$(now)" "$start")")
done

count() { sqlite3 "$work/$1" "SELECT count(*) FROM $2"; }
for pair in "run.db transactions" "peer.db transactions" "bare.db t"; do
  n=$(count $pair)
  [ "$n" = "$rows" ] || { echo "$pair holds $n rows, expected $rows" >&2; exit 1; }
done
[ "$(count run.db customers)" = "$(count peer.db customers)" ] \
  || { echo "ladder and the peer created different numbers of customers" >&2; exit 1; }
ratio() { awk -v l="$1" -v s="$2" 'BEGIN { printf "%.2f", l / s }'; }
l=$(best "${create_l[@]}"); s=$(best "${create_s[@]}")
echo "== import of $rows real-shaped rows ($(count run.db customers) customers), best of $runs"
printf 'creating customers: ladder %6.2f s, sqlite3 same work %6.2f s, ratio %s (goal <= 0.5)\n' \
  "$l" "$s" "$(ratio "$l" "$s")"
echo "   runs: ladder ${create_l[*]}; sqlite3 ${create_s[*]}"
u=$(best "${create_u[@]}")
printf '   (the peer without CHECK constraints: %6.2f s, ratio %s; runs %s)\n' \
  "$u" "$(ratio "$l" "$u")" "${create_u[*]}"
l=$(best "${known_l[@]}"); s=$(best "${known_s[@]}")
printf 'known customers:    ladder %6.2f s, bare .import     %6.2f s, ratio %s (goal <= 1.25)\n' \
  "$l" "$s" "$(ratio "$l" "$s")"
echo "   runs: ladder ${known_l[*]}; sqlite3 ${known_s[*]}"
if [ "${PANDAS:-1}" != 0 ]; then
  echo "== ladder report summary vs pandas on the real-shaped log ($rows rows)"
  "${PYTHON:-python3}" benches/report_vs_pandas.py "$ladder" "$work/run.db" "$csv"
fi
