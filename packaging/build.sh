#!/usr/bin/env bash
# Builds Ladder's Linux packages from a clean checkout into
# $CARGO_TARGET_DIR/packages/ (target/packages/ by default):
#   ladder_<version>-1_<arch>.deb        cargo-deb, configured in Cargo.toml
#                                        [package.metadata.deb]: /usr/bin/ladder,
#                                        the desktop entry, the icons, the licences
#   ladder-<version>-<arch>-linux.tar.gz the same binary with README.md, the
#                                        licences, the desktop entry and the icon
#   SHA256SUMS
# The release binary is built once (cargo build --release --locked, the
# release profile of Cargo.toml) and both packages take it. Everything comes
# from crates.io and the repository: cargo-deb is installed with cargo when
# it is missing. Windows and macOS packages are made by
# .github/workflows/release.yml on native runners (cargo-packager).
# Inspect the result with packaging/check.sh [--install].
#   packaging/build.sh            (JOBS=N sets cargo's -j, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
out=$target/packages
jobs=${JOBS:-2}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
arch=$(uname -m)
[ -n "$version" ] || { echo "build.sh: no version in Cargo.toml" >&2; exit 1; }

if ! command -v cargo-deb >/dev/null; then
  echo "== installing cargo-deb (crates.io)"
  cargo install --locked cargo-deb --version '^3.8'
fi

echo "== release build (cargo build --release --locked -j$jobs)"
start=$(date +%s)
cargo build --release --locked -j "$jobs" --bin ladder
echo "built in $(($(date +%s) - start)) s: $(stat -c %s "$target/release/ladder") bytes"

rm -rf "$out"
mkdir -p "$out"

echo "== .deb (cargo deb --no-build)"
cargo deb --locked --no-build --output "$out/"
deb=$(ls "$out"/ladder_*.deb)

echo "== .tar.gz"
name=ladder-$version-$arch-linux
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/$name
mkdir -p "$dir/fonts"
install -m 755 "$target/release/ladder" "$dir/ladder"
install -m 644 README.md LICENSE LICENSE-MIT LICENSE-APACHE \
  assets/THIRD-PARTY-LICENSES.txt assets/ladder.desktop assets/ladder.svg "$dir/"
install -m 644 assets/icons/ladder-256.png "$dir/ladder.png"
install -m 644 assets/fonts/README.md assets/fonts/LICENSE-Apache-2.0.txt "$dir/fonts/"
# The same bytes for the same commit: sorted names, no owners, the commit's time.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -C "$stage" -cf - "$name" | gzip -n -9 >"$out/$name.tar.gz"

(cd "$out" && sha256sum -- *.deb *.tar.gz >SHA256SUMS)
echo "== packages in $out"
ls -l "$out"
echo "build.sh: made $(basename "$deb") and $name.tar.gz (check them: packaging/check.sh)"
