//! One query, from its text to the bytes of the negotiated response: the part
//! of the endpoint that both backends run, the in-process one and the worker
//! processes of [`super::worker`].

use super::{negotiate_graph, negotiate_results, ServeError};
use crate::store::Store;
use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use serde::{Deserialize, Serialize};

/// A query as the protocol delivered it: what an evaluation needs, and all it
/// needs, so it can cross a process boundary as one JSON line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryRequest {
    /// The SPARQL query text.
    pub query: String,
    /// `default-graph-uri` values; with `named_graphs`, replaces the query's dataset.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` values.
    pub named_graphs: Vec<String>,
    /// The request's `Accept` header (`*/*` when absent).
    pub accept: String,
}

/// A serialised result and its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub media_type: String,
    pub body: Vec<u8>,
}

/// Parses, evaluates and serialises one query in the negotiated format.
///
/// The result is serialised in full before anything is sent, so an error or a
/// timeout mid-way gives a clean status code instead of a truncated body; the
/// cost is memory proportional to the result.
pub fn evaluate(
    store: &Store,
    request: &QueryRequest,
    token: CancellationToken,
) -> Result<Answer, ServeError> {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    for &(prefix, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(prefix, iri)
            .map_err(|source| ServeError::GraphIri {
                iri: iri.to_owned(),
                source,
            })?;
    }
    let mut prepared = evaluator.parse_query(&request.query)?;
    if !request.default_graphs.is_empty() || !request.named_graphs.is_empty() {
        // The protocol's dataset replaces the query's FROM / FROM NAMED, and an
        // absent half of it is empty.
        let iris = |list: &[String]| {
            list.iter()
                .map(|iri| {
                    NamedNode::new(iri).map_err(|source| ServeError::GraphIri {
                        iri: iri.clone(),
                        source,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let default = iris(&request.default_graphs)?;
        let named = iris(&request.named_graphs)?;
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(default.into_iter().map(GraphName::from).collect());
        dataset.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::from).collect());
    }
    let accept = request.accept.as_str();
    let results = prepared.on_store(store.oxigraph()).execute()?;
    let mut body = Vec::new();
    let media_type = match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate_results(accept)?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution?)?;
            }
            writer.finish()?;
            format.media_type()
        }
        QueryResults::Boolean(value) => {
            let format = negotiate_results(accept)?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, value)?;
            format.media_type()
        }
        QueryResults::Graph(triples) => {
            let format = negotiate_graph(accept)?;
            let mut serializer = RdfSerializer::from_format(format);
            if matches!(format, RdfFormat::Turtle) {
                for &(prefix, iri) in PREFIXES {
                    serializer = serializer.with_prefix(prefix, iri).map_err(|source| {
                        ServeError::GraphIri {
                            iri: iri.to_owned(),
                            source,
                        }
                    })?;
                }
            }
            let mut writer = serializer.for_writer(&mut body);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
            format.media_type()
        }
    };
    Ok(Answer {
        media_type: media_type.to_owned(),
        body,
    })
}
