"""The integrations for real: PySpark in local mode, Ray in local mode, datatrove's local
executor (each module's docstring example is run too), and the polars and Hugging Face
examples of the README."""

from __future__ import annotations

import doctest
import json
import os
import random
import sys

import pyarrow as pa
import pytest

import naskh
from conftest import arabic_text


def rows(n: int, seed: int = 5) -> list[tuple[int, str | None]]:
    rng = random.Random(seed)
    return [(i, None if i % 17 == 0 else arabic_text(rng, rng.randrange(1, 200))) for i in range(n)]


def run_docstring(module, tmp_path, monkeypatch) -> None:
    """Run ``module``'s docstring examples (in a scratch folder) and fail on any miss."""
    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0, result


# --- Spark ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Spark starts its Python workers with `python3` from PATH unless told: that is not
    # this virtualenv's interpreter when pytest is run by its path, unactivated (.ci/run).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("naskh-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_docstring_example(spark, tmp_path, monkeypatch):
    import naskh.spark

    run_docstring(naskh.spark, tmp_path, monkeypatch)


def test_spark_normalize_column_equals_normalize(spark):
    from naskh.spark import normalize_column

    data = rows(2000)
    df = spark.createDataFrame(data, "id long, text string").repartition(4)
    out = normalize_column(df, "text", profile="search").orderBy("id").collect()
    n = naskh.Normalizer("search")
    assert [(r.id, r.text) for r in out] == [(i, None if t is None else n(t)) for i, t in data]


def test_spark_output_column_keeps_the_input(spark):
    from naskh.spark import normalize_column

    data = rows(300, seed=6)
    df = spark.createDataFrame(data, "id long, text string")
    out = normalize_column(df, "text", "camel", output_column="folded")
    assert out.columns == ["id", "text", "folded"]
    got = {r.id: (r.text, r.folded) for r in out.collect()}
    for i, t in data:
        assert got[i] == (t, None if t is None else naskh.normalize(t, "camel"))


def test_spark_errors(spark):
    from naskh.spark import normalize_column

    df = spark.createDataFrame([(1, "x")], "id long, text string")
    with pytest.raises(ValueError, match="no column 'body'"):
        normalize_column(df, "body")
    with pytest.raises(TypeError, match="is bigint, not a string"):
        normalize_column(df, "id")
    with pytest.raises(naskh.UnknownNameError):
        normalize_column(df, "text", profile="serch")


# --- Ray -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_local():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_ray_docstring_example(ray_local, tmp_path, monkeypatch):
    import naskh.ray

    run_docstring(naskh.ray, tmp_path, monkeypatch)


def test_ray_normalize_dataset_equals_normalize(ray_local):
    import ray.data

    from naskh.ray import normalize_dataset

    data = rows(1500, seed=7)
    ds = ray.data.from_items([{"id": i, "text": t} for i, t in data], override_num_blocks=4)
    out = normalize_dataset(ds, "text", "search", output_column="norm", batch_size=200)
    got = sorted(out.take_all(), key=lambda r: r["id"])
    n = naskh.Normalizer("search")
    assert [(r["id"], r["text"], r["norm"]) for r in got] == [(i, t, None if t is None else n(t)) for i, t in data]


def test_ray_normalize_table_in_place():
    from naskh.ray import normalize_table

    table = pa.table({"id": [1, 2], "text": ["مـصر", None]})
    out = normalize_table(table, "text", naskh.Normalizer("search"))
    assert out.column_names == ["id", "text"] and out.column("text").to_pylist() == ["مصر", None]
    with pytest.raises(ValueError, match="no column 'body'"):
        normalize_table(table, "body", naskh.Normalizer())


# --- datatrove -----------------------------------------------------------------------


def test_datatrove_docstring_example(tmp_path, monkeypatch):
    import naskh.datatrove

    run_docstring(naskh.datatrove, tmp_path, monkeypatch)
    assert list((tmp_path / "out").iterdir())


def test_datatrove_step_normalises_and_counts(tmp_path):
    import gzip

    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter

    from naskh.datatrove import NaskhFormatter

    data = [(i, t) for i, t in rows(400, seed=8) if t is not None]
    data += [(1000, "نص بلا تغيير")]  # one document that needs no change
    docs = [Document(text=t, id=str(i)) for i, t in data]
    LocalPipelineExecutor(
        pipeline=[docs, NaskhFormatter(profile="search"), JsonlWriter(str(tmp_path / "out"))],
        logging_dir=str(tmp_path / "logs"),
        tasks=1,
    ).run()
    written = {}
    for f in (tmp_path / "out").iterdir():
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                written[d["id"]] = d["text"]
    n = naskh.Normalizer("search")
    assert written == {str(i): n(t) for i, t in data}
    # The step's stats: per-rule totals equal the batch's counts; changed documents.
    _, counts = n.normalize_batch_with_stats([t for _, t in data])
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if "naskh" in s["name"])

    def total(stat):  # datatrove writes a stat updated only by 1s as a bare number
        return stat if isinstance(stat, int) else stat["total"]

    assert counts
    for rule, n_changes in counts.items():
        assert total(step["stats"][f"naskh/{rule}"]) == n_changes, rule
    assert not [k for k in step["stats"] if k.startswith("naskh/") and k[6:] not in counts]
    changed = sum(1 for _, t in data if n(t) != t)
    assert 0 < changed < len(data) or changed == len(data)
    assert total(step["stats"]["changed"]) == changed
    assert total(step["stats"]["total"]) == len(data)


# --- polars and Hugging Face datasets (README examples) --------------------------------


def test_polars_example():
    import polars as pl

    df = pl.DataFrame({"text": ["أَعْلَنَتْ الحُكُومَةُ", None]})
    # README: polars keeps strings as string views; hand naskh large_string.
    out = df.with_columns(
        pl.col("text").map_batches(
            lambda s: pl.from_arrow(
                naskh.normalize_arrow(s.to_arrow(compat_level=pl.CompatLevel.oldest()), profile="search")
            ),
            return_dtype=pl.String,
        )
    )
    assert out["text"].to_list() == ["اعلنت الحكومه", None]


def test_hugging_face_datasets_examples():
    import datasets

    datasets.disable_progress_bars()
    n = naskh.Normalizer(profile="search")
    data = [t for _, t in rows(300, seed=9)]
    ds = datasets.Dataset.from_dict({"text": data})
    expected = [None if t is None else n(t) for t in data]
    # README: a batched map over Python lists.
    out = ds.map(lambda b: {"text": n.normalize_batch(b["text"])}, batched=True)
    assert list(out["text"]) == expected
    # README: on Arrow tables, without Python strings.
    out = ds.with_format("arrow").map(
        lambda t: t.set_column(t.schema.get_field_index("text"), "text", n.normalize_arrow(t["text"])),
        batched=True,
    )
    assert list(out.with_format(None)["text"]) == expected
