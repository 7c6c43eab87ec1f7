//! Office documents: which kind a document package is, Word's or
//! OpenDocument's, and its text.
//!
//! Rationale: the package ([`super::package`]) is the zip container both kinds
//! share; the kind is told by the parts it holds, not the file name, and any
//! other zip (a folder of reports zipped, a spreadsheet, a presentation) is
//! refused by name. Kept apart from the container so that the readers of each
//! kind depend on the package and nothing depends back on them.

use super::package::Package;
use super::{docx, odt, IngestError};
use std::path::Path;

/// What OpenDocument text's `mimetype` member says.
const ODT_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.text";

/// The text of the DOCX or ODT document `bytes`.
///
/// # Errors
/// [`IngestError::BadZip`], [`IngestError::NotADocument`],
/// [`IngestError::UnpackedTooLarge`] or [`IngestError::Xml`].
pub fn text(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    let mut package = Package::open(bytes, path)?;
    if package.has("word/document.xml") {
        docx::text(&mut package)
    } else if package.has("mimetype")
        && package.part("mimetype")?.trim_ascii() == ODT_MIMETYPE
        && package.has("content.xml")
    {
        odt::text(&mut package)
    } else {
        Err(IngestError::NotADocument {
            path: path.to_owned(),
        })
    }
}
