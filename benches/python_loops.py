#!/usr/bin/env python3
"""The loops a Python user writes today to normalise a JSON Lines corpus, timed on one
core, for comparison with `naskh corpus normalize -j1` on the same file.

    python3 -m venv /root/.cache/naskh-venv
    /root/.cache/naskh-venv/bin/pip install --no-deps camel-tools   # torch etc. not needed
    /root/.cache/naskh-venv/bin/pip install emoji pyarabic          # what camel_tools.utils imports
    /root/.cache/naskh-venv/bin/python benches/python_loops.py SHARD.jsonl [--naskh target/release/naskh]

Each loop reads every line with `json.loads`, normalises the `text` field, writes the
object back with `json.dumps(ensure_ascii=False)`:

- camel: CAMeL Tools' normalize_unicode, dediac_ar, normalize_alef_ar,
  normalize_alef_maksura_ar, normalize_teh_marbuta_ar;
- pyarabic: PyArabic's strip_tashkeel, strip_tatweel, normalize_hamza,
  normalize_ligature.

With `--naskh BIN`, the same file is also run through `BIN corpus normalize -j1` with the
`camel` profile (the same pipeline as the CAMeL loop) and the `search` profile, and the
speed-ups printed. Prints MB/s of JSON Lines input (10^6 bytes per second), best of
`--repeat` runs (default 3), by wall-clock time and by CPU time (user + system, of this
process for the Python loops, of the child for naskh): on a machine shared with other
jobs the CPU figures are the ones to compare.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def camel_loop(src, dst):
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            t = normalize_unicode(doc["text"])
            t = dediac_ar(t)
            t = normalize_alef_ar(t)
            t = normalize_alef_maksura_ar(t)
            t = normalize_teh_marbuta_ar(t)
            doc["text"] = t
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")


def pyarabic_loop(src, dst):
    import pyarabic.araby as araby

    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            doc = json.loads(line)
            t = araby.strip_tashkeel(doc["text"])
            t = araby.strip_tatweel(t)
            t = araby.normalize_hamza(t)
            t = araby.normalize_ligature(t)
            doc["text"] = t
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")


def cpu_seconds():
    """User + system CPU seconds of this process and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(fn, repeat):
    """The best wall-clock and the best CPU time of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        c, t = cpu_seconds(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu_seconds() - c)
    return min(walls), min(cpus)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("jsonl")
    p.add_argument("--naskh", help="the naskh binary, to run on the same file")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    size = os.path.getsize(a.jsonl)
    mb = size / 1e6
    tmp = tempfile.mkdtemp(prefix="naskh-pyloops-")
    try:
        rates, cpu_rates = {}, {}
        for name, loop in [("camel", camel_loop), ("pyarabic", pyarabic_loop)]:
            t, c = best(lambda: loop(a.jsonl, os.path.join(tmp, name + ".jsonl")), a.repeat)
            rates[name], cpu_rates[name] = mb / t, mb / c
            print(
                f"python {name:<9} {mb:.1f} MB: wall {t:.2f} s {mb / t:7.1f} MB/s; "
                f"CPU {c:.2f} s {mb / c:7.1f} MB/s",
                flush=True,
            )
        fastest, fastest_cpu = max(rates.values()), max(cpu_rates.values())
        if a.naskh:
            for profile in ["camel", "search"]:
                out = os.path.join(tmp, "naskh-" + profile)

                def go():
                    subprocess.run(
                        [a.naskh, "corpus", "normalize", "--quiet", "-j", "1", "-p", profile,
                         "-o", out, a.jsonl],
                        check=True,
                    )

                t, c = best(go, a.repeat)
                r, rc = mb / t, mb / c
                print(
                    f"naskh -j1 -p {profile:<7} {mb:.1f} MB: wall {t:.2f} s {r:7.1f} MB/s "
                    f"({r / fastest:.1f}x the faster Python loop); CPU {c:.2f} s {rc:7.1f} MB/s "
                    f"({rc / fastest_cpu:.1f}x; floor 15x)",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
