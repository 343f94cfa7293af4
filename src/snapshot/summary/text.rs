//! How a summary shows a changed text: the words added, removed or replaced, and an
//! excerpt around them. Pure functions.

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// How many words were added, removed or replaced between two texts.
pub(super) fn word_changes(a: &str, b: &str) -> String {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let (mut added, mut removed, mut replaced) = (0, 0, 0);
    for op in capture_diff_slices(Algorithm::Myers, &wa, &wb) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_len, .. } => removed += old_len,
            DiffOp::Insert { new_len, .. } => added += new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                let n = old_len.min(new_len);
                replaced += n;
                removed += old_len - n;
                added += new_len - n;
            }
        }
    }
    let words = |n: usize| {
        if n == 1 {
            "1 word".to_string()
        } else {
            format!("{n} words")
        }
    };
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!("{} added", words(added)));
    }
    if removed > 0 {
        parts.push(format!("{} removed", words(removed)));
    }
    if replaced > 0 {
        parts.push(format!("{} replaced", words(replaced)));
    }
    if parts.is_empty() {
        "spacing or punctuation".to_string()
    } else {
        parts.join(", ")
    }
}

/// Two versions of a text as a summary shows them: the words that differ, with one word
/// of context on each side and `…` where words were left out, each at most 60
/// characters (a quotation reworded at its end must not show two equal beginnings).
pub(super) fn shown_pair(a: &str, b: &str) -> (String, String) {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let prefix = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
    let max_suffix = wa.len().min(wb.len()) - prefix;
    let suffix = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let excerpt = |w: &[&str]| {
        let from = prefix.saturating_sub(1);
        let to = (w.len() - suffix + 1).min(w.len());
        let mut s = String::new();
        if from > 0 {
            s.push_str("… ");
        }
        s.push_str(&w[from..to].join(" "));
        if to < w.len() {
            s.push_str(" …");
        }
        shown(&s)
    };
    if wa == wb {
        return (shown(a), shown(b));
    }
    (excerpt(&wa), excerpt(&wb))
}

/// A text as a summary shows it: at most 60 characters, then `…`.
pub(super) fn shown(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}
