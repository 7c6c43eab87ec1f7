//! XML start tags built in one reused buffer, for the elements the GraphML and
//! GEXF writers repeat per edge and per spell (millions in an archive).
//!
//! Rationale: quick-xml's `BytesStart::with_attributes` allocates a buffer per
//! tag and grows it attribute by attribute; over the 533,181 edges of 1,000
//! generated reports that was a fifth of the writers' time in `malloc`,
//! `realloc` and `free`. A [`Tag`] writes the same bytes (`name key="value"`,
//! each value escaped as quick-xml escapes an attribute value given as text)
//! into a buffer that lives as long as the writer.

use quick_xml::escape::escape;
use quick_xml::events::BytesStart;

/// A buffer for one start (or empty) tag at a time.
#[derive(Debug, Default)]
pub struct Tag {
    buf: String,
}

impl Tag {
    /// The tag `name` with `attributes`, as
    /// `BytesStart::new(name).with_attributes(attributes)` gives it: each
    /// value escaped (`&`, `<`, `>`, `'`, `"`), none added twice.
    pub fn start<'t>(&'t mut self, name: &str, attributes: &[(&str, &str)]) -> BytesStart<'t> {
        self.buf.clear();
        self.buf.push_str(name);
        for (key, value) in attributes {
            self.push(key, &escape(*value));
        }
        BytesStart::from_content(self.buf.as_str(), name.len())
    }

    /// [`Tag::start`], then `raw` attributes written as given (escaped by the
    /// caller, as with a `Cow`-valued `Attribute`).
    pub fn start_raw<'t>(
        &'t mut self,
        name: &str,
        attributes: &[(&str, &str)],
        raw: &[(&str, &str)],
    ) -> BytesStart<'t> {
        self.buf.clear();
        self.buf.push_str(name);
        for (key, value) in attributes {
            self.push(key, &escape(*value));
        }
        for (key, value) in raw {
            self.push(key, value);
        }
        BytesStart::from_content(self.buf.as_str(), name.len())
    }

    fn push(&mut self, key: &str, value: &str) {
        self.buf.push(' ');
        self.buf.push_str(key);
        self.buf.push_str("=\"");
        self.buf.push_str(value);
        self.buf.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::NASTY;

    /// A tag from the buffer is byte for byte quick-xml's own, hostile values
    /// included: the exports are compared byte for byte between builds.
    #[test]
    fn a_tag_is_the_bytes_quick_xml_writes() {
        let mut tag = Tag::default();
        for attributes in [
            vec![],
            vec![("id", "e0"), ("source", "person:a"), ("target", "person:b")],
            vec![("for", "weight"), ("value", NASTY), ("start", "'\"&<>")],
        ] {
            let theirs = BytesStart::new("edge").with_attributes(attributes.iter().copied());
            assert_eq!(&*tag.start("edge", &attributes), &*theirs);
            assert_eq!(tag.start("edge", &attributes).name(), theirs.name());
        }
        let mut theirs = BytesStart::new("edge").with_attributes([("id", "e1")]);
        theirs.push_attribute(quick_xml::events::attributes::Attribute {
            key: quick_xml::name::QName(b"weight"),
            value: std::borrow::Cow::Borrowed(b"a&amp;b"),
        });
        assert_eq!(
            &*tag.start_raw("edge", &[("id", "e1")], &[("weight", "a&amp;b")]),
            &*theirs
        );
    }
}
