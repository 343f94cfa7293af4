//! Consecutive context-free rules compiled into one lookup table, applied in one pass.
//!
//! Compiling runs the chain of rules on every code point any of them lists and keeps the
//! result, repeating the chain until it is stable: a later rule may produce what an
//! earlier one maps (ۃ → ة by `persian-letters-to-arabic` after `teh-marbuta-to-heh`), and
//! applying the table twice must give what applying it once gives.

use unicode_normalization::UnicodeNormalization;

use super::edit::Editor;
use super::rules::{Mapping, Rule, RuleKind, Target};

#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    len: u32,
    rules: u64,
}

/// A compiled character map over the Basic Multilingual Plane.
#[derive(Clone, Debug)]
pub(crate) struct CharTable {
    /// BMP page (code point >> 8) → index into `blocks`; block 0 is all "unchanged".
    pages: Box<[u16; 256]>,
    blocks: Vec<[u32; 256]>,
    entries: Vec<Entry>,
    pool: String,
    /// `true` when some ASCII character is mapped.
    maps_ascii: bool,
}

fn mappings(rule: Rule) -> &'static [Mapping] {
    match rule.def().kind {
        RuleKind::Map(m) => m,
        RuleKind::Context(_) => &[],
    }
}

/// What `rule` makes of `c`, if it changes it.
fn map_char(rule: Rule, c: char, out: &mut String) -> bool {
    let Some(m) = mappings(rule).iter().find(|m| m.first <= c && c <= m.last) else {
        return false;
    };
    match m.to {
        Target::Delete => {}
        Target::Char(t) => out.push(t),
        Target::Str(s) => out.push_str(s),
        Target::Shift(base) => {
            let t = char::from_u32(base as u32 + (c as u32 - m.first as u32))
                .expect("shift targets are checked by the rule table tests");
            out.push(t);
        }
        Target::Nfkc => {
            let before = out.len();
            out.extend(std::iter::once(c).nfkc());
            if out[before..].chars().eq(std::iter::once(c)) {
                return false;
            }
        }
        Target::Context(_) => return false,
    }
    true
}

/// Apply each rule of `rules` in turn to `s`; returns the result and the rules that acted.
fn run_chain(s: &str, rules: &[Rule]) -> (String, u64) {
    let mut cur = s.to_string();
    let mut acted = 0u64;
    for &rule in rules {
        let mut next = String::with_capacity(cur.len());
        for c in cur.chars() {
            let before = next.len();
            if map_char(rule, c, &mut next) {
                acted |= 1 << rule.index();
            } else {
                next.truncate(before);
                next.push(c);
            }
        }
        cur = next;
    }
    (cur, acted)
}

impl CharTable {
    /// Compile `rules` (all of kind [`RuleKind::Map`], in the fixed order).
    pub(crate) fn compile(rules: &[Rule]) -> CharTable {
        let mut t = CharTable {
            pages: Box::new([0; 256]),
            blocks: vec![[0; 256]],
            entries: vec![Entry {
                start: 0,
                len: 0,
                rules: 0,
            }],
            pool: String::new(),
            maps_ascii: false,
        };
        let mut candidates: Vec<u32> = rules
            .iter()
            .flat_map(|&r| mappings(r))
            .flat_map(|m| m.first as u32..=m.last as u32)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for cp in candidates {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert!(cp <= 0xFFFF, "map rules only cover the BMP");
            let original = c.to_string();
            let (mut out, mut acted) = run_chain(&original, rules);
            // Close the chain under re-application; stop if rules undo each other.
            for _ in 0..8 {
                let (again, more) = run_chain(&out, rules);
                if again == out {
                    break;
                }
                out = again;
                acted |= more;
            }
            if out != original {
                t.set(cp, &out, acted);
            }
        }
        t
    }

    fn set(&mut self, cp: u32, out: &str, rules: u64) {
        let page = (cp >> 8) as usize;
        if self.pages[page] == 0 {
            self.blocks.push([0; 256]);
            self.pages[page] = (self.blocks.len() - 1) as u16;
        }
        let start = self.pool.len() as u32;
        self.pool.push_str(out);
        self.entries.push(Entry {
            start,
            len: out.len() as u32,
            rules,
        });
        let block = self.pages[page] as usize;
        self.blocks[block][(cp & 0xFF) as usize] = (self.entries.len() - 1) as u32;
        if cp < 0x80 {
            self.maps_ascii = true;
        }
    }

    #[inline]
    fn lookup(&self, cp: u32) -> u32 {
        self.blocks[self.pages[(cp >> 8) as usize] as usize][(cp & 0xFF) as usize]
    }

    /// Rewrite `input` through the table. Counts, per rule, the characters each changed.
    pub(crate) fn apply(&self, input: &str, ed: &mut Editor<'_>, mut stats: Option<&mut [u64]>) {
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            let b = bytes[i];
            let (cp, len) = if b < 0x80 {
                if !self.maps_ascii {
                    i += 1;
                    continue;
                }
                (b as u32, 1)
            } else if b < 0xE0 {
                (((b as u32 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
            } else if b < 0xF0 {
                (
                    ((b as u32 & 0x0F) << 12)
                        | ((bytes[i + 1] as u32 & 0x3F) << 6)
                        | (bytes[i + 2] as u32 & 0x3F),
                    3,
                )
            } else {
                // Supplementary planes: no map rule covers them.
                i += 4;
                continue;
            };
            let e = self.lookup(cp);
            if e != 0 {
                let e = self.entries[e as usize];
                let with = &self.pool[e.start as usize..(e.start + e.len) as usize];
                ed.replace(i..i + len, with);
                if let Some(st) = stats.as_deref_mut() {
                    let mut m = e.rules;
                    while m != 0 {
                        st[m.trailing_zeros() as usize] += 1;
                        m &= m - 1;
                    }
                }
            }
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rules: &[Rule], s: &str) -> String {
        let t = CharTable::compile(rules);
        let mut ed = Editor::new(s, false);
        t.apply(s, &mut ed, None);
        ed.finish().map(|e| e.text).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn chain_is_closed_under_reapplication() {
        // ۃ (TEH MARBUTA GOAL) → ة only after teh-marbuta-to-heh ran; the closure goes on to ه.
        let rules = [Rule::TehMarbutaToHeh, Rule::PersianLettersToArabic];
        assert_eq!(run(&rules, "\u{06C3}"), "\u{0647}");
    }

    #[test]
    fn presentation_forms_keep_hamza_and_fix_rial() {
        let rules = [Rule::PresentationFormsToBase];
        assert_eq!(run(&rules, "\u{FEF7}"), "\u{0644}\u{0623}");
        assert_eq!(run(&rules, "\u{FDFC}"), "ريال");
        assert_eq!(run(&rules, "\u{FDFA}").chars().count(), 18);
        // Not a presentation form: untouched.
        assert_eq!(run(&rules, "x²€😀"), "x²€😀");
    }

    #[test]
    fn digits_shift() {
        assert_eq!(
            run(&[Rule::DigitsAllToAscii], "٠١٢٣٤٥٦٧٨٩ ۰۹"),
            "0123456789 09"
        );
        assert_eq!(run(&[Rule::DigitsAsciiToArabicIndic], "2254"), "٢٢٥٤");
    }
}
