//! The fast pass of a table: no offsets, no statistics, and (with `nfc`) NFC established
//! in the same pass, as the NFC stage followed by the table would leave the text. With a
//! vector kernel and a table that maps no ASCII, 64-byte blocks through the kernel;
//! otherwise the scalar loop, one character per step through the packed entries.

use super::CharTable;
use super::pages::{LEN, P_CHANGED, P_GONE, P_MARK, P_QC, P_SLOW};
use crate::normalize::nfc::{self, Form};
use crate::normalize::simd::{self, PageTables, Simd};

/// [`CharTable::apply_blocks`] as the loop a vector kernel drives.
struct BlocksPass<'a> {
    table: &'a CharTable,
    pages: &'a PageTables,
    input: &'a str,
    nfc: bool,
    spare: &'a mut Vec<String>,
}

impl simd::BlockLoop for BlocksPass<'_> {
    type Output = (Option<String>, bool);

    #[inline(always)]
    fn run(self, block: impl FnMut(&[u8; 66], &mut [u8; 64]) -> simd::HeadBlock) -> Self::Output {
        self.table
            .apply_blocks(block, self.pages, self.input, self.nfc, self.spare)
    }
}

/// An output buffer holding `prefix`, made from the spare buffer when there is one.
fn start_output(spare: &mut Vec<String>, prefix: &[u8], n: usize) -> Vec<u8> {
    let mut v = spare.pop().map(String::into_bytes).unwrap_or_default();
    v.clear();
    v.reserve(n + n / 8 + 64);
    v.extend_from_slice(prefix);
    v
}

/// `true` if the character at `pos` is a safe NFC starter (combining class 0, quick
/// check Yes): nothing before it can compose with it or reorder around it.
#[inline]
fn safe_starter_at(bytes: &[u8], pos: usize, pages: Option<&PageTables>) -> bool {
    let b = bytes[pos];
    if b < 0x80 {
        return true;
    }
    if let (Some(p), 0xD8..=0xDB) = (pages, b) {
        // The Arabic page's flags already say it.
        let k = ((b as usize & 3) << 6) | (bytes[pos + 1] as usize & 0x3F);
        return p.ar_flags[k] & simd::NFC_UNSAFE == 0;
    }
    let (cp, _) = nfc::decode(bytes, pos);
    let (ccc, yes) = nfc::props(cp, Form::Nfc);
    ccc == 0 && yes
}

impl CharTable {
    /// The table applied to `input` (with `nfc`, to its NFC), the fastest way the active
    /// kernel allows. Returns the text (`None` if unchanged) and whether NFC may need
    /// restoring (see [`CharTable::apply`]).
    pub(crate) fn apply_fast(
        &self,
        input: &str,
        nfc: bool,
        spare: &mut Vec<String>,
    ) -> (Option<String>, bool) {
        let simd = Simd::active();
        if simd.is_vector()
            && let Some(pages) = self.simd_pages()
        {
            let pass = BlocksPass {
                table: self,
                pages,
                input,
                nfc,
                spare,
            };
            return simd::drive_head_blocks(simd, pages, nfc, pass);
        }
        match nfc {
            true => self.apply_scalar::<true>(input, spare),
            false => self.apply_scalar::<false>(input, spare),
        }
    }

    /// The table applied 64 bytes at a time by the vector kernel's `block`, with what the
    /// kernel does not handle (three- and four-byte characters, marks out of order in runs
    /// of three) done by the scalar code a region at a time. With `nfc`, applies NFC
    /// first, as the NFC stage would: the kernel puts pairs of marks in order itself.
    /// Blocks and regions always end before a safe NFC starter, so that no cluster is
    /// split. Inlined into the kernel's driver (see [`simd::drive_head_blocks`]), so that
    /// the loop is compiled with the kernel's features and the block function inlined.
    #[inline(always)]
    fn apply_blocks(
        &self,
        mut block: impl FnMut(&[u8; 66], &mut [u8; 64]) -> simd::HeadBlock,
        pages: &PageTables,
        input: &str,
        nfc: bool,
        spare: &mut Vec<String>,
    ) -> (Option<String>, bool) {
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut out: Option<Vec<u8>> = None;
        let mut i = 0;
        let mut may_break_nfc = false;
        // Kernel output is gathered here and copied out 2 KiB at a time, not 64 bytes
        // (4 KiB cost more to clear, at every call, than it saved: the diff normalises
        // many short texts; 10 MB of news took no more instructions with 2 KiB).
        let mut stage = [0u8; 2048];
        let mut fill = 0;
        let low = |k: usize| if k >= 64 { u64::MAX } else { (1u64 << k) - 1 };
        while i < n {
            if i + 66 <= n {
                let w: &[u8; 66] = bytes[i..i + 66].try_into().expect("66 bytes");
                let slot: &mut [u8; 64] =
                    (&mut stage[fill..fill + 64]).try_into().expect("64 bytes");
                let b = block(w, slot);
                let mut lanes = b.lanes;
                if lanes > 0 && !safe_starter_at(bytes, i + lanes, Some(pages)) {
                    // End before the cluster the next character belongs to.
                    let below = b.safe_starts & low(lanes) & !1;
                    lanes = if below == 0 {
                        0
                    } else {
                        63 - below.leading_zeros() as usize
                    };
                }
                let m = low(lanes);
                if lanes > 0 && b.nfc_problem & m == 0 {
                    if (b.changed | b.reordered) & m != 0 && out.is_none() {
                        out = Some(start_output(spare, &bytes[..i], n));
                    }
                    if let Some(o) = &mut out {
                        fill += (b.keep & m).count_ones() as usize;
                        if fill > stage.len() - 64 {
                            o.extend_from_slice(&stage[..fill]);
                            fill = 0;
                        }
                    }
                    may_break_nfc |= b.exposed & m != 0;
                    i += lanes;
                    continue;
                }
            }
            if let Some(o) = &mut out {
                o.extend_from_slice(&stage[..fill]);
                fill = 0;
            }
            // A region the kernel does not handle: from `i` (a safe starter, or the start
            // of the text) to the first safe starter at or after `i + REGION`, through the
            // scalar pass (which establishes NFC itself, as the kernel does: the whole
            // crate's NFC here cost more than the region's table pass on Quranic text).
            // Such regions come in runs (marks out of order, characters of three bytes),
            // so one is longer than a block.
            const REGION: usize = 256;
            let mut end = (i + REGION).min(n);
            while end < n && (0x80..0xC0).contains(&bytes[end]) {
                end += 1;
            }
            while end < n && !safe_starter_at(bytes, end, Some(pages)) {
                end += nfc::decode(bytes, end).1;
            }
            let region = &input[i..end];
            let (done, breaks) = match nfc {
                true => self.apply_scalar::<true>(region, spare),
                false => self.apply_scalar::<false>(region, spare),
            };
            may_break_nfc |= breaks;
            if let Some(done) = done {
                let o = out.get_or_insert_with(|| start_output(spare, &bytes[..i], n));
                o.extend_from_slice(done.as_bytes());
                spare.push(done);
            } else if let Some(o) = &mut out {
                o.extend_from_slice(region.as_bytes());
            }
            i = end;
        }
        if let Some(o) = &mut out {
            o.extend_from_slice(&stage[..fill]);
        }
        (out.map(simd::into_string), may_break_nfc)
    }

    /// The table applied one character per step: every character below U+0800 is one
    /// load of its packed entry (output bytes, flags, combining class) and one two-byte
    /// store, without a branch on what the character is; a safe starter (nearly every
    /// character of news text, changed or not) takes no other branch, and a mark the
    /// table deletes (every mark, for `search`) one more. Longer characters and outputs
    /// that do not fit an entry are written by [`CharTable::emit`]; with `NFC`, a cluster
    /// that is not in NFC is rewritten whole by [`CharTable::cluster`], except a pair of
    /// kept marks out of order right after a starter (shadda typed before its vowel),
    /// which is swapped in place.
    #[inline(never)]
    fn apply_scalar<const NFC: bool>(
        &self,
        input: &str,
        spare: &mut Vec<String>,
    ) -> (Option<String>, bool) {
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut out = spare.pop().map(String::into_bytes).unwrap_or_default();
        // Invariant: `out` has room for `o + (n - i) + 8` bytes. An entry never writes
        // more bytes than its character has, and the two-byte stores need the slack.
        reserve(&mut out, 0, n);
        let packed = self.packed();
        let (mut i, mut o) = (0usize, 0usize);
        // The previous kept character's entry, and where its output starts when it is a
        // mark (the fast path does not keep it for starters).
        let (mut prev, mut prev_o) = (0u32, 0usize);
        // How many kept marks follow the last starter.
        let mut run_marks = 0u32;
        let mut st = Slow::default();
        while i < n {
            // The characters the fast path takes, in a function of their own (without
            // calls, so that its state stays in registers); it stops at the first other.
            let stop;
            (i, o, prev, stop) = fast_run(packed, bytes, &mut out, i, o, prev);
            let (e, len) = match stop {
                Some(stop) => stop,
                // The last byte, or a character of three or four bytes.
                None if i < n => self.general_entry(bytes, i),
                None => break,
            };
            let mark = e & P_MARK != 0;
            if NFC && mark {
                run_marks = if prev & P_MARK != 0 { run_marks + 1 } else { 1 };
            }
            let nfc_problem = NFC && (e & P_QC != 0 || (mark && e >> 24 < prev >> 24));
            if nfc_problem || e & P_SLOW != 0 {
                let at = Around {
                    at: (i, o),
                    prev,
                    prev_o,
                    run_marks,
                };
                let (next, end, written) = self.slow::<NFC>(input, &mut out, e, len, at, &mut st);
                (i, o, prev, prev_o) = (next, end, written.0, written.1);
                continue;
            }
            put2(&mut out, o, e);
            // An unchanged mark right after a changed character: the change may have
            // given it a neighbour to compose with.
            st.may_break_nfc |=
                prev & P_CHANGED != 0 && e & (P_MARK | P_QC) != 0 && e & P_CHANGED == 0;
            (prev, prev_o) = (e, o);
            o += entry_len(e);
            i += len;
        }
        // Whether anything changed: one comparison at the end, not a flag per character.
        if o == n && out[..n] == *bytes {
            out.clear();
            spare.push(String::from_utf8(out).unwrap_or_default());
            return (None, st.may_break_nfc);
        }
        out.truncate(o);
        (Some(simd::into_string(out)), st.may_break_nfc)
    }

    /// The characters [`CharTable::apply_scalar`] does not write itself: a pair of marks
    /// to swap, a cluster out of NFC, an output that does not fit the entry. Returns where
    /// the next character starts, the end of the output, and the entry standing for the
    /// last character written with where its output starts.
    #[inline(never)]
    fn slow<const NFC: bool>(
        &self,
        input: &str,
        out: &mut Vec<u8>,
        e: u32,
        len: usize,
        around: Around,
        st: &mut Slow,
    ) -> (usize, usize, (u32, usize)) {
        let Around {
            at: (i, o),
            prev,
            prev_o,
            run_marks,
        } = around;
        let bytes = input.as_bytes();
        if NFC && (e & P_QC != 0 || (e & P_MARK != 0 && e >> 24 < prev >> 24)) {
            if e & P_QC == 0 && run_marks == 2 && (e | prev) & (P_SLOW | P_QC) == 0 {
                // The second mark after a starter sorts before the first: swap them.
                let mid = prev_o + entry_len(e);
                put2(out, prev_o, e);
                put2(out, mid, prev);
                // A changed mark next to an unchanged one: NFC may need a look.
                st.may_break_nfc |= (e ^ prev) & P_CHANGED != 0;
                // The first mark is still the previous character, now at `mid`.
                return (i + len, mid + entry_len(prev), (prev, mid));
            }
            // From the last safe starter to the next, the general way.
            let (cs, co) = self.cluster_start(bytes, i, o);
            let c = self.cluster(input, cs, i + len, out, co, &mut st.scratch);
            st.may_break_nfc |= c.may_break_nfc;
            // The next character is a safe starter: only "changed" matters.
            return (
                c.end,
                c.o,
                (P_SLOW | (c.last_changed as u32 * P_CHANGED), c.o),
            );
        }
        let (end, unsafe_replacement) = self.emit(bytes, i, len, out, o);
        st.may_break_nfc |= unsafe_replacement
            || (prev & P_CHANGED != 0 && e & (P_MARK | P_QC) != 0 && e & P_CHANGED == 0);
        (i + len, end, (e, o))
    }

    /// The last safe starter at or before the character at `i` (whose output starts at
    /// `o`): its input position, and where its output starts, counted back from `o` over
    /// the outputs of the characters between (marks, which the fast pass wrote in the same
    /// lengths, swapped or not), or the start of the text.
    fn cluster_start(&self, bytes: &[u8], i: usize, o: usize) -> (usize, usize) {
        let mut cs = i;
        while cs > 0 && !safe_starter_at(bytes, cs, None) {
            cs = nfc::prev_char_start(bytes, cs);
        }
        if !safe_starter_at(bytes, cs, None) {
            // Marks from the start of the text.
            return (0, 0);
        }
        let mut out_len = 0;
        let mut p = cs;
        while p < i {
            let (cp, len) = nfc::decode(bytes, p);
            out_len += match if cp <= 0xFFFF { self.lookup(cp) } else { 0 } {
                0 => len,
                k => self.entries[k as usize].len as usize,
            };
            p += len;
        }
        (cs, o - out_len)
    }

    /// A packed entry for the character at `i` that has none of its own (three or four
    /// bytes, or the text's last byte), always [`P_SLOW`]; and the character's length.
    #[inline(never)]
    fn general_entry(&self, bytes: &[u8], i: usize) -> (u32, usize) {
        let (cp, len) = nfc::decode(bytes, i);
        let (ccc, yes) = nfc::props(cp, Form::Nfc);
        let mut e = P_SLOW | (ccc as u32) << 24;
        if ccc != 0 {
            e |= P_MARK;
        }
        if !yes {
            e |= P_QC;
        }
        if cp <= 0xFFFF && self.lookup(cp) != 0 {
            e |= P_CHANGED;
        }
        (e, len)
    }

    /// Write what the table makes of the `len`-byte character at `i` at `o`; returns the
    /// end of the output and whether the replacement holds a character that is not a
    /// safe NFC starter.
    #[inline(never)]
    fn emit(
        &self,
        bytes: &[u8],
        i: usize,
        len: usize,
        out: &mut Vec<u8>,
        o: usize,
    ) -> (usize, bool) {
        let (cp, _) = nfc::decode(bytes, i);
        let (with, unsafe_) = match if cp <= 0xFFFF { self.lookup(cp) } else { 0 } {
            0 => (&bytes[i..i + len], false),
            k => {
                let entry = self.entries[k as usize];
                (self.replacement(&entry).as_bytes(), entry.unsafe_for_nfc)
            }
        };
        reserve(out, o, with.len() + (bytes.len() - i - len));
        out[o..o + with.len()].copy_from_slice(with);
        (o + with.len(), unsafe_)
    }

    /// The cluster from the safe starter at `begin` (its output starting at `o`) to the
    /// first safe starter at or after `from`, rewritten as NFC and then through the
    /// table, character by character.
    #[inline(never)]
    fn cluster(
        &self,
        input: &str,
        begin: usize,
        from: usize,
        out: &mut Vec<u8>,
        o: usize,
        scratch: &mut Scratch,
    ) -> Cluster {
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut end = from;
        while end < n && !safe_starter_at(bytes, end, None) {
            end += nfc::decode(bytes, end).1;
        }
        let region = &input[begin..end];
        let mut nfc_text = std::mem::take(&mut scratch.text);
        nfc_text.clear();
        nfc::nfc_cluster_into(region, &mut scratch.marks, &mut nfc_text);
        let mut c = Cluster {
            o,
            end,
            may_break_nfc: false,
            last_changed: false,
        };
        for ch in nfc_text.chars() {
            let mut buf = [0u8; 4];
            let with = match self.lookup_char(ch) {
                0 => {
                    c.may_break_nfc |= c.last_changed && nfc::is_unsafe(ch, Form::Nfc);
                    c.last_changed = false;
                    ch.encode_utf8(&mut buf).as_bytes()
                }
                k => {
                    let entry = self.entries[k as usize];
                    c.may_break_nfc |= entry.unsafe_for_nfc;
                    c.last_changed = true;
                    self.replacement(&entry).as_bytes()
                }
            };
            reserve(out, c.o, with.len() + (n - end));
            out[c.o..c.o + with.len()].copy_from_slice(with);
            c.o += with.len();
        }
        scratch.text = nfc_text;
        c
    }
}

/// The fast path of [`CharTable::apply_scalar`] from `i` (output at `o`, `prev` the
/// previous kept character's entry): safe starters whose output fits their entry, and
/// deleted marks. Returns where it stopped and, if it stopped at a character of one or
/// two bytes it does not take, that character's entry and length; `None` at a longer
/// character or at the text's last byte.
#[inline(never)]
fn fast_run(
    packed: &[u32; 2048],
    bytes: &[u8],
    out: &mut [u8],
    mut i: usize,
    mut o: usize,
    mut prev: u32,
) -> (usize, usize, u32, Option<(u32, usize)>) {
    let n = bytes.len();
    // What one character does; `Err` for one the fast path does not take.
    let mut step =
        |b0: u32, b1: u32, o: &mut usize, prev: &mut u32| -> Result<usize, (u32, usize)> {
            let lead = LEADS[b0 as usize];
            // The index of a one- or two-byte character without a branch on which (below
            // 0x800 always; the mask tells the compiler).
            let cp = (lead & 0xFFFF) + (b1 & (lead >> 16) & 0xFF);
            let e = packed[(cp & 0x7FF) as usize];
            // The length from the lead byte itself, not from the table: one load less
            // between one character and the next.
            let len = 1 + (b0 >= 0xC0) as usize;
            if e & TRIGGER != 0 {
                return Err((e, len));
            }
            // A safe starter whose output fits the entry, changed or not; or a deleted
            // mark, whose entry is `P_GONE` alone: length 0, so that its store is
            // overwritten by the next. One path for both, without a branch on which
            // (letters and marks alternate in vowelled text: a branch there mispredicts).
            // A deleted mark leaves the previous kept character as the neighbour of the
            // next, taken as changed (so that an unchanged mark after it still asks for a
            // look at NFC).
            put2(out, *o, e);
            *o += entry_len(e);
            let gone = e & P_GONE != 0;
            *prev = if gone { *prev | P_CHANGED } else { e };
            Ok(len)
        };
    // Eight bytes at a time, the characters in them taken from the word: the next
    // character's position comes from a shift, not from a load.
    while i + 8 <= n {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let mut k = 0;
        while k < 7 {
            let b0 = (w >> (8 * k)) as u8 as u32;
            if b0 >= 0xE0 {
                return (i + k, o, prev, None);
            }
            let b1 = (w >> (8 * k + 8)) as u8 as u32;
            match step(b0, b1, &mut o, &mut prev) {
                Ok(len) => k += len,
                Err(stop) => return (i + k, o, prev, Some(stop)),
            }
        }
        i += k;
    }
    while i + 1 < n {
        let b0 = bytes[i] as u32;
        if b0 >= 0xE0 {
            break;
        }
        match step(b0, bytes[i + 1] as u32, &mut o, &mut prev) {
            Ok(len) => i += len,
            Err(stop) => return (i, o, prev, Some(stop)),
        }
    }
    (i, o, prev, None)
}

/// Packed flags that take a character off the fast path.
const TRIGGER: u32 = P_QC | P_SLOW | P_MARK;

/// The output length a packed entry says.
#[inline(always)]
fn entry_len(e: u32) -> usize {
    ((e & LEN) >> 16) as usize
}

/// Write the two output bytes of packed entry `e` at `o` (its length says how many of
/// them count).
#[inline(always)]
fn put2(out: &mut [u8], o: usize, e: u32) {
    out[o..o + 2].copy_from_slice(&(e as u16).to_le_bytes());
}

/// Make `out` at least `o + more + 8` bytes long.
fn reserve(out: &mut Vec<u8>, o: usize, more: usize) {
    let need = o + more + 8;
    if out.len() < need {
        out.resize(need + need / 16, 0);
    }
}

/// For each byte below 0xE0 that starts a character: the base of its characters' index
/// into the packed entries (bits 0–15), the mask of the continuation byte's bits that
/// add to it (16–23; 0 for ASCII) and the character's length (24–31).
static LEADS: [u32; 0xE0] = {
    let mut t = [0u32; 0xE0];
    let mut b = 0;
    while b < 0xE0 {
        t[b] = if b < 0x80 {
            b as u32 | 1 << 24
        } else if b >= 0xC0 {
            ((b as u32 & 0x1F) << 6) | 0x3F << 16 | 2 << 24
        } else {
            // A continuation byte starts no character; index 0, length 1, never used.
            1 << 24
        };
        b += 1;
    }
    t
};

/// The state of [`CharTable::apply_scalar`] its slow branch keeps.
#[derive(Default)]
struct Slow {
    may_break_nfc: bool,
    scratch: Scratch,
}

/// Where [`CharTable::apply_scalar`] is, for its slow branch.
#[derive(Clone, Copy)]
struct Around {
    /// The character's input and output positions.
    at: (usize, usize),
    /// The previous kept character's entry, and where its output starts (if it was a
    /// mark).
    prev: u32,
    prev_o: usize,
    /// Kept marks since the last starter, this one included.
    run_marks: u32,
}

/// Buffers [`CharTable::cluster`] reuses.
#[derive(Default)]
struct Scratch {
    marks: Vec<(u8, usize, usize)>,
    text: String,
}

/// What [`CharTable::cluster`] did.
struct Cluster {
    /// End of the output.
    o: usize,
    /// End of the cluster in the input.
    end: usize,
    may_break_nfc: bool,
    /// The cluster's last character was changed by the table.
    last_changed: bool,
}
