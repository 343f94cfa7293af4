//! The one way a normalisation stage changes text: left-to-right replacements of input
//! byte ranges, recorded in an offset map when asked for. Allocates the output only at
//! the first edit, so a stage that changes nothing costs no allocation.

use std::ops::Range;

use super::offsets::{MapBuilder, OffsetMap};

/// Output of a stage that changed its input.
pub(crate) struct Edited {
    pub(crate) text: String,
    pub(crate) map: Option<OffsetMap>,
}

pub(crate) struct Editor<'a> {
    input: &'a str,
    out: String,
    /// Input bytes consumed so far (copied or replaced).
    done: usize,
    edited: bool,
    map: Option<MapBuilder>,
}

impl<'a> Editor<'a> {
    #[cfg(test)]
    pub(crate) fn new(input: &'a str, offsets: bool) -> Editor<'a> {
        Editor::with_buffer(input, offsets, String::new())
    }

    /// An editor that writes into `buf` (cleared first), so that a buffer freed by an
    /// earlier stage is reused instead of fresh memory being faulted in.
    pub(crate) fn with_buffer(input: &'a str, offsets: bool, buf: String) -> Editor<'a> {
        Editor {
            input,
            out: buf,
            done: 0,
            edited: false,
            map: offsets.then(MapBuilder::new),
        }
    }

    fn begin(&mut self) {
        if !self.edited {
            self.edited = true;
            self.out.clear();
            self.out
                .reserve(self.input.len() + self.input.len() / 16 + 16);
        }
    }

    fn copy_to(&mut self, pos: usize) {
        debug_assert!(pos >= self.done, "edits must go left to right");
        if pos > self.done {
            self.out.push_str(&self.input[self.done..pos]);
            if let Some(m) = &mut self.map {
                m.push_raw(pos - self.done, pos - self.done, true);
            }
            self.done = pos;
        }
    }

    /// Replace `input[range]` with `with`. Ranges must come in increasing order.
    pub(crate) fn replace(&mut self, range: Range<usize>, with: &str) {
        self.begin();
        self.copy_to(range.start);
        self.out.push_str(with);
        if let Some(m) = &mut self.map {
            m.push_raw(with.len(), range.len(), false);
        }
        self.done = range.end;
    }

    /// Replace `input[range]` with `with`, recording as edits only the part between their
    /// common prefix and suffix, so that offsets stay as tight as possible. Does nothing if
    /// the two are equal. Used where a whole cluster is rewritten (NFC).
    pub(crate) fn replace_tight(&mut self, range: Range<usize>, with: &str) {
        let old = &self.input[range.clone()];
        if old == with {
            return;
        }
        let prefix = common_prefix(old, with);
        let suffix = common_suffix(&old[prefix..], &with[prefix..]);
        let start = range.start + prefix;
        let end = range.end - suffix;
        let new = &with[prefix..with.len() - suffix];
        self.replace(start..end, new);
    }

    pub(crate) fn delete(&mut self, range: Range<usize>) {
        self.replace(range, "");
    }

    pub(crate) fn insert(&mut self, at: usize, with: &str) {
        self.replace(at..at, with);
    }

    /// `None` when nothing was edited.
    #[cfg(test)]
    pub(crate) fn finish(self) -> Option<Edited> {
        self.finish_or_buffer().ok()
    }

    /// The edited text, or, when nothing was edited, the unused buffer back.
    pub(crate) fn finish_or_buffer(mut self) -> Result<Edited, String> {
        if !self.edited {
            return Err(self.out);
        }
        let len = self.input.len();
        self.copy_to(len);
        Ok(Edited {
            text: self.out,
            map: self.map.map(MapBuilder::finish),
        })
    }
}

/// Length in bytes of the longest common prefix of `a` and `b`, on a char boundary.
pub(crate) fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// Length in bytes of the longest common suffix of `a` and `b`, on a char boundary.
pub(crate) fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    n
}
