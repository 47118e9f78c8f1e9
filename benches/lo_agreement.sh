#!/usr/bin/env bash
# How often huibao's PDF breaks a body line where LibreOffice breaks huibao's DOCX of the same
# report: prints matching lines / lines, with huibao's defaults (Word's rules plus the 孤字
# correction), with Word's rules alone, and with closing marks not hanging either (LibreOffice's
# habit). Needs soffice and pdftotext.
#   usage: benches/lo_agreement.sh [DATA.toml]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/lushi-2012.toml}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/huibao render "$data" -f docx,pdf -o "$work/word" >/dev/null
target/release/huibao render "$data" -f pdf -o "$work/wordonly" \
  --set style.line_breaking.avoid_lone_char=false >/dev/null
target/release/huibao render "$data" -f pdf -o "$work/lo" \
  --set style.line_breaking.avoid_lone_char=false \
  --set style.line_breaking.hang_closing_marks=false >/dev/null
stem=$(basename "$(ls "$work"/word/*.docx)" .docx)
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf \
  --outdir "$work/soffice" "$work/word/$stem.docx" >/dev/null 2>&1
python3 - "$work/soffice/$stem.pdf" "$work/word/$stem.pdf" "$work/wordonly/$stem.pdf" "$work/lo/$stem.pdf" <<'PY'
import re, subprocess, sys
from collections import Counter
def lines(pdf):
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    out = []
    for l in text.split("\n"):
        l = re.sub(r"\s+", "", l)
        if l and not re.fullmatch(r"—\d+—", l):
            out.append(l)
    return out
ref = lines(sys.argv[1])
for label, pdf in [("defaults (Word's rules + no 孤字)", sys.argv[2]),
                   ("Word's rules alone", sys.argv[3]),
                   ("closing marks not hanging either", sys.argv[4])]:
    ours, left, same, diff = lines(pdf), Counter(ref), 0, []
    for l in ours:
        if left[l] > 0:
            left[l] -= 1
            same += 1
        else:
            diff.append(l)
    print(f"{label}: {same}/{len(ours)} lines identical to LibreOffice's ({100*same/len(ours):.1f} %), LibreOffice has {len(ref)} lines")
    for d in diff[:3]:
        print("   differs:", d)
PY
