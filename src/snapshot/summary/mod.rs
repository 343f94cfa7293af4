//! What changed in an article's structure, said in a few lines for a reviewer (`snapshot
//! check` prints them before the diff): paragraphs changed, inserted, deleted or moved;
//! quotations added, removed or reworded, their speakers, verbs and kinds; numbers and
//! dates; the headline, byline, dateline and source; the counts.
//!
//! It reads two snapshot bodies, the stored one and the current one, as the YAML that
//! [`super::render`] writes (a small reader of that layout, not a general YAML parser),
//! and aligns each list's items by their text (`similar`'s Myers diff). A body in
//! another layout (hand-edited, or from another tool) gives what can be read of it.
//! Pure functions, no I/O, never fails.

mod align;
mod text;
mod tree;

use align::{Step, aligned, alike};
use text::{shown, shown_pair, word_changes};
use tree::{Node, parse, unquote};

/// The lines of a summary of what changed from `stored` to `current` (two snapshot
/// bodies); empty when the structures are the same.
///
/// ```
/// use naskh::snapshot::{render, summary::summarise};
/// use naskh::structure::extract;
/// let old = render(&extract("الرياض - واس\n\nقال الوزير: «نعم».\n\nوأضاف أن 5 وزراء حضروا.\n"));
/// let new = render(&extract("الرياض - واس\n\nقال الوزير: «نعم».\n\nوأضاف أن 6 وزراء حضروا.\n"));
/// let lines = summarise(&old, &new);
/// assert!(lines.contains(&"paragraph 2 changed, 1 word replaced: … أن 5 وزراء … → … أن 6 وزراء …".to_string()), "{lines:?}");
/// assert!(lines.contains(&"number changed (paragraph 2): 5 → 6".to_string()), "{lines:?}");
/// ```
pub fn summarise(stored: &str, current: &str) -> Vec<String> {
    let (old, new) = (parse(stored), parse(current));
    let (Node::Map(om), Node::Map(nm)) = (&old, &new) else {
        return if old == new {
            Vec::new()
        } else {
            vec!["the body changed (not in naskh's snapshot layout)".to_string()]
        };
    };
    let mut keys: Vec<&str> = nm.iter().map(|(k, _)| k.as_str()).collect();
    for (k, _) in om {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    let renumbered = paragraph_map(old.get("paragraphs"), new.get("paragraphs"));
    let mut out = Vec::new();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a == b {
            continue;
        }
        let empty = Node::List(Vec::new());
        match (key, a.unwrap_or(&empty), b.unwrap_or(&empty)) {
            ("paragraphs", Node::List(a), Node::List(b)) => paragraphs(a, b, &mut out),
            ("stats", a, b) => out.extend(fields("stats", a, b)),
            (_, Node::List(a), Node::List(b)) => items(singular(key), a, b, &renumbered, &mut out),
            (_, a, b) => out.extend(single(key, a, b)),
        }
    }
    out
}

fn singular(key: &str) -> &str {
    key.strip_suffix('s').unwrap_or(key)
}

/// A headline, byline, dateline or source: added, removed, or changed.
fn single(key: &str, a: &Node, b: &Node) -> Option<String> {
    let is_none =
        |n: &Node| matches!(n, Node::Scalar(s) if s == "null") || n == &Node::List(Vec::new());
    Some(match (is_none(a), is_none(b)) {
        (true, false) => format!("{key} added: {}", shown(&b.key_text())),
        (false, true) => format!("{key} removed: {}", shown(&a.key_text())),
        _ if a.key_text() != b.key_text() => {
            let (x, y) = shown_pair(&a.key_text(), &b.key_text());
            format!("{key} changed: {x} → {y}")
        }
        _ => {
            // The same text: a field, or only its layout (a span gone), changed.
            let changes = fields(key, a, b);
            if changes.is_empty() {
                return None;
            }
            changes.join("; ")
        }
    })
}

/// Which old paragraph became which new one (`index` values), for the paragraphs that
/// stayed (the same, edited, or moved).
fn paragraph_map(a: Option<&Node>, b: Option<&Node>) -> Vec<(String, String)> {
    let (Some(Node::List(a)), Some(Node::List(b))) = (a, b) else {
        return Vec::new();
    };
    let (ka, kb) = (keys(a), keys(b));
    let index = |n: &Node| n.get("index").map(scalar_text).unwrap_or_default();
    let steps = aligned(&ka, &kb, |i, j| alike(&ka[i], &kb[j]));
    let mut map = Vec::new();
    for step in &steps {
        match *step {
            Step::Same(i, j) | Step::Changed(i, j) => map.push((index(&a[i]), index(&b[j]))),
            Step::Deleted(i) => {
                let moved = steps.iter().find_map(|s| match *s {
                    Step::Inserted(j) if kb[j] == ka[i] => Some(j),
                    _ => None,
                });
                if let Some(j) = moved {
                    map.push((index(&a[i]), index(&b[j])));
                }
            }
            Step::Inserted(_) => {}
        }
    }
    map
}

/// Paragraphs aligned by their text.
fn paragraphs(a: &[Node], b: &[Node], out: &mut Vec<String>) {
    let (ka, kb) = (keys(a), keys(b));
    if a.len() != b.len() {
        out.push(format!("paragraphs: {} → {}", a.len(), b.len()));
    }
    let index = |n: &Node, fallback: usize| {
        n.get("index")
            .map(|i| unquote(&scalar_text(i)))
            .unwrap_or_else(|| fallback.to_string())
    };
    let sentences = |n: &Node| match n.get("sentences") {
        Some(Node::List(s)) => s.len(),
        _ => 1,
    };
    let steps = aligned(&ka, &kb, |i, j| alike(&ka[i], &kb[j]));
    let deleted: Vec<usize> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Deleted(i) => Some(*i),
            _ => None,
        })
        .collect();
    let inserted: Vec<usize> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Inserted(j) => Some(*j),
            _ => None,
        })
        .collect();
    for step in steps {
        match step {
            Step::Same(i, j) if sentences(&a[i]) != sentences(&b[j]) => out.push(format!(
                "paragraph {}: {} → {} sentences",
                index(&b[j], j + 1),
                sentences(&a[i]),
                sentences(&b[j])
            )),
            Step::Same(..) => {}
            Step::Changed(i, j) => {
                let (x, y) = shown_pair(&ka[i], &kb[j]);
                out.push(format!(
                    "paragraph {} changed, {}: {x} → {y}",
                    index(&b[j], j + 1),
                    word_changes(&ka[i], &kb[j])
                ))
            }
            Step::Deleted(i) => match inserted.iter().find(|&&j| kb[j] == ka[i]) {
                Some(&j) => out.push(format!(
                    "paragraph {} moved, now {}{}: {}",
                    index(&a[i], i + 1),
                    index(&b[j], j + 1),
                    match j.checked_sub(1) {
                        Some(p) => format!(" after {}", index(&b[p], j)),
                        None => " (first)".to_string(),
                    },
                    shown(&ka[i])
                )),
                None => out.push(format!(
                    "paragraph {} deleted: {}",
                    index(&a[i], i + 1),
                    shown(&ka[i])
                )),
            },
            Step::Inserted(j) => {
                if !deleted.iter().any(|&i| ka[i] == kb[j]) {
                    out.push(format!(
                        "paragraph {} inserted: {}",
                        index(&b[j], j + 1),
                        shown(&kb[j])
                    ));
                }
            }
        }
    }
}

/// Quotations, numbers, dates (any list): aligned by their text; the pairs compared
/// field by field, places aside (a paragraph inserted above moves them all).
fn items(
    what: &str,
    a: &[Node],
    b: &[Node],
    renumbered: &[(String, String)],
    out: &mut Vec<String>,
) {
    let (ka, kb) = (keys(a), keys(b));
    // A snapshot written before format v2 places nothing: then texts alone align.
    let placed = |xs: &[Node]| {
        xs.iter()
            .any(|n| n.get("paragraph").is_some() || n.get("in").is_some())
    };
    let by_place = placed(a) == placed(b);
    let reworded = if what == "quote" {
        "reworded"
    } else {
        "changed"
    };
    // Texts (quotations) pair when alike; other items (a number, a date) when they
    // stand in the same paragraph (the one it became, if paragraphs were renumbered).
    let moved_place = |n: &Node| match n.get("paragraph").map(scalar_text) {
        Some(p) => match renumbered.iter().find(|(old, _)| *old == p) {
            Some((_, new)) => format!(" (paragraph {new})"),
            None => String::from(" (paragraph gone)"),
        },
        None => place(n),
    };
    let pairs = |i: usize, j: usize| {
        if what == "quote" {
            alike(&ka[i], &kb[j])
        } else {
            !by_place || moved_place(&a[i]) == place(&b[j])
        }
    };
    // Numbers and dates align by their text in their (renumbered) paragraph: the same
    // weekday in two paragraphs is two items, and deleting one paragraph must not pair
    // its date with the other's.
    let (sa, sb): (Vec<String>, Vec<String>) = if what == "quote" || !by_place {
        (ka.clone(), kb.clone())
    } else {
        (
            ka.iter()
                .zip(a)
                .map(|(k, n)| format!("{k}\u{0}{}", moved_place(n)))
                .collect(),
            kb.iter()
                .zip(b)
                .map(|(k, n)| format!("{k}\u{0}{}", place(n)))
                .collect(),
        )
    };
    for step in aligned(&sa, &sb, pairs) {
        match step {
            Step::Same(i, j) => {
                let changes = fields("", &a[i], &b[j]);
                if !changes.is_empty() {
                    out.push(format!(
                        "{what} {}{}: {}",
                        j + 1,
                        place(&b[j]),
                        changes.join("; ")
                    ));
                }
            }
            Step::Changed(i, j) => {
                let (x, y) = shown_pair(&ka[i], &kb[j]);
                let mut line = format!("{what} {reworded}{}: {x} → {y}", place(&b[j]));
                // A field that only repeats the text's change (a number's value) is left out.
                let repeat = format!("{} → {}", ka[i], kb[j]);
                for c in fields("", &a[i], &b[j]) {
                    if !c.ends_with(&repeat) {
                        line.push_str("; ");
                        line.push_str(&c);
                    }
                }
                out.push(line);
            }
            Step::Deleted(i) => {
                out.push(format!("{what} removed{}: {}", place(&a[i]), shown(&ka[i])))
            }
            Step::Inserted(j) => {
                out.push(format!("{what} added{}: {}", place(&b[j]), shown(&kb[j])))
            }
        }
    }
}

fn keys(items: &[Node]) -> Vec<String> {
    items.iter().map(Node::key_text).collect()
}

/// ` (paragraph 3)`, ` (headline)`, or nothing, from an item's place fields.
fn place(n: &Node) -> String {
    if let Some(p) = n.get("paragraph") {
        let p = unquote(&scalar_text(p));
        return if p == "0" {
            " (headline)".to_string()
        } else {
            format!(" (paragraph {p})")
        };
    }
    match n.get("in") {
        Some(line) => format!(" ({})", unquote(&scalar_text(line))),
        None => String::new(),
    }
}

/// The fields that differ between two items, `name old → new`, places, byte offsets
/// and the identifying text aside; nested fields by their path (`speaker` for `speaker.name`).
fn fields(prefix: &str, a: &Node, b: &Node) -> Vec<String> {
    let (fa, fb) = (flatten(a), flatten(b));
    let mut names: Vec<&str> = fb.iter().map(|(k, _)| k.as_str()).collect();
    for (k, _) in &fa {
        if !names.contains(&k.as_str()) {
            names.push(k);
        }
    }
    let get = |f: &[(String, String)], k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| "none".to_string())
    };
    let mut out: Vec<String> = Vec::new();
    for name in names {
        // Places are not changes of the item; byte offsets (`span`, `speaker.span`: in
        // snapshots written before format v2) move with any edit above them.
        if matches!(name, "text" | "paragraph" | "sentence" | "in" | "index")
            || name == "span"
            || name.ends_with(".span")
        {
            continue;
        }
        let (x, y) = (get(&fa, name), get(&fb, name));
        if x != y {
            let label = name
                .strip_suffix(".name")
                .or_else(|| name.strip_suffix(".text"))
                .unwrap_or(name);
            let (x, y) = shown_pair(&x, &y);
            out.push(format!("{label} {x} → {y}"));
        }
    }
    if prefix.is_empty() || out.is_empty() {
        out
    } else {
        vec![format!("{prefix}: {}", out.join(", "))]
    }
}

/// `(path, value)` of every scalar in a node (`null` as `none`).
fn flatten(n: &Node) -> Vec<(String, String)> {
    fn walk(n: &Node, path: &str, out: &mut Vec<(String, String)>) {
        match n {
            Node::Scalar(s) => {
                let v = if s == "null" {
                    "none".to_string()
                } else {
                    unquote(s)
                };
                // A scalar item is an object collapsed to its text (see `view`).
                let path = if path.is_empty() { "text" } else { path };
                out.push((path.to_string(), v));
            }
            Node::Map(m) => {
                for (k, v) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, &p, out);
                }
            }
            Node::List(items) => {
                let joined: Vec<String> = items.iter().map(Node::key_text).collect();
                out.push((path.to_string(), joined.join(" | ")));
            }
        }
    }
    let mut out = Vec::new();
    walk(n, "", &mut out);
    out
}

fn scalar_text(n: &Node) -> String {
    match n {
        Node::Scalar(s) => s.clone(),
        other => other.key_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::render;
    use crate::structure::extract;

    fn summary(old: &str, new: &str) -> Vec<String> {
        summarise(&render(&extract(old)), &render(&extract(new)))
    }

    #[test]
    fn says_what_changed() {
        let base =
            "الرياض - واس\n\nقال الوزير: «الاتفاق جاهز».\n\nوأضاف أن 5 وزراء حضروا في 3 مارس.\n";
        assert!(summary(base, base).is_empty());
        // A speaker renamed, a number changed, a paragraph inserted.
        let new = "الرياض - واس\n\nقال الوزير الأول: «الاتفاق جاهز».\n\nخبر جديد هنا.\n\nوأضاف أن 6 وزراء حضروا في 3 مارس.\n";
        let s = summary(base, new);
        let has = |want: &str| s.iter().any(|l| l.contains(want));
        assert!(has("paragraphs: 2 → 3"), "{s:?}");
        assert!(
            has(
                "paragraph 1 changed, 1 word added, 1 word replaced: قال الوزير: «الاتفاق … → قال الوزير الأول: «الاتفاق …"
            ),
            "{s:?}"
        );
        assert!(has("paragraph 2 inserted: خبر جديد هنا."), "{s:?}");
        assert!(has("speaker الوزير → الوزير الأول"), "{s:?}");
        assert!(has("number changed (paragraph 3): 5 → 6"), "{s:?}");
        assert!(has("stats: "), "{s:?}");
        // The date moved to paragraph 3 with the insertion: not reported.
        assert!(!has("date"), "{s:?}");
        // A quotation added and one reworded.
        let s = summary(base, &base.replace("جاهز", "شبه جاهز"));
        assert!(
            s.iter()
                .any(|l| l
                    .starts_with("quote reworded (paragraph 1): الاتفاق جاهز → الاتفاق شبه جاهز")),
            "{s:?}"
        );
        let s = summary(base, &format!("{base}\nوقال: «نعم».\n"));
        assert!(
            s.iter().any(|l| l == "quote added (paragraph 3): نعم"),
            "{s:?}"
        );
        // Deleted, moved.
        let s = summary(new, base);
        assert!(
            s.iter().any(|l| l.starts_with("paragraph 2 deleted")),
            "{s:?}"
        );
        let swapped =
            "الرياض - واس\n\nوأضاف أن 5 وزراء حضروا في 3 مارس.\n\nقال الوزير: «الاتفاق جاهز».\n";
        let s = summary(base, swapped);
        assert!(
            s.iter().any(|l| l
                == "paragraph 2 moved, now 1 (first): وأضاف أن 5 وزراء حضروا في 3 مارس."),
            "{s:?}"
        );
        // The same weekday in two paragraphs, the first paragraph deleted: its date is the
        // one removed, not the other's.
        let two = "الرياض - واس\n\nاجتمع الوفد يوم الجمعة في جنيف.\n\nوعاد الوزير يوم الجمعة إلى موسكو.\n";
        let one = "الرياض - واس\n\nوعاد الوزير يوم الجمعة إلى موسكو.\n";
        let s = summary(two, one);
        assert!(
            s.iter()
                .any(|l| l == "date removed (paragraph 1): يوم الجمعة"),
            "{s:?}"
        );
        assert!(!s.iter().any(|l| l.contains("paragraph 2)")), "{s:?}");
        // The dateline removed.
        let base = "الرياض - واس\n\nأعلنت الحكومة اليوم خطة جديدة للنقل.\n";
        let s = summary(base, &base.replace("الرياض - واس\n\n", ""));
        assert!(
            s.iter()
                .any(|l| l.starts_with("dateline removed: الرياض - واس")),
            "{s:?}"
        );
    }

    #[test]
    fn offsets_of_an_older_snapshot_are_not_changes() {
        // A body as snapshot format v1 wrote it: the structure with its spans.
        let text = "الرياض - واس\n\nقال الوزير: «الاتفاق جاهز».\n\nوأضاف أن 5 وزراء حضروا.\n";
        let a = extract(text);
        let v1 = crate::snapshot::to_yaml(&a, true);
        assert!(v1.contains("span:"), "{v1}");
        // Nothing changed but the layout: no span, no dateline or number "changed".
        let s = summarise(&v1, &render(&a));
        assert!(s.is_empty(), "{s:?}");
        // A real change still shows.
        let b = extract(&text.replace('5', "6"));
        let s = summarise(&v1, &render(&b));
        assert!(
            s.iter().any(|l| l == "number changed (paragraph 2): 5 → 6"),
            "{s:?}"
        );
    }

    #[test]
    fn pairs_show_what_differs() {
        assert_eq!(
            shown_pair("a b c d e f", "a b c X e f"),
            ("… c d e …".to_string(), "… c X e …".to_string())
        );
        assert_eq!(
            shown_pair("a b", "a b c"),
            ("… b".to_string(), "… b c".to_string())
        );
        assert_eq!(shown_pair("x a", "a"), ("x a".to_string(), "a".to_string()));
        assert_eq!(shown_pair("a", "a"), ("a".to_string(), "a".to_string()));
        assert_eq!(shown_pair("", "a"), (String::new(), "a".to_string()));
    }

    #[test]
    fn long_texts_are_cut() {
        let long = "كلمة ".repeat(40);
        assert_eq!(shown(&long).chars().count(), 61);
        assert!(shown(&long).ends_with('…'));
        assert_eq!(shown("قصير"), "قصير");
    }

    #[test]
    fn any_text_gives_lines_without_panicking() {
        for (a, b) in [
            ("", "x"),
            ("- a\n- b\n", "k: v\n"),
            ("[1, 2]", "a:\n  - x\n  -\n"),
            ("a:\n b:\n  c: d", ""),
        ] {
            let _ = summarise(a, b);
        }
    }
}
