//! A statement line of the union read back as terms, without a parser.
//!
//! Rationale: the union is sorted as N-Triples lines, which this module wrote
//! itself from terms (`Display`, the N-Triples form). Reading a million of them
//! back through Oxigraph's N-Triples parser validated every IRI again and cost
//! a tenth of a dump. The lines' shape is known: `<s> <p> object .`, subjects
//! skolemised so never blank, an object that is an IRI or a literal printed by
//! `oxrdf`. This reads that shape and nothing else: any line it does not
//! recognise ([`split`] returns `None`) goes to the parser as before.

use oxigraph::model::{Literal, NamedNode, Term, Triple};

/// A statement line as terms, with its object's N-Triples text (the key the
/// distinct objects are counted by).
pub struct Statement<'a> {
    pub triple: Triple,
    pub object: &'a str,
}

/// Splits `<s> <p> object .` into terms; `None` for any other shape.
pub fn split(line: &str) -> Option<Statement<'_>> {
    let body = line.strip_suffix(" .")?;
    let (subject, rest) = iri(body)?;
    let (predicate, object) = iri(rest.strip_prefix(' ')?)?;
    let object = object.strip_prefix(' ')?;
    let term = match iri(object) {
        Some((iri, "")) => NamedNode::new_unchecked(iri).into(),
        Some(_) => return None,
        None => Term::Literal(literal(object)?),
    };
    Some(Statement {
        // These IRIs were printed from valid IRIs by this module, and an IRI
        // holds no `>` nor space: the text between the brackets is the IRI.
        triple: Triple::new(
            NamedNode::new_unchecked(subject),
            NamedNode::new_unchecked(predicate),
            term,
        ),
        object,
    })
}

/// `<iri>` at the start of `text`: the IRI and what follows it.
fn iri(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some((&inner[..end], &inner[end + 1..]))
}

/// A literal as `oxrdf` prints it: `"value"`, `"value"@lang` or
/// `"value"^^<datatype>`. A directional language tag (`@en--ltr`) is left to
/// the parser.
fn literal(text: &str) -> Option<Literal> {
    let quoted = text.strip_prefix('"')?;
    let end = closing_quote(quoted)?;
    let value = unescape(&quoted[..end])?;
    let suffix = &quoted[end + 1..];
    if suffix.is_empty() {
        Some(Literal::new_simple_literal(value))
    } else if let Some(language) = suffix.strip_prefix('@') {
        let plain = language
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        // Printed from a valid, normalised (lower-case) tag; `--` is a direction.
        (plain && !language.contains("--"))
            .then(|| Literal::new_language_tagged_literal_unchecked(value, language))
    } else {
        match iri(suffix.strip_prefix("^^")?)? {
            (datatype, "") => Some(Literal::new_typed_literal(
                value,
                NamedNode::new_unchecked(datatype),
            )),
            _ => None,
        }
    }
}

/// Where the quoted value ends: the first `"` not escaped by a backslash.
fn closing_quote(quoted: &str) -> Option<usize> {
    let bytes = quoted.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The value of a quoted string as `oxrdf` escapes it (`\b \t \n \f \r \" \\`
/// and `\uXXXX`); `None` for any other escape.
fn unescape(escaped: &str) -> Option<String> {
    if !escaped.contains('\\') {
        return Some(escaped.to_owned());
    }
    let mut value = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        value.push(match chars.next()? {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{C}',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                if hex.len() != 4 {
                    return None;
                }
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            _ => return None,
        });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};
    use proptest::prelude::*;

    fn parsed(line: &str) -> Option<Triple> {
        RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(line.as_bytes())
            .next()?
            .ok()
            .map(Triple::from)
    }

    fn line(object: &Term) -> String {
        format!("<https://w3id.org/meetkg/id/a> <http://xmlns.com/foaf/0.1/name> {object} .")
    }

    /// The lines of the union read back as Oxigraph's parser reads them, with
    /// the object's text as printed.
    fn reads_as_the_parser(object: &Term) -> Result<(), String> {
        let text = line(object);
        let statement = split(&text).ok_or_else(|| format!("not split: {text}"))?;
        if Some(&statement.triple) != parsed(&text).as_ref() {
            return Err(format!("read otherwise than by the parser: {text}"));
        }
        if statement.object != object.to_string() {
            return Err(format!("object text {:?} in {text}", statement.object));
        }
        Ok(())
    }

    #[test]
    fn iris_and_literals_of_every_kind_read_back_as_the_parser_reads_them() -> Result<(), String> {
        for object in [
            Term::from(NamedNode::new_unchecked("https://example.org/x?a=1#b")),
            Literal::new_simple_literal("Ana María O'Brien").into(),
            Literal::new_simple_literal("").into(),
            Literal::new_simple_literal(
                "quote \" back \\ tab \t line \n\r \u{8}\u{C} nul \0 \u{7F} \u{FFFE} é ✓",
            )
            .into(),
            Literal::new_simple_literal("ends with a backslash \\").into(),
            Literal::new_language_tagged_literal_unchecked("Rat", "de-ch").into(),
            Literal::new_typed_literal("2024-05-06", oxigraph::model::vocab::xsd::DATE).into(),
            Literal::new_typed_literal("x", oxigraph::model::vocab::xsd::STRING).into(),
            Literal::new_typed_literal("42", oxigraph::model::vocab::xsd::INTEGER).into(),
        ] {
            reads_as_the_parser(&object)?;
        }
        Ok(())
    }

    #[test]
    fn other_shapes_are_left_to_the_parser() {
        for text in [
            "_:b <p> <o> .",
            "<s> <p> <o>",
            "<s> <p> <o> <g> .",
            "<s> <p> \"a\"@en--ltr .",
            "<s> <p> \"a\\U0001F600\" .",
            "<s> <p> \"a\" extra .",
        ] {
            assert!(split(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_string_literal_reads_back_as_the_parser_reads_it(value in any::<String>(), tag in "[a-z]{2}(-[a-z]{2})?") {
            reads_as_the_parser(&Literal::new_simple_literal(value.clone()).into())
                .map_err(TestCaseError::fail)?;
            reads_as_the_parser(&Literal::new_language_tagged_literal_unchecked(value, tag).into())
                .map_err(TestCaseError::fail)?;
        }
    }
}
