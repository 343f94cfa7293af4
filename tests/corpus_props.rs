//! Property tests of the JSON Lines path: for any object, however it is spelled, only
//! the top-level field's string changes, and it changes to what normalising its text
//! gives; the line stays valid JSON; a second pass changes nothing.

use naskh::corpus::{escape_json_string, normalize_line};
use naskh::normalize::{NormalizeOptions, Normalizer, Profile};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Text with what normalising touches: Arabic, marks, presentation forms, spaces,
/// controls, quotes and backslashes, astral characters.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("قال".to_string()),
            Just(" ".to_string()),
            Just("\u{00A0}".to_string()),
            Just("\u{200F}".to_string()),
            Just("\u{064E}".to_string()),
            Just("ﻻ".to_string()),
            Just("ـ".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("/".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("\u{1}".to_string()),
            Just("\u{2028}".to_string()),
            Just("😀".to_string()),
            Just("”".to_string()),
            Just("&amp;".to_string()),
            "[a-z0-9]{1,3}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        text().prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(("(text|id|meta|[a-z]{1,4})", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A line: an object with other keys around an optional `text` string, spelled compactly,
/// with spaces, or with every non-ASCII character escaped.
fn line() -> impl Strategy<Value = (Value, String)> {
    (
        proptest::collection::vec(("(id|meta|url|[a-z]{1,4})", value()), 0..4),
        text(),
        0usize..4,
        0u8..3,
    )
        .prop_map(|(others, doc, at, spelling)| {
            let mut map = Map::new();
            for (i, (k, v)) in others.into_iter().enumerate() {
                if i == at {
                    map.insert("text".into(), Value::String(doc.clone()));
                }
                map.insert(k, v);
            }
            map.entry("text").or_insert(Value::String(doc));
            let v = Value::Object(map);
            let s = match spelling {
                0 => serde_json::to_string(&v).unwrap(),
                1 => serde_json::to_string_pretty(&v).unwrap().replace('\n', " "),
                _ => {
                    // Every non-ASCII character as \u escapes (surrogate pairs beyond
                    // the BMP), as `json.dumps` writes by default.
                    let compact = serde_json::to_string(&v).unwrap();
                    let mut out = String::new();
                    for c in compact.chars() {
                        if c.is_ascii() {
                            out.push(c);
                        } else {
                            let mut buf = [0u16; 2];
                            for u in c.encode_utf16(&mut buf) {
                                out.push_str(&format!("\\u{u:04x}"));
                            }
                        }
                    }
                    out
                }
            };
            (v, s)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn only_the_field_changes((value, line) in line(), profile in 0usize..4) {
        let profile = [Profile::Canonical, Profile::Typography, Profile::Search, Profile::Camel][profile];
        let n = Normalizer::new(&NormalizeOptions::profile(profile));
        let got = normalize_line(line.as_bytes(), "text", |t| n.normalize(t)).unwrap();
        let doc = value["text"].as_str().unwrap();
        let new = n.normalize(doc).into_owned();
        match &got {
            None => prop_assert_eq!(&new, doc),
            Some(out) => {
                prop_assert_ne!(&new, doc);
                let parsed: Value = serde_json::from_str(out).unwrap();
                let mut expected = value.clone();
                expected["text"] = Value::String(new.clone());
                prop_assert_eq!(parsed, expected);
                // Every byte outside the field's value is the input's: the line is the
                // input with one span replaced by the minimal escape of the new text.
                let mut lit = String::new();
                escape_json_string(&new, &mut lit);
                let common_prefix = out.bytes().zip(line.bytes()).take_while(|(a, b)| a == b).count();
                let common_suffix = out.bytes().rev().zip(line.bytes().rev()).take_while(|(a, b)| a == b).count();
                prop_assert!(common_prefix + common_suffix + lit.len() >= out.len(),
                    "more than the field changed:\n{}\n{}", line, out);
                // Idempotent, as the profile is.
                let again = normalize_line(out.as_bytes(), "text", |t| n.normalize(t)).unwrap();
                if profile != Profile::Camel {
                    prop_assert_eq!(again, None);
                }
            }
        }
    }

    /// The escape reads back as the same string, and escapes nothing JSON allows raw.
    #[test]
    fn escapes_round_trip(s in text()) {
        let mut lit = String::new();
        escape_json_string(&s, &mut lit);
        prop_assert_eq!(serde_json::from_str::<String>(&lit).unwrap(), s.clone());
        let needed = s.chars().filter(|c| matches!(c, '"' | '\\' | '\u{0}'..='\u{1f}')).count();
        prop_assert_eq!(lit.matches('\\').count(), needed + s.matches('\\').count());
    }
}
