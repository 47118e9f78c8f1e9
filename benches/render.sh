#!/usr/bin/env bash
# Prints speed, memory and size figures for huibao (issue targets in brackets). Not a test:
# run it by hand on a quiet machine.  usage: benches/render.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/huibao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# huibao's font cache (README "The font cache") in the work folder: warmed by the first run,
# as a user's cache is after their first render; one line measures with it off.
export HUIBAO_CACHE_DIR="$work/cache"
unset HUIBAO_CACHE

# Median of N runs of a command: wall time in ms (clock in ns: GNU time's %e only has 10 ms
# steps) and peak resident KB (GNU time).
measure() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/mem" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(cat "$work/mem")" >>"$work/times"
  done
  sort -n "$work/times" | awk '{w[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); printf "%.1f ms, peak %.1f MiB", w[i]/1000, m[i]/1024}'
  rm -f "$work/times" "$work/mem"
}

"$bin" render data/lushi-2012.toml -f docx,pdf -o "$work/warm" >/dev/null   # warm the page cache
echo "example, DOCX + PDF, whole process (installed fonts):  $(measure 9 "$bin" render data/lushi-2012.toml -f docx,pdf -o "$work/a")  [≤ 25 ms, ≤ 40 MiB]"
echo "  the same, font cache off (HUIBAO_CACHE=off):          $(HUIBAO_CACHE=off measure 9 "$bin" render data/lushi-2012.toml -f docx,pdf -o "$work/a")"
echo "example, DOCX + PDF, whole process (built-in fonts):   $(measure 9 "$bin" render data/lushi-2012.toml -f docx,pdf --builtin-fonts -o "$work/b")"
echo "example, DOCX + PDF + OFD (installed fonts):          $(measure 9 "$bin" render data/lushi-2012.toml -f docx,pdf,ofd -o "$work/o")  [OFD adds ≤ 10 ms]"
echo "example, DOCX only:                                     $(measure 9 "$bin" render data/lushi-2012.toml -f docx -o "$work/c")"
echo "example, text only:                                     $(measure 9 "$bin" render data/lushi-2012.toml -f txt -o "$work/c")"
printf 'example sizes: PDF %s bytes (installed fonts) [≤ 120 KB], %s bytes (built-in); OFD %s bytes; DOCX %s bytes; pages %s\n' \
  "$(stat -c %s "$work/a/lushi-2012.pdf")" "$(stat -c %s "$work/b/lushi-2012.pdf")" "$(stat -c %s "$work/o/lushi-2012.ofd")" \
  "$(stat -c %s "$work/a/lushi-2012.docx")" "$(pdfinfo "$work/a/lushi-2012.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')"

# Long generated reports: N sections of the example's paragraphs.
make_long() {
  local sections=$1 dir=$2
  mkdir -p "$dir/t"
  printf 'entry = "report"\nscript = "hant"\n' > "$dir/t/template.toml"
  cat > "$dir/t/report.hbs" <<'HBS'
標題：長篇測試報告

稱謂：尊敬的各位領導：

{{#each sections}}
# 第{{this}}部分工作情況

{{#each ../paras}}
{{this}}

{{/each}}
{{/each}}
HBS
  python3 - "$sections" "$dir/d.toml" <<'PY'
import sys, re
n, out = int(sys.argv[1]), sys.argv[2]
txt = open("tests/fixtures/source-report.txt", encoding="utf-8").read()
paras = [l.strip() for l in txt.splitlines() if len(l.strip()) > 60 and "網頁" not in l]
table = {",": "，", ":": "：", "(": "（", ")": "）", "!": "！"}
paras = ["".join(table.get(c, c) for c in p) for p in paras]
with open(out, "w", encoding="utf-8") as f:
    f.write("sections = [%s]\n" % ", ".join('"%d"' % (i + 1) for i in range(n)))
    f.write("paras = [%s]\n" % ", ".join('"%s"' % p.replace('"', '\\"') for p in paras))
PY
}
for sections in 32 160; do
  make_long "$sections" "$work/long$sections"
  "$bin" render "$work/long$sections/d.toml" -t "$work/long$sections/t" -f docx,pdf -o "$work/long$sections/o" >/dev/null
  pages=$(pdfinfo "$work/long$sections/o/d.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  echo "generated report, $pages pages, DOCX + PDF: $(measure 3 "$bin" render "$work/long$sections/d.toml" -t "$work/long$sections/t" -f docx,pdf -o "$work/long$sections/o")  [100 pages ≤ 150 ms; 500 pages bounded memory]"
done
