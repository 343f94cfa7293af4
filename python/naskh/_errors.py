"""The exceptions naskh raises: every one is a :class:`naskh.Error`."""

from __future__ import annotations

from typing import Optional, Sequence


class Error(Exception):
    """Base class of every error naskh raises (``except naskh.Error`` catches them all)."""


class UnknownNameError(Error, ValueError):
    """A rule or profile name that does not exist.

    ``what`` is ``"rule"`` or ``"profile"``, ``name`` the name given and ``suggestions``
    the nearest valid names, best first (the message lists them too).

    >>> import naskh
    >>> try:
    ...     naskh.normalize("x", profile="serch")
    ... except naskh.UnknownNameError as e:
    ...     print(e.suggestions[0])
    search
    """

    def __init__(
        self,
        message: str,
        what: str = "",
        name: str = "",
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.what = what
        self.name = name
        self.suggestions = list(suggestions)

    def __reduce__(self):  # picklable with its attributes (Spark and Ray ship errors)
        return (type(self), (str(self), self.what, self.name, self.suggestions))


class TextError(Error, ValueError):
    """Text that has no UTF-8 form (a ``str`` with a lone surrogate), or an Arrow array
    whose bytes are not valid UTF-8. ``index`` is the position of the problem (a ``str``
    index, or the row of the array), when known."""

    def __init__(self, message: str, index: Optional[int] = None) -> None:
        super().__init__(message)
        self.index = index

    def __reduce__(self):
        return (type(self), (str(self), self.index))


class UnsupportedArrayError(Error, TypeError):
    """An object ``normalize_arrow`` cannot take: not an Arrow array, or not of a string
    type (``string``, ``large_string``, or a ``ChunkedArray`` of one)."""


class CapacityError(Error, OverflowError):
    """A result too large for its Arrow type: a ``string`` array's output past 2 GiB
    (its offsets are 32-bit). Use ``large_string``."""
