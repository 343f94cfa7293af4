//! Consecutive context-free rules compiled into one lookup table, applied in one pass.
//!
//! Compiling runs the chain of rules on every code point any of them lists and keeps the
//! result, repeating the chain until it is stable: a later rule may produce what an
//! earlier one maps (ۃ → ة by `persian-letters-to-arabic` after `teh-marbuta-to-heh`), and
//! applying the table twice must give what applying it once gives.
//!
//! Two ways to apply a table: [`CharTable::apply`] through an [`Editor`] (offsets and
//! statistics; a scan for the characters the table maps), and [`CharTable::apply_fast`]
//! (no offsets, NFC checked in the same pass; `fast.rs`), which runs a vector kernel's
//! 64-byte blocks or the scalar loop over packed per-character entries (`pages.rs`).

mod ahead;
mod count;
mod fast;
mod pages;
#[rustfmt::skip]
mod prebuilt;

use std::sync::{Mutex, OnceLock};

use unicode_normalization::UnicodeNormalization;

use super::edit::Editor;
use super::nfc::{self, Form};
use super::rules::{Mapping, Rule, RuleKind, Target};
use super::scan::Triggers;
use super::simd::PageTables;

#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    len: u32,
    rules: u64,
    /// The replacement holds a combining mark or a character NFC may compose.
    unsafe_for_nfc: bool,
}

/// A compiled character map over the Basic Multilingual Plane.
#[derive(Clone, Debug)]
pub(crate) struct CharTable {
    /// The rules compiled, in the order they ran.
    rules: Vec<Rule>,
    /// BMP page (code point >> 8) → index into `blocks`; block 0 is all "unchanged".
    pages: Box<[u16; 256]>,
    blocks: Vec<[u32; 256]>,
    entries: Vec<Entry>,
    pool: String,
    /// Byte pairs that start a mapped character.
    triggers: Triggers,
    /// The table maps an ASCII character: the vector kernels, which copy ASCII as it is,
    /// cannot run it.
    maps_ascii: bool,
    /// The table maps Arabic letters (U+0621–U+064A), so that most characters of an
    /// Arabic text are looked up anyway: statistics are then cheaper counted beside the
    /// fast pass than by rewriting through the editor (see [`CharTable::count`]).
    maps_letters: bool,
    /// The three pages the vector kernels handle, made on first use.
    simd_pages: OnceLock<Box<PageTables>>,
    /// Every character below U+0800 packed for the scalar fast pass (see `pages.rs`),
    /// made on first use.
    packed: OnceLock<Box<[u32; 2048]>>,
    /// The characters below U+0800 the table changes, numbered for
    /// [`CharTable::count`]'s histogram, made on first use.
    low_slots: OnceLock<Option<Box<count::Slots>>>,
    /// The byte pairs that may start a changed character, for the vector count, made on
    /// first use.
    count_pairs: OnceLock<Option<crate::normalize::scan::PairLut>>,
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
            if !push_nfkc(c, out) {
                return false;
            }
        }
        Target::Context(_) => return false,
    }
    true
}

/// The rule chain a table is compiled from, indexed by the characters it maps: which of
/// the rules (bit `k` for `rules[k]`) lists each candidate, so that running the chain on a
/// character visits only the rules that map it, not every rule of the profile.
struct Chain<'r> {
    rules: &'r [Rule],
    /// Every code point some rule lists, sorted.
    candidates: Vec<u32>,
    /// For each candidate, the rules that list it.
    masks: Vec<u64>,
}

impl<'r> Chain<'r> {
    fn new(rules: &'r [Rule]) -> Chain<'r> {
        assert!(rules.len() <= 64, "a rule set is a u64");
        let mut candidates: Vec<u32> = rules
            .iter()
            .flat_map(|&r| mappings(r))
            .flat_map(|m| m.first as u32..=m.last as u32)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut masks = vec![0u64; candidates.len()];
        for (k, &r) in rules.iter().enumerate() {
            for m in mappings(r) {
                let from = candidates.partition_point(|&cp| cp < m.first as u32);
                let to = candidates.partition_point(|&cp| cp <= m.last as u32);
                for mask in &mut masks[from..to] {
                    *mask |= 1 << k;
                }
            }
        }
        Chain {
            rules,
            candidates,
            masks,
        }
    }

    /// The rules that list `c`.
    fn mask(&self, c: char) -> u64 {
        match self.candidates.binary_search(&(c as u32)) {
            Ok(k) => self.masks[k],
            Err(_) => 0,
        }
    }

    /// Apply each rule in turn to `s`, leaving the result in `cur` (`next` is scratch
    /// space); returns the rules that acted (bits of [`Rule::index`]). A rule that lists
    /// none of the characters in hand would leave them as they are, and is skipped. The
    /// buffers are reused: compiling a table runs this for thousands of characters.
    fn run(&self, s: &str, cur: &mut String, next: &mut String) -> u64 {
        cur.clear();
        cur.push_str(s);
        let mut acted = 0u64;
        let mut from = 0u32;
        loop {
            let listed = cur.chars().fold(0, |m, c| m | self.mask(c));
            let pending = listed & u64::MAX.checked_shl(from).unwrap_or(0);
            if pending == 0 {
                return acted;
            }
            let k = pending.trailing_zeros();
            let rule = self.rules[k as usize];
            next.clear();
            for c in cur.chars() {
                let before = next.len();
                if map_char(rule, c, next) {
                    acted |= 1 << rule.index();
                } else {
                    next.truncate(before);
                    next.push(c);
                }
            }
            std::mem::swap(cur, next);
            from = k + 1;
        }
    }
}

/// Push NFKC of `c` to `out` if it changes `c`; `false` (nothing pushed) if not. The
/// presentation-form blocks (the only ranges mapped to NFKC) are decomposed once per
/// process for every table compiled, not once per table: the diff compiles four.
fn push_nfkc(c: char, out: &mut String) -> bool {
    const FROM: u32 = 0xFB50;
    const TO: u32 = 0xFEFF;
    fn nfkc(c: char) -> Option<String> {
        let s: String = std::iter::once(c).nfkc().collect();
        (!s.chars().eq(std::iter::once(c))).then_some(s)
    }
    static FORMS: OnceLock<Vec<Option<String>>> = OnceLock::new();
    if !(FROM..=TO).contains(&(c as u32)) {
        return nfkc(c).map(|w| out.push_str(&w)).is_some();
    }
    let forms = FORMS.get_or_init(|| {
        (FROM..=TO)
            .map(|cp| char::from_u32(cp).and_then(nfkc))
            .collect()
    });
    forms[(c as u32 - FROM) as usize]
        .as_deref()
        .map(|w| out.push_str(w))
        .is_some()
}

impl CharTable {
    /// The table of `rules`, made once per process and shared: the profiles and the
    /// diff's ladder ask for the same few rule lists again and again. Most are loaded
    /// from the tables compiled ahead of time (`ahead.rs`); any other list is compiled,
    /// which takes about a millisecond. (The few tables made live as long as the process.)
    pub(crate) fn shared(rules: &[Rule]) -> &'static CharTable {
        static CACHE: Mutex<Vec<&'static CharTable>> = Mutex::new(Vec::new());
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(t) = cache.iter().find(|t| t.rules == rules) {
            return t;
        }
        let made = CharTable::ahead_of_time(rules).unwrap_or_else(|| CharTable::compile(rules));
        let t: &'static CharTable = Box::leak(Box::new(made));
        cache.push(t);
        t
    }

    /// A table that maps nothing yet, for `rules`.
    fn empty(rules: &[Rule]) -> CharTable {
        CharTable {
            rules: rules.to_vec(),
            pages: Box::new([0; 256]),
            blocks: vec![[0; 256]],
            entries: vec![Entry {
                start: 0,
                len: 0,
                rules: 0,
                unsafe_for_nfc: false,
            }],
            pool: String::new(),
            triggers: Triggers::new(),
            maps_ascii: false,
            maps_letters: false,
            simd_pages: OnceLock::new(),
            packed: OnceLock::new(),
            low_slots: OnceLock::new(),
            count_pairs: OnceLock::new(),
        }
    }

    /// Compile `rules` (all of kind [`RuleKind::Map`], in the fixed order).
    pub(crate) fn compile(rules: &[Rule]) -> CharTable {
        let mut t = CharTable::empty(rules);
        let chain = Chain::new(rules);
        let candidates = &chain.candidates;
        // The rules map characters one at a time, so the chain's result for a string is
        // the concatenation of its results for the string's characters: run it once per
        // candidate, and close the results under re-application from those (a character
        // no rule lists is its own result).
        let (mut out, mut scratch) = (String::new(), String::new());
        let mut buf = [0u8; 4];
        // Each candidate's result is a range of `pool` (one buffer, not a string each).
        let mut pool = String::new();
        let once: Vec<(std::ops::Range<usize>, u64)> = candidates
            .iter()
            .map(|&cp| match char::from_u32(cp) {
                Some(c) => {
                    let acted = chain.run(c.encode_utf8(&mut buf), &mut out, &mut scratch);
                    let start = pool.len();
                    pool.push_str(&out);
                    (start..pool.len(), acted)
                }
                None => (0..0, 0),
            })
            .collect();
        let chain_of = |c: char| -> Option<(&str, u64)> {
            candidates
                .binary_search(&(c as u32))
                .ok()
                .map(|k| (&pool[once[k].0.clone()], once[k].1))
        };
        let mut again = String::new();
        for (k, &cp) in candidates.iter().enumerate() {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert!(cp <= 0xFFFF, "map rules only cover the BMP");
            let original: &str = c.encode_utf8(&mut buf);
            let mut acted = once[k].1;
            out.clear();
            out.push_str(&pool[once[k].0.clone()]);
            // Close the chain under re-application; stop if rules undo each other.
            for _ in 0..8 {
                again.clear();
                let mut more = 0;
                for ch in out.chars() {
                    match chain_of(ch) {
                        Some((r, a)) => {
                            again.push_str(r);
                            more |= a;
                        }
                        None => again.push(ch),
                    }
                }
                if again == out {
                    break;
                }
                std::mem::swap(&mut out, &mut again);
                acted |= more;
            }
            if out != original {
                t.set(cp, &out, acted);
            }
        }
        t.stabilize(candidates);
        t.finish();
        t
    }

    /// Note what the vector kernels and the statistics need to know of the entries.
    fn finish(&mut self) {
        self.maps_ascii = (0..0x80).any(|cp| self.lookup(cp) != 0);
        self.maps_letters = (0x0621..=0x064A).any(|cp| self.lookup(cp) != 0);
    }

    /// Make the table idempotent even for rules that undo each other (a chain with a
    /// cycle, such as two digit rules in opposite directions, has no fixed point): every
    /// replacement is run through the table until it maps to itself, and a character
    /// whose replacement never settles is left unchanged. `candidates` are the code
    /// points compiled, the only ones with entries.
    fn stabilize(&mut self, candidates: &[u32]) {
        let cps: Vec<u32> = candidates
            .iter()
            .copied()
            .filter(|&cp| self.lookup(cp) != 0)
            .collect();
        let (mut now, mut again) = (String::new(), String::new());
        for round in 0..16 {
            let mut changed = false;
            for &cp in &cps {
                let e = self.lookup(cp);
                if e == 0 {
                    continue;
                }
                let entry = self.entries[e as usize];
                now.clear();
                now.push_str(self.replacement(&entry));
                again.clear();
                for c in now.chars() {
                    match self.lookup_char(c) {
                        0 => again.push(c),
                        k => again.push_str(self.replacement(&self.entries[k as usize])),
                    }
                }
                if again != now {
                    changed = true;
                    let original = char::from_u32(cp).expect("valid");
                    if round >= 8 || again.chars().eq(std::iter::once(original)) {
                        self.clear(cp);
                    } else {
                        self.set(cp, &again, entry.rules);
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// What the table makes of `c`, if it changes it.
    pub(crate) fn mapped(&self, c: char) -> Option<&str> {
        match self.lookup_char(c) {
            0 => None,
            e => Some(self.replacement(&self.entries[e as usize])),
        }
    }

    /// The vector kernels' pages, when they can run this table.
    fn simd_pages(&self) -> Option<&PageTables> {
        if self.maps_ascii {
            return None;
        }
        Some(self.simd_pages.get_or_init(|| Box::new(self.page_tables())))
    }

    /// The scalar fast pass's packed entries.
    fn packed(&self) -> &[u32; 2048] {
        self.packed.get_or_init(|| self.packed_table())
    }

    /// The text an entry replaces its character with.
    fn replacement(&self, e: &Entry) -> &str {
        &self.pool[e.start as usize..(e.start + e.len) as usize]
    }

    fn clear(&mut self, cp: u32) {
        let block = self.pages[(cp >> 8) as usize] as usize;
        self.blocks[block][(cp & 0xFF) as usize] = 0;
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
            unsafe_for_nfc: out.chars().any(|c| nfc::is_unsafe(c, Form::Nfc)),
        });
        let block = self.pages[page] as usize;
        self.blocks[block][(cp & 0xFF) as usize] = (self.entries.len() - 1) as u32;
        self.triggers
            .add(char::from_u32(cp).expect("valid code point"));
    }

    fn lookup_char(&self, c: char) -> u32 {
        if (c as u32) <= 0xFFFF {
            self.lookup(c as u32)
        } else {
            0
        }
    }

    #[inline]
    fn lookup(&self, cp: u32) -> u32 {
        self.blocks[self.pages[(cp >> 8) as usize] as usize][(cp & 0xFF) as usize]
    }

    /// `true` if statistics are best counted by [`CharTable::count`] beside the fast
    /// pass: the table maps Arabic letters. A table that maps only rare characters
    /// (`canonical`'s) counts them faster through [`CharTable::apply`]'s trigger scan.
    pub(crate) fn counts_beside_fast_pass(&self) -> bool {
        self.maps_letters
    }

    /// Rewrite `input` through the table. Counts, per rule, the characters each changed.
    /// Returns `true` if an edit may have left the text out of NFC: a replacement holds a
    /// mark, or the character after an edit is not a safe starter (a deleted tatweel or a
    /// yeh that now carries U+0654).
    pub(crate) fn apply(
        &self,
        input: &str,
        ed: &mut Editor<'_>,
        mut stats: Option<&mut [u64]>,
    ) -> bool {
        let bytes = input.as_bytes();
        let mut may_break_nfc = false;
        let mut from = 0;
        while let Some(i) = self.triggers.next(bytes, from) {
            let (cp, len) = nfc::decode(bytes, i);
            from = i + len;
            let e = if cp <= 0xFFFF { self.lookup(cp) } else { 0 };
            if e == 0 {
                continue;
            }
            let e = self.entries[e as usize];
            let with = self.replacement(&e);
            ed.replace(i..i + len, with);
            if let Some(st) = stats.as_deref_mut() {
                let mut m = e.rules;
                while m != 0 {
                    st[m.trailing_zeros() as usize] += 1;
                    m &= m - 1;
                }
            }
            if !may_break_nfc {
                // The replacement holds a mark, or the next character stays as it is and is
                // not a safe starter (a next character the table changes is looked at
                // when its turn comes).
                may_break_nfc = e.unsafe_for_nfc
                    || input[i + len..]
                        .chars()
                        .next()
                        .is_some_and(|c| self.lookup_char(c) == 0 && nfc::is_unsafe(c, Form::Nfc));
            }
        }
        may_break_nfc
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
