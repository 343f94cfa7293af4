//! The page's words, in Arabic (the default, for an Arabic page) or English: every label
//! the page shows comes from here, so a page is in one language. Does no I/O.

use crate::diff::{BlockKind, Class, Diff, Entry, EntryKind, FactKind, Side};

/// The language of the page's labels (the article's text is never translated).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// Arabic labels, the page right to left.
    #[default]
    Arabic,
    /// English labels, the page left to right (the article's text still right to left).
    English,
}

impl Lang {
    /// The BCP 47 tag (`ar`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::English => "en",
        }
    }

    /// The direction of the page's labels (`rtl`, `ltr`).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Arabic => "rtl",
            Lang::English => "ltr",
        }
    }

    fn pick(self, ar: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Arabic => ar,
            Lang::English => en,
        }
    }

    /// A fixed label of the page.
    pub(super) fn text(self, what: Text) -> &'static str {
        match what {
            Text::Title => self.pick("ما الذي تغيّر؟", "What changed?"),
            Text::Facts => self.pick("وقائع", "Facts"),
            Text::Moves => self.pick("فقرات منقولة", "Moved paragraphs"),
            Text::Inline => self.pick("مدمج", "Inline"),
            Text::Side => self.pick("جنبًا إلى جنب", "Side by side"),
            Text::ShowSame => self.pick("إظهار ما لم يتغيّر", "Show unchanged"),
            Text::Approximate => self.pick("نتيجة تقريبية:", "Approximate result:"),
            Text::NoDifferences => self.pick("لا فروق", "No differences"),
            Text::Hidden => self.pick("مخفي", "hidden"),
            Text::Blocks => self.pick("كتل", "blocks"),
            Text::FactCount => self.pick("وقائع", "facts"),
            Text::Before => self.pick("قبل", "Before"),
            Text::After => self.pick("بعد", "After"),
        }
    }

    /// A class's name (`تشكيل`, `diacritics`).
    pub fn class(self, c: Class) -> &'static str {
        match c {
            Class::Invisible => self.pick("محارف خفية", "invisible"),
            Class::Whitespace => self.pick("مسافات", "whitespace"),
            Class::Punctuation => self.pick("ترقيم", "punctuation"),
            Class::Diacritics => self.pick("تشكيل", "diacritics"),
            Class::Orthography => self.pick("إملاء", "orthography"),
            Class::Moved => self.pick("نقل", "moved"),
            Class::Content => self.pick("مضمون", "content"),
        }
    }

    /// What happened to a block (`نُقلت`, `moved`).
    pub fn fate(self, k: EntryKind) -> &'static str {
        match k {
            EntryKind::Unchanged => self.pick("لم تتغيّر", "unchanged"),
            EntryKind::Changed => self.pick("تغيّرت", "changed"),
            EntryKind::Moved => self.pick("نُقلت", "moved"),
            EntryKind::Deleted => self.pick("حُذفت", "deleted"),
            EntryKind::Inserted => self.pick("أُضيفت", "inserted"),
            EntryKind::Split => self.pick("قُسمت", "split"),
            EntryKind::Merged => self.pick("دُمجت", "merged"),
        }
    }

    /// What a fact is (`رقم تغيّر`, `number changed`); `added`/`removed` for a line fact
    /// that only has one side.
    pub fn fact(self, k: FactKind, old: bool, new: bool) -> &'static str {
        let line = |ar: [&'static str; 3], en: [&'static str; 3]| {
            let i = match (old, new) {
                (true, true) => 0,
                (false, true) => 1,
                _ => 2,
            };
            self.pick(ar[i], en[i])
        };
        match k {
            FactKind::Headline => line(
                ["تغيّر العنوان", "أُضيف عنوان", "حُذف العنوان"],
                ["headline changed", "headline added", "headline removed"],
            ),
            FactKind::Byline => line(
                ["تغيّر سطر الكاتب", "أُضيف سطر الكاتب", "حُذف سطر الكاتب"],
                ["byline changed", "byline added", "byline removed"],
            ),
            FactKind::Dateline => line(
                ["تغيّر سطر المكان", "أُضيف سطر المكان", "حُذف سطر المكان"],
                ["dateline changed", "dateline added", "dateline removed"],
            ),
            FactKind::Source => line(
                ["تغيّر المصدر", "أُضيف مصدر", "حُذف المصدر"],
                ["source changed", "source added", "source removed"],
            ),
            FactKind::QuoteAdded => self.pick("اقتباس أُضيف", "quote added"),
            FactKind::QuoteRemoved => self.pick("اقتباس حُذف", "quote removed"),
            FactKind::QuoteReworded => self.pick("اقتباس تغيّرت صياغته", "quote reworded"),
            FactKind::SpeakerChanged => self.pick("تغيّر القائل", "speaker changed"),
            FactKind::QuoteUnmarked => self.pick("اقتباس أُزيلت علامتاه", "quote unmarked"),
            FactKind::QuoteMarked => self.pick("كلام صار اقتباسًا", "quote marked"),
            FactKind::NumberChanged => self.pick("رقم تغيّر", "number changed"),
            FactKind::NumberAdded => self.pick("رقم أُضيف", "number added"),
            FactKind::NumberRemoved => self.pick("رقم حُذف", "number removed"),
            FactKind::DateChanged => self.pick("تاريخ تغيّر", "date changed"),
            FactKind::DateAdded => self.pick("تاريخ أُضيف", "date added"),
            FactKind::DateRemoved => self.pick("تاريخ حُذف", "date removed"),
        }
    }

    /// From old to new, in the labels' reading direction.
    pub fn arrow(self) -> &'static str {
        self.pick("←", "→")
    }

    /// A block's short name (`الفقرة 3`, `¶3`, `العنوان`, `headline`).
    pub fn block(self, side: &Side, i: usize) -> String {
        let b = &side.blocks[i];
        match b.kind {
            // `¶3` reads `3¶` in a right-to-left line: a word instead.
            BlockKind::Paragraph => match self {
                Lang::Arabic => format!("الفقرة {}", b.number),
                Lang::English => format!("¶{}", b.number),
            },
            BlockKind::Headline => self.pick("العنوان", "headline").to_string(),
            BlockKind::Byline => self.pick("سطر الكاتب", "byline").to_string(),
            BlockKind::Dateline => self.pick("سطر المكان", "dateline").to_string(),
            BlockKind::Source => self.pick("المصدر", "source").to_string(),
            BlockKind::Line => format!("{} {}", self.pick("السطر", "line"), b.number),
        }
    }

    fn blocks(self, side: &Side, idx: &[usize]) -> String {
        idx.iter()
            .map(|&i| self.block(side, i))
            .collect::<Vec<_>>()
            .join("+")
    }

    /// An entry's heading: its blocks (both numbers when they differ) and its fate.
    pub fn heading(self, diff: &Diff, e: &Entry) -> String {
        let (o, n) = (
            self.blocks(&diff.old, &e.old),
            self.blocks(&diff.new, &e.new),
        );
        let fate = self.fate(e.kind);
        match e.kind {
            EntryKind::Deleted => format!("{o} {fate}"),
            EntryKind::Unchanged | EntryKind::Changed | EntryKind::Inserted
                if o == n || o.is_empty() =>
            {
                format!("{n} {fate}")
            }
            _ => format!("{o} {} {n} {fate}", self.arrow()),
        }
    }

    /// The line under the title: blocks per fate, changes per class, facts, hidden.
    pub fn summary(self, diff: &Diff, hidden: &[Class]) -> String {
        let counts = |keep: &dyn Fn(Class) -> bool| -> Vec<String> {
            diff.summary
                .classes
                .iter()
                .filter(|&&(c, n)| n > 0 && keep(c))
                .map(|&(c, n)| format!("{}: {n}", self.class(c)))
                .collect()
        };
        let sep = self.pick("، ", ", ");
        let hid = counts(&|c| hidden.contains(&c));
        let mut s = String::new();
        if !diff.has_changes(hidden) {
            s.push_str(self.text(Text::NoDifferences));
        } else {
            let shown: Vec<&Entry> = diff.entries.iter().filter(|e| e.shows(hidden)).collect();
            let mut fates = Vec::new();
            for k in [
                EntryKind::Changed,
                EntryKind::Moved,
                EntryKind::Deleted,
                EntryKind::Inserted,
                EntryKind::Split,
                EntryKind::Merged,
            ] {
                let n = shown.iter().filter(|e| e.kind == k).count();
                if n > 0 {
                    fates.push(format!("{}: {n}", self.fate(k)));
                }
            }
            let total = diff.new.blocks.len().max(diff.old.blocks.len());
            s.push_str(&format!(
                "{} {total}: {}",
                self.text(Text::Blocks),
                fates.join(sep)
            ));
            let shown_classes = counts(&|c| !hidden.contains(&c));
            if !shown_classes.is_empty() {
                s.push_str(self.pick("؛ ", "; "));
                s.push_str(&shown_classes.join(sep));
            }
            if !diff.facts.is_empty() && !hidden.contains(&Class::Content) {
                s.push_str(&format!(
                    "{}{}: {}",
                    self.pick("؛ ", "; "),
                    self.text(Text::FactCount),
                    diff.facts.len()
                ));
            }
        }
        if !hid.is_empty() {
            s.push_str(&format!(
                " ({}: {})",
                self.text(Text::Hidden),
                hid.join(sep)
            ));
        }
        s
    }

    /// The fold of a run of unchanged blocks: how many, from which to which.
    pub fn same_run(self, diff: &Diff, first: &Entry, last: &Entry, n: usize) -> String {
        // An entry is labelled by its first block; an unchanged run that ends the fold by
        // its last.
        let label = |e: &Entry, end: bool| {
            let run_end = end && e.kind == EntryKind::Unchanged;
            let pick = |v: &[usize]| if run_end { v.last() } else { v.first() }.copied();
            match pick(&e.new) {
                Some(i) => self.block(&diff.new, i),
                None => pick(&e.old).map_or_else(String::new, |i| self.block(&diff.old, i)),
            }
        };
        let span = if n == 1 {
            label(first, false)
        } else {
            format!(
                "{} {} {}",
                label(first, false),
                self.pick("إلى", "to"),
                label(last, true)
            )
        };
        format!("{}: {n} ({span})", self.fate(EntryKind::Unchanged))
    }
}

/// The fixed labels of the page.
#[derive(Clone, Copy)]
pub(super) enum Text {
    Title,
    Facts,
    Moves,
    Inline,
    Side,
    ShowSame,
    Approximate,
    NoDifferences,
    Hidden,
    Blocks,
    FactCount,
    Before,
    After,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for c in Class::ALL {
            assert_ne!(Lang::Arabic.class(c), Lang::English.class(c));
            assert_eq!(Lang::English.class(c), c.name());
        }
        let ar = Lang::Arabic.fact(FactKind::NumberChanged, true, true);
        assert!(ar.chars().all(|c| !c.is_ascii_alphabetic()), "{ar}");
        assert_eq!(
            Lang::English.fact(FactKind::Headline, false, true),
            "headline added"
        );
    }
}
