#!/usr/bin/env bash
# Checks that two builds write byte-identical reports: every value-analysis
# report of every database given, as of its default snapshot and as of
# SNAPSHOT (default 2026-06-01), by OLD and NEW; prints the differing files
# (exit 1) or "identical".
#   benches/report_identity.sh OLD_LADDER NEW_LADDER DB...
#   SNAPSHOT=1998-01-01 benches/report_identity.sh old new real.db
set -euo pipefail
old=$1; new=$2; shift 2
snapshot=${SNAPSHOT:-2026-06-01}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0
for db in "$@"; do
  name=$(basename "$db" .db)
  for report in summary rfm clv tiers pareto ladder satisfaction; do
    for when in default "$snapshot"; do
      args=(report --db "$db" "$report")
      [ "$when" = default ] || args+=(--snapshot "$when")
      "$old" "${args[@]}" > "$out/old-$name-$report-$when.csv"
      "$new" "${args[@]}" > "$out/new-$name-$report-$when.csv"
      if ! cmp -s "$out/old-$name-$report-$when.csv" "$out/new-$name-$report-$when.csv"; then
        echo "DIFFERENT: $db $report (snapshot $when)"
        n=$((n + 1))
      fi
    done
  done
done
[ "$n" = 0 ] || exit 1
echo "identical: $(ls "$out" | grep -c '^new-') reports of $# database(s)"
