//! One paragraph as the attribution passes see it: its words, its marked spans (each a
//! quotation or a title), its sentences; lookups by position are binary searches, so a
//! paragraph with thousands of marks and verbs stays linear.

use super::super::lexicon::class;
use super::super::words::Word;
use super::super::{Paragraph, Span};
use super::marks::{QuoteSpan, is_space};

/// A marked span of the paragraph, in bytes of the whole text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marked {
    /// Marks included.
    pub(crate) outer: Span,
    /// The words inside, trimmed.
    pub(crate) inner: Span,
    /// The closing mark is there.
    pub(crate) closed: bool,
    /// A name or term in marks (صحيفة «فوربس»), not a quotation: words of the sentence.
    pub(crate) title: bool,
}

/// A paragraph (or the headline) under attribution.
pub(crate) struct Para<'a> {
    /// The whole text.
    pub(crate) text: &'a str,
    /// The paragraph.
    pub(crate) p: &'a Paragraph,
    /// Its words.
    pub(crate) ws: &'a [Word],
    /// Its marked spans, sorted and disjoint.
    pub(crate) marks: Vec<Marked>,
    /// The indices of the marks that are quotations (not titles).
    real: Vec<usize>,
    /// Words inside the quotations `real[..i]`, for each `i`.
    quoted_prefix: Vec<usize>,
    /// The word indices of participles that end a clause after a comma (…، معربا).
    enders: Vec<usize>,
    /// For each word: its sentence, and the mark it is in (index + 1, or 0): the
    /// attribution passes ask about words many times.
    word_sentence: Vec<u32>,
    word_mark: Vec<u32>,
}

impl<'a> Para<'a> {
    pub(crate) fn new(
        text: &'a str,
        p: &'a Paragraph,
        qs: &[QuoteSpan],
        ws: &'a [Word],
    ) -> Para<'a> {
        let base = p.span.start;
        let mut para = Para {
            text,
            p,
            ws,
            marks: qs
                .iter()
                .map(|q| Marked {
                    outer: Span::new(base + q.outer.start, base + q.outer.end),
                    inner: Span::new(base + q.inner.start, base + q.inner.end),
                    closed: q.closed,
                    title: false,
                })
                .collect(),
            real: Vec::new(),
            quoted_prefix: vec![0],
            enders: Vec::new(),
            word_sentence: Vec::with_capacity(ws.len()),
            word_mark: Vec::with_capacity(ws.len()),
        };
        // One merge walk over words, sentences and marks.
        let (mut si, mut mi) = (0, 0);
        let sentences = &p.sentences;
        for w in ws {
            while si + 1 < sentences.len() && sentences[si + 1].span.start <= w.span.start {
                si += 1;
            }
            while mi < para.marks.len() && para.marks[mi].outer.end <= w.span.start {
                mi += 1;
            }
            para.word_sentence.push(si as u32);
            let inside = para
                .marks
                .get(mi)
                .is_some_and(|m| m.outer.start <= w.span.start);
            para.word_mark.push(if inside { mi as u32 + 1 } else { 0 });
        }
        para.enders = (1..ws.len())
            .filter(|&k| ws[k].lex.is(class::CLAUSE_ENDER) && para.gap(k).contains(['،', ',']))
            .collect();
        for i in 0..para.marks.len() {
            para.marks[i].title = para.is_title(&para.marks[i]);
        }
        for i in 0..para.marks.len() {
            if !para.marks[i].title {
                para.real.push(i);
                let words = para.words_in(para.marks[i].inner);
                let total = para.quoted_prefix.last().copied().unwrap_or(0) + words;
                para.quoted_prefix.push(total);
            }
        }
        para
    }

    /// The number of words starting inside `span` (two binary searches).
    pub(crate) fn words_in(&self, span: Span) -> usize {
        let a = self.ws.partition_point(|w| w.span.start < span.start);
        let b = self.ws.partition_point(|w| w.span.start < span.end);
        b.saturating_sub(a)
    }

    /// The words inside the quotations that open inside `span`.
    pub(crate) fn quoted_words_in(&self, span: Span) -> usize {
        let a = self
            .real
            .partition_point(|&i| self.marks[i].outer.start < span.start);
        let b = self
            .real
            .partition_point(|&i| self.marks[i].outer.start < span.end);
        self.quoted_prefix[b.max(a)] - self.quoted_prefix[a]
    }

    /// The first participle that ends a clause (…، معربا عن أمله) at or after word `k`.
    pub(crate) fn next_ender(&self, k: usize) -> Option<usize> {
        self.enders
            .get(self.enders.partition_point(|&e| e < k))
            .copied()
    }

    /// The first quotation (not a title) that opens at or after `pos`: its index.
    pub(crate) fn next_quotation(&self, pos: usize) -> Option<usize> {
        let a = self
            .real
            .partition_point(|&i| self.marks[i].outer.start < pos);
        self.real.get(a).copied()
    }

    /// A name or term in marks (صحيفة «فوربس»، ما يسمى «الخط الأحمر») is not a
    /// quotation: up to three words inside a sentence, unless it is what someone said
    /// (after إن/أن and closing the clause: وصفه بأنه «عمل ناضج».), not the clause's
    /// subject (إن «موديز» خفضت …); up to three words after a colon when the sentence
    /// goes on after them and no speech verb stands before the colon (وزير الإسكان:
    /// «الصندوق العقاري» مقبل على …); and any length
    /// after a naming word (تحت عنوان: «…»، لشبكة «ايه بي سي نيوز»، بشعار «…»).
    fn is_title(&self, m: &Marked) -> bool {
        let before = self.text[self.p.span.start..m.outer.start].trim_end_matches(is_space);
        let words = self.words_in(m.inner);
        let prev = self.ws.partition_point(|w| w.span.end <= m.outer.start);
        let naming = prev > 0 && {
            let w = &self.ws[prev - 1];
            let gap = self.text[w.span.end..m.outer.start].trim_matches(is_space);
            // لشبكة «…»، بعنوان «…»: the naming word may carry ل or ب (and be listed
            // itself as a recipient, which hides the prefix reading).
            let named = w.lex.is(class::NAMING)
                || w.key.strip_prefix(['ل', 'ب']).is_some_and(|rest| {
                    super::super::lexicon::lexicon()
                        .get(rest)
                        .is_some_and(|e| e.is(class::NAMING))
                });
            // لـ«الرياض»: the outlet after a lone ل.
            let outlet = w.key == "ل" && !gap.contains(':');
            (named || outlet)
                && (gap.is_empty() || gap == ":" || gap.chars().all(|c| c == '\u{0640}'))
        };
        if naming && words <= 12 {
            return true;
        }
        let next = self.ws.partition_point(|w| w.span.start < m.outer.end);
        let goes_on = self.text[m.outer.end..self.p.span.end]
            .chars()
            .find(|&c| !is_space(c))
            .is_some_and(super::super::words::is_alnum);
        // “هيومن رايتس واتش”: … names who speaks.
        let labels = self.text[m.outer.end..self.p.span.end]
            .trim_start_matches(is_space)
            .starts_with(':');
        if before.is_empty() && labels && words <= 5 {
            return true;
        }
        // A heading that is only a short span in marks («لا مساومة», a book's title as
        // the headline), and the headline's marks after a section label (اجتماعي /
        // «…» .. مشروع بحثي).
        let rest = self.text[m.outer.end..self.p.span.end]
            .trim_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '…'));
        if before.is_empty() && rest.is_empty() && words <= 3 {
            return true;
        }
        let headline = self.p.index == 0;
        if headline && words <= 5 && (before.is_empty() || before.ends_with(['/', '|', '-', '–']))
        {
            return true;
        }
        // «السلطة السوداء» هو عنوان كتاب: a short span that opens the paragraph and that
        // the sentence goes on after, with no verb saying it, is its subject.
        if before.is_empty()
            && goes_on
            && words <= 3
            && self.ws.get(next).is_some_and(|w| w.lex.verb().is_none())
        {
            return true;
        }
        if words > 3 {
            return false;
        }
        if before.is_empty() || before.ends_with(':') {
            // After a speech verb and its colon the marks hold what was said, however
            // short and whatever follows (قال الوزير: «نعم» في 3 مارس.); a label's colon
            // has no verb before it.
            let said = (prev.saturating_sub(6)..prev)
                .rev()
                .take_while(|&k| self.sentence_of_word(k) == self.sentence_of(m.outer.start))
                .any(|k| self.ws[k].lex.verb().is_some());
            return before.ends_with(':') && goes_on && !said;
        }
        let after_complementizer = prev > 0 && {
            let w = &self.ws[prev - 1];
            w.lex.exact.is_some_and(|e| e.is(class::COMPLEMENTIZER))
                && self.text[w.span.end..m.outer.start].chars().all(is_space)
        };
        let clause_ends = !goes_on
            || self.ws.get(next).is_some_and(|w| {
                w.key == "في" || w.lex.is(class::PREPOSITION) || w.lex.is(class::ADVERBIAL)
            });
        !(after_complementizer && clause_ends)
    }

    /// The marked span holding `pos`, if any.
    pub(crate) fn mark_at(&self, pos: usize) -> Option<(usize, &Marked)> {
        let i = self.marks.partition_point(|m| m.outer.start <= pos);
        (i > 0 && pos < self.marks[i - 1].outer.end).then(|| (i - 1, &self.marks[i - 1]))
    }

    /// The mark word `k` is in.
    pub(crate) fn mark_of_word(&self, k: usize) -> Option<(usize, &Marked)> {
        let m = *self.word_mark.get(k)? as usize;
        (m > 0).then(|| (m - 1, &self.marks[m - 1]))
    }

    /// The sentence (0-based) of word `k`.
    pub(crate) fn sentence_of_word(&self, k: usize) -> usize {
        self.word_sentence.get(k).map_or(0, |&s| s as usize)
    }

    /// Whether word `k` is inside a quotation (not a title).
    pub(crate) fn in_quotation(&self, k: usize) -> bool {
        self.mark_of_word(k).is_some_and(|(_, m)| !m.title)
    }

    /// Whether word `k` is inside a title in marks.
    pub(crate) fn in_title(&self, k: usize) -> bool {
        self.mark_of_word(k).is_some_and(|(_, m)| m.title)
    }

    /// The sentence (0-based) holding byte `pos`.
    pub(crate) fn sentence_of(&self, pos: usize) -> usize {
        self.p
            .sentences
            .partition_point(|s| s.span.start <= pos)
            .saturating_sub(1)
    }

    /// The end of sentence `s`, in bytes.
    pub(crate) fn sentence_end(&self, s: usize) -> usize {
        self.p
            .sentences
            .get(s)
            .map_or(self.p.span.end, |x| x.span.end)
    }

    /// The start of sentence `s`, in bytes.
    pub(crate) fn sentence_start(&self, s: usize) -> usize {
        self.p
            .sentences
            .get(s)
            .map_or(self.p.span.start, |x| x.span.start)
    }

    /// The text between word `k - 1` (or the paragraph's start) and word `k`.
    pub(crate) fn gap(&self, k: usize) -> &'a str {
        let from = if k == 0 {
            self.p.span.start
        } else {
            self.ws[k - 1].span.end
        };
        &self.text[from..self.ws.get(k).map_or(self.p.span.end, |w| w.span.start)]
    }

    /// The span of words `from..from + len` as a name: a title in marks at either end
    /// keeps its marks (صحيفة «زمان»).
    pub(crate) fn name_span(&self, from: usize, len: usize) -> Span {
        let (first, last) = (&self.ws[from], &self.ws[from + len - 1]);
        let mut span = Span::new(first.span.start, last.span.end);
        // فالدراسات الأمريكية، والرئيس: the conjunction is not part of the name.
        if (first.key.starts_with("وال") || first.key.starts_with("فال"))
            && first.lex.exact.is_none()
        {
            span.start += self.word(from).chars().next().map_or(0, char::len_utf8);
        }
        if let Some((_, m)) = self.mark_at(first.span.start)
            && m.title
            && (from == 0 || self.ws[from - 1].span.end <= m.outer.start)
        {
            span.start = m.outer.start;
        }
        if let Some((_, m)) = self.mark_at(last.span.start)
            && m.title
            && self
                .ws
                .get(from + len)
                .is_none_or(|w| w.span.start >= m.outer.end)
        {
            span.end = m.outer.end;
        }
        span
    }

    /// The text of word `k`, as written.
    pub(crate) fn word(&self, k: usize) -> &'a str {
        let w = &self.ws[k];
        &self.text[w.span.start..w.span.end]
    }

    /// The first word starting at or after byte `pos`.
    pub(crate) fn word_from(&self, pos: usize) -> usize {
        self.ws.partition_point(|w| w.span.start < pos)
    }

    /// A span of text as a string.
    pub(crate) fn slice(&self, s: Span) -> &'a str {
        &self.text[s.start..s.end]
    }
}
