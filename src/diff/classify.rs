//! The class of a change: the first rung of the normaliser's ladder at which both sides
//! become equal.

use super::Class;
use std::sync::OnceLock;

use crate::normalize::{
    NormalizeOptions, Normalizer, Profile, Rule, is_combining_mark, is_invisible,
};

/// The `punctuation` rung: `typography`, with Arabic punctuation read as ASCII. Typography
/// writes ، ؛ ؟ in Arabic text and keeps , ; ? among Latin text, so a comma that moved
/// between the two kinds of text is still only punctuation.
fn punctuation_rung() -> &'static Normalizer {
    static RUNG: OnceLock<Normalizer> = OnceLock::new();
    RUNG.get_or_init(|| {
        Normalizer::new(&NormalizeOptions {
            rules: Profile::Typography.rules().with(Rule::ArabicPunctToAscii),
            ..NormalizeOptions::default()
        })
    })
}

fn only(s: &str, f: impl Fn(char) -> bool) -> bool {
    s.chars().all(f)
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !is_combining_mark(c) && c != '\u{0640}'
}

/// The class of replacing `old` by `new` (either may be empty: a deletion or an
/// insertion). Equal texts have no class.
///
/// ```
/// use naskh::diff::{classify, Class};
/// assert_eq!(classify("قال\u{200F}", "قال"), Some(Class::Invisible));
/// assert_eq!(classify("قال:”نعم”", "قال: «نعم»"), Some(Class::Punctuation));
/// assert_eq!(classify("الحكومةَ", "الحكومة"), Some(Class::Diacritics));
/// assert_eq!(classify("أحمد", "احمد"), Some(Class::Orthography));
/// assert_eq!(classify("19%", "7%"), Some(Class::Content));
/// assert_eq!(classify("، ", ""), Some(Class::Punctuation));
/// ```
pub fn classify(old: &str, new: &str) -> Option<Class> {
    if old == new {
        return None;
    }
    let visible = |s: &str| s.chars().filter(|&c| !is_invisible(c)).collect::<String>();
    if visible(old) == visible(new) {
        return Some(Class::Invisible);
    }
    let blank = |c: char| c.is_whitespace() || is_invisible(c);
    if only(old, blank) && only(new, blank) {
        return Some(Class::Whitespace);
    }
    let same = |n: &Normalizer| n.normalize(old).trim() == n.normalize(new).trim();
    // A line break for a space (a paragraph split or joined) is whitespace too.
    let spaced = |s: &str| {
        let c = Normalizer::for_profile(Profile::Canonical).normalize(s);
        c.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if spaced(old) == spaced(new) {
        return Some(Class::Whitespace);
    }
    // Punctuation on both sides (a comma added, a full stop for a question mark).
    let punct_or_blank = |c: char| blank(c) || is_punct(c);
    if (only(old, punct_or_blank) && only(new, punct_or_blank)) || same(punctuation_rung()) {
        return Some(Class::Punctuation);
    }
    // The `diacritics` rung: `typography`, then every combining mark and tatweel gone.
    let bare = |s: &str| {
        punctuation_rung()
            .normalize(s)
            .chars()
            .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
            .collect::<String>()
    };
    if bare(old).trim() == bare(new).trim() {
        return Some(Class::Diacritics);
    }
    if same(Normalizer::for_profile(Profile::Search)) {
        return Some(Class::Orthography);
    }
    Some(Class::Content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder() {
        assert_eq!(classify("a", "a"), None);
        assert_eq!(classify("\u{200E}12", "12"), Some(Class::Invisible));
        // Controls, tags, variation selectors and Hangul fillers are invisible too.
        for c in [
            '\u{1A}',
            '\u{85}',
            '\u{E0041}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{3164}',
        ] {
            assert_eq!(
                classify(&format!(".{c}"), "."),
                Some(Class::Invisible),
                "{c:?}"
            );
        }
        // Arabic and ASCII punctuation are one rung, in Arabic and in Latin text.
        assert_eq!(
            classify("Reuters، AFP", "Reuters, AFP"),
            Some(Class::Punctuation)
        );
        assert_eq!(classify("لماذا?", "لماذا؟"), Some(Class::Punctuation));
        assert_eq!(classify("قال  نعم", "قال نعم"), Some(Class::Whitespace));
        assert_eq!(classify("نعم\r", "نعم"), Some(Class::Whitespace));
        assert_eq!(
            classify("\u{FEFB}", "\u{0644}\u{0627}"),
            Some(Class::Whitespace)
        );
        assert_eq!(classify(" ", ""), Some(Class::Whitespace));
        assert_eq!(classify("نعم.\nقال", "نعم. قال"), Some(Class::Whitespace));
        assert_eq!(classify("نعم،", "نعم,"), Some(Class::Punctuation));
        assert_eq!(classify(".", "!"), Some(Class::Punctuation));
        assert_eq!(classify("”", "«"), Some(Class::Punctuation));
        assert_eq!(classify("مُحَمَّد", "محمد"), Some(Class::Diacritics));
        assert_eq!(classify("القـاهرة", "القاهرة"), Some(Class::Diacritics));
        assert_eq!(classify("مدرسة", "مدرسه"), Some(Class::Orthography));
        assert_eq!(classify("على", "علي"), Some(Class::Orthography));
        assert_eq!(classify("١٩", "19"), Some(Class::Orthography));
        assert_eq!(classify("قال", "قالت"), Some(Class::Content));
        assert_eq!(classify("", "نعم"), Some(Class::Content));
    }
}
