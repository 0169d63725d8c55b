#!/usr/bin/env bash
# Checks the packages packaging/build.sh made, as a user would get them:
#   the .deb: its control fields (Depends, Recommends naming a file-dialog
#     helper), every file where it belongs (/usr/bin/ladder executable and
#     stripped, the desktop entry accepted by desktop-file-validate with its
#     中文 and English names, the icons at their sizes, the licences), and
#     the binary in it running `--version`;
#   the .tar.gz: its files, the binary running `--version`, the licences
#     the same as the source's;
#   with --install (root, Debian): `dpkg -i` on this machine, the installed
#     /usr/bin/ladder --version and `ladder about`, then `dpkg -r`.
# Prints each check and a final "N passed, N failed"; exits 1 on a failure.
#   packaging/check.sh [--install]
# Needs dpkg-deb, desktop-file-validate (desktop-file-utils), file, readelf.
set -uo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
out=$target/packages
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
install=false
[ "${1:-}" = --install ] && install=true

passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi
}
finish() {
  echo "check.sh: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
# The width and height of a PNG, from its IHDR chunk.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }'; }

for tool in dpkg-deb desktop-file-validate file readelf; do
  command -v "$tool" >/dev/null || { echo "check.sh: $tool is missing" >&2; exit 1; }
done
mapfile -t debs < <(ls "$out"/ladder_"$version"-*.deb 2>/dev/null)
tarball=$(ls "$out"/ladder-"$version"-*-linux.tar.gz 2>/dev/null | head -1)
[ "${#debs[@]}" -eq 1 ] && [ -n "$tarball" ] ||
  { echo "check.sh: no packages of $version in $out (run packaging/build.sh)" >&2; exit 1; }
deb=${debs[0]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== $deb"

field() { dpkg-deb --field "$deb" "$1"; }
check "Package is ladder" test "$(field Package)" = ladder
check "Version is $version-1" test "$(field Version)" = "$version-1"
check "Section is office" test "$(field Section)" = office
depends=$(field Depends)
recommends=$(field Recommends)
check "Depends names libc6" grep -q 'libc6' <<<"$depends"
for lib in libx11-6 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1-mesa-dri; do
  check "Depends names $lib (the window loads it)" grep -qE "(^|, )$lib(,| |$)" <<<"$depends"
done
check "Recommends names a file-dialog helper (zenity | xdg-desktop-portal-gtk)" \
  grep -qE 'zenity \| xdg-desktop-portal-gtk' <<<"$recommends"

dpkg-deb --contents "$deb" >"$work/contents"
dpkg-deb -x "$deb" "$work/root"
root=$work/root
check "/usr/bin/ladder is in it, mode 755, owned by root" \
  grep -qE '^-rwxr-xr-x (root/root|0/0) .* \./usr/bin/ladder$' "$work/contents"
check "the synopsis fits Debian's 80 columns" test "$(field Description | head -1 | wc -c)" -le 80
check "/usr/bin/ladder is stripped" sh -c "file '$root/usr/bin/ladder' | grep -q ', stripped'"
check "no file is writable by group or others" \
  sh -c "! grep -E '^.....w|^........w' '$work/contents'"
desktop=$root/usr/share/applications/ladder.desktop
check "the desktop entry is /usr/share/applications/ladder.desktop" test -f "$desktop"
if desktop-file-validate "$desktop" >"$work/validate" 2>&1 && [ ! -s "$work/validate" ]; then
  ok "desktop-file-validate accepts it (no warning)"
else
  bad "desktop-file-validate: $(cat "$work/validate")"
fi
check "the entry's English name is Ladder" grep -qx 'Name=Ladder' "$desktop"
check "the entry's 中文 name is 客户阶梯" grep -qx 'Name\[zh_CN\]=客户阶梯' "$desktop"
check "the entry runs ladder with the icon ladder" \
  sh -c "grep -qx 'Exec=ladder' '$desktop' && grep -qx 'Icon=ladder' '$desktop'"
for n in 16 24 32 48 64 128 256 512; do
  icon=$root/usr/share/icons/hicolor/${n}x${n}/apps/ladder.png
  if [ -f "$icon" ] && [ "$(png_size "$icon")" = "${n}x${n}" ]; then
    ok "icon ${n}x${n}"
  else
    bad "icon ${n}x${n} ($icon: $(png_size "$icon" 2>/dev/null))"
  fi
done
check "icon scalable (svg)" test -s "$root/usr/share/icons/hicolor/scalable/apps/ladder.svg"
doc=$root/usr/share/doc/ladder
for f in copyright README.md LICENSE-MIT LICENSE-APACHE THIRD-PARTY-LICENSES.txt \
  fonts/README.md fonts/LICENSE-Apache-2.0.txt; do
  check "/usr/share/doc/ladder/$f" test -s "$doc/$f"
done
check "the copyright file names MIT OR Apache-2.0" grep -q 'MIT OR Apache-2.0' "$doc/copyright"
check "the third-party licences are the source's" \
  cmp -s "$doc/THIRD-PARTY-LICENSES.txt" assets/THIRD-PARTY-LICENSES.txt
check "the packaged binary prints 'ladder $version'" \
  test "$("$root/usr/bin/ladder" --version)" = "ladder $version"

echo "== $tarball"
mkdir "$work/tar"
tar -xzf "$tarball" -C "$work/tar"
top=$work/tar/$(basename "$tarball" .tar.gz)
check "the archive holds one folder named like itself" test -d "$top"
for f in ladder README.md LICENSE LICENSE-MIT LICENSE-APACHE THIRD-PARTY-LICENSES.txt \
  ladder.desktop ladder.png ladder.svg fonts/README.md fonts/LICENSE-Apache-2.0.txt; do
  check "$f is in it" test -s "$top/$f"
done
check "its ladder is executable and prints 'ladder $version'" \
  test "$("$top/ladder" --version)" = "ladder $version"
check "its binary is the .deb's" cmp -s "$top/ladder" "$root/usr/bin/ladder"
check "its third-party licences are the source's" \
  cmp -s "$top/THIRD-PARTY-LICENSES.txt" assets/THIRD-PARTY-LICENSES.txt
check "its font licence is the source's" \
  cmp -s "$top/fonts/LICENSE-Apache-2.0.txt" assets/fonts/LICENSE-Apache-2.0.txt
check "SHA256SUMS matches both" sh -c "cd '$out' && sha256sum --quiet -c SHA256SUMS"

if $install; then
  echo "== dpkg -i on this machine"
  [ "$(id -u)" -eq 0 ] || { bad "--install needs root"; finish; }
  if dpkg-query -W -f='${Status}' ladder 2>/dev/null | grep -q 'ok installed'; then
    bad "a ladder package is installed already; remove it first (dpkg -r ladder)"
    finish
  fi
  if dpkg -i "$deb" >"$work/dpkg" 2>&1; then
    ok "dpkg -i $(basename "$deb")"
  else
    bad "dpkg -i: $(tail -5 "$work/dpkg")"
  fi
  check "/usr/bin/ladder --version prints 'ladder $version'" \
    test "$(/usr/bin/ladder --version)" = "ladder $version"
  check "ladder is on the PATH" test "$(command -v ladder)" = /usr/bin/ladder
  check "the installed desktop entry validates" \
    desktop-file-validate /usr/share/applications/ladder.desktop
  home=$work/home
  mkdir -p "$home"
  check "ladder about names the licence" \
    sh -c "HOME='$home' XDG_DATA_HOME='$home/data' ladder about | grep -q 'MIT OR Apache-2.0'"
  check "ladder demo and check-db work headless" \
    sh -c "ladder demo --out '$work/demo.db' >/dev/null && test \"\$(ladder check-db --db '$work/demo.db')\" = ok"
  if dpkg -r ladder >"$work/dpkg" 2>&1 && [ ! -e /usr/bin/ladder ]; then
    ok "dpkg -r ladder removes it"
  else
    bad "dpkg -r: $(tail -5 "$work/dpkg")"
  fi
fi
finish
