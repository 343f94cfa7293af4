"""The Python API: arguments, results, batches, stats, pickling and errors."""

from __future__ import annotations

import pickle
import random
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import naskh
from conftest import POOL, WORDS, arabic_text


def test_normalize_defaults_to_canonical():
    # NBSP becomes a space; letters are never touched by canonical.
    assert naskh.normalize("قال لافروف:\u00a0«نعم»") == "قال لافروف: «نعم»"
    assert naskh.normalize("أَعْلَنَتْ", profile="canonical") == "أَعْلَنَتْ"
    assert naskh.normalize("أَعْلَنَتْ الحُكُومَةُ", profile="search") == "اعلنت الحكومه"


def test_rules_edit_a_profile_as_str_or_list():
    text = "الحُكُومَةُ"
    assert naskh.normalize(text, "search", "-teh-marbuta-to-heh") == "الحكومة"
    assert naskh.normalize(text, "search", ["-teh-marbuta-to-heh"]) == "الحكومة"
    assert naskh.normalize(text, "none", "strip-tashkeel") == "الحكومة"
    assert naskh.normalize(text, "none", ("+strip-tashkeel", "teh-marbuta-to-heh")) == "الحكومه"


def test_quote_styles():
    text = 'قال: "نعم"'
    assert naskh.normalize(text, "typography") == "قال: «نعم»"
    assert naskh.normalize(text, "typography", quote_style="curly") == "قال: “نعم”"
    assert naskh.normalize(text, "typography", quote_style="straight") == 'قال: "نعم"'


def test_normalizer_properties_repr_and_equality():
    n = naskh.Normalizer(profile="search", rules="-strip-tatweel", quote_style="curly")
    assert n.profile == "search"
    assert n.quote_style == "curly"
    search = next(p for p in naskh.profiles() if p["name"] == "search")["rules"]
    assert n.rules == [r for r in search if r != "strip-tatweel"]
    assert repr(n) == 'naskh.Normalizer(profile="search", rules="-strip-tatweel", quote_style="curly")'
    # Equal when the same rules run, however they were spelled.
    same = naskh.Normalizer("none", ",".join(n.rules), "curly")
    assert same == n and hash(same) == hash(n)
    assert naskh.Normalizer("search") != n
    assert naskh.Normalizer() == naskh.Normalizer("canonical")


@pytest.mark.parametrize("profile", [p["name"] for p in naskh.profiles()])
def test_pickle_round_trip_normalises_the_same(profile):
    n = naskh.Normalizer(profile, "-collapse-spaces" if profile != "none" else None, "straight")
    m = pickle.loads(pickle.dumps(n))
    assert m == n and repr(m) == repr(n)
    text = arabic_text(random.Random(profile), 400)
    assert m(text) == n(text)


def test_unchanged_text_is_the_same_object():
    text = "نص بلا تغيير"
    assert naskh.Normalizer("search")(text) is text


def test_batch_equals_one_by_one_and_keeps_none():
    rng = random.Random(7)
    texts = [arabic_text(rng, rng.randrange(0, 400)) for _ in range(500)]
    texts[3] = None
    texts[10] = ""
    n = naskh.Normalizer("search")
    expected = [None if t is None else n(t) for t in texts]
    for threads in (None, 1, 2, 3):
        assert n.normalize_batch(texts, threads=threads) == expected
    assert n.normalize_batch(iter(texts)) == expected  # any iterable
    assert naskh.normalize_batch(texts, "search") == expected
    assert n.normalize_batch([]) == []


def test_batch_stats_add_up_the_single_stats():
    rng = random.Random(8)
    texts = [arabic_text(rng, 200) for _ in range(300)]
    n = naskh.Normalizer("search")
    total: dict[str, int] = {}
    for t in texts:
        out, counts = n.normalize_with_stats(t)
        assert out == n(t)
        assert all(v > 0 for v in counts.values())
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    outs, stats = n.normalize_batch_with_stats(texts, threads=2)
    assert outs == [n(t) for t in texts]
    assert stats == total
    # Keys are rule names in rule order.
    order = [r["name"] for r in naskh.rules()]
    assert list(stats) == sorted(stats, key=order.index)


def test_stats_count_what_changed():
    _, counts = naskh.Normalizer("search").normalize_with_stats("مـــصر")
    assert counts == {"strip-tatweel": 3}
    assert naskh.Normalizer("search").normalize_with_stats("مصر") == ("مصر", {})


def test_batch_releases_the_gil():
    # Two Python threads each normalising a batch finish; while one runs in Rust the
    # other can run Python code (a counter advances).
    big = ["أَعْلَنَتْ الحُكُومَةُ " * 2000] * 200
    n = naskh.Normalizer("search")
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    n.normalize_batch(big, threads=1)
    done.set()
    t.join()
    assert ticks > 1000


def test_unknown_names_suggest_the_nearest():
    with pytest.raises(naskh.UnknownNameError) as e:
        naskh.normalize("x", profile="serch")
    assert e.value.what == "profile" and e.value.name == "serch"
    assert e.value.suggestions[0] == "search"
    assert "did you mean 'search'" in str(e.value)
    assert isinstance(e.value, ValueError) and isinstance(e.value, naskh.Error)
    with pytest.raises(naskh.UnknownNameError) as e:
        naskh.Normalizer("search", rules="-strip-tatweal")
    assert e.value.what == "rule" and "strip-tatweel" in e.value.suggestions
    assert pickle.loads(pickle.dumps(e.value)).suggestions == e.value.suggestions


def test_bad_arguments_are_python_errors():
    with pytest.raises(ValueError, match="unknown quote style 'fancy'"):
        naskh.normalize("x", quote_style="fancy")
    with pytest.raises(TypeError, match="rules must be"):
        naskh.normalize("x", rules=3)
    with pytest.raises(ValueError, match="contains a comma"):
        naskh.normalize("x", rules=["a,b"])
    with pytest.raises(TypeError, match="not int"):
        naskh.Normalizer().normalize_batch(["a", 5])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        naskh.Normalizer().normalize_batch(["a"], threads=0)
    with pytest.raises(TypeError):
        naskh.normalize(b"bytes")


@pytest.mark.parametrize(
    "call",
    [
        lambda t: naskh.normalize(t),
        lambda t: naskh.Normalizer("search")(t),
        lambda t: naskh.Normalizer("search").normalize_with_offsets(t),
        lambda t: naskh.Normalizer("search").normalize_batch(["ok", t]),
        lambda t: naskh.extract(t),
        lambda t: naskh.diff("ok", t),
    ],
)
def test_lone_surrogates_are_a_text_error(call):
    with pytest.raises(naskh.TextError) as e:
        call("أب\ud800ج")
    assert "U+D800" in str(e.value)


def test_lone_surrogate_index():
    with pytest.raises(naskh.TextError) as e:
        naskh.normalize("أب\udfffج")
    assert e.value.index == 2


def test_nul_and_huge_lines_are_text_like_any_other():
    # NUL is text: no error, and a profile without strip-control-chars keeps it ...
    assert naskh.normalize("a\x00ب", "search", rules=["-strip-control-chars"]) == "a\x00ب"
    # ... while search (like every profile with the rule) strips it
    assert naskh.normalize("a\x00ب", "search") == "aب"
    line = "مـصر " * 400_000  # one 4 MB line
    assert naskh.normalize(line, "search") == "مصر " * 399_999 + "مصر"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(POOL + WORDS), max_size=80).map("".join), st.sampled_from([p["name"] for p in naskh.profiles()]))
def test_every_profile_is_idempotent_but_camel(text, profile):
    n = naskh.Normalizer(profile)
    once = n(text)
    if profile != "camel":  # camel: NFKC before letter rules (documented exception)
        assert n(once) == once


def test_extract_and_diff_are_dicts():
    article = naskh.extract("عنوان\n\nقال الوزير: «نعم».\n")
    assert article["headline"]["text"] == "عنوان"
    assert article["quotes"][0]["text"] == "نعم"
    d = naskh.diff("النمو 19%.\n", "النمو 7%.\n", old_name="a", new_name="b")
    assert (d["old"]["name"], d["new"]["name"]) == ("a", "b")
    assert any(f["old"] == "19%" and f["new"] == "7%" for f in d["facts"])


def test_version_matches_the_crate():
    import re
    from conftest import REPO

    cargo = (REPO / "python" / "Cargo.toml").read_text()
    assert naskh.__version__ == re.search(r'^version = "(.+)"', cargo, re.M).group(1)
