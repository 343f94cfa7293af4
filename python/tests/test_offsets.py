"""Offset maps in ``str`` indices (code points), on text with astral characters, and in
UTF-8 bytes as the CLI writes them (``--offsets``)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import naskh
from conftest import POOL, WORDS, arabic_text, run_cli

PROFILES = [p["name"] for p in naskh.profiles()]


def check_map(text: str, out: str, m: naskh.OffsetMap) -> None:
    assert (m.input_len, m.output_len) == (len(text), len(out))
    segs = m.segments()
    # The segments cover both texts, in order, without gaps.
    assert segs[0][0] == 0 and segs[0][2] == 0
    assert segs[-1][1] == len(out) and segs[-1][3] == len(text)
    for a, b in zip(segs, segs[1:]):
        assert a[1] == b[0] and a[3] == b[2]
    for o0, o1, i0, i1, copy in segs:
        if copy:
            # Copied text is the same text, character for character.
            assert out[o0:o1] == text[i0:i1]
            for k in range(o0, o1):
                assert m.to_input(k, k + 1) == (i0 + k - o0, i0 + k - o0 + 1)
        elif o1 > o0:
            # Any part of an edit maps to the whole edit.
            assert m.to_input(o0, o1) == (i0, i1)
            assert m.to_input(o1 - 1, o1) == (i0, i1)
    assert m.is_identity == (out == text and all(s[4] for s in segs))


def test_astral_characters_count_as_one_index():
    text = "𝔸 مـصر 😀 ﷺ"
    out, m = naskh.Normalizer("search").normalize_with_offsets(text)
    assert out == "𝔸 مصر 😀 صلي الله عليه وسلم"
    check_map(text, out, m)
    # "مصر" at str index 2..5 of the output came from "مـصر" at 2..6 (tatweel deleted
    # inside: a range spanning the deletion includes it).
    assert m.to_input(2, 5) == (2, 6)
    # The emoji maps to itself; positions are str indices, not UTF-8 or UTF-16.
    e = out.index("😀")
    assert m.to_input(e, e + 1) == (text.index("😀"), text.index("😀") + 1)
    lig = out.index("الله")
    assert m.to_input(lig, lig + 4) == (len(text) - 1, len(text))
    # The same query in bytes.
    b = len(out[:lig].encode())
    assert m.to_input_bytes(b, b + len("الله".encode())) == (len(text[:-1].encode()), len(text.encode()))


def test_positions_past_the_end_are_clamped_and_negative_ones_refused():
    out, m = naskh.Normalizer("search").normalize_with_offsets("مـصر")
    assert m.to_input(0, 10**9) == (0, 4)
    with pytest.raises(ValueError):
        m.to_input(-1, 2)


def test_empty_text():
    out, m = naskh.Normalizer("search").normalize_with_offsets("")
    assert out == "" and m.segments() == [(0, 0, 0, 0, True)] or m.segments() == []
    assert m.to_input(0, 0) == (0, 0)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(POOL + WORDS), max_size=60).map("".join), st.sampled_from(PROFILES))
def test_offsets_invariants(text, profile):
    n = naskh.Normalizer(profile)
    out, m = n.normalize_with_offsets(text)
    assert out == n(text)
    check_map(text, out, m)


@pytest.mark.parametrize("profile", PROFILES)
def test_byte_segments_as_cli(naskh_bin, tmp_path, profile):
    rng = random.Random(f"offsets-{profile}")
    for i in range(20):
        text = arabic_text(rng, 200) + "𝔸😀"
        f = tmp_path / f"{i}.txt"
        f.write_bytes(text.encode())
        mapf = tmp_path / f"{i}.json"
        run_cli(naskh_bin, "normalize", "-p", profile, "--offsets", str(mapf), str(f))
        cli = json.loads(mapf.read_text())
        out, m = naskh.Normalizer(profile).normalize_with_offsets(text)
        ours = [[a, b, c, d, "copy" if copy else "edit"] for a, b, c, d, copy in m.segments_bytes()]
        assert ours == cli["segments"]
        assert (cli["input_len"], cli["output_len"]) == (len(text.encode()), len(out.encode()))
        # str-index segments are the byte segments converted.
        for (a, b, c, d, _), (a8, b8, c8, d8, _) in zip(m.segments(), m.segments_bytes()):
            assert (len(out[:a].encode()), len(out[:b].encode())) == (a8, b8)
            assert (len(text[:c].encode()), len(text[:d].encode())) == (c8, d8)
