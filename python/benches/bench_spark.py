"""naskh in PySpark local mode (2 cores): MB/s end to end, and how much of it is naskh.

The documents (real articles repeated to about 500 MB, as ``bench_normalize.py``) are
written to a Parquet file in a temporary folder; each measurement reads it, runs the
column through ``mapInArrow`` and writes to Spark's ``noop`` sink (everything is
computed, nothing is stored):

- ``naskh.spark.normalize_column`` (the real thing);
- the same ``mapInArrow`` with a function that returns its batches unchanged: what
  Spark, Parquet and the JVM <-> Python Arrow transfer cost without naskh;
- the time spent inside ``normalize_arrow`` itself, summed over the tasks (an
  accumulator), against the cores' time.

"Share that is naskh" is reported both ways: ``1 - identity/naskh`` of the wall time,
and naskh's summed time / (2 cores x wall time).

    python python/benches/bench_spark.py [--mb 500] [--profile search] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import warnings
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_normalize import DEFAULT_ARTICLES, load_documents, utf8_bytes  # noqa: E402

import naskh  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--mb", type=float, default=500)
    ap.add_argument("--profile", default="search")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=FutureWarning)

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this interpreter

    from naskh.spark import normalize_column

    docs = load_documents(args.articles, args.mb)
    nbytes = utf8_bytes(docs)
    print(f"{len(docs)} documents, {nbytes / 1e6:.1f} MB; profile {args.profile}; naskh {naskh.__version__}")
    with tempfile.TemporaryDirectory(prefix="naskh-spark-") as tmp:
        path = str(Path(tmp) / "docs.parquet")
        pq.write_table(pa.table({"id": list(range(len(docs))), "text": docs}), path, row_group_size=4096)
        del docs
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("naskh-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
            # Partitions of ~32 MB, so that both cores have work to the end.
            .config("spark.sql.files.maxPartitionBytes", str(32 << 20))
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        inside = spark.sparkContext.accumulator(0.0)
        normalizer = naskh.Normalizer(args.profile)

        def identity(batches):
            yield from batches

        def timed_naskh(batches):
            # normalize_column's body, with the time inside normalize_arrow counted.
            for b in batches:
                t = time.perf_counter()
                out = normalizer.normalize_arrow(b.column(1), threads=1)
                inside.add(time.perf_counter() - t)
                yield pa.RecordBatch.from_arrays([b.column(0), out], names=b.schema.names)

        def run(make):
            t = time.perf_counter()
            make(spark.read.parquet(path)).write.format("noop").mode("overwrite").save()
            return time.perf_counter() - t

        df0 = spark.read.parquet(path)
        runs = {
            "read + write, no Python": lambda df: df,
            "mapInArrow, identity": lambda df: df.mapInArrow(identity, df0.schema),
            "naskh.spark.normalize_column": lambda df: normalize_column(df, "text", args.profile),
            "mapInArrow + normalize_arrow, timed inside": lambda df: df.mapInArrow(timed_naskh, df0.schema),
        }
        # Warm up the JVM, the file cache and the Python workers.
        run(runs["read + write, no Python"])
        run(runs["mapInArrow, identity"])
        medians = {}
        for name, make in runs.items():
            inside.value = 0.0
            secs = [run(make) for _ in range(args.repeat)]
            medians[name] = statistics.median(secs)
            extra = ""
            if name.endswith("timed inside"):
                per_run = inside.value / args.repeat
                extra = f"; inside normalize_arrow {per_run:.2f} s of task time per run"
                medians["inside"] = per_run
            print(f"  {name:<44} {nbytes / 1e6 / medians[name]:7.1f} MB/s end to end "
                  f"(median {medians[name]:.2f} s of {args.repeat}){extra}", flush=True)
        t_naskh = medians["naskh.spark.normalize_column"]
        t_id = medians["mapInArrow, identity"]
        print(f"  -> share of the end-to-end time that naskh adds: {1 - t_id / t_naskh:.0%} "
              f"(identity {t_id:.2f} s vs {t_naskh:.2f} s)")
        print(f"  -> normalize_arrow's own time / (2 cores x wall): "
              f"{medians['inside'] / (2 * medians['mapInArrow + normalize_arrow, timed inside']):.0%}")
        spark.stop()


if __name__ == "__main__":
    main()
