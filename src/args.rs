//! The command line, in one place.

use crate::query::{GraphFormat, QueryFormat};
use clap::{Args as ClapArgs, Parser, Subcommand, ValueHint};
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
        /// Report files, or directories to take every .txt/.md report under.
        #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath, default_value = "reports")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// Directory for the GraphML and CSV exports.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, default_value = "exports")]
        out: PathBuf,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Args::command().debug_assert();
    }
}
