"""Cut Noto Sans SC to the GBK character set (plus ASCII, the yuan/yen signs and the
punctuation a document uses), so that every name character a shop meets (镕 喆 堃 …) is
there while each weight stays ~7.7 MB instead of ~17 MB.

Run once when the fonts change (the cut files are committed; the build never runs this):
    python3 -m venv /tmp/ftv && /tmp/ftv/bin/pip install fonttools
    npm pack @expo-google-fonts/noto-sans-sc && tar xzf expo-google-fonts-noto-sans-sc-*.tgz
    /tmp/ftv/bin/python assets/fonts/cut-gbk.py package assets/fonts
"""

import sys
from pathlib import Path

from fontTools import subset


def gbk_codepoints():
    points = set(range(0x20, 0x7F))
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            points.update(ord(c) for c in ch)
    # Signs a document prints that GBK lacks or maps elsewhere.
    points.update([0xA5, 0x20AC, 0x2022, 0x2013, 0x2014, 0x2026, 0xA0, 0xD7])
    return sorted(points)


def main(source, target):
    source, target = Path(source), Path(target)
    points = gbk_codepoints()
    for weight, name in [("400Regular", "NotoSansSC-Regular"), ("700Bold", "NotoSansSC-Bold")]:
        src = source / weight / f"NotoSansSC_{weight}.ttf"
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        font = subset.load_font(str(src), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(font)
        out = target / f"{name}-GBK.ttf"
        subset.save_font(font, str(out), options)
        print(f"{out}: {out.stat().st_size} bytes, {len(points)} code points")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
