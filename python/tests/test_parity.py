"""The Python package gives what the CLI gives, byte for byte: every profile on every
corpus file and on generated Arabic-heavy text; extract and diff as JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import naskh
from conftest import POOL, REPO, WORDS, arabic_text, corpus_files, run_cli

PROFILES = [p["name"] for p in naskh.profiles()]
# Edits and quote styles on top of the profiles, as `-r` and `--quote-style` take them.
VARIANTS = [
    ("search", "-teh-marbuta-to-heh,+unify-dashes", "guillemets"),
    ("none", "strip-tatweel,collapse-spaces", "guillemets"),
    ("typography", None, "straight"),
    ("typography", None, "curly"),
    ("canonical", "+unicode-nfkc", "guillemets"),
]


def test_every_profile_is_covered():
    assert PROFILES == ["none", "canonical", "typography", "search", "lucene", "camel", "quran"]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_as_cli(naskh_bin, path: Path, profile: str):
    text = path.read_text(encoding="utf-8")
    cli = run_cli(naskh_bin, "normalize", "-p", profile, str(path))
    assert naskh.normalize(text, profile=profile).encode() == cli
    assert naskh.Normalizer(profile=profile)(text).encode() == cli


@pytest.mark.parametrize("profile,rules,style", VARIANTS)
def test_rule_edits_and_quote_styles_as_cli(naskh_bin, profile, rules, style):
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        args = ["normalize", "-p", profile, "--quote-style", style, str(path)]
        if rules:
            args[3:3] = ["-r", rules]
        cli = run_cli(naskh_bin, *args)
        assert naskh.normalize(text, profile, rules, style).encode() == cli, path.name
        as_list = rules.split(",") if rules else None
        assert naskh.normalize(text, profile, as_list, style).encode() == cli, path.name


def cli_in_place(naskh_bin, tmp: Path, texts: list[str], *args: str) -> list[str]:
    """Each text through the CLI: written to its own file, `--in-place`, read back."""
    files = []
    for i, t in enumerate(texts):
        f = tmp / f"t{i:04}.txt"
        f.write_bytes(t.encode())
        files.append(f)
    run_cli(naskh_bin, "normalize", *args, "--in-place", *map(str, files))
    return [f.read_bytes().decode() for f in files]


@pytest.mark.parametrize("profile", PROFILES)
def test_generated_text_as_cli(naskh_bin, tmp_path, profile):
    rng = random.Random(f"parity-{profile}")
    texts = [arabic_text(rng, rng.randrange(1, 300)) for _ in range(400)]
    expected = cli_in_place(naskh_bin, tmp_path, texts, "-p", profile)
    n = naskh.Normalizer(profile=profile)
    for t, e in zip(texts, expected):
        assert n(t) == e, repr(t)
    assert n.normalize_batch(texts) == expected


texts_strategy = st.lists(
    st.lists(
        st.sampled_from(POOL + WORDS),
        min_size=1,
        max_size=60,
    ).map("".join),
    min_size=30,
    max_size=30,
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(texts=texts_strategy, profile=st.sampled_from(PROFILES))
def test_hypothesis_text_as_cli(naskh_bin, tmp_path_factory, texts, profile):
    tmp = tmp_path_factory.mktemp("hyp")
    assert naskh.normalize_batch(texts, profile) == cli_in_place(naskh_bin, tmp, texts, "-p", profile)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_extract_as_cli(naskh_bin, path: Path):
    cli = json.loads(run_cli(naskh_bin, "extract", "--format", "json", str(path)))
    assert naskh.extract(path.read_text(encoding="utf-8")) == cli


def test_extract_keeps_the_cli_field_order(naskh_bin):
    path = REPO / "corpus" / "rt-lavrov-de-mistura.txt"
    cli = json.loads(run_cli(naskh_bin, "extract", "--format", "json", str(path)))
    ours = naskh.extract(path.read_text(encoding="utf-8"))
    assert list(ours) == list(cli)
    assert ours["quotes"] and list(ours["quotes"][0]) == list(cli["quotes"][0])


def revision_pairs() -> list[tuple[Path, Path]]:
    data = REPO / "tests" / "data" / "revisions"
    pairs = [(old, old.with_name(old.name.replace(".old.", ".new."))) for old in sorted(data.glob("*.old.txt"))]
    assert pairs
    return pairs


@pytest.mark.parametrize("lines", [False, True])
@pytest.mark.parametrize("pair", revision_pairs(), ids=lambda p: p[0].name)
def test_diff_as_cli(naskh_bin, pair, lines):
    old, new = pair
    args = ["diff", "--format", "json", str(old), str(new)] + (["--lines"] if lines else [])
    cli = json.loads(run_cli(naskh_bin, *args, ok=(0, 1)))
    ours = naskh.diff(
        old.read_text(encoding="utf-8"),
        new.read_text(encoding="utf-8"),
        old_name=str(old),
        new_name=str(new),
        lines=lines,
    )
    assert ours == cli
    assert ours["schema"] == "naskh.diff/2"


def test_diff_of_a_text_with_itself_has_no_change():
    text = (REPO / "corpus" / "rt-lavrov-de-mistura.txt").read_text(encoding="utf-8")
    d = naskh.diff(text, text)
    assert d["summary"]["changed"] == d["summary"]["deleted"] == d["summary"]["inserted"] == 0


def test_profiles_and_rules_as_cli_list(naskh_bin):
    listing = run_cli(naskh_bin, "normalize", "--list").decode()
    # "  NAME        SUMMARY" then "                rules: a, b, c"
    lines = listing.splitlines()
    for p in naskh.profiles():
        i = next(i for i, l in enumerate(lines) if l.startswith(f"  {p['name']:<11} "))
        assert p["summary"] in lines[i]
        if p["rules"]:
            assert lines[i + 1].split("rules: ", 1)[1] == ", ".join(p["rules"])
    rule_lines = [l for l in lines if l.startswith("  ") and "  (" in l and "; in: " in l]
    assert [l.split()[0] for l in rule_lines] == [r["name"] for r in naskh.rules()]
    for r in naskh.rules():
        line = next(l for l in rule_lines if l.split()[0] == r["name"])
        assert f"({r['kind']}; in: " in line
        shown = line.split("; in: ", 1)[1].rstrip(")")
        assert shown == (", ".join(r["profiles"]) or "no profile")
        for m in r["ranges"]:
            first = f"U+{m['first']:04X}"
            assert first in listing
