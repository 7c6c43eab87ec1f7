//! Words and names: how they are folded, compared and spelled in IRIs, the
//! lexicon's word lists, and how dates and times are written.
//!
//! Rationale: extraction, identity resolution, the ontology and the RDF mapping
//! all compare names and read word lists; one layer below them all owns that, so
//! a name folds one way everywhere and each word list is declared once. This
//! layer knows no report and no RDF: strings and word lists in, strings and
//! matches out.

pub mod dates;
pub mod fold;
pub mod header_patterns;
pub mod lexicon;
pub mod lexicons;
pub mod names;
pub mod prose_patterns;
pub mod utc_offset;

pub use fold::{fold, key, slug};
pub use lexicon::{Lexicon, LexiconError};
pub use lexicons::{Lexicons, SentenceWords};
pub use utc_offset::UtcOffset;
