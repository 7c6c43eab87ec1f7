//! The server's view of the store: a private, frozen copy that a running
//! `meetkg serve` answers from while builds go on.

use crate::store::StoreError;
use std::io;
use std::path::{Path, PathBuf};

/// A private, frozen copy of a store for a long-running reader (`meetkg
/// serve`), removed on drop.
///
/// Rationale: RocksDB's read-only mode assumes that no other process writes, so
/// a server holding the store itself open read-only would make a concurrent
/// `meetkg build` unsafe, while holding it open for writing would block builds.
/// A snapshot lets builds go on; the server answers from the data it started
/// with.
#[derive(Debug)]
pub struct Snapshot {
    path: PathBuf,
    /// Held (locked) while the snapshot is in use: how another server tells a
    /// live snapshot from one left by a killed process, even across
    /// containers that share the volume but not their process ids.
    lock: Option<(PathBuf, std::fs::File)>,
}

impl Snapshot {
    /// Snapshots the store at `store_dir` into `<store>.serve-<pid>-<time>`
    /// beside it, first removing the snapshots nobody holds any more (a server
    /// killed with SIGKILL leaves its snapshot behind).
    ///
    /// Fails when a build holds the store open: the snapshot needs the store's
    /// write lock for the moment it takes.
    pub fn create(store_dir: &Path) -> Result<Self, StoreError> {
        // "." or "a/.." must not put the snapshot inside the store, and a link
        // elsewhere must not put it on another file system: it goes beside the
        // store itself, which for a store of generations is the link beside
        // `<store>.generations` (see [`crate::generations`]).
        let canonical = std::fs::canonicalize(store_dir).map_err(|source| StoreError::Open {
            path: store_dir.to_path_buf(),
            source: source.into(),
        })?;
        let generations_dir = canonical.parent().and_then(Path::parent);
        let store_dir: PathBuf = match generations_dir.and_then(|g| {
            let name = g.file_name()?.to_str()?.strip_suffix(".generations")?;
            Some(g.with_file_name(name))
        }) {
            Some(link) => link,
            None => canonical,
        };
        remove_stale_snapshots(&store_dir);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = snapshot_path(&store_dir, &format!("{}-{stamp}", std::process::id()));
        let checkpoint_error = |source: io::Error| StoreError::Checkpoint {
            path: snapshot_path(&store_dir, &format!("{}-{stamp}", std::process::id())),
            source: source.into(),
        };
        // The lock first: a server that sees the snapshot also sees it held.
        let lock_path = lock_path(&path);
        let lock = std::fs::File::create(&lock_path).map_err(checkpoint_error)?;
        lock.try_lock().map_err(|e| checkpoint_error(e.into()))?;
        let snapshot = Self {
            path,
            lock: Some((lock_path, lock)),
        };
        // A committed generation is never written again, so a copy of its
        // files (hard links) is a consistent snapshot; its reader lock keeps a
        // build from removing it meanwhile.
        let (db, _reader) = crate::generations::resolve_for_reading(&store_dir)
            .map_err(|e| checkpoint_error(io::Error::other(e)))?;
        crate::generations::copy_store(&db, &snapshot.path)
            .map_err(|e| checkpoint_error(io::Error::other(e)))?;
        Ok(snapshot)
    }

    /// Where the snapshot lives; open it with
    /// [`crate::store::Store::open_read_only`].
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        if self.path.exists() {
            if let Err(e) = std::fs::remove_dir_all(&self.path) {
                log::warn!("cannot remove the snapshot {}: {e}", self.path.display());
            }
        }
        if let Some((path, file)) = self.lock.take() {
            let _ = std::fs::remove_file(path);
            drop(file);
        }
    }
}

/// `<store>.serve-<tag>` beside the store (same file system: hard links).
fn snapshot_path(store_dir: &Path, tag: &str) -> PathBuf {
    let mut name = store_dir
        .file_name()
        .map_or_else(|| "store".into(), |n| n.to_os_string());
    name.push(format!(".serve-{tag}"));
    store_dir.with_file_name(name)
}

fn lock_path(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Removes the `<store>.serve-*` snapshots whose lock nobody holds: their
/// server is gone.
fn remove_stale_snapshots(store_dir: &Path) {
    let Some(prefix) = store_dir.file_name().map(|n| {
        let mut p = n.to_os_string();
        p.push(".serve-");
        p
    }) else {
        return;
    };
    let parent = match store_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = prefix.as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let bytes = name.as_encoded_bytes();
        if !bytes.starts_with(prefix) || bytes.ends_with(b".lock") {
            continue;
        }
        let snapshot = entry.path();
        let lock = lock_path(&snapshot);
        // Held by a running server: leave it. No lock file at all: a snapshot
        // of an older meetkg, or one whose server died before locking.
        if let Ok(file) = std::fs::File::open(&lock) {
            if file.try_lock().is_err() {
                continue;
            }
        }
        match std::fs::remove_dir_all(&snapshot) {
            Ok(()) => log::info!("removed the stale snapshot {}", snapshot.display()),
            Err(e) => log::warn!(
                "cannot remove the stale snapshot {}: {e}",
                snapshot.display()
            ),
        }
        let _ = std::fs::remove_file(lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample_store;
    use crate::store::Store;

    #[test]
    fn snapshots_are_private_and_stale_ones_go() -> Result<(), Box<dyn std::error::Error>> {
        let (dir, store) = sample_store()?;
        let quads = store.len()?;
        let store_dir = std::fs::canonicalize(store.path())?;
        drop(store);
        // A server killed with SIGKILL left a snapshot nobody holds; a running
        // one (in another container, say) holds its lock.
        let stale = snapshot_path(&store_dir, "1-1");
        std::fs::create_dir_all(&stale)?;
        std::fs::File::create(lock_path(&stale))?;
        let live = snapshot_path(&store_dir, "2-2");
        std::fs::create_dir_all(&live)?;
        let held = std::fs::File::create(lock_path(&live))?;
        held.try_lock()?;
        // Through a link elsewhere, the snapshot still goes beside the store
        // itself (same file system, hard links).
        #[cfg(unix)]
        let given = {
            let elsewhere = tempfile::tempdir()?;
            let link = elsewhere.path().join("link");
            std::os::unix::fs::symlink(&store_dir, &link)?;
            (elsewhere, link)
        };
        #[cfg(not(unix))]
        let given = ((), store_dir.clone());
        let snapshot = Snapshot::create(&given.1)?;
        assert_eq!(snapshot.path().parent(), store_dir.parent());
        assert!(!stale.exists(), "the stale snapshot was not removed");
        assert!(!lock_path(&stale).exists());
        assert!(live.exists(), "a held snapshot was removed");
        // The store stays writable while the snapshot is read.
        let writer = Store::open(&store_dir)?;
        writer.remove_graphs_except::<&str>(&[])?;
        assert_eq!(writer.len()?, 0);
        let frozen = Store::open_read_only(snapshot.path())?;
        assert_eq!(frozen.len()?, quads);
        drop(frozen);
        let path = snapshot.path().to_path_buf();
        drop(snapshot);
        assert!(!path.exists(), "the snapshot outlived its owner");
        assert!(!lock_path(&path).exists());
        drop(held);
        drop(dir);
        Ok(())
    }
}
