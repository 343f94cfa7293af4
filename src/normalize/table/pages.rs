//! The table's characters as the fast passes read them: the three pages of the vector
//! kernels ([`PageTables`]), and every character below U+0800 packed into one `u32` for
//! the scalar pass (output bytes, length, flags and combining class in one load).

use super::CharTable;
use crate::normalize::nfc::{self, Form};
use crate::normalize::simd::{self, PageTables};

/// Packed entry: bits 0–15 the output bytes, 16–23 the flags below, 24–31 the
/// character's canonical combining class.
pub(super) const LEN: u32 = 3 << 16;
/// The table changes the character.
pub(super) const P_CHANGED: u32 = 4 << 16;
/// The quick check for NFC is not Yes.
pub(super) const P_QC: u32 = 8 << 16;
/// The output does not fit the entry (longer than two bytes or than the input, or it
/// holds a character that is not a safe NFC starter): the general path writes it.
pub(super) const P_SLOW: u32 = 16 << 16;
/// A combining mark (combining class above 0).
pub(super) const P_MARK: u32 = 32 << 16;
/// A mark the table deletes (quick check Yes, not slow): it changes nothing else. NFC
/// puts marks in order by a stable sort, so the kept marks' order does not depend on the
/// deleted ones, and a mark that is quick check Yes composes with nothing: the fast pass
/// skips it. Such an entry has no other flag.
pub(super) const P_GONE: u32 = 64 << 16;

impl CharTable {
    /// The kernel's view of U+0600–U+06FF, U+0080–U+00FF and U+2000–U+207F.
    pub(super) fn page_tables(&self) -> PageTables {
        let mut p = PageTables {
            ar_lead: [0; 256],
            ar_cont: [0; 256],
            ar_flags: [0; 256],
            ar_ccc: [0; 256],
            l1_lead: [0; 128],
            l1_cont: [0; 128],
            l1_flags: [0; 128],
            l1_ccc: [0; 128],
            gp_lead: [0; 128],
            gp_cont: [0; 128],
            gp_cont2: [0; 128],
            gp_flags: [0; 128],
            ar_out: [0; 256],
            l1_out: [0; 128],
            gp_out: [0; 128],
            ar_compact: [0; 256],
            l1_compact: [0; 128],
            gp_compact: [0; 128],
        };
        // What the kernel writes for one character: its bytes (up to three), which of them
        // it keeps, and the NFC facts about it.
        let fill = |cp: u32, out: [&mut u8; 3], flags: &mut u8, ccc: &mut u8| {
            let [lead, cont, cont2] = out;
            let c = char::from_u32(cp).expect("no surrogates in these pages");
            let (class, yes) = nfc::props(cp, Form::Nfc);
            *ccc = class;
            *flags = 0;
            if class != 0 || !yes {
                *flags |= simd::NFC_UNSAFE;
            }
            if !yes {
                *flags |= simd::NFC_QC_NOT_YES;
            }
            let mut buf = [0u8; 4];
            let original = c.encode_utf8(&mut buf).as_bytes();
            let e = self.lookup(cp);
            let with = if e == 0 {
                original
            } else {
                *flags |= simd::CHANGED;
                let entry = self.entries[e as usize];
                if entry.unsafe_for_nfc {
                    *flags |= simd::FALLBACK;
                }
                self.replacement(&entry).as_bytes()
            };
            // The output must be at most one character of at most the input's length.
            let one_char = std::str::from_utf8(with).is_ok_and(|w| w.chars().count() <= 1);
            if !one_char || with.len() > original.len() {
                *flags |= simd::FALLBACK;
                return;
            }
            let keep = [simd::KEEP_LEAD, simd::KEEP_CONT, simd::KEEP_CONT2];
            for (k, (&b, slot)) in with.iter().zip([lead, cont, cont2]).enumerate() {
                *slot = b;
                *flags |= keep[k];
            }
        };
        let mut unused = [0u8; 3];
        let mut no_ccc = 0u8;
        for k in 0..256 {
            let [_, _, u2] = &mut unused;
            let out = [&mut p.ar_lead[k], &mut p.ar_cont[k], u2];
            fill(0x600 + k as u32, out, &mut p.ar_flags[k], &mut p.ar_ccc[k]);
        }
        for k in 0..128 {
            let [_, _, u2] = &mut unused;
            let out = [&mut p.l1_lead[k], &mut p.l1_cont[k], u2];
            fill(0x80 + k as u32, out, &mut p.l1_flags[k], &mut p.l1_ccc[k]);
        }
        for k in 0..128 {
            let out = [&mut p.gp_lead[k], &mut p.gp_cont[k], &mut p.gp_cont2[k]];
            fill(0x2000 + k as u32, out, &mut p.gp_flags[k], &mut no_ccc);
            debug_assert_eq!(no_ccc, 0, "U+2000..U+207F holds no marks");
        }
        let pair = |lead: u8, cont: u8| lead as u16 | (cont as u16) << 8;
        for k in 0..256 {
            p.ar_out[k] = pair(p.ar_lead[k], p.ar_cont[k]);
        }
        for k in 0..128 {
            p.l1_out[k] = pair(p.l1_lead[k], p.l1_cont[k]);
            p.gp_out[k] = pair(p.gp_lead[k], p.gp_cont[k]);
        }
        // One byte per character for kernels that cannot afford a second lookup: the
        // combining classes of the two pages' marks, in order, numbered from 1.
        let mut classes: Vec<u8> = p.ar_ccc.iter().chain(&p.l1_ccc).copied().collect();
        classes.retain(|&c| c != 0);
        classes.sort_unstable();
        classes.dedup();
        let compact = |flags: u8, ccc: u8| {
            let mut v = 0;
            let (keep_lead, keep_cont) =
                (flags & simd::KEEP_LEAD != 0, flags & simd::KEEP_CONT != 0);
            if flags & simd::CHANGED != 0 && keep_lead {
                v |= simd::C_CHANGED;
            }
            if !keep_cont {
                v |= simd::C_SHORT;
            }
            if flags & simd::FALLBACK != 0 {
                v |= simd::C_FALLBACK;
            }
            if flags & simd::NFC_QC_NOT_YES != 0 {
                v |= simd::C_QC;
            }
            if ccc != 0 {
                match classes.iter().position(|&c| c == ccc) {
                    Some(r) if r < 15 => v |= ((r + 1) as u8) << simd::C_RANK_SHIFT,
                    _ => v |= simd::C_FALLBACK,
                }
            }
            v
        };
        for k in 0..256 {
            p.ar_compact[k] = compact(p.ar_flags[k], p.ar_ccc[k]);
        }
        for k in 0..128 {
            p.l1_compact[k] = compact(p.l1_flags[k], p.l1_ccc[k]);
            p.gp_compact[k] = compact(p.gp_flags[k], 0);
            if p.gp_flags[k] & simd::KEEP_CONT2 != 0 {
                p.gp_compact[k] |= simd::C_KEEP_CONT2;
            }
        }
        p
    }

    /// The scalar pass's entries for U+0000–U+07FF (see [`LEN`] and the flags).
    pub(super) fn packed_table(&self) -> Box<[u32; 2048]> {
        let mut t = Box::new([0u32; 2048]);
        for (cp, slot) in t.iter_mut().enumerate() {
            let cp = cp as u32;
            let c = char::from_u32(cp).expect("no surrogates below U+0800");
            let (ccc, yes) = nfc::props(cp, Form::Nfc);
            let mut e = (ccc as u32) << 24;
            if ccc != 0 {
                e |= P_MARK;
            }
            if !yes {
                e |= P_QC;
            }
            let mut buf = [0u8; 4];
            let original = c.encode_utf8(&mut buf).len();
            let with: &[u8] = match self.lookup(cp) {
                0 => &buf[..original],
                k => {
                    e |= P_CHANGED;
                    let entry = self.entries[k as usize];
                    if entry.unsafe_for_nfc {
                        e |= P_SLOW;
                    }
                    self.replacement(&entry).as_bytes()
                }
            };
            if with.len() > 2 || with.len() > original {
                e |= P_SLOW;
            } else {
                e |= (with.len() as u32) << 16;
                for (k, &b) in with.iter().enumerate() {
                    e |= (b as u32) << (8 * k);
                }
            }
            if ccc != 0 && yes && with.is_empty() && e & P_SLOW == 0 {
                e = P_GONE;
            }
            *slot = e;
        }
        t
    }
}
