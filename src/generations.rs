//! A store's generations: every build writes a new, complete store beside the
//! current one and then switches to it in one atomic step.
//!
//! Rationale: a build touches three things, the RocksDB store, the manifest that
//! says which report each graph came from, and the exports; written in place, a
//! process killed between two of them (or a reader arriving in the middle) sees a
//! state no build ever made. So nothing readers can see is ever written in place:
//!
//! ```text
//! .meetkg/store                      symlink → store.generations/<id>/db
//! .meetkg/store.generations/<id>/db              RocksDB, never written once committed
//! .meetkg/store.generations/<id>/manifest.json   the build's manifest, beside its store
//! .meetkg/store.generations/<id>/reader.lock     held (shared) by every reader
//! .meetkg/store.generations/<id>.tmp/            a build under way
//! ```
//!
//! A build fills `<id>.tmp` (by Oxigraph's bulk loader from scratch, or from a
//! hard-linked copy of the current generation for an incremental build), flushes
//! it, writes its manifest, renames it to `<id>` and then renames a new symlink
//! over the store path: `rename(2)` is atomic, so every reader opens either the
//! old generation or the new one, whole. A build killed at any moment leaves the
//! current generation as it was and a `.tmp` directory the next build removes.
//! An old generation is removed only when no reader holds its lock.
//!
//! A store written by an older meetkg (a plain RocksDB directory at the store
//! path) is read as it is; the first build moves it into a generation.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// What went wrong with a store's generations, naming the path.
#[derive(Debug, thiserror::Error)]
pub enum GenerationError {
    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Another `meetkg build` holds the store.
    #[error("another build is writing the store {}; wait for it to finish", path.display())]
    Busy { path: PathBuf },
    /// The path given as a store lies in another store's generations folder
    /// (`readlink -f <store>` gives the current generation's): written, it
    /// would change a committed generation past its store's build lock.
    #[error(
        "{} is inside {}, where the store {} keeps its builds, and is not a store of its own: \
         pass the store's link path {} instead",
        path.display(),
        generations.display(),
        store.display(),
        store.display()
    )]
    InsideGenerations {
        path: PathBuf,
        generations: PathBuf,
        store: PathBuf,
    },
}

fn io_err<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> GenerationError + 'a {
    move |source| GenerationError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// A generation's manifest: for each report file name, the content hash of its
/// last good extraction and the hash of the graph stored for it. It is written
/// with the generation and committed with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub reports: BTreeMap<String, Entry>,
}

/// What a generation holds of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub sha256: String,
    pub graph: String,
    /// How many quads the report's graph holds.
    #[serde(default)]
    pub quads: u64,
    /// The file the report was last read from, when its identity is not the
    /// file's: a mail message known by its Message-ID (`mid:…`). A build
    /// that cannot read that file, or one of its messages, keeps the graph.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
}

/// The generations of the store at one path.
#[derive(Debug, Clone)]
pub struct Generations {
    /// The store path users give (`--store`): a symlink to the current generation.
    store: PathBuf,
    /// `<store>.generations`.
    dir: PathBuf,
}

/// One committed generation (or an older meetkg's store, read in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    /// Its name (`legacy` for a store written by an older meetkg).
    pub id: String,
    /// The RocksDB directory.
    pub db: PathBuf,
    /// Where its manifest is.
    pub manifest: PathBuf,
}

impl Generation {
    /// The manifest of the build that wrote this generation; empty when it has none.
    pub fn read_manifest(&self) -> Manifest {
        fs::read(&self.manifest)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }
}

/// Held while a build runs: one build at a time per store.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

/// A shared lock on one generation, held by a reader so that no build removes
/// the generation under it.
#[derive(Debug)]
pub struct ReaderLock {
    _file: File,
}

/// A generation being written; dropped without [`NewGeneration::commit`], it is
/// removed.
#[derive(Debug)]
pub struct NewGeneration {
    id: String,
    tmp: PathBuf,
    committed: bool,
}

impl Generations {
    pub fn new(store: &Path) -> Self {
        let mut name = store.as_os_str().to_owned();
        name.push(".generations");
        Self {
            store: store.to_path_buf(),
            dir: PathBuf::from(name),
        }
    }

    /// The store path this belongs to.
    pub fn store(&self) -> &Path {
        &self.store
    }

    /// Takes the build lock, or fails at once when another build holds it.
    ///
    /// # Errors
    /// [`GenerationError::Busy`] when another build holds it;
    /// [`GenerationError::InsideGenerations`] when the store path lies in a
    /// store's generations folder (a generation's own path): every writer
    /// takes this lock first, so none writes there.
    pub fn lock_for_build(&self) -> Result<BuildLock, GenerationError> {
        if let Some((generations, store)) = enclosing_generations(&self.store) {
            return Err(GenerationError::InsideGenerations {
                path: self.store.clone(),
                generations,
                store,
            });
        }
        fs::create_dir_all(&self.dir).map_err(io_err("create", &self.dir))?;
        let path = self.dir.join("build.lock");
        let file = File::create(&path).map_err(io_err("create", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(BuildLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(GenerationError::Busy {
                path: self.store.clone(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(io_err("lock", &path)(e)),
        }
    }

    /// The current generation, if the store exists.
    pub fn current(&self) -> Result<Option<Generation>, GenerationError> {
        let meta = match fs::symlink_metadata(&self.store) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err("read", &self.store)(e)),
        };
        if meta.file_type().is_symlink() {
            let db = match fs::canonicalize(&self.store) {
                Ok(db) => db,
                // A link to nothing (its generation deleted by hand): no store;
                // the next build writes one from scratch.
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(io_err("resolve", &self.store)(e)),
            };
            let dir = db.parent().map(Path::to_path_buf).unwrap_or_default();
            let id = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            return Ok(Some(Generation {
                id,
                manifest: dir.join("manifest.json"),
                db,
            }));
        }
        // An older meetkg's store: a RocksDB directory in place, its manifest
        // in the build cache beside it.
        let mut manifest = self.store.as_os_str().to_owned();
        manifest.push(".cache/manifest.json");
        Ok(Some(Generation {
            id: "legacy".into(),
            db: self.store.clone(),
            manifest: PathBuf::from(manifest),
        }))
    }

    /// Starts a new generation in `<store>.generations/<id>.tmp`.
    pub fn begin(&self) -> Result<NewGeneration, GenerationError> {
        fs::create_dir_all(&self.dir).map_err(io_err("create", &self.dir))?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let id = format!("{stamp:024}");
        let tmp = self.dir.join(format!("{id}.tmp"));
        fs::create_dir(&tmp).map_err(io_err("create", &tmp))?;
        Ok(NewGeneration {
            id,
            tmp,
            committed: false,
        })
    }

    /// Removes what no reader needs any more: generations other than the
    /// current one whose reader lock is free, and the `.tmp` directories of
    /// killed builds. Call with the build lock held.
    pub fn remove_unused(&self) {
        let current = self.current().ok().flatten().map(|g| g.id);
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if Some(&name) == current.as_ref() {
                continue;
            }
            // A reader holds it: leave it for a later build. The lock is held
            // while the generation is removed, so a reader arriving meanwhile
            // waits, then finds it gone and follows the store link again.
            let lock = File::open(path.join("reader.lock")).ok();
            if lock.as_ref().is_some_and(|l| l.try_lock().is_err()) {
                continue;
            }
            if let Err(e) = fs::remove_dir_all(&path) {
                log::warn!("cannot remove the old generation {}: {e}", path.display());
            }
            drop(lock);
        }
    }
}

impl NewGeneration {
    /// Where the new RocksDB store goes.
    pub fn db(&self) -> PathBuf {
        self.tmp.join("db")
    }

    /// Fills the new generation's store with a copy of `db`, which must be
    /// closed, as a committed generation always is.
    pub fn copy_store_from(&self, db: &Path) -> Result<(), GenerationError> {
        copy_store(db, &self.db())
    }

    /// Writes the manifest, renames the generation into place and switches
    /// the store path to it: the commit point of a build.
    pub fn commit(
        mut self,
        generations: &Generations,
        manifest: &Manifest,
    ) -> Result<Generation, GenerationError> {
        let manifest_path = self.tmp.join("manifest.json");
        let bytes = serde_json::to_vec_pretty(manifest).unwrap_or_default();
        write_synced(&manifest_path, &bytes)?;
        let lock = self.tmp.join("reader.lock");
        File::create(&lock).map_err(io_err("create", &lock))?;
        sync_dir(&self.tmp)?;
        let dir = generations.dir.join(&self.id);
        fs::rename(&self.tmp, &dir).map_err(io_err("rename", &self.tmp))?;
        self.committed = true;
        sync_dir(&generations.dir)?;

        let store = &generations.store;
        if fs::symlink_metadata(store).is_ok_and(|m| !m.file_type().is_symlink()) {
            // An older meetkg's store: moved into a generation of its own (kept
            // until no reader needs it), then the link takes its place.
            let legacy = generations.dir.join(format!("{}-legacy", self.id));
            fs::create_dir(&legacy).map_err(io_err("create", &legacy))?;
            fs::rename(store, legacy.join("db")).map_err(io_err("move", store))?;
        }
        let store_name = store
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "store".into());
        let mut gens_name = store_name.clone();
        gens_name.push(".generations");
        let target = Path::new(&gens_name).join(&self.id).join("db");
        let mut link_name = store_name;
        link_name.push(format!(".link-{}", self.id));
        let link = store.with_file_name(link_name);
        std::os::unix::fs::symlink(&target, &link).map_err(io_err("create", &link))?;
        fs::rename(&link, store).map_err(io_err("switch", store))?;
        if let Some(parent) = store.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
        Ok(Generation {
            id: self.id.clone(),
            db: dir.join("db"),
            manifest: dir.join("manifest.json"),
        })
    }
}

impl Drop for NewGeneration {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Takes a shared lock on the generation of the store at `db` (a path
/// resolved from the store's symlink), so that no build removes it while it is
/// read. `None` for a store that is no generation (an older meetkg's).
pub fn lock_for_reading(db: &Path) -> Result<Option<ReaderLock>, GenerationError> {
    let Some(path) = db.parent().map(|g| g.join("reader.lock")) else {
        return Ok(None);
    };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("open", &path)(e)),
    };
    file.lock_shared().map_err(io_err("lock", &path))?;
    Ok(Some(ReaderLock { _file: file }))
}

/// Copies the closed RocksDB store `from` into the new directory `to`:
/// immutable files (the `.sst` tables, nearly all of a store) hard-linked when
/// on the same file system, the rest copied. Quick, and the copy takes disk
/// space only as it moves away from the original.
pub fn copy_store(from: &Path, to: &Path) -> Result<(), GenerationError> {
    fs::create_dir(to).map_err(io_err("create", to))?;
    for entry in fs::read_dir(from).map_err(io_err("read", from))? {
        let entry = entry.map_err(io_err("read", from))?;
        let source = entry.path();
        let name = entry.file_name();
        if name == "LOCK" || !source.is_file() {
            continue;
        }
        let target = to.join(&name);
        let linked = source.extension().is_some_and(|e| e == "sst")
            && fs::hard_link(&source, &target).is_ok();
        if !linked {
            fs::copy(&source, &target).map_err(io_err("copy", &source))?;
        }
    }
    Ok(())
}

/// Opens the store at `store` for reading: follows the store link to the
/// current generation and holds its reader lock, following the link again if
/// a build removed that generation in between. Returns the RocksDB directory.
pub fn resolve_for_reading(store: &Path) -> Result<(PathBuf, Option<ReaderLock>), GenerationError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let retry = attempts < 50;
        let db = match fs::canonicalize(store) {
            Ok(db) => db,
            // The link may name a generation a build has just removed.
            Err(e) if retry && e.kind() == io::ErrorKind::NotFound && is_link(store) => continue,
            Err(e) => return Err(io_err("open", store)(e)),
        };
        let in_generation = db
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .is_some_and(|n| n.to_string_lossy().ends_with(".generations"));
        if !in_generation {
            // An older meetkg's store, or a snapshot: no generation to hold.
            return Ok((db, None));
        }
        match lock_for_reading(&db) {
            Ok(Some(lock)) if db.join("CURRENT").exists() => return Ok((db, Some(lock))),
            _ if retry => continue,
            Ok(_) => {
                return Err(io_err("open", store)(io::Error::new(
                    io::ErrorKind::NotFound,
                    "its generation keeps being replaced",
                )))
            }
            Err(e) => return Err(e),
        }
    }
}

/// The generations folder that `path` lies in (or is), with the link path of
/// its store, if it does: a folder named `<name>.generations` holding a
/// `build.lock` (every build creates one) is one, whatever links led to it.
fn enclosing_generations(path: &Path) -> Option<(PathBuf, PathBuf)> {
    resolve_folders(path).ancestors().find_map(|dir| {
        let name = dir.file_name()?.to_string_lossy();
        let store = name.strip_suffix(".generations")?;
        let is_generations = !store.is_empty() && dir.join("build.lock").is_file();
        is_generations.then(|| (dir.to_path_buf(), dir.with_file_name(store)))
    })
}

/// `path` made absolute with the folders it is in resolved (links, `..`),
/// its last component left as given: a store's link path stays the link.
/// Folders that do not exist yet are appended as given.
fn resolve_folders(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(name), Some(parent)) = (absolute.file_name(), absolute.parent()) else {
        return fs::canonicalize(&absolute).unwrap_or(absolute);
    };
    for dir in parent.ancestors() {
        if let Ok(real) = fs::canonicalize(dir) {
            let rest = parent.strip_prefix(dir).unwrap_or(Path::new(""));
            return real.join(rest).join(name);
        }
    }
    absolute
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), GenerationError> {
    crate::atomic::write_synced(path, bytes).map_err(io_err("write", path))
}

fn sync_dir(dir: &Path) -> Result<(), GenerationError> {
    crate::atomic::sync_dir(dir).map_err(io_err("sync", dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A store of one committed generation at `<dir>/store`; returns the
    /// generation's RocksDB path (what `readlink -f store` gives).
    fn store_with_a_generation(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
        let generations = Generations::new(&dir.join("store"));
        drop(generations.lock_for_build()?);
        let db = dir.join("store.generations/1/db");
        fs::create_dir_all(&db)?;
        std::os::unix::fs::symlink("store.generations/1/db", dir.join("store"))?;
        Ok(db)
    }

    /// `--store "$(readlink -f store)"` was written into past the build lock
    /// of `store` (issue 25): a generation's own path, the generations folder
    /// and a new path in it are refused, naming the link to pass instead.
    #[test]
    fn a_path_in_a_stores_generations_is_refused_for_building() -> TestResult {
        let dir = tempfile::tempdir()?;
        let db = store_with_a_generation(dir.path())?;
        let link = fs::canonicalize(dir.path())?.join("store");
        for path in [
            db.clone(),
            dir.path().join("store.generations"),
            dir.path().join("store.generations/new/db"),
            dir.path().join("store.generations/1/../1/db"),
        ] {
            match Generations::new(&path).lock_for_build() {
                Err(GenerationError::InsideGenerations { store, .. }) => assert_eq!(store, link),
                other => panic!("{} was not refused: {other:?}", path.display()),
            }
        }
        assert!(!db.with_file_name("db.generations").exists());
        Ok(())
    }

    #[test]
    fn the_store_link_and_a_folder_merely_named_generations_are_stores() -> TestResult {
        let dir = tempfile::tempdir()?;
        store_with_a_generation(dir.path())?;
        Generations::new(&dir.path().join("store")).lock_for_build()?;
        // No build.lock: a user's folder, not a store's generations.
        fs::create_dir(dir.path().join("mine.generations"))?;
        Generations::new(&dir.path().join("mine.generations/store")).lock_for_build()?;
        Ok(())
    }
}
