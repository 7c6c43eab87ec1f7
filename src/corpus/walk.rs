//! The walk of the folders a user gives: which files are reports.
//!
//! Rationale: shared drives and checked-out archives hold symbolic links to
//! folders, some of them back up the tree (`self -> .`, `up -> ..`) or out to
//! the whole disk (`root -> /`). Following every link walks a loop without
//! end. So the walk reads each real directory once, by device and inode, and
//! in two rounds: first the real folders (no directory link followed), then the
//! directory links it met, in path order. A link is followed only when it
//! leads to a folder not read yet and inside one of the folders given; every
//! other is named once as a [`Skipped`] link, and the rest builds. Links to
//! files are read as files, as before.

use super::{missing, Rejected, ReportError, ReportFile, REPORT_EXTENSIONS};
use std::collections::{HashSet, VecDeque};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A directory link the walk did not follow, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The link, as found under the folder given.
    pub link: PathBuf,
    /// Where it leads (its canonical path).
    pub target: PathBuf,
    pub reason: SkipReason,
}

/// Why a directory link is not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// It leads to the folder it sits in, or to one above it: a loop.
    LinksBack,
    /// It leads to a folder the walk has read by another path.
    ReadAlready,
    /// It leads out of every folder given (to `/`, a home directory, another
    /// archive): following it could walk the whole disk.
    LeadsOut,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (link, target) = (self.link.display(), self.target.display());
        match self.reason {
            SkipReason::LinksBack => write!(f, "{link} links back to {target}; skipped"),
            SkipReason::ReadAlready => {
                write!(
                    f,
                    "{link} leads to {target}, which is read already; skipped"
                )
            }
            SkipReason::LeadsOut => write!(
                f,
                "{link} leads out of the folders given, to {target}; skipped \
                 (give {target} as a path of its own to read it)"
            ),
        }
    }
}

/// The report files the paths given stand for.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<ReportFile>,
    pub rejected: Vec<Rejected>,
    pub skipped: Vec<Skipped>,
}

/// A directory's identity on the machine, whatever the path it is reached by.
type DirId = (u64, u64);

fn dir_id(meta: &std::fs::Metadata) -> DirId {
    (meta.dev(), meta.ino())
}

/// A folder walk over the paths of one command.
#[derive(Default)]
struct Walker {
    /// Directories read (or being read), by identity.
    visited: HashSet<DirId>,
    /// The canonical paths of the folders given: links are followed inside them.
    roots: Vec<PathBuf>,
    /// Directory links met in the first round: the link and its folder given.
    links: VecDeque<(PathBuf, PathBuf)>,
    /// Each folder given that was read, and how many files and rejections
    /// were found under it: a folder with none holds no report.
    found: Vec<(PathBuf, usize)>,
    walked: Walked,
}

/// Walks `paths`: files as given, directories recursively for
/// [`REPORT_EXTENSIONS`], hidden entries and project files skipped.
pub(super) fn walk(paths: &[PathBuf]) -> Walked {
    let mut walker = Walker::default();
    let dirs: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    walker.roots = dirs
        .iter()
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect();
    for p in paths {
        if p.is_dir() {
            walker.walk_given(p);
        } else if p.is_file() {
            let source = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string());
            walker.walked.files.push(ReportFile {
                path: p.clone(),
                source,
            });
        } else {
            walker.walked.rejected.push(Rejected::path(p, missing(p)));
        }
    }
    walker.follow_links();
    walker.name_empty_folders();
    walker.walked.skipped.sort_by(|a, b| a.link.cmp(&b.link));
    walker.walked
}

impl Walker {
    /// A folder the user gave: read unless it was read already (it sits under
    /// another folder given), and named when it holds no report.
    fn walk_given(&mut self, dir: &Path) {
        let Ok(meta) = std::fs::metadata(dir) else {
            return;
        };
        if self.visited.contains(&dir_id(&meta)) {
            return;
        }
        self.found.push((dir.to_owned(), 0));
        self.read_dir(dir, dir);
    }

    /// Each folder given under which nothing was found, named as holding no report.
    fn name_empty_folders(&mut self) {
        for (dir, found) in &self.found {
            if *found == 0 {
                self.walked.rejected.push(Rejected::path(
                    dir,
                    ReportError::NoReports { path: dir.clone() },
                ));
            }
        }
    }

    /// One more file or rejection under the folder given `root`.
    fn count(&mut self, root: &Path) {
        if let Some((_, n)) = self.found.iter_mut().find(|(d, _)| d == root) {
            *n += 1;
        }
    }

    /// The first round: `dir` and the real folders under it; directory links
    /// are noted for the second round.
    fn read_dir(&mut self, root: &Path, dir: &Path) {
        match std::fs::metadata(dir) {
            Ok(meta) if !self.visited.insert(dir_id(&meta)) => return,
            _ => {}
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(source) => {
                self.count(root);
                self.walked.rejected.push(Rejected::path(
                    dir,
                    ReportError::Walk {
                        path: dir.to_owned(),
                        source,
                    },
                ));
                return;
            }
        };
        // Links are met in path order, so which path a folder is read by never
        // depends on the order the file system lists entries in.
        entries.sort();
        for path in entries {
            if is_hidden(&path) {
                continue;
            }
            let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
            if path.is_dir() {
                if is_link {
                    self.links.push_back((path, root.to_owned()));
                } else {
                    self.read_dir(root, &path);
                }
            } else if is_report_file(&path) {
                let source = source_under(root, &path);
                self.count(root);
                self.walked.files.push(ReportFile { path, source });
            }
        }
    }

    /// The second round: each directory link in the order met, followed when
    /// it leads to a folder not read yet inside a folder given.
    fn follow_links(&mut self) {
        while let Some((link, root)) = self.links.pop_front() {
            let (Ok(meta), Ok(target)) = (std::fs::metadata(&link), std::fs::canonicalize(&link))
            else {
                continue;
            };
            let reason = if self.visited.contains(&dir_id(&meta)) {
                let beside = link.parent().and_then(|p| std::fs::canonicalize(p).ok());
                if beside.is_some_and(|b| b.starts_with(&target)) {
                    Some(SkipReason::LinksBack)
                } else {
                    Some(SkipReason::ReadAlready)
                }
            } else if !self.roots.iter().any(|r| target.starts_with(r)) {
                Some(SkipReason::LeadsOut)
            } else {
                None
            };
            match reason {
                Some(reason) => self.walked.skipped.push(Skipped {
                    link,
                    target,
                    reason,
                }),
                None => self.read_dir(&root, &link),
            }
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// A file with a report's extension that is not a project file.
fn is_report_file(path: &Path) -> bool {
    !is_project_file(path)
        && path
            .extension()
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// READMEs and licences sit beside reports in many folders; they are not
/// reports. (Notes are: "notes.txt" is how many groups file their minutes.)
fn is_project_file(path: &Path) -> bool {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .is_some_and(|s| {
            ["readme", "license", "licence", "changelog", "copying"].contains(&s.as_str())
        })
}

/// A file's identity under the folder given: its path below it, `/` between
/// folders.
fn source_under(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    type Result = std::result::Result<(), Box<dyn std::error::Error>>;

    fn sources(walked: &Walked) -> Vec<&str> {
        let mut s: Vec<&str> = walked.files.iter().map(|f| f.source.as_str()).collect();
        s.sort_unstable();
        s
    }

    fn reasons(walked: &Walked) -> Vec<(String, SkipReason)> {
        walked
            .skipped
            .iter()
            .map(|s| {
                (
                    s.link
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    s.reason,
                )
            })
            .collect()
    }

    #[test]
    fn a_link_to_its_own_folder_or_a_parent_is_skipped_as_a_loop() -> Result {
        let dir = tempfile::tempdir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(reports.join("2024"))?;
        std::fs::write(reports.join("a.txt"), "x")?;
        std::fs::write(reports.join("2024/b.txt"), "x")?;
        symlink(".", reports.join("self"))?;
        symlink("../../reports", reports.join("2024/up"))?;
        let walked = walk(&[reports]);
        assert_eq!(sources(&walked), ["2024/b.txt", "a.txt"]);
        assert_eq!(
            reasons(&walked),
            [
                ("up".to_owned(), SkipReason::LinksBack),
                ("self".to_owned(), SkipReason::LinksBack)
            ]
        );
        assert!(walked.rejected.is_empty());
        Ok(())
    }

    #[test]
    fn a_link_out_of_the_folder_is_not_followed() -> Result {
        let dir = tempfile::tempdir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports)?;
        std::fs::create_dir_all(dir.path().join("elsewhere"))?;
        std::fs::write(reports.join("a.txt"), "x")?;
        std::fs::write(dir.path().join("elsewhere/c.txt"), "x")?;
        symlink("/", reports.join("root"))?;
        symlink("../elsewhere", reports.join("other"))?;
        let walked = walk(&[reports]);
        assert_eq!(sources(&walked), ["a.txt"]);
        assert_eq!(
            reasons(&walked),
            [
                ("other".to_owned(), SkipReason::LeadsOut),
                ("root".to_owned(), SkipReason::LeadsOut)
            ]
        );
        Ok(())
    }

    #[test]
    fn a_link_inside_the_folder_to_an_unread_folder_is_followed() -> Result {
        let dir = tempfile::tempdir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(reports.join(".archive/2023"))?;
        std::fs::write(reports.join(".archive/2023/old.txt"), "x")?;
        symlink(".archive/2023", reports.join("2023"))?;
        let walked = walk(&[reports]);
        assert_eq!(sources(&walked), ["2023/old.txt"]);
        assert!(walked.skipped.is_empty());
        Ok(())
    }

    #[test]
    fn two_folders_given_that_link_to_each_other_are_each_read_once() -> Result {
        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a)?;
        std::fs::create_dir_all(&b)?;
        std::fs::write(a.join("one.txt"), "x")?;
        std::fs::write(b.join("two.txt"), "x")?;
        symlink("../b", a.join("to-b"))?;
        symlink("../a", b.join("to-a"))?;
        let walked = walk(&[a, b]);
        assert_eq!(sources(&walked), ["one.txt", "two.txt"]);
        assert_eq!(
            reasons(&walked),
            [
                ("to-b".to_owned(), SkipReason::ReadAlready),
                ("to-a".to_owned(), SkipReason::ReadAlready)
            ]
        );
        assert!(walked.rejected.is_empty());
        Ok(())
    }

    #[test]
    fn a_folder_given_inside_another_given_is_read_once_and_not_called_empty() -> Result {
        let dir = tempfile::tempdir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(reports.join("2024"))?;
        std::fs::write(reports.join("2024/b.txt"), "x")?;
        let walked = walk(&[reports.clone(), reports.join("2024")]);
        assert_eq!(sources(&walked), ["2024/b.txt"]);
        assert!(walked.rejected.is_empty(), "{:?}", walked.rejected);
        Ok(())
    }

    #[test]
    fn a_folder_whose_only_folder_is_a_link_out_holds_no_report() -> Result {
        let dir = tempfile::tempdir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports)?;
        symlink("/", reports.join("root"))?;
        let walked = walk(&[reports]);
        assert!(walked.files.is_empty());
        assert!(matches!(
            walked.rejected.as_slice(),
            [Rejected {
                error: ReportError::NoReports { .. },
                ..
            }]
        ));
        Ok(())
    }
}
