//! Files a reader never sees half-written: each is written under a hidden
//! temporary name beside its target (`.{name}.{pid}.tmp`), synced, and renamed
//! over the target, and the directory is synced so the rename survives a crash.
//!
//! Rationale: the exports, the dumps, a generation's manifest and the build
//! cache are all read by other processes (Gephi, a portal's harvester, the next
//! build) while meetkg may be writing them; every writer goes through this one
//! module, so a killed process leaves the old file or the new one, never a mix,
//! and a temporary file whose writer is gone is removed by the next writer
//! ([`remove_stale_temp_files`]).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The hidden temporary name of this process beside `target`.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// A file written to its temporary name, waiting to be renamed over its
/// target. Several staged files are committed together by the caller, one
/// rename each ([`Staged::commit`]), after all were written.
#[derive(Debug)]
pub struct Staged {
    pub temp: PathBuf,
    pub target: PathBuf,
}

impl Staged {
    /// The temporary name of `target`, nothing written yet.
    pub fn new(target: PathBuf) -> Self {
        Self {
            temp: temp_path(&target),
            target,
        }
    }

    /// Writes `bytes` to the temporary name and syncs them. On error the
    /// temporary file is removed.
    ///
    /// # Errors
    /// The file cannot be created, written or synced.
    pub fn write(target: PathBuf, bytes: &[u8]) -> io::Result<Self> {
        let staged = Self::new(target);
        let written = File::create(&staged.temp).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        match written {
            Ok(()) => Ok(staged),
            Err(e) => {
                staged.discard();
                Err(e)
            }
        }
    }

    /// Renames the temporary file over the target.
    ///
    /// # Errors
    /// The rename fails; the temporary file is left for [`Staged::discard`].
    pub fn commit(&self) -> io::Result<()> {
        fs::rename(&self.temp, &self.target)
    }

    /// Removes the temporary file, if there is one: the target is untouched.
    pub fn discard(&self) {
        // Best effort: the temporary file may not even exist.
        let _ = fs::remove_file(&self.temp);
    }
}

/// The buffer of [`write`]: an export of 10,000 reports is gigabytes, which
/// the default 8 KiB buffer hands to the kernel in some 700,000 calls.
const WRITE_BUFFER: usize = 1 << 20;

/// Writes `target` through `write` (buffered), durably: temporary file
/// synced, renamed over `target`, directory synced. On error the temporary
/// file is removed and `target` is left as it was.
///
/// # Errors
/// Any step's I/O error.
pub fn write(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let staged = Staged::new(target.to_path_buf());
    let result = (|| {
        let mut out = BufWriter::with_capacity(WRITE_BUFFER, File::create(&staged.temp)?);
        write(&mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        staged.commit()
    })();
    if let Err(e) = result {
        staged.discard();
        return Err(e);
    }
    sync_parent(target)
}

/// Writes `bytes` to `target` atomically but not durably: renamed into place
/// unsynced, for what is only an accelerator (the build cache), where a crash
/// may lose the file but a reader never sees half of it, and where a sync per
/// file would cost more than the file saves.
///
/// # Errors
/// The folder cannot be made, or the file written or renamed.
pub fn write_unsynced(target: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let staged = Staged::new(target.to_path_buf());
    let result = fs::write(&staged.temp, bytes).and_then(|()| staged.commit());
    if result.is_err() {
        staged.discard();
    }
    result
}

/// Writes and syncs a file in a folder that is itself renamed into place
/// later (a generation being built): no temporary name is needed.
///
/// # Errors
/// The file cannot be created, written or synced.
pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Syncs a folder, so the renames and creations in it survive a crash.
///
/// # Errors
/// The folder cannot be opened or synced.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir).and_then(|d| d.sync_all())
}

/// Syncs the folder of `path` (the current folder for a bare name).
fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => sync_dir(p),
        _ => sync_dir(Path::new(".")),
    }
}

/// Removes the hidden temporary files (`.{name}.{pid}.tmp`) that a process
/// killed while writing into `dir` left behind: those whose process is gone.
/// Files of a process still running are left alone (it may be writing).
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = inner.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("a.csv");
        write(&target, |w| w.write_all(b"old"))?;
        let failed = write(&target, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&target)?, b"old");
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            1,
            "a temporary file was left"
        );
        Ok(())
    }

    #[test]
    fn staged_files_replace_their_targets_only_when_committed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("void.ttl");
        fs::write(&target, b"old")?;
        let staged = Staged::write(target.clone(), b"new")?;
        assert_eq!(fs::read(&target)?, b"old");
        staged.commit()?;
        assert_eq!(fs::read(&target)?, b"new");
        let discarded = Staged::write(target.clone(), b"newer")?;
        discarded.discard();
        assert_eq!(fs::read(&target)?, b"new");
        assert!(!discarded.temp.exists());
        Ok(())
    }

    #[test]
    fn unsynced_writes_make_their_folder_and_leave_no_temporary() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("cache/extractions/k.json");
        write_unsynced(&target, b"{}")?;
        assert_eq!(fs::read(&target)?, b"{}");
        assert_eq!(
            fs::read_dir(target.parent().unwrap_or(dir.path()))?.count(),
            1
        );
        Ok(())
    }

    #[test]
    fn stale_temporaries_of_dead_processes_go() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        // No process has this id (above Linux's pid_max).
        let dead = dir.path().join(".a.csv.4294967294.tmp");
        let mine = temp_path(&dir.path().join("b.csv"));
        fs::write(&dead, b"x")?;
        fs::write(&mine, b"x")?;
        remove_stale_temp_files(dir.path());
        assert!(!dead.exists());
        assert!(mine.exists());
        Ok(())
    }
}
