"""``normalize_arrow``: string, large_string and chunked arrays in, the same type out,
nulls kept, equal to ``normalize`` element by element, on one thread or many."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

import naskh
from conftest import arabic_text


def sample(n: int, seed: int = 1) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        r = rng.random()
        out.append(None if r < 0.1 else "" if r < 0.15 else arabic_text(rng, rng.randrange(1, 600)))
    return out


def expected(values: list, profile: str) -> list:
    n = naskh.Normalizer(profile)
    return [None if v is None else n(v) for v in values]


@pytest.mark.parametrize("typ", [pa.string(), pa.large_string()])
@pytest.mark.parametrize("threads", [None, 1, 2])
@pytest.mark.parametrize("profile", ["canonical", "search", "camel"])
def test_array_equals_normalize(typ, threads, profile):
    values = sample(3000)
    arr = pa.array(values, type=typ)
    out = naskh.normalize_arrow(arr, profile=profile, threads=threads)
    assert out.type == typ and isinstance(out, pa.Array)
    assert out.to_pylist() == expected(values, profile)
    assert out.null_count == arr.null_count
    assert out.is_null().equals(arr.is_null())
    out.validate(full=True)


def test_chunked_array_keeps_its_chunks():
    values = sample(900, seed=2)
    chunks = [pa.array(values[:300]), pa.array([], pa.string()), pa.array(values[300:])]
    arr = pa.chunked_array(chunks)
    out = naskh.normalize_arrow(arr, profile="search")
    assert isinstance(out, pa.ChunkedArray) and out.type == pa.string()
    assert [len(c) for c in out.chunks] == [300, 0, 600]
    assert out.to_pylist() == expected(values, "search")
    empty = pa.chunked_array([], type=pa.large_string())
    out = naskh.normalize_arrow(empty)
    assert out.type == pa.large_string() and len(out) == 0


def test_sliced_array_reads_from_its_offset():
    values = sample(500, seed=3)
    arr = pa.array(values).slice(123, 200)
    out = naskh.normalize_arrow(arr, "search", threads=2)
    assert out.to_pylist() == expected(values[123:323], "search")


def test_rules_and_quote_style_as_normalize():
    values = ['قال: "نعم" — ', None, "الحُكُومَةُ"]
    out = naskh.normalize_arrow(pa.array(values), "typography", "+strip-tashkeel", "curly")
    assert out.to_pylist() == [None if v is None else naskh.normalize(v, "typography", "+strip-tashkeel", "curly") for v in values]
    n = naskh.Normalizer("search")
    assert n.normalize_arrow(pa.array(values)).to_pylist() == [None if v is None else n(v) for v in values]


def test_all_null_and_empty_arrays():
    out = naskh.normalize_arrow(pa.array([None, None], pa.string()))
    assert out.to_pylist() == [None, None] and out.type == pa.string()
    assert naskh.normalize_arrow(pa.array([], pa.string())).to_pylist() == []
    # pyarrow infers `null` for values without a string: returned as they are.
    nulls = pa.array([None, None])
    assert nulls.type == pa.null() and naskh.normalize_arrow(nulls).equals(nulls)
    chunked = pa.chunked_array([nulls])
    assert naskh.normalize_arrow(chunked).equals(chunked)


def test_other_types_are_refused():
    for bad in [pa.array([1, 2]), pa.array([b"x"]), pa.array(["x"], pa.string_view())]:
        with pytest.raises(naskh.UnsupportedArrayError) as e:
            naskh.normalize_arrow(bad)
        assert isinstance(e.value, TypeError) and "cast it to string" in str(e.value)
    with pytest.raises(naskh.UnsupportedArrayError, match="got list"):
        naskh.normalize_arrow(["not", "arrow"])
    with pytest.raises(naskh.UnsupportedArrayError, match="ChunkedArray of type int64"):
        naskh.normalize_arrow(pa.chunked_array([pa.array([1])]))


def test_invalid_utf8_in_an_array_is_a_text_error():
    # A string array whose bytes are not UTF-8 (pyarrow does not check from_buffers).
    data = pa.py_buffer(b"ok\xff\xfe")
    offsets = pa.py_buffer(pa.array([0, 2, 4], pa.int32()).buffers()[1])
    bad = pa.Array.from_buffers(pa.string(), 2, [None, offsets, data])
    with pytest.raises(naskh.TextError, match="(?i)utf-?8"):
        naskh.normalize_arrow(bad)


def raw_string_array(data: bytes, offsets: list, typ=pa.string()):
    """A string array from raw buffers, as a careless producer can make one (pyarrow
    checks only the buffers' sizes)."""
    off = pa.array(offsets, pa.int32() if typ == pa.string() else pa.int64()).buffers()[1]
    return pa.Array.from_buffers(typ, len(offsets) - 1, [None, off, pa.py_buffer(data)])


@pytest.mark.parametrize("typ", [pa.string(), pa.large_string()])
def test_broken_string_arrays_are_text_errors_naming_the_row(typ):
    # Invalid UTF-8 in row 1.
    with pytest.raises(naskh.TextError, match="row 1: invalid UTF-8") as e:
        naskh.normalize_arrow(raw_string_array(b"ok\xff\xfe", [0, 2, 4], typ))
    assert e.value.index == 1
    # Valid bytes, but row 0 ends inside "أ" (2 bytes).
    with pytest.raises(naskh.TextError, match="inside a UTF-8 character"):
        naskh.normalize_arrow(raw_string_array("أب".encode(), [0, 1, 4], typ))
    # Offsets that go back.
    with pytest.raises(naskh.TextError, match="less than the one before it"):
        naskh.normalize_arrow(raw_string_array(b"abcd", [0, 3, 1, 4], typ))
    # The same bytes, well cut, are fine.
    assert naskh.normalize_arrow(raw_string_array("أب".encode(), [0, 2, 4], typ)).to_pylist() == ["أ", "ب"]


@pytest.mark.parametrize("threads", [1, 2])
def test_a_bad_row_in_a_big_array_is_named_on_every_path(threads):
    # Thirty-odd pieces of work (each piece's UTF-8 is checked where it is normalised):
    # the first bad row is named, whichever piece holds it and however many threads.
    rows = ["أب" * 1000 + str(i) for i in range(2000)]
    data = b"".join(r.encode() for r in rows)
    offsets = [0]
    for r in rows:
        offsets.append(offsets[-1] + len(r.encode()))
    for cut in [1, 1188, 1189, 1200, 1999]:
        # The row starts one byte into its "أ": the row before ends inside it.
        off = list(offsets)
        off[cut] += 1
        with pytest.raises(naskh.TextError, match=f"row {cut}: .*inside a UTF-8 character") as e:
            naskh.normalize_arrow(raw_string_array(data, off), "search", threads=threads)
        assert e.value.index == cut
    for bad in [0, 700, 1999]:
        # An invalid byte in place of the row's last digit; an earlier cut wins.
        at = offsets[bad + 1] - 1
        broken = data[:at] + b"\xff" + data[at + 1:]
        with pytest.raises(naskh.TextError, match=f"row {bad}: invalid UTF-8"):
            naskh.normalize_arrow(raw_string_array(broken, offsets), "search", threads=threads)
        off = list(offsets)
        off[1500] += 1
        first = min(bad, 1500)
        with pytest.raises(naskh.TextError, match=f"row {first}: "):
            naskh.normalize_arrow(raw_string_array(broken, off), "search", threads=threads)
    # Well cut, the same bytes are the rows.
    ok = naskh.normalize_arrow(raw_string_array(data, offsets), "search", threads=threads)
    assert ok.to_pylist() == [naskh.normalize(r, "search") for r in rows]


def test_output_past_two_gib_is_a_capacity_error():
    # ﷺ is 3 bytes and becomes "صلي الله عليه وسلم" (33 bytes): 70 MB of it would need
    # more than a string array's 2 GiB of offsets. (One thread: it stops as soon as the
    # output passes the limit. The parallel path's check is a Rust unit test.)
    arr = pa.array(["ﷺ" * 1_000_000] * 70)
    with pytest.raises(naskh.CapacityError, match="large_string"):
        naskh.normalize_arrow(arr, "search", threads=1)
