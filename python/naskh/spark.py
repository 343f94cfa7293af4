"""Normalise a column of a PySpark DataFrame with naskh, through Arrow (``mapInArrow``).

Each Spark task hands its rows to Python as Arrow record batches; the column is
normalised in Rust straight from Arrow's buffers (:func:`naskh.normalize_arrow`) and goes
back to the JVM as Arrow, never as Python strings. The :class:`naskh.Normalizer` is
pickled by its options and compiled once per Python worker.

>>> from pyspark.sql import SparkSession
>>> from naskh.spark import normalize_column
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()
>>> df = spark.createDataFrame([(1, "أَعْلَنَتْ الحُكُومَةُ"), (2, None)], "id long, text string")
>>> normalize_column(df, "text", profile="search").orderBy("id").collect()
[Row(id=1, text='اعلنت الحكومه'), Row(id=2, text=None)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from naskh import Normalizer

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["normalize_column"]


def normalize_column(
    df: "DataFrame",
    column: str,
    profile: str = "canonical",
    rules: Union[str, Iterable[str], None] = None,
    quote_style: str = "guillemets",
    *,
    output_column: Optional[str] = None,
    threads: int = 1,
) -> "DataFrame":
    """``df`` with ``column`` (a string column) normalised: in place, or into a new
    ``output_column`` added at the end. Nulls stay null; other columns pass through.
    Spark's Python workers must be able to import naskh (``PYSPARK_PYTHON`` names their
    interpreter).

    ``threads`` is per Spark task: Spark already runs one task per core, so the default
    of 1 keeps naskh from competing with the other tasks.
    """
    from pyspark.sql.types import StringType, StructField, StructType

    names = df.columns
    if column not in names:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {', '.join(names)})")
    field = df.schema[column]
    if not isinstance(field.dataType, StringType):
        raise TypeError(f"column {column!r} is {field.dataType.simpleString()}, not a string")
    normalizer = Normalizer(profile, rules, quote_style)
    index = names.index(column)
    target = output_column or column
    if target == column:
        schema = df.schema
    else:
        if target in names:
            raise ValueError(f"output column {target!r} already exists")
        schema = StructType(list(df.schema.fields) + [StructField(target, StringType(), True)])

    def normalize_batches(batches: Iterator["pa.RecordBatch"]) -> Iterator["pa.RecordBatch"]:
        import pyarrow as pa

        for batch in batches:
            out = normalizer.normalize_arrow(batch.column(index), threads=threads)
            arrays = list(batch.columns)
            names_ = list(batch.schema.names)
            if target == column:
                arrays[index] = out
            else:
                arrays.append(out)
                names_.append(target)
            yield pa.RecordBatch.from_arrays(arrays, names=names_)

    return df.mapInArrow(normalize_batches, schema)
