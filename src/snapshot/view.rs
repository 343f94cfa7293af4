//! What a snapshot shows of an article: its structure as `extract` gives it, less the
//! byte offsets, so that an edit changes only the lines about what it changed.
//!
//! A `span` is where a thing is in bytes from the start of the file: one word inserted
//! into the second paragraph moves every later span, and a snapshot that holds them
//! changes on nearly every line (94 lines for one word in the seed article). The
//! snapshot keeps what a reviewer can judge (every text, kind, speaker, verb, value)
//! and says where a thing is by its paragraph, which an edit inside a paragraph does
//! not move; the byte offsets stay in `naskh extract`'s JSON and YAML, and their
//! correctness is checked by the tests (every span of every corpus article points at
//! its text), not by reading numbers in a review. The rules:
//!
//! - every `span` is dropped;
//! - an item of a top-level list (numbers, dates, and any list added later) that does
//!   not name its paragraph gets `paragraph: N` in its span's place, or `in: headline`
//!   (`byline`, `dateline`, `source`) when it is in one of those lines;
//! - a paragraph of one sentence that is the whole paragraph lists no `sentences`;
//! - what is left of an object with `text` alone (a headline, a sentence) is written
//!   as that text.
//!
//! Pure functions, no I/O, never fails.

use serde_json::{Map, Value};

use crate::structure::{Article, Span};

/// Where a span lies: the paragraph (from 1) or the line that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Paragraph(usize),
    Line(&'static str),
}

/// The snapshot's view of `article` (see the module docs).
pub fn snapshot_value(article: &Article) -> Value {
    let places = places(article);
    let v = serde_json::to_value(article).expect("structure types serialise");
    let Value::Object(top) = v else {
        return v;
    };
    let mut out = Map::new();
    for (key, value) in top {
        let value = match (key.as_str(), value) {
            ("paragraphs", Value::Array(items)) => {
                Value::Array(items.into_iter().map(paragraph).collect())
            }
            (_, Value::Array(items)) => Value::Array(
                items
                    .into_iter()
                    .map(|item| located_item(item, &places))
                    .collect(),
            ),
            (_, other) => other,
        };
        out.insert(key, collapse(strip_spans(value)));
    }
    Value::Object(out)
}

/// The lines of the article, each with its span, in order.
fn places(a: &Article) -> Vec<(Span, Place)> {
    let mut v = Vec::new();
    v.extend(a.headline.iter().map(|b| (b.span, Place::Line("headline"))));
    v.extend(a.byline.iter().map(|b| (b.span, Place::Line("byline"))));
    v.extend(a.dateline.iter().map(|b| (b.span, Place::Line("dateline"))));
    v.extend(
        a.paragraphs
            .iter()
            .map(|p| (p.span, Place::Paragraph(p.index))),
    );
    v.extend(a.source.iter().map(|s| (s.span, Place::Line("source"))));
    v
}

fn span_of(v: &Value) -> Option<Span> {
    let a = v.as_array()?;
    match a.as_slice() {
        [s, e] => Some(Span::new(s.as_u64()? as usize, e.as_u64()? as usize)),
        _ => None,
    }
}

/// An item of a top-level list: its span replaced by where it is, unless it already
/// says (a quotation's `paragraph`).
fn located_item(item: Value, places: &[(Span, Place)]) -> Value {
    let Value::Object(map) = item else {
        return item;
    };
    if map.contains_key("paragraph") {
        return Value::Object(map);
    }
    let mut out = Map::new();
    for (k, v) in map {
        if k != "span" {
            out.insert(k, v);
            continue;
        }
        let place = span_of(&v).and_then(|s| {
            places
                .iter()
                .find(|(p, _)| p.contains(s))
                .map(|&(_, place)| place)
        });
        match place {
            Some(Place::Paragraph(n)) => {
                out.insert("paragraph".into(), Value::from(n));
            }
            Some(Place::Line(name)) => {
                out.insert("in".into(), Value::from(name));
            }
            // In no line (which the extractor never gives): said so, rather than
            // dropped with the other spans.
            None => {
                out.insert("in".into(), Value::from("no line"));
            }
        }
    }
    Value::Object(out)
}

/// A paragraph: no `sentences` when its one sentence is the whole paragraph.
fn paragraph(p: Value) -> Value {
    let Value::Object(mut map) = p else {
        return p;
    };
    let whole = match (map.get("text"), map.get("sentences")) {
        (Some(text), Some(Value::Array(s))) => {
            s.len() == 1 && s[0].get("text").is_some_and(|t| t == text)
        }
        _ => false,
    };
    if whole {
        map.shift_remove("sentences");
    }
    Value::Object(map)
}

/// `v` without any `span` key, at any depth.
fn strip_spans(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "span")
                .map(|(k, v)| (k, strip_spans(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_spans).collect()),
        other => other,
    }
}

/// An object left with `text` alone becomes that text, at any depth.
fn collapse(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(Value::String(_)) = map.get("text")
            {
                return map.into_iter().next().map(|(_, t)| t).unwrap_or_default();
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, collapse(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(collapse).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::extract;

    #[test]
    fn no_offsets_and_places_by_paragraph() {
        let text = "عنوان الخبر في 2016\n\nقال الوزير: «نعم» في 3 مارس.\nوأضاف أن 5 وزراء حضروا. وغادر الوفد.\n";
        let a = extract(text);
        let v = snapshot_value(&a);
        let s = v.to_string();
        assert!(!s.contains("\"span\""), "{s}");
        // A headline is its text.
        assert_eq!(v["headline"], a.headline.as_ref().unwrap().text.as_str());
        // A one-sentence paragraph lists no sentences; a two-sentence one lists them
        // as texts.
        assert!(v["paragraphs"][0].get("sentences").is_none(), "{s}");
        assert_eq!(v["paragraphs"][1]["sentences"][1], "وغادر الوفد.");
        // Numbers say where they are, in the span's place.
        let numbers = v["numbers"].as_array().unwrap();
        let at = |t: &str| {
            numbers
                .iter()
                .find(|n| n["text"] == t)
                .unwrap_or_else(|| panic!("{t} in {s}"))
                .clone()
        };
        assert_eq!(at("2016")["in"], "headline");
        assert_eq!(at("5")["paragraph"], 2);
        let five = at("5");
        let keys: Vec<&String> = five.as_object().unwrap().keys().collect();
        assert_eq!(keys[..2], ["text", "paragraph"]);
        // Quotations keep their own paragraph; speakers lose their offsets only.
        assert_eq!(v["quotes"][0]["paragraph"], 1);
        assert_eq!(v["quotes"][0]["speaker"]["name"], "الوزير");
        assert!(v["quotes"][0]["speaker"].get("span").is_none());
    }

    #[test]
    fn an_edit_inside_a_paragraph_moves_nothing_else() {
        let old = "الرياض - واس\n\nقال الوزير: «نعم».\n\nوأضاف أن 5 وزراء حضروا في 3 مارس.\n";
        let new = old.replace("الوزير", "الوزير الأول");
        let (a, b) = (
            snapshot_value(&extract(old)),
            snapshot_value(&extract(&new)),
        );
        assert_eq!(a["paragraphs"].as_array().map(Vec::len), Some(2), "{a}");
        assert_ne!(a["paragraphs"][0], b["paragraphs"][0]);
        assert_eq!(a["paragraphs"][1], b["paragraphs"][1]);
        assert_eq!(a["numbers"], b["numbers"]);
        assert_eq!(a["dates"], b["dates"]);
    }
}
