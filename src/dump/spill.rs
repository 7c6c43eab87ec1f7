//! Sorting more lines than memory holds: sorted runs spilled to temporary
//! files, merged back in order, duplicates dropped.
//!
//! Rationale: a dump's union of graphs, sorted, is as large as the store (a
//! gigabyte of N-Triples for 10,000 reports). The crates that do this pull in
//! build-time dependencies that change how Oxigraph's RocksDB is compiled (a
//! 15-minute rebuild for every user); the algorithm is a few lines.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

/// Lines added in any order come back sorted (as bytes) and distinct.
/// Memory: up to `budget` bytes of lines, plus one line per spilled run
/// while merging.
pub struct Spill {
    budget: usize,
    held: Vec<String>,
    held_bytes: usize,
    runs: Vec<File>,
}

impl Spill {
    /// A sorter that keeps up to `budget` bytes of lines in memory.
    pub fn new(budget: usize) -> Self {
        Self {
            budget: budget.max(1),
            held: Vec::new(),
            held_bytes: 0,
            runs: Vec::new(),
        }
    }

    /// The bytes of lines this sorter keeps in memory.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Adds one line (without its line break; a line break inside it would
    /// split it in two when read back, so it is the caller's to escape).
    pub fn push(&mut self, line: String) -> io::Result<()> {
        self.held_bytes += line.len() + std::mem::size_of::<String>();
        self.held.push(line);
        if self.held_bytes >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the lines held, sorted and distinct, to an anonymous temporary
    /// file ([`anonymous_file`]).
    fn spill(&mut self) -> io::Result<()> {
        let mut lines = std::mem::take(&mut self.held);
        self.held_bytes = 0;
        lines.sort_unstable();
        lines.dedup();
        let mut out = BufWriter::new(anonymous_file()?);
        for line in &lines {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        io::Seek::rewind(&mut file)?;
        self.runs.push(file);
        Ok(())
    }

    /// Every line added, sorted and distinct.
    pub fn sorted(mut self) -> io::Result<Sorted> {
        self.held.sort_unstable();
        self.held.dedup();
        let mut sources: Vec<Source> = self
            .runs
            .into_iter()
            .map(|f| Source::Run(BufReader::new(f)))
            .collect();
        sources.push(Source::Memory(std::mem::take(&mut self.held).into_iter()));
        let mut heap = BinaryHeap::new();
        for (i, source) in sources.iter_mut().enumerate() {
            if let Some(line) = source.next_line()? {
                heap.push(Reverse((line, i)));
            }
        }
        Ok(Sorted {
            sources,
            heap,
            last: None,
        })
    }
}

/// A new file in the system's temporary directory, already unlinked: it lives
/// while open and goes with the process, however it ends (on Unix; elsewhere
/// the name is removed on a best-effort basis when it can be).
fn anonymous_file() -> io::Result<File> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!(".meetkg-sort-{}-{n}", std::process::id()));
        // `create_new` never opens a file (or a link) someone else made.
        match File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

enum Source {
    Run(BufReader<File>),
    Memory(std::vec::IntoIter<String>),
}

impl Source {
    fn next_line(&mut self) -> io::Result<Option<String>> {
        match self {
            Self::Memory(lines) => Ok(lines.next()),
            Self::Run(reader) => {
                let mut line = String::new();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                if line.ends_with('\n') {
                    line.pop();
                }
                Ok(Some(line))
            }
        }
    }
}

/// The merge of the runs: lines in order, each once.
pub struct Sorted {
    sources: Vec<Source>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
    last: Option<String>,
}

impl Iterator for Sorted {
    type Item = io::Result<String>;

    fn next(&mut self) -> Option<io::Result<String>> {
        loop {
            let Reverse((line, i)) = self.heap.pop()?;
            match self.sources[i].next_line() {
                Ok(Some(next)) => self.heap.push(Reverse((next, i))),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
            if self.last.as_ref() != Some(&line) {
                self.last = Some(line.clone());
                return Some(Ok(line));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lines: &[&str], budget: usize) -> io::Result<Vec<String>> {
        let mut spill = Spill::new(budget);
        for line in lines {
            spill.push((*line).to_owned())?;
        }
        spill.sorted()?.collect()
    }

    #[test]
    fn lines_come_back_sorted_and_distinct_whatever_the_budget() -> io::Result<()> {
        let lines = ["b c", "a", "é", "b", "a", "", "b c", "Z", "a b"];
        let mut expected: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        expected.sort();
        expected.dedup();
        for budget in [1, 40, 100, 1 << 20] {
            assert_eq!(sorted(&lines, budget)?, expected, "budget {budget}");
        }
        Ok(())
    }

    #[test]
    fn nothing_in_nothing_out() -> io::Result<()> {
        assert!(sorted(&[], 1)?.is_empty());
        Ok(())
    }
}
