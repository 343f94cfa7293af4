//! The invariants the fuzz targets (`fuzz/`) and the regression tests of their findings
//! (`tests/fuzz_regressions.rs`) check, written once. Each function panics with a message
//! naming what broke.

#![allow(dead_code)] // each user takes the checks it needs

use naskh::normalize::{Kernel, NormalizeOptions, Normalizer, OffsetMap, Profile, QuoteStyle};

/// The quote styles `unify-quotes` writes.
pub const STYLES: [QuoteStyle; 3] = [
    QuoteStyle::Guillemets,
    QuoteStyle::Straight,
    QuoteStyle::Curly,
];

fn is_nfc(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().eq(s.chars())
}

/// Every profile with `style`: idempotent (but `camel` where its own letter rules leave
/// text out of NFC, as CAMeL Tools does), the offsets path gives the same text, the map
/// tiles both texts and maps copies byte for byte, chunked equals whole, and every kernel
/// this CPU runs gives the same text.
pub fn check_normalize(s: &str, style: QuoteStyle) {
    for &p in Profile::ALL {
        let n = Normalizer::new(&NormalizeOptions {
            rules: p.rules(),
            quote_style: style,
        });
        let once = n.normalize(s);
        let twice = n.normalize(&once);
        if p != Profile::Camel || is_nfc(&once) {
            assert_eq!(twice, once, "{p} ({style:?}) is not idempotent on {s:?}");
        }
        for k in Kernel::ALL.into_iter().filter(|k| k.is_supported()) {
            let by_kernel = k
                .run(|| n.normalize(s).into_owned())
                .expect("a supported kernel");
            assert_eq!(by_kernel, once, "{p}: the {k} kernel differs on {s:?}");
        }
        let (with_map, map) = n.normalize_with_offsets(s);
        assert_eq!(with_map, once, "{p}: the offsets path differs on {s:?}");
        check_map(s, &once, &map);
        for chunk in [1, 7, 64] {
            assert_eq!(
                n.normalize_in_chunks(s, chunk),
                once,
                "{p}: chunks of {chunk} on {s:?}"
            );
        }
    }
}

/// The map tiles both texts, maps copies byte for byte and every output character to a
/// range on character boundaries, in order.
pub fn check_map(s: &str, out: &str, map: &OffsetMap) {
    assert_eq!((map.output_len(), map.input_len()), (out.len(), s.len()));
    let (mut o, mut i) = (0, 0);
    for seg in map.segments() {
        assert_eq!(
            (seg.output.start, seg.input.start),
            (o, i),
            "a gap in the map"
        );
        if seg.copy {
            assert_eq!(
                &out[seg.output.clone()],
                &s[seg.input.clone()],
                "a copy differs"
            );
        }
        (o, i) = (seg.output.end, seg.input.end);
    }
    assert_eq!((o, i), (out.len(), s.len()));
    let mut last = 0;
    for (p, c) in out.char_indices() {
        let r = map.to_input(p..p + c.len_utf8());
        assert!(r.start <= r.end && r.end <= s.len());
        assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        assert!(r.start >= last, "not monotone at {p}");
        last = r.start;
    }
}

/// Every `span` in the structure (found in its JSON, whatever the model's shape) lies in
/// the text on character boundaries, and where the object has a `text` it is the text of
/// that span. YAML and JSON render.
pub fn check_extract(s: &str) {
    let article = naskh::structure::extract(s);
    let json = serde_json::to_value(&article).expect("the structure serialises");
    walk(&json, s);
    let _ = naskh::snapshot::to_yaml(&article, true);
    let _ = naskh::snapshot::to_yaml(&article, false);
}

fn walk(v: &serde_json::Value, s: &str) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(span)) = m.get("span")
                && let [Value::Number(a), Value::Number(b)] = span.as_slice()
            {
                let (a, b) = (a.as_u64().unwrap() as usize, b.as_u64().unwrap() as usize);
                assert!(
                    a <= b && b <= s.len(),
                    "span {a}..{b} outside a text of {}",
                    s.len()
                );
                assert!(
                    s.is_char_boundary(a) && s.is_char_boundary(b),
                    "span {a}..{b} cuts a character"
                );
                if let Some(Value::String(t)) = m.get("text") {
                    assert_eq!(&s[a..b], t, "text and span disagree");
                }
            }
            m.values().for_each(|x| walk(x, s));
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, s)),
        _ => {}
    }
}

/// How the `normalize` fuzz target reads its input: the first byte picks the quote
/// style, the rest is the text (invalid UTF-8 replaced).
pub fn normalize_input(data: &[u8]) -> (QuoteStyle, String) {
    let (style, text) = match data.split_first() {
        Some((b, rest)) => (STYLES[*b as usize % 3], rest),
        None => (QuoteStyle::Guillemets, data),
    };
    (style, String::from_utf8_lossy(text).into_owned())
}

/// A range of a diff lies in its text on character boundaries, and its UTF-16 offsets
/// count that text's UTF-16 units.
fn check_range(r: &naskh::diff::TextRange, s: &str, what: &str) {
    assert!(
        r.start <= r.end && r.end <= s.len(),
        "{what} {}..{} outside a text of {}",
        r.start,
        r.end,
        s.len()
    );
    assert!(
        s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
        "{what} {}..{} cuts a character",
        r.start,
        r.end
    );
    let start16 = s[..r.start].encode_utf16().count();
    let end16 = start16 + s[r.start..r.end].encode_utf16().count();
    assert_eq!(
        (r.start16, r.end16),
        (start16, end16),
        "{what}: UTF-16 offsets"
    );
}

/// `true` if a terminal would act on `c` (a control other than newline and tab, or a
/// bidi control): what the escaped outputs must never hold raw.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// How the `diff` fuzz target reads its input: the two versions are the bytes before and
/// after the first 0xFF (a byte UTF-8 never has; invalid UTF-8 replaced), else the first
/// and second half.
pub fn diff_input(data: &[u8]) -> (String, String) {
    let (a, b) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    (
        String::from_utf8_lossy(a).into_owned(),
        String::from_utf8_lossy(b).into_owned(),
    )
}

/// Diff `old` and `new` as an article and as lines: no panic; every block and op range
/// lies in its text (and an op's text is the text of its range); the JSON parses; the
/// terminal view without colour and the unified view (not raw) hold nothing a terminal
/// acts on; the HTML renders; a text against itself has no changes.
pub fn check_diff(old: &str, new: &str) {
    use naskh::diff::{DiffOptions, render};
    for lines in [false, true] {
        let opts = DiffOptions {
            lines,
            ..DiffOptions::default()
        };
        let d = naskh::diff::diff(old, new, &opts);
        for (side, s, name) in [(&d.old, old, "old"), (&d.new, new, "new")] {
            for b in &side.blocks {
                check_range(&b.range, s, &format!("{name} block"));
            }
        }
        // Every block is in one entry; an unchanged run pairs consecutive blocks of the
        // same text.
        let (mut in_old, mut in_new) = (vec![0; d.old.blocks.len()], vec![0; d.new.blocks.len()]);
        for e in &d.entries {
            e.old.iter().for_each(|&i| in_old[i] += 1);
            e.new.iter().for_each(|&j| in_new[j] += 1);
            if e.kind == naskh::diff::EntryKind::Unchanged {
                assert_eq!(
                    e.old.len(),
                    e.new.len(),
                    "an unchanged run pairs its blocks"
                );
                assert!(!e.old.is_empty(), "an empty run");
                for (k, (&i, &j)) in e.old.iter().zip(&e.new).enumerate() {
                    let (a, b) = (d.old.blocks[i].range, d.new.blocks[j].range);
                    assert_eq!(&old[a.start..a.end], &new[b.start..b.end], "unchanged text");
                    if k > 0 {
                        assert_eq!(
                            (i, j),
                            (e.old[k - 1] + 1, e.new[k - 1] + 1),
                            "a run is consecutive"
                        );
                    }
                }
            }
        }
        assert!(
            in_old.iter().all(|&n| n == 1),
            "each old block in one entry: {in_old:?}"
        );
        assert!(
            in_new.iter().all(|&n| n == 1),
            "each new block in one entry: {in_new:?}"
        );
        for e in &d.entries {
            assert!(
                e.old.iter().all(|&i| i < d.old.blocks.len()),
                "old block index"
            );
            assert!(
                e.new.iter().all(|&i| i < d.new.blocks.len()),
                "new block index"
            );
            for op in &e.ops {
                if let Some(r) = &op.old {
                    check_range(r, old, "old op");
                    if let Some(t) = &op.old_text {
                        assert_eq!(&old[r.start..r.end], t, "old op text");
                    }
                }
                if let Some(r) = &op.new {
                    check_range(r, new, "new op");
                    if let Some(t) = &op.new_text {
                        assert_eq!(&new[r.start..r.end], t, "new op text");
                    }
                }
            }
        }
        let json: serde_json::Value =
            serde_json::from_str(&render::json(&d)).expect("the diff's JSON parses");
        assert!(json.is_object());
        let term = render::term(
            &d,
            &render::TermOptions {
                color: false,
                hidden: Vec::new(),
                // Paragraphs cut to their changed sentences: the cut text is checked too.
                context: 0,
                // No isolates of naskh's own: every bidi control here is the text's.
                bidi: false,
            },
        );
        assert!(
            !term.chars().any(acts_on_terminal),
            "the terminal view holds a raw control: {term:?}"
        );
        let unified = render::unified(&d, &render::UnifiedOptions::default());
        assert!(
            !unified.chars().any(acts_on_terminal),
            "the unified view holds a raw control: {unified:?}"
        );
        for lang in [render::Lang::Arabic, render::Lang::English] {
            let page = render::html(
                &d,
                &render::HtmlOptions {
                    hidden: Vec::new(),
                    lang,
                },
            );
            assert!(page.starts_with("<!DOCTYPE html>"), "an HTML page");
        }
    }
    let same = naskh::diff::diff(old, old, &DiffOptions::default());
    assert!(!same.has_changes(&[]), "a text against itself has changes");
    assert!(same.facts.is_empty(), "a text against itself has facts");
}

/// Parse `data` as a `.snap` file: no panic; what parses is written back by
/// `write_snap` into a file that parses to the same header value and body, and writing
/// that again gives the same bytes.
pub fn check_snap(data: &str) {
    use naskh::snapshot::{parse_snap, write_snap};
    let path = std::path::Path::new("fuzz.snap");
    let Ok(snap) = parse_snap(path, data) else {
        return;
    };
    let input = snap
        .field("input_file")
        .unwrap_or("corpus/a.txt")
        .to_string();
    let written = write_snap(&input, &snap.body);
    let again = parse_snap(path, &written).expect("what write_snap writes parses");
    assert_eq!(
        again.field("input_file"),
        Some(input.as_str()),
        "input_file round trip"
    );
    assert_eq!(
        again.body.trim_end(),
        snap.body.trim_end(),
        "body round trip"
    );
    assert_eq!(
        write_snap(&input, &again.body),
        written,
        "write_snap is a fixpoint"
    );
}
