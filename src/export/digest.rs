//! The digests the exports' stamp keeps of its files, by which a later build
//! tells that the files are still as written ([`super::up_to_date`]).
//!
//! Rationale: a file written whole is hashed whole (SHA-256). A file whose
//! edges were written in runs ([`super::runs`]) is hashed by its segments
//! instead: the bytes before, between and after the runs, and each run (its
//! XML edge ids left out), every segment hashed on its own, the file's
//! digest a hash of the segments' lengths, first edges and digests. A run
//! copied from the file it replaces keeps the digest recorded for it
//! ([`Placed::digest`]), renumbered or not, so an incremental build hashes
//! the runs it formatted and the nodes, not the gigabytes it copied: at
//! 3,000 reports the stamp of a one-report change hashed 1.6 GB, as much as
//! the build wrote.
//!
//! What it will not do: trust a digest it did not take over from a run
//! copied unchanged. Checking a stamp ([`runs_digest`] with no digests)
//! hashes every byte of the file again, as a plain SHA-256 does.

use super::runs::{self, Ids, Placed};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// What a digest of a file written in runs starts with, so that it is never
/// taken for a plain SHA-256 (a stamp of an older meetkg has those).
pub const RUNS_PREFIX: &str = "runs:";

/// The bytes of a run's digest (of the SHA-256's 32): enough to tell a run
/// changed, and half the stamp's size.
const RUN_DIGEST_BYTES: usize = 16;

/// A file's digest, and how many of its bytes were read to take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub digest: String,
    pub read: u64,
}

/// The SHA-256 of a file (hex), read in blocks of a megabyte (`io::copy`'s
/// 8 KiB made hundreds of thousands of reads): an export of 10,000 reports
/// is a GraphML file of gigabytes.
pub fn file(path: &Path) -> Option<String> {
    let mut file = File::open(path).ok()?;
    let mut hasher = Sha256::new();
    hash_range(&mut file, u64::MAX, &mut hasher).ok()?;
    Some(hex::encode(hasher.finalize()))
}

/// The digest of the file at `path` whose runs are `placed` (in the order
/// of their offsets), its edges named as `ids` says, [`RUNS_PREFIX`] first:
/// each run without a digest is hashed and given one; the others keep
/// theirs. `None` when the file cannot be read, the runs are not within it
/// in order, or a run's XML ids do not follow on from its first edge's.
///
/// A run's digest leaves its XML ids out ([`runs::without_ids`]): the file's
/// digest covers them by each run's first edge, so that a run renumbered
/// keeps its digest.
///
/// Cost: reading and hashing the bytes outside the runs with a digest.
pub fn runs_digest(path: &Path, placed: &mut [Placed], ids: Ids) -> Option<Hashed> {
    let mut file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut whole = Sha256::new();
    let mut read = 0;
    let mut at = 0;
    let mut part = |start: u64, end: u64, first: usize, digest: [u8; RUN_DIGEST_BYTES]| {
        whole.update((end - start).to_le_bytes());
        whole.update((first as u64).to_le_bytes());
        whole.update(digest);
    };
    for run in placed.iter_mut() {
        let end = run.offset.checked_add(run.len)?;
        if run.offset < at || end > len {
            return None;
        }
        part(at, run.offset, 0, gap_digest(&mut file, at, run.offset)?);
        read += run.offset - at;
        let digest = match run.digest.as_deref().and_then(run_digest_bytes) {
            Some(d) => d,
            None => {
                read += run.len;
                run_digest(&mut file, run, ids)?
            }
        };
        part(run.offset, end, run.first, digest);
        run.digest = Some(hex::encode(digest));
        at = end;
    }
    part(at, len, 0, gap_digest(&mut file, at, len)?);
    read += len - at;
    Some(Hashed {
        digest: format!("{RUNS_PREFIX}{}", hex::encode(whole.finalize())),
        read,
    })
}

/// The digest of the bytes `start..end` of `file`, outside the runs.
fn gap_digest(file: &mut File, start: u64, end: u64) -> Option<[u8; RUN_DIGEST_BYTES]> {
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut h = Sha256::new();
    if hash_range(file, end - start, &mut h).ok()? != end - start {
        return None;
    }
    truncated(h)
}

/// The digest of the run `run` of `file`, its XML ids left out.
fn run_digest(file: &mut File, run: &Placed, ids: Ids) -> Option<[u8; RUN_DIGEST_BYTES]> {
    let mut bytes = vec![0u8; usize::try_from(run.len).ok()?];
    file.seek(SeekFrom::Start(run.offset)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    let mut h = Sha256::new();
    match ids {
        Ids::None => h.update(&bytes),
        Ids::Xml => runs::without_ids(&bytes, run.first, |b| h.update(b))?,
    }
    truncated(h)
}

fn truncated(h: Sha256) -> Option<[u8; RUN_DIGEST_BYTES]> {
    h.finalize().get(..RUN_DIGEST_BYTES)?.try_into().ok()
}

/// Whether the file at `path` has the digest `digest` of a stamp whose runs
/// of it are `placed`, its edges named as `ids` says: every byte read and
/// hashed again.
pub fn matches(path: &Path, digest: &str, placed: Option<&[Placed]>, ids: Ids) -> bool {
    if !digest.starts_with(RUNS_PREFIX) {
        return file(path).as_deref() == Some(digest);
    }
    let Some(placed) = placed else {
        return false;
    };
    let mut fresh: Vec<Placed> = placed
        .iter()
        .map(|p| Placed {
            digest: None,
            ..p.clone()
        })
        .collect();
    runs_digest(path, &mut fresh, ids).is_some_and(|h| h.digest == digest)
}

/// A run's recorded digest as bytes, if it is one.
fn run_digest_bytes(hex_digest: &str) -> Option<[u8; RUN_DIGEST_BYTES]> {
    hex::decode(hex_digest).ok()?.try_into().ok()
}

/// Feeds `hasher` up to `len` bytes of `file` from where it stands; gives
/// how many it read (fewer at the end of the file).
fn hash_range(file: &mut File, len: u64, hasher: &mut Sha256) -> io::Result<u64> {
    let mut block = vec![0u8; 1 << 20];
    let mut left = len;
    let mut read = 0;
    while left > 0 {
        let want = usize::try_from(left.min(block.len() as u64)).unwrap_or(block.len());
        match file.read(&mut block[..want]) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&block[..n]);
                left -= n as u64;
                read += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn placed(offset: u64, len: u64) -> Placed {
        Placed {
            key: format!("k{offset}"),
            first: 0,
            offset,
            len,
            digest: None,
        }
    }

    #[test]
    fn a_runs_digest_reads_only_the_runs_without_a_digest() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("f");
        std::fs::write(&path, b"head[run one][run two]tail")?;
        let mut runs = vec![placed(4, 9), placed(13, 9)];
        let first = runs_digest(&path, &mut runs, Ids::None).ok_or("not hashed")?;
        assert_eq!(first.read, 26);
        assert!(runs.iter().all(|r| r.digest.is_some()));
        runs[1].digest = None;
        let again = runs_digest(&path, &mut runs, Ids::None).ok_or("not hashed")?;
        assert_eq!(again, Hashed { read: 17, ..first });
        assert!(matches(&path, &again.digest, Some(&runs), Ids::None));
        Ok(())
    }

    #[test]
    fn a_runs_digest_tells_a_changed_byte_and_a_plain_one_is_no_runs_digest() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("f");
        std::fs::write(&path, b"head[run one][run two]tail")?;
        let mut runs = vec![placed(4, 9), placed(13, 9)];
        let digest = runs_digest(&path, &mut runs, Ids::None)
            .ok_or("not hashed")?
            .digest;
        assert!(digest.starts_with(RUNS_PREFIX));
        std::fs::write(&path, b"head[run one][run twO]tail")?;
        assert!(!matches(&path, &digest, Some(&runs), Ids::None));
        assert!(!matches(&path, &digest, None, Ids::None));
        let plain = file(&path).ok_or("not hashed")?;
        assert!(matches(&path, &plain, None, Ids::None));
        assert!(runs_digest(&path, &mut [placed(4, 9), placed(2, 3)], Ids::None).is_none());
        assert!(runs_digest(&path, &mut [placed(20, 9)], Ids::None).is_none());
        Ok(())
    }

    #[test]
    fn an_xml_run_renumbered_keeps_its_digest_and_ids_out_of_order_have_none() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        let run = |i: usize, j: usize| {
            format!("<edge id=\"e{i}\" source=\"x\"/>\n<edge id=\"e{j}\" source=\"y\"/>\n")
        };
        std::fs::write(&a, format!("<g>\n{}</g>", run(3, 4)))?;
        std::fs::write(&b, format!("<g>\n{}</g>", run(10, 11)))?;
        let len = run(3, 4).len() as u64;
        let at = |first: usize, len: u64| Placed {
            first,
            ..placed(4, len)
        };
        let (mut ra, mut rb) = ([at(3, len)], [at(10, len + 2)]);
        let da = runs_digest(&a, &mut ra, Ids::Xml).ok_or("not hashed")?;
        let db = runs_digest(&b, &mut rb, Ids::Xml).ok_or("not hashed")?;
        assert_eq!(ra[0].digest, rb[0].digest);
        assert_ne!(da.digest, db.digest);
        assert!(matches(&b, &db.digest, Some(&rb), Ids::Xml));
        assert!(!matches(&b, &db.digest, Some(&[at(11, len + 2)]), Ids::Xml));
        std::fs::write(&b, format!("<g>\n{}</g>", run(10, 12)))?;
        assert!(runs_digest(&b, &mut [at(10, len + 2)], Ids::Xml).is_none());
        Ok(())
    }
}
