//! Archive pages of a mailing list, as pipermail (Mailman 2) writes them: one
//! message a page (`…/pipermail/<list>/<yyyy-Month>/<nnnnnn>.html`).
//!
//! Rationale: many lists are kept only as these pages. Read as any web page,
//! one would give the list's navigation ("Previous message", "Messages sorted
//! by: [ date ] [ thread ] …", "More information about the … mailing list")
//! as text, and the sender, date and subject as loose lines the extraction
//! does not know for a mail's. The page marks its message between
//! `<!--beginarticle-->` and `<!--endarticle-->`, which is how it is
//! recognised; above it stand the subject (`<h1>`), the sender's name (`<b>`),
//! the address written "ana at example.org" and the date (`<i>`). The list of
//! attachments it scrubbed (after "-------------- next part") is dropped too. The message
//! comes out as a mail does (`mail.rs`): header lines, then its own words
//! without what it quotes. Mailman 3's pages have other marks, read by
//! `hyperkitty.rs`; those of other archivers (MHonArc) are read as web pages.

use super::mail::{self, Header};
use super::{html, IngestError};
use scraper::{Html, Node};
use std::path::Path;

const BEGIN: &str = "<!--beginarticle-->";
const END: &str = "<!--endarticle-->";

/// The text of the pipermail message page `page`, or `None` when it is no
/// such page.
///
/// # Errors
/// [`IngestError::MailWithoutBody`] when the message is empty or all quotes;
/// [`IngestError::HtmlTooDeep`] for a page nested past reading.
pub fn message(page: &str, path: &Path) -> Result<Option<String>, IngestError> {
    let Some((head, rest)) = page.split_once(BEGIN) else {
        return Ok(None);
    };
    let Some((article, _)) = rest.split_once(END) else {
        return Ok(None);
    };
    html::check_nesting(head, path)?;
    html::check_nesting(article, path)?;
    let body = mail::own_words(&article_text(article));
    if body.trim().is_empty() {
        return Err(IngestError::MailWithoutBody {
            path: path.to_owned(),
        });
    }
    Ok(Some(header(head).with_body(&body)))
}

/// The message's text: the `<pre>` pipermail writes it in, as it stands
/// (its blank lines are the message's paragraphs), links and entities undone.
fn article_text(article: &str) -> String {
    let fragment = Html::parse_fragment(article);
    let text: String = fragment
        .tree
        .nodes()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let own = text.split(NEXT_PART).next().unwrap_or_default();
    format!("{}\n", own.trim_end())
}

/// Where pipermail ends a message's text and starts listing what it took
/// out of it ("An HTML attachment was scrubbed... URL: …"): archive
/// boilerplate, not the sender's words.
const NEXT_PART: &str = "-------------- next part --------------";

/// The sender, date and subject written above the message.
fn header(head: &str) -> Header {
    let page = Html::parse_document(head);
    let name = first_text(&page, "b");
    let address = first_text(&page, "a")
        .filter(|a| a.contains(" at "))
        .map(|a| a.replacen(" at ", "@", 1));
    let from = match (name, address) {
        (Some(name), Some(address)) if name != address => Some(format!("{name} <{address}>")),
        (name, address) => name.or(address),
    };
    Header {
        from,
        date: first_text(&page, "i").map(|d| rfc822(&d)),
        subject: first_text(&page, "h1"),
    }
}

/// The text of the first `name` element of `page` that has some, its white
/// space collapsed.
fn first_text(page: &Html, name: &str) -> Option<String> {
    page.tree.nodes().find_map(|node| {
        let Node::Element(e) = node.value() else {
            return None;
        };
        if e.name() != name {
            return None;
        }
        let text: String = node
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    })
}

/// Pipermail's date (`asctime` with a zone: "Tue May 14 10:00:00 CEST 2024")
/// in the order a mail's Date: field has it ("Tue, 14 May 2024 10:00:00
/// CEST"), as the `.eml` reader writes it; any other shape as it is.
fn rfc822(date: &str) -> String {
    let words: Vec<&str> = date.split_whitespace().collect();
    match words.as_slice() {
        [weekday, month, day, time, zone, year] => {
            format!("{weekday}, {day} {month} {year} {time} {zone}")
        }
        [weekday, month, day, time, year] => format!("{weekday}, {day} {month} {year} {time}"),
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
 <HEAD>
   <TITLE> [Outreach] Minutes of 14 May
   </TITLE>
   <LINK REL="Index" HREF="index.html" >
   <LINK REL="Previous"  HREF="000123.html">
 </HEAD>
 <BODY BGCOLOR="#ffffff">
   <H1>[Outreach] Minutes of 14 May</H1>
    <B>Ines Moreau</B> 
    <A HREF="mailto:outreach%40lists.example.org?Subject=Re%3A%20Minutes"
       TITLE="[Outreach] Minutes of 14 May">ines at example.org
       </A><BR>
    <I>Tue May 14 10:00:00 CEST 2024</I>
    <P><UL>
        <LI>Previous message: <A HREF="000123.html">[Outreach] Agenda
</A></li>
         <LI> <B>Messages sorted by:</B> 
              <a href="date.html#124">[ date ]</a>
              <a href="thread.html#124">[ thread ]</a>
         </LI>
       </UL>
    <HR>  
<!--beginarticle-->
<PRE>Present: Ines Moreau, Tomas Berg

On Mon, Tomas Berg wrote:
&gt; Please add the budget.

The budget was approved.
-------------- next part --------------
An HTML attachment was scrubbed...
URL: &lt;https://lists.example.org/pipermail/outreach/attachments/20240514/a1/attachment.html&gt;
</PRE>

<!--endarticle-->
    <HR>
    <P><UL>
        <LI>Next message: <A HREF="000125.html">[Outreach] Re: Minutes</A></li>
    </UL>
<hr>
<a href="https://lists.example.org/mailman/listinfo/outreach">More information about the Outreach
mailing list</a><br>
</body></html>
"##;

    #[test]
    fn the_message_with_its_header_and_without_the_archives_furniture() -> Result<(), IngestError> {
        let text = message(PAGE, Path::new("000124.html"))?;
        assert_eq!(
            text.as_deref(),
            Some(
                "From: Ines Moreau <ines@example.org>\n\
                 Date: Tue, 14 May 2024 10:00:00 CEST\n\
                 Subject: [Outreach] Minutes of 14 May\n\n\
                 Present: Ines Moreau, Tomas Berg\n\n\n\
                 The budget was approved.\n"
            )
        );
        Ok(())
    }

    #[test]
    fn a_page_without_the_marks_is_no_archive_page() -> Result<(), IngestError> {
        let page = "<html><body><h1>Minutes</h1><pre>Present: Ana</pre></body></html>";
        assert_eq!(message(page, Path::new("p.html"))?, None);
        Ok(())
    }
}
