//! The XML parts of a document package, read as a walk of events.
//!
//! Rationale: DOCX and ODT readers want the same few things from quick-xml:
//! element starts and ends by local name, text with its character and entity
//! references resolved, and an error (naming the part and the byte) for XML
//! that is not well formed, including a part cut short inside an element,
//! which quick-xml alone would end quietly.

use super::package::Package;
use super::IngestError;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// One step of the walk.
pub enum Step<'a, 'e> {
    /// An element starts (an empty one, `<w:br/>`, is followed by its `End`).
    Start(&'e BytesStart<'a>),
    /// An element ends; its local name.
    End(&'e [u8]),
    /// Text inside the element open.
    Text(Cow<'e, str>),
}

/// Walks the XML `xml` of the part `member`, calling `step` for each element
/// start, end and text.
///
/// # Errors
/// [`IngestError::Xml`] for XML that is not well formed.
pub fn walk(
    package: &Package<'_>,
    member: &str,
    xml: &[u8],
    mut step: impl FnMut(Step<'_, '_>),
) -> Result<(), IngestError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut open: Vec<Vec<u8>> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| package.xml_error(member, reader.error_position(), e));
        let at = reader.buffer_position();
        let fail = |e: quick_xml::Error| package.xml_error(member, at, e);
        match event? {
            Event::Start(e) => {
                step(Step::Start(&e));
                open.push(e.name().as_ref().to_vec());
            }
            Event::Empty(e) => {
                step(Step::Start(&e));
                step(Step::End(e.local_name().as_ref()));
            }
            Event::End(e) => {
                open.pop();
                step(Step::End(e.local_name().as_ref()));
            }
            Event::Text(t) => step(Step::Text(t.xml10_content().map_err(|e| fail(e.into()))?)),
            Event::CData(t) => step(Step::Text(t.decode().map_err(|e| fail(e.into()))?)),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(fail)? {
                    Some(c) => Some(c),
                    None => predefined(&r.decode().map_err(|e| fail(e.into()))?),
                };
                if let Some(c) = c {
                    step(Step::Text(Cow::Owned(c.to_string())));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match open.pop() {
        Some(name) => Err(package.xml_error(
            member,
            reader.buffer_position(),
            quick_xml::errors::IllFormedError::MissingEndTag(
                String::from_utf8_lossy(&name).into_owned(),
            )
            .into(),
        )),
        None => Ok(()),
    }
}

/// The five entities XML predefines; others (from a DTD, which packages do
/// not have) are left out.
fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The value of the attribute whose local name is `name`, if `e` has it.
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
}
