//! The id of a node in every export: derived from the entity's IRI, so the same
//! person or topic has the same id in every build, every export format and
//! every graph, however the archive grows.
//!
//! Rationale: ids were positions (`n0`, `n1`...) and shifted when a report
//! added a person earlier in IRI order, so an analyst's Gephi workspace, a
//! networkx script keyed on ids, or a diff between two builds no longer matched
//! nodes. The IRI itself cannot be the id: GraphML declares node ids as XML
//! `NMTOKEN`s, which allow no `/`. The id is therefore the IRI's path below
//! [`ID_BASE`] with `/` written `:`, as in `person:amrita-choudhury` or
//! `topic:netmundial`:
//!
//! - readable and short where analysts see it (Gephi's `Id` column, networkx's
//!   node keys, igraph's `id` attribute, graphology's keys);
//! - an `NMTOKEN` (letters, digits, `-`, `.`, `:` and the other name characters
//!   of XML 1.0), so the GraphML validates, and free of commas, quotes,
//!   backslashes and formula signs, so it goes into CSV as it is;
//! - one to one with the IRI: meetkg's slugs hold no `:`, so `/` → `:` loses
//!   nothing, and the kind (`person:`, `topic:`) keeps a person and a topic of
//!   the same name apart in a graph that holds both;
//! - turned back into the IRI by writing `:` as `/` after [`ID_BASE`].
//!
//! An IRI outside [`ID_BASE`], or whose path holds something else (a `:`, a
//! character that is no XML name character, a first character that is not an
//! ASCII letter), gets `iri-` and the first 16 hexadecimal digits of its
//! SHA-256: stable too, but opaque; meetkg mints none such for people or
//! topics.

use crate::graph::NodeAttributes;
use crate::vocab::ID_BASE;
use petgraph::graph::UnGraph;
use sha2::{Digest, Sha256};

/// The export id of the node whose IRI is `iri`; see the module docs.
///
/// Cost: linear in the IRI's length.
pub fn node_id(iri: &str) -> String {
    match iri.strip_prefix(ID_BASE).filter(|path| readable(path)) {
        Some(path) => path.replace('/', ":"),
        None => {
            let digest = Sha256::digest(iri.as_bytes());
            format!("iri-{}", &hex::encode(digest)[..16])
        }
    }
}

/// The [`node_id`] of every node, by node index: what edges are written with.
///
/// Cost: one string per node.
pub fn node_ids<N: NodeAttributes, E>(graph: &UnGraph<N, E>) -> Vec<String> {
    graph
        .node_indices()
        .map(|i| node_id(graph[i].iri()))
        .collect()
}

/// Whether a path below [`ID_BASE`] can be written as its id: it starts with
/// an ASCII letter, and every character is `/` or an XML name character other
/// than `:` (which would make `/` → `:` ambiguous) and `_`.
fn readable(path: &str) -> bool {
    path.starts_with(|c: char| c.is_ascii_alphabetic())
        && path
            .chars()
            .all(|c| c == '/' || (c != ':' && c != '_' && is_name_char(c)))
}

/// XML 1.0 (fifth edition) `NameChar`, the alphabet of an `NMTOKEN`: what
/// libxml2 (xmllint, lxml) checks ids against.
fn is_name_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '0'..='9' | ':' | '_' | '-' | '.'
        | '\u{B7}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn meetkg_iris_become_their_path_with_colons() {
        assert_eq!(
            node_id("https://w3id.org/meetkg/id/person/amrita-choudhury"),
            "person:amrita-choudhury"
        );
        assert_eq!(
            node_id("https://w3id.org/meetkg/id/topic/netmundial"),
            "topic:netmundial"
        );
        assert_eq!(
            node_id("https://w3id.org/meetkg/id/person/роман-чуков"),
            "person:роман-чуков"
        );
    }

    #[test]
    fn a_path_that_would_be_ambiguous_or_invalid_is_hashed() {
        for iri in [
            "https://example.org/person/x",
            "https://w3id.org/meetkg/id/person:x",
            "https://w3id.org/meetkg/id/person/a_b",
            "https://w3id.org/meetkg/id/person/a b",
            "https://w3id.org/meetkg/id/person/a,b",
            "https://w3id.org/meetkg/id/-x",
            "https://w3id.org/meetkg/id/",
        ] {
            let id = node_id(iri);
            assert!(id.starts_with("iri-") && id.len() == 20, "{iri} → {id}");
        }
    }

    /// Same input, same id; distinct IRIs, distinct ids, the hashed ones too
    /// (the colliding pair `a/b` and `a:b` is the one the rule forbids).
    #[test]
    fn ids_are_deterministic_and_one_to_one() {
        let iris = [
            "https://w3id.org/meetkg/id/a/b",
            "https://w3id.org/meetkg/id/a:b",
            "https://w3id.org/meetkg/id/a/b/c",
            "https://w3id.org/meetkg/id/a-b",
            "https://example.org/a/b",
            "https://example.org/a:b",
        ];
        let ids: BTreeSet<String> = iris.iter().map(|i| node_id(i)).collect();
        assert_eq!(ids.len(), iris.len());
        assert_eq!(node_id(iris[4]), node_id(iris[4]));
    }

    #[test]
    fn ids_are_nmtokens_safe_in_csv() {
        for iri in [
            "https://w3id.org/meetkg/id/person/ann-o-neil",
            "https://example.org/=cmd|x",
        ] {
            let id = node_id(iri);
            assert!(id.chars().all(is_name_char), "{id}");
            assert!(!id.contains([',', '"', '\\', '\'']), "{id}");
            assert!(!id.starts_with(['=', '+', '-', '@']), "{id}");
        }
    }
}
