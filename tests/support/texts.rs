//! Strategies for texts made of what Arabic news is made of (letters, marks,
//! presentation forms, controls, quotes, entities), shared by the property tests.
#![allow(dead_code, reason = "each test file uses some of the strategies")]

use proptest::prelude::*;

/// Pieces of Arabic-heavy text, including every trap the rules have.
pub fn piece() -> impl Strategy<Value = String> {
    let singles = prop_oneof![
        // letters, incl. hamza forms, alef variants, ta marbuta, alef maksura, Persian
        (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x0671u32..=0x06D5).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        // marks: tashkeel, Quranic marks, dagger alef, extended marks
        (0x064Bu32..=0x065F).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x06D6u32..=0x06ED).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x0610u32..=0x061A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x08D3u32..=0x08FF).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        Just("\u{0670}".to_string()),
        Just("\u{0640}".to_string()),
        // digits and separators
        (0x0660u32..=0x066D).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x06F0u32..=0x06F9).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (b'0'..=b'9').prop_map(|c| (c as char).to_string()),
        // presentation forms
        (0xFB50u32..=0xFDFF)
            .prop_filter_map("assigned", |c| char::from_u32(c).map(|c| c.to_string())),
        (0xFE70u32..=0xFEFF)
            .prop_filter_map("assigned", |c| char::from_u32(c).map(|c| c.to_string())),
    ];
    let specials = prop::sample::select(vec![
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        "\r",
        "\u{00A0}",
        "\u{2009}",
        "\u{3000}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{200E}",
        "\u{200F}",
        "\u{061C}",
        "\u{202B}",
        "\u{202C}",
        "\u{202E}",
        "\u{2067}",
        "\u{2069}",
        "\u{FEFF}",
        "\u{00AD}",
        "«",
        "»",
        "“",
        "”",
        "„",
        "‟",
        "‹",
        "›",
        "\"",
        "'",
        "،",
        "؛",
        "؟",
        ":",
        ".",
        "!",
        ",",
        ";",
        "?",
        "...",
        "(",
        ")",
        "-",
        "–",
        "—",
        "\u{2212}",
        "&",
        "&amp;",
        "&lt;",
        "&quot;",
        "&nbsp;",
        "&#1575;",
        "&#x627;",
        "&#59;",
        "&#38;",
        "#",
        "amp;",
        "lt",
        "a",
        "Z",
        "é",
        "e\u{0301}",
        "€",
        "😀",
        "中",
        "x²",
        "ﷺ",
        "ﷲ",
        "ﻷ",
        "ا\u{0654}",
        "\u{0654}",
    ])
    .prop_map(str::to_string);
    prop_oneof![3 => singles, 2 => specials]
}

pub fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|v| v.concat())
}

/// Long enough for the 64-byte SIMD blocks to run, with long Arabic stretches.
pub fn long_arabic_text() -> impl Strategy<Value = String> {
    let word = prop::collection::vec(
        prop_oneof![
            6 => (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            2 => (0x064Bu32..=0x0655).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            1 => piece(),
        ],
        1..12,
    )
    .prop_map(|v| v.concat());
    prop::collection::vec(
        (
            word,
            prop::sample::select(vec![
                " ", " ", " ", "، ", ". ", "\n", ".\n\n", "  ", "\u{00A0}",
            ]),
        ),
        10..120,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
}

pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), arabic_text()]
}

/// Fully vowelled text with the mark orders real text has: shadda before or after its
/// vowel, runs of three marks, madda and hamza above that NFC composes, tatweel under a
/// mark, quotes and punctuation; long enough for many 64-byte blocks, so that pairs of
/// marks fall across every block boundary.
pub fn vowelled_text() -> impl Strategy<Value = String> {
    let letter = (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap().to_string());
    let vowel = prop::sample::select(vec![
        "\u{064E}", "\u{064F}", "\u{0650}", "\u{064B}", "\u{064C}", "\u{064D}", "\u{0652}",
    ]);
    let marks = prop_oneof![
        4 => vowel.clone().prop_map(str::to_string),
        2 => vowel.clone().prop_map(|v| format!("\u{0651}{v}")),
        1 => vowel.clone().prop_map(|v| format!("{v}\u{0651}")),
        1 => (vowel.clone(), vowel).prop_map(|(a, b)| format!("\u{0651}{a}{b}")),
        1 => prop::sample::select(vec!["\u{0653}", "\u{0654}", "\u{0655}", "\u{0670}", "\u{06E5}", "\u{06DA}\u{0651}", "\u{0652}\u{0654}\u{0651}"]).prop_map(str::to_string),
        2 => Just(String::new()),
    ];
    let syllable = prop_oneof![
        12 => (letter, marks).prop_map(|(l, m)| l + &m),
        1 => Just("\u{0640}\u{0651}\u{064E}".to_string()),
        1 => Just("\u{0627}\u{0653}".to_string()),
        1 => piece(),
    ];
    let word = prop::collection::vec(syllable, 1..8).prop_map(|v| v.concat());
    prop::collection::vec(
        (
            word,
            prop::sample::select(vec![
                " ",
                " ",
                " ",
                "، ",
                ". ",
                "\n",
                ".\n\n",
                "\n\n\n",
                " «",
                "» ",
                "\u{00A0}",
                "\u{200F} ",
            ]),
        ),
        20..200,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
}
