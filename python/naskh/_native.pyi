"""Type stubs of the extension module (re-exported by ``naskh``)."""

from typing import Any, Iterable, Literal, Optional, Sequence, Union

__version__: str

QuoteStyle = Literal["guillemets", "straight", "curly"]
Rules = Union[str, Iterable[str], None]
Segment = tuple[int, int, int, int, bool]

def normalize(
    text: str,
    profile: str = "canonical",
    rules: Rules = None,
    quote_style: QuoteStyle = "guillemets",
) -> str:
    """Normalise ``text`` with a profile (``none``, ``canonical``, ``typography``,
    ``search``, ``lucene``, ``camel``, ``quran``), edited by ``rules`` (``"name"`` or
    ``"+name"`` adds, ``"-name"`` removes; a comma-separated str or a list). The same
    result as ``naskh normalize -p PROFILE -r RULES --quote-style STYLE``.

    >>> normalize("أَعْلَنَتْ الحُكُومَةُ", profile="search")
    'اعلنت الحكومه'
    >>> normalize("قال:\\u00a0«نعم»")
    'قال: «نعم»'

    Raises ``naskh.UnknownNameError`` for an unknown profile or rule, ``naskh.TextError``
    for a ``str`` with a lone surrogate.
    """

def extract(text: str) -> dict[str, Any]:
    """The structure of an article: ``naskh extract --format json``'s model (headline,
    byline, dateline, paragraphs, quotes with speakers, source, numbers, dates, stats).
    Every ``span`` is a UTF-8 byte range ``[start, end]`` of ``text``.

    >>> extract("عنوان\\n\\nقال الوزير: «نعم».\\n")["quotes"][0]["text"]
    'نعم'
    """

def diff(
    old: str,
    new: str,
    *,
    old_name: str = "old",
    new_name: str = "new",
    lines: bool = False,
) -> dict[str, Any]:
    """The diff of two revisions: ``naskh diff --format json``'s model (``naskh.diff/2``:
    aligned blocks, moves, word ops with classes, summary, facts). ``lines=True`` reads
    every line as a block (``--lines``).

    >>> diff("النمو 19%.\\n", "النمو 7%.\\n")["summary"]["changed"]
    1
    """

def profiles() -> list[dict[str, Any]]:
    """Every profile: ``name``, ``summary`` and ``rules`` (in the order they apply), as
    ``naskh normalize --list`` shows them."""

def rules() -> list[dict[str, Any]]:
    """Every rule in the order rules apply: ``name``, ``kind`` (``map`` or ``context``),
    ``summary``, ``profiles`` that include it, and ``ranges`` of code points
    (``first``, ``last``, ``to``: delete, char, str, shift, nfkc or context, ``with``)."""

def normalize_arrow_array(
    array: Any,
    profile: str = "canonical",
    rules: Rules = None,
    quote_style: QuoteStyle = "guillemets",
    threads: Optional[int] = None,
) -> Any: ...

class OffsetMap:
    """Maps ranges of a normalised text back to the original, in ``str`` indices or in
    UTF-8 bytes.

    >>> from naskh import Normalizer
    >>> out, m = Normalizer(profile="search").normalize_with_offsets("ﷺ!")
    >>> out
    'صلي الله عليه وسلم!'
    >>> m.to_input(4, 8)      # any part of an expansion maps to the whole ligature
    (0, 1)
    >>> m.to_input(18, 19)    # the '!' maps to itself
    (1, 2)
    """

    @property
    def output_len(self) -> int:
        """Length of the normalised text, in characters."""
    @property
    def input_len(self) -> int:
        """Length of the original text, in characters."""
    @property
    def is_identity(self) -> bool:
        """``True`` when nothing was changed."""
    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """The ``str`` range of the original that the output range ``start:end`` came
        from: unchanged text maps character for character, part of an edit maps to the
        whole edit, deleted characters belong to no output character (an empty range
        maps to what was deleted there). Positions past the end are clamped."""
    def to_input_bytes(self, start: int, end: int) -> tuple[int, int]:
        """``to_input`` in UTF-8 byte offsets (as ``naskh normalize --offsets``)."""
    def segments(self) -> list[Segment]:
        """``(output_start, output_end, input_start, input_end, copy)`` in ``str``
        indices, covering both texts in order; ``copy`` is ``False`` for an edit."""
    def segments_bytes(self) -> list[Segment]:
        """The segments in UTF-8 byte offsets (``naskh.offsets/1``'s ``segments``)."""

class Normalizer:
    """A rule selection compiled once, for many texts. Picklable (by its options), so
    Spark, Ray and multiprocessing can ship it to workers.

    >>> n = Normalizer(profile="search", rules="-teh-marbuta-to-heh")
    >>> n("القاهرة")
    'القاهرة'
    >>> n.normalize_batch(["أَهْلًا", None], threads=2)
    ['اهلا', None]
    """

    def __init__(
        self,
        profile: str = "canonical",
        rules: Rules = None,
        quote_style: QuoteStyle = "guillemets",
    ) -> None: ...
    def __call__(self, text: str) -> str:
        """Normalise one text."""
    def normalize(self, text: str) -> str:
        """Normalise one text (the same as calling the normaliser)."""
    def normalize_with_stats(self, text: str) -> tuple[str, dict[str, int]]:
        """The normalised text and, per rule that changed something, how many changes
        (characters for character rules, edits for context rules)."""
    def normalize_with_offsets(self, text: str) -> tuple[str, OffsetMap]:
        """The normalised text and the map from its ranges back to ``text``."""
    def normalize_batch(
        self, texts: Iterable[Optional[str]], *, threads: Optional[int] = None
    ) -> list[Optional[str]]:
        """Normalise every text (``None`` stays ``None``) in parallel, without the GIL.
        ``threads=None``: one thread per core (``RAYON_NUM_THREADS`` caps it); ``1``: the
        calling thread."""
    def normalize_batch_with_stats(
        self, texts: Iterable[Optional[str]], *, threads: Optional[int] = None
    ) -> tuple[list[Optional[str]], dict[str, int]]:
        """``normalize_batch`` and the per-rule counts of the whole batch."""
    def normalize_arrow(self, array: Any, *, threads: Optional[int] = None) -> Any:
        """Normalise a pyarrow ``string``/``large_string`` array or ``ChunkedArray``: see
        ``naskh.normalize_arrow``."""
    @property
    def profile(self) -> str:
        """The profile this normaliser started from."""
    @property
    def rules(self) -> list[str]:
        """The rules that run, in the order they apply."""
    @property
    def quote_style(self) -> QuoteStyle:
        """How ``unify-quotes`` writes quotation marks."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Error(Exception): ...
class UnknownNameError(Error, ValueError):
    what: str
    name: str
    suggestions: list[str]
class TextError(Error, ValueError):
    index: Optional[int]
class UnsupportedArrayError(Error, TypeError): ...
class CapacityError(Error, OverflowError): ...
