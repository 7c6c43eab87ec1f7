//! Mail archives (issue 23): an mbox is one report per message, each read as
//! the same message sent alone (`.eml`) is; a pipermail archive page is read
//! as the message it holds. Every archive is written here, in our own words,
//! and run through `meetkg extract` and `meetkg build` as a user runs them.

mod common;

use common::{meetkg, query_csv};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// (sender, date, subject, body) of the messages of the test archive. The
/// second quotes the first, and names people in the quote only; the fourth
/// is a reply that is no meeting record.
const MESSAGES: [(&str, &str, &str, &str); 4] = [
    (
        "Ines Moreau <ines@example.org>",
        "Tue, 14 May 2024 10:00:00 +0200",
        "Harbour Cooperative Board - Minutes",
        "Harbour Cooperative Board - Minutes\n\nDate: 12 March 2024\n\n\
         Present: Ines Moreau, Tomas Berg, Aiko Tanaka\n\n\
         Ines Moreau opened the meeting and welcomed the members.\n\n\
         Tomas Berg presented the harbour maintenance budget.\n",
    ),
    (
        "Tomas Berg <tomas@example.org>",
        "Wed, 15 May 2024 09:00:00 +0200",
        "Re: Harbour Cooperative Board - Minutes",
        "Harbour Cooperative Board - Corrected Minutes\n\nDate: 12 March 2024\n\n\
         Present: Ines Moreau, Tomas Berg\n\n\
         Tomas Berg presented the corrected maintenance budget.\n\n\
         On Tue, 14 May 2024, Ines Moreau wrote:\n\
         > Robin Quoteman and Kim Replysmith presented the dredging plan.\n\
         > From the chair: Robin Quoteman will report in June.\n\n\
         Tomas\n",
    ),
    (
        "Aiko Tanaka <aiko@example.org>",
        "Thu, 16 May 2024 18:30:00 +0200",
        "Outreach Working Group - Meeting Summary",
        "Outreach Working Group - Meeting Summary\n\nDate: 16 May 2024\n\n\
         Participants:\n- Aiko Tanaka (Port Users Association)\n- Tomas Berg (Harbour Institute)\n\n\
         Aiko Tanaka presented the outreach plan. Tomas Berg agreed to draft the leaflet.\n",
    ),
    (
        "Ines Moreau <ines@example.org>",
        "Fri, 17 May 2024 08:00:00 +0200",
        "Re: Outreach Working Group - Meeting Summary",
        "Thanks, looks good to me.\n",
    ),
];

/// One message as it is sent: header block, blank line, body (CRLF).
fn message(n: usize, (from, date, subject, body): (&str, &str, &str, &str)) -> String {
    format!(
        "From: {from}\nTo: board@lists.example.org\nDate: {date}\nSubject: {subject}\n\
         Message-ID: <m{n}@example.org>\nMIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\n\n{body}"
    )
}

/// The messages as an mbox: each after its `From ` line, `From ` at the
/// start of a body line escaped as `>From `.
fn mbox(messages: &[String]) -> String {
    let mut out = String::new();
    for (i, m) in messages.iter().enumerate() {
        out.push_str(&format!(
            "From sender{i}@example.org Tue May 14 10:00:0{i} 2024\n"
        ));
        for line in m.lines() {
            if line.starts_with("From ") || line.starts_with(">From ") {
                out.push('>');
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn messages() -> Vec<String> {
    MESSAGES
        .iter()
        .enumerate()
        .map(|(i, m)| message(i + 1, *m))
        .collect()
}

/// `meetkg extract path`: each report's JSON by its source, the source
/// taken out so that the same text in two containers compares equal.
fn extract(path: &Path) -> Result<BTreeMap<String, Value>> {
    let out = meetkg().arg("extract").arg(path).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "extract: {stderr}");
    let mut reports = BTreeMap::new();
    for line in String::from_utf8(out.stdout)?.lines() {
        let mut v: Value = serde_json::from_str(line)?;
        let source = v["source"].as_str().ok_or("no source")?.to_owned();
        if let Some(o) = v.as_object_mut() {
            o.remove("source");
            o.remove("sha256");
        }
        reports.insert(source, v);
    }
    Ok(reports)
}

#[test]
fn an_mbox_is_one_report_per_message_each_read_as_the_message_alone() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("mbox"))?;
    std::fs::create_dir(dir.path().join("eml"))?;
    std::fs::write(dir.path().join("mbox/board.mbox"), mbox(&messages()))?;
    for (i, m) in messages().iter().enumerate().take(3) {
        std::fs::write(dir.path().join(format!("eml/{}.eml", i + 1)), m)?;
    }
    // Exit 0 (checked by `extract`): the fourth message, no record, is
    // skipped, not rejected.
    let from_mbox = extract(&dir.path().join("mbox"))?;
    let from_eml = extract(&dir.path().join("eml"))?;
    // Each known by its Message-ID, in an archive as sent alone.
    let ids = [
        "mid:m1@example.org",
        "mid:m2@example.org",
        "mid:m3@example.org",
    ];
    assert_eq!(from_mbox.keys().collect::<Vec<_>>(), ids);
    for id in ids {
        assert_eq!(from_mbox[id], from_eml[id], "message {id}");
    }
    // Sender, date and subject open each message's text: the subject is
    // evidence of what it names.
    let first = from_mbox[ids[0]].to_string();
    assert!(
        first.contains("Subject: Harbour Cooperative Board - Minutes"),
        "{first}"
    );
    assert!(first.contains("Aiko Tanaka"));
    // The reply's quote is the first message's words, not new facts.
    let all = from_mbox
        .values()
        .map(ToString::to_string)
        .collect::<String>();
    assert!(
        !all.contains("Quoteman") && !all.contains("Replysmith"),
        "{all}"
    );
    assert!(!all.contains("From the chair"));
    Ok(())
}

/// `meetkg build DIR` in `work`: what it said.
fn build(work: &Path, dir: &str) -> Result<String> {
    let out = meetkg()
        .current_dir(work)
        .args(["build", dir, "--store", "store", "--out", "exports"])
        .output()?;
    let said = String::from_utf8(out.stderr)? + &String::from_utf8(out.stdout)?;
    assert_eq!(out.status.code(), Some(0), "{said}");
    Ok(said)
}

#[test]
fn a_message_added_to_an_mbox_is_the_only_one_extracted_again() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("lists"))?;
    let archive = dir.path().join("lists/board.mbox");
    let all = messages();
    std::fs::write(&archive, mbox(&all[..2]))?;
    let first = build(dir.path(), "lists")?;
    assert!(
        first.contains("2 reports extracted, 0 from the cache"),
        "{first}"
    );
    std::fs::write(&archive, mbox(&all))?;
    let second = build(dir.path(), "lists")?;
    assert!(
        second.contains("1 reports extracted, 2 from the cache; 1 graphs rewritten, 0 dropped"),
        "{second}"
    );
    Ok(())
}

/// A message page as pipermail writes it, around `body` (HTML-escaped).
fn pipermail_page(body: &str) -> String {
    let body = body
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r##"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
 <HEAD>
   <TITLE> [Board] Harbour Cooperative Board - Minutes
   </TITLE>
   <LINK REL="Index" HREF="index.html" >
   <LINK REL="made" HREF="mailto:board%40lists.example.org?Subject=Re%3A%20Minutes">
   <META NAME="robots" CONTENT="index,nofollow">
   <LINK REL="Previous"  HREF="000123.html">
   <LINK REL="Next"  HREF="000125.html">
 </HEAD>
 <BODY BGCOLOR="#ffffff">
   <H1>[Board] Harbour Cooperative Board - Minutes</H1>
    <B>Ines Moreau</B> 
    <A HREF="mailto:board%40lists.example.org?Subject=Re%3A%20Minutes&In-Reply-To=%3Cm1%40example.org%3E"
       TITLE="[Board] Harbour Cooperative Board - Minutes">ines at example.org
       </A><BR>
    <I>Tue May 14 10:00:00 CEST 2024</I>
    <P><UL>
        <LI>Previous message: <A HREF="000123.html">[Board] Agenda for Kim Navlink
</A></li>
        <LI>Next message: <A HREF="000125.html">[Board] Re: Minutes from Lee Nextlink
</A></li>
         <LI> <B>Messages sorted by:</B> 
              <a href="date.html#124">[ date ]</a>
              <a href="thread.html#124">[ thread ]</a>
              <a href="subject.html#124">[ subject ]</a>
              <a href="author.html#124">[ author ]</a>
         </LI>
       </UL>
    <HR>  
<!--beginarticle-->
<PRE>{body}
</PRE>

<!--endarticle-->
    <HR>
    <P><UL>
        <!--threads-->
	<LI>Previous message: <A HREF="000123.html">[Board] Agenda for Kim Navlink</A></li>
	<LI>Next message: <A HREF="000125.html">[Board] Re: Minutes from Lee Nextlink</A></li>
    </UL>
<hr>
<a href="https://lists.example.org/mailman/listinfo/board">More information about the Board
mailing list</a><br>
</body></html>
"##
    )
}

#[test]
fn a_pipermail_page_extracts_as_its_message() -> Result {
    let dir = tempfile::tempdir()?;
    for d in ["page", "text"] {
        std::fs::create_dir(dir.path().join(d))?;
    }
    let (_, _, _, body) = MESSAGES[0];
    let quoted = format!("{body}\nOn Mon, Robin Quoteman wrote:\n> Kim Replysmith will attend.\n");
    std::fs::write(dir.path().join("page/000124.html"), pipermail_page(&quoted))?;
    let text = format!(
        "From: Ines Moreau <ines@example.org>\nDate: Tue, 14 May 2024 10:00:00 CEST\n\
         Subject: [Board] Harbour Cooperative Board - Minutes\n\n{body}"
    );
    std::fs::write(dir.path().join("text/000124.txt"), text)?;
    let page = extract(&dir.path().join("page"))?;
    let text = extract(&dir.path().join("text"))?;
    assert_eq!(page["000124.html"], text["000124.txt"]);
    let all = page["000124.html"].to_string();
    for furniture in [
        "Navlink",
        "Nextlink",
        "Quoteman",
        "Replysmith",
        "mailing list",
    ] {
        assert!(!all.contains(furniture), "{furniture} in {all}");
    }
    Ok(())
}

/// Every piece of evidence of `report` (people, organisations, topics).
fn evidence(report: &Value) -> Vec<&Value> {
    ["people", "organisations", "topics"]
        .iter()
        .flat_map(|list| report[*list].as_array().into_iter().flatten())
        .flat_map(|x| x["evidence"].as_array().into_iter().flatten())
        .collect()
}

/// Every fact of a mail keeps the Message-ID of the message it came from,
/// beside its sentence: in `extract` JSON, for an mbox's messages and for a
/// message sent alone, and on the sentence's selector in the store, where a
/// query finds the message that says a person attended.
#[test]
fn each_fact_of_a_mail_names_the_message_it_came_from() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("lists"))?;
    let all = messages();
    std::fs::write(dir.path().join("lists/board.mbox"), mbox(&all))?;
    std::fs::write(dir.path().join("lists/alone.eml"), &all[2])?;
    let reports = extract(&dir.path().join("lists"))?;
    // `alone.eml` is the archive's third message: one report.
    for (source, id) in [
        ("mid:m1@example.org", "m1@example.org"),
        ("mid:m2@example.org", "m2@example.org"),
        ("mid:m3@example.org", "m3@example.org"),
    ] {
        let found = evidence(&reports[source]);
        assert!(!found.is_empty(), "{source} has evidence");
        for e in found {
            assert_eq!(e["message_id"], id, "{source}: {e}");
            assert!(e.get("page").is_none(), "{source}: {e}");
        }
    }
    build(dir.path(), "lists")?;
    let csv = query_csv(
        &dir.path().join("store"),
        "SELECT ?file ?id WHERE { ?person foaf:name \"Aiko Tanaka\" . \
         ?attendance a meetkg:Attendance ; meetkg:participant ?person ; \
         prov:wasDerivedFrom ?selector . ?selector meetkg:messageId ?id ; \
         dcterms:source/dcterms:identifier ?file } ORDER BY ?file",
    )?;
    assert_eq!(
        csv,
        "file,id\nmid:m1@example.org,m1@example.org\nmid:m3@example.org,m3@example.org\n"
    );
    Ok(())
}

/// A message is known by its Message-ID, not by its place in a file: an
/// archive that grows at its start and is re-ordered keeps every message's
/// graph, and only the new message is extracted and written. Known by
/// number, each would have been another report.
#[test]
fn a_message_keeps_its_record_when_its_archive_grows_or_is_reordered() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("lists"))?;
    let archive = dir.path().join("lists/board.mbox");
    let all = messages();
    std::fs::write(&archive, mbox(&all[..3]))?;
    build(dir.path(), "lists")?;
    let reordered = [
        all[2].clone(),
        all[0].clone(),
        message(5, MESSAGES[2]).replace("16 May 2024\n", "23 May 2024\n"),
        all[1].clone(),
    ];
    std::fs::write(&archive, mbox(&reordered))?;
    let again = build(dir.path(), "lists")?;
    assert!(
        again.contains("1 reports extracted, 3 from the cache; 1 graphs rewritten, 0 dropped"),
        "{again}"
    );
    let reports = extract(&dir.path().join("lists"))?;
    assert_eq!(
        reports.keys().collect::<Vec<_>>(),
        [
            "mid:m1@example.org",
            "mid:m2@example.org",
            "mid:m3@example.org",
            "mid:m5@example.org"
        ]
    );
    Ok(())
}

/// The list's archive and a member's own copy hold the same message (one
/// Message-ID): it is one report, read from the first file, and the other
/// copy is named beside it on stderr.
#[test]
fn two_copies_of_one_message_are_one_record_and_named() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("lists/mine"))?;
    let all = messages();
    std::fs::write(dir.path().join("lists/board.mbox"), mbox(&all))?;
    std::fs::write(dir.path().join("lists/mine/kept.eml"), &all[2])?;
    let out = meetkg()
        .arg("extract")
        .arg(dir.path().join("lists"))
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let sources: Vec<String> = String::from_utf8(out.stdout)?
        .lines()
        .map(|l| Ok(serde_json::from_str::<Value>(l)?["source"].to_string()))
        .collect::<Result<_>>()?;
    assert_eq!(
        sources,
        [
            "\"mid:m1@example.org\"",
            "\"mid:m2@example.org\"",
            "\"mid:m3@example.org\""
        ]
    );
    let archive = dir.path().join("lists/board.mbox");
    let copy = dir.path().join("lists/mine/kept.eml");
    let note = format!(
        "mid:m3@example.org: the same message is in {}, message 3 and in {}; read once",
        archive.display(),
        copy.display()
    );
    assert!(stderr.contains(&note), "{stderr}");
    Ok(())
}

/// A reply keeps the messages it answers (`In-Reply-To:`, `References:`) in
/// its report, in `extract` JSON and in the store, where its report
/// `dcterms:references` the report of the message it replies to; what it
/// quotes of that message is still not its facts.
#[test]
fn a_replys_report_links_to_the_report_it_answers() -> Result {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join("lists"))?;
    let mut all = messages();
    all[1] = all[1].replace(
        "MIME-Version:",
        "In-Reply-To: <m1@example.org>\n\
         References: <m0@example.org>\n <m1@example.org>\nMIME-Version:",
    );
    std::fs::write(dir.path().join("lists/board.mbox"), mbox(&all))?;
    let reports = extract(&dir.path().join("lists"))?;
    let reply = &reports["mid:m2@example.org"];
    assert_eq!(reply["in_reply_to"], serde_json::json!(["m1@example.org"]));
    assert_eq!(
        reply["references"],
        serde_json::json!(["m0@example.org", "m1@example.org"])
    );
    let text = reply.to_string();
    assert!(
        !text.contains("Quoteman") && !text.contains("Replysmith"),
        "{text}"
    );
    let first = &reports["mid:m1@example.org"];
    assert!(first.get("in_reply_to").is_none() && first.get("references").is_none());
    build(dir.path(), "lists")?;
    let csv = query_csv(
        &dir.path().join("store"),
        "SELECT ?reply ?answered WHERE { ?r dcterms:references ?a ; \
         dcterms:identifier ?reply . ?a dcterms:identifier ?answered }",
    )?;
    assert_eq!(
        csv,
        "reply,answered\nmid:m2@example.org,mid:m1@example.org\n"
    );
    Ok(())
}

/// A message page as HyperKitty (Mailman 3) writes it, around `body`
/// (HTML-escaped, its line breaks kept as the page keeps them), with what
/// the message quoted folded away as HyperKitty folds it.
fn hyperkitty_page(body: &str, quoted: &str) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let (body, quoted) = (escape(body), escape(quoted));
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harbour Cooperative Board - Minutes - Board - lists.example.org</title></head>
<body>
<nav class="navbar navbar-expand-md"><a class="navbar-brand" href="/archives/">Mailing lists</a>
 <ul class="nav"><li><a href="/accounts/login/">Sign In</a></li></ul></nav>
<div class="container-fluid">
 <div class="row">
  <div class="col-md-2 d-none d-md-block"><h2>Board</h2>
   <ul class="list-unstyled"><li><a href="/list/board/2024/5/">May 2024</a></li><li>Agenda for Kim Navlink</li></ul></div>
  <div class="col-md-7">
   <div class="message-header row">
    <div class="col-2 message-back"><a href="/list/board/thread/T1/#M1"><span class="fa fa-chevron-left"></span><span class="d-none d-md-inline">thread</span></a></div>
    <div class="col-10"><h1>Harbour Cooperative Board - Minutes</h1></div>
   </div>
   <section id="thread-content">
    <div class="email email-first">
     <div id="M1" class="email-header">
      <div class="gravatar-wrapper">
       <div class="gravatar"><img class="gravatar" src="/avatar/ines.png" width="120" height="120" alt=""></div>
       <div class="email-author"><span class="name"><a href="/users/12/" title="See the profile for Ines Moreau">Ines Moreau</a></span></div>
      </div>
      <div class="email-date right">
       <span class="date d-none d-sm-inline">Tuesday, 14 May 2024</span>
       <span class="date d-sm-none">Tue, 14 May '24</span>
       <div class="time"><span title="Sender's time: May 14, 2024, 10 a.m.">10:00</span></div>
      </div>
      <div class="messagelink right"><a href="/list/board/message/M1/" title="Permalink for this message"><i class="fa fa-link"></i></a></div>
     </div>
     <div class="email-body">
{body}
On Mon, Robin Quoteman wrote:
<div class="quoted-switch"><a style="font-weight:normal" href="#">...</a></div><div class="quoted-text">{quoted}</div>
     </div>
     <div class="email-info">
      <div class="likeform-wrapper right"><div class="messagelink pull-right"><span class="fa fa-font"></span></div>
       <form method="post" class="likeform"><a class="youlike vote" href="#like">+0</a><a class="youdislike vote" href="#dislike">-0</a></form></div>
      <a class="reply reply-mailto" href="mailto:board@lists.example.org?Subject=Re%3A%20Minutes&amp;In-Reply-To=%3Cm1%40example.org%3E">Reply</a>
     </div>
    </div>
   </section>
  </div>
  <div class="col-md-3"><a href="/list/board/thread/T1/">Back to the thread</a><p>Next: Re: Minutes from Lee Nextlink</p></div>
 </div>
</div>
<footer class="footer"><p>Powered by HyperKitty version 1.3.9.</p></footer>
</body></html>
"##
    )
}

/// A HyperKitty message page is read as the message it holds, as a
/// pipermail page is: sender, date and subject as a mail's header lines,
/// the message's own words, none of the archive's furniture nor the quote.
#[test]
fn a_hyperkitty_page_extracts_as_its_message() -> Result {
    let dir = tempfile::tempdir()?;
    for d in ["page", "text"] {
        std::fs::create_dir(dir.path().join(d))?;
    }
    let (_, _, _, body) = MESSAGES[0];
    let page = hyperkitty_page(body, "> Kim Replysmith will attend.\n");
    std::fs::write(dir.path().join("page/message.html"), page)?;
    let text = format!(
        "From: Ines Moreau\nDate: Tuesday, 14 May 2024 10:00\n\
         Subject: Harbour Cooperative Board - Minutes\n\n{body}"
    );
    std::fs::write(dir.path().join("text/message.txt"), text)?;
    let page = extract(&dir.path().join("page"))?;
    let text = extract(&dir.path().join("text"))?;
    assert_eq!(page["message.html"], text["message.txt"]);
    let all = page["message.html"].to_string();
    for furniture in [
        "Navlink",
        "Nextlink",
        "Quoteman",
        "Replysmith",
        "HyperKitty",
        "thread",
        "Sign In",
    ] {
        assert!(!all.contains(furniture), "{furniture} in {all}");
    }
    Ok(())
}
