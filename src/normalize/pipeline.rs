//! The plan and the run: enabled rules grouped into stages in the fixed order, and the
//! loop that applies them, chaining offset maps and recycling buffers.
//!
//! Stages: consecutive map rules become one compiled table; context rules are their own
//! passes. Three fix-ups keep every profile idempotent: NFC is restored after a table that
//! may have exposed a composition (a deleted ZWJ between ا and U+0654), HTML references
//! are decoded again if a deletion completed one (`&` + deleted mark + `amp;`), and lines
//! holding quotation marks are re-read until spacing no longer changes how a mark reads.

use std::borrow::Cow;

use super::context;
use super::edit::{Edited, Editor};
use super::nfc::{self, Form};
use super::offsets::OffsetMap;
use super::quotes::{self, QuoteStyle};
use super::rules::{Rule, RuleKind};
use super::table::CharTable;
use super::{NormalizeOptions, Stats};

/// What must be re-established after a table that deleted characters.
#[derive(Clone, Copy, Debug, Default)]
struct Refix {
    entities: bool,
    nfc: bool,
}

#[derive(Debug)]
enum Stage {
    /// `strip-control-chars` and `strip-tag-chars`, as many as are on, in one pass.
    Controls {
        controls: bool,
        tags: bool,
    },
    Entities,
    Crlf,
    Normalize(Form),
    /// A compiled table, and what to re-establish after it.
    Table {
        table: &'static CharTable,
        refix: Refix,
    },
    LastHaraka,
    /// `strip-thousands-separator` and `arabic-separators-to-ascii`, as many as are on.
    Separators {
        strip_thousands: bool,
        to_ascii: bool,
    },
    AsciiPunct,
    Repeats(Rule),
    /// `unify-quotes` (with its style), `punctuation-spacing` and `collapse-spaces`, as
    /// many of them as are on, in one pass.
    Quotes {
        style: Option<QuoteStyle>,
        spacing: bool,
        collapse: bool,
    },
    CollapseSpaces,
}

impl Stage {
    fn for_rule(rule: Rule, style: QuoteStyle) -> Stage {
        match rule {
            Rule::StripControlChars => Stage::Controls {
                controls: true,
                tags: false,
            },
            Rule::StripTagChars => Stage::Controls {
                controls: false,
                tags: true,
            },
            Rule::DecodeHtmlEntities => Stage::Entities,
            Rule::CrlfToLf => Stage::Crlf,
            Rule::UnicodeNfc => Stage::Normalize(Form::Nfc),
            Rule::UnicodeNfkc => Stage::Normalize(Form::Nfkc),
            Rule::StripLastHaraka => Stage::LastHaraka,
            Rule::StripThousandsSeparator => Stage::Separators {
                strip_thousands: true,
                to_ascii: false,
            },
            Rule::ArabicSeparatorsToAscii => Stage::Separators {
                strip_thousands: false,
                to_ascii: true,
            },
            Rule::AsciiPunctToArabic => Stage::AsciiPunct,
            Rule::CollapseRepeatsTo1 | Rule::CollapseRepeatsTo2 => Stage::Repeats(rule),
            Rule::UnifyQuotes => Stage::Quotes {
                style: Some(style),
                spacing: false,
                collapse: false,
            },
            Rule::PunctuationSpacing => Stage::Quotes {
                style: None,
                spacing: true,
                collapse: false,
            },
            Rule::CollapseSpaces => Stage::CollapseSpaces,
            _ => unreachable!("{rule} is a map rule"),
        }
    }

    /// Context rules that touch characters no later map rule reads or writes, and may
    /// therefore run after the table those map rules compile into.
    fn floats(rule: Rule) -> bool {
        matches!(
            rule,
            Rule::StripThousandsSeparator
                | Rule::ArabicSeparatorsToAscii
                | Rule::AsciiPunctToArabic
                | Rule::CollapseRepeatsTo1
                | Rule::CollapseRepeatsTo2
        )
    }
}

/// The stages of a rule set, in order.
#[derive(Debug)]
pub(crate) struct Pipeline {
    stages: Vec<Stage>,
}

impl Pipeline {
    pub(crate) fn plan(options: &NormalizeOptions) -> Pipeline {
        let rules = options.rules;
        let mut stages = Vec::new();
        let mut pending_map: Vec<Rule> = Vec::new();
        let mut deferred: Vec<Rule> = Vec::new();
        let refix = Refix {
            entities: rules.contains(Rule::DecodeHtmlEntities),
            // Only NFC is restored: CAMeL Tools runs NFKC once, before its letter rules,
            // and the camel profile reproduces it exactly (see `Profile::Camel`).
            nfc: rules.contains(Rule::UnicodeNfc),
        };
        let flush = |stages: &mut Vec<Stage>, map: &mut Vec<Rule>, deferred: &mut Vec<Rule>| {
            if !map.is_empty() {
                stages.push(Stage::Table {
                    table: CharTable::shared(map),
                    refix,
                });
                map.clear();
            }
            for r in deferred.drain(..) {
                let stage = Stage::for_rule(r, options.quote_style);
                // The two separator rules share one pass.
                if let (
                    Some(Stage::Separators { to_ascii, .. }),
                    Stage::Separators { to_ascii: true, .. },
                ) = (stages.last_mut(), &stage)
                {
                    *to_ascii = true;
                    continue;
                }
                stages.push(stage);
            }
        };
        for rule in rules.iter() {
            // `arabic-punct-to-ascii` maps back every mark `ascii-punct-to-arabic` writes,
            // and nothing between them reads those marks: with both on (`search`), the
            // first would be work undone.
            if rule == Rule::AsciiPunctToArabic && rules.contains(Rule::ArabicPunctToAscii) {
                continue;
            }
            match rule.def().kind {
                RuleKind::Map(_) => pending_map.push(rule),
                RuleKind::Context(_) if Stage::floats(rule) => deferred.push(rule),
                RuleKind::Context(_) => {
                    flush(&mut stages, &mut pending_map, &mut deferred);
                    let stage = Stage::for_rule(rule, options.quote_style);
                    // unify-quotes, punctuation-spacing and collapse-spaces look at the
                    // same marks, punctuation and spaces: one stage, one pass.
                    match (stages.last_mut(), &stage) {
                        (
                            Some(Stage::Controls { tags, .. }),
                            Stage::Controls { tags: true, .. },
                        ) => {
                            *tags = true;
                        }
                        (
                            Some(Stage::Quotes { spacing, .. }),
                            Stage::Quotes { spacing: true, .. },
                        ) => {
                            *spacing = true;
                        }
                        (Some(Stage::Quotes { collapse, .. }), Stage::CollapseSpaces) => {
                            *collapse = true
                        }
                        _ => stages.push(stage),
                    }
                }
            }
        }
        flush(&mut stages, &mut pending_map, &mut deferred);
        Pipeline { stages }
    }

    /// The character tables the pipeline runs, in order.
    #[cfg(test)]
    pub(crate) fn tables(&self) -> impl Iterator<Item = &'static CharTable> + '_ {
        self.stages.iter().filter_map(|s| match s {
            Stage::Table { table, .. } => Some(*table),
            _ => None,
        })
    }

    /// Normalise `text`. Without offsets, a long text is cut into chunks of about
    /// [`CHUNK`] bytes at newlines that no rule looks across, and the chunks run one
    /// after the other, so that every stage works on data in the CPU cache and no
    /// intermediate buffer is as large as the text.
    pub(crate) fn run<'a>(
        &self,
        text: &'a str,
        offsets: bool,
        stats: Option<&mut Stats>,
    ) -> (Cow<'a, str>, Option<OffsetMap>) {
        if offsets || text.len() < 2 * CHUNK {
            return self.run_whole(text, offsets, stats);
        }
        (self.run_chunked(text, CHUNK, stats), None)
    }

    /// [`Pipeline::run`] without offsets, in chunks of about `chunk` bytes.
    pub(crate) fn run_chunked<'a>(
        &self,
        text: &'a str,
        chunk: usize,
        stats: Option<&mut Stats>,
    ) -> Cow<'a, str> {
        let mut out: Option<String> = None;
        let mut done = 0;
        let result: Result<(), std::convert::Infallible> =
            self.run_streamed(text, chunk, stats, &mut |piece, changed| {
                if changed && out.is_none() {
                    let mut o = String::with_capacity(text.len() + text.len() / 16);
                    o.push_str(&text[..done]);
                    out = Some(o);
                }
                match &mut out {
                    Some(o) => o.push_str(piece),
                    None => done += piece.len(),
                }
                Ok(())
            });
        let Ok(()) = result;
        match out {
            Some(o) => Cow::Owned(o),
            None => Cow::Borrowed(text),
        }
    }

    /// Normalise `text` in chunks of about `chunk` bytes and hand the output to `emit`
    /// chunk by chunk, in order, each with whether it differs from its input.
    pub(crate) fn run_streamed<E>(
        &self,
        text: &str,
        chunk: usize,
        mut stats: Option<&mut Stats>,
        emit: &mut dyn FnMut(&str, bool) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut start = 0;
        while start < text.len() {
            let end = chunk_end(text, start, chunk);
            let (out, _) = self.run_whole(&text[start..end], false, stats.as_deref_mut());
            emit(&out, matches!(out, Cow::Owned(_)))?;
            if let Cow::Owned(new) = out {
                SPARES.with(|s| {
                    let mut v = s.take();
                    recycle_into(&mut v, new);
                    s.set(v);
                });
            }
            start = end;
        }
        Ok(())
    }

    /// Normalise `text` as [`Pipeline::run`] does and hand the output to `emit`: a long
    /// text chunk by chunk, so that no buffer holds the whole output; a shorter one whole.
    pub(crate) fn run_to<E>(
        &self,
        text: &str,
        stats: Option<&mut Stats>,
        emit: &mut dyn FnMut(&str, bool) -> Result<(), E>,
    ) -> Result<(), E> {
        if text.len() < 2 * CHUNK {
            let (out, _) = self.run_whole(text, false, stats);
            return emit(&out, matches!(out, Cow::Owned(_)));
        }
        self.run_streamed(text, CHUNK, stats, emit)
    }

    fn run_whole<'a>(
        &self,
        text: &'a str,
        offsets: bool,
        stats: Option<&mut Stats>,
    ) -> (Cow<'a, str>, Option<OffsetMap>) {
        let mut run = Run {
            offsets,
            stats,
            spare: SPARES.with(|s| s.take()),
            amp: false,
            cr: false,
        };
        // One scan for both: a deletion can complete an HTML reference only where there
        // is an `&` (no rule writes one), and no rule writes a CR either.
        if let Some(k) = memchr::memchr2(b'&', b'\r', text.as_bytes()) {
            let rest = &text.as_bytes()[k..];
            run.amp = memchr::memchr(b'&', rest).is_some();
            run.cr = memchr::memchr(b'\r', rest).is_some();
        }
        let mut done: Option<Edited> = None;
        let mut k = 0;
        while k < self.stages.len() {
            let stage = &self.stages[k];
            let current = done.as_ref().map_or(text, |d| d.text.as_str());
            // NFC followed by a table: one kernel pass checks NFC and applies the table;
            // only text that is not in NFC runs the NFC stage.
            if let (Stage::Normalize(Form::Nfc), Some(Stage::Table { table, refix })) =
                (stage, self.stages.get(k + 1))
                && run.fast()
            {
                let first = table.apply_fast(current, true, &mut run.spare);
                let first = (first.0.map(|text| Edited { text, map: None }), first.1);
                let next = run.table(table, *refix, current, Some(first));
                done = run.chain(done, next);
                k += 2;
                continue;
            }
            let next = run.stage(stage, current);
            done = run.chain(done, next);
            k += 1;
        }
        // Keep the spare buffers for this thread's next text.
        SPARES.with(|s| s.set(std::mem::take(&mut run.spare)));
        match done {
            None => (
                Cow::Borrowed(text),
                offsets.then(|| OffsetMap::identity(text.len())),
            ),
            Some(d) => (Cow::Owned(d.text), d.map),
        }
    }
}

/// Keep `buf` among at most two spare buffers, the largest last.
fn recycle_into(spare: &mut Vec<String>, buf: String) {
    if buf.capacity() == 0 {
        return;
    }
    spare.push(buf);
    spare.sort_by_key(String::capacity);
    if spare.len() > 2 {
        spare.remove(0);
    }
}

/// Chunk size for long texts: a few chunks' worth of buffers fit in L2 cache.
const CHUNK: usize = 128 * 1024;

/// End of the chunk that starts at `start`: at the first cut (see [`next_cut`]) at or
/// past `start + chunk`; the end of the text if there is none.
fn chunk_end(text: &str, start: usize, chunk: usize) -> usize {
    next_cut(text, start + chunk.max(1)).unwrap_or(text.len())
}

/// Just after the first run of newlines ending at or past `from` whose neighbours no rule
/// deletes or turns into whitespace (and past the text's first byte): normalising the text
/// before it and the text after it gives the whole text's result. The whitespace run
/// `collapse-spaces` sees there is those newlines, whole, at the end of the first part (one
/// newline, or a blank line between paragraphs); lines are the widest context any other
/// rule reads (quotes pair per line; entities, NFC clusters, words and runs never hold a
/// newline). `None` if there is none yet (the character after the run must be in `text`
/// to tell).
pub(crate) fn next_cut(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = from.max(1);
    while from < bytes.len() {
        let k = memchr::memchr(b'\n', &bytes[from..])?;
        let (mut first, mut last) = (from + k, from + k);
        while first > 0 && bytes[first - 1] == b'\n' {
            first -= 1;
        }
        while last + 1 < bytes.len() && bytes[last + 1] == b'\n' {
            last += 1;
        }
        let before = text[..first].chars().next_back();
        let after = text[last + 1..].chars().next();
        if before.is_some_and(is_stable_edge) && after.is_some_and(is_stable_edge) {
            return Some(last + 1);
        }
        from = last + 1;
    }
    None
}

/// Characters no rule deletes or turns into whitespace: visible ASCII but `&`, Arabic
/// letters (tatweel aside) and Arabic punctuation. Marks, controls, tatweel and spaces
/// are not, nor `&`, which may start a reference to one (`&nbsp;`).
fn is_stable_edge(c: char) -> bool {
    matches!(c, '!'..='%' | '\''..='~' | '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '«' | '»')
}

thread_local! {
    /// Buffers left over from this thread's last run, so that normalising many texts (or
    /// one benchmark input many times) does not fault in fresh memory for every
    /// intermediate stage. At most two, dropped with the thread.
    static SPARES: std::cell::Cell<Vec<String>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The state of one normalisation: what to record, and a spare buffer that the next
/// stage writes into (a freed 10 MB buffer reused is 2,500 page faults saved).
struct Run<'s> {
    offsets: bool,
    stats: Option<&'s mut Stats>,
    /// Free buffers, largest last.
    spare: Vec<String>,
    /// The text may hold an `&` (for entities) or a CR (for line endings).
    amp: bool,
    cr: bool,
}

impl Run<'_> {
    /// The fused NFC + table kernel pass can run: no offsets, and no statistics (it
    /// cannot tell NFC's changes from the table's).
    fn fast(&self) -> bool {
        !self.offsets && self.stats.is_none()
    }

    fn count(&mut self, rule: Rule, n: u64) {
        if let Some(st) = self.stats.as_deref_mut() {
            st.counts[rule.index()] += n;
        }
    }

    fn editor<'a>(&mut self, input: &'a str) -> Editor<'a> {
        Editor::with_buffer(input, self.offsets, self.spare.pop().unwrap_or_default())
    }

    fn finish(&mut self, ed: Editor<'_>) -> Option<Edited> {
        match ed.finish_or_buffer() {
            Ok(e) => Some(e),
            Err(buf) => {
                self.recycle(buf);
                None
            }
        }
    }

    fn recycle(&mut self, buf: String) {
        recycle_into(&mut self.spare, buf);
    }

    /// Chain a stage's result after the previous one (`next` was computed from
    /// `prev.text`), composing offset maps; the previous text's buffer becomes the spare.
    fn chain(&mut self, prev: Option<Edited>, next: Option<Edited>) -> Option<Edited> {
        let Some(next) = next else { return prev };
        let Some(prev) = prev else { return Some(next) };
        let map = match (next.map, &prev.map) {
            (Some(a), Some(b)) => Some(a.compose(b)),
            _ => None,
        };
        self.recycle(prev.text);
        Some(Edited {
            text: next.text,
            map,
        })
    }

    fn stage(&mut self, stage: &Stage, input: &str) -> Option<Edited> {
        let mut ed = self.editor(input);
        let (rule, n) = match stage {
            Stage::Entities => {
                self.recycle_editor(ed);
                return self.entities(input);
            }
            Stage::Table { table, refix } => {
                self.recycle_editor(ed);
                return self.table(table, *refix, input, None);
            }
            Stage::Quotes {
                style,
                spacing,
                collapse,
            } => {
                self.recycle_editor(ed);
                return self.quotes(*style, *spacing, *collapse, input);
            }
            Stage::Controls { controls, tags } => {
                let n = context::strip_controls(input, *controls, *tags, &mut ed);
                self.count(Rule::StripControlChars, n.controls);
                self.count(Rule::StripTagChars, n.tags);
                return self.finish(ed);
            }
            Stage::Crlf if !self.cr => {
                self.recycle_editor(ed);
                return None;
            }
            Stage::Crlf => (Rule::CrlfToLf, context::crlf(input, &mut ed)),
            Stage::Normalize(Form::Nfc) => {
                (Rule::UnicodeNfc, nfc::apply(input, Form::Nfc, &mut ed))
            }
            Stage::Normalize(Form::Nfkc) => {
                (Rule::UnicodeNfkc, nfc::apply(input, Form::Nfkc, &mut ed))
            }
            Stage::LastHaraka => (
                Rule::StripLastHaraka,
                context::strip_last_haraka(input, &mut ed),
            ),
            Stage::Separators {
                strip_thousands,
                to_ascii,
            } => {
                let (stripped, converted) =
                    context::separators(input, *strip_thousands, *to_ascii, &mut ed);
                self.count(Rule::StripThousandsSeparator, stripped);
                self.count(Rule::ArabicSeparatorsToAscii, converted);
                return self.finish(ed);
            }
            Stage::AsciiPunct => (
                Rule::AsciiPunctToArabic,
                context::ascii_punct_to_arabic(input, &mut ed),
            ),
            Stage::Repeats(rule) => {
                let keep = if *rule == Rule::CollapseRepeatsTo1 {
                    1
                } else {
                    2
                };
                (*rule, context::collapse_repeats(input, keep, &mut ed))
            }
            Stage::CollapseSpaces => (
                Rule::CollapseSpaces,
                context::collapse_spaces(input, &mut ed),
            ),
        };
        self.count(rule, n);
        self.finish(ed)
    }

    fn recycle_editor(&mut self, ed: Editor<'_>) {
        if let Err(buf) = ed.finish_or_buffer() {
            self.recycle(buf);
        }
    }

    /// `decode-html-entities`, repeated until nothing changes (a decoded `;` or `&` can
    /// complete a reference with the text around it; real text settles in one pass).
    fn entities(&mut self, input: &str) -> Option<Edited> {
        if !self.amp {
            return None;
        }
        let mut done: Option<Edited> = None;
        for _ in 0..8 {
            let current = done.as_ref().map_or(input, |d| d.text.as_str());
            if memchr::memchr(b'&', current.as_bytes()).is_none() {
                self.amp = false;
                break;
            }
            let mut ed = self.editor(current);
            let n = context::decode_entities(current, &mut ed);
            self.count(Rule::DecodeHtmlEntities, n);
            let Some(next) = self.finish(ed) else { break };
            done = self.chain(done, Some(next));
        }
        done
    }

    /// One pass of a table: the fast pass when no offsets or statistics are recorded,
    /// else the pass through an editor. Returns the result and whether NFC may need
    /// restoring.
    fn table_pass(&mut self, table: &CharTable, input: &str) -> (Option<Edited>, bool) {
        // Without offsets the fast pass writes the text; statistics are counted by a
        // read-only pass over the input when it changed anything (an unchanged text has
        // no character the table maps), for a table that maps letters: rewriting through
        // the editor instead made a corpus run, which always counts, 1.6-2.2x the
        // instructions of `naskh normalize` (`camel`, `search`). A table of rare
        // characters (`canonical`'s) is faster through the editor's trigger scan.
        if !self.offsets && (self.stats.is_none() || table.counts_beside_fast_pass()) {
            let (text, may_break_nfc) = table.apply_fast(input, false, &mut self.spare);
            if text.is_some()
                && let Some(st) = self.stats.as_deref_mut()
            {
                table.count(input, &mut st.counts);
            }
            return (text.map(|text| Edited { text, map: None }), may_break_nfc);
        }
        let mut ed = self.editor(input);
        let stats = self.stats.as_deref_mut().map(|s| &mut s.counts[..]);
        let may_break_nfc = table.apply(input, &mut ed, stats);
        (self.finish(ed), may_break_nfc)
    }

    /// Apply a table, then the fix-ups it may have made necessary; when a fix-up changed
    /// something, the table runs again on the result. `first` is the table's first pass
    /// when the caller already made it.
    fn table(
        &mut self,
        table: &CharTable,
        refix: Refix,
        input: &str,
        first: Option<(Option<Edited>, bool)>,
    ) -> Option<Edited> {
        let (done, mut may_break_nfc) = match first {
            Some(f) => f,
            None => self.table_pass(table, input),
        };
        let mut done = done?;
        for _ in 0..4 {
            let mut fixed: Option<Edited> = None;
            if refix.entities && self.amp {
                fixed = self.entities(&done.text);
            }
            if refix.nfc && (may_break_nfc || fixed.is_some()) {
                let current = fixed
                    .as_ref()
                    .map_or(done.text.as_str(), |f| f.text.as_str());
                let mut ed = self.editor(current);
                let n = nfc::apply(current, Form::Nfc, &mut ed);
                self.count(Rule::UnicodeNfc, n);
                let next = self.finish(ed);
                fixed = self.chain(fixed, next);
            }
            let Some(fixed) = fixed else { break };
            done = self.chain(Some(done), Some(fixed)).expect("both present");
            let (again, more) = self.table_pass(table, &done.text);
            may_break_nfc = more;
            match again {
                Some(again) => done = self.chain(Some(done), Some(again)).expect("both present"),
                None => break,
            }
        }
        Some(done)
    }

    /// `unify-quotes`, `punctuation-spacing` and `collapse-spaces`. Spacing changes the
    /// context a mark is read in (a space inserted before «), so lines that hold quotes
    /// are read again until they are stable, which makes a second run a no-op; other lines
    /// settle in one pass.
    fn quotes(
        &mut self,
        style: Option<QuoteStyle>,
        spacing: bool,
        collapse: bool,
        input: &str,
    ) -> Option<Edited> {
        let mut ed = self.editor(input);
        let marks = quotes::analyze_quotes(input);
        let c = quotes::quotes_and_spacing(input, &marks, style, spacing, collapse, None, &mut ed);
        self.count(Rule::UnifyQuotes, c.unified);
        self.count(Rule::PunctuationSpacing, c.spacing);
        self.count(Rule::CollapseSpaces, c.collapsed);
        let mut done = self.finish(ed)?;
        if !spacing || !c.touched_marks {
            // Nothing changed how a mark reads: one pass is final.
            return Some(done);
        }
        for _ in 0..4 {
            let marks = quotes::analyze_quotes(&done.text);
            let lines = quotes::lines_of(&done.text, &marks);
            if lines.is_empty() {
                break;
            }
            let mut ed = self.editor(&done.text);
            // Spacing never leaves a run for collapse-spaces: only the first pass needs it.
            let c = quotes::quotes_and_spacing(
                &done.text,
                &marks,
                style,
                spacing,
                false,
                Some(&lines),
                &mut ed,
            );
            self.count(Rule::UnifyQuotes, c.unified);
            self.count(Rule::PunctuationSpacing, c.spacing);
            match self.finish(ed) {
                Some(next) => done = self.chain(Some(done), Some(next)).expect("both present"),
                None => break,
            }
            if !c.touched_marks {
                break;
            }
        }
        Some(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizeOptions, Profile, Stats};
    use proptest::prelude::*;

    /// Pieces every rule has something to do with: marks in both orders, hamza and alef
    /// forms, presentation forms and ligatures, digits and separators, entities, quotes,
    /// controls, CRLF, tatweel, Persian letters, astral characters.
    const PIECES: &[&str] = &[
        "قال",
        " ",
        "\n",
        "\r\n",
        "الحُكُومَة",
        "شَدَّ",
        "شّد",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ى",
        "ة",
        "ؤ",
        "ئ",
        "ـ",
        "\u{FEFB}",
        "\u{FDFC}",
        "\u{FE8D}",
        "٣٤",
        "۵",
        "12",
        "٫",
        "٬",
        "&amp;",
        "&#1571;",
        "&quot;",
        "«",
        "»",
        "\"",
        "“",
        "”",
        ":",
        "،",
        ",",
        "?",
        "\u{200F}",
        "\u{202E}",
        "\u{0001}",
        "\u{00A0}",
        "ک",
        "ی",
        "ٰ",
        "ۖ",
        "x²",
        "😀",
        "-",
        "–",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// The statistics of a run without offsets (the fast table pass, counted by a
        /// read-only pass) equal those of a run with offsets (every change through the
        /// editor), and so do the texts, for every profile.
        #[test]
        fn fast_statistics_equal_the_editor_s(
            parts in prop::collection::vec(prop::sample::select(PIECES), 0..60)
        ) {
            let text: String = parts.concat();
            for &p in Profile::ALL {
                let pipeline = Pipeline::plan(&NormalizeOptions::profile(p));
                let (mut fast, mut slow) = (Stats::default(), Stats::default());
                let (a, _) = pipeline.run(&text, false, Some(&mut fast));
                let (b, _) = pipeline.run(&text, true, Some(&mut slow));
                prop_assert_eq!(&a, &b, "{:?}", p);
                prop_assert_eq!(fast.counts, slow.counts, "{:?} on {:?}", p, text);
            }
        }
    }

    /// Regression test for issue 13: text whose paragraphs are separated by blank lines
    /// (most news, and every vowelled text here) was never cut, so that a 10 MB text ran
    /// as one chunk out of cache.
    #[test]
    fn issue_13_chunks_end_after_a_blank_line_between_paragraphs() {
        let text = "قال.\n\nوزير\n\n\nثم\n \nنعم\n";
        assert_eq!(chunk_end(text, 0, 1), "قال.\n\n".len());
        // Three newlines: the whole run goes to the chunk before the cut.
        let from = "قال.\n\nوز".len();
        assert_eq!(chunk_end(text, 0, from), "قال.\n\nوزير\n\n\n".len());
        // A newline next to a space is no place to cut; the last line ends the text.
        let from = "قال.\n\nوزير\n\n\nث".len();
        assert_eq!(chunk_end(text, 0, from), text.len());
    }

    /// A reference may decode to whitespace that joins the newlines before it: no cut
    /// before an `&` (a bug of the cut since it was written, found by issue 13's
    /// property tests once they had blank lines).
    #[test]
    fn no_cut_before_an_ampersand() {
        let text = "قال.\n&nbsp;\n\nنعم.\nلا";
        assert_eq!(chunk_end(text, 0, 1), "قال.\n&nbsp;\n\n".len());
    }
}
