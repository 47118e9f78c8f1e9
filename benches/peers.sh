#!/bin/sh
# huibao against Typst side by side (issue: speed against the peers). Installs Typst's Python
# package, pypdf and fontTools in a venv (benches/.venv-peers), builds huibao in release mode and
# runs benches/peers.py: one report, 100 reports in one process, PDF bytes per glyph; ratios are
# huibao / Typst. Needs ../shared/bench/peers, fonts-cwtex-fs, fonts-noto-cjk, fonts-arphic-ukai,
# poppler-utils. Usage: benches/peers.sh [--runs N]
set -eu
cd "$(dirname "$0")/.."
venv=benches/.venv-peers
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q typst pypdf fonttools
fi
cargo build --release --quiet
exec "$venv/bin/python" benches/peers.py --huibao target/release/huibao "$@"
