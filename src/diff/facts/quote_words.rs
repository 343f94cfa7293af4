//! The words of every quotation of two versions, for the quotation facts
//! ([`super::quotes`]): read side by side, and beside the alignment (they need only the
//! texts and the quotations).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::super::tokens::word_keys;
use crate::structure::Quote;

/// The words of every quotation of two versions: their keys in reading order
/// (spelling-insensitive, punctuation left out) and sorted (for the Dice coefficient). They are a
/// function of the texts and the quotations alone, so the diff reads them beside the
/// alignment ([`quote_words`]).
pub(crate) struct QuoteWords {
    pub(super) old: Vec<Words>,
    /// A quotation of the new version whose text is an old one's has that one's words.
    new: Vec<Result<Words, usize>>,
}

pub(super) struct Words {
    pub(super) words: Vec<u64>,
    pub(super) bag: Vec<u64>,
}

impl QuoteWords {
    /// The words of the new version's quotation `j`.
    pub(super) fn new_words(&self, j: usize) -> &Words {
        match &self.new[j] {
            Ok(w) => w,
            Err(i) => &self.old[*i],
        }
    }
}

fn words_of(text: &str, q: &Quote) -> Words {
    let mut words = Vec::new();
    word_keys(text, q.span, &mut words);
    let mut bag = words.clone();
    bag.sort_unstable();
    Words { words, bag }
}

/// The words of the quotations `a` of `old` and `b` of `new`, read side by side (each
/// quotation's are its own).
pub(crate) fn quote_words(old: &str, a: &[Quote], new: &str, b: &[Quote]) -> QuoteWords {
    let olds: Vec<Words> = a.par_iter().map(|q| words_of(old, q)).collect();
    // Most quotations are in both versions as they were: their words are read once.
    let mut by_text: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, q) in a.iter().enumerate() {
        by_text.entry(&old[q.span.start..q.span.end]).or_insert(i);
    }
    let news = b
        .par_iter()
        .map(|q| match by_text.get(&new[q.span.start..q.span.end]) {
            Some(&i) => Err(i),
            None => Ok(words_of(new, q)),
        })
        .collect();
    QuoteWords {
        old: olds,
        new: news,
    }
}
