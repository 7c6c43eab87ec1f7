//! PDF documents: the glyphs on each page, with their places, read out of the
//! file and handed to the layout (`pdf_layout.rs`) that makes lines of them.
//!
//! Rationale: a PDF holds no lines, paragraphs or reading order, only glyphs
//! painted at positions; the text a person reads has to be rebuilt from where
//! they stand. `pdf-extract` (on `lopdf`, pure Rust) decodes the fonts
//! (ToUnicode maps, simple and composite encodings) and reports each glyph
//! with its transform; this module keeps the glyph, its baseline, its width,
//! its size and whether its font is bold or fixed-pitch (`pdf_fonts.rs`, which also mends
//! the widths `pdf-extract` misreads), page by page, and nothing else: reading order, running
//! headers and footers, hyphenation and ligatures are the layout's rules.
//!
//! It refuses rather than guesses: a PDF with no text layer (a scan) or one
//! that needs a password is an error naming the file and the tool that makes
//! it readable (an OCR tool, `qpdf --decrypt`). A PDF encrypted with an empty
//! user password (only printing or copying restricted) is read: `lopdf`
//! decrypts it on load. `pdf-extract` panics on some malformed fonts and
//! colour spaces instead of returning an error; the panic is caught here and
//! becomes [`IngestError::PdfUnreadable`], so one bad file never stops a
//! build.
//!
//! Neither crate names the file it reads: `lopdf` logs what it finds damaged
//! ("corrupt deflate stream", "Object load error at offset 12375") and a
//! panic's hook prints a backtrace. While a PDF is read, the records those
//! crates log on the reading thread are kept here ([`keep_log`], which the
//! binary's logger asks first), and said once after, naming the file; and
//! the binary's panic hook stays silent for a panic this reader catches
//! ([`catches_panics`]), whose message is the file's error.

use super::pdf_layout::{self, Bullet, Glyph, Page};
use super::{pdf_fonts, pdf_spans, IngestError};
use pdf_extract::{ColorSpace, Document, MediaBox, OutputDev, OutputError, PathOp, Transform};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// At most this many of the PDF crates' messages (each once) are kept for one file.
const KEPT_LOG: usize = 3;

thread_local! {
    /// While a PDF is read on this thread: the messages the PDF crates
    /// logged (up to [`KEPT_LOG`]) and how many there were.
    static READING: RefCell<Option<(Vec<String>, usize)>> = const { RefCell::new(None) };
}

/// Keeps a record another crate logged while this thread reads a PDF (the
/// PDF crates' own warnings), to be said once naming the file; returns
/// whether it was kept. meetkg's own records, and every record outside a
/// read, are not (the logger writes them).
pub fn keep_log(record: &log::Record<'_>) -> bool {
    if record.target().starts_with(env!("CARGO_CRATE_NAME")) || record.level() > log::Level::Warn {
        return false;
    }
    READING.with_borrow_mut(|reading| {
        let Some((kept, count)) = reading.as_mut() else {
            return false;
        };
        *count += 1;
        let message = record.args().to_string();
        if kept.len() < KEPT_LOG && !kept.contains(&message) {
            kept.push(message);
        }
        true
    })
}

/// Whether a panic on this thread now is caught by the PDF reader and
/// becomes the file's error ([`IngestError::PdfUnreadable`]), so that a
/// panic hook need not print it.
pub fn catches_panics() -> bool {
    READING.with_borrow(Option::is_some)
}

/// Fewer glyphs than this on average per page is no text layer: a scan
/// carries none, or a stray page number its scanner's software stamped.
const MIN_GLYPHS_PER_PAGE: usize = 8;

/// The text of a PDF, as a Markdown report would have it, and the page each
/// of its lines came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    /// The page (from 1) of each line of `text`, blank lines included: the
    /// `n`th line of `text` came from page `pages[n]`.
    pub pages: Vec<u32>,
}

/// Reads the PDF `bytes`.
///
/// Cost: linear in the glyphs, plus a sort of each page's glyphs; a 100-page
/// report reads in a fraction of a second (`benches/pdf.sh`).
///
/// # Errors
/// [`IngestError::PdfDamaged`] when `lopdf` cannot parse it,
/// [`IngestError::PdfEncrypted`] when it needs a password,
/// [`IngestError::PdfUnreadable`] when its content cannot be interpreted, and
/// [`IngestError::PdfNoText`] when it has no text layer.
pub fn read(bytes: &[u8], path: &Path) -> Result<PdfText, IngestError> {
    let outer = READING.replace(Some((Vec::new(), 0)));
    // `lopdf` and `pdf-extract` index into what the file says in places; a
    // panic on a damaged file is that file's error, not the build's end.
    let result = match catch_unwind(AssertUnwindSafe(|| read_unguarded(bytes, path))) {
        Ok(result) => result,
        Err(panic) => Err(IngestError::PdfUnreadable {
            path: path.to_owned(),
            reason: panic_message(panic.as_ref()),
        }),
    };
    let Some((kept, count)) = READING.replace(outer) else {
        return result;
    };
    if count == 0 {
        return result;
    }
    let problems = format!(
        "{}{}",
        kept.join("; "),
        if count > kept.len() { "; …" } else { "" }
    );
    match result {
        // Text lost to damage is no scan.
        Err(IngestError::PdfNoText { path, .. }) => Err(IngestError::PdfDamaged {
            path,
            reason: problems,
        }),
        Ok(text) => {
            log::warn!(
                "{}: the PDF reader met problems in it, its text may be incomplete ({problems})",
                path.display()
            );
            Ok(text)
        }
        Err(e) => Err(e),
    }
}

fn read_unguarded(bytes: &[u8], path: &Path) -> Result<PdfText, IngestError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| IngestError::PdfDamaged {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    // `lopdf` decrypts on load what opens with an empty password and
    // removes the `/Encrypt` entry; one left is a password it lacked (and
    // the document's objects are not loaded, so `is_encrypted`, which
    // looks the entry up among them, cannot tell).
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(IngestError::PdfEncrypted {
            path: path.to_owned(),
        });
    }
    pdf_fonts::widths_as_arrays(&mut doc);
    let mut pages = glyphs(&doc, path)?;
    let ids = doc.get_pages();
    for page in &mut pages {
        if let Some(spans) = ids
            .get(&page.number)
            .and_then(|id| pdf_spans::of_page(&doc, *id))
        {
            if spans.bold.len() == page.glyphs.len() {
                for ((glyph, bold), fixed) in
                    page.glyphs.iter_mut().zip(&spans.bold).zip(&spans.fixed)
                {
                    glyph.bold = *bold;
                    glyph.fixed = *fixed;
                }
            }
            actual_text(page, &spans);
        }
    }
    let count: usize = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| !g.text.trim().is_empty())
        .count();
    if pages.is_empty() || count < MIN_GLYPHS_PER_PAGE * pages.len() {
        return Err(IngestError::PdfNoText {
            path: path.to_owned(),
            pages: pages.len(),
        });
    }
    let (text, pages) = pdf_layout::text(&pages);
    Ok(PdfText { text, pages })
}

/// Every page's glyphs, in the order the content streams paint them.
fn glyphs(doc: &Document, path: &Path) -> Result<Vec<Page>, IngestError> {
    let mut collector = Collector::default();
    pdf_extract::output_doc(doc, &mut collector).map_err(|e| IngestError::PdfUnreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(collector.pages)
}

/// The glyphs of each span with an `/ActualText` made one glyph with that
/// text (a ligature spelt out, a soft hyphen told as one), when the page
/// painted as many glyphs as its content stream was counted to show.
fn actual_text(page: &mut Page, spans: &pdf_spans::Spans) {
    if spans.of_glyph.len() != page.glyphs.len() || spans.texts.is_empty() {
        return;
    }
    let mut out: Vec<Glyph> = Vec::with_capacity(page.glyphs.len());
    let mut last_span = None;
    for (glyph, span) in page.glyphs.drain(..).zip(&spans.of_glyph) {
        match (span, out.last_mut()) {
            (Some(s), Some(first)) if last_span == Some(*s) => {
                first.width = (glyph.x + glyph.width - first.x).max(first.width);
            }
            (Some(s), _) => {
                let text = spans.texts.get(*s).cloned().unwrap_or_default();
                out.push(Glyph { text, ..glyph });
            }
            (None, _) => out.push(glyph),
        }
        last_span = *span;
    }
    page.glyphs = out;
}

/// The message a panic was raised with, when it is text.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the PDF reader failed".to_owned())
}

/// Gathers glyphs page by page, in page coordinates whose `y` grows down
/// from the top of the page (the order lines are read in).
#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Page>,
    /// The top of the page open, in PDF user space (`y` up).
    top: f64,
}

impl Collector {
    /// Keeps a shape painted on the page when it is a bullet.
    fn shape(&mut self, ctm: &Transform, path: &pdf_extract::Path) {
        let mut points = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) | PathOp::CurveTo(_, _, _, _, x, y) => {
                    points.push((x, y));
                }
                PathOp::Rect(x, y, w, h) => points.extend([(x, y), (x + w, y + h)]),
                PathOp::Close => {}
            }
        }
        let points: Vec<(f64, f64)> = points
            .into_iter()
            .map(|(x, y)| {
                let px = ctm.m11 * x + ctm.m21 * y + ctm.m31;
                let py = ctm.m12 * x + ctm.m22 * y + ctm.m32;
                (px, self.top - py)
            })
            .collect();
        if let (Some(page), Some(b)) = (self.pages.last_mut(), Bullet::around(&points)) {
            page.bullets.push(b);
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.pages.push(Page {
            number: page_num,
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
            bullets: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The glyph's scale on the page: the text matrix and the CTM together.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, y) = (trm.m31, self.top - trm.m32);
        if let Some(page) = self.pages.last_mut() {
            // A glyph without text is kept: at a line's end it is a hyphen.
            if size.is_finite() && size > 0.0 && x.is_finite() && y.is_finite() {
                page.glyphs.push(Glyph {
                    x,
                    y,
                    width: width * size,
                    size,
                    text: text.to_owned(),
                    bold: false,
                    fixed: false,
                });
            }
        }
        Ok(())
    }

    /// A small disc, circle or square is a list's bullet as browsers paint
    /// them (a shape, not a glyph); kept for the layout to put before its line.
    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.shape(ctm, path);
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.shape(ctm, path);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
