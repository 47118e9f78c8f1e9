#!/usr/bin/env python3
"""huibao against Typst, side by side in one run (run through benches/peers.sh).

The same report on both sides: huibao's example (data/lushi-2012.toml) and the peer material in
../shared/bench/peers (the same facts and narrative as a Typst template). Runs alternate A/B so
that a busy machine slows both alike; the figures are medians, and the ratios are huibao / Typst.

  one report     whole process, huibao DOCX + PDF vs Typst PDF: wall time and peak memory; huibao
                 with its font cache warm (the usual case after the first run) and turned off
                 (HUIBAO_CACHE=off: every subset, deflate and font scan done again)
  100 reports    one process each side: huibao `batch -j 2` (DOCX + PDF) of 100 meetings whose
                 figures and list lengths vary as the peer's variants do, vs Typst's warm compile
                 loop over the peer's 100 variants: wall and CPU time, as many runs as one report
                 gets; the ratios of the medians, and ("paired") the median of each pair's ratio.
                 Each side writes over its outputs of the run before (huibao leaves an output
                 that would not change in place); "empty folder" is huibao writing every file
                 anew into a folder emptied before each run
  bytes/glyph    with the same body font on both sides (cwTeX FangSong): compressed font-program
                 bytes per embedded glyph, per face both embed, and content-stream bytes per
                 drawn glyph
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.path.normpath(os.path.join(REPO, "..", "shared", "bench", "peers"))
FANGSONG = "/usr/share/fonts/truetype/cwtex/cwfs.ttf"


def timed(cmd, cwd, env=None):
    """Runs cmd (with env added to the environment); returns (wall s, user+sys s, peak MiB).

    The process is waited for with wait4, whose resource usage gives CPU time to the
    microsecond and the peak resident set (what /usr/bin/time prints, without timing an
    extra process and with CPU to 10 ms only)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                             stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def alternate(a, b, runs):
    """Runs a() and b() alternately; returns the per-run results of each."""
    ra, rb = [], []
    for _ in range(runs):
        ra.append(a())
        rb.append(b())
    return ra, rb


def med(rs, i):
    return statistics.median(r[i] for r in rs)


def paired(a, b, i):
    """The median of the runs' own ratios a/b: steadier than the ratio of the medians when the
    machine's load drifts during the run (each pair ran back to back)."""
    return statistics.median(x[i] / y[i] for x, y in zip(a, b))


def manifest(path, n):
    """A manifest of n meetings of huibao's example, varied like the peer's variants.py."""
    with open(os.path.join(REPO, "data", "lushi-2012.toml"), "rb") as fh:
        base = tomllib.load(fh)
    goals = base["literacy"]["goals"]
    members = base["literacy"]["group_members"]
    actions = base["literacy"]["actions"]

    def arr(xs):
        return "[" + ", ".join('"' + x.replace('"', '\\"') + '"' for x in xs) + "]"

    with open(path, "w", encoding="utf-8") as fh:
        fh.write('[defaults]\ndata = ["lushi-2012.toml"]\n\n')
        for i in range(1, n + 1):
            sets = {
                "campaign.departments": 5 + i % 20,
                "campaign.backbone": 20 + i % 60,
                "campaign.townships": 8 + i % 15,
                "campaign.villages": 20 + i % 70,
                "envoys.first_batch": 50 + i % 50,
                "experts.count": 6 + i % 12,
                "literacy.plan_year": 2000 + i % 25,
                "literacy.goals": arr(goals[: 3 + i % 4]),
                "literacy.group_members": arr(members[: 2 + i % 5]),
                "literacy.actions": arr(actions[: 2 + i % 3]),
            }
            body = ", ".join(f'"{k}" = {v}' for k, v in sets.items())
            fh.write(f'[[meeting]]\nname = "v{i:03d}"\nset = {{ {body} }}\n\n')


def pdf_fonts(path):
    """{base font name without subset tag: (compressed program bytes, glyphs)} and the content
    streams' compressed bytes."""
    from pypdf import PdfReader
    from fontTools.ttLib import TTFont
    import io

    r = PdfReader(path)
    fonts, content, seen = {}, 0, set()
    for page in r.pages:
        cs = page.get("/Contents")
        for o in (cs if isinstance(cs, list) else [cs] if cs is not None else []):
            content += len(o.get_object()._data)
        res = page.get("/Resources") or {}
        for _, ref in (res.get("/Font") or {}).items():
            f = ref.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if desc is None:
                continue
            desc = desc.get_object()
            name = str(f["/BaseFont"]).lstrip("/").split("+", 1)[-1].removesuffix("-Identity-H")
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in desc:
                    s = desc[key].get_object()
                    raw = s.get_data()
                    stored = len(s._data) if getattr(s, "_data", None) is not None else len(raw)
                    try:
                        if key == "/FontFile3" and str(s.get("/Subtype")) == "/CIDFontType0C":
                            from fontTools.cffLib import CFFFontSet
                            cff = CFFFontSet()
                            cff.decompile(io.BytesIO(raw), None)
                            glyphs = len(cff[cff.fontNames[0]].charset)
                        else:
                            glyphs = TTFont(io.BytesIO(raw))["maxp"].numGlyphs
                    except Exception:
                        glyphs = 0
                    # Two subsets under one name (an installed face and huibao's built-in copy
                    # of it) count together.
                    ref_id = getattr(desc.raw_get(key), "idnum", id(s))
                    if (name, ref_id) not in seen:
                        seen.add((name, ref_id))
                        b, g, w, n = fonts.get(name, (0, 0, 0, 0))
                        fonts[name] = (b + stored, g + glyphs, w + len(raw), n + 1)
    return fonts, content


def drawn_glyphs(path):
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    return sum(1 for ch in out if not ch.isspace())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--huibao", required=True)
    args = ap.parse_args()
    hb = os.path.abspath(args.huibao)
    py = sys.executable
    work = tempfile.mkdtemp(prefix="huibao-peers-")
    try:
        peers = os.path.join(work, "peers")
        shutil.copytree(PEERS, peers)
        os.makedirs(os.path.join(peers, "out"), exist_ok=True)
        hbdir = os.path.join(work, "huibao")
        shutil.copytree(os.path.join(REPO, "data"), hbdir)
        # Warm both (page cache, Typst's font scan cache, huibao's font cache in the work dir).
        warm = {"HUIBAO_CACHE_DIR": os.path.join(work, "cache")}
        off = {"HUIBAO_CACHE": "off"}
        one = [hb, "render", "lushi-2012.toml", "-f", "docx,pdf", "-o", "o"]
        timed(one, hbdir, warm)
        timed([py, "typst/render.py", "data/report.toml", "out/t.pdf"], peers)

        print(f"huibao vs Typst, {args.runs} alternating runs each, medians")
        for label, env in (("cache warm", warm), ("cache off", off)):
            a, b = alternate(
                lambda: timed(one, hbdir, env),
                lambda: timed([py, "typst/render.py", "data/report.toml", "out/t.pdf"], peers),
                args.runs)
            print(f"one report     huibao {med(a,0)*1000:7.1f} ms {med(a,2):6.1f} MiB | "
                  f"Typst {med(b,0)*1000:7.1f} ms {med(b,2):6.1f} MiB | "
                  f"ratio wall {med(a,0)/med(b,0):.3f}, memory {med(a,2)/med(b,2):.3f}"
                  f"  ({label})")

        subprocess.run([py, "measure/variants.py", "100", "var"], cwd=peers, check=True)
        variants = sorted(os.path.join("var", f) for f in os.listdir(os.path.join(peers, "var"))
                          if f.endswith(".toml"))
        manifest(os.path.join(hbdir, "m100.toml"), 100)
        os.makedirs(os.path.join(peers, "out", "batch"), exist_ok=True)
        batch = [hb, "batch", "m100.toml", "-f", "docx,pdf", "-j", "2", "-o", "b"]
        timed(batch, hbdir, warm)
        fresh = os.path.join(hbdir, "fresh")

        def batch_fresh(env):
            shutil.rmtree(fresh, ignore_errors=True)
            return timed(batch[:-1] + ["fresh"], hbdir, env)

        for label, run in (("cache warm", lambda: timed(batch, hbdir, warm)),
                           ("cache off", lambda: timed(batch, hbdir, off)),
                           ("cache warm, empty folder", lambda: batch_fresh(warm))):
            a, b = alternate(
                run,
                lambda: timed([py, "typst/render.py", "--batch", "out/batch"] + variants, peers),
                args.runs)
            print(f"100 reports    huibao {med(a,0):6.2f} s wall {med(a,1):6.2f} s CPU | "
                  f"Typst {med(b,0):6.2f} s wall {med(b,1):6.2f} s CPU | "
                  f"ratio wall {med(a,0)/med(b,0):.3f}, CPU {med(a,1)/med(b,1):.3f}; "
                  f"paired {paired(a,b,0):.3f}, {paired(a,b,1):.3f}  ({label})")

        # Bytes per glyph, the same body font on both sides.
        with open(os.path.join(hbdir, "fangsong.toml"), "w", encoding="utf-8") as fh:
            fh.write(f'[fonts.body]\nfile = "{FANGSONG}"\n')
        # cwTeX 仿宋 lacks a few hanzi of the example (著): they come from another face, as in Typst.
        timed([hb, "render", "lushi-2012.toml", "fangsong.toml", "-f", "pdf", "-o", "fs",
               "--allow-missing-glyphs"], hbdir, warm)
        hpdf = os.path.join(hbdir, "fs", "lushi-2012.pdf")
        tpdf = os.path.join(peers, "out", "t.pdf")
        hf, hc = pdf_fonts(hpdf)
        tf, tc = pdf_fonts(tpdf)
        # The two texts differ (huibao's example completes the sections the source was cut off
        # before), so the glyph sets differ too; the stored/raw column compares how well the
        # same kind of program is packed, independently of which glyphs are in it.
        print("bytes/glyph    face                           huibao   Typst  ratio"
              "   stored/raw huibao Typst")
        for name in sorted(set(hf) & set(tf)):
            (hb_bytes, hg, hraw, hn), (tb_bytes, tg, traw, tn) = hf[name], tf[name]
            if hg and tg:
                x, y = hb_bytes / hg, tb_bytes / tg
                print(f"  font program {name:30.30s} {x:7.1f} {y:7.1f}  {x/y:.3f}"
                      f"   {hb_bytes/hraw:.3f} {tb_bytes/traw:.3f}"
                      f"   ({hb_bytes} B/{hg} glyphs vs {tb_bytes} B/{tg}"
                      + (f"; subsets {hn} vs {tn}" if hn + tn > 2 else "") + ")")
        x, y = hc / drawn_glyphs(hpdf), tc / drawn_glyphs(tpdf)
        print(f"  content stream per drawn glyph             {x:7.2f} {y:7.2f}  {x/y:.3f}")
        only = sorted(set(hf) ^ set(tf))
        if only:
            print("  embedded by one side only: " + ", ".join(only))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
