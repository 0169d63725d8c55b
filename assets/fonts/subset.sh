#!/usr/bin/env bash
# Regenerates the bundled CJK font subset (development-time tool only).
# Needs Debian's fonttools and fonts-wqy-microhei.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update("，。、；：？！“”‘’（）《》【】…—·￥°℃×÷±≤≥←→↑↓①②③④⑤ⅠⅡⅢ　")
open(sys.argv[1], "w").write("".join(sorted(chars)))
PY
pyftsubset /usr/share/fonts/truetype/wqy/wqy-microhei.ttc --font-number=0 \
  --text-file="$chars" --output-file="$here/wqy-microhei-gb2312.ttf" \
  --no-hinting --desubroutinize
rm -f "$chars"
# The floor/ceiling brackets of the explanations' formulas (DejaVu Sans,
# Debian's fonts-dejavu-core).
pyftsubset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf --unicodes=U+2308-230B \
  --output-file="$here/dejavu-sans-brackets.ttf" --no-hinting --desubroutinize
