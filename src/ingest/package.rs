//! Document packages: the zip archives that DOCX and ODT files are.
//!
//! Rationale: both formats are a zip of XML parts; which one a file is, the
//! archive says (Word's `word/document.xml`, OpenDocument's `mimetype` member),
//! not the file name. This module opens the archive and reads
//! a part with a cap on what it inflates to, so a zip bomb is refused rather
//! than filling memory. Which kind of document a package is, [`super::office`]
//! tells.

use super::{IngestError, MAX_UNPACKED_BYTES};
use std::io::{Cursor, Read};
use std::path::Path;

/// An opened document package.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    path: &'a Path,
}

impl<'a> Package<'a> {
    /// Opens the zip archive `bytes`.
    ///
    /// # Errors
    /// [`IngestError::BadZip`] when `bytes` is no zip archive.
    pub fn open(bytes: &'a [u8], path: &'a Path) -> Result<Self, IngestError> {
        let archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|source| IngestError::BadZip {
                path: path.to_owned(),
                source,
            })?;
        Ok(Package { archive, path })
    }

    /// Whether the package holds a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The bytes of the part `name`, inflated.
    ///
    /// # Errors
    /// [`IngestError::BadZip`] when it is missing or cannot be inflated (the
    /// archive was cut short), [`IngestError::UnpackedTooLarge`] past
    /// [`MAX_UNPACKED_BYTES`].
    pub fn part(&mut self, name: &str) -> Result<Vec<u8>, IngestError> {
        let bad = |source| IngestError::BadZip {
            path: self.path.to_owned(),
            source,
        };
        let mut file = self.archive.by_name(name).map_err(bad)?;
        let mut bytes = Vec::new();
        file.by_ref()
            .take(MAX_UNPACKED_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(zip::result::ZipError::Io(e)))?;
        if bytes.len() as u64 > MAX_UNPACKED_BYTES {
            return Err(IngestError::UnpackedTooLarge {
                path: self.path.to_owned(),
                member: name.to_owned(),
                limit: MAX_UNPACKED_BYTES,
            });
        }
        Ok(bytes)
    }

    /// The part `name` if the package has it: optional parts (styles, list
    /// numbering) that a document may leave out.
    ///
    /// # Errors
    /// As [`Package::part`].
    pub fn optional_part(&mut self, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        if self.has(name) {
            self.part(name).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The error for malformed XML in the part `member`.
    pub fn xml_error(&self, member: &str, position: u64, source: quick_xml::Error) -> IngestError {
        IngestError::Xml {
            path: self.path.to_owned(),
            member: member.to_owned(),
            position,
            source,
        }
    }
}
