"""Shared fixtures: the built ``naskh`` binary (parity tests run it), the corpus, and a
generator of Arabic-heavy text."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

import naskh

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"

# The tests are of the installed wheel. Run from python/ (or with python/ on sys.path),
# `import naskh` finds the source folder, which has no extension module; Spark's and
# Ray's workers would fail the same way, later and less clearly.
if Path(naskh.__file__).resolve().parent == REPO / "python" / "naskh":
    raise RuntimeError(
        "naskh was imported from the source folder python/naskh: install the wheel "
        "(see README.md) and run pytest from python/tests"
    )


def corpus_files() -> list[Path]:
    """Every article and fixture of ``corpus/``."""
    files = sorted(CORPUS.rglob("*.txt"))
    assert files, f"no corpus files under {CORPUS}"
    return files


@pytest.fixture(scope="session")
def naskh_bin() -> Path:
    """The CLI to compare with: ``$NASKH_BIN``, else ``cargo build --release`` here."""
    given = os.environ.get("NASKH_BIN")
    if given:
        path = Path(given).resolve()
        assert path.is_file(), f"NASKH_BIN={given} is not a file"
        return path
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--bin", "naskh"],
        cwd=REPO,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return REPO / "target" / "release" / "naskh"


def run_cli(naskh_bin: Path, *args: str, ok=(0,), input: bytes | None = None) -> bytes:
    """Run the CLI and return its standard output (asserting its exit status)."""
    p = subprocess.run(
        [str(naskh_bin), *args],
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
    )
    assert p.returncode in ok, f"naskh {' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace')}"
    return p.stdout


# Characters that exercise every rule: letters and their variants, marks, tatweel,
# presentation forms and ligatures, digits of three systems, quotes, dashes, punctuation,
# spaces and invisible controls, entities, line ends, Latin, and astral characters.
POOL = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    + list("أإآٱءؤئىة")
    + [chr(c) for c in range(0x064B, 0x0656)]  # tashkeel, hamza marks
    + ["\u0670", "\u0640", "\u0640\u0640", "\u06D6", "\u06E5", "\u06DD"]
    + ["\uFDFA", "\uFDFC", "\uFEFB", "\uFEF7", "\uFE8D", "\uFEE1"]
    + list("٠١٢٣٤٥٦٧٨٩") + list("۰۱۲۳") + list("0123456789")
    + list("«»“”„‘’\"'") + ["\u2013", "\u2014", "-"]
    + list("،؛؟.:!,;?()٪٫٬%")
    + ["\u00A0", "\u2009", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202B", "\u202E", "\u2066", "\uFEFF", "\u00AD"]
    + ["&amp;", "&nbsp;", "&#1575;", "&quot;", "&"]
    + ["\n", "\n\n", "\n\n\n", "\r\n", "\r", "\t", " ", "  "]
    + list("abcXYZ") + ["https://x.com/a.b"]
    + ["ی", "ک", "پ", "گ"]
    + ["𝔸", "😀", "\U00010E60"]
)
WORDS = ["قال", "الوزير", "وأضاف:", "الحكومة", "مِصْرُ", "«نعم»", "ﷺ", "لافروف", "2016", "١٥٫٥"]


def arabic_text(rng: random.Random, size: int) -> str:
    """A random Arabic-heavy text of about ``size`` pieces (no NUL: the CLI rejects
    binary files)."""
    out = []
    for _ in range(size):
        r = rng.random()
        if r < 0.3:
            out.append(rng.choice(WORDS))
        elif r < 0.45:
            out.append(" ")
        else:
            out.append(rng.choice(POOL))
    return "".join(out)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(12)
