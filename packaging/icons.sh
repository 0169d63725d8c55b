#!/usr/bin/env bash
# Renders the mark assets/ladder.svg to the PNG sizes the packages and the
# window need: assets/icons/ladder-<N>.png for N in 16 … 512 (the hicolor
# sizes of a .deb, the window icon, the .app/.ico sources of
# cargo-packager). Reproducible: rsvg-convert (Debian's librsvg2-bin) gives
# the same bytes for the same SVG; the PNGs are committed, so a build needs
# no renderer. Run it after changing the SVG.
#   packaging/icons.sh [--check]   (--check: fail if a committed PNG differs)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null ||
  { echo "icons.sh: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2; exit 1; }

sizes=(16 24 32 48 64 128 256 512)
out=assets/icons
check=false
[ "${1:-}" = --check ] && check=true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
status=0
for n in "${sizes[@]}"; do
  rsvg-convert --width "$n" --height "$n" --format png assets/ladder.svg --output "$tmp/ladder-$n.png"
  if $check; then
    cmp -s "$tmp/ladder-$n.png" "$out/ladder-$n.png" ||
      { echo "icons.sh: $out/ladder-$n.png is not the render of assets/ladder.svg" >&2; status=1; }
  else
    cp "$tmp/ladder-$n.png" "$out/ladder-$n.png"
  fi
done
$check || echo "icons.sh: wrote ${#sizes[@]} icons to $out/"
exit $status
