//! A change whose two sides are spaced differently, cut into the characters that
//! changed, each with its own class: `ال188` → `الـ 188` is a tatweel added
//! (diacritics) and a space added (whitespace), not a changed word; `و قام` → `وقام` is
//! one space removed. Pure: offsets in, offsets out; never fails.

use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::{Class, classify};
use crate::structure::is_blank;

/// One part of a change: byte ranges of the old and new text of the change, and its
/// class (`None`: the same characters on both sides).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The old characters.
    pub(crate) old: Range<usize>,
    /// The new characters.
    pub(crate) new: Range<usize>,
    /// What changed, or `None` for the same text.
    pub(crate) class: Option<Class>,
}

/// The longest change cut character by character (a few words).
const LONGEST: usize = 300;

fn squeezed(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).collect()
}

/// The pieces of the change from `old` to `new`, of class `class`, when the two sides
/// differ in their spacing and something else that is cosmetic (or only in spaces
/// inside the words); `None` when the change stays whole: no spacing differs, it is too
/// long, or a piece would be content.
pub(crate) fn pieces(old: &str, new: &str, class: Class) -> Option<Vec<Piece>> {
    if old.is_empty() || new.is_empty() || old.len().max(new.len()) > LONGEST {
        return None;
    }
    let (so, sn) = (squeezed(old), squeezed(new));
    let spaced_apart = so.len() != old.len() || sn.len() != new.len();
    let worth = match class {
        // Spaces inside the words: show only them.
        Class::Whitespace => !so.is_empty() && !sn.is_empty(),
        // Words that are equal but for their spacing and a cosmetic class.
        Class::Content => classify(&so, &sn).is_some_and(|c| c != Class::Content),
        _ => false,
    };
    if !spaced_apart || !worth {
        return None;
    }
    let oc: Vec<(usize, char)> = old.char_indices().collect();
    let nc: Vec<(usize, char)> = new.char_indices().collect();
    let at = |v: &[(usize, char)], text: &str, i: usize| v.get(i).map_or(text.len(), |p| p.0);
    let ochars: Vec<char> = oc.iter().map(|p| p.1).collect();
    let nchars: Vec<char> = nc.iter().map(|p| p.1).collect();
    let mut out: Vec<Piece> = Vec::new();
    for d in capture_diff_slices(Algorithm::Myers, &ochars, &nchars) {
        let (tag, o, n) = d.as_tag_tuple();
        let o = at(&oc, old, o.start)..at(&oc, old, o.end);
        let n = at(&nc, new, n.start)..at(&nc, new, n.end);
        match tag {
            DiffTag::Equal => out.push(Piece {
                old: o,
                new: n,
                class: None,
            }),
            DiffTag::Replace => out.push(Piece {
                class: Some(classify(&old[o.clone()], &new[n.clone()])?),
                old: o,
                new: n,
            }),
            // One side only: runs of spaces apart from the rest (a tatweel and a space
            // added are two classes).
            DiffTag::Delete | DiffTag::Insert => {
                let deleted = tag == DiffTag::Delete;
                let (text, range) = if deleted { (old, &o) } else { (new, &n) };
                let (keep_o, keep_n) = (o.start, n.start);
                let mut start = range.start;
                let part = &text[range.clone()];
                for (i, c) in part.char_indices() {
                    let here = range.start + i;
                    let next = part[i + c.len_utf8()..].chars().next();
                    if next.is_some_and(|d| is_blank(d) == is_blank(c)) {
                        continue;
                    }
                    let end = here + c.len_utf8();
                    let piece = &text[start..end];
                    let class = if deleted {
                        classify(piece, "")
                    } else {
                        classify("", piece)
                    };
                    out.push(if deleted {
                        Piece {
                            old: start..end,
                            new: keep_n..keep_n,
                            class: Some(class?),
                        }
                    } else {
                        Piece {
                            old: keep_o..keep_o,
                            new: start..end,
                            class: Some(class?),
                        }
                    });
                    start = end;
                }
            }
        }
    }
    // A changed piece of all of it (the two sides have no character in common) is the
    // change itself: cutting it would give it back (and the caller, which cuts each
    // piece again, would never stop).
    let whole = |p: &Piece| p.class.is_some() && p.old == (0..old.len()) && p.new == (0..new.len());
    out.iter()
        .all(|p| p.class != Some(Class::Content) && !whole(p))
        .then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changed pieces as (old, new, class).
    fn changes(old: &str, new: &str) -> Vec<(String, String, Class)> {
        let class = classify(old, new).expect("a change");
        pieces(old, new, class)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| Some((old[p.old].to_string(), new[p.new].to_string(), p.class?)))
            .collect()
    }

    fn owned(v: &[(&str, &str, Class)]) -> Vec<(String, String, Class)> {
        v.iter()
            .map(|&(a, b, c)| (a.to_string(), b.to_string(), c))
            .collect()
    }

    #[test]
    fn a_change_with_no_character_in_common_stays_whole() {
        // Found by fuzzing: a presentation form for another, a space dropped, is
        // whitespace (canonical folds both forms), and its one piece was all of it: the
        // word diff cut it again and again until the stack overflowed.
        let (old, new) = ("\u{FEEF} ", "\u{FBE8}");
        let class = classify(old, new).expect("a change");
        assert_eq!(pieces(old, new, class), None);
        let d = crate::diff::diff(old, new, &crate::diff::DiffOptions::default());
        assert!(d.has_changes(&[]));
    }

    #[test]
    fn a_space_inside_words_is_the_only_piece() {
        assert_eq!(
            changes("و قام", "وقام"),
            owned(&[(" ", "", Class::Whitespace)])
        );
        assert_eq!(
            changes("والجميل\nرفع", "والجميلرفع"),
            owned(&[("\n", "", Class::Whitespace)])
        );
    }

    #[test]
    fn tatweel_and_space_are_two_classes() {
        assert_eq!(
            changes("ال188", "الـ 188"),
            owned(&[("", "ـ", Class::Diacritics), ("", " ", Class::Whitespace)])
        );
    }

    #[test]
    fn the_pieces_cover_both_sides_in_order() {
        for (old, new) in [
            ("ال188", "الـ 188"),
            ("و قام", "وقام"),
            ("الـ 188", "ال188"),
        ] {
            let class = classify(old, new).expect("a change");
            let v = pieces(old, new, class).expect("pieces");
            let (mut o, mut n) = (0, 0);
            for p in &v {
                assert_eq!((p.old.start, p.new.start), (o, n), "{old} → {new}");
                (o, n) = (p.old.end, p.new.end);
            }
            assert_eq!((o, n), (old.len(), new.len()));
        }
    }

    #[test]
    fn content_and_unspaced_changes_stay_whole() {
        assert_eq!(pieces("قام", "قاما", Class::Content), None);
        assert_eq!(pieces("و قام", "وقاما", Class::Content), None);
        // No spacing differs: nothing to cut.
        assert_eq!(pieces("أحمد", "احمد", Class::Orthography), None);
        // Only spaces: already the whole change.
        assert_eq!(pieces("  ", " ", Class::Whitespace), None);
    }
}
