//! Counting, per rule, what a table would change, without rewriting: the statistics of
//! the fast pass (which writes the text but cannot count).
//!
//! A corpus run always counts, and counting character by character with a branch on
//! "does the table map this one?" cost more than the fast pass itself on Arabic text
//! (the branch goes one way or the other every few characters, unpredictably: a mark,
//! a teh marbuta, an alef with hamza). Characters below U+0800 (ASCII, and the
//! two-byte characters: every Arabic letter and mark) are instead counted into a small
//! histogram without a branch on the answer, and the histogram is multiplied out by each
//! character's rules once at the end.

use super::CharTable;
use crate::normalize::nfc;
use crate::normalize::scan::PairLut;
use crate::normalize::simd::{self, Simd};

/// The characters below U+0800 a table changes, numbered from 1 (0: unchanged).
#[derive(Clone)]
pub(crate) struct Slots {
    /// Each character's number.
    slot: [u8; 2048],
    /// The rules that change the character of each number (`rules[0]` is 0).
    rules: Vec<u64>,
}

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Slots({} characters)", self.rules.len() - 1)
    }
}

/// Add `n` to the count of each rule in `m`.
fn add(stats: &mut [u64], mut m: u64, n: u64) {
    while m != 0 {
        stats[m.trailing_zeros() as usize] += n;
        m &= m - 1;
    }
}

/// How many parts of a text are counted side by side.
const LANES: usize = 4;

/// The first character boundary of `bytes` at or after `i` (or its end).
fn boundary(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i.min(bytes.len())
}

/// How many bytes are counted before the histogram is emptied: a counter cannot
/// overflow before (each character is at least one byte).
const FLUSH_EVERY: usize = 1 << 30;

impl CharTable {
    /// The table's numbered low characters; `None` when it changes more than 255 of
    /// them (then [`CharTable::count`] looks each character up instead).
    fn slots(&self) -> Option<&Slots> {
        self.low_slots
            .get_or_init(|| {
                let mut slots = Box::new(Slots {
                    slot: [0; 2048],
                    rules: vec![0],
                });
                for cp in 0..2048u32 {
                    let e = self.lookup(cp);
                    if e != 0 {
                        let n = u8::try_from(slots.rules.len()).ok()?;
                        slots.slot[cp as usize] = n;
                        slots.rules.push(self.entries[e as usize].rules);
                    }
                }
                Some(slots)
            })
            .as_deref()
    }

    /// Count, per rule, the characters of `input` the table changes, as
    /// [`CharTable::apply`] counts them, without rewriting anything.
    pub(crate) fn count(&self, input: &str, stats: &mut [u64]) {
        let simd = Simd::active();
        match self.count_pairs.get_or_init(|| self.pair_lut()) {
            Some(lut) if simd.is_vector() => self.count_scan(simd, lut, input, stats),
            _ => self.count_lanes(input, stats),
        }
    }

    /// [`CharTable::count`] with a vector kernel: 64 bytes at a time, the positions
    /// where a character the table may change starts ([`CharTable::count_pairs`]), and
    /// only those looked up. Arabic news changes about one character in eight with
    /// `camel` or `search`: most of the text is passed over.
    fn count_scan(&self, simd: Simd, lut: &PairLut, input: &str, stats: &mut [u64]) {
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut at = 0;
        while at < n {
            let mut mask = if at + 65 <= n {
                simd::pair_mask(simd, bytes[at..at + 65].try_into().expect("65 bytes"), lut)
            } else {
                let mut w = [0u8; 65];
                w[..n - at].copy_from_slice(&bytes[at..]);
                // Lanes past the end are masked off.
                simd::pair_mask(simd, &w, lut) & (u64::MAX >> (64 - (n - at).min(64)))
            };
            while mask != 0 {
                let i = at + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let (cp, _) = nfc::decode(bytes, i);
                let e = if cp <= 0xFFFF { self.lookup(cp) } else { 0 };
                add(stats, self.entries[e as usize].rules, 1);
            }
            at += 64;
        }
    }

    /// The byte pairs that start a character the table changes, as a superset a vector
    /// kernel can test: an ASCII character or a three-byte lead matches with any next
    /// byte; a two-byte lead with the continuation bytes of its changed characters,
    /// taken from at most seven ranges (the nearest runs merged until seven are left).
    /// Every match is an ASCII or lead byte, so a character boundary. `None` when the
    /// superset takes in an Arabic letter the table leaves alone (then most of an
    /// Arabic text would match, and [`CharTable::count_lanes`] is faster).
    fn pair_lut(&self) -> Option<PairLut> {
        let mut first = [0u8; 256];
        let mut conts: Vec<(u8, u8)> = Vec::new();
        for cp in 0..0x1_0000u32 {
            if self.lookup(cp) == 0 {
                continue;
            }
            let c = char::from_u32(cp).expect("a mapped code point is a character");
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            match b.len() {
                2 => conts.push((b[0], b[1])),
                _ => first[b[0] as usize] |= 0x80,
            }
        }
        // The continuation bytes used, as runs, merged across the smallest gaps.
        let mut used: Vec<u8> = conts.iter().map(|&(_, c)| c).collect();
        used.sort_unstable();
        used.dedup();
        let mut runs: Vec<(u8, u8)> = Vec::new();
        for c in used {
            match runs.last_mut() {
                Some(r) if r.1 + 1 == c => r.1 = c,
                _ => runs.push((c, c)),
            }
        }
        while runs.len() > 7 {
            let k = (0..runs.len() - 1)
                .min_by_key(|&k| runs[k + 1].0 - runs[k].1)
                .expect("two runs or more");
            runs[k].1 = runs[k + 1].1;
            runs.remove(k + 1);
        }
        let mut next = [0x80u8; 256];
        let mut next_ranges = Vec::new();
        for (k, &(lo, hi)) in runs.iter().enumerate() {
            for c in lo..=hi {
                next[c as usize] |= 1 << k;
            }
            next_ranges.push((lo, hi, 1 << k));
        }
        for &(lead, c) in &conts {
            let k = runs
                .iter()
                .position(|&(lo, hi)| lo <= c && c <= hi)
                .expect("every continuation byte is in a run");
            first[lead as usize] |= 1 << k;
        }
        // `first` as ranges of equal bits, for the kernels that compare.
        let mut first_ranges: Vec<(u8, u8, u8)> = Vec::new();
        for b in 0..=255u8 {
            let bits = first[b as usize];
            if bits == 0 {
                continue;
            }
            match first_ranges.last_mut() {
                Some(r) if r.1 + 1 == b && r.2 == bits => r.1 = b,
                _ => first_ranges.push((b, b, bits)),
            }
        }
        let loose = ('\u{0621}'..='\u{064A}').any(|c| {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            self.lookup(c as u32) == 0 && first[b[0] as usize] & next[b[1] as usize] != 0
        });
        (!loose).then_some(PairLut {
            first,
            next,
            first_ranges,
            next_ranges,
        })
    }

    /// [`CharTable::count`] without a vector kernel.
    fn count_lanes(&self, input: &str, stats: &mut [u64]) {
        let Some(slots) = self.slots() else {
            return self.count_each(input, stats);
        };
        let bytes = input.as_bytes();
        // Where the next character starts depends on this one's length: one cursor
        // waits on each load before it can go on, and counting that way was slower than
        // the fast pass. The text is cut (at character boundaries) into `LANES` parts
        // counted side by side, each into its own histogram, so that the cursors' waits
        // overlap; a piece of at most `FLUSH_EVERY` bytes keeps the counters in range.
        let mut hist = [[0u32; 256]; LANES];
        let mut start = 0;
        while start < bytes.len() {
            let end = boundary(bytes, start + FLUSH_EVERY);
            let piece = &bytes[start..end];
            let cut = |k: usize| boundary(piece, piece.len() * k / LANES);
            let (mut a0, mut a1, mut a2, mut a3) = (cut(0), cut(1), cut(2), cut(3));
            let (s0, s1, s2, s3) = (a1, a2, a3, piece.len());
            let [h0, h1, h2, h3] = &mut hist;
            // The cursors in registers, one step each per round, while all have text.
            while a0 < s0 && a1 < s1 && a2 < s2 && a3 < s3 {
                a0 = self.step(piece, a0, slots, h0, stats);
                a1 = self.step(piece, a1, slots, h1, stats);
                a2 = self.step(piece, a2, slots, h2, stats);
                a3 = self.step(piece, a3, slots, h3, stats);
            }
            for (mut a, s, h) in [(a0, s0, h0), (a1, s1, h1), (a2, s2, h2), (a3, s3, h3)] {
                while a < s {
                    a = self.step(piece, a, slots, h, stats);
                }
            }
            for (s, &m) in slots.rules.iter().enumerate().skip(1) {
                let n: u64 = hist
                    .iter_mut()
                    .map(|h| u64::from(std::mem::take(&mut h[s])))
                    .sum();
                if n != 0 {
                    add(stats, m, n);
                }
            }
            // Slot 0 (unchanged characters) is never read; emptied against overflow.
            for h in &mut hist {
                h[0] = 0;
            }
            start = end;
        }
    }

    /// Count the character at `i` of `piece`; returns where the next one starts.
    #[inline(always)]
    fn step(
        &self,
        piece: &[u8],
        i: usize,
        slots: &Slots,
        hist: &mut [u32; 256],
        stats: &mut [u64],
    ) -> usize {
        let b = piece[i];
        if b < 0xE0 {
            // ASCII, or a two-byte character (valid UTF-8): below U+0800, both decoded
            // and one chosen without a branch.
            let two = b >= 0x80;
            let b1 = piece.get(i + 1).copied().unwrap_or(0x80);
            let wide = ((b as usize & 0x1F) << 6) | (b1 as usize & 0x3F);
            let cp = if two { wide } else { b as usize };
            hist[slots.slot[cp & 0x7FF] as usize] += 1;
            i + 1 + two as usize
        } else {
            let (cp, len) = nfc::decode(piece, i);
            let e = if cp <= 0xFFFF { self.lookup(cp) } else { 0 };
            add(stats, self.entries[e as usize].rules, 1);
            i + len
        }
    }

    /// [`CharTable::count`] by looking every character up: for a table that changes
    /// too many low characters to number them, and the reference the tests hold the
    /// histogram to.
    pub(crate) fn count_each(&self, input: &str, stats: &mut [u64]) {
        let mut i = 0;
        let bytes = input.as_bytes();
        while i < bytes.len() {
            let (cp, len) = nfc::decode(bytes, i);
            i += len;
            let e = if cp <= 0xFFFF { self.lookup(cp) } else { 0 };
            let mut m = self.entries[e as usize].rules;
            while m != 0 {
                stats[m.trailing_zeros() as usize] += 1;
                m &= m - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::simd::Kernel;
    use crate::normalize::{Profile, Rule, RuleKind};
    use proptest::prelude::*;

    fn tables() -> &'static [CharTable] {
        static TABLES: std::sync::OnceLock<Vec<CharTable>> = std::sync::OnceLock::new();
        TABLES.get_or_init(|| {
            Profile::ALL
                .iter()
                .map(|p| {
                    let rules: Vec<Rule> = p
                        .rules()
                        .iter()
                        .filter(|r| matches!(r.def().kind, RuleKind::Map(_)))
                        .collect();
                    CharTable::compile(&rules)
                })
                .collect()
        })
    }

    /// Every way of counting `s` with `t`: by lookup (the reference), the lanes, and
    /// the vector scan with each kernel this CPU has (when the table has a pair set).
    fn all_ways(t: &CharTable, s: &str) -> Vec<(String, Vec<u64>)> {
        let mut out = Vec::new();
        let mut run = |name: &str, f: &dyn Fn(&mut [u64])| {
            let mut st = vec![0; 64];
            f(&mut st);
            out.push((name.to_string(), st));
        };
        run("each", &|st| t.count_each(s, st));
        run("lanes", &|st| t.count_lanes(s, st));
        if let Some(lut) = t.pair_lut() {
            for k in Kernel::ALL.into_iter().filter(|k| k.is_supported()) {
                let simd = k.run(Simd::active).expect("a supported kernel");
                if simd.is_vector() {
                    run(k.name(), &|st| t.count_scan(simd, &lut, s, st));
                }
            }
        }
        out
    }

    fn check(t: &CharTable, s: &str) -> Result<Vec<u64>, String> {
        let ways = all_ways(t, s);
        let (_, reference) = &ways[0];
        for (name, st) in &ways[1..] {
            if st != reference {
                return Err(format!(
                    "{name} counts {st:?}, a lookup {reference:?} in {s:?}"
                ));
            }
        }
        Ok(reference.clone())
    }

    #[test]
    fn histogram_counts_what_a_lookup_counts() {
        let text = "قالَ الرئيسُ: «إنّ الأمر ٢٠٢٤» — ﻻ ﷲ x² ‏ى ة\u{0670}آ 😀 é";
        for t in tables() {
            check(t, text).unwrap();
            assert!(t.slots().is_some(), "every profile's table is numbered");
        }
        // The camel table (counted by the vector scan where there is one) changes
        // something in that text, so the test can fail.
        let camel = Profile::ALL.iter().position(|&p| p == Profile::Camel);
        let t = &tables()[camel.expect("a profile")];
        assert!(t.pair_lut().is_some());
        assert!(check(t, text).unwrap().iter().sum::<u64>() > 5);
    }

    proptest! {
        #[test]
        fn histogram_matches_lookup_on_any_text(s in "[\\u{0}-\\u{7FF}\\u{FB50}-\\u{FEFF}\\u{1F600} ]{0,200}") {
            for t in tables() {
                prop_assert!(check(t, &s).is_ok(), "{}", check(t, &s).unwrap_err());
            }
        }
    }
}
