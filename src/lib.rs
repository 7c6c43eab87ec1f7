//! meetkg turns meeting reports into a knowledge graph: an Oxigraph store that
//! researchers query with SPARQL, Gephi-ready exports for analysts, and RDF dumps
//! for data portals.
//!
//! Data flows one way: `ingest` (text, DOCX, ODT, HTML and e-mail read as
//! text) → `text` (clean, keep offsets) → `extract` (header, agenda, people,
//! organisations, topics) → `resolve` (one identity per real person) → `model`
//! (plain structs) → `rdf` (IRIs, quads) → `store` (Oxigraph) → `graph`
//! (petgraph) → `export` (GraphML, CSV); `store` → `dump` (N-Quads, TriG,
//! Turtle, N-Triples, VoID/DCAT) for data portals.
//!
//! Below them all, `words` owns how names fold and the lexicon's word lists,
//! and `ontology` the domain data; `pipeline` runs a build (corpus, plan, store,
//! generation) as library code under the `build` command.

pub mod args;
pub mod atomic;
pub mod cache;
pub mod commands;
pub mod corpus;
pub mod dataset;
pub mod dump;
pub mod export;
pub mod extract;
pub mod failpoint;
pub mod generations;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod ontology;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod resolve;
pub mod serve;
pub mod store;
pub mod text;
pub mod vocab;
pub mod words;

/// An error and its causes in one line: "a: b: c", each cause said once.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.last().is_some_and(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}
