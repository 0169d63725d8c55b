#!/usr/bin/env bash
# Writes assets/THIRD-PARTY-LICENSES.txt from the dependency tree with
# cargo-about (packaging/about.toml: the accepted licences and the targets;
# packaging/about.hbs: the text layout). The file is committed: the binary
# embeds it (Help → About) and the packages ship it, so a build needs no
# cargo-about. Run it after Cargo.lock changes; nothing is downloaded (the
# licence texts come from the crate sources cargo already has).
#   packaging/licences.sh [--check]   (--check: fail if the committed file is stale)
# Needs: cargo install --locked cargo-about   (0.9.x)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-about >/dev/null ||
  { echo "licences.sh: cargo-about is missing (cargo install --locked cargo-about)" >&2; exit 1; }

out=assets/THIRD-PARTY-LICENSES.txt
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cargo about generate --offline --locked --fail \
  -c packaging/about.toml packaging/about.hbs -o "$tmp" 2>"$tmp.log" ||
  { cat "$tmp.log" >&2; rm -f "$tmp.log"; echo "licences.sh: cargo-about failed" >&2; exit 1; }
rm -f "$tmp.log"
if [ "${1:-}" = --check ]; then
  cmp -s "$tmp" "$out" ||
    { echo "licences.sh: $out is stale (run packaging/licences.sh)" >&2; exit 1; }
  echo "licences.sh: $out is current"
else
  cp "$tmp" "$out"
  chmod 644 "$out"
  echo "licences.sh: wrote $out ($(grep -c '^  [a-z0-9_-]* [0-9]' "$out") crate entries)"
fi
