//! Vocabulary IRIs, as `const`s, in one place.
//!
//! Rationale: an IRI typed twice is an IRI typed wrong once. Every term the RDF
//! mapping ([`crate::rdf`]), the graph builder ([`crate::graph`]), the query
//! writer ([`crate::query`]) and the dataset's description
//! ([`crate::dataset`]) use is declared here, next to its namespace, so a
//! typo is a compile error and the prefix table used to pretty-print results
//! ([`PREFIXES`]) cannot drift from the terms.
//!
//! RDF, RDFS and XSD are re-exported from oxigraph (`oxrdf::vocab`); the other
//! vocabularies declare only the terms meetkg uses. This module does not describe
//! the `meetkg:` terms formally (domains, ranges, sub-properties): that is the job
//! of the ontology under `ontology/`.

use oxigraph::model::NamedNodeRef;

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// Base of every data IRI meetkg mints (people, meetings, graphs...).
pub const ID_BASE: &str = "https://w3id.org/meetkg/id/";

/// Declares a vocabulary module: its namespace and its terms, each term built at
/// compile time by concatenating the namespace and the local name, so the two can
/// never disagree.
macro_rules! vocabulary {
    ($ns:literal; $( $(#[$meta:meta])* $name:ident = $local:literal; )*) => {
        use super::NamedNodeRef;

        /// The namespace IRI.
        pub const NAMESPACE: &str = $ns;

        $(
            $(#[$meta])*
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*

        /// Every term of this module, for the tests that check they are valid IRIs.
        #[cfg(test)]
        pub(crate) const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// [FOAF](http://xmlns.com/foaf/spec/): people and documents.
pub mod foaf {
    vocabulary! { "http://xmlns.com/foaf/0.1/";
        PERSON = "Person";
        DOCUMENT = "Document";
        NAME = "name";
        PRIMARY_TOPIC = "primaryTopic";
    }
}

/// [W3C Organization Ontology](https://www.w3.org/TR/vocab-org/): memberships and roles.
pub mod org {
    vocabulary! { "http://www.w3.org/ns/org#";
        ORGANIZATION = "Organization";
        MEMBERSHIP = "Membership";
        MEMBER = "member";
        ORGANIZATION_PROP = "organization";
        ROLE = "role";
    }
}

/// [schema.org](https://schema.org/), in its `http://` form (the one most RDF data uses).
pub mod schema {
    vocabulary! { "http://schema.org/";
        EVENT = "Event";
        EVENT_SERIES = "EventSeries";
        NAME = "name";
        START_DATE = "startDate";
        SUPER_EVENT = "superEvent";
        ATTENDEE = "attendee";
        ORGANIZER = "organizer";
        CONTRIBUTOR = "contributor";
    }
}

/// [SKOS](https://www.w3.org/TR/skos-reference/): topics and roles as concepts.
pub mod skos {
    vocabulary! { "http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept";
        CONCEPT_SCHEME = "ConceptScheme";
        PREF_LABEL = "prefLabel";
        ALT_LABEL = "altLabel";
        IN_SCHEME = "inScheme";
        CLOSE_MATCH = "closeMatch";
    }
}

/// [PROV-O](https://www.w3.org/TR/prov-o/): what was derived from what.
pub mod prov {
    vocabulary! { "http://www.w3.org/ns/prov#";
        ENTITY = "Entity";
        WAS_DERIVED_FROM = "wasDerivedFrom";
    }
}

/// [DCMI Metadata Terms](https://www.dublincore.org/specifications/dublin-core/dcmi-terms/).
pub mod dcterms {
    vocabulary! { "http://purl.org/dc/terms/";
        IDENTIFIER = "identifier";
        TITLE = "title";
        SOURCE = "source";
        IS_PART_OF = "isPartOf";
        /// A mail message's report → the report of the message it replies to.
        REFERENCES = "references";
        SUBJECT = "subject";
        DESCRIPTION = "description";
        LICENSE = "license";
        MODIFIED = "modified";
    }
}

/// [Web Annotation](https://www.w3.org/TR/annotation-vocab/) selectors: where in a
/// report's text a fact is stated.
pub mod oa {
    vocabulary! { "http://www.w3.org/ns/oa#";
        TEXT_QUOTE_SELECTOR = "TextQuoteSelector";
        TEXT_POSITION_SELECTOR = "TextPositionSelector";
        EXACT = "exact";
        START = "start";
        END = "end";
    }
}

/// [VoID](https://www.w3.org/TR/void/): the dataset's statistics, in `void.ttl`
/// and at the endpoint's `/.well-known/void`.
pub mod void {
    vocabulary! { "http://rdfs.org/ns/void#";
        DATASET = "Dataset";
        TRIPLES = "triples";
        ENTITIES = "entities";
        CLASSES = "classes";
        PROPERTIES = "properties";
        DISTINCT_SUBJECTS = "distinctSubjects";
        DISTINCT_OBJECTS = "distinctObjects";
        URI_SPACE = "uriSpace";
        VOCABULARY = "vocabulary";
        CLASS_PARTITION = "classPartition";
        CLASS = "class";
        SPARQL_ENDPOINT = "sparqlEndpoint";
        DATA_DUMP = "dataDump";
    }
}

/// [DCAT](https://www.w3.org/TR/vocab-dcat-3/): the dump files as distributions.
pub mod dcat {
    vocabulary! { "http://www.w3.org/ns/dcat#";
        DATASET = "Dataset";
        /// The class `dcat:Distribution`.
        DISTRIBUTION_CLASS = "Distribution";
        DISTRIBUTION = "distribution";
        DOWNLOAD_URL = "downloadURL";
        ACCESS_URL = "accessURL";
        MEDIA_TYPE = "mediaType";
        COMPRESS_FORMAT = "compressFormat";
        BYTE_SIZE = "byteSize";
    }
}

/// [SPDX](https://spdx.org/rdf/terms/): a dump file's checksum.
pub mod spdx {
    vocabulary! { "http://spdx.org/rdf/terms#";
        CHECKSUM = "checksum";
        /// The class `spdx:Checksum`.
        CHECKSUM_CLASS = "Checksum";
        ALGORITHM = "algorithm";
        SHA256 = "checksumAlgorithm_sha256";
        CHECKSUM_VALUE = "checksumValue";
    }
}

/// [IANA media types](https://www.iana.org/assignments/media-types/), as DCAT
/// names a file's format.
pub mod media_types {
    vocabulary! { "https://www.iana.org/assignments/media-types/";
        GZIP = "application/gzip";
    }
}

/// meetkg's own terms, for what the standard vocabularies do not say.
pub mod meetkg {
    vocabulary! { "https://w3id.org/meetkg/ns#";
        /// Class: one item of a meeting's agenda.
        AGENDA_ITEM = "AgendaItem";
        /// Class: one sentence of a report saying a person spoke at a meeting.
        INTERVENTION = "Intervention";
        /// Class: the statement that a meeting discussed a topic, with its evidence.
        DISCUSSION = "Discussion";
        /// Class: one line or sentence of a report saying a person attended a
        /// meeting (participant list, moderator, host).
        ATTENDANCE = "Attendance";
        /// Attendance → the person who attended.
        PARTICIPANT = "participant";
        /// Class: a role a person held, stated without an organisation.
        ROLE_ASSIGNMENT = "RoleAssignment";

        /// Report → SHA-256 of its bytes (hex string).
        SHA256 = "sha256";
        /// Meeting → start time in UTC (`xsd:time`).
        START_TIME_UTC = "startTimeUTC";
        /// Meeting → start time on the clock of its place (`xsd:time`, with the
        /// zone's offset where the record names it, without one otherwise).
        LOCAL_START_TIME = "localStartTime";
        /// Meeting → its ordinal in its series (`xsd:integer`).
        NUMBER = "number";
        /// Meeting → the date announced for the next meeting (`xsd:date`).
        NEXT_MEETING_DATE = "nextMeetingDate";
        /// Meeting → person who moderated it (sub-property of `schema:organizer`).
        MODERATOR = "moderator";
        /// Meeting → person who hosted it (sub-property of `schema:organizer`).
        HOST = "host";
        /// Meeting → one of its agenda items.
        AGENDA_ITEM_PROP = "agendaItem";
        /// Agenda item → its number path as printed ("2.b").
        ITEM_NUMBER = "itemNumber";
        /// Agenda item → its 1-based position in the agenda (`xsd:integer`).
        POSITION = "position";
        /// Person → meeting they made at least one intervention in.
        SPOKE_AT = "spokeAt";
        /// Intervention → the person who spoke.
        SPEAKER = "speaker";
        /// Intervention or discussion → the meeting it happened in.
        AT_MEETING = "atMeeting";
        /// Intervention → the string that named the speaker in the sentence.
        MENTION = "mention";
        /// Person → meeting whose list of participants names them.
        LISTED_AT = "listedAt";
        /// Person or organisation → meeting whose report names them, without attendance.
        MENTIONED_IN = "mentionedIn";
        /// Membership or role assignment → the meeting whose report states it.
        STATED_AT = "statedAt";
        /// Person → role held (shortcut of a role assignment; the graph says where).
        HELD_ROLE = "heldRole";
        /// Role assignment → the person holding the role.
        HOLDER = "holder";
        /// Role assignment → the role (a `skos:Concept`).
        ROLE = "role";
        /// Meeting → topic it discussed (sub-property of `dcterms:subject`).
        DISCUSSED = "discussed";
        /// Discussion → the topic discussed.
        TOPIC = "topic";
        /// Text selector → the page of the PDF (from 1, `xsd:integer`) on
        /// which the quoted text starts.
        PAGE = "page";
        /// Text selector → the Message-ID (without angle brackets) of the
        /// e-mail the quoted text is in.
        MESSAGE_ID = "messageId";
    }
}

/// Prefixes used to print IRIs compactly (Turtle output, the `table` format).
///
/// Sorted by prefix name; `id:` abbreviates meetkg's data IRIs.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcterms", dcterms::NAMESPACE),
    ("foaf", foaf::NAMESPACE),
    ("id", ID_BASE),
    ("meetkg", meetkg::NAMESPACE),
    ("oa", oa::NAMESPACE),
    ("org", org::NAMESPACE),
    ("prov", prov::NAMESPACE),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("schema", schema::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// The `PREFIX` lines of [`PREFIXES`], ready to prepend to a SPARQL query.
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(prefix, ns)| format!("PREFIX {prefix}: <{ns}>\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn every_term_is_a_valid_iri_in_its_namespace() {
        let modules: &[(&str, &[NamedNodeRef<'static>])] = &[
            (foaf::NAMESPACE, foaf::ALL),
            (org::NAMESPACE, org::ALL),
            (schema::NAMESPACE, schema::ALL),
            (skos::NAMESPACE, skos::ALL),
            (prov::NAMESPACE, prov::ALL),
            (dcterms::NAMESPACE, dcterms::ALL),
            (oa::NAMESPACE, oa::ALL),
            (meetkg::NAMESPACE, meetkg::ALL),
            (void::NAMESPACE, void::ALL),
            (dcat::NAMESPACE, dcat::ALL),
            (spdx::NAMESPACE, spdx::ALL),
            (media_types::NAMESPACE, media_types::ALL),
        ];
        for (ns, terms) in modules {
            assert!(!terms.is_empty());
            for term in *terms {
                assert!(NamedNode::new(term.as_str()).is_ok(), "{term}");
                assert!(term.as_str().len() > ns.len() && term.as_str().starts_with(ns));
            }
        }
    }

    #[test]
    fn prefixes_are_sorted_unique_and_valid() {
        let names: Vec<_> = PREFIXES.iter().map(|(p, _)| *p).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
        for (_, ns) in PREFIXES {
            assert!(NamedNode::new(*ns).is_ok(), "{ns}");
        }
        assert!(PREFIXES.contains(&("rdf", rdf::TYPE.as_str().trim_end_matches("type"))));
        assert!(PREFIXES.contains(&("rdfs", rdfs::LABEL.as_str().trim_end_matches("label"))));
        assert!(PREFIXES.contains(&("xsd", xsd::DATE.as_str().trim_end_matches("date"))));
    }
}
