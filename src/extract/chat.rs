//! Chat logs (IRC, Matrix, meeting bots): who speaks under which handle, and
//! the names a log ties to its handles.
//!
//! Rationale: in a chat log people are known by a handle (`<spwhitton>`,
//! `<@zbyszek:fedora.im>`); the name is given only where someone answers a
//! roll call with it (`<fil> Philip Hands`) or a bot answers for them
//! (`<zodbot> Kevin Fenzi (kevin)`). The handle is the person where nothing
//! names them; where the log does, the name is, and the handle is an alias.

use super::extractor::Extractor;
use crate::text::Text;
use crate::words::fold;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `<nick> text`, after an optional line number and time stamp ("12 ",
/// "18:58:58 ", "[18:58] ", "2024-07-23 17:00:03 "), with an optional channel
/// mode (`<@nick>`) and a Matrix server (`<@nick:fedora.im>`): the handle in
/// group 1, what was said in group 2.
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\d{1,6}\s+)?(?:\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\]?\s+)?<[@+%&~]?([A-Za-z][\w.\-|]{0,30})(?::[\w.\-]+)?>\s+(\S.*)$",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// `20:01 * ulm is here too`: an action ("/me"), after a time stamp (a line
/// opening with "* " alone is a list item), the handle in group 1.
static EMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\d{1,6}\s+)?\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\]?\s+\*\s+([A-Za-z][\w.\-|]{0,30})\s+(\S.*)$",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// `Kevin Fenzi (kevin) - he / him`: a bot's answer naming the one who asked.
static BOT_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^()]{3,60}?)\s*\(([\w.\-|]{1,31})\)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// "@conan_kudo:matrix.org": a Matrix user, a person named by handle
/// wherever the text writes it (a chair list, an address).
static MATRIX_USER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s,;(])@([A-Za-z][\w.\-]{0,30}):[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// "spwhitton (42)": a meeting bot's roll line, a handle and the lines it said.
static COUNTED_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z][\w.\-|]{0,30}) \((\d{1,6})\)$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// "#3230 ": a ticket's number before an agenda item's title.
static TICKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#\d+\s+").unwrap_or_else(|e| unreachable!("static regex: {e}")));

/// A handle and the lines it said, as a meeting bot's roll gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountedHandle<'a> {
    pub handle: &'a str,
    pub lines: u32,
}

/// The handle and count of a roll line "spwhitton (42)", the handle first.
pub fn counted_handle(s: &str) -> Option<CountedHandle<'_>> {
    let c = COUNTED_HANDLE.captures(s)?;
    Some(CountedHandle {
        handle: c.get(1)?.as_str(),
        lines: c.get(2)?.as_str().parse().ok()?,
    })
}

/// One turn of a chat log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn<'a> {
    pub handle: &'a str,
    pub said: &'a str,
}

/// The turn a line of a chat log is, if it is one.
pub fn turn(line: &str) -> Option<Turn<'_>> {
    let c = TURN.captures(line).or_else(|| EMOTE.captures(line))?;
    Some(Turn {
        handle: without_away_suffix(c.get(1)?.as_str()),
        said: c.get(2)?.as_str(),
    })
}

/// "fmccor|home" is fmccor, away: IRC users mark a state after a bar.
fn without_away_suffix(handle: &str) -> &str {
    handle.split('|').next().unwrap_or(handle)
}

/// The handles that came into the channel, with their lines: people there,
/// whether or not they said anything.
pub fn joins<'a>(text: &'a Text, ex: &Extractor) -> Vec<(&'a str, usize)> {
    text.lines
        .iter()
        .filter_map(|l| {
            Some((
                ex.lex.prose.chat_join.captures(l.text())?.get(1)?.as_str(),
                l.number,
            ))
        })
        .map(|(h, n)| (without_away_suffix(h), n))
        .filter(|(h, _)| !is_bot(h, ex))
        .collect()
}

/// The agenda a chat log keeps: what its chairs opened with a meeting-bot
/// command (`#topic Roll call`, `!topic #3230 Mass license change`), without
/// a leading ticket number, in order.
pub fn topics(text: &Text, commands: &[String]) -> Vec<String> {
    commanded(text, commands)
        .map(|rest| TICKET.replace(rest.trim(), "").trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The name a chair gave the meeting in the bot command that opened it
/// (`#startmeeting Technical Board`, `!startmeeting FESCO (2024-07-23)`):
/// how a chat log without a title names its series. The first command
/// with a name wins; a bare `#startmeeting` names nothing.
pub fn meeting_name<'a>(text: &'a Text, commands: &[String]) -> Option<&'a str> {
    commanded(text, commands)
        .map(str::trim)
        .find(|name| !name.is_empty())
}

/// What follows each meeting-bot command of `commands` (without its sigil
/// "#" or "!") in a turn of the log, in order.
fn commanded<'t: 'c, 'c>(
    text: &'t Text,
    commands: &'c [String],
) -> impl Iterator<Item = &'t str> + 'c {
    text.lines.iter().filter_map(move |l| {
        let t = turn(l.text())?;
        let (command, rest) = t.said.split_once(' ').unwrap_or((t.said, ""));
        let command = command.strip_prefix(['#', '!'])?;
        commands
            .iter()
            .any(|c| c.eq_ignore_ascii_case(command))
            .then_some(rest)
    })
}

/// The handle a chat log names as its meeting's chair, with its line: the
/// one a meeting bot names (`[chat-chair-phrases]`: "The chair is marga.",
/// "Meeting started by rbasak at 20:05:41 UTC"), else whoever opened the
/// meeting with a start command (`#startmeeting`). A bot, or a word of the
/// language, is no one's handle.
pub fn chair<'a>(text: &'a Text, ex: &Extractor) -> Option<(&'a str, usize)> {
    let someone = |h: &str| {
        !is_bot(h, ex) && h.len() <= 31 && !ex.lex.common_words.contains(&h.to_lowercase())
    };
    let named = text.lines.iter().find_map(|l| {
        let c = ex.lex.prose.chat_chair.captures(l.text())?;
        let h = c.get(1)?.as_str();
        someone(h).then_some((h, l.number))
    });
    let named = named.filter(|_| is_chat_log(text, ex));
    named.or_else(|| {
        text.lines.iter().find_map(|l| {
            let t = turn(l.text())?;
            let command = t.said.split_whitespace().next()?;
            (is_start_command(command, ex) && someone(t.handle)).then_some((t.handle, l.number))
        })
    })
}

/// A chat log, or a meeting bot's minutes of one: a line that is a turn, a
/// roll's line counting the lines a handle said ("rbasak (131)"), or one
/// holding a start command ("#startmeeting").
fn is_chat_log(text: &Text, ex: &Extractor) -> bool {
    text.lines.iter().any(|l| {
        let t = l.text();
        let item = t[crate::text::list_marker(t).unwrap_or(0)..].trim();
        turn(t).is_some()
            || counted_handle(item).is_some()
            || t.split_whitespace().any(|w| is_start_command(w, ex))
    })
}

/// "#startmeeting", "!startmeeting": a command of `[chat-start-commands]`
/// with its sigil.
fn is_start_command(word: &str, ex: &Extractor) -> bool {
    word.strip_prefix(['#', '!']).is_some_and(|c| {
        ex.lex
            .chat_start_commands
            .iter()
            .any(|s| s.eq_ignore_ascii_case(c))
    })
}

/// A meeting bot or a service of the network: `[chat-bots]`, or a handle
/// ending in "bot".
pub fn is_bot(handle: &str, ex: &Extractor) -> bool {
    let f = fold(handle);
    f.ends_with("bot") || ex.lex.chat_bots.contains(&f)
}

/// A name the log ties to a handle, and the line that ties them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub handle: String,
    pub name: String,
    pub line: usize,
}

/// The names the log gives its handles: a turn that is a name alone (the
/// answer to a roll call), or a bot's answer "Name (handle)" to the one who
/// spoke just before. The first name given a handle holds. `full_name` is
/// the person recogniser's: the name a text is, whole, if it is one.
pub fn identities(
    text: &Text,
    ex: &Extractor,
    full_name: impl Fn(&str) -> Option<String>,
) -> Vec<Identity> {
    let mut out: Vec<Identity> = Vec::new();
    let mut last_person: Option<&str> = None;
    for line in &text.lines {
        let Some(t) = turn(line.text()) else { continue };
        let named = if is_bot(t.handle, ex) {
            last_person.zip(bot_answer(t.said).and_then(&full_name))
        } else {
            last_person = Some(t.handle);
            full_name(t.said.trim().trim_end_matches(['.', '!'])).map(|name| (t.handle, name))
        };
        if let Some((handle, name)) = named {
            if !out.iter().any(|i| fold(&i.handle) == fold(handle)) {
                out.push(Identity {
                    handle: handle.to_owned(),
                    name,
                    line: line.number,
                });
            }
        }
    }
    out
}

/// The Matrix users the text names outside the turns' labels, with their lines.
pub fn matrix_users<'a>(text: &'a Text, ex: &Extractor) -> Vec<(&'a str, usize)> {
    let mut out = Vec::new();
    for line in &text.lines {
        let t = line.text();
        let said = turn(t).map_or(t, |turn| turn.said);
        for c in MATRIX_USER.captures_iter(said) {
            if let Some(h) = c.get(1) {
                if !is_bot(h.as_str(), ex) {
                    out.push((h.as_str(), line.number));
                }
            }
        }
    }
    out
}

/// The handles' names, by folded handle.
pub fn names_by_handle(identities: &[Identity]) -> HashMap<String, String> {
    identities
        .iter()
        .map(|i| (fold(&i.handle), i.name.clone()))
        .collect()
}

/// "Kevin Fenzi (kevin) - he / him / his": what stands before the handle.
fn bot_answer(said: &str) -> Option<&str> {
    let c = BOT_ANSWER.captures(said.trim())?;
    Some(c.get(1)?.as_str().trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_of_irc_and_matrix_logs() {
        let t = turn("18:59:08 <spwhitton> Sean Whitton").expect("a turn");
        assert_eq!((t.handle, t.said), ("spwhitton", "Sean Whitton"));
        let t = turn("2024-07-23 17:00:16 <@zbyszek:fedora.im> !hi").expect("a turn");
        assert_eq!(t.handle, "zbyszek");
        let t = turn("[10:02] <@op> ok").expect("a turn");
        assert_eq!(t.handle, "op");
        assert_eq!(turn("1. <b>Agenda</b>"), None);
        assert_eq!(turn("Present: ravi, tamsin"), None);
        let t = turn("20:03 * fmccor|home also logs").expect("an action");
        assert_eq!((t.handle, t.said), ("fmccor", "also logs"));
        assert_eq!(turn("* Budget review"), None);
    }

    #[test]
    fn matrix_users_are_named_by_handle() {
        let users = |t: &str| {
            MATRIX_USER
                .captures_iter(t)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            users("Chairs: @conan_kudo:matrix.org, @ngompa:fedora.im"),
            ["conan_kudo", "ngompa"]
        );
        assert!(users("write to ana@example.org").is_empty());
    }
}
