//! Runs of edges, so that the export of a graph that changed in a few edges
//! copies the bytes of the other edges from the file it replaces instead of
//! formatting them again.
//!
//! Rationale: the co-participation graph's GraphML, edge CSV and GEXF are
//! hundreds of megabytes, nearly all edges, and a changed report changes the
//! edges among its meeting's people only; yet a new person changes every
//! node's measures, so the graph's files are written again
//! (`write_coparticipation`). The edges, in index order, are cut
//! into runs where the hash of an edge's ends says ([`cut`]: about one edge
//! in `RUN_MEAN` ends a run), so that an edge added or removed moves no cut
//! but in its own run; each run is keyed by a hash of its edges' contents
//! ([`EdgeContent`]: ends' ids, weight, meetings). The stamp records where
//! each run's bytes are in each file ([`Placed`]); the next export copies a
//! run of the same key from the file it replaces, whose bytes are what
//! formatting the run's edges gives, as the writers make an edge's bytes of
//! its contents alone, except the XML edge ids `e{index}`, which are
//! renumbered when the run starts at another index ([`Ids::Xml`]).
//!
//! Each run placed also carries the digest of its bytes, its XML edge ids
//! left out, once the stamp has hashed them ([`Placed::digest`],
//! [`super::digest`]): a run copied keeps the digest of the run it copies,
//! renumbered or not, so the stamp hashes only the runs formatted.
//!
//! What it trusts: a file that still has the length and modification time
//! the stamp recorded (as a kept file is checked); in a copied XML run, the
//! edge ids must be its edges' in order, or the run is formatted instead.

use crate::graph::fingerprint::EdgeContent;
use regex::bytes::Regex;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{LazyLock, Mutex, PoisonError};

/// About one edge in this many ends a run (a power of two).
const RUN_MEAN: u64 = 512;

/// No run is longer, whatever the ends' hashes say.
const RUN_MAX: usize = 8 * RUN_MEAN as usize;

/// Edges `edges` of a graph, keyed by their contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub edges: Range<usize>,
    key: String,
}

/// The runs of the edges whose contents are `contents` (in index order):
/// each ends at an edge whose ends hash to a multiple of `RUN_MEAN`, or
/// at `RUN_MAX` edges, or at the last edge.
///
/// Cost: a hash over 16 bytes an edge.
pub fn cut(contents: &[EdgeContent]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut h = Sha256::new();
    for (i, c) in contents.iter().enumerate() {
        h.update(c.key);
        let end = i + 1;
        if c.ends % RUN_MEAN == 0 || end - start >= RUN_MAX || end == contents.len() {
            let digest = std::mem::take(&mut h).finalize();
            let key = hex::encode(&digest[..16]);
            runs.push(Run {
                edges: start..end,
                key,
            });
            start = end;
        }
    }
    runs
}

/// Where a run's bytes are in a file: its key, the index of its first edge,
/// its bytes' offset and length, and their digest once known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Placed {
    pub key: String,
    pub first: usize,
    pub offset: u64,
    pub len: u64,
    /// The digest of the run's bytes, XML edge ids left out
    /// ([`super::digest`]): taken over from the run copied, else set when
    /// the stamp hashes the file (absent in stamps made before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// How a format names an edge in its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Not at all (CSV): a run's bytes do not depend on where it starts.
    None,
    /// `<edge id="e{index}"` (GraphML, GEXF).
    Xml,
}

impl Ids {
    /// How the export file `name` names its edges: by XML ids unless it is
    /// a CSV file.
    pub fn of_file(name: &str) -> Self {
        if name.ends_with(".csv") {
            Self::None
        } else {
            Self::Xml
        }
    }
}

/// The runs of one file being written: which to copy from the file it
/// replaces, and where each went.
pub struct Splice<'a> {
    runs: &'a [Run],
    ids: Ids,
    old: Option<Old>,
    placed: Vec<Placed>,
    copied: usize,
    /// The digest of the last run copied, when the file replaced recorded
    /// it: the digest of the run placed next.
    copied_digest: Option<String>,
    /// A run's bytes as read, reused from run to run.
    buf: Vec<u8>,
}

/// The file being replaced, and where its runs are.
struct Old {
    file: File,
    by_key: HashMap<String, Placed>,
}

impl<'a> Splice<'a> {
    /// Every edge formatted, at once; nothing recorded.
    pub fn none() -> Self {
        Self::new(&[], Ids::None, None)
    }

    /// The edges cut at `runs`, a run copied from the file at `old` when
    /// its record (`Placed`, from the stamp) has the run's key.
    pub fn new(runs: &'a [Run], ids: Ids, old: Option<(&Path, &[Placed])>) -> Self {
        let old = old.and_then(|(path, placed)| {
            Some(Old {
                file: File::open(path).ok()?,
                by_key: placed.iter().map(|p| (p.key.clone(), p.clone())).collect(),
            })
        });
        Self {
            runs,
            ids,
            old,
            placed: Vec::with_capacity(runs.len()),
            copied: 0,
            copied_digest: None,
            buf: Vec::new(),
        }
    }

    /// The edges to write in turn, one range per run (all of them at once
    /// when there are no runs): `edges` edges in all.
    pub fn ranges(&self, edges: usize) -> Vec<Range<usize>> {
        if self.runs.is_empty() {
            return std::iter::once(0..edges).collect();
        }
        self.runs.iter().map(|r| r.edges.clone()).collect()
    }

    /// Writes run `k` into `out` from the file replaced, if that has it;
    /// says whether it did (if not, the caller formats the run's edges).
    ///
    /// Errors: only those of `out`; a file that cannot be read is no copy.
    pub fn copy(&mut self, k: usize, out: &mut impl Write) -> io::Result<bool> {
        self.copied_digest = None;
        let (Some(run), Some(old)) = (self.runs.get(k), &self.old) else {
            return Ok(false);
        };
        let Some(p) = old.by_key.get(&run.key) else {
            return Ok(false);
        };
        let Ok(len) = usize::try_from(p.len) else {
            return Ok(false);
        };
        self.buf.resize(len, 0);
        if old.file.read_exact_at(&mut self.buf, p.offset).is_err() {
            return Ok(false);
        }
        match self.ids {
            Ids::None => out.write_all(&self.buf)?,
            Ids::Xml => match renumber(&self.buf, p.first, &run.edges) {
                Some(b) => out.write_all(&b)?,
                None => return Ok(false),
            },
        }
        // The same bytes but the ids, which a run's digest leaves out.
        self.copied_digest.clone_from(&p.digest);
        self.copied += 1;
        Ok(true)
    }

    /// Records that run `k` went to bytes `at` of the new file, with the
    /// digest of the run it copied, if [`Self::copy`] just did.
    pub fn place(&mut self, k: usize, at: Range<u64>) {
        let digest = self.copied_digest.take();
        if let Some(run) = self.runs.get(k) {
            self.placed.push(Placed {
                key: run.key.clone(),
                first: run.edges.start,
                offset: at.start,
                len: at.end - at.start,
                digest,
            });
        }
    }

    /// Where each run went, and how many were copied.
    pub fn finish(self) -> (Vec<Placed>, usize) {
        (self.placed, self.copied)
    }
}

/// Where the runs of each file went, by file name, and how many of them
/// were copied: what the files' jobs, written at once, report.
#[derive(Debug, Default)]
pub struct Ledger(Mutex<BTreeMap<String, (Vec<Placed>, usize)>>);

impl Ledger {
    /// Records what `splice` did for the file `name`, if it had runs.
    pub fn record(&self, name: &str, splice: Splice<'_>) {
        let (placed, copied) = splice.finish();
        if placed.is_empty() {
            return;
        }
        let mut book = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        book.insert(name.to_owned(), (placed, copied));
    }

    /// What was recorded.
    pub fn into_inner(self) -> BTreeMap<String, (Vec<Placed>, usize)> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What opens the id of an edge in an XML run: `<edge id="e`, then its
/// index. Text can hold no `<`: it is escaped.
static EDGE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<edge id="e"#).unwrap_or_else(|e| panic!("the edge id pattern: {e}"))
});

/// The bytes of an XML run whose first edge was `first`, its ids renumbered
/// to `edges`; `None` unless its ids are `first`, `first + 1`, ... for as
/// many edges as `edges` has.
///
/// Cost: a literal search through the run (the regex's prefilter), and a
/// copy.
fn renumber(bytes: &[u8], first: usize, edges: &Range<usize>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut copied = 0;
    let mut found = EDGE_ID.find_iter(bytes);
    for (new, old) in edges.clone().zip(first..) {
        let start = found.next()?.end();
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let id: usize = std::str::from_utf8(&bytes[start..start + digits])
            .ok()?
            .parse()
            .ok()?;
        if id != old || bytes.get(start + digits) != Some(&b'"') {
            return None;
        }
        out.extend_from_slice(&bytes[copied..start]);
        write!(out, "{new}").ok()?;
        copied = start + digits;
    }
    if found.next().is_some() {
        return None;
    }
    out.extend_from_slice(&bytes[copied..]);
    Some(out)
}

/// Feeds `each` the bytes of an XML run whose first edge is `first`, its
/// edge ids left out: the bytes around the ids, in order. `None` unless the
/// ids are `first`, `first + 1`, ... as the writers write them (no leading
/// zero), so that the bytes fed and `first` give the run's bytes back.
///
/// Cost: a literal search through the run.
pub fn without_ids(bytes: &[u8], first: usize, mut each: impl FnMut(&[u8])) -> Option<()> {
    use std::fmt::Write as _;
    let mut fed = 0;
    let mut digits = String::new();
    for (found, id) in EDGE_ID.find_iter(bytes).zip(first..) {
        let start = found.end();
        digits.clear();
        write!(digits, "{id}").ok()?;
        let end = start + digits.len();
        if bytes.get(start..end) != Some(digits.as_bytes()) || bytes.get(end) != Some(&b'"') {
            return None;
        }
        each(&bytes[fed..start]);
        fed = end;
    }
    each(&bytes[fed..]);
    Some(())
}

/// A writer that counts the bytes written through it: where each run goes.
pub struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Counted<W> {
    pub fn new(inner: W) -> Self {
        Self { inner, written: 0 }
    }

    /// The bytes written so far.
    pub fn position(&self) -> u64 {
        self.written
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(ends: u64, key: u8) -> EdgeContent {
        EdgeContent {
            ends,
            key: [key; 16],
        }
    }

    #[test]
    fn an_edge_added_changes_the_key_of_its_own_run_only() {
        let edges: Vec<EdgeContent> = (0..4000u64)
            .map(|i| content(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), (i % 251) as u8))
            .collect();
        let before = cut(&edges);
        assert!(before.len() > 3, "{}", before.len());
        let mut more = edges.clone();
        more.insert(1000, content(12345, 7));
        let after = cut(&more);
        let keys = |runs: &[Run]| -> Vec<String> { runs.iter().map(|r| r.key.clone()).collect() };
        let (b, a) = (keys(&before), keys(&after));
        let lost = b.iter().filter(|k| !a.contains(k)).count();
        assert_eq!(lost, 1, "{b:?} {a:?}");
        assert_eq!(after.last().map(|r| r.edges.end), Some(4001));
    }

    #[test]
    fn xml_runs_are_renumbered_only_when_their_ids_follow_on() {
        let run =
            b"\n    <edge id=\"e7\" source=\"a\">x</edge>\n    <edge id=\"e8\" source=\"b\"/>";
        let moved = renumber(run, 7, &(10..12)).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&moved),
            "\n    <edge id=\"e10\" source=\"a\">x</edge>\n    <edge id=\"e11\" source=\"b\"/>"
        );
        assert_eq!(renumber(run, 7, &(7..9)).as_deref(), Some(&run[..]));
        assert_eq!(renumber(run, 6, &(10..12)), None);
        assert_eq!(renumber(run, 7, &(10..11)), None);
        assert_eq!(renumber(run, 7, &(10..13)), None);
    }
}
