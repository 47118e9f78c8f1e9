#!/usr/bin/env python3
"""Builds the fonts compiled into huibao (fonts/*.otf, fonts/*.ttf) from Debian's font packages.

Not run by CI: the outputs are committed. Re-run after changing the character set or the faces:

    apt-get install fonts-noto-cjk fonts-lxgw-wenkai fonts-liberation2 opencc unicode-data python3-fonttools
    python3 fonts/make-builtin.py

Character set (formal-style.md §9, issue 4 item 3): every character of GB2312 (enumerated with Python's
gb2312 codec: 6,763 hanzi + 682 symbols) and of the 通用规范汉字表 (2013, 8,105 hanzi: the kTGH field of
Unihan, Debian's unicode-data), the Traditional forms of those hanzi in each standard
huibao writes (opencc s2t.json, s2tw.json, s2hk.json), the characters OpenCC's phrase table writes for
phrases made of those hanzi (核实 → 覈實, 才 → 纔; read with opencc_dict), the 5,401 hanzi of Big5
level 1 (Python's big5 codec; adds variants s2t does not pick, e.g. 彙), ASCII, and the punctuation of
GB/T 15834 that GB2312 lacks (…, ·, 〔〕, ～ …). The three Noto SC faces also get every hanzi of
GBK (21,130, Python's gbk codec; issue 13 item 15: real place and person names such as 尅 are
beyond GB2312 and the 通用规范汉字表); the Kai face does not (it would double its size), and every
role falls back to the SC serif face for them. Noto CJK comes twice: SC faces with that whole set, and TC
faces (Traditional glyph forms, for Traditional reports) without the GBK additions and without the
hanzi only Simplified writes; a Traditional report draws what its TC face lacks with the SC face.
Only OFL-licensed fonts. The output is byte-for-byte reproducible with the same source fonts and
fontTools.
Subsetting drops hinting and OpenType layout tables (huibao places every glyph itself).

Licences: fonts/LICENSE-*.txt (Debian's copyright files of the source packages, OFL 1.1 text included).
LXGW WenKai ("LXGW", "霞鹜") and Liberation ("Liberation") declare Reserved Font Names, which OFL §3
forbids in Modified Versions, so their subsets are renamed "Huibao Kai" and "Huibao Serif Latin".
Noto CJK declares none and keeps its names.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO = "/usr/share/fonts/opentype/noto"
# Families renamed in the subset (OFL Reserved Font Names): output file -> (family, PostScript name).
RENAME = {
    "HuibaoKai-Regular.ttf": ("Huibao Kai", "HuibaoKai-Regular"),
    "HuibaoSerifLatin-Regular.ttf": ("Huibao Serif Latin", "HuibaoSerifLatin-Regular"),
}
# (output file, source file, face index inside a .ttc, subset: "cjk", "tc" or "latin")
FACES = [
    # Noto Serif CJK SC Regular (.ttc index 2 = SC): stand-in for 仿宋 (body) and 宋体 (page numbers).
    ("NotoSerifCJKsc-Regular-huibao.otf", f"{NOTO}/NotoSerifCJK-Regular.ttc", 2, "cjk"),
    # Noto Serif CJK SC Bold: stand-in for 方正小标宋简体 (title).
    ("NotoSerifCJKsc-Bold-huibao.otf", f"{NOTO}/NotoSerifCJK-Bold.ttc", 2, "cjk"),
    # Noto Sans CJK SC Regular: stand-in for 黑体.
    ("NotoSansCJKsc-Regular-huibao.otf", f"{NOTO}/NotoSansCJK-Regular.ttc", 2, "cjk"),
    # The TC faces of the same three (.ttc index 3), for Traditional reports: Traditional glyph
    # forms (the SC faces draw Traditional characters in mainland forms).
    ("NotoSerifCJKtc-Regular-huibao.otf", f"{NOTO}/NotoSerifCJK-Regular.ttc", 3, "tc"),
    ("NotoSerifCJKtc-Bold-huibao.otf", f"{NOTO}/NotoSerifCJK-Bold.ttc", 3, "tc"),
    ("NotoSansCJKtc-Regular-huibao.otf", f"{NOTO}/NotoSansCJK-Regular.ttc", 3, "tc"),
    # LXGW WenKai Regular: stand-in for 楷体_GB2312. Without the GBK additions (they would double
    # its 6.3 MB); a Kai line draws those few hanzi with the SC serif face.
    ("HuibaoKai-Regular.ttf", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0, "base"),
    # Liberation Serif Regular (metric-compatible with Times New Roman): digits and Latin.
    ("HuibaoSerifLatin-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 0, "latin"),
]

EXTRA_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·～／－％—　"


def gb2312_chars():
    out = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def gbk_hanzi():
    """The 21,130 hanzi of GBK (lead bytes 0x81-0xFE, trail 0x40-0xFE except 0x7F): the ideographs
    (Unicode category Lo from U+2E80 on) among the characters Python's gbk codec decodes."""
    import unicodedata
    out = []
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            if lo == 0x7F:
                continue
            try:
                c = bytes([hi, lo]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if ord(c) >= 0x2E80 and unicodedata.category(c) == "Lo":
                out.append(c)
    return out


def rename(path, family, ps_name):
    """Replaces every family/full/PostScript/unique name record with the new names."""
    from fontTools.ttLib import TTFont
    font = TTFont(path, recalcTimestamp=False)
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16, 18, 21):
            rec.string = family
        elif rec.nameID in (3, 6, 20):
            rec.string = ps_name
        elif rec.nameID == 17:
            rec.string = "Regular"
    font.save(path)


def big5_level1_hanzi():
    """The 5,401 frequent hanzi of Big5 (0xA440-0xC67E), the usual Traditional working set."""
    out = []
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (hi, lo) > (0xC6, 0x7E):
                break
            try:
                out.append(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return out


def tongyong_guifan():
    """The 8,105 hanzi of the 通用规范汉字表 (Unihan kTGH, e.g. "U+4E00	kTGH	2013:1")."""
    import bz2
    out = []
    with bz2.open("/usr/share/unicode/Unihan_OtherMappings.txt.bz2", "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                out.append(chr(int(parts[0][2:], 16)))
    return out


def phrase_chars(hanzi):
    """Characters OpenCC's s2t phrase table writes for phrases made only of `hanzi`."""
    out = set()
    table = os.path.join(HERE, ".STPhrases.txt")
    subprocess.run(["opencc_dict", "-i", "/usr/share/opencc/STPhrases.ocd2", "-o", table,
                    "-f", "ocd2", "-t", "text"], check=True)
    with open(table, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and set(parts[0]) <= hanzi:
                out |= set(parts[1].split(" ")[0])
    os.remove(table)
    return out


def main():
    gb = gb2312_chars()
    tgh = tongyong_guifan()
    hanzi = "".join(sorted({c for c in gb if "\u4e00" <= c <= "\u9fff"} | set(tgh)))
    trad = "".join(
        subprocess.run(["opencc", "-c", config], input=hanzi, capture_output=True, text=True,
                       check=True).stdout
        for config in ("s2t.json", "s2tw.json", "s2hk.json"))
    trad += "".join(phrase_chars(set(hanzi)))
    ascii_ = "".join(chr(c) for c in range(0x20, 0x7F))
    big5 = big5_level1_hanzi()
    base = (set(gb) | set(hanzi) | set(trad.strip()) | set(big5) | set(ascii_)
            | set(EXTRA_PUNCT))
    gbk = gbk_hanzi()
    cjk = sorted(base | set(gbk))
    # The TC faces: the base set less the hanzi only Simplified writes (their s2t form differs
    # and Big5 lacks them); a Traditional report draws those, and the GBK additions, with the
    # SC face.
    simplified_only = set(hanzi) - set(trad) - set(big5)
    tc = sorted(base - simplified_only)
    latin = sorted(set(ascii_) | {chr(c) for c in range(0xA0, 0x100)} | set("–—‘’“”…·•€"))
    print(f"GB2312 {len(gb)}, 通用规范汉字表 {len(tgh)} ({len(set(tgh) - set(gb))} beyond GB2312), "
          f"Traditional forms added {len(set(trad) - set(hanzi))}, Big5 level 1 {len(big5)}, "
          f"GBK hanzi {len(gbk)} ({len(set(gbk) - base)} added), CJK set {len(cjk)}, TC set {len(tc)}",
          file=sys.stderr)
    for out, src, index, kind in FACES:
        chars = {"cjk": cjk, "base": sorted(base), "tc": tc, "latin": latin}[kind]
        text_file = os.path.join(HERE, ".chars.txt")
        with open(text_file, "w", encoding="utf-8") as f:
            f.write("".join(chars))
        subprocess.run([
            "pyftsubset", src, f"--font-number={index}", f"--text-file={text_file}",
            f"--output-file={os.path.join(HERE, out)}", "--no-hinting", "--layout-features=",
            "--name-IDs=*", "--name-languages=*", "--notdef-outline", "--drop-tables+=DSIG,GSUB,GPOS,GDEF,BASE,VORG,vhea,vmtx",
        ], check=True)
        os.remove(text_file)
        if out in RENAME:
            rename(os.path.join(HERE, out), *RENAME[out])
        print(f"{out}: {os.path.getsize(os.path.join(HERE, out)):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
