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
    !crate::structure::is_alnum(c) && !is_combining_mark(c) && c != '\u{0640}'
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
    // Each side's `canonical` and `punctuation` forms are read once for the rungs that
    // use them.
    let canonical = Normalizer::for_profile(Profile::Canonical);
    let (old_canonical, new_canonical) = (canonical.normalize(old), canonical.normalize(new));
    // A line break for a space (a paragraph split or joined) is whitespace too.
    let spaced = |c: &str| c.split_whitespace().collect::<Vec<_>>().join(" ");
    if spaced(&old_canonical) == spaced(&new_canonical) {
        return Some(Class::Whitespace);
    }
    // A space added or removed inside or between words (`و قام` → `وقام`): the same
    // letters, only spaced differently.
    let squeezed = |c: &str| c.chars().filter(|&c| !blank(c)).collect::<String>();
    if squeezed(&old_canonical) == squeezed(&new_canonical) {
        return Some(Class::Whitespace);
    }
    // Punctuation on both sides (a comma added, a full stop for a question mark).
    let punct_or_blank = |c: char| blank(c) || is_punct(c);
    if only(old, punct_or_blank) && only(new, punct_or_blank) {
        return Some(Class::Punctuation);
    }
    let (old_punct, new_punct) = (
        punctuation_rung().normalize(old),
        punctuation_rung().normalize(new),
    );
    if old_punct.trim() == new_punct.trim() {
        return Some(Class::Punctuation);
    }
    // The `diacritics` rung: `typography`, then every combining mark and tatweel gone.
    let bare = |p: &str| {
        p.chars()
            .filter(|&c| !is_combining_mark(c) && c != '\u{0640}')
            .collect::<String>()
    };
    if bare(&old_punct).trim() == bare(&new_punct).trim() {
        return Some(Class::Diacritics);
    }
    if same(Normalizer::for_profile(Profile::Search)) || same_number(old, new) {
        return Some(Class::Orthography);
    }
    Some(Class::Content)
}

/// The longest text read for a number's value: a change this short is a word or two.
const NUMBER_TEXT: usize = 120;

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_ascii_digit()
            || ('\u{0660}'..='\u{0669}').contains(&c)
            || ('\u{06F0}'..='\u{06F9}').contains(&c)
    })
}

/// The text around the numbers of `s` and the numbers' values: each piece without
/// spaces, tatweel, and the one-letter prefix (و ف ب ل ك) a number takes (`بـ 10`).
fn around_numbers(s: &str) -> (Vec<String>, Vec<(String, Option<String>)>) {
    let numbers = crate::structure::extract(s).numbers;
    let search = Normalizer::for_profile(Profile::Search);
    let piece = |t: &str, before_number: bool| {
        let mut p: String = search
            .normalize(t)
            .chars()
            .filter(|&c| !c.is_whitespace() && !is_invisible(c) && c != '\u{0640}')
            .collect();
        if before_number
            && p.ends_with(['و', 'ف', 'ب', 'ل', 'ك'])
            && p.chars()
                .rev()
                .nth(1)
                .is_none_or(|c| !crate::structure::is_alnum(c))
        {
            p.pop();
        }
        p
    };
    let mut rest = Vec::new();
    let mut at = 0;
    for n in &numbers {
        rest.push(piece(s.get(at..n.span.start).unwrap_or(""), true));
        at = n.span.end.max(at);
    }
    rest.push(piece(s.get(at..).unwrap_or(""), false));
    let values = numbers.into_iter().map(|n| (n.value, n.to)).collect();
    (rest, values)
}

/// A number in digits on one side and in words on the other, of the same value, the
/// rest unchanged (`6` ↔ `ستة`, `بـ 10` ↔ `بعشرة`): another spelling of the same
/// number, as `١٩` ↔ `19` is (orthography), not a changed figure.
fn same_number(old: &str, new: &str) -> bool {
    if old.len().max(new.len()) > NUMBER_TEXT || has_digit(old) == has_digit(new) {
        return false;
    }
    let (a, b) = (around_numbers(old), around_numbers(new));
    !a.1.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_s_tables_are_compiled_ahead_of_time() {
        // Compiling the three tables a diff of two articles needs was a quarter of its
        // instructions: `normalize/table/ahead.rs` lists the punctuation rung's rules.
        assert!(punctuation_rung().tables_prebuilt());
        for p in [Profile::Canonical, Profile::Search] {
            assert!(Normalizer::for_profile(p).tables_prebuilt(), "{p:?}");
        }
    }

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

    #[test]
    fn spacing_inside_and_between_words_is_whitespace() {
        assert_eq!(classify("و قام", "وقام"), Some(Class::Whitespace));
        assert_eq!(
            classify("والجميل\nرفع", "والجميلرفع"),
            Some(Class::Whitespace)
        );
        assert_eq!(classify("نعم.قال", "نعم. قال"), Some(Class::Whitespace));
        // Other letters are still content.
        assert_eq!(classify("و قام", "وقاما"), Some(Class::Content));
    }

    #[test]
    fn a_number_in_digits_and_in_words_is_orthography() {
        assert_eq!(classify("6", "ستة"), Some(Class::Orthography));
        assert_eq!(classify("ستة", "6"), Some(Class::Orthography));
        assert_eq!(classify("بـ 10", "بعشرة"), Some(Class::Orthography));
        assert_eq!(classify("ثلاثة آلاف", "3000"), Some(Class::Orthography));
        // Another value, or other words beside it, is content.
        assert_eq!(classify("7", "ستة"), Some(Class::Content));
        assert_eq!(classify("6 أشخاص", "ستة رجال"), Some(Class::Content));
        assert_eq!(classify("6", "سبعة"), Some(Class::Content));
    }
}
