//! The rule table: every normalisation rule, its CLI name, the code points it touches and
//! what it does to them, in the one fixed order in which rules apply. The engine compiles
//! its character tables from this table and `naskh normalize --list` prints it, so the two
//! cannot disagree.
//!
//! The order is that of `reference/normalization.md`, with the rules the peers lack placed
//! where they must run: HTML entities and line endings first (they hide characters every
//! later rule must see), dashes, quotes, punctuation spacing and whitespace last (they
//! tidy what the letter rules leave behind).

use std::fmt;
use std::str::FromStr;

/// What a rule does to the characters of one range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The characters are deleted.
    Delete,
    /// Every character of the range becomes this character.
    Char(char),
    /// Every character of the range becomes this string.
    Str(&'static str),
    /// The range maps in order onto the range starting at this character (digits).
    Shift(char),
    /// Each character becomes its NFKC compatibility decomposition, recomposed.
    Nfkc,
    /// The rule looks at these characters in context; the text says what it does.
    Context(&'static str),
}

/// A range of code points and what a rule does to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// First code point of the range.
    pub first: char,
    /// Last code point of the range (inclusive).
    pub last: char,
    /// What happens to them.
    pub to: Target,
}

const fn one(c: char, to: Target) -> Mapping {
    Mapping {
        first: c,
        last: c,
        to,
    }
}

const fn range(first: char, last: char, to: Target) -> Mapping {
    Mapping { first, last, to }
}

/// How a rule is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// Context-free: each character of the listed ranges is rewritten on its own. All
    /// consecutive map rules of a profile are compiled into one table.
    Map(&'static [Mapping]),
    /// Looks at neighbouring characters; the mappings list the characters it looks at.
    Context(&'static [Mapping]),
}

/// The definition of a rule: its name, a one-line summary, and its kind.
#[derive(Clone, Copy, Debug)]
pub struct RuleDef {
    /// The rule.
    pub rule: Rule,
    /// One-line description.
    pub summary: &'static str,
    /// How it is carried out, with the code points it touches.
    pub kind: RuleKind,
}

macro_rules! rules {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal; )*) => {
        /// A normalisation rule. Rules always apply in the order of [`Rule::ALL`],
        /// whatever order they are listed in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Rule {
            /// Every rule, in the order in which rules apply.
            pub const ALL: &'static [Rule] = &[ $(Rule::$variant,)* ];

            /// The name used on the command line.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }
        }
    };
}

rules! {
    /// Delete C0 and C1 control characters other than TAB, LF and CR (U+001A SUBSTITUTE
    /// and U+0085 NEXT LINE are found in real articles).
    StripControlChars = "strip-control-chars";
    /// Delete Unicode tag characters (U+E0000–U+E007F), invisible and meaningless in text.
    StripTagChars = "strip-tag-chars";
    /// Decode HTML character references left in scraped text (`&nbsp;`, `&quot;`,
    /// `&#1575;`, `&#x627;`, and all HTML5 named references); double-escaped ones
    /// (`&amp;quot;`) decode all the way.
    DecodeHtmlEntities = "decode-html-entities";
    /// CR LF and lone CR become LF.
    CrlfToLf = "crlf-to-lf";
    /// Unicode NFC (canonical composition and mark order).
    UnicodeNfc = "unicode-nfc";
    /// Unicode NFKC over the whole text (opt-in: also rewrites x² and ligatures).
    UnicodeNfkc = "unicode-nfkc";
    /// Arabic presentation forms to their base letters.
    PresentationFormsToBase = "presentation-forms-to-base";
    /// Lam-alef ligatures to lam + alef, keeping hamza and madda.
    LamAlefLigatureDecompose = "lam-alef-ligature-decompose";
    /// Delete invisible format and bidi controls.
    StripFormatControls = "strip-format-controls";
    /// Unicode spaces to the ASCII space.
    SpacesToAscii = "spaces-to-ascii";
    /// ZWNJ to a space.
    ZwnjToSpace = "zwnj-to-space";
    /// Delete ZWNJ.
    StripZwnj = "strip-zwnj";
    /// Delete tanwin, and the haraka that ends a word.
    StripLastHaraka = "strip-last-haraka";
    /// Delete tashkeel: tanwin, harakat, shadda, sukun.
    StripTashkeel = "strip-tashkeel";
    /// Delete tanwin, harakat and sukun, keeping shadda.
    StripHarakat = "strip-harakat";
    /// Delete shadda.
    StripShadda = "strip-shadda";
    /// Dagger (superscript) alef to alef.
    DaggerAlefToAlef = "dagger-alef-to-alef";
    /// Delete dagger alef.
    StripDaggerAlef = "strip-dagger-alef";
    /// Delete small letters (dagger alef, small waw, small yeh).
    StripSmallLetters = "strip-small-letters";
    /// Delete Quranic annotation marks.
    StripQuranicMarks = "strip-quranic-marks";
    /// Delete a combining hamza above left over after NFC.
    StripHamzaAboveCombining = "strip-hamza-above-combining";
    /// Delete tatweel (kashida).
    StripTatweel = "strip-tatweel";
    /// Every hamza form to the bare hamza (PyArabic's uniform method).
    HamzaUniform = "hamza-uniform";
    /// Alef with madda, hamza above or hamza below to bare alef.
    AlefHamzaToAlef = "alef-hamza-to-alef";
    /// Alef wasla to alef.
    AlefWaslaToAlef = "alef-wasla-to-alef";
    /// Wavy-hamza and high-hamza alefs to alef.
    AlefWavyToAlef = "alef-wavy-to-alef";
    /// Alef maksura to yeh (never to alef).
    AlefMaksuraToYeh = "alef-maksura-to-yeh";
    /// Teh marbuta to heh.
    TehMarbutaToHeh = "teh-marbuta-to-heh";
    /// Hamza on waw and on yeh to the bare letter.
    HamzaCarriersToLetter = "hamza-carriers-to-letter";
    /// Hamza on waw and on yeh to the bare hamza.
    HamzaCarriersToHamza = "hamza-carriers-to-hamza";
    /// Persian and Urdu keyboard letters to their Arabic counterparts.
    PersianLettersToArabic = "persian-letters-to-arabic";
    /// Arabic yeh, alef maksura and kaf to the Persian letters (Persian text only).
    ArabicLettersToPersian = "arabic-letters-to-persian";
    /// Arabic-Indic and Persian digits to ASCII.
    DigitsAllToAscii = "digits-all-to-ascii";
    /// ASCII and Persian digits to Arabic-Indic.
    DigitsAllToArabicIndic = "digits-all-to-arabic-indic";
    /// ASCII and Arabic-Indic digits to Persian.
    DigitsAllToPersian = "digits-all-to-persian";
    /// Arabic-Indic digits to ASCII.
    DigitsArabicIndicToAscii = "digits-arabic-indic-to-ascii";
    /// Arabic-Indic digits to Persian.
    DigitsArabicIndicToPersian = "digits-arabic-indic-to-persian";
    /// Persian digits to ASCII.
    DigitsPersianToAscii = "digits-persian-to-ascii";
    /// Persian digits to Arabic-Indic.
    DigitsPersianToArabicIndic = "digits-persian-to-arabic-indic";
    /// ASCII digits to Arabic-Indic.
    DigitsAsciiToArabicIndic = "digits-ascii-to-arabic-indic";
    /// ASCII digits to Persian.
    DigitsAsciiToPersian = "digits-ascii-to-persian";
    /// Delete the Arabic thousands separator between digits (١٬٥٠٠ → ١٥٠٠).
    StripThousandsSeparator = "strip-thousands-separator";
    /// Arabic decimal and thousands separators to `.` and `,`, between digits only.
    ArabicSeparatorsToAscii = "arabic-separators-to-ascii";
    /// ASCII comma, semicolon and question mark to Arabic where they stand in Arabic text.
    AsciiPunctToArabic = "ascii-punct-to-arabic";
    /// Arabic comma, semicolon, question mark, full stop and percent to ASCII.
    ArabicPunctToAscii = "arabic-punct-to-ascii";
    /// Runs of 3 or more equal Arabic letters to one.
    CollapseRepeatsTo1 = "collapse-repeats-to-1";
    /// Runs of 3 or more equal Arabic letters to two.
    CollapseRepeatsTo2 = "collapse-repeats-to-2";
    /// Unicode dashes and the minus sign to the ASCII hyphen-minus.
    UnifyDashes = "unify-dashes";
    /// Every quotation mark to one consistent pair (see `QuoteStyle`).
    UnifyQuotes = "unify-quotes";
    /// No space before punctuation and closing quotes, one after them before a word.
    PunctuationSpacing = "punctuation-spacing";
    /// Runs of spaces to one; lines trimmed; 3+ newlines to one blank line.
    CollapseSpaces = "collapse-spaces";
}

use Target::{Char, Context, Delete, Shift, Str};

/// Number of rules.
pub const RULE_COUNT: usize = Rule::ALL.len();

/// The Arabic-Indic digits U+0660–U+0669.
const AR_DIGITS: (char, char) = ('\u{0660}', '\u{0669}');
/// The extended Arabic-Indic (Persian) digits U+06F0–U+06F9.
const FA_DIGITS: (char, char) = ('\u{06F0}', '\u{06F9}');

const fn digits(from: (char, char), to: char) -> Mapping {
    range(from.0, from.1, Shift(to))
}

const DIGITS_ASCII: (char, char) = ('0', '9');

static DEFS: [RuleDef; RULE_COUNT] = [
    RuleDef {
        rule: Rule::StripControlChars,
        summary: "delete C0 and C1 control characters except TAB, LF and CR (they come from broken conversions: U+001A SUBSTITUTE, U+0085 NEXT LINE); first, so that no later rule sees them",
        kind: RuleKind::Context(&[
            // NULL .. BACKSPACE
            range('\u{0000}', '\u{0008}', Delete),
            // LINE TABULATION, FORM FEED
            range('\u{000B}', '\u{000C}', Delete),
            // SHIFT OUT .. INFORMATION SEPARATOR ONE
            range('\u{000E}', '\u{001F}', Delete),
            // DELETE, and the C1 controls (PADDING CHARACTER .. APPLICATION PROGRAM COMMAND)
            range('\u{007F}', '\u{009F}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripTagChars,
        summary: "delete Unicode tag characters (U+E0000–U+E007F): invisible, used only inside emoji flag sequences",
        kind: RuleKind::Context(&[
            // LANGUAGE TAG .. CANCEL TAG
            range('\u{E0000}', '\u{E007F}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::DecodeHtmlEntities,
        summary: "decode HTML character references: &name; (all HTML5 names), &#N; and &#xN; (C1 codes read as windows-1252, as HTML5 does); &amp;-escaped references decode all the way; invalid ones are kept",
        kind: RuleKind::Context(&[one('&', Context("starts a reference ending in ';'"))]),
    },
    RuleDef {
        rule: Rule::CrlfToLf,
        summary: "line endings to LF",
        kind: RuleKind::Context(&[one('\r', Context("CR LF → LF, a lone CR → LF"))]),
    },
    RuleDef {
        rule: Rule::UnicodeNfc,
        summary: "Unicode NFC, applied only to the clusters that fail the NFC quick check (ا+U+0654 → أ, shadda/vowel order); kept after later deletions",
        kind: RuleKind::Context(&[
            range(
                '\u{0653}',
                '\u{0655}',
                Context("compose with alef, waw, yeh, heh goal, yeh barree"),
            ),
            range(
                '\u{064B}',
                '\u{065F}',
                Context("reordered by combining class"),
            ),
            one('\u{0670}', Context("reordered by combining class")),
        ]),
    },
    RuleDef {
        rule: Rule::UnicodeNfkc,
        summary: "Unicode NFKC over the whole text (opt-in; rewrites x² → x2, ﬁ → fi); U+FDFC → ريال and U+FDFD → بسم الله الرحمن الرحيم as CAMeL Tools fixes them",
        kind: RuleKind::Context(&[
            one('\u{FDFC}', Str("\u{0631}\u{064A}\u{0627}\u{0644}")),
            one('\u{FDFD}', Str("بسم الله الرحمن الرحيم")),
            range(
                '\u{00A0}',
                '\u{10FFFF}',
                Context("any character with a compatibility decomposition"),
            ),
        ]),
    },
    RuleDef {
        rule: Rule::PresentationFormsToBase,
        summary: "Arabic presentation forms A and B to base letters (NFKC of those blocks only)",
        kind: RuleKind::Map(&[
            // ARABIC LIGATURE RIALLAH: NFKC gives U+06CC (Persian yeh); Arabic text wants U+064A.
            one('\u{FDFC}', Str("\u{0631}\u{064A}\u{0627}\u{0644}")),
            // ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM has no decomposition.
            one('\u{FDFD}', Str("بسم الله الرحمن الرحيم")),
            // ARABIC PRESENTATION FORMS-A
            range('\u{FB50}', '\u{FDFF}', Target::Nfkc),
            // ARABIC PRESENTATION FORMS-B
            range('\u{FE70}', '\u{FEFF}', Target::Nfkc),
        ]),
    },
    RuleDef {
        rule: Rule::LamAlefLigatureDecompose,
        summary: "lam-alef ligatures to lam + alef, keeping madda and hamza",
        kind: RuleKind::Map(&[
            // ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE ISOLATED/FINAL FORM
            range('\u{FEF5}', '\u{FEF6}', Str("\u{0644}\u{0622}")),
            // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED/FINAL FORM
            range('\u{FEF7}', '\u{FEF8}', Str("\u{0644}\u{0623}")),
            // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW ISOLATED/FINAL FORM
            range('\u{FEF9}', '\u{FEFA}', Str("\u{0644}\u{0625}")),
            // ARABIC LIGATURE LAM WITH ALEF ISOLATED/FINAL FORM
            range('\u{FEFB}', '\u{FEFC}', Str("\u{0644}\u{0627}")),
        ]),
    },
    RuleDef {
        rule: Rule::StripFormatControls,
        summary: "delete invisible format and bidi controls (ZWNJ is not one of them)",
        kind: RuleKind::Map(&[
            // SOFT HYPHEN
            one('\u{00AD}', Delete),
            // ARABIC LETTER MARK
            one('\u{061C}', Delete),
            // ZERO WIDTH SPACE
            one('\u{200B}', Delete),
            // ZERO WIDTH JOINER, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
            range('\u{200D}', '\u{200F}', Delete),
            // LRE, RLE, PDF, LRO, RLO
            range('\u{202A}', '\u{202E}', Delete),
            // LRI, RLI, FSI, PDI
            range('\u{2066}', '\u{2069}', Delete),
            // ZERO WIDTH NO-BREAK SPACE (byte order mark)
            one('\u{FEFF}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::SpacesToAscii,
        summary: "Unicode spaces to the ASCII space",
        kind: RuleKind::Map(&[
            // NO-BREAK SPACE
            one('\u{00A0}', Char(' ')),
            // OGHAM SPACE MARK
            one('\u{1680}', Char(' ')),
            // EN QUAD .. HAIR SPACE
            range('\u{2000}', '\u{200A}', Char(' ')),
            // NARROW NO-BREAK SPACE
            one('\u{202F}', Char(' ')),
            // MEDIUM MATHEMATICAL SPACE
            one('\u{205F}', Char(' ')),
            // IDEOGRAPHIC SPACE
            one('\u{3000}', Char(' ')),
        ]),
    },
    RuleDef {
        rule: Rule::ZwnjToSpace,
        summary: "ZERO WIDTH NON-JOINER to a space (meaningful in Persian: off by default)",
        kind: RuleKind::Map(&[one('\u{200C}', Char(' '))]),
    },
    RuleDef {
        rule: Rule::StripZwnj,
        summary: "delete ZERO WIDTH NON-JOINER",
        kind: RuleKind::Map(&[one('\u{200C}', Delete)]),
    },
    RuleDef {
        rule: Rule::StripLastHaraka,
        summary: "delete every tanwin, and fatha/damma/kasra/sukun in the marks that end a word (shadda kept), as PyArabic's strip_lastharaka does per word",
        kind: RuleKind::Context(&[
            range(
                '\u{064B}',
                '\u{064D}',
                Context("tanwin: deleted everywhere"),
            ),
            range(
                '\u{064E}',
                '\u{0650}',
                Context("deleted at the end of a word"),
            ),
            one('\u{0652}', Context("deleted at the end of a word")),
        ]),
    },
    RuleDef {
        rule: Rule::StripTashkeel,
        summary: "delete tashkeel",
        kind: RuleKind::Map(&[
            // ARABIC FATHATAN .. ARABIC SUKUN
            range('\u{064B}', '\u{0652}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripHarakat,
        summary: "delete tashkeel except shadda",
        kind: RuleKind::Map(&[
            // ARABIC FATHATAN .. ARABIC KASRA
            range('\u{064B}', '\u{0650}', Delete),
            // ARABIC SUKUN
            one('\u{0652}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripShadda,
        summary: "delete shadda",
        kind: RuleKind::Map(&[
            // ARABIC SHADDA
            one('\u{0651}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::DaggerAlefToAlef,
        summary: "dagger alef to alef (Quranic text)",
        kind: RuleKind::Map(&[
            // ARABIC LETTER SUPERSCRIPT ALEF
            one('\u{0670}', Char('\u{0627}')),
        ]),
    },
    RuleDef {
        rule: Rule::StripDaggerAlef,
        summary: "delete dagger alef",
        kind: RuleKind::Map(&[
            // ARABIC LETTER SUPERSCRIPT ALEF
            one('\u{0670}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripSmallLetters,
        summary: "delete small letters",
        kind: RuleKind::Map(&[
            // ARABIC LETTER SUPERSCRIPT ALEF
            one('\u{0670}', Delete),
            // ARABIC SMALL WAW, ARABIC SMALL YEH
            range('\u{06E5}', '\u{06E6}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripQuranicMarks,
        summary: "delete Quranic annotation marks; U+06DD END OF AYAH, U+06DE START OF RUB EL HIZB, U+06E9 PLACE OF SAJDAH and the digit U+0660 are signs and stay",
        kind: RuleKind::Map(&[
            // ARABIC SIGN SALLALLAHOU ALAYHE WASSALLAM .. ARABIC SMALL KASRA
            range('\u{0610}', '\u{061A}', Delete),
            // ARABIC MADDAH ABOVE .. ARABIC FATHA WITH TWO DOTS
            range('\u{0653}', '\u{065F}', Delete),
            // ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA .. SMALL HIGH THREE DOTS
            range('\u{06D6}', '\u{06DC}', Delete),
            // ARABIC SMALL HIGH ROUNDED ZERO .. ARABIC SMALL HIGH MADDA
            range('\u{06DF}', '\u{06E4}', Delete),
            // ARABIC SMALL HIGH YEH, ARABIC SMALL HIGH NOON
            range('\u{06E7}', '\u{06E8}', Delete),
            // ARABIC EMPTY CENTRE LOW STOP .. ARABIC SMALL LOW MEEM
            range('\u{06EA}', '\u{06ED}', Delete),
            // ARABIC SMALL HIGH WORD AR-RUB .. ARABIC MARK SIDEWAYS NOON GHUNNA
            range('\u{08D3}', '\u{08E1}', Delete),
            // ARABIC TURNED DAMMA BELOW .. ARABIC DAMMA WITH DOT
            range('\u{08E3}', '\u{08FF}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::StripHamzaAboveCombining,
        summary: "delete ARABIC HAMZA ABOVE (U+0654) left after NFC",
        kind: RuleKind::Map(&[one('\u{0654}', Delete)]),
    },
    RuleDef {
        rule: Rule::StripTatweel,
        summary: "delete tatweel",
        kind: RuleKind::Map(&[
            // ARABIC TATWEEL
            one('\u{0640}', Delete),
        ]),
    },
    RuleDef {
        rule: Rule::HamzaUniform,
        summary: "every hamza form to ء, آ to ءء (PyArabic normalize_hamza uniform, without its word-initial special case)",
        kind: RuleKind::Map(&[
            // ARABIC LETTER ALEF WITH MADDA ABOVE
            one('\u{0622}', Str("\u{0621}\u{0621}")),
            // ALEF WITH HAMZA ABOVE, WAW WITH HAMZA ABOVE, ALEF WITH HAMZA BELOW, YEH WITH HAMZA ABOVE
            range('\u{0623}', '\u{0626}', Char('\u{0621}')),
            // ARABIC HAMZA ABOVE, ARABIC HAMZA BELOW
            range('\u{0654}', '\u{0655}', Char('\u{0621}')),
        ]),
    },
    RuleDef {
        rule: Rule::AlefHamzaToAlef,
        summary: "آ أ إ to ا",
        kind: RuleKind::Map(&[
            // ARABIC LETTER ALEF WITH MADDA ABOVE, ALEF WITH HAMZA ABOVE
            range('\u{0622}', '\u{0623}', Char('\u{0627}')),
            // ARABIC LETTER ALEF WITH HAMZA BELOW
            one('\u{0625}', Char('\u{0627}')),
        ]),
    },
    RuleDef {
        rule: Rule::AlefWaslaToAlef,
        summary: "ٱ to ا",
        kind: RuleKind::Map(&[
            // ARABIC LETTER ALEF WASLA
            one('\u{0671}', Char('\u{0627}')),
        ]),
    },
    RuleDef {
        rule: Rule::AlefWavyToAlef,
        summary: "wavy-hamza and high-hamza alefs to ا",
        kind: RuleKind::Map(&[
            // ARABIC LETTER ALEF WITH WAVY HAMZA ABOVE / BELOW
            range('\u{0672}', '\u{0673}', Char('\u{0627}')),
            // ARABIC LETTER HIGH HAMZA ALEF
            one('\u{0675}', Char('\u{0627}')),
        ]),
    },
    RuleDef {
        rule: Rule::AlefMaksuraToYeh,
        summary: "ى to ي (never to alef: that is PyArabic's bug #39)",
        kind: RuleKind::Map(&[
            // ARABIC LETTER ALEF MAKSURA
            one('\u{0649}', Char('\u{064A}')),
        ]),
    },
    RuleDef {
        rule: Rule::TehMarbutaToHeh,
        summary: "ة to ه",
        kind: RuleKind::Map(&[
            // ARABIC LETTER TEH MARBUTA
            one('\u{0629}', Char('\u{0647}')),
        ]),
    },
    RuleDef {
        rule: Rule::HamzaCarriersToLetter,
        summary: "ؤ to و, ئ to ي",
        kind: RuleKind::Map(&[
            // ARABIC LETTER WAW WITH HAMZA ABOVE
            one('\u{0624}', Char('\u{0648}')),
            // ARABIC LETTER YEH WITH HAMZA ABOVE
            one('\u{0626}', Char('\u{064A}')),
        ]),
    },
    RuleDef {
        rule: Rule::HamzaCarriersToHamza,
        summary: "ؤ and ئ to ء",
        kind: RuleKind::Map(&[
            one('\u{0624}', Char('\u{0621}')),
            one('\u{0626}', Char('\u{0621}')),
        ]),
    },
    RuleDef {
        rule: Rule::PersianLettersToArabic,
        summary: "Persian and Urdu letters to Arabic",
        kind: RuleKind::Map(&[
            // ARABIC LETTER KEHEH
            one('\u{06A9}', Char('\u{0643}')),
            // ARABIC LETTER HEH DOACHASHMEE
            one('\u{06BE}', Char('\u{0647}')),
            // ARABIC LETTER HEH WITH YEH ABOVE, ARABIC LETTER HEH GOAL
            range('\u{06C0}', '\u{06C1}', Char('\u{0647}')),
            // ARABIC LETTER TEH MARBUTA GOAL
            one('\u{06C3}', Char('\u{0629}')),
            // ARABIC LETTER FARSI YEH
            one('\u{06CC}', Char('\u{064A}')),
            // ARABIC LETTER YEH BARREE
            one('\u{06D2}', Char('\u{064A}')),
        ]),
    },
    RuleDef {
        rule: Rule::ArabicLettersToPersian,
        summary: "ي and ى to ی, ك to ک (Persian text only)",
        kind: RuleKind::Map(&[
            one('\u{0643}', Char('\u{06A9}')),
            one('\u{0649}', Char('\u{06CC}')),
            one('\u{064A}', Char('\u{06CC}')),
        ]),
    },
    RuleDef {
        rule: Rule::DigitsAllToAscii,
        summary: "Arabic-Indic and Persian digits to ASCII",
        kind: RuleKind::Map(&[digits(AR_DIGITS, '0'), digits(FA_DIGITS, '0')]),
    },
    RuleDef {
        rule: Rule::DigitsAllToArabicIndic,
        summary: "ASCII and Persian digits to Arabic-Indic",
        kind: RuleKind::Map(&[
            digits(DIGITS_ASCII, '\u{0660}'),
            digits(FA_DIGITS, '\u{0660}'),
        ]),
    },
    RuleDef {
        rule: Rule::DigitsAllToPersian,
        summary: "ASCII and Arabic-Indic digits to Persian",
        kind: RuleKind::Map(&[
            digits(DIGITS_ASCII, '\u{06F0}'),
            digits(AR_DIGITS, '\u{06F0}'),
        ]),
    },
    RuleDef {
        rule: Rule::DigitsArabicIndicToAscii,
        summary: "Arabic-Indic digits to ASCII",
        kind: RuleKind::Map(&[digits(AR_DIGITS, '0')]),
    },
    RuleDef {
        rule: Rule::DigitsArabicIndicToPersian,
        summary: "Arabic-Indic digits to Persian",
        kind: RuleKind::Map(&[digits(AR_DIGITS, '\u{06F0}')]),
    },
    RuleDef {
        rule: Rule::DigitsPersianToAscii,
        summary: "Persian digits to ASCII",
        kind: RuleKind::Map(&[digits(FA_DIGITS, '0')]),
    },
    RuleDef {
        rule: Rule::DigitsPersianToArabicIndic,
        summary: "Persian digits to Arabic-Indic",
        kind: RuleKind::Map(&[digits(FA_DIGITS, '\u{0660}')]),
    },
    RuleDef {
        rule: Rule::DigitsAsciiToArabicIndic,
        summary: "ASCII digits to Arabic-Indic",
        kind: RuleKind::Map(&[digits(DIGITS_ASCII, '\u{0660}')]),
    },
    RuleDef {
        rule: Rule::DigitsAsciiToPersian,
        summary: "ASCII digits to Persian",
        kind: RuleKind::Map(&[digits(DIGITS_ASCII, '\u{06F0}')]),
    },
    RuleDef {
        rule: Rule::StripThousandsSeparator,
        summary: "delete ARABIC THOUSANDS SEPARATOR between two digits (١٬٥٠٠ → ١٥٠٠), so that numbers match however they were grouped",
        kind: RuleKind::Context(&[
            // ARABIC THOUSANDS SEPARATOR
            one('\u{066C}', Context("deleted between digits")),
        ]),
    },
    RuleDef {
        rule: Rule::ArabicSeparatorsToAscii,
        summary: "Arabic decimal and thousands separators to ASCII, only between two digits",
        kind: RuleKind::Context(&[
            // ARABIC DECIMAL SEPARATOR
            one('\u{066B}', Context("→ '.' between digits")),
            // ARABIC THOUSANDS SEPARATOR
            one('\u{066C}', Context("→ ',' between digits")),
        ]),
    },
    RuleDef {
        rule: Rule::AsciiPunctToArabic,
        summary: "ASCII , ; ? to ، ؛ ؟ where they stand in Arabic text: an Arabic letter is the nearest letter before or after them, and no Latin letter is; among Latin text, between digits (1,500) and in URLs they stay",
        kind: RuleKind::Context(&[
            one(',', Context("→ ، in Arabic text, unless between digits")),
            one(';', Context("→ ؛ in Arabic text")),
            one('?', Context("→ ؟ in Arabic text")),
        ]),
    },
    RuleDef {
        rule: Rule::ArabicPunctToAscii,
        summary: "Arabic punctuation to ASCII",
        kind: RuleKind::Map(&[
            // ARABIC COMMA
            one('\u{060C}', Char(',')),
            // ARABIC SEMICOLON
            one('\u{061B}', Char(';')),
            // ARABIC QUESTION MARK
            one('\u{061F}', Char('?')),
            // ARABIC PERCENT SIGN
            one('\u{066A}', Char('%')),
            // ARABIC FULL STOP
            one('\u{06D4}', Char('.')),
        ]),
    },
    RuleDef {
        rule: Rule::CollapseRepeatsTo1,
        summary: "runs of 3 or more equal Arabic letters to one (CAMeL Tools' dev option; Latin text such as 'www' is left alone)",
        kind: RuleKind::Context(&[range('\u{0621}', '\u{06FF}', Context("Arabic letters"))]),
    },
    RuleDef {
        rule: Rule::CollapseRepeatsTo2,
        summary: "runs of 3 or more equal Arabic letters to two (AraBERT)",
        kind: RuleKind::Context(&[range('\u{0621}', '\u{06FF}', Context("Arabic letters"))]),
    },
    RuleDef {
        rule: Rule::UnifyDashes,
        summary: "dashes and the minus sign to '-'",
        kind: RuleKind::Map(&[
            // HYPHEN, NON-BREAKING HYPHEN, FIGURE DASH, EN DASH, EM DASH, HORIZONTAL BAR
            range('\u{2010}', '\u{2015}', Char('-')),
            // MINUS SIGN
            one('\u{2212}', Char('-')),
        ]),
    },
    RuleDef {
        rule: Rule::UnifyQuotes,
        summary: "quotation marks to one consistent pair (--quote-style guillemets|straight|curly); each mark is read as opening or closing from its place in the paragraph, so RT's ” … ” pairs become « … »",
        kind: RuleKind::Context(&[
            one('"', Context("opening or closing, from context")),
            // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
            one('\u{00AB}', Context("opening")),
            // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
            one('\u{00BB}', Context("closing")),
            // LEFT DOUBLE QUOTATION MARK
            one('\u{201C}', Context("opening")),
            // RIGHT DOUBLE QUOTATION MARK
            one('\u{201D}', Context("opening or closing, from context")),
            // DOUBLE LOW-9 QUOTATION MARK
            one('\u{201E}', Context("opening")),
            // DOUBLE HIGH-REVERSED-9 QUOTATION MARK
            one('\u{201F}', Context("opening or closing, from context")),
            // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
            one('\u{2039}', Context("opening")),
            // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
            one('\u{203A}', Context("closing")),
        ]),
    },
    RuleDef {
        rule: Rule::PunctuationSpacing,
        summary: "no space before ، ؛ ؟ : . ! , ; ? and closing quotes; one space after them (and before an opening quote) when an Arabic letter or a quote follows; no space inside quotes",
        kind: RuleKind::Context(&[
            one('\u{060C}', Context("ARABIC COMMA")),
            one('\u{061B}', Context("ARABIC SEMICOLON")),
            one('\u{061F}', Context("ARABIC QUESTION MARK")),
            one(':', Context("COLON")),
            one('.', Context("FULL STOP")),
            one('!', Context("EXCLAMATION MARK")),
            one(',', Context("COMMA")),
            one(';', Context("SEMICOLON")),
            one('?', Context("QUESTION MARK")),
            one(' ', Context("inserted or deleted")),
        ]),
    },
    RuleDef {
        rule: Rule::CollapseSpaces,
        summary: "runs of spaces and tabs to one space; spaces at the start and end of lines removed; newlines kept, 3 or more in a row to one blank line",
        kind: RuleKind::Context(&[
            one(' ', Context("collapsed, trimmed")),
            one('\t', Context("collapsed, trimmed")),
            one('\n', Context("3+ → 2")),
        ]),
    },
];

impl Rule {
    /// The rule's definition: summary, code points, kind.
    pub fn def(self) -> &'static RuleDef {
        let d = &DEFS[self as usize];
        debug_assert_eq!(d.rule, self);
        d
    }

    /// Position of the rule in the fixed order.
    pub fn index(self) -> usize {
        self as usize
    }

    fn from_index(i: usize) -> Rule {
        Rule::ALL[i]
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error of parsing a rule or profile name; carries the nearest valid names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What kind of name was expected ("rule" or "profile").
    pub what: &'static str,
    /// The name given.
    pub name: String,
    /// Valid names close to it, best first.
    pub suggestions: Vec<&'static str>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}'", self.what, self.name)?;
        match self.suggestions.as_slice() {
            [] => Ok(()),
            [one] => write!(f, "; did you mean '{one}'?"),
            [best, rest @ ..] => write!(f, "; did you mean '{best}'? (or {})", rest.join(", ")),
        }
    }
}

impl std::error::Error for UnknownName {}

/// Names from `candidates` close to `name` (edit distance or shared prefix/substring).
pub(crate) fn nearest(
    name: &str,
    candidates: impl Iterator<Item = &'static str>,
) -> Vec<&'static str> {
    let mut scored: Vec<(f64, &'static str)> = candidates
        .map(|c| {
            let mut score = strsim::jaro_winkler(name, c);
            if !name.is_empty() && (c.contains(name) || name.contains(c)) {
                score += 0.2;
            }
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

impl FromStr for Rule {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Rule, UnknownName> {
        let t = s.trim();
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.name() == t)
            .ok_or_else(|| UnknownName {
                what: "rule",
                name: t.to_string(),
                suggestions: nearest(t, Rule::ALL.iter().map(|r| r.name())),
            })
    }
}

/// A set of rules. Iterates in the fixed order of application.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuleSet(u64);

const _: () = assert!(RULE_COUNT <= 64);

impl RuleSet {
    /// The empty set.
    pub const EMPTY: RuleSet = RuleSet(0);

    /// The set of the given rules.
    pub fn of(rules: &[Rule]) -> RuleSet {
        rules.iter().fold(RuleSet::EMPTY, |s, &r| s.with(r))
    }

    /// This set with `rule` added.
    #[must_use]
    pub fn with(self, rule: Rule) -> RuleSet {
        RuleSet(self.0 | (1 << rule.index()))
    }

    /// This set without `rule`.
    #[must_use]
    pub fn without(self, rule: Rule) -> RuleSet {
        RuleSet(self.0 & !(1 << rule.index()))
    }

    /// `true` if `rule` is in the set.
    pub fn contains(self, rule: Rule) -> bool {
        self.0 & (1 << rule.index()) != 0
    }

    /// `true` if every rule of `other` is in this set.
    pub fn is_superset(self, other: RuleSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// `true` if the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of rules in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The rules, in the order they apply.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        (0..RULE_COUNT)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(Rule::from_index)
    }

    /// Apply a comma-separated edit list to this set: `name` and `+name` add a rule,
    /// `-name` removes it. Empty items are ignored.
    ///
    /// ```
    /// use naskh::normalize::{Profile, Rule};
    /// let set = Profile::Canonical.rules().edit("-collapse-spaces,+strip-tatweel").unwrap();
    /// assert!(set.contains(Rule::StripTatweel));
    /// assert!(!set.contains(Rule::CollapseSpaces));
    /// ```
    pub fn edit(self, spec: &str) -> Result<RuleSet, UnknownName> {
        let mut set = self;
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(name) = item.strip_prefix('-') {
                set = set.without(name.parse()?);
            } else {
                let name = item.strip_prefix('+').unwrap_or(item);
                set = set.with(name.parse()?);
            }
        }
        Ok(set)
    }
}

impl FromIterator<Rule> for RuleSet {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> RuleSet {
        iter.into_iter().fold(RuleSet::EMPTY, RuleSet::with)
    }
}

/// A named bundle of rules. `None ⊂ Canonical ⊂ Typography ⊂ Search` form a ladder, so
/// that a diff can say at which level two texts become equal; `Lucene`, `Camel` and
/// `Quran` reproduce other tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// No rule at all.
    None,
    /// Encoding and invisible differences only: text a reader would call identical
    /// becomes byte-identical. No letter changes. The default.
    Canonical,
    /// `Canonical` plus HTML entities, quotes, dashes, punctuation spacing, and Arabic
    /// punctuation (، ؛ ؟) in Arabic text.
    Typography,
    /// `Typography` plus the letter and mark rules, ASCII digits, separators and
    /// punctuation: answers "is this the same word?".
    Search,
    /// Exactly Lucene's `ArabicNormalizer` (Elasticsearch/Solr `arabic_normalization`).
    Lucene,
    /// CAMeL Tools' function pipeline: NFKC, dediacritisation, alef, alef maksura and
    /// teh marbuta normalisation. Reproduces CAMeL exactly, including where it is not
    /// idempotent: its NFKC runs before its letter rules, so a letter rule can leave a
    /// base and a mark that NFKC composes only on a second run (ﺁ + U+0654 → ا + U+0654,
    /// then أ → ا; ى + U+0654 → ي + U+0654, then ئ).
    Camel,
    /// Quranic text: `Canonical` plus dagger alef promoted to alef, Quranic marks, small
    /// letters and tashkeel stripped, alef wasla to alef.
    Quran,
}

const CANONICAL: &[Rule] = &[
    Rule::StripControlChars,
    Rule::StripTagChars,
    Rule::UnicodeNfc,
    Rule::PresentationFormsToBase,
    Rule::LamAlefLigatureDecompose,
    Rule::StripFormatControls,
    Rule::SpacesToAscii,
    Rule::CrlfToLf,
    Rule::CollapseSpaces,
];

const TYPOGRAPHY: &[Rule] = &[
    Rule::DecodeHtmlEntities,
    Rule::UnifyQuotes,
    Rule::UnifyDashes,
    Rule::PunctuationSpacing,
    Rule::AsciiPunctToArabic,
];

const SEARCH: &[Rule] = &[
    Rule::StripTashkeel,
    Rule::StripDaggerAlef,
    Rule::StripQuranicMarks,
    Rule::StripTatweel,
    Rule::AlefHamzaToAlef,
    Rule::AlefWaslaToAlef,
    Rule::AlefWavyToAlef,
    Rule::AlefMaksuraToYeh,
    Rule::TehMarbutaToHeh,
    Rule::HamzaCarriersToLetter,
    Rule::PersianLettersToArabic,
    Rule::DigitsAllToAscii,
    Rule::StripThousandsSeparator,
    Rule::ArabicSeparatorsToAscii,
    Rule::ArabicPunctToAscii,
    Rule::StripZwnj,
];

const LUCENE: &[Rule] = &[
    Rule::StripTashkeel,
    Rule::StripTatweel,
    Rule::AlefHamzaToAlef,
    Rule::AlefMaksuraToYeh,
    Rule::TehMarbutaToHeh,
];

const CAMEL: &[Rule] = &[
    Rule::UnicodeNfkc,
    Rule::StripTashkeel,
    Rule::StripDaggerAlef,
    Rule::AlefHamzaToAlef,
    Rule::AlefWaslaToAlef,
    Rule::AlefMaksuraToYeh,
    Rule::TehMarbutaToHeh,
];

const QURAN_EXTRA: &[Rule] = &[
    Rule::DaggerAlefToAlef,
    Rule::StripQuranicMarks,
    Rule::StripSmallLetters,
    Rule::AlefWaslaToAlef,
    Rule::StripTashkeel,
];

impl Profile {
    /// Every profile: the ladder first, then the compatibility profiles.
    pub const ALL: &'static [Profile] = &[
        Profile::None,
        Profile::Canonical,
        Profile::Typography,
        Profile::Search,
        Profile::Lucene,
        Profile::Camel,
        Profile::Quran,
    ];

    /// The ladder, from least to most normalised.
    pub const LADDER: &'static [Profile] = &[
        Profile::None,
        Profile::Canonical,
        Profile::Typography,
        Profile::Search,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::None => "none",
            Profile::Canonical => "canonical",
            Profile::Typography => "typography",
            Profile::Search => "search",
            Profile::Lucene => "lucene",
            Profile::Camel => "camel",
            Profile::Quran => "quran",
        }
    }

    /// One-line description.
    pub fn summary(self) -> &'static str {
        match self {
            Profile::None => "no rules",
            Profile::Canonical => {
                "encoding and invisible differences only; text a reader calls identical becomes byte-identical (default)"
            }
            Profile::Typography => {
                "canonical + entities, quotes, dashes, punctuation spacing; ، ؛ ؟ in Arabic text"
            }
            Profile::Search => {
                "typography + letters, marks, ASCII digits and punctuation: is this the same word?"
            }
            Profile::Lucene => "exactly Lucene's ArabicNormalizer",
            Profile::Camel => "CAMeL Tools' normalisation pipeline",
            Profile::Quran => "canonical + Quranic marks, dagger alef to alef",
        }
    }

    /// The rules of the profile.
    pub fn rules(self) -> RuleSet {
        let canonical = RuleSet::of(CANONICAL);
        let typography = RuleSet::of(TYPOGRAPHY).0 | canonical.0;
        match self {
            Profile::None => RuleSet::EMPTY,
            Profile::Canonical => canonical,
            Profile::Typography => RuleSet(typography),
            Profile::Search => RuleSet(RuleSet::of(SEARCH).0 | typography),
            Profile::Lucene => RuleSet::of(LUCENE),
            Profile::Camel => RuleSet::of(CAMEL),
            Profile::Quran => RuleSet(RuleSet::of(QURAN_EXTRA).0 | canonical.0),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Profile, UnknownName> {
        let t = s.trim();
        Profile::ALL
            .iter()
            .copied()
            .find(|p| p.name() == t)
            .ok_or_else(|| UnknownName {
                what: "profile",
                name: t.to_string(),
                suggestions: nearest(t, Profile::ALL.iter().map(|p| p.name())),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum_order() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(DEFS[i].rule, *r, "DEFS[{i}]");
        }
    }

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULE_COUNT);
        for r in Rule::ALL {
            assert_eq!(r.name().parse::<Rule>().unwrap(), *r);
        }
    }

    #[test]
    fn map_ranges_are_well_formed() {
        for r in Rule::ALL {
            let (RuleKind::Map(ms) | RuleKind::Context(ms)) = r.def().kind;
            for m in ms {
                assert!(m.first <= m.last, "{r}: {m:?}");
                if let Target::Shift(to) = m.to {
                    assert!(char::from_u32(to as u32 + (m.last as u32 - m.first as u32)).is_some());
                }
            }
        }
    }

    #[test]
    fn ladder_is_nested() {
        for w in Profile::LADDER.windows(2) {
            assert!(
                w[1].rules().is_superset(w[0].rules()),
                "{} ⊄ {}",
                w[0],
                w[1]
            );
            assert_ne!(w[1].rules(), w[0].rules());
        }
    }

    #[test]
    fn canonical_is_exactly_the_contract() {
        let names: Vec<_> = Profile::Canonical.rules().iter().map(Rule::name).collect();
        assert_eq!(
            names,
            [
                "strip-control-chars",
                "strip-tag-chars",
                "crlf-to-lf",
                "unicode-nfc",
                "presentation-forms-to-base",
                "lam-alef-ligature-decompose",
                "strip-format-controls",
                "spaces-to-ascii",
                "collapse-spaces"
            ]
        );
    }

    #[test]
    fn unknown_rule_suggests_nearest() {
        let e = "strip-tashkel".parse::<Rule>().unwrap_err();
        assert_eq!(e.suggestions.first(), Some(&"strip-tashkeel"));
        assert!(
            e.to_string().contains("did you mean 'strip-tashkeel'"),
            "{e}"
        );
        let e = "serch".parse::<Profile>().unwrap_err();
        assert_eq!(e.suggestions, vec!["search"]);
    }

    #[test]
    fn edit_adds_and_removes() {
        let set = RuleSet::EMPTY
            .edit("strip-tatweel, +teh-marbuta-to-heh")
            .unwrap();
        assert_eq!(set.len(), 2);
        let set = set.edit("-strip-tatweel").unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), [Rule::TehMarbutaToHeh]);
        assert!(RuleSet::EMPTY.edit("+nope").is_err());
    }
}
