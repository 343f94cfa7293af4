"""Throughput of naskh from Python next to the naskh CLI, PyArabic and CAMeL Tools.

On about 500 MB of news in documents of article size (the real articles of
``../shared/realdata/articles`` repeated, or any folder of ``.txt`` files), it prints MB/s
of UTF-8 input for:

- ``naskh.normalize`` called per string, ``Normalizer.__call__`` per string;
- ``Normalizer.normalize_batch`` and ``naskh.normalize_arrow`` on one thread and on two;
- the ``naskh`` CLI on the same bytes (one file, the documents one after another);
- PyArabic and CAMeL Tools as their users call them, per string.

One-core figures are measured with the process pinned to one CPU
(``os.sched_setaffinity``); two-thread figures on two. Nothing is written into the
repository: the documents and the CLI's input live in a temporary folder.

    python python/benches/bench_normalize.py --naskh-bin target/release/naskh
    python python/benches/bench_normalize.py --mb 100 --profiles search --repeat 5

CAMeL Tools pulls torch and transformers; only its ``utils`` are needed:
``pip install --no-deps camel-tools emoji`` (see the README).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

import pyarrow as pa

import naskh

REPO = Path(__file__).resolve().parents[2]
DEFAULT_ARTICLES = REPO.parent / "shared" / "realdata" / "articles"


def load_documents(folder: Path, mb: float) -> list[str]:
    """The ``.txt`` files of ``folder`` (sorted), repeated to about ``mb`` MB of UTF-8."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    if not articles:
        sys.exit(f"no .txt files under {folder}")
    target = int(mb * 1e6)
    docs, size, i = [], 0, 0
    while size < target:
        a = articles[i % len(articles)]
        docs.append(a)
        size += len(a.encode())
        i += 1
    return docs


def utf8_bytes(docs: list[str]) -> int:
    return sum(len(d.encode()) for d in docs)


def pin(cpus: set[int]) -> None:
    os.sched_setaffinity(0, cpus)


def timed(f: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run; CPU time is this process's (all its threads)."""
    out = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        f()
        out.append((time.perf_counter() - w, time.process_time() - c))
    return out


class Report:
    """Prints MB/s of wall time and of CPU time (medians). On a machine shared with other
    work, CPU time is the steadier figure for one thread; wall time is the one that shows
    what a second thread buys."""

    def __init__(self, nbytes: int) -> None:
        self.nbytes = nbytes

    def add(self, name: str, runs: list[tuple[float, float]], nbytes: Optional[int] = None) -> tuple[float, float]:
        n = (nbytes or self.nbytes) / 1e6
        wall = n / statistics.median(w for w, _ in runs)
        cpu = n / statistics.median(c for _, c in runs)
        print(f"  {name:<56} {wall:8.1f} MB/s wall {cpu:8.1f} MB/s CPU (median of {len(runs)})", flush=True)
        return wall, cpu


def cli_runs(naskh_bin: Path, path: Path, profile: str, repeat: int) -> list[tuple[float, float]]:
    """The CLI on one core: wall time, and its user + system time."""
    out = []
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(
            ["taskset", "-c", str(min(os.sched_getaffinity(0))), str(naskh_bin), "normalize", "-p", profile, str(path)],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        wall = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append((wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)))
    return out


def peers(docs: list[str]) -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    try:
        import pyarabic.araby as araby

        def pyarabic_pipeline(t: str) -> str:
            t = araby.strip_tashkeel(t)
            t = araby.strip_tatweel(t)
            t = araby.normalize_ligature(t)
            return araby.normalize_hamza(t)

        found["PyArabic strip_tashkeel+strip_tatweel+normalize_ligature+normalize_hamza"] = pyarabic_pipeline
        found["PyArabic strip_tashkeel"] = araby.strip_tashkeel
    except ImportError:
        print("  (PyArabic not installed: pip install pyarabic)")
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
            normalize_unicode,
        )

        def camel_pipeline(t: str) -> str:
            t = normalize_unicode(t)
            t = dediac_ar(t)
            t = normalize_alef_ar(t)
            t = normalize_alef_maksura_ar(t)
            return normalize_teh_marbuta_ar(t)

        found["CAMeL Tools pipeline (the `camel` profile's)"] = camel_pipeline
    except ImportError:
        print("  (CAMeL Tools not installed: pip install --no-deps camel-tools emoji)")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of .txt articles")
    ap.add_argument("--mb", type=float, default=500, help="MB of documents (default 500)")
    ap.add_argument("--peer-mb", type=float, default=None, help="MB the peers run on (default: all)")
    ap.add_argument("--profiles", default="search,camel,canonical", help="naskh profiles to measure")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each naskh measurement")
    ap.add_argument("--naskh-bin", type=Path, default=REPO / "target" / "release" / "naskh")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--only", default="cli,normalize,call,batch,arrow",
                    help="measurements to run (default all: cli,normalize,call,batch,arrow)")
    args = ap.parse_args()

    cpus = sorted(os.sched_getaffinity(0))
    docs = load_documents(args.articles, args.mb)
    nbytes = utf8_bytes(docs)
    print(f"{len(docs)} documents, {nbytes / 1e6:.1f} MB, mean {nbytes / len(docs) / 1e3:.1f} KB; "
          f"CPUs {cpus}; naskh {naskh.__version__}")
    arrow = pa.array(docs, type=pa.string())
    report = Report(nbytes)
    figures: dict[tuple[str, str], tuple[float, float]] = {}

    with tempfile.TemporaryDirectory(prefix="naskh-bench-") as tmp:
        path = Path(tmp) / "documents.txt"
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(d)
        for profile in args.profiles.split(","):
            print(f"profile {profile}:")
            n = naskh.Normalizer(profile)
            n(docs[0])  # compile outside the timings
            only = set(args.only.split(","))
            one = {cpus[0]}
            two = set(cpus[:2]) if len(cpus) >= 2 else None
            plan = [
                ("cli", "naskh CLI (one process, one core)", one,
                 lambda: cli_runs(args.naskh_bin, path, profile, args.repeat)),
                ("normalize", "naskh.normalize per string (one core)", one,
                 lambda: timed(lambda: [naskh.normalize(d, profile) for d in docs], args.repeat)),
                ("call", "Normalizer() per string (one core)", one,
                 lambda: timed(lambda: [n(d) for d in docs], args.repeat)),
                ("batch1", "normalize_batch, threads=1 (one core)", one,
                 lambda: timed(lambda: n.normalize_batch(docs, threads=1), args.repeat)),
                ("arrow1", "normalize_arrow, threads=1 (one core)", one,
                 lambda: timed(lambda: n.normalize_arrow(arrow, threads=1), args.repeat)),
                ("batch2", "normalize_batch, threads=2 (two cores)", two,
                 lambda: timed(lambda: n.normalize_batch(docs, threads=2), args.repeat)),
                ("arrow2", "normalize_arrow, threads=2 (two cores)", two,
                 lambda: timed(lambda: n.normalize_arrow(arrow, threads=2), args.repeat)),
            ]
            for key, name, where, run in plan:
                if where is None or key.rstrip("12") not in only:
                    continue
                pin(where)
                figures[profile, key] = report.add(name, run())
            pin(set(cpus))
            a1, cli = figures.get((profile, "arrow1")), figures.get((profile, "cli"))
            if a1 and cli:
                print(f"  -> normalize_arrow one core / CLI: {a1[1] / cli[1]:.2f} by CPU time, "
                      f"{a1[0] / cli[0]:.2f} by wall time (floor: >= 0.75)")
            if a1 and (profile, "arrow2") in figures:
                print(f"  -> normalize_arrow two threads / one, wall: {figures[profile, 'arrow2'][0] / a1[0]:.2f} (floor: >= 1.7)")
            if (profile, "batch2") in figures:
                print(f"  -> normalize_batch two threads / one, wall: "
                      f"{figures[profile, 'batch2'][0] / figures[profile, 'batch1'][0]:.2f}")

    if args.no_peers:
        return
    peer_docs = docs if args.peer_mb is None else load_documents(args.articles, args.peer_mb)
    peer_bytes = utf8_bytes(peer_docs)
    print(f"peers (per string, one core, {peer_bytes / 1e6:.1f} MB, one run):")
    pin({cpus[0]})
    for name, f in peers(peer_docs).items():
        mbs = report.add(name, timed(lambda: [f(d) for d in peer_docs], 1), peer_bytes)
        if name.startswith("CAMeL") and ("camel", "arrow1") in figures:
            a1, call = figures["camel", "arrow1"], figures["camel", "call"]
            print(f"  -> naskh camel normalize_arrow (one core) / CAMeL: {a1[1] / mbs[1]:.1f}x by CPU time, "
                  f"{a1[0] / mbs[0]:.1f}x by wall; per string: {call[1] / mbs[1]:.1f}x by CPU (floor: >= 25x)")
            same = sum(naskh.normalize(d, "camel") == f(d) for d in peer_docs[:500])
            print(f"  -> naskh's camel profile gives CAMeL's output on {same} of {min(500, len(peer_docs))} documents")
    pin(set(cpus))


if __name__ == "__main__":
    main()
