//! The body a record names in the phrase that says what the record is:
//! "Minutes of the Regular Meeting of the Plymouth City Council held on",
//! "Protokoll der ord. Generalversammlung des Sportverein X am 28. August",
//! "Compte-rendu du Conseil du DLST Lundi 30 mars", "Draft Minutes of UTC
//! Meeting 143".
//!
//! Rationale: whatever the kind of body or the language, a record that names
//! its body does so in this shape: a record word or a meeting noun, a
//! genitive link, then the body's name as a run of capitalised words and small
//! connectors that ends where running text starts again (a lower-case verb,
//! a date, a meeting noun, punctuation). Every word of the shape is data
//! (`[record-words]`, `[meeting-nouns]`, `[assemblies]`, `[genitive-links]`,
//! `[body-connectors]`...), so a new language is a lexicon edit. A name read
//! in capitals has lost its case and its stops; one in mixed case wins over
//! it, and in capitals the run must hold a body word.

use crate::words::fold;
use crate::words::lexicons::FrameWords;
use crate::words::Lexicons;
use regex::Regex;
use std::sync::LazyLock;

/// A word (with inner hyphens, apostrophes and dots: "Leibniz-Sozietät",
/// "P802.11", "ord.") or one other character.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’]*(?:[-.][\p{L}\p{N}][\p{L}\p{N}'’]*)*\.?|[^\s]")
        .unwrap_or_else(|e| panic!("the token pattern: {e}"))
});
/// A word broken across a line in a PDF: "Super- visors".
static BROKEN_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Ll})- (\p{Ll})").unwrap_or_else(|e| panic!("the hyphen pattern: {e}"))
});

/// A short parenthetical: an acronym or aside ("(WG)", "(the “Board”)").
static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\([^)]{1,24}\)").unwrap_or_else(|e| panic!("the parenthetical pattern: {e}"))
});

/// How much of a title line or sentence is read for the phrase.
const MAX_PLACE_BYTES: usize = 4096;

/// The longest body name taken, in words.
const MAX_BODY_WORDS: usize = 12;

struct Token<'a> {
    text: &'a str,
    folded: String,
    start: usize,
    end: usize,
}

impl Token<'_> {
    fn is_word(&self) -> bool {
        self.text.starts_with(char::is_alphanumeric)
    }
    fn is_capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }
    fn is_number(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
    }
}

/// A body named in a place, and how far it can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPhrase {
    pub name: String,
    pub evidence: Evidence,
}

/// What a [`BodyPhrase`] rests on, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A name in capitals: its case and the lower-case words that end a name
    /// are lost.
    Capitals,
    /// An assembly with no body after it ("Annual General Meeting").
    Assembly,
    /// A body's name in mixed case after its link.
    Named,
}

/// The best-founded body the places name, a body named over a kind of body
/// ("Minutes of Board Meeting No. 11" above "the Board of Trustees of the
/// X Society"); among equals, the first.
pub fn find(places: &[&str], lex: &Lexicons) -> Option<BodyPhrase> {
    let rank = |b: &BodyPhrase| (b.evidence, !is_generic_body(&b.name, lex));
    let mut best: Option<(BodyPhrase, _)> = None;
    for place in places {
        for found in in_place(place, lex) {
            let r = rank(&found);
            if best.as_ref().is_none_or(|(_, b)| r > *b) {
                best = Some((found, r));
            }
        }
    }
    best.map(|(b, _)| b)
}

/// A body's name made of body words and their complements alone ("Board",
/// "Board of Directors"): it says what kind of body, not which.
pub fn is_generic_body(name: &str, lex: &Lexicons) -> bool {
    name.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        lex.body_words.contains(&w) || lex.body_complements.contains(&w)
    })
}

/// The organisation a series names: the series itself, or, for an
/// assembly, the body it is the assembly of ("Generalversammlung des
/// Sportverein X" is of "Sportverein X"); none for an assembly alone ("Annual
/// General Meeting" is a meeting, not an organisation).
pub fn organisation_of_series<'a>(series: &'a str, lex: &Lexicons) -> Option<&'a str> {
    let tokens = tokens(series);
    let words = &lex.frame;
    match head_at(&tokens, 0, words) {
        Some((end, Head::Assembly)) => {
            let k = after_link(&tokens, end, Head::Assembly, words)?;
            let start = tokens.get(k)?.start;
            Some(series[start..].trim()).filter(|s| !s.is_empty())
        }
        _ => Some(series),
    }
}

/// A body named only by what kind of body it is ("Conseil Municipal") with
/// the place the record says it is of: after the body's name and a link ("le
/// Conseil Municipal de la Commune de CHARCHIGNE", "les membres du Conseil
/// Municipal de Barneville-Carteret"), else on a letterhead line of a place
/// head ("COMMUNE DE SAINT VINCENT DE DURFORT"): "Conseil Municipal de
/// Charchigne". `None` where no place is named.
pub fn with_place(series: &str, places: &[&str], lex: &Lexicons) -> Option<String> {
    let key: Vec<String> = tokens(series).into_iter().map(|t| t.folded).collect();
    if key.is_empty() {
        return None;
    }
    let after_body = places.iter().find_map(|place| {
        let tokens = tokens(opening(place));
        (0..tokens.len())
            .filter(|&i| {
                key.len() <= tokens.len() - i
                    && key.iter().zip(&tokens[i..]).all(|(k, t)| *k == t.folded)
            })
            .find_map(|i| place_after_link(&tokens, i + key.len(), lex))
    });
    let letterhead = || {
        places.iter().find_map(|place| {
            let tokens = tokens(opening(place));
            tokens
                .first()
                .filter(|t| lex.place_heads.contains(&t.folded))?;
            place_after_link(&tokens, 1, lex).filter(|(_, end)| *end == tokens.len())
        })
    };
    if let Some((place, _)) = after_body.or_else(letterhead) {
        return Some(format!("{series} {place}"));
    }
    let place = places
        .iter()
        .find_map(|place| head_last_place(place, lex))?;
    Some(format!("{place} {series}"))
}

/// "ORANGE COUNTY, CALIFORNIA", "Westvale City": a letterhead line whose
/// name ends in a place head, before an optional comma and region; the name
/// as a name is written ("Orange County").
fn head_last_place(place: &str, lex: &Lexicons) -> Option<String> {
    let line = opening(place);
    let name = line.split(',').next()?.trim();
    let tokens = tokens(name);
    let words = &lex.frame;
    let plausible = (2..=4).contains(&tokens.len())
        && tokens
            .iter()
            .all(|t| t.is_word() && t.is_capitalised() && !t.is_number())
        && tokens
            .last()
            .is_some_and(|t| lex.place_heads.contains(&t.folded))
        && !tokens
            .iter()
            .any(|t| lex.body_words.contains(&t.folded) || words.dates.contains(&t.folded));
    plausible.then(|| {
        let name: Vec<String> = tokens.iter().map(|t| place_word(t, words)).collect();
        name.join(" ")
    })
}

/// The place named from token `k`: a link, then, past an article and a place
/// head with its own link ("de la Commune de"), a run of capitalised words
/// and connectors; with the last link, as the series takes it ("de
/// Charchigne"), and the token where the run ends.
fn place_after_link(tokens: &[Token], k: usize, lex: &Lexicons) -> Option<(String, usize)> {
    let words = &lex.frame;
    let mut link = k;
    let mut n = phrase_len(tokens, link, &words.links)?;
    let mut start = skip_article(tokens, link + n, words);
    if tokens
        .get(start)
        .is_some_and(|t| lex.place_heads.contains(&t.folded))
    {
        link = start + 1;
        n = phrase_len(tokens, link, &words.links)?;
        start = skip_article(tokens, link + n, words);
    }
    let mut end = start;
    while tokens.get(end).is_some_and(|t| {
        t.is_word()
            && !t.is_number()
            && (t.is_capitalised() || words.connectors.contains(&t.folded))
    }) {
        end += 1;
    }
    while end > start && words.connectors.contains(&tokens[end - 1].folded) {
        end -= 1;
    }
    let run = &tokens[start..end];
    let plausible = !run.is_empty()
        && run.len() <= MAX_BODY_WORDS
        && !run
            .iter()
            .any(|t| lex.body_words.contains(&t.folded) || words.dates.contains(&t.folded));
    if !plausible {
        return None;
    }
    let link_words: Vec<String> = tokens[link..link + n]
        .iter()
        .map(|t| t.text.to_lowercase())
        .collect();
    let name: Vec<String> = run.iter().map(|t| place_word(t, words)).collect();
    Some((format!("{} {}", link_words.join(" "), name.join(" ")), end))
}

/// A word of a place's name as a name is written: "SAINT-VINCENT" is
/// "Saint-Vincent", "DE" between words "de".
fn place_word(token: &Token, words: &FrameWords) -> String {
    if words.connectors.contains(&token.folded) {
        return token.text.to_lowercase();
    }
    if token.text.chars().any(char::is_lowercase) {
        return token.text.to_owned();
    }
    token
        .text
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The words and signs of `text`, folded.
fn tokens(text: &str) -> Vec<Token<'_>> {
    TOKEN
        .find_iter(text)
        .map(|m| Token {
            text: m.as_str(),
            folded: fold(m.as_str()),
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// The first [`MAX_PLACE_BYTES`] of a place: a record names its body near a
/// line's or sentence's start, and a one-line report of megabytes must not
/// be read word by word here.
fn opening(place: &str) -> &str {
    if place.len() <= MAX_PLACE_BYTES {
        return place;
    }
    let mut end = MAX_PLACE_BYTES;
    while !place.is_char_boundary(end) {
        end -= 1;
    }
    &place[..end]
}

/// The bodies the phrase names in one title line or sentence.
fn in_place(place: &str, lex: &Lexicons) -> Vec<BodyPhrase> {
    // "the IGF MAG's Working Group (WG) on IGF Strengthening": the short
    // parenthetical is an aside inside the name.
    let plain = PARENTHETICAL.replace_all(opening(place), "");
    let joined = BROKEN_WORD.replace_all(&plain, "$1$2");
    let text = joined.as_ref();
    let tokens = tokens(text);
    let words = &lex.frame;
    (0..tokens.len())
        .filter_map(|i| phrase_at(text, &tokens, i, words, lex))
        .collect()
}

/// The body named by a phrase whose head (a record word, meeting noun or
/// assembly) starts at token `i`.
fn phrase_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    words: &FrameWords,
    lex: &Lexicons,
) -> Option<BodyPhrase> {
    let (mut end, head) = head_at(tokens, i, words)?;
    let mut last = head;
    let mut assembly = (head == Head::Assembly).then_some(i);
    // "Minutes of the Third Annual General Meeting", "Bericht von der 9.
    // Generalversammlung": a chain of heads, the last one counts.
    while let Some((start, next, head)) = chained_head(tokens, end, words) {
        if head == Head::Assembly {
            assembly = Some(start);
        }
        (end, last) = (next, head);
    }
    let body = after_link(tokens, end, last, words).and_then(|k| body_run(tokens, k, words, lex));
    let span = |a: usize, b: usize| text[a..b].trim_end_matches('.').to_owned();
    match (assembly, body) {
        // "Annual General Meeting of the Board of Trustees": the body; but
        // "Generalversammlung des Sportverein X": the assembly is the body's.
        (Some(a), Some(body)) if !body.names_body => Some(BodyPhrase {
            name: span(tokens[a].start, body.end),
            evidence: body.evidence,
        }),
        (Some(a), None) => Some(BodyPhrase {
            name: span(tokens[a].start, tokens[end - 1].end),
            evidence: if in_capitals(&tokens[a..end]) {
                Evidence::Capitals
            } else {
                Evidence::Assembly
            },
        }),
        (_, Some(body)) => Some(BodyPhrase {
            name: span(body.start, body.end),
            evidence: body.evidence,
        }),
        (None, None) => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    Record,
    Meeting,
    Assembly,
}

/// A head at token `i`: its end and kind.
fn head_at(tokens: &[Token], i: usize, words: &FrameWords) -> Option<(usize, Head)> {
    if let Some(n) = phrase_len(tokens, i, &words.assemblies) {
        return Some((i + n, Head::Assembly));
    }
    if let Some(n) = phrase_len(tokens, i, &words.records) {
        return Some((i + n, Head::Record));
    }
    phrase_len(tokens, i, &words.meetings).map(|n| (i + n, Head::Meeting))
}

/// After a head ending at `end`: a link (optional), qualifiers and another
/// head; the new head's start, end and kind.
fn chained_head(tokens: &[Token], end: usize, words: &FrameWords) -> Option<(usize, usize, Head)> {
    let mut k =
        phrase_len(tokens, end, &words.links).map_or(end, |n| skip_article(tokens, end + n, words));
    loop {
        if let Some((next, head)) = head_at(tokens, k, words) {
            return Some((k, next, head));
        }
        let t = tokens.get(k)?;
        if !(words.qualifiers.contains(&t.folded) || t.is_number()) {
            return None;
        }
        k += 1;
    }
}

/// The token after the link that follows a head at `k` (and its article):
/// a genitive link, or a dash after a record word ("Compte-rendu –
/// CA SMAI – 30 septembre").
fn after_link(tokens: &[Token], k: usize, head: Head, words: &FrameWords) -> Option<usize> {
    if let Some(n) = phrase_len(tokens, k, &words.links) {
        let k = skip_article(tokens, k + n, words);
        return Some(skip_date(tokens, k, words));
    }
    let dash = tokens
        .get(k)
        .is_some_and(|t| matches!(t.text, "-" | "–" | "—"));
    (head == Head::Record && dash).then_some(k + 1)
}

/// "Minutes of the 2017-11-29 IAB Teleconference", "Notes of the 5 May
/// Board meeting": a date between the link and the body's name is passed
/// over, when a capitalised word follows it.
fn skip_date(tokens: &[Token], k: usize, words: &FrameWords) -> usize {
    let in_date = |t: &Token| {
        t.is_number() || words.dates.contains(&t.folded) || matches!(t.text, "-" | "/" | "." | ",")
    };
    let run = tokens.get(k..).unwrap_or_default();
    let mut n = run.iter().take_while(|t| in_date(t)).count();
    // "Réunion du 26/02/2008 - Compte-rendu": a date ends on its number.
    while n > 0 && !run[n - 1].is_word() {
        n -= 1;
    }
    let dated = run[..n].iter().any(Token::is_number);
    let end = k + n;
    let named_after = tokens
        .get(end)
        .is_some_and(|t| t.is_word() && t.is_capitalised());
    if dated && named_after {
        end
    } else {
        k
    }
}

fn skip_article(tokens: &[Token], k: usize, words: &FrameWords) -> usize {
    let article = tokens
        .get(k)
        .is_some_and(|t| words.articles.contains(&t.folded) && tokens.get(k + 1).is_some());
    k + usize::from(article)
}

/// How many tokens from `i` one of `phrases` (longest first) covers.
fn phrase_len(tokens: &[Token], i: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases.iter().find_map(|p| {
        let fits = p.len() <= tokens.len().saturating_sub(i)
            && p.iter().zip(&tokens[i..]).all(|(w, t)| *w == t.folded);
        fits.then_some(p.len())
    })
}

/// Whether a run of words was written in capitals: most of its words are
/// capitals, and one is longer than an acronym ("BOARD OF EDUCATION", not
/// "CA SMAI": acronyms are names as written).
fn in_capitals(run: &[Token]) -> bool {
    let capitals = |t: &&Token| {
        t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.text.chars().any(char::is_lowercase)
    };
    let caps = run.iter().filter(capitals).count();
    let long = run
        .iter()
        .filter(capitals)
        .any(|t| t.text.chars().count() > 5);
    run.len() > 1 && caps * 2 >= run.len() && long
}

struct Run {
    start: usize,
    end: usize,
    evidence: Evidence,
    /// It holds a body word ("Board", "Council").
    names_body: bool,
}

/// Whether the body's name begun at token `k` runs on over token `at`: a
/// capitalised word, a connector, a number after "No." or an edition's year
/// inside the name; not a date, a meeting noun, or a word
/// that ends a name; in a name begun in capitals, not a word in lower case.
fn runs_on(tokens: &[Token], k: usize, at: usize, words: &FrameWords) -> bool {
    let t = &tokens[at];
    let numbered =
        t.is_number() && at > k && matches!(tokens[at - 1].folded.as_str(), "no" | "nr" | "n");
    // "the IGF Uruguay 2025 Organising Committee": an edition's year inside.
    let inner_year = t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && tokens
            .get(at + 1)
            .is_some_and(|n| n.is_capitalised() && !words.dates.contains(&n.folded));
    let begun_in_capitals = at >= k + 2 && in_capitals(&tokens[k..k + 2]);
    let case_breaks = begun_in_capitals
        && t.text.chars().any(char::is_lowercase)
        && !words.connectors.contains(&t.folded);
    t.is_word()
        && !words.dates.contains(&t.folded)
        && !words.enders.contains(&t.folded)
        && phrase_len(tokens, at, &words.meetings).is_none()
        && !case_breaks
        && (t.is_capitalised() && !t.is_number()
            || numbered
            || inner_year
            || words.connectors.contains(&t.folded))
}

/// The body's name from token `k`, up to where running text, a date, a
/// meeting noun or punctuation starts; without the qualifiers and connectors
/// at its ends ("REGULAR BOARD OF EDUCATION", "MAG Virtual").
fn body_run(tokens: &[Token], k: usize, words: &FrameWords, lex: &Lexicons) -> Option<Run> {
    let mut end = k;
    while end < tokens.len() && end - k < MAX_BODY_WORDS && runs_on(tokens, k, end, words) {
        end += 1;
    }
    let trimmed =
        |t: &Token| words.qualifiers.contains(&t.folded) || words.connectors.contains(&t.folded);
    let mut start = k;
    while start < end && trimmed(&tokens[start]) {
        start += 1;
    }
    while end > start && trimmed(&tokens[end - 1]) {
        end -= 1;
    }
    if start == end {
        return None;
    }
    let names_body = tokens[start..end]
        .iter()
        .any(|t| lex.body_words.contains(&t.text.to_lowercase()));
    let evidence = if in_capitals(&tokens[start..end]) {
        Evidence::Capitals
    } else {
        Evidence::Named
    };
    if evidence == Evidence::Capitals && !names_body {
        return None;
    }
    Some(Run {
        start: tokens[start].start,
        end: tokens[end - 1].end,
        evidence,
        names_body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(place: &str) -> Option<String> {
        find(&[place], &Lexicons::for_tests()).map(|b| b.name)
    }

    #[test]
    fn a_date_between_the_link_and_the_body_is_passed_over() {
        assert_eq!(
            body("Minutes of the 2017-11-29 XYZ Teleconference (Business Meeting)").as_deref(),
            Some("XYZ")
        );
        assert_eq!(body("Réunion du 26/02/2008 - Compte-rendu"), None);
    }

    #[test]
    fn a_body_named_outranks_a_kind_of_body_named_first() {
        let lex = Lexicons::for_tests();
        let places = [
            "Minutes of Board Meeting No. 11",
            "The Annual Meeting of the Board of Trustees of the Example Society was held in May.",
        ];
        assert_eq!(
            find(&places, &lex).map(|b| b.name).as_deref(),
            Some("Board of Trustees of the Example Society")
        );
    }

    #[test]
    fn the_body_after_a_meeting_noun_ends_where_running_text_starts() {
        assert_eq!(
            body("Mayor Tierney called a Regular Meeting of the Harbour City Council to order at 7 p.m.")
                .as_deref(),
            Some("Harbour City Council")
        );
        assert_eq!(
            body("Minutes of October Ordinary Meeting of Westvale County Council held on Monday")
                .as_deref(),
            Some("Westvale County Council")
        );
    }

    #[test]
    fn a_body_named_by_its_kind_takes_the_place_the_record_names() {
        let lex = Lexicons::for_tests();
        let placed = |places: &[&str]| with_place("Conseil Municipal", places, &lex);
        assert_eq!(
            placed(&["L'an deux mille seize, le Conseil Municipal de la Commune de CHARCHIGNE, dûment convoqué, s'est réuni."]).as_deref(),
            Some("Conseil Municipal de Charchigne")
        );
        assert_eq!(
            placed(&[
                "COMMUNE DE SAINT VINCENT DE DURFORT",
                "Compte-rendu de la réunion du Conseil Municipal du 16 septembre 2019"
            ])
            .as_deref(),
            Some("Conseil Municipal de Saint Vincent de Durfort")
        );
        assert_eq!(
            placed(&[
                "les membres du Conseil Municipal de Barneville-Carteret, légalement convoqués"
            ])
            .as_deref(),
            Some("Conseil Municipal de Barneville-Carteret")
        );
        // A date after the body is no place.
        assert_eq!(
            placed(&["Compte-rendu du Conseil Municipal du 16 septembre 2019"]),
            None
        );
    }

    #[test]
    fn a_chain_of_heads_and_a_name_with_connectors() {
        assert_eq!(
            body("Minutes of a meeting of the Board of Directors of The Example Foundation held 2024-03-11")
                .as_deref(),
            Some("Board of Directors of The Example Foundation")
        );
    }

    #[test]
    fn a_word_broken_across_a_line_is_joined() {
        assert_eq!(
            body("A Regular Meeting of the Elm County Board of Super- visors was held").as_deref(),
            Some("Elm County Board of Supervisors")
        );
    }

    #[test]
    fn an_assembly_is_the_series_alone_or_with_its_body() {
        assert_eq!(
            body("Minutes of the Third Annual General Meeting").as_deref(),
            Some("Annual General Meeting")
        );
        assert_eq!(
            body("Protokoll der ord. Generalversammlung des Turnverein Lindenau am 3. Mai 2010")
                .as_deref(),
            Some("Generalversammlung des Turnverein Lindenau")
        );
    }

    #[test]
    fn french_and_spanish_bodies_end_before_a_date() {
        assert_eq!(
            body("Compte-rendu du Conseil du DLSX Lundi 30 Mars 2015").as_deref(),
            Some("Conseil du DLSX")
        );
        assert_eq!(
            body("Compte rendu de la réunion du Conseil Municipal du 16 septembre 2019").as_deref(),
            Some("Conseil Municipal")
        );
    }

    #[test]
    fn a_body_before_the_meeting_noun() {
        assert_eq!(
            body("Draft Minutes of XTC Meeting 143").as_deref(),
            Some("XTC")
        );
    }

    #[test]
    fn capitals_need_a_body_word_and_mixed_case_wins() {
        assert_eq!(
            body("Compte-rendu - CA SMX - 30 septembre 2009").as_deref(),
            Some("CA SMX")
        );
        assert_eq!(
            body("UNCORRECTED TRANSCRIPT OF ORAL EVIDENCE To be published"),
            None
        );
        let lex = Lexicons::for_tests();
        let found = find(
            &[
                "MINUTES REGULAR MEETING OF THE BOARD OF EDUCATION OAK HILL SCHOOLS JUNE 3",
                "The meeting of the Board of Education of Oak Hill Schools, Oak Hill, was called to order",
            ],
            &lex,
        );
        assert_eq!(
            found.map(|b| b.name).as_deref(),
            Some("Board of Education of Oak Hill Schools")
        );
    }

    #[test]
    fn an_assembly_is_no_organisation_but_its_body_is() {
        let lex = Lexicons::for_tests();
        assert_eq!(organisation_of_series("Annual General Meeting", &lex), None);
        assert_eq!(
            organisation_of_series("Generalversammlung des Turnverein Lindenau", &lex),
            Some("Turnverein Lindenau")
        );
        assert_eq!(
            organisation_of_series("Westvale County Council", &lex),
            Some("Westvale County Council")
        );
    }
}
