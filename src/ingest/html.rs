//! Web pages: the text a person reads on the page, block elements as lines.
//!
//! Rationale: bodies publish minutes as web pages, wrapped in the site's
//! menus, banners and footers, and written as real-world HTML (unclosed
//! paragraphs, stray tags), which only an HTML5 parser reads as a browser
//! does: html5ever, through `scraper`. The page's furniture is left out:
//! `<script>`, `<style>`, `<nav>`, `<aside>`, forms' controls, elements hidden
//! or marked as navigation, banner or footer, and `<header>`/`<footer>`
//! outside an `<article>` or `<main>` (inside one they hold the article's
//! title and date, which are kept). Headings, list items (numbered as the page
//! shows them) and table rows become lines as in a Markdown report; entities
//! are decoded by the parser. The walk is a loop, not a recursion, so a page
//! nested thousands deep cannot overflow the stack.

use super::layout::{Block, Layout};
use super::IngestError;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::Node;
use std::path::Path;

/// Elements whose content is never the page's text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "svg", "math", "iframe",
    "object", "button", "select", "textarea", "dialog",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "menu",
    "menubar",
];

/// Elements that end the line before them and after them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "address",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "caption",
    "hr",
    "center",
    "fieldset",
    "legend",
    "details",
    "summary",
    "form",
    "body",
];

/// How much nesting a page may have: the depths of its elements added up.
/// The HTML5 tree builder looks through the elements open at each start tag,
/// so a page of elements nested thousands deep costs the square of its depth
/// (500,000 nested `<div>`s, 5 MB, ran for over five minutes). A real page,
/// 16 MiB of it at 20 deep, adds up to a few million; this bound is about a
/// second of parsing.
pub const MAX_NESTING: u64 = 200_000_000;

/// Elements that have no content, and so no depth.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements whose end tag may be left out: the next one closes them, so they
/// do not nest when written open.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// The depths of the page's elements added up, stopping past `limit`: a scan
/// of its tags that knows void elements and end tags left out, and skips
/// comments and the contents of `<script>` and `<style>`.
///
/// Cost: linear in the page.
fn nesting(html: &str, limit: u64) -> u64 {
    let bytes = html.as_bytes();
    let (mut depth, mut total, mut i) = (0u64, 0u64, 0usize);
    while let Some(at) = memchr_lt(bytes, i) {
        i = at + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let end = html[start..].find('>').map_or(bytes.len(), |e| start + e);
        if html[..end].ends_with('/') {
            continue;
        }
        if matches!(name.as_str(), "script" | "style") {
            // Past the end tag's "<", which closes no counted element.
            i = end_tag(bytes, end, name.as_bytes()) + 1;
            continue;
        }
        depth += 1;
        total += depth;
        if total > limit {
            break;
        }
    }
    total
}

/// Where the end tag `</name` (in any case) starts at or after `from`, or the
/// end of the page.
fn end_tag(bytes: &[u8], mut from: usize, name: &[u8]) -> usize {
    while let Some(at) = memchr_lt(bytes, from) {
        let after = &bytes[at + 1..];
        if after.first() == Some(&b'/')
            && after
                .get(1..=name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return at;
        }
        from = at + 1;
    }
    bytes.len()
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|p| from + p)
}

/// The text of the HTML page `html`, refused when it nests too deeply.
///
/// # Errors
/// [`IngestError::HtmlTooDeep`] past [`MAX_NESTING`].
pub fn read(html: &str, path: &Path) -> Result<String, IngestError> {
    check_nesting(html, path)?;
    Ok(text(html))
}

/// Refuses the HTML `html` when it nests too deeply to parse in time.
///
/// # Errors
/// [`IngestError::HtmlTooDeep`] past [`MAX_NESTING`].
pub fn check_nesting(html: &str, path: &Path) -> Result<(), IngestError> {
    if nesting(html, MAX_NESTING) > MAX_NESTING {
        return Err(IngestError::HtmlTooDeep {
            path: path.to_owned(),
            limit: MAX_NESTING,
        });
    }
    Ok(())
}

/// The text of the HTML page `html`.
///
/// Cost: linear in the page, but for its nesting (see [`MAX_NESTING`], which
/// the caller checks with [`nesting`]); the parsed page is held in memory (a
/// few times its size).
pub fn text(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    let mut walk = Walk::default();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => walk.open(node.value()),
            Edge::Close(node) => walk.close(node.value()),
        }
    }
    walk.finish()
}

/// A list open: whether numbered, and the number of its next item.
#[derive(Debug)]
struct List {
    numbered: bool,
    next: i64,
}

#[derive(Debug, Default)]
struct Walk {
    layout: Layout,
    /// The text of the block being read.
    line: String,
    /// What the block being read is, when not a plain paragraph.
    block: Option<Block>,
    lists: Vec<List>,
    /// Depth inside a left-out element (0 outside).
    skip: usize,
    /// Depth inside `<article>` and `<main>`.
    content: usize,
    /// Depth inside `<pre>`.
    pre: usize,
    /// Depth inside `<b>` and `<strong>`.
    bold: usize,
    /// Whether some of the text read so far is bold, and whether any is not.
    some_bold: bool,
    some_plain: bool,
}

impl Walk {
    fn open(&mut self, node: &Node) {
        match node {
            Node::Text(t) if self.skip == 0 => self.text(t),
            Node::Element(e) if self.skip > 0 || self.is_furniture(e) => self.skip += 1,
            Node::Element(e) => self.open_element(e),
            _ => {}
        }
    }

    fn close(&mut self, node: &Node) {
        let Node::Element(e) = node else {
            return;
        };
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        let name = e.name();
        match name {
            "b" | "strong" => self.bold = self.bold.saturating_sub(1),
            "ul" | "ol" | "menu" => {
                self.end_block();
                self.lists.pop();
            }
            "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.end_block(),
            "td" | "th" => {
                self.end_block();
                self.layout.cell_end();
            }
            "tr" => {
                self.end_block();
                self.layout.row_end();
            }
            "table" => {
                self.end_block();
                self.layout.table_end();
            }
            "pre" => {
                self.end_block();
                self.pre = self.pre.saturating_sub(1);
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ => {}
        }
        if matches!(name, "article" | "main") {
            self.content = self.content.saturating_sub(1);
        }
    }

    fn is_furniture(&self, e: &Element) -> bool {
        let name = e.name();
        SKIPPED.contains(&name)
            || (matches!(name, "header" | "footer") && self.content == 0)
            || e.attr("hidden").is_some()
            || e.attr("aria-hidden") == Some("true")
            || e.attr("role")
                .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    }

    fn open_element(&mut self, e: &Element) {
        let name = e.name();
        match name {
            "br" => self.line.push('\n'),
            "b" | "strong" => self.bold += 1,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.end_block();
                let level = name[1..].parse().unwrap_or(1);
                self.block = Some(Block::Heading(level));
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                if self.lists.is_empty() {
                    self.layout.list_start();
                }
                let start = e.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    numbered: name == "ol",
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                self.end_block();
                self.block = Some(self.item(e));
            }
            "table" => {
                self.end_block();
                self.layout.table_start();
            }
            "tr" => {
                self.end_block();
                self.layout.row_start();
            }
            "td" | "th" => {
                self.end_block();
                self.layout.cell_start();
            }
            "pre" => {
                self.end_block();
                self.pre += 1;
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ => {}
        }
        if matches!(name, "article" | "main") {
            self.content += 1;
        }
    }

    /// The list item `li` opens: numbered as the page shows it.
    fn item(&mut self, li: &Element) -> Block {
        let depth = self.lists.len().saturating_sub(1);
        let marker = match self.lists.last_mut() {
            Some(list) if list.numbered => {
                if let Some(v) = li.attr("value").and_then(|v| v.trim().parse().ok()) {
                    list.next = v;
                }
                list.next += 1;
                format!("{}.", list.next - 1)
            }
            _ => "-".to_owned(),
        };
        Block::Item { depth, marker }
    }

    /// Text as the browser shows it: runs of white space are one space,
    /// except inside `<pre>`.
    fn text(&mut self, t: &str) {
        if !t.trim().is_empty() {
            self.some_bold |= self.bold > 0;
            self.some_plain |= self.bold == 0;
        }
        if self.pre > 0 {
            self.line.push_str(t);
            return;
        }
        for (i, word) in t.split_ascii_whitespace().enumerate() {
            let space = i > 0 || t.starts_with(|c: char| c.is_ascii_whitespace());
            if space && !self.line.is_empty() && !self.line.ends_with([' ', '\n']) {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
        if t.ends_with(|c: char| c.is_ascii_whitespace()) && !self.line.is_empty() {
            self.line.push(' ');
        }
    }

    /// Writes the text read so far as a block; a list item or heading with
    /// no text yet (`<li><p>…`) stays open for the text to come.
    fn flush(&mut self) {
        let all_bold = self.some_bold && !self.some_plain;
        (self.some_bold, self.some_plain) = (false, false);
        if self.line.trim().is_empty() {
            self.line.clear();
            return;
        }
        let plain = if all_bold {
            Block::Bold
        } else {
            Block::Paragraph
        };
        let block = self.block.take().unwrap_or(plain);
        self.layout.block(&block, &self.line);
        self.line.clear();
    }

    /// Writes the text read so far, and ends the block it belongs to.
    fn end_block(&mut self) {
        self.flush();
        self.block = None;
    }

    fn finish(mut self) -> String {
        self.end_block();
        self.layout.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_lines_and_furniture_is_left_out() {
        let page = r#"<!DOCTYPE html><html><head><title>Site</title>
            <style>p { color: red }</style></head><body>
            <header><a href="/">Home</a> | <a href="/about">About</a></header>
            <nav><ul><li>Menu</li></ul></nav>
            <main><h1>Outreach Group &ndash; Minutes</h1>
            <p>Date: 14&nbsp;May 2024<br>Venue: Room&#160;3
            <p><b>Present:</b></p>
            <ul><li>Ines Moreau</li><li><p>Tomas Berg</p></li></ul>
            <h2>Agenda</h2>
            <ol start="3"><li>Budget<ol type="a"><li>Accounts</li></ol></li><li>AOB</li></ol>
            <table><tr><th>Name</th><th>Organisation</th></tr>
            <tr><td>Ines Moreau</td><td>Open   Data
              Council</td></tr></table>
            <script>document.write("x")</script></main>
            <footer>© 2024 the Group</footer></body></html>"#;
        assert_eq!(
            text(page),
            "# Outreach Group – Minutes\n\n\
             Date: 14\u{a0}May 2024\nVenue: Room\u{a0}3\n\n\
             **Present:**\n\n\
             - Ines Moreau\n- Tomas Berg\n\n\
             ## Agenda\n\n\
             3. Budget\n  1. Accounts\n4. AOB\n\n\
             | Name | Organisation |\n| Ines Moreau | Open Data Council |\n"
        );
    }

    #[test]
    fn a_header_inside_an_article_is_kept() {
        let page = "<html><body><article><header><h1>Minutes</h1></header>\
                    <p>Text</p></article></body></html>";
        assert_eq!(text(page), "# Minutes\n\nText\n");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let page = format!(
            "{}Present: Ana{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        assert!(nesting(&page, MAX_NESTING) <= MAX_NESTING);
        assert_eq!(text(&page), "Present: Ana\n");
    }

    #[test]
    fn nesting_adds_up_depths_but_not_of_void_or_open_ended_elements() {
        let page = "<!DOCTYPE html><html><body><div><p>a<p>b<br><img src=x>\
                    <!-- <div><div> --><script>if (a<b) {}</script>\
                    <ul><li>c<li>d</ul><span/></div></body></html>";
        // The div at depth 1 and the ul at 2; the comment and the script's
        // content are skipped, the script itself has no child elements.
        assert_eq!(nesting(page, MAX_NESTING), 3);
        let deep = "<div>".repeat(100_000);
        assert!(nesting(&deep, MAX_NESTING) > MAX_NESTING);
    }
}
