//! Oxigraph's RocksDB tables read in order, for passes over the whole store.
//!
//! Rationale: Oxigraph decodes every term it returns with a point lookup of
//! its own in its string table (a seek in RocksDB's index, a block found in
//! the cache or read): at 1,000 reports that was 54% of a dump's CPU, and
//! more once the table outgrows the cache. A dump reads every term of every
//! graph anyway, so this reads the string table once, in key order, then each
//! graph's keys in order, and decodes the terms itself as Oxigraph 0.5 writes
//! them (`storage/binary_encoder.rs`, storage version 2). It opens the files
//! read-only, through a handle of its own, beside the store's.
//!
//! What it will not do: write, or guess. A store of another storage version,
//! a term of a kind it does not know (an RDF 1.2 triple term), a string the
//! table lacks: [`RawStore::open`] or [`RawStore::graph_triples`] says no, and
//! the caller reads through Oxigraph as before. The terms it returns are those
//! Oxigraph returns (a test compares them on a store with every kind of term).
//!
//! Cost: the string table in memory (every distinct IRI and long literal of
//! the store once, about 70 bytes each plus its length).

use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxrocksdb_sys::*;
use oxsdatatypes::{
    Date, DateTime, DayTimeDuration, Decimal, Double, Duration, Float, GDay, GMonth, GMonthDay,
    GYear, GYearMonth, Integer, Time, YearMonthDuration,
};
use std::collections::HashMap;
use std::ffi::{c_char, CStr, CString};
use std::path::Path;
use std::ptr;

/// The storage version whose encoding this module reads.
const STORAGE_VERSION: u64 = 2;

/// The column families read, in this order: the version, the strings, the
/// quads by graph, the graph names, and the default graph's triples by
/// subject, by object and by predicate.
const FAMILIES: [&str; 7] = [
    "default", "id2str", "gspo", "graphs", "dspo", "dosp", "dpos",
];
const DEFAULT: usize = 0;
const ID2STR: usize = 1;
const GSPO: usize = 2;
const GRAPHS: usize = 3;
const DSPO: usize = 4;
const DOSP: usize = 5;
const DPOS: usize = 6;

/// Why the files cannot be read directly (the caller then reads through
/// Oxigraph).
#[derive(Debug, thiserror::Error)]
pub enum RawError {
    /// RocksDB refused to open the files or to read them.
    #[error("RocksDB: {0}")]
    RocksDb(String),
    /// The store is of a storage version this module does not read.
    #[error("storage version {0:?}, not {STORAGE_VERSION}")]
    Version(Option<u64>),
    /// A key or string the encoding does not allow.
    #[error("unexpected data in {0}")]
    Unexpected(&'static str),
}

/// Strings by their 128-bit hash, as the `id2str` table keys them.
type Strings = HashMap<u128, Box<str>, foldhash::fast::RandomState>;

/// A store's tables, read-only, with its string table in memory.
pub struct RawStore {
    db: Db,
    strings: Strings,
    /// Each named graph's key prefix in `gspo` (its encoded name).
    graphs: HashMap<NamedOrBlankNode, Vec<u8>>,
}

impl RawStore {
    /// Opens the RocksDB directory `path` read-only and reads its string
    /// table and graph names.
    ///
    /// # Errors
    /// RocksDB cannot open or read it, or its storage version or contents are
    /// not those this module reads.
    pub fn open(path: &Path) -> Result<Self, RawError> {
        let db = Db::open_read_only(path)?;
        let mut version = None;
        db.scan(DEFAULT, b"oxversion", |key, value| {
            if key == b"oxversion" {
                version = value.try_into().ok().map(u64::from_be_bytes);
            }
            Ok(false)
        })?;
        if version != Some(STORAGE_VERSION) {
            return Err(RawError::Version(version));
        }
        let mut strings = Strings::default();
        db.scan(ID2STR, b"", |key, value| {
            let key: [u8; 16] = key.try_into().map_err(|_| RawError::Unexpected("id2str"))?;
            let value = std::str::from_utf8(value).map_err(|_| RawError::Unexpected("id2str"))?;
            strings.insert(u128::from_be_bytes(key), value.into());
            Ok(true)
        })?;
        let mut graphs = HashMap::new();
        db.scan(GRAPHS, b"", |key, _| {
            let mut rest = key;
            let name = match term(&mut rest, &strings) {
                Some(Term::NamedNode(n)) => NamedOrBlankNode::from(n),
                Some(Term::BlankNode(b)) => b.into(),
                _ => return Err(RawError::Unexpected("graphs")),
            };
            graphs.insert(name, key.to_vec());
            Ok(true)
        })?;
        Ok(Self {
            db,
            strings,
            graphs,
        })
    }

    /// The triples of one named graph, in the store's order; `None` when the
    /// graph is unknown here or a term cannot be decoded (read it through
    /// Oxigraph).
    ///
    /// # Errors
    /// RocksDB failed while reading.
    pub fn graph_triples(&self, graph: &NamedOrBlankNode) -> Result<Option<Vec<Triple>>, RawError> {
        let Some(prefix) = self.graphs.get(graph) else {
            return Ok(None);
        };
        let mut triples = Vec::new();
        let mut decoded = true;
        self.db.scan(GSPO, prefix, |key, _| {
            let mut rest = &key[prefix.len()..];
            match triple(&mut rest, &self.strings) {
                Some(t) if rest.is_empty() => {
                    triples.push(t);
                    Ok(true)
                }
                _ => {
                    decoded = false;
                    Ok(false)
                }
            }
        })?;
        Ok(decoded.then_some(triples))
    }
}

/// The store's default graph counted on its encoded terms.
#[derive(Debug, PartialEq, Eq)]
pub struct UnionCounts {
    /// Distinct triples.
    pub triples: usize,
    /// Distinct subjects.
    pub subjects: usize,
    /// Distinct objects.
    pub objects: usize,
    /// Each class (an object of `rdf:type` that is no literal) with its
    /// number of `rdf:type` triples, in no particular order.
    pub classes: Vec<(Term, usize)>,
}

impl RawStore {
    /// What `void.ttl` counts of the union, read from the default graph's
    /// keys without decoding them (but the classes); `None` when a key holds
    /// a term of a kind this module does not read.
    ///
    /// Cost: one pass over the default graph's keys in two orders.
    ///
    /// # Errors
    /// RocksDB failed while reading.
    pub fn union_counts(&self) -> Result<Option<UnionCounts>, RawError> {
        let Some((triples, subjects)) = self.runs(DSPO, &[])? else {
            return Ok(None);
        };
        let Some((_, objects)) = self.runs(DOSP, &[])? else {
            return Ok(None);
        };
        let Some(classes) = self.classes()? else {
            return Ok(None);
        };
        Ok(Some(UnionCounts {
            triples,
            subjects,
            objects,
            classes,
        }))
    }

    /// The distinct objects of the default graph, counted on their
    /// encodings; `None` for a term this module cannot measure.
    ///
    /// # Errors
    /// RocksDB failed while reading.
    pub fn distinct_objects(&self) -> Result<Option<usize>, RawError> {
        Ok(self.runs(DOSP, &[])?.map(|(_, objects)| objects))
    }

    /// Keys of `family` under `prefix`, and runs of keys that share their
    /// first term after it; `None` for a term this module cannot measure.
    fn runs(&self, family: usize, prefix: &[u8]) -> Result<Option<(usize, usize)>, RawError> {
        let (mut keys, mut runs) = (0, 0);
        let measured = self.each_run(family, prefix, |_, n| {
            keys += n;
            runs += 1;
        })?;
        Ok(measured.then_some((keys, runs)))
    }

    /// Calls `each` with the first term after `prefix` of each run of keys
    /// of `family` that share it, and the run's length; `false` when a term
    /// cannot be measured (the runs seen so far were given).
    fn each_run(
        &self,
        family: usize,
        prefix: &[u8],
        mut each: impl FnMut(&[u8], usize),
    ) -> Result<bool, RawError> {
        let mut run: (Vec<u8>, usize) = (Vec::new(), 0);
        let mut measured = true;
        self.db.scan(family, prefix, |key, _| {
            let rest = &key[prefix.len()..];
            let Some(first) = term_len(rest).and_then(|n| rest.get(..n)) else {
                measured = false;
                return Ok(false);
            };
            if run.1 > 0 && run.0.as_slice() == first {
                run.1 += 1;
            } else {
                if run.1 > 0 {
                    each(&run.0, run.1);
                }
                run = (first.to_vec(), 1);
            }
            Ok(true)
        })?;
        if run.1 > 0 {
            each(&run.0, run.1);
        }
        Ok(measured)
    }

    /// The objects of `rdf:type` that are no literal, each with its count.
    fn classes(&self) -> Result<Option<Vec<(Term, usize)>>, RawError> {
        let rdf_type = oxigraph::model::vocab::rdf::TYPE.as_str();
        let Some(hash) = self.strings.iter().find(|(_, s)| &***s == rdf_type) else {
            return Ok(Some(Vec::new()));
        };
        let mut prefix = vec![NAMED_NODE];
        prefix.extend_from_slice(&hash.0.to_be_bytes());
        let mut classes = Vec::new();
        let mut decoded = true;
        let measured = self.each_run(DPOS, &prefix, |mut object, n| {
            match term(&mut object, &self.strings) {
                Some(Term::Literal(_)) => {}
                Some(class) => classes.push((class, n)),
                None => decoded = false,
            }
        })?;
        Ok((measured && decoded).then_some(classes))
    }
}

/// The length of the term encoded at the start of `buf`, its type byte
/// included; `None` for a kind this module does not read.
fn term_len(buf: &[u8]) -> Option<usize> {
    let body = match *buf.first()? {
        NAMED_NODE | NUMERICAL_BLANK_NODE | SMALL_BLANK_NODE | BIG_BLANK_NODE | SMALL_STRING
        | BIG_STRING | DECIMAL | DAY_TIME_DURATION => 16,
        SMALL_SMALL_LANG_STRING..=BIG_BIG_LANG_STRING | SMALL_TYPED | BIG_TYPED => 32,
        BOOLEAN_TRUE | BOOLEAN_FALSE => 0,
        FLOAT => 4,
        DOUBLE | INTEGER | YEAR_MONTH_DURATION => 8,
        DATE_TIME..=G_MONTH => 18,
        DURATION => 24,
        _ => return None,
    };
    Some(1 + body)
}

/// Subject, predicate and object at the start of `buf`.
fn triple(buf: &mut &[u8], strings: &Strings) -> Option<Triple> {
    let subject = match term(buf, strings)? {
        Term::NamedNode(n) => NamedOrBlankNode::from(n),
        Term::BlankNode(b) => b.into(),
        Term::Literal(_) => return None,
    };
    let Term::NamedNode(predicate) = term(buf, strings)? else {
        return None;
    };
    Some(Triple::new(subject, predicate, term(buf, strings)?))
}

// Term types of `oxigraph::storage::binary_encoder` (storage version 2).
const NAMED_NODE: u8 = 1;
const NUMERICAL_BLANK_NODE: u8 = 8;
const SMALL_BLANK_NODE: u8 = 9;
const BIG_BLANK_NODE: u8 = 10;
const SMALL_STRING: u8 = 16;
const BIG_STRING: u8 = 17;
const SMALL_SMALL_LANG_STRING: u8 = 20;
const BIG_BIG_LANG_STRING: u8 = 23;
const SMALL_TYPED: u8 = 24;
const BIG_TYPED: u8 = 25;
const BOOLEAN_TRUE: u8 = 28;
const BOOLEAN_FALSE: u8 = 29;
const FLOAT: u8 = 30;
const DOUBLE: u8 = 31;
const INTEGER: u8 = 32;
const DECIMAL: u8 = 33;
const DATE_TIME: u8 = 34;
const TIME: u8 = 35;
const DATE: u8 = 36;
const G_YEAR_MONTH: u8 = 37;
const G_YEAR: u8 = 38;
const G_MONTH_DAY: u8 = 39;
const G_DAY: u8 = 40;
const G_MONTH: u8 = 41;
const DURATION: u8 = 42;
const YEAR_MONTH_DURATION: u8 = 43;
const DAY_TIME_DURATION: u8 = 44;

/// The term encoded at the start of `buf`, which is advanced past it; `None`
/// for a kind this module does not read or a string the table lacks.
fn term(buf: &mut &[u8], strings: &Strings) -> Option<Term> {
    let [kind] = take(buf)?;
    Some(match kind {
        NAMED_NODE => NamedNode::new_unchecked(big(buf, strings)?).into(),
        NUMERICAL_BLANK_NODE => {
            BlankNode::new_from_unique_id(u128::from_be_bytes(take(buf)?)).into()
        }
        SMALL_BLANK_NODE => BlankNode::new_unchecked(small(buf)?).into(),
        BIG_BLANK_NODE => BlankNode::new_unchecked(big(buf, strings)?).into(),
        SMALL_STRING => Literal::new_simple_literal(small(buf)?).into(),
        BIG_STRING => Literal::new_simple_literal(big(buf, strings)?).into(),
        SMALL_SMALL_LANG_STRING..=BIG_BIG_LANG_STRING => {
            // The language first, then the value: the type's bit 0 says
            // whether the language is in the table, bit 1 the value.
            let language = if kind & 1 == 0 {
                small(buf)?
            } else {
                big(buf, strings)?
            };
            let value = if kind & 2 == 0 {
                small(buf)?
            } else {
                big(buf, strings)?
            };
            Literal::new_language_tagged_literal_unchecked(value, language).into()
        }
        SMALL_TYPED | BIG_TYPED => {
            let datatype = NamedNode::new_unchecked(big(buf, strings)?);
            let value = if kind == SMALL_TYPED {
                small(buf)?
            } else {
                big(buf, strings)?
            };
            Literal::new_typed_literal(value, datatype).into()
        }
        _ => Term::Literal(native(kind, buf)?),
    })
}

/// A literal of a datatype Oxigraph stores as its value.
fn native(kind: u8, buf: &mut &[u8]) -> Option<Literal> {
    Some(match kind {
        BOOLEAN_TRUE => true.into(),
        BOOLEAN_FALSE => false.into(),
        FLOAT => Float::from_be_bytes(take(buf)?).into(),
        DOUBLE => Double::from_be_bytes(take(buf)?).into(),
        INTEGER => Integer::from_be_bytes(take(buf)?).into(),
        DECIMAL => Decimal::from_be_bytes(take(buf)?).into(),
        DATE_TIME => DateTime::from_be_bytes(take(buf)?).into(),
        TIME => Time::from_be_bytes(take(buf)?).into(),
        DATE => Date::from_be_bytes(take(buf)?).into(),
        G_YEAR_MONTH => GYearMonth::from_be_bytes(take(buf)?).into(),
        G_YEAR => GYear::from_be_bytes(take(buf)?).into(),
        G_MONTH_DAY => GMonthDay::from_be_bytes(take(buf)?).into(),
        G_DAY => GDay::from_be_bytes(take(buf)?).into(),
        G_MONTH => GMonth::from_be_bytes(take(buf)?).into(),
        DURATION => Duration::from_be_bytes(take(buf)?).into(),
        YEAR_MONTH_DURATION => YearMonthDuration::from_be_bytes(take(buf)?).into(),
        DAY_TIME_DURATION => DayTimeDuration::from_be_bytes(take(buf)?).into(),
        _ => return None,
    })
}

/// The next `N` bytes of `buf`, which is advanced past them.
fn take<const N: usize>(buf: &mut &[u8]) -> Option<[u8; N]> {
    let (head, rest) = buf.split_first_chunk::<N>()?;
    *buf = rest;
    Some(*head)
}

/// A string of up to 15 bytes stored in the key: the bytes, then the length
/// in the sixteenth.
fn small(buf: &mut &[u8]) -> Option<String> {
    let bytes: [u8; 16] = take(buf)?;
    let text = bytes.get(..usize::from(bytes[15]))?;
    std::str::from_utf8(text).ok().map(str::to_owned)
}

/// A string stored in the table, by the hash in the key.
fn big(buf: &mut &[u8], strings: &Strings) -> Option<String> {
    let hash = u128::from_be_bytes(take(buf)?);
    strings.get(&hash).map(|s| String::from(&**s))
}

/// A read-only RocksDB handle on some of Oxigraph's column families.
struct Db {
    db: *mut rocksdb_t,
    options: *mut rocksdb_options_t,
    families: Vec<*mut rocksdb_column_family_handle_t>,
    read: *mut rocksdb_readoptions_t,
}

// SAFETY: RocksDB's handles are safe to read from several threads at once
// (each scan makes an iterator of its own); nothing here writes.
unsafe impl Send for Db {}
unsafe impl Sync for Db {}

impl Db {
    fn open_read_only(path: &Path) -> Result<Self, RawError> {
        let c_path = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| RawError::RocksDb(format!("{} holds a NUL", path.display())))?;
        let names: Vec<CString> = FAMILIES
            .iter()
            .map(|n| CString::new(*n).map_err(|_| RawError::Unexpected("family name")))
            .collect::<Result<_, _>>()?;
        let name_ptrs: Vec<*const c_char> = names.iter().map(|n| n.as_ptr()).collect();
        // SAFETY: every pointer passed is valid for the call; the options are
        // kept until `drop`, the handles are filled by the call.
        unsafe {
            let options = rocksdb_options_create();
            // Warnings only, as Oxigraph logs.
            rocksdb_options_set_info_log_level(options, 2);
            let family_options: Vec<*const rocksdb_options_t> =
                FAMILIES.iter().map(|_| options.cast_const()).collect();
            let mut families = vec![ptr::null_mut(); FAMILIES.len()];
            let mut error: *mut c_char = ptr::null_mut();
            let db = rocksdb_open_for_read_only_column_families(
                options,
                c_path.as_ptr(),
                FAMILIES.len() as i32,
                name_ptrs.as_ptr(),
                family_options.as_ptr(),
                families.as_mut_ptr(),
                0,
                &mut error,
            );
            if let Some(message) = take_error(error) {
                rocksdb_options_destroy(options);
                return Err(RawError::RocksDb(message));
            }
            if db.is_null() || families.iter().any(|f| f.is_null()) {
                rocksdb_options_destroy(options);
                return Err(RawError::RocksDb("open returned no handle".into()));
            }
            Ok(Self {
                db,
                options,
                families,
                read: rocksdb_readoptions_create(),
            })
        }
    }

    /// Calls `each` with every key and value of the column family `family`
    /// that starts with `prefix`, in key order, until it returns `false`.
    fn scan(
        &self,
        family: usize,
        prefix: &[u8],
        mut each: impl FnMut(&[u8], &[u8]) -> Result<bool, RawError>,
    ) -> Result<(), RawError> {
        // SAFETY: the iterator lives within this call and is destroyed on
        // every path; the slices it yields are valid until the next move,
        // and `each` cannot keep them.
        unsafe {
            let iter = rocksdb_create_iterator_cf(self.db, self.read, self.families[family]);
            rocksdb_iter_seek(iter, prefix.as_ptr().cast(), prefix.len());
            let mut result = Ok(());
            while rocksdb_iter_valid(iter) != 0 {
                let mut key_len = 0;
                let key = rocksdb_iter_key(iter, &mut key_len);
                let key = std::slice::from_raw_parts(key.cast::<u8>(), key_len);
                if !key.starts_with(prefix) {
                    break;
                }
                let mut value_len = 0;
                let value = rocksdb_iter_value(iter, &mut value_len);
                let value = std::slice::from_raw_parts(value.cast::<u8>(), value_len);
                match each(key, value) {
                    Ok(true) => rocksdb_iter_next(iter),
                    Ok(false) => break,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            let mut error: *mut c_char = ptr::null_mut();
            rocksdb_iter_get_error(iter, &mut error);
            rocksdb_iter_destroy(iter);
            match take_error(error) {
                Some(message) => Err(RawError::RocksDb(message)),
                None => result,
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // SAFETY: each handle was made by `open_read_only` and is released
        // once, the column families before the database.
        unsafe {
            for family in &self.families {
                rocksdb_column_family_handle_destroy(*family);
            }
            rocksdb_close(self.db);
            rocksdb_readoptions_destroy(self.read);
            rocksdb_options_destroy(self.options);
        }
    }
}

/// The message of a RocksDB error (freed), if any.
///
/// # Safety
/// `error` is null or a string RocksDB allocated.
unsafe fn take_error(error: *mut c_char) -> Option<String> {
    if error.is_null() {
        return None;
    }
    // SAFETY: a NUL-terminated string from RocksDB, freed once here.
    unsafe {
        let message = CStr::from_ptr(error).to_string_lossy().into_owned();
        rocksdb_free(error.cast());
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample_store;
    use oxigraph::model::vocab::xsd;
    use oxigraph::model::QuadRef;
    use std::collections::HashSet;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A checkpoint of the store in a directory of its own (Oxigraph's
    /// backup: its tables hard-linked as they stand): the read-only handle
    /// opens files no writer touches, where the writer's background
    /// compaction could delete a table the handle has just found in the
    /// manifest (the tests write and read in one process; a dump reads a
    /// finished store).
    fn settled(
        store: &crate::store::Store,
    ) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        store.oxigraph().backup(dir.path().join("copy"))?;
        Ok(dir)
    }

    /// Every kind of term Oxigraph 0.5 stores (without RDF 1.2) reads back as
    /// Oxigraph reads it, graph by graph.
    #[test]
    fn every_kind_of_term_reads_as_oxigraph_reads_it() -> TestResult {
        let (_dir, store) = sample_store()?;
        let graph = NamedNode::new("https://w3id.org/meetkg/id/graph/000-sample")?;
        let s = NamedNode::new("https://example.org/s")?;
        let p = NamedNode::new("https://example.org/p")?;
        let long = "a value longer than fifteen bytes, é ✓";
        let objects: Vec<Term> = vec![
            BlankNode::new("b0")?.into(),
            BlankNode::new("a-blank-node-id-longer-than-15")?.into(),
            BlankNode::default().into(),
            Literal::new_simple_literal("short").into(),
            Literal::new_simple_literal(long).into(),
            Literal::new_simple_literal("").into(),
            Literal::new_language_tagged_literal("court", "fr")?.into(),
            Literal::new_language_tagged_literal(long, "fr")?.into(),
            Literal::new_language_tagged_literal("court", "x-a-long-private-tag")?.into(),
            Literal::new_language_tagged_literal(long, "x-a-long-private-tag")?.into(),
            Literal::new_typed_literal("x", NamedNode::new("https://example.org/dt")?).into(),
            Literal::new_typed_literal(long, NamedNode::new("https://example.org/dt")?).into(),
            Literal::new_typed_literal("not a date", xsd::DATE).into(),
        ];
        let natives = [
            ("true", xsd::BOOLEAN),
            ("false", xsd::BOOLEAN),
            ("1.5e3", xsd::FLOAT),
            ("-2.25E-1", xsd::DOUBLE),
            ("-0042", xsd::INTEGER),
            ("12.50", xsd::DECIMAL),
            ("2024-05-06T10:30:00Z", xsd::DATE_TIME),
            ("10:30:00+02:00", xsd::TIME),
            ("2024-05-06", xsd::DATE),
            ("2024-05", xsd::G_YEAR_MONTH),
            ("2024", xsd::G_YEAR),
            ("--05-06", xsd::G_MONTH_DAY),
            ("---06", xsd::G_DAY),
            ("--05", xsd::G_MONTH),
            ("P1Y2M3DT4H", xsd::DURATION),
            ("P1Y2M", xsd::YEAR_MONTH_DURATION),
            ("PT4H5M", xsd::DAY_TIME_DURATION),
        ];
        let ox = store.oxigraph();
        for object in objects.iter().cloned().chain(
            natives
                .iter()
                .map(|(v, t)| Literal::new_typed_literal(*v, *t).into()),
        ) {
            ox.insert(QuadRef::new(&s, &p, &object, &graph))?;
        }
        let blank_subject = BlankNode::new("subject")?;
        ox.insert(QuadRef::new(&blank_subject, &p, &s, &graph))?;
        let blank_graph = BlankNode::new("g")?;
        ox.insert(QuadRef::new(&s, &p, &s, &blank_graph))?;
        assert!(ox.len()? > 0);
        let copy = settled(&store)?;

        let raw = RawStore::open(&copy.path().join("copy"))?;
        let graphs = store.named_graphs()?;
        assert_eq!(graphs.len(), raw.graphs.len());
        for graph in &graphs {
            let oxigraph: HashSet<Triple> = store
                .graph_quads(graph)?
                .into_iter()
                .map(Triple::from)
                .collect();
            let read = raw.graph_triples(graph)?.ok_or("not decoded")?;
            assert_eq!(read.len(), oxigraph.len(), "{graph}");
            assert_eq!(
                read.into_iter().collect::<HashSet<_>>(),
                oxigraph,
                "{graph}"
            );
        }
        let unknown = NamedOrBlankNode::from(NamedNode::new("https://example.org/none")?);
        assert!(raw.graph_triples(&unknown)?.is_none());
        Ok(())
    }

    /// The union's counts read from the keys are those SPARQL gives.
    #[test]
    fn union_counts_are_those_of_sparql() -> TestResult {
        let (_dir, store) = sample_store()?;
        let copy = settled(&store)?;
        let raw = RawStore::open(&copy.path().join("copy"))?;
        let counts = raw.union_counts()?.ok_or("not counted")?;
        let count = |query: &str| -> Result<usize, Box<dyn std::error::Error>> {
            let oxigraph::sparql::QueryResults::Solutions(mut rows) = store.query(query)? else {
                return Err("not solutions".into());
            };
            let row = rows.next().ok_or("no row")??;
            match row.get("n") {
                Some(Term::Literal(n)) => Ok(n.value().parse()?),
                other => Err(format!("{other:?}").into()),
            }
        };
        assert_eq!(
            counts.triples,
            count("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")?
        );
        assert_eq!(
            counts.subjects,
            count("SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")?
        );
        assert_eq!(
            counts.objects,
            count("SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }")?
        );
        for (class, n) in &counts.classes {
            assert_eq!(
                *n,
                count(&format!("SELECT (COUNT(*) AS ?n) {{ ?s a {class} }}"))?
            );
        }
        let classes = count("SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }")?;
        assert!(classes > 0);
        assert_eq!(counts.classes.len(), classes);
        Ok(())
    }

    #[test]
    fn a_directory_without_a_store_is_an_error() -> TestResult {
        let dir = tempfile::tempdir()?;
        assert!(RawStore::open(&dir.path().join("none")).is_err());
        Ok(())
    }
}
