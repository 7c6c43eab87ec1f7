//! The command line, in one place.

use crate::dump::{DumpFormat, DEFAULT_LICENSE};
use crate::graph::Period;
use crate::query::{GraphFormat, QueryFormat};
use chrono::NaiveDate;
use clap::{Args as ClapArgs, Parser, Subcommand, ValueHint};
use oxigraph::model::NamedNode;
use std::path::PathBuf;

/// Turn meeting reports into a knowledge graph: an Oxigraph store to query with
/// SPARQL, and Gephi-ready exports of who met whom and what was discussed when.
#[derive(Debug, Parser)]
#[command(
    name = "meetkg",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, ClapArgs)]
pub struct GlobalArgs {
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr; no progress bar.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Read the domain data (thesaurus, gazetteer, aliases, lexicon) from this
    /// directory instead of the copy built into meetkg; missing files fall back to it.
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath, env = "MEETKG_ONTOLOGY")]
    pub ontology: Option<PathBuf>,
}

/// Where the store lives: `--store`, else `$MEETKG_STORE`, else `.meetkg/store`.
#[derive(Debug, ClapArgs)]
pub struct StoreArgs {
    /// The Oxigraph store directory (RocksDB).
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, env = "MEETKG_STORE", default_value = ".meetkg/store")]
    pub store: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read reports, build the store and write the exports.
    ///
    /// Extracts every report, resolves people across all of them, replaces each
    /// report's named graph in the store, drops the graphs of reports no longer
    /// given, and rewrites the exports. A report that cannot be read keeps its
    /// previous graph; the exit code is then 1. Running it twice gives the same
    /// store and byte-identical exports.
    Build {
        /// Report files, or directories to take every report under (.txt, .md, .docx, .odt, .html, .eml).
        #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath, default_value = "reports")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// Directory for the GraphML and CSV exports.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, default_value = "exports")]
        out: PathBuf,
        /// How the topic evolution cuts the archive into periods (the other exports do not depend on it).
        #[arg(long, value_enum, value_name = "PERIOD", default_value_t = Period::Year)]
        period: Period,
    },
    /// Print each report's extraction as JSON Lines on stdout.
    ///
    /// One object per report in the schema of the gold annotations (source,
    /// meeting, agenda, people, organisations, topics), plus evidence, mentions
    /// and warnings; people are resolved across all the given files.
    Extract {
        /// Report files or directories.
        #[arg(value_name = "PATH", required = true, value_hint = ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Leave out evidence, mentions, memberships and warnings: exactly the gold schema.
        #[arg(long)]
        compact: bool,
    },
    /// Run a SPARQL 1.1 query on the store.
    ///
    /// The default graph is the union of the report graphs. SELECT and ASK
    /// results print as a table or in the standard SPARQL result formats;
    /// CONSTRUCT and DESCRIBE print Turtle or N-Triples.
    Query {
        /// The query, or @FILE to read it from a file (e.g. @queries/spoke.rq).
        #[arg(value_name = "QUERY")]
        query: String,
        #[command(flatten)]
        store: StoreArgs,
        /// Output format for SELECT/ASK results.
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// Output format for CONSTRUCT/DESCRIBE graphs (default: Turtle).
        #[arg(long, value_enum)]
        graph_format: Option<GraphFormat>,
    },
    /// Rewrite the exports from the store alone.
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// Directory for the GraphML and CSV exports.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, default_value = "exports")]
        out: PathBuf,
        /// How the topic evolution cuts the archive into periods (the other exports do not depend on it).
        #[arg(long, value_enum, value_name = "PERIOD", default_value_t = Period::Year)]
        period: Period,
    },
    /// List every person identity, its aliases and how each was resolved, and
    /// the decisions a curator should review.
    People {
        /// Report files or directories.
        #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath, default_value = "reports")]
        paths: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the whole store as RDF dumps for data portals, with void.ttl and SHA256SUMS.
    ///
    /// Writes meetkg-{DATE}-v{VERSION}.{EXT}[.gz] and a meetkg-latest.{EXT}[.gz]
    /// copy per format, a VoID/DCAT description (void.ttl) and SHA256SUMS. The
    /// same store and date give byte-identical files; a failed dump leaves the
    /// previous files in place.
    Dump(DumpArgs),
    /// Serve the store as a read-only SPARQL 1.1 endpoint over HTTP.
    ///
    /// Queries at /query (and /sparql) by GET or POST, results negotiated by
    /// Accept; the YASGUI query editor at /, a VoID description at /.well-known/void.
    /// Updates are refused. Each query runs in a worker process, killed when
    /// it outlives --timeout. The server reads a snapshot of the store taken at
    /// start, so builds can go on meanwhile; restart it to serve their result.
    /// Ctrl-C or SIGTERM stops the server gracefully. One log line per request on stderr
    /// (-q to silence).
    Serve(ServeArgs),
    /// Internal: a query worker of `meetkg serve`, speaking JSON lines on
    /// stdin and stdout.
    #[command(name = "serve-worker", hide = true)]
    ServeWorker {
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// The options of `meetkg serve`.
#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address and port to listen on (loopback by default: say 0.0.0.0:7878 to open it).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Seconds a query may wait and run before it is cancelled (503).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Largest accepted query, in bytes (413 beyond).
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024)]
    pub max_query_bytes: usize,
    /// Largest result served, in bytes once serialised (500 beyond: page with LIMIT).
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    pub max_result_bytes: usize,
    /// Queries evaluated at once; others wait (default: the number of cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent: Option<u32>,
    /// An origin allowed by CORS (repeatable; default: any origin).
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Vec<String>,
    /// The endpoint's public URL, for its service and VoID descriptions when it
    /// sits behind a proxy (default: from the request's Forwarded or Host
    /// headers), e.g. <https://kg.example.org/sparql>
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Seconds a client has to send a request's body once its headers are in (408 beyond).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout: u64,
    /// Seconds a client has to send a request's headers, from their first byte
    /// (the connection is closed beyond).
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// Seconds a connection may stay open without a request in progress
    /// (closed beyond; longer than the 60 s of common proxies).
    #[arg(long, value_name = "SECS", default_value_t = 75, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
    /// Connections open at once; beyond, the longest idle one is closed to admit
    /// a new one (default: 1024, fewer if the open-file limit leaves less room).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: Option<u32>,
    /// Serve the store in place instead of a snapshot (for a store on
    /// read-only media); no build may write the store meanwhile.
    #[arg(long)]
    pub no_snapshot: bool,
}

/// The options of `meetkg dump`.
#[derive(Debug, ClapArgs)]
pub struct DumpArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Directory for the dumps, void.ttl and SHA256SUMS.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, default_value = "dumps")]
    pub out: PathBuf,
    /// RDF syntax of the dump; repeat for several (nq and trig keep one graph
    /// per report, ttl and nt hold their union).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "nq")]
    pub format: Vec<DumpFormat>,
    /// Compress the dumps with gzip (fixed header: still byte-identical).
    #[arg(long)]
    pub gzip: bool,
    /// Date in the file names and in dcterms:modified [default: today, UTC].
    ///
    /// Pass it to make two dumps on different days byte-identical.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// License of the dataset, as an IRI (dcterms:license).
    #[arg(long, value_name = "IRI", default_value = DEFAULT_LICENSE, value_parser = parse_iri)]
    pub license: NamedNode,
    /// URL the files will be published under; without it, void.ttl names them
    /// by IRIs relative to itself.
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url, value_parser = parse_iri)]
    pub base_url: Option<NamedNode>,
    /// A SPARQL endpoint serving the same data (void:sparqlEndpoint).
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url, value_parser = parse_iri)]
    pub endpoint: Option<NamedNode>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, crate::model::iso::DATE)
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn parse_iri(text: &str) -> Result<NamedNode, String> {
    NamedNode::new(text).map_err(|e| format!("not an absolute IRI: {e}"))
}

/// clap's view of the library's formats, whose names and help are the types'
/// own: the library does not depend on clap.
macro_rules! value_enum {
    ($($format:ty),*) => {$(
        impl clap::ValueEnum for $format {
            fn value_variants<'a>() -> &'a [Self] {
                &<$format>::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()).help(self.help()))
            }
        }
    )*};
}

value_enum!(QueryFormat, GraphFormat, DumpFormat, Period);

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Args::command().debug_assert();
    }
}
