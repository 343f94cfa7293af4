"""naskh (نسخ) for Python: normalise, extract and diff Arabic news text.

The same library as the ``naskh`` command line, byte for byte: ``naskh.normalize(text,
profile="search")`` is ``naskh normalize -p search``; ``naskh.extract`` is ``naskh extract
--format json``; ``naskh.diff`` is ``naskh diff --format json``.

>>> import naskh
>>> naskh.normalize("أَعْلَنَتْ الحُكُومَةُ", profile="search")
'اعلنت الحكومه'
>>> n = naskh.Normalizer(profile="search")       # compile once, use many times
>>> n.normalize_batch(["الـقاهرة", None, "مِصْر"])  # in parallel, without the GIL
['القاهره', None, 'مصر']
>>> text, offsets = n.normalize_with_offsets("الـقاهرة")
>>> offsets.to_input(0, len(text))                # str indices of the original
(0, 8)

Batches of Arrow strings (``pyarrow``), and the integrations:

- :func:`normalize_arrow`: a pyarrow ``string``/``large_string`` array or ChunkedArray in,
  the same type out, nulls kept, without Python strings in between;
- :mod:`naskh.spark`, :mod:`naskh.ray`, :mod:`naskh.datatrove`.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from naskh._errors import (
    CapacityError,
    Error,
    TextError,
    UnknownNameError,
    UnsupportedArrayError,
)
from naskh import _native
from naskh._native import (
    Normalizer,
    OffsetMap,
    __version__,
    diff,
    extract,
    normalize,
    profiles,
    rules,
)

__all__ = [
    "CapacityError",
    "Error",
    "Normalizer",
    "OffsetMap",
    "TextError",
    "UnknownNameError",
    "UnsupportedArrayError",
    "__version__",
    "diff",
    "extract",
    "normalize",
    "normalize_arrow",
    "normalize_batch",
    "profiles",
    "rules",
]

Rules = Union[str, Iterable[str], None]


def normalize_arrow(
    array: Any,
    profile: str = "canonical",
    rules: Rules = None,
    quote_style: str = "guillemets",
    *,
    threads: Optional[int] = None,
) -> Any:
    """Normalise every string of a pyarrow array.

    ``array`` is a ``pyarrow.StringArray``, ``LargeStringArray`` or a ``ChunkedArray`` of
    one (or any object with ``__arrow_c_array__`` of such a type); the result has the same
    type, length and nulls. An array of type ``null`` (what pyarrow infers for a batch
    with no string) comes back as it is. The strings are read from Arrow's buffers through the C data
    interface and written into one new buffer; the GIL is released meanwhile.
    ``threads=None`` uses one thread per core (``RAYON_NUM_THREADS`` caps it), ``1`` the
    calling thread only.

    >>> import pyarrow as pa, naskh
    >>> naskh.normalize_arrow(pa.array(["مِصْرُ", None]), profile="search").to_pylist()
    ['مصر', None]

    Raises :class:`UnsupportedArrayError` for other types, :class:`TextError` for an
    array whose bytes are not valid UTF-8, :class:`CapacityError` when a ``string``
    array's result would pass 2 GiB.
    """
    return _native.normalize_arrow_array(array, profile, rules, quote_style, threads)


def normalize_batch(
    texts: Iterable[Optional[str]],
    profile: str = "canonical",
    rules: Rules = None,
    quote_style: str = "guillemets",
    *,
    threads: Optional[int] = None,
) -> list:
    """``Normalizer(profile, rules, quote_style).normalize_batch(texts, threads=threads)``.

    >>> import naskh
    >>> naskh.normalize_batch(["أَهْلًا", None], profile="search")
    ['اهلا', None]
    """
    return Normalizer(profile, rules, quote_style).normalize_batch(texts, threads=threads)
