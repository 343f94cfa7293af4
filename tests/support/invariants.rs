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
