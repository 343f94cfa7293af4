//! Numbers written as words: ستة، عشرين، مئة، ألفين، ثلاثة آلاف، مليون، نصف، ربع, and
//! their compounds (خمسة وعشرون، مئتين وخمسين ألفا، مليون ونصف، ثلاثة أرباع، ثلاثة
//! عشر), each with its value, so that `6` and `ستة` are the same value.

use super::super::lexicon::class;
use super::super::lexicon::numbers::NumberWord;
use super::super::words::Word;
use super::super::{Number, Span};
use super::unit_after;
use super::value::Ratio;

/// The number word of `w` and whether it was joined by و (وعشرين).
fn number_of(w: &Word) -> Option<(NumberWord, bool)> {
    if let Some(e) = w.lex.exact {
        return e.number.map(|n| (n, false));
    }
    if let Some((c, e)) = w.lex.prefixed
        && let Some(n) = e.number
    {
        return Some((n, c == 'و'));
    }
    // Two prefixes: وبعشرة، وبثلاثة (and, with ten): و or ف (D9 88, D9 81), then ب ل ك
    // (D8 A8, D9 84, D9 83).
    let b = w.key.as_bytes();
    let two = b.len() >= 8
        && b[0] == 0xD9
        && matches!(b[1], 0x88 | 0x81)
        && matches!((b[2], b[3]), (0xD8, 0xA8) | (0xD9, 0x84) | (0xD9, 0x83));
    if !two {
        return None;
    }
    let n = super::super::lexicon::lexicon().get(&w.key[4..])?.number?;
    Some((n, false))
}

/// Whether `w` is only the conjunction و, standing alone between two number words.
fn is_and(w: &Word) -> bool {
    w.key == "و"
}

/// A run of number words read as one value.
#[derive(Clone, Copy)]
struct Reader {
    total: Ratio,
    /// The part below the last scale (خمسين in مئتين وخمسين ألفا).
    current: Ratio,
    /// The last scale applied (for مليون ونصف).
    last_scale: u64,
    /// The last word was a unit 1–9 or a teen unit: عشر/عشرة after it makes a teen.
    after_unit: bool,
    /// The last word was a teen unit (أحد، اثنا): only عشر/عشرة may follow.
    needs_teen: bool,
    /// Words read.
    words: usize,
    /// Only plural scales so far (آلاف، ملايين): "thousands of", no value.
    only_plural_scale: bool,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            total: Ratio::ZERO,
            current: Ratio::ZERO,
            last_scale: 1,
            after_unit: false,
            needs_teen: false,
            words: 0,
            only_plural_scale: true,
        }
    }

    /// Read one more word; `false` if it does not continue the number.
    fn push(&mut self, n: NumberWord, joined: bool, key: &str) -> Option<bool> {
        if self.needs_teen && !matches!(n, NumberWord::Cardinal(10)) {
            return Some(false);
        }
        // A word after the first continues the number only when joined by و, or when
        // it is a scale, a teen or a fraction that multiplies (ثلاثة أرباع).
        let first = self.words == 0;
        let plural_scale = matches!(key, "الاف" | "ملايين" | "مليارات" | "تريليونات");
        match n {
            NumberWord::Cardinal(10) if self.after_unit && !joined => {
                self.current = self.current.add(Ratio::int(10))?;
                self.after_unit = false;
                self.needs_teen = false;
            }
            NumberWord::Cardinal(v) => {
                if !first && !joined {
                    return Some(false);
                }
                self.current = self.current.add(Ratio::int(v.into()))?;
                self.after_unit = v < 10;
            }
            NumberWord::TeenUnit(v) => {
                if !first && !joined {
                    return Some(false);
                }
                self.current = self.current.add(Ratio::int(v.into()))?;
                self.after_unit = true;
                self.needs_teen = true;
            }
            NumberWord::Scale(s) => {
                if !first && joined {
                    return Some(false);
                }
                let base = if self.current.is_zero() {
                    Ratio::int(1)
                } else {
                    self.current
                };
                self.total = self.total.add(base.mul(Ratio::int(s.into()))?)?;
                self.current = Ratio::ZERO;
                self.last_scale = s;
                self.after_unit = false;
            }
            NumberWord::Dual(s) => {
                if !first && !joined {
                    return Some(false);
                }
                self.total = self
                    .total
                    .add(self.current)?
                    .add(Ratio::int(2 * u128::from(s)))?;
                self.current = Ratio::ZERO;
                self.last_scale = s;
                self.after_unit = false;
            }
            NumberWord::Fraction(a, b) => {
                let f = Ratio::new(a.into(), b.into());
                if first {
                    self.current = f;
                } else if joined && self.current.is_zero() {
                    // مليون ونصف: half of the last scale.
                    self.total = self.total.add(f.mul(Ratio::int(self.last_scale.into()))?)?;
                } else if !joined && !self.current.is_zero() {
                    // ثلاثة أرباع: three quarters.
                    self.current = self.current.mul(f)?;
                } else {
                    return Some(false);
                }
                self.after_unit = false;
            }
        }
        self.only_plural_scale &= plural_scale;
        self.words += 1;
        Some(true)
    }

    fn value(&self) -> Option<Ratio> {
        (!self.needs_teen && !self.only_plural_scale)
            .then(|| self.total.add(self.current))
            .flatten()
    }
}

/// Numbers in words among `ws`, leaving out words inside `taken` (digits already read,
/// sorted).
pub(crate) fn word_numbers(text: &str, ws: &[Word], taken: &[Span]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut k = 0;
    let is_taken = |w: &Word| {
        let i = taken.partition_point(|s| s.end <= w.span.start);
        taken.get(i).is_some_and(|s| s.start < w.span.end)
    };
    while k < ws.len() {
        // Most words are no number word and have no entry at all: passed at once.
        let w = &ws[k];
        if w.lex.exact.is_none() && w.lex.prefixed.is_none() && w.key.len() < 8 {
            k += 1;
            continue;
        }
        let Some((n, _)) = number_of(w).filter(|_| !is_taken(w)) else {
            k += 1;
            continue;
        };
        let mut r = Reader::new();
        if r.push(n, false, &ws[k].key) != Some(true) {
            k += 1;
            continue;
        }
        let mut end = k;
        let mut j = k + 1;
        while j < ws.len() {
            let gap = &text[ws[j - 1].span.end..ws[j].span.start];
            if !gap.chars().all(char::is_whitespace) || is_taken(&ws[j]) {
                break;
            }
            // خمسة و عشرين: a lone و joins the next word.
            let (w, joined_alone) = if is_and(&ws[j]) && j + 1 < ws.len() {
                (&ws[j + 1], true)
            } else {
                (&ws[j], false)
            };
            let Some((n, joined)) = number_of(w) else {
                break;
            };
            let mut trial = r;
            match trial.push(n, joined || joined_alone, &w.key) {
                Some(true) => {
                    r = trial;
                    end = if joined_alone { j + 1 } else { j };
                    j = end + 1;
                }
                _ => break,
            }
        }
        let Some(value) = r.value() else {
            k = end + 1;
            continue;
        };
        // نصف النهائي is the semi-final, not a half.
        let fraction_name = matches!(n, NumberWord::Fraction(..))
            && end == k
            && ws
                .get(k + 1)
                .is_some_and(|w| w.lex.is(class::NOT_AFTER_FRACTION));
        if !fraction_name {
            let start = number_start(text, &ws[k]);
            let span = Span::new(start, ws[end].span.end);
            out.push(Number {
                text: text[span.start..span.end].to_string(),
                span,
                value: value.render(),
                to: None,
                unit: unit_after(text, ws, span.end),
            });
        }
        k = end + 1;
    }
    out
}

/// Where a number word starts once its prefix is left out: بعشرة → عشرة (the prefix is
/// "with", not part of the number), but و and ف stay out too.
fn number_start(text: &str, w: &Word) -> usize {
    if w.lex.exact.and_then(|e| e.number).is_some() {
        return w.span.start;
    }
    // Skip one or two prefix letters, as number_of read them, and the tatweel or marks
    // after them (بـعشرة).
    let mut skip = if w.lex.prefixed.is_some_and(|(_, e)| e.number.is_some()) {
        1
    } else {
        2
    };
    let s = &text[w.span.start..w.span.end];
    for (i, c) in s.char_indices() {
        let filler = c == '\u{0640}' || super::super::words::is_mark(c);
        if skip == 0 && !filler {
            return w.span.start + i;
        }
        if !filler {
            skip -= 1;
        }
    }
    w.span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::words::words;

    fn values(s: &str) -> Vec<(String, String, Option<String>)> {
        let ws = words(s, Span::new(0, s.len()));
        word_numbers(s, &ws, &[])
            .into_iter()
            .map(|n| (n.text, n.value, n.unit))
            .collect()
    }

    fn one(s: &str) -> String {
        let v = values(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v[0].1.clone()
    }

    #[test]
    fn cardinals_scales_and_compounds() {
        assert_eq!(one("ستة"), "6");
        assert_eq!(one("عشرين"), "20");
        assert_eq!(one("مئة"), "100");
        assert_eq!(one("ألفين"), "2000");
        assert_eq!(one("ثلاثة آلاف"), "3000");
        assert_eq!(one("مليون"), "1000000");
        assert_eq!(one("خمسة وعشرون"), "25");
        assert_eq!(one("خمسة و عشرون"), "25");
        assert_eq!(one("مئتين وخمسين ألفا"), "250000");
        assert_eq!(one("ثلاثة عشر"), "13");
        assert_eq!(one("إحدى عشرة"), "11");
        assert_eq!(one("مليون ونصف"), "1500000");
        assert_eq!(one("نصف مليون"), "500000");
        assert_eq!(one("ثلاثة أرباع"), "0.75");
        assert_eq!(one("نصف"), "0.5");
        assert_eq!(one("ربع"), "0.25");
        assert_eq!(one("بعشرة"), "10");
    }

    #[test]
    fn units_follow_number_words() {
        assert_eq!(
            values("قتل ستة أشخاص"),
            [("ستة".into(), "6".into(), Some("أشخاص".into()))]
        );
        assert_eq!(
            values("بلغت ثلاثة آلاف ريال"),
            [("ثلاثة آلاف".into(), "3000".into(), Some("ريال".into()))]
        );
        // The prefix is left out of the number's text.
        assert_eq!(values("بعشرة دولارات")[0].0, "عشرة");
    }

    #[test]
    fn words_that_are_no_numbers_here() {
        // "Thousands of", "someone", the semi-final, two numbers side by side.
        assert!(values("آلاف المتظاهرين").is_empty());
        assert!(values("أحد الزوار").is_empty());
        assert!(values("نصف النهائي").is_empty());
        assert_eq!(values("ثلاثة ستة").len(), 2);
    }
}
