#!/bin/sh
# Batch benchmark: 100 meetings of the example report, whole process, at -j1 and -j2.
# Prints wall time and peak memory (maximum resident set size) from /usr/bin/time -v.
# Usage: benches/batch.sh [FORMATS...]   (default: "docx,pdf" and "txt")
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/huibao"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data/lushi-2012.toml data/meetings "$work/"
manifest="$work/meetings-100.toml"
{
  printf '[defaults]\ndata = ["lushi-2012.toml"]\nscript = "hant"\n\n'
  i=1
  while [ $i -le 100 ]; do
    case $((i % 3)) in
      0) layer=city ;;
      1) layer=province ;;
      *) layer=county-congress ;;
    esac
    printf '[[meeting]]\nname = "meeting-%03d"\ndata = ["meetings/%s.toml"]\nset = { "envoys.first_batch" = %d }\n\n' \
      "$i" "$layer" $((60 + i))
    i=$((i + 1))
  done
} > "$manifest"
[ $# -gt 0 ] || set -- docx,pdf txt
printf '%-10s %-4s %10s %12s %8s\n' formats jobs wall_s peak_MB files
for formats in "$@"; do
  for j in 1 2; do
    out="$work/out-$formats-$j"
    /usr/bin/time -v "$bin" batch "$manifest" -f "$formats" -j $j -o "$out" \
      >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" |
      awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    printf '%-10s %-4s %10s %12.1f %8s\n' "$formats" "-j$j" "$wall" "$(echo "$kb / 1024" | bc -l)" \
      "$(ls "$out" | wc -l)"
  done
done
