//! naskh (نسخ: "copy, version, transcription"): normalise, extract, diff and snapshot
//! Arabic news text.
//!
//! # Architecture
//! - [`normalize`]: rules as tables, profiles, offset maps. Never fails, does no I/O.
//! - [`structure`]: an article's headline, paragraphs, quotes and speakers, source,
//!   numbers and dates. Never fails, does no I/O.
//! - [`snapshot`]: the deterministic YAML renderer, insta `.snap` files, and the
//!   snapshot store of a corpus folder (names, check, update, reports).
//! - [`corpus`]: normalising a whole corpus (folders, JSON Lines, gzip, zstd) in
//!   parallel, resumable, with its summary and statistics.
//! - [`fs`]: reading and writing files, the only module that does (encodings, atomic
//!   writes). `corpus` and `snapshot` use it; `normalize`, `structure` and `diff` do no
//!   I/O.
//! - [`error`]: the library's one error type.
//! - [`escape`]: text made safe for a terminal (every terminal output goes through it).
//!
//! ```
//! use naskh::normalize::{normalize, NormalizeOptions, Normalizer, Profile};
//!
//! let search = NormalizeOptions::profile(Profile::Search);
//! assert_eq!(normalize("أَعْلَنَتْ الحُكُومَةُ", &search), "اعلنت الحكومه");
//!
//! // Many texts: compile once. Offsets lead back to the original.
//! let n = Normalizer::new(&search);
//! let input = "الـقاهرة";
//! let (out, map) = n.normalize_with_offsets(input);
//! assert_eq!(out, "القاهره");
//! assert_eq!(map.to_input(0..out.len()), 0..input.len());
//! ```
//!
//! # Glossary
//! - **hamza** ء U+0621; on a carrier: أ U+0623 (alef, above), إ U+0625 (alef, below),
//!   ؤ U+0624 (waw), ئ U+0626 (yeh); combining hamza above U+0654 and below U+0655.
//! - **alef variants**: ا U+0627 bare, آ U+0622 with madda, ٱ U+0671 wasla, ٰ U+0670
//!   dagger (superscript) alef, ٲ ٳ U+0672–U+0673 wavy hamza.
//! - **alef maksura** ى U+0649: a dotless final yeh; folds to ي U+064A, never to alef.
//! - **ta marbuta** ة U+0629: the "tied t" of feminine nouns; folds to ه U+0647.
//! - **tatweel** ـ U+0640 (kashida): a stretching stroke with no meaning.
//! - **tashkeel**: the marks U+064B–U+0652: tanwin (ً ٌ ٍ U+064B–U+064D), harakat
//!   (fatha َ U+064E, damma ُ U+064F, kasra ِ U+0650), shadda ّ U+0651, sukun ْ U+0652.

pub mod corpus;
pub mod diff;
pub mod error;
pub mod escape;
pub mod fs;
pub mod normalize;
pub mod snapshot;
pub mod structure;

pub use error::Error;
