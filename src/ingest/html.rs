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
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::Node;

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

/// The text of the HTML page `html`.
///
/// Cost: linear in the page; the parsed page is held in memory (a few times
/// its size).
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
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.end_block();
                let level = name[1..].parse().unwrap_or(1);
                self.block = Some(Block::Heading(level));
            }
            "ul" | "ol" | "menu" => {
                self.flush();
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
        if self.line.trim().is_empty() {
            self.line.clear();
            return;
        }
        let block = self.block.take().unwrap_or(Block::Paragraph);
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
            <p>Present:</p>
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
             Present:\n\n\
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
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert_eq!(text(&page), "Present: Ana\n");
    }
}
