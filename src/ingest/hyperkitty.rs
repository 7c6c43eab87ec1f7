//! Message pages of a Mailman 3 list archive, as HyperKitty writes them
//! (`…/hyperkitty/list/<list>/message/<hash>/`).
//!
//! Rationale: lists moved from Mailman 2 to Mailman 3 keep their archive as
//! these pages, and read as any web page one gives the archive's furniture
//! ("thread", "permalink", the months of the list, "Reply", "Back to the
//! thread", the list's other threads) as text, and the sender, date and
//! subject as loose lines. HyperKitty marks its parts by class, which is how
//! a page is recognised: the message in one `email-body`, above it an
//! `email-header` with the sender's name (`email-author`, `name`) and the date
//! (`email-date`: `date` and `time`), and the subject as the page's `<h1>`.
//! What the sender quoted HyperKitty folds into a `quoted-text` block behind a
//! `quoted-switch` link: both are left out, as the `> …` lines are. The
//! message comes out as a mail does (`mail.rs`): header lines, then its own
//! words. A thread page (several messages) is no message page: it is read as
//! a web page, as before. The sender's address is not on the page.

use super::mail::{self, Header};
use super::{html, IngestError};
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::path::Path;

/// The class of the element holding the message's own text.
const BODY: &str = "email-body";

/// The classes of what HyperKitty folds away in a message: the quote and the
/// link that unfolds it.
const QUOTED: [&str; 2] = ["quoted-text", "quoted-switch"];

/// The text of the HyperKitty message page `page`, or `None` when it is no
/// such page (no message in it, or several).
///
/// # Errors
/// [`IngestError::MailWithoutBody`] when the message is empty or all quotes;
/// [`IngestError::HtmlTooDeep`] for a page nested past reading.
pub fn message(page: &str, path: &Path) -> Result<Option<String>, IngestError> {
    if !page.contains(BODY) {
        return Ok(None);
    }
    html::check_nesting(page, path)?;
    let document = Html::parse_document(page);
    let bodies: Vec<ElementRef<'_>> = select(&document, ".email-body").collect();
    let [body] = bodies.as_slice() else {
        return Ok(None);
    };
    let Some(author) = select(&document, ".email-header .email-author .name").next() else {
        return Ok(None);
    };
    let text = mail::own_words(&body_text(**body));
    if text.trim().is_empty() {
        return Err(IngestError::MailWithoutBody {
            path: path.to_owned(),
        });
    }
    let header = Header {
        from: words(author),
        date: date(&document),
        subject: select(&document, "h1").find_map(words),
    };
    Ok(Some(header.with_body(&text)))
}

/// The elements of `document` that `selector` picks; none when the
/// selector does not parse (they are this module's constants).
fn select<'a>(document: &'a Html, selector: &str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let selector = Selector::parse(selector).ok();
    let picked: Vec<ElementRef<'a>> = selector
        .map(|s| document.select(&s).collect())
        .unwrap_or_default();
    picked.into_iter()
}

/// The text of `element`, its white space collapsed; `None` when it has none.
fn words(element: ElementRef<'_>) -> Option<String> {
    let text = element.text().collect::<Vec<_>>().join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The date above the message with its time, as the page writes them
/// ("Tuesday, 14 May 2024 10:00"): the first of the date's spans (the page
/// writes it long and short, for wide and narrow screens).
fn date(document: &Html) -> Option<String> {
    let day = select(document, ".email-header .email-date .date").find_map(words)?;
    let time = select(document, ".email-header .email-date .time").find_map(words);
    Some(match time {
        Some(time) => format!("{day} {time}"),
        None => day,
    })
}

/// The message's text as the page shows it: its line breaks (kept in the
/// text, or written `<br>`), a blank line between paragraphs, the quote
/// HyperKitty folds away left out (a `>` line stands for it). Walked, not recursed, so no nesting
/// overflows the stack.
fn body_text(body: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut skipped = 0usize;
    // What a text node's leading line breaks are, after what came before:
    // after `<br>` one of them is that break again; at a block's edge all
    // of them are the page's layout, the blank line being there already.
    let mut after = After::Text;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) if skipped > 0 => skipped += 1,
                Node::Element(e) if e.classes().any(|c| QUOTED.contains(&c)) => {
                    skipped = 1;
                    // A quote's line where the quote was, which
                    // `own_words` drops with the "… wrote:" before it.
                    if e.classes().any(|c| c == QUOTED[0]) {
                        if !out.is_empty() && !out.ends_with('\n') {
                            out.push('\n');
                        }
                        out.push_str(">\n");
                    }
                }
                Node::Element(e) if e.name() == "br" => {
                    out.push('\n');
                    after = After::Break;
                }
                Node::Element(e) if is_block(e.name()) => {
                    paragraph(&mut out);
                    after = After::Block;
                }
                Node::Text(t) if skipped == 0 => {
                    let t: &str = t;
                    let t = match after {
                        After::Text => t,
                        After::Break => t.strip_prefix('\n').unwrap_or(t),
                        After::Block => t.trim_start_matches(['\n', '\r']),
                    };
                    out.push_str(t);
                    after = After::Text;
                }
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipped > 0 => {
                    skipped -= 1;
                    after = After::Block;
                }
                Node::Element(e) if is_block(e.name()) => {
                    paragraph(&mut out);
                    after = After::Block;
                }
                _ => {}
            },
        }
    }
    format!("{}\n", out.trim())
}

/// What the text of a message's page came after.
#[derive(Clone, Copy)]
enum After {
    Text,
    Break,
    Block,
}

/// An element that stands apart from the text around it.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "pre" | "blockquote" | "ul" | "ol" | "li"
    )
}

/// Ends the text so far with a blank line, unless it ends with one.
fn paragraph(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message page shaped as HyperKitty writes one, our own words in it.
    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Minutes of 14 May - Outreach - lists.example.org</title></head>
<body>
<nav class="navbar"><a class="navbar-brand" href="/archives/">Mailing lists</a></nav>
<div class="container">
 <div class="row">
  <div class="col-md-2"><h2>Outreach</h2><ul><li><a href="/list/2024/5/">May 2024</a></li></ul></div>
  <div class="col-md-7">
   <div class="message-header row">
    <div class="col-2 message-back"><a href="/thread/ABC/"><span class="d-none d-md-inline">thread</span></a></div>
    <div class="col-10"><h1>Minutes of 14 May</h1></div>
   </div>
   <section id="thread-content">
    <div class="email email-first">
     <div id="XYZ" class="email-header">
      <div class="gravatar-wrapper">
       <div class="gravatar"><img src="/avatar/1.png" alt="" width="40" height="40"></div>
       <div class="email-author"><span class="name"><a href="/users/7/" title="See the profile for Ines Moreau">Ines Moreau</a></span></div>
      </div>
      <div class="email-date right">
       <span class="date d-none d-sm-inline">Tuesday, 14 May 2024</span>
       <span class="date d-sm-none">Tue, 14 May '24</span>
       <div class="time"><span title="Sender's time: May 14, 2024, 10 a.m.">10:00</span></div>
      </div>
      <div class="messagelink right"><a href="/message/XYZ/" title="Permalink for this message"><i class="fa fa-link"></i></a></div>
     </div>
     <div class="email-body">
Present: Ines Moreau, Tomas Berg<br>
Apologies: Aiko Tanaka

On Mon, Robin Quoteman wrote:
<div class="quoted-switch"><a href="#">...</a></div><div class="quoted-text">&gt; Kim Replysmith will attend.
</div>
The budget was approved.
     </div>
     <div class="email-info">
      <div class="likeform-wrapper right"><form method="post"><button class="btn">+1</button></form></div>
      <a class="reply reply-mailto" href="mailto:outreach@lists.example.org?Subject=Re%3A%20Minutes">Reply</a>
     </div>
    </div>
   </section>
  </div>
  <div class="col-md-3"><p>Back to the thread</p><p>Older: Agenda for Lee Navlink</p></div>
 </div>
</div>
<footer>Powered by HyperKitty</footer>
</body></html>
"##;

    #[test]
    fn the_message_with_its_header_and_without_the_archives_furniture() -> Result<(), IngestError> {
        let text = message(PAGE, Path::new("message.html"))?;
        assert_eq!(
            text.as_deref(),
            Some(
                "From: Ines Moreau\n\
                 Date: Tuesday, 14 May 2024 10:00\n\
                 Subject: Minutes of 14 May\n\n\
                 Present: Ines Moreau, Tomas Berg\n\
                 Apologies: Aiko Tanaka\n\n\
                 The budget was approved.\n"
            )
        );
        Ok(())
    }

    #[test]
    fn paragraphs_and_breaks_of_a_body_written_in_html() -> Result<(), IngestError> {
        let page = PAGE.replace(
            "Present: Ines Moreau, Tomas Berg<br>\nApologies: Aiko Tanaka\n",
            "<p>Present: Ines Moreau, Tomas Berg<br>Apologies: Aiko Tanaka</p>",
        );
        let text = message(&page, Path::new("message.html"))?.unwrap_or_default();
        assert!(
            text.ends_with(
                "\n\nPresent: Ines Moreau, Tomas Berg\nApologies: Aiko Tanaka\n\n\
                 The budget was approved.\n"
            ),
            "{text}"
        );
        Ok(())
    }

    #[test]
    fn a_thread_page_or_a_page_without_a_message_is_no_message_page() -> Result<(), IngestError> {
        let body = r#"<div class="email-body">Thanks.</div>"#;
        let thread = PAGE.replace(
            "<div class=\"email-info\">",
            &format!("{body}<div class=\"email-info\">"),
        );
        assert_eq!(message(&thread, Path::new("thread.html"))?, None);
        let page = "<html><body><h1>Minutes</h1><p>email-body</p></body></html>";
        assert_eq!(message(page, Path::new("p.html"))?, None);
        Ok(())
    }

    #[test]
    fn a_message_of_quotes_only_has_no_body() {
        let page = PAGE.replace("The budget was approved.", "");
        let page = page.replace(
            "Present: Ines Moreau, Tomas Berg<br>\nApologies: Aiko Tanaka\n",
            "",
        );
        assert!(matches!(
            message(&page, Path::new("m.html")),
            Err(IngestError::MailWithoutBody { .. })
        ));
    }
}
