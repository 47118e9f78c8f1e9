#!/usr/bin/env bash
# What reading a 10,000-row xlsx into facts adds to a render (issue 12 target: ≤ 50 ms). Not a
# test: run it by hand on a quiet machine.  usage: benches/sheets.sh [ROWS]
# The same one-page report is rendered twice: its figure typed in TOML, and summed from a
# spreadsheet source of ROWS rows × 4 columns (text, integer, a 0.00-formatted decimal, a date).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
cargo build --release --quiet
bin=$PWD/target/release/huibao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A minimal xlsx written with Python's zipfile (no spreadsheet library needed).
python3 - "$work/big.xlsx" "$rows" <<'PY'
import sys, zipfile
path, n = sys.argv[1], int(sys.argv[2])
rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>村名</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>人数</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>收入</t></is></c>'
        '<c r="D1" t="inlineStr"><is><t>日期</t></is></c></row>']
for i in range(2, n + 2):
    rows.append(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>村{i}</t></is></c>'
                f'<c r="B{i}"><v>{i % 500}</v></c><c r="C{i}" s="1"><v>{i % 97}.5</v></c>'
                f'<c r="D{i}" s="2"><v>{45000 + i % 300}</v></c></row>')
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData>' + ''.join(rows) + '</sheetData></worksheet>')
files = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/styles.xml': '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="2" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': sheet,
}
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, text)
PY

mkdir -p "$work/t"
printf 'entry = "report"\nscript = "hans"\n' > "$work/t/template.toml"
printf '标题：测试报告\n\n全县共有{{people}}人。\n' > "$work/t/report.hbs"
printf '[report]\ntemplate = "t"\n\npeople = 1\n' > "$work/typed.toml"
printf '标题：测试报告\n\n全县共有{{sum big "人数"}}人，平均收入{{average big "收入"}}元。\n' > "$work/t2.hbs"
mkdir -p "$work/s" && cp "$work/t/template.toml" "$work/s/" && cp "$work/t2.hbs" "$work/s/report.hbs"
printf '[report]\ntemplate = "s"\n\n[sources]\nbig = "big.xlsx"\n' > "$work/sheet.toml"

# Median of N runs: wall ms and CPU (user + system) ms; on a loaded machine the CPU time is
# the steadier figure.
measure() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(awk '{printf "%d", ($1 + $2) * 1000000}' "$work/cpu")" >>"$work/times"
  done
  local wall cpu
  wall=$(sort -n "$work/times" | awk '{w[NR]=$1} END {printf "%.1f", w[int((NR+1)/2)]/1000}')
  cpu=$(sort -n -k2 "$work/times" | awk '{c[NR]=$2} END {printf "%.1f", c[int((NR+1)/2)]/1000}')
  echo "$wall $cpu"
  rm -f "$work/times" "$work/cpu"
}

cd "$work"
"$bin" render sheet.toml -f txt -o out >/dev/null   # warm the page cache, and check it works
cat out/sheet.txt
read -r typed_wall typed_cpu <<<"$(measure 15 "$bin" render typed.toml -f txt -o out)"
read -r sheet_wall sheet_cpu <<<"$(measure 15 "$bin" render sheet.toml -f txt -o out)"
echo "render, figure typed in TOML:             wall $typed_wall ms, CPU $typed_cpu ms"
echo "render, summed from a $rows-row xlsx:  wall $sheet_wall ms, CPU $sheet_cpu ms"
awk -v a="$typed_wall" -v b="$sheet_wall" -v c="$typed_cpu" -v d="$sheet_cpu" \
  'BEGIN {printf "added by the spreadsheet source:         wall %.1f ms, CPU %.1f ms  [≤ 50 ms]\n", b - a, d - c}'
