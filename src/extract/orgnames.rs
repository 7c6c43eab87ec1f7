//! Organisation names the gazetteer does not know, recognised in running text
//! by their shape: capitalised words around an organisation's head noun
//! ("Latin American Internet Association", "Stockholm University"), with an
//! "of"/"for"/"on" complement ("Government of Norway", "Communications
//! Authority of Kenya", "Policy Network on Meaningful Access").
//!
//! Rationale: no gazetteer lists every ministry, university and civil-society
//! network a report names, and the reports name many. The head noun keeps
//! precision: a capitalised phrase without one ("Global Digital Compact") is
//! left to the topic thesaurus. Only the heads of the lexicon's
//! `organisation-heads` that are not also common in other capitalised phrases
//! are used here (the others are too loose in running text).

use crate::words::Lexicons;
use std::ops::Range;

/// A word of the sentence: its byte range, without the punctuation around it,
/// and whether punctuation after it ends a phrase.
#[derive(Debug)]
struct Word<'a> {
    range: Range<usize>,
    text: &'a str,
    closes: bool,
    opens: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut at = 0;
    for raw in sentence.split([' ', '\n', '\t']) {
        let start = at;
        at += raw.len() + 1;
        let lead = raw.len() - raw.trim_start_matches(['(', '"', '“', '‘', '[', '*']).len();
        let inner = &raw[lead..];
        let mut text = inner.trim_end_matches(|c: char| {
            !(c.is_alphanumeric() || c == '&' || c == ')' && inner.contains('('))
        });
        // "Europe's": the possessive ends the name.
        let possessive = ["'s", "’s"].iter().find_map(|s| text.strip_suffix(s));
        if let Some(stem) = possessive {
            text = stem;
        }
        // "Technology & Innovation Committee": an ampersand joins the parts
        // of one name, as "and" does.
        if inner == "&" {
            out.push(Word {
                range: start + lead..start + lead + 1,
                text: inner,
                closes: false,
                opens: false,
            });
            continue;
        }
        if !text.chars().any(char::is_alphanumeric) {
            // A table's "|", a dash: no name runs across it.
            if let Some(last) = out.last_mut() {
                last.closes = true;
            }
            continue;
        }
        out.push(Word {
            range: start + lead..start + lead + text.len(),
            text,
            closes: text.len() < inner.len(),
            opens: lead > 0,
        });
    }
    out
}

/// Words that follow a name without belonging to it: "the Policy Network on
/// Meaningful Access Meeting".
const FOLLOWERS: &[&str] = &[
    "meeting", "meetings", "session", "sessions", "call", "calls", "report", "webinar", "workshop",
];

fn capitalised(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

/// Byte ranges of organisation-shaped names in `sentence`, longest first where
/// they overlap, never overlapping each other.
pub fn find(sentence: &str, lex: &Lexicons) -> Vec<Range<usize>> {
    find_with(sentence, lex, false)
}

/// As [`find`], with the ambiguous heads too ("Science Committee", "Joint
/// Coordinating Board", "KVR Middle School"), where the sentence writes the
/// head in title case: a body's committees and boards are named so in
/// running text, while a heading in capitals ("MINUTES OF THE REGULAR
/// BOARD") runs every word of the line into one. For the organisations a
/// record names; a participant list's pieces and roles keep [`find`].
pub fn find_in_prose(sentence: &str, lex: &Lexicons) -> Vec<Range<usize>> {
    find_with(sentence, lex, true)
}

/// Whether `w` heads an organisation's name: a capitalised head noun of the
/// lexicon, an ambiguous one only when `loose`, in title case and one of
/// `[prose-heads]`.
fn is_head(w: &Word<'_>, lex: &Lexicons, loose: bool) -> bool {
    let lower = w.text.to_lowercase();
    if !capitalised(w.text) || !lex.organisation_heads.contains(&lower) {
        return false;
    }
    !lex.ambiguous_heads.contains(&lower)
        || (loose && lex.prose_heads.contains(&lower) && w.text.chars().any(char::is_lowercase))
}

/// "Finance & Analysis Committee": the word before `at` is an ampersand
/// with a name's word before it, so the name runs on to the left.
fn ampersand_before(words: &[Word<'_>], at: usize) -> bool {
    at >= 2 && words[at - 1].text == "&" && !words[at - 2].closes
}

/// "Special Board", "Regular Council", "Open Forum": a head whose other
/// words only say which of its meetings or what kind of sitting
/// (`[meeting-qualifiers]`, "Meeting") is the body that met, named by its
/// sitting, no other body.
fn only_qualifies(name: &[Word<'_>], head: usize, lex: &Lexicons) -> bool {
    let qualifier = |w: &Word<'_>| {
        let f = crate::words::fold(w.text);
        lex.frame.qualifiers.contains(&f) || FOLLOWERS.contains(&f.as_str())
    };
    let mut others = name.iter().enumerate().filter(|(k, _)| *k != head);
    others.all(|(_, w)| qualifier(w))
}

/// "Committee of Ministers", "Grupo de Trabajo", "Trust and Security": a
/// name that opens with an ambiguous head is a body's only when a
/// preposition of `[name-connectors]` follows it (no conjunction, no
/// article); after "and" it is a subject's name.
fn complemented_head(name: &[Word<'_>], lex: &Lexicons) -> bool {
    let ambiguous = lex.ambiguous_heads.contains(&name[0].text.to_lowercase());
    let preposition = |w: &Word<'_>| {
        lex.name_connectors.contains(w.text)
            && !lex.list_conjunctions.contains(w.text)
            && !lex.name_articles.contains(w.text)
    };
    !ambiguous || name.get(1).is_some_and(preposition)
}

/// The capitalised words from `k` to the end of their phrase: "Environment"
/// in "for Transport and Environment (T&E); European Garage Association",
/// not what comes after the parenthesis or the semicolon.
fn phrase_from<'w, 'a>(
    words: &'w [Word<'a>],
    k: usize,
    name_word: impl Fn(&Word<'a>) -> bool,
) -> &'w [Word<'a>] {
    let mut end = k;
    while end < words.len() && name_word(&words[end]) && (end == k || !words[end].opens) {
        end += 1;
        if words[end - 1].closes {
            break;
        }
    }
    &words[k..end]
}

fn find_with(sentence: &str, lex: &Lexicons, loose: bool) -> Vec<Range<usize>> {
    let words = words(sentence);
    let head = |w: &Word<'_>| is_head(w, lex, loose);
    // A capitalised word that can be part of a name: not a month or a day, not
    // a sentence's "The".
    let name_word = |w: &Word<'_>| {
        capitalised(w.text)
            && !lex.months_and_days.contains(&w.text.to_lowercase())
            && !lex.record_words.contains(&w.text.to_lowercase())
            && !matches!(
                w.text,
                "The" | "A" | "An" | "This" | "That" | "In" | "On" | "At"
            )
    };
    let mut found: Vec<Range<usize>> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !head(w) {
            continue;
        }
        let mut left = i;
        loop {
            if left > 0
                && !words[left - 1].closes
                && !words[left].opens
                && name_word(&words[left - 1])
            {
                left -= 1;
            } else if ampersand_before(&words, left) && name_word(&words[left - 2]) {
                left -= 2;
            } else {
                break;
            }
        }
        // "Le Comité": an article is no modifier of the head after it.
        if left + 1 == i && lex.name_articles.contains(&words[left].text.to_lowercase()) {
            left = i;
        }
        let mut right = i;
        // The complement: "of Norway", "of Transport and Communications of
        // Finland", "to the United Nations": up to two connectors, then a
        // capitalised word; capitalised words may follow each other inside it.
        while !words[right].closes {
            let mut k = right + 1;
            while k < words.len()
                && k - right <= 2
                && lex.name_connectors.contains(words[k].text)
                && !words[k].closes
            {
                k += 1;
            }
            let connectors: Vec<&str> = words[right + 1..k.min(words.len())]
                .iter()
                .map(|w| w.text)
                .collect();
            if k >= words.len()
                || !name_word(&words[k])
                || words[k].opens
                || FOLLOWERS.contains(&words[k].text.to_lowercase().as_str())
            {
                break;
            }
            // Right after the head, only a connector leads on ("University
            // Press" is not read); inside the complement, names run on.
            if connectors.is_empty() && right == i {
                break;
            }
            // "… of Norway and the Latin American Internet Association": a
            // second name begins after "and the" (a conjunction and an
            // article of the lexicon), or after "and" when what follows has
            // a head of its own.
            if connectors
                .iter()
                .any(|c| lex.list_conjunctions.contains(*c))
            {
                let run_has_head = phrase_from(&words, k, name_word)
                    .iter()
                    .any(|w| lex.organisation_heads.contains(&w.text.to_lowercase()));
                let acronym = !words[k].text.chars().any(char::is_lowercase);
                let article = connectors
                    .last()
                    .is_some_and(|c| lex.name_articles.contains(*c));
                if article || run_has_head || acronym {
                    break;
                }
            }
            right = k;
        }
        if right == left
            || (loose && only_qualifies(&words[left..=right], i - left, lex))
            || (loose && left == i && !complemented_head(&words[i..=right], lex))
        {
            continue;
        }
        let range = words[left].range.start..words[right].range.end;
        // "Civil Society" is a stakeholder group, not a body.
        if lex
            .stakeholder_groups
            .contains(&crate::words::fold(&sentence[range.clone()]))
        {
            continue;
        }
        if !found
            .iter()
            .any(|f| f.start < range.end && range.start < f.end)
        {
            found.push(range);
        }
    }
    found
}

/// "DEPARTMENT OF HEALTH AND HUMAN SERVICES", "COMMUNE DE SAINT VINCENT DE
/// DURFORT": the words in capitals that open a line (a letterhead, the
/// seat over a record), in title case, where they are an organisation's
/// name from the first word to the last.
///
/// Rationale: letterheads of agencies, councils and communes are set in
/// capitals, where [`find`] sees no connector ("OF", "DE") and so no
/// name. Only the opening run of capitals is read, and only a name over
/// all of it counts: a heading in capitals ("MINUTES OF THE FINANCE
/// COMMITTEE") holds a name inside it, which is not the line's.
pub fn in_capitals(line: &str, lex: &Lexicons) -> Option<String> {
    let run: Vec<&str> = line
        .split_whitespace()
        .take_while(|w| *w == "&" || crate::words::names::is_in_capitals(w))
        .collect();
    if run.len() < 2 || run.len() > MAX_CAPITALS_WORDS {
        return None;
    }
    let words: Vec<String> = run
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let lower = w.to_lowercase();
            if k > 0 && lex.name_connectors.contains(&lower) {
                lower
            } else {
                crate::words::names::title_case(w)
            }
        })
        .collect();
    let name = words.join(" ");
    let name = name.trim_end_matches([':', ',', ';', '.']);
    find(name, lex)
        .first()
        .filter(|r| r.start == 0 && r.end == name.len())
        .map(|_| name.to_owned())
}

/// A letterhead's name in capitals is this many words long at most.
const MAX_CAPITALS_WORDS: usize = 10;

/// The number of words of a country's name that starts at word `from`
/// ("United Kingdom", "Republic of Korea": up to four), not across a
/// phrase's end.
fn country_at(sentence: &str, words: &[Word<'_>], from: usize, lex: &Lexicons) -> Option<usize> {
    (1..=4).rev().find(|&n| {
        from + n <= words.len()
            && words[from..from + n - 1].iter().all(|w| !w.closes)
            && capitalised(words[from].text)
            && lex.countries.contains(&crate::words::fold(
                &sentence[words[from].range.start..words[from + n - 1].range.end],
            ))
    })
}

/// National and regional IGFs by their usual names: "IGF Uruguay", "Youth IGF
/// Uruguay", "Kenya IGF", as byte ranges (the name is the text).
pub fn national_igfs(sentence: &str, lex: &Lexicons) -> Vec<Range<usize>> {
    let words = words(sentence);
    let country = |from: usize| country_at(sentence, &words, from, lex);
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !lex.initiative_names.iter().any(|n| *n == w.text) {
            continue;
        }
        let youth = i > 0
            && lex
                .initiative_qualifiers
                .iter()
                .any(|q| *q == words[i - 1].text);
        let first = if youth { i - 1 } else { i };
        // "IGF Uruguay": the country after.
        if let Some(n) = (!w.closes).then(|| country(i + 1)).flatten() {
            out.push(words[first].range.start..words[i + n].range.end);
            continue;
        }
        // "Kenya IGF", "Kenya Youth IGF": the country before.
        let before = first;
        if let Some(start) = (1..=3).rev().find_map(|n| {
            (before >= n && country(before - n) == Some(n) && !words[before - 1].closes)
                .then(|| before - n)
        }) {
            out.push(words[start].range.start..w.range.end);
        }
    }
    out
}

/// State organs named by country, as (byte range, canonical name): "the
/// governments of Germany and Norway" gives "Government of Germany" and
/// "Government of Norway", both over the whole phrase.
pub fn state_organs(sentence: &str, lex: &Lexicons) -> Vec<(Range<usize>, String)> {
    let words = words(sentence);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    let country = |from: usize| country_at(sentence, &words, from, lex);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let organ = lex.state_organs.iter().find(|(phrase, _)| {
            let parts: Vec<&str> = phrase.split(' ').collect();
            i + parts.len() < words.len()
                && parts.iter().enumerate().all(|(j, p)| lower[i + j] == *p)
                && !words[i + parts.len() - 1].closes
                && lower[i + parts.len()] == "of"
        });
        let Some((phrase, canonical)) = organ else {
            i += 1;
            continue;
        };
        let mut j = i + phrase.split(' ').count() + 1;
        let mut names = Vec::new();
        let mut end = j;
        while let Some(n) = (j < words.len()).then(|| country(j)).flatten() {
            let last = &words[j + n - 1];
            names.push(sentence[words[j].range.start..last.range.end].to_owned());
            end = j + n - 1;
            if last.closes && !(j + n < words.len() && lower[j + n] == "and") {
                break;
            }
            // "Germany and Norway", "Germany, Norway and Brazil".
            j += n;
            if j < words.len() && lower[j] == "and" {
                j += 1;
            } else if !last.closes {
                break;
            }
        }
        if !names.is_empty() {
            let range = words[i].range.start..words[end].range.end;
            for name in names {
                out.push((range.clone(), format!("{canonical} of {name}")));
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Bodies named together by a plural head, each subject with its own "on"
/// ("the Best Practice Forums on Cybersecurity and on Gender and Digital
/// Rights"), as (byte range of the phrase, each body's name); the pattern and
/// its words are the lexicon's ([`crate::words::prose_patterns::Coordinated`]).
pub fn coordinated(sentence: &str, lex: &Lexicons) -> Vec<(Range<usize>, Vec<String>)> {
    let mut out = Vec::new();
    let words = &lex.prose.coordinated;
    for c in words.pattern.captures_iter(sentence) {
        let (Some(whole), Some(head), Some(link), Some(subjects)) =
            (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let head = head.as_str().strip_suffix('s').unwrap_or(head.as_str());
        let last = head.rsplit(' ').next().unwrap_or(head).to_lowercase();
        if !lex.organisation_heads.contains(&last) {
            continue;
        }
        let names = (words.subjects(subjects.as_str()).into_iter())
            .map(|s| {
                format!(
                    "{head} {} {}",
                    link.as_str(),
                    s.trim().trim_end_matches(',')
                )
            })
            .collect();
        out.push((whole.range(), names));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn lex() -> Lexicons {
        let o = Ontology::embedded().expect("embedded ontology");
        o.lexicons
    }

    #[test]
    fn a_letterhead_in_capitals_is_an_organisation_in_title_case() {
        let lex = lex();
        assert_eq!(
            in_capitals("DEPARTMENT OF HEALTH AND HUMAN SERVICES", &lex).as_deref(),
            Some("Department of Health and Human Services")
        );
        assert_eq!(
            in_capitals("NATIONAL INSTITUTES OF HEALTH", &lex).as_deref(),
            Some("National Institutes of Health")
        );
        assert_eq!(
            in_capitals("COMMUNE DE SAINT VINCENT DE DURFORT", &lex).as_deref(),
            Some("Commune de Saint Vincent de Durfort")
        );
    }

    #[test]
    fn a_heading_in_capitals_holding_a_name_is_no_letterhead() {
        let lex = lex();
        for line in [
            "MINUTES OF THE FINANCE DEPARTMENT",
            "APPROVAL OF THE AGENDA",
            "CHENGETAI MASANGO",
            "Department of Transport",
            "BOARD OF EDUCATION",
        ] {
            assert_eq!(in_capitals(line, &lex), None, "{line}");
        }
    }

    fn names(s: &str) -> Vec<String> {
        find(s, &lex())
            .into_iter()
            .map(|r| s[r].to_owned())
            .collect()
    }

    #[test]
    fn heads_with_their_modifiers_and_complements() {
        assert_eq!(
            names("Representatives of the Government of Norway and the Latin American Internet Association spoke."),
            ["Government of Norway", "Latin American Internet Association"]
        );
        assert_eq!(
            names("She thanked Stockholm University, the Communications Authority of Kenya and the Ministry of Transport and Communications of Finland."),
            [
                "Stockholm University",
                "Communications Authority of Kenya",
                "Ministry of Transport and Communications of Finland"
            ]
        );
        assert_eq!(
            names("The Permanent Mission of Croatia to the United Nations hosted it."),
            ["Permanent Mission of Croatia to the United Nations"]
        );
    }

    fn prose_names(s: &str) -> Vec<String> {
        find_in_prose(s, &lex())
            .into_iter()
            .map(|r| s[r].to_owned())
            .collect()
    }

    #[test]
    fn committees_and_boards_in_running_text_are_bodies() {
        assert_eq!(
            prose_names("The Harbour Safety Committee and the Committee of Wardens met; the Joint Planning Board reported."),
            ["Harbour Safety Committee", "Committee of Wardens", "Joint Planning Board"]
        );
        assert!(
            names("The Harbour Safety Committee met.").is_empty(),
            "a participant list's reading keeps the ambiguous heads out"
        );
    }

    #[test]
    fn a_complement_after_and_ends_at_its_parenthesis() {
        assert_eq!(
            names("Observers: Alliance for Rivers and Wetlands (ARW); Coastal Fishers Association attended."),
            ["Alliance for Rivers and Wetlands", "Coastal Fishers Association"]
        );
    }

    #[test]
    fn names_join_their_parts_in_other_languages() {
        assert_eq!(
            names("La Comisión de Presupuesto y Asuntos Institucionales y el Consejo de Ministros aprobaron."),
            ["Comisión de Presupuesto y Asuntos Institucionales", "Consejo de Ministros"]
        );
        assert_eq!(
            names("Le maire de la Commune de Saint Vincent de Durfort ouvre la séance."),
            ["Commune de Saint Vincent de Durfort"]
        );
        assert_eq!(
            prose_names("El Grupo de Trabajo de Facilitación del Comercio informó."),
            ["Grupo de Trabajo de Facilitación del Comercio"]
        );
    }

    #[test]
    fn an_ampersand_joins_the_parts_of_a_name() {
        assert_eq!(
            prose_names("She chairs the Parks & Recreation Committee."),
            ["Parks & Recreation Committee"]
        );
        assert_eq!(
            names("the Ministry of Science & Technology agreed."),
            ["Ministry of Science & Technology"]
        );
    }

    #[test]
    fn headings_sittings_and_subjects_are_no_bodies() {
        assert!(prose_names("MINUTES OF THE REGULAR MEETING OF THE HARBOUR BOARD").is_empty());
        assert!(prose_names(
            "The Special Board was called to order; the Regular Council followed."
        )
        .is_empty());
        assert!(prose_names("Trust and Security were discussed.").is_empty());
        assert!(
            prose_names("Le Comité a décidé.").is_empty(),
            "an article is no modifier"
        );
        assert!(
            prose_names("The Youth Mentoring Program and the Digital Trust Fund grew.").is_empty(),
            "heads as often of a scheme are not read in prose"
        );
        assert_eq!(
            prose_names("Minutes Harbour Safety Committee"),
            ["Harbour Safety Committee"],
            "a record word opens no name"
        );
    }

    #[test]
    fn state_organs_by_country() {
        let lex = lex();
        let names = |s: &str| -> Vec<String> {
            state_organs(s, &lex).into_iter().map(|(_, n)| n).collect()
        };
        assert_eq!(
            names("a steering group with the governments of Germany and Norway."),
            ["Government of Germany", "Government of Norway"]
        );
        assert_eq!(
            names("a workshop organized by the permanent mission of Kenya, and more"),
            ["Permanent Mission of Kenya"]
        );
        assert_eq!(
            names("the Government of the United Kingdom"),
            Vec::<String>::new(),
            "\"the\" before a country is not read"
        );
        assert!(names("the government of the day").is_empty());
    }

    #[test]
    fn tables_possessives_and_followers_end_names() {
        assert_eq!(
            names("the Council of Europe's draft convention"),
            ["Council of Europe"]
        );
        assert!(names("Name | Organisation | Role").is_empty());
        assert_eq!(
            names("the Policy Network on Meaningful Access Meeting"),
            ["Policy Network on Meaningful Access"]
        );
        assert_eq!(
            names("the International Telecommunication Union and UNESCO"),
            ["International Telecommunication Union"]
        );
    }

    #[test]
    fn bodies_named_together() {
        let lex = lex();
        let got: Vec<Vec<String>> = coordinated(
            "the Best Practice Forums on Cybersecurity and on Gender and Digital Rights would continue",
            &lex,
        )
        .into_iter()
        .map(|(_, n)| n)
        .collect();
        assert_eq!(
            got,
            [vec![
                "Best Practice Forum on Cybersecurity".to_owned(),
                "Best Practice Forum on Gender and Digital Rights".to_owned()
            ]]
        );
        let got = coordinated(
            "Policy Networks on Access, on Fragmentation and on AI",
            &lex,
        );
        assert_eq!(got[0].1.len(), 3, "{got:?}");
        // One body on two subjects is not two bodies.
        assert!(coordinated("the Policy Networks on Access and Environment", &lex).is_empty());
        assert!(coordinated("Members on Tuesday and on Friday", &lex).is_empty());
    }

    #[test]
    fn national_igfs_by_name() {
        let lex = lex();
        let s = "IGF Uruguay, the Youth IGF Uruguay team and the Kenya IGF met; the IGF 2025 too.";
        let got: Vec<&str> = national_igfs(s, &lex).into_iter().map(|r| &s[r]).collect();
        assert_eq!(got, ["IGF Uruguay", "Youth IGF Uruguay", "Kenya IGF"]);
    }

    #[test]
    fn no_head_no_name() {
        assert!(names("The Global Digital Compact was discussed in June.").is_empty());
        // A head alone, or a head that opens a sentence before a lower-case word.
        assert!(names("Government officials and the Association were present.").is_empty());
        assert!(names("The Working Group met; the Open Forum is next.").is_empty());
        // A month after the complement is not part of the name.
        assert_eq!(
            names("the Government of Kenya in December"),
            ["Government of Kenya"]
        );
    }
}
