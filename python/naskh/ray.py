"""Normalise a column of a Ray Dataset with naskh, on Arrow batches
(``map_batches(batch_format="pyarrow")``): the strings go from Arrow's buffers through
Rust and back to Arrow, never as Python strings.

>>> import ray.data
>>> from naskh.ray import normalize_dataset
>>> ds = ray.data.from_items([{"id": 1, "text": "أَعْلَنَتْ الحُكُومَةُ"}, {"id": 2, "text": None}])
>>> sorted(normalize_dataset(ds, "text", profile="search").take_all(), key=lambda r: r["id"])
[{'id': 1, 'text': 'اعلنت الحكومه'}, {'id': 2, 'text': None}]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from naskh import Normalizer

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from ray.data import Dataset

__all__ = ["normalize_dataset", "normalize_table"]


def normalize_table(
    table: "pa.Table",
    column: str,
    normalizer: Normalizer,
    output_column: Optional[str] = None,
    threads: Optional[int] = 1,
) -> "pa.Table":
    """``table`` with ``column`` normalised by ``normalizer`` (in place, or appended as
    ``output_column``)."""
    index = table.schema.get_field_index(column)
    if index < 0:
        raise ValueError(f"no column {column!r} in the batch (columns: {', '.join(table.column_names)})")
    out = normalizer.normalize_arrow(table.column(index), threads=threads)
    if output_column is None or output_column == column:
        return table.set_column(index, column, out)
    return table.append_column(output_column, out)


def normalize_dataset(
    ds: "Dataset",
    column: str,
    profile: str = "canonical",
    rules: Union[str, Iterable[str], None] = None,
    quote_style: str = "guillemets",
    *,
    output_column: Optional[str] = None,
    threads: Optional[int] = 1,
    **map_batches_args: Any,
) -> "Dataset":
    """``ds`` with ``column`` (strings) normalised, in place or into ``output_column``.
    Nulls stay null. Other keyword arguments go to ``Dataset.map_batches`` (e.g.
    ``batch_size``, ``concurrency``); ``threads`` is per Ray task (each task has a core)."""
    normalizer = Normalizer(profile, rules, quote_style)

    def normalize_batch(table: "pa.Table") -> "pa.Table":
        return normalize_table(table, column, normalizer, output_column, threads)

    return ds.map_batches(normalize_batch, batch_format="pyarrow", **map_batches_args)
