//! Reports of archive size, fed whole to `meetkg extract`: a participant list
//! of 50,000 lines, one of 20,000 namesakes, near misses and surnames alone,
//! and reports of 15 and 16 MB (under the 16 MiB limit). What these
//! tests check is the output; how long they take is measured by
//! `benches/scale.sh`, never by a test. Before the extraction was made linear,
//! the first stalled a build and the second did not finish in 400 s.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;

const GIVEN: [&str; 12] = [
    "Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Karin", "Lukas",
];
/// Seventeen syllables (a prime number of them, for the code below).
const SYLLABLES: [&str; 17] = [
    "ba", "ke", "lo", "mi", "nu", "ra", "se", "to", "vi", "za", "do", "fe", "gu", "pa", "ri", "so",
    "he",
];

/// The `i`-th made-up person (no real text): a given name of the list and a
/// surname of six syllables. Surnames are the words of a Reed-Solomon code
/// over the syllables (a polynomial of degree two evaluated at six points,
/// modulo 17), so any two differ in four syllables at least: more than the
/// two typos identity resolution forgives, so every line is its own person.
fn person(i: usize) -> String {
    let k = i / GIVEN.len();
    let (a, b, c) = (k % 17, (k / 17) % 17, (k / 289) % 17);
    let mut surname: String = (0..6)
        .map(|x| SYLLABLES[(a + b * x + c * x * x) % 17])
        .collect();
    surname[..1].make_ascii_uppercase();
    format!("{} {}", GIVEN[i % GIVEN.len()], surname)
}

fn extract(path: &std::path::Path) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(extract_with(path, &["--compact"])?.0)
}

/// The first report `meetkg extract` gives for `path`, and its stderr.
fn extract_with(
    path: &std::path::Path,
    options: &[&str],
) -> Result<(Value, String), Box<dyn std::error::Error>> {
    let out = common::meetkg()
        .arg("extract")
        .args(options)
        .arg(path)
        .output()?;
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = out
        .stdout
        .split(|&b| b == b'\n')
        .find(|l| !l.is_empty())
        .ok_or("no output")?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    Ok((serde_json::from_slice(first)?, stderr))
}

/// Every `name` of the report's people (with their aliases, whatever the key).
fn people_names(report: &Value) -> BTreeSet<String> {
    report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_participant_list_of_fifty_thousand_lines_is_extracted_whole(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut text =
        String::from("Plenary of the Example Forum\n\nDate: 14 March 2024\n\nParticipants:\n\n");
    let n = 50_000;
    for i in 0..n {
        text.push_str(&format!("- {}\n", person(i)));
    }
    text.push_str("\nThe chair closed the meeting.\n");
    let path = dir.path().join("plenary.txt");
    fs::write(&path, &text)?;
    let report = extract(&path)?;
    let names = people_names(&report);
    let expected: BTreeSet<String> = (0..n).map(person).collect();
    let found = names.intersection(&expected).count();
    // Every listed line is a person; a handful of made-up surnames may read
    // as words, but not more than one in a thousand.
    assert!(found >= n - n / 1000, "found {found} of {n} listed people");
    assert!(
        names.len() <= n + 10,
        "{} people for {n} lines",
        names.len()
    );
    Ok(())
}

#[test]
fn a_fifteen_megabyte_report_is_extracted() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut text = String::from(
        "Summary report of the Example Forum working group\n\nDate: 3 June 2024\n\nAttendees: ",
    );
    text.push_str(&(0..40).map(person).collect::<Vec<_>>().join(", "));
    text.push_str(".\n\n1. Opening\n\n");
    let mut i = 0;
    while text.len() < 15_000_000 {
        let speaker = person(i % 40);
        let other = person((i * 7 + 3) % 40);
        text.push_str(&format!(
            "{speaker} said that the working group should publish its draft on capacity \
             development before the next session, and {other} agreed with the proposal. \
             The group discussed the timeline of item {i} at some length.\n\n"
        ));
        i += 1;
    }
    let path = dir.path().join("summary.txt");
    fs::write(&path, &text)?;
    let report = extract(&path)?;
    let names = people_names(&report);
    let expected: BTreeSet<String> = (0..40).map(person).collect();
    let missing: Vec<_> = expected.difference(&names).collect();
    assert!(missing.is_empty(), "attendees not found: {missing:?}");
    Ok(())
}

/// Letters that read as no word: a xorshift generator over the alphabet.
fn letters(n: usize) -> String {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect()
}

/// A participant line of 16.77 million letters was one person with a name
/// and an IRI of that length, 65 MB of exports and exit 0 (issue 25): the
/// name is over the bound, left out, and named in the warnings.
#[test]
fn a_participant_line_of_sixteen_million_letters_is_left_out_and_named(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut text = String::from("Participants: Anna X");
    text.push_str(&letters(16 * 1024 * 1024 - 64));
    text.push('\n');
    let path = dir.path().join("one-line.txt");
    fs::write(&path, &text)?;
    let (report, stderr) = extract_with(&path, &[])?;
    assert!(people_names(&report).is_empty(), "nobody is left");
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|w| w.contains("left out"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("a person's name of 16777"));
    assert!(warnings[0].contains("\"Anna X"));
    assert!(
        warnings[0].len() < 200,
        "the warning quotes the name's start"
    );
    assert!(
        stderr.contains("one-line.txt: a person's name of 16777"),
        "{}",
        stderr.chars().take(400).collect::<String>()
    );
    Ok(())
}

/// Given names of three to five letters from the person recogniser's lexicon:
/// a given name that short matches only itself, so which lines are one person
/// is known without the resolver's typo rules.
fn short_given_names(count: usize) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let text = fs::read_to_string(common::root().join("ontology/given-names.txt"))?;
    let names: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && (3..=5).contains(&l.len()))
        .filter(|l| l.bytes().all(|b| b.is_ascii_lowercase()))
        .step_by(7)
        .take(count)
        .map(|l| {
            let mut n = l.to_owned();
            n[..1].make_ascii_uppercase();
            n
        })
        .collect();
    if names.len() < count {
        return Err(format!("only {} short given names", names.len()).into());
    }
    Ok(names)
}

/// A participant list as identity resolution meets it in a large body: each
/// surname shared by twenty people, each given name by dozens, one surname
/// ("Kebalomisepa", as "Nguyen" or "Kim" in a real list) by 4,000 people,
/// a misspelt second line for some, and "Dr. Surname" for others.
struct Namesakes {
    /// The list's entries, in order.
    lines: Vec<String>,
    /// The people the list names, each once.
    people: BTreeSet<String>,
    /// Surnames that are named alone ("Dr. Surname") after their full name.
    alone: BTreeSet<String>,
    /// A surname misspelt on a second line, which must join its person.
    typo: String,
    /// Two people who must be found: the first of a surname of twenty, and
    /// the last of the common surname.
    sure: [String; 2],
}

/// The surname of the `k`th surname group of [`person`]'s names.
fn surname(k: usize) -> Result<String, &'static str> {
    person(k * GIVEN.len())
        .split_once(' ')
        .map(|(_, s)| s.to_owned())
        .ok_or("surname")
}

fn namesakes() -> Result<Namesakes, Box<dyn std::error::Error>> {
    let given = short_given_names(4_000)?;
    let mut lines = Vec::new();
    let mut people = BTreeSet::new();
    // 700 surnames, twenty people each; then 4,000 people of one surname.
    for s in 0..700 {
        let last = surname(s + 1)?;
        for g in 0..20 {
            people.insert(format!("{} {last}", given[(s * 7 + g) % 400]));
        }
    }
    let common = surname(0)?;
    for g in &given {
        people.insert(format!("{g} {common}"));
    }
    lines.extend(people.iter().cloned());
    // A second line with a letter of the surname changed: the same person.
    for s in 0..700 {
        let last = surname(s + 1)?;
        let typo = format!("{}x{}", &last[..5], &last[6..]);
        lines.push(format!("{} {typo}", given[(s * 7) % 400]));
    }
    // 800 surnames of one person each, and the person named by it alone.
    let mut alone = BTreeSet::new();
    for s in 700..1_500 {
        let last = surname(s + 1)?;
        let name = format!("{} {last}", given[s % 400]);
        lines.push(name.clone());
        people.insert(name);
        lines.push(format!("Dr. {last}"));
        alone.insert(last);
    }
    let first = surname(1)?;
    Ok(Namesakes {
        lines,
        people,
        alone,
        typo: format!("{}x{}", &first[..5], &first[6..]),
        sure: [
            format!("{} {first}", given[0]),
            format!("{} {common}", given[3_999]),
        ],
    })
}

/// Every person of `list` is found once, the misspelt lines joined their
/// people and the surnames alone theirs.
fn check_namesakes(report: &Value, list: &Namesakes) {
    let names = people_names(report);
    let people = &list.people;
    let found = names.intersection(people).count();
    let n = people.len();
    assert!(list.lines.len() > 20_000, "{} lines", list.lines.len());
    assert!(found >= n - n / 500, "found {found} of {n} people");
    assert!(names.len() <= n + 10, "{} people for {n}", names.len());
    assert!(
        !names.iter().any(|p| p.ends_with(&list.typo)),
        "{} is a person",
        list.typo
    );
    let alone: Vec<_> = names.intersection(&list.alone).collect();
    assert!(alone.is_empty(), "surnames alone as people: {alone:?}");
    for sure in &list.sure {
        assert!(names.contains(sure), "{sure} not found");
    }
}

/// The list of [`Namesakes`] one name a line. Before resolution was blocked,
/// a list like it took minutes: each surname alone was compared with every
/// person of the report, each new name with every namesake (issue 25).
#[test]
fn a_roster_of_twenty_thousand_namesakes_near_misses_and_surnames_alone_resolves(
) -> Result<(), Box<dyn std::error::Error>> {
    let list = namesakes()?;
    let dir = tempfile::tempdir()?;
    let mut text =
        String::from("Plenary of the Example Forum\n\nDate: 14 March 2024\n\nParticipants:\n\n");
    for l in &list.lines {
        text.push_str(&format!("- {l}\n"));
    }
    text.push_str("\nThe chair closed the meeting.\n");
    let path = dir.path().join("plenary.txt");
    fs::write(&path, &text)?;
    check_namesakes(&extract(&path)?, &list);
    Ok(())
}

/// The list of [`Namesakes`] flattened onto one line, "Participants: A, B,
/// ...": each new full name was compared with every identity of its surname
/// or of its given name, whichever were fewer, and with surnames as uneven as
/// real ones both grow with the list, so a 16 MiB line took 311 s (issue 25).
/// A full name is now looked up by the pairs of spellings near its given name
/// and its surname; the people found are those of the roster.
#[test]
fn a_one_line_list_of_namesakes_near_misses_and_surnames_alone_resolves(
) -> Result<(), Box<dyn std::error::Error>> {
    let list = namesakes()?;
    let dir = tempfile::tempdir()?;
    let text = format!("Participants: {}.\n", list.lines.join(", "));
    assert!(!text.trim_end().contains('\n'), "one line");
    let path = dir.path().join("one-line-namesakes.txt");
    fs::write(&path, &text)?;
    check_namesakes(&extract(&path)?, &list);
    Ok(())
}

/// One near miss of a surname of twelve letters, by `kind`: a letter changed,
/// dropped, doubled, two letters swapped, or two edits at once (a letter
/// dropped and another changed), as `benches/roster.py` writes them.
fn near_miss(surname: &str, kind: usize) -> String {
    let s = surname;
    match kind % 5 {
        0 => format!("{}x{}", &s[..5], &s[6..]),
        1 => format!("{}{}", &s[..5], &s[6..]),
        2 => format!("{}{}", &s[..6], &s[5..]),
        3 => format!("{}{}{}{}", &s[..4], &s[5..6], &s[4..5], &s[6..]),
        _ => format!("{}{}x{}", &s[..3], &s[4..8], &s[9..]),
    }
}

/// A roll flattened onto one line as `benches/roster.py --names-line` writes
/// it, at a size a test affords: 1,500 surnames of five people each, a near
/// miss of each kind (see [`near_miss`]) for one person of each surname, and
/// 500 people of a surname of their own named again by it alone ("Dr.
/// Surname"). Identity resolution finds the spellings near a name by typo
/// keys hashed from the name's prefixes, no longer written out as strings
/// (issue 25: the 16 MiB line of such names took 41 s of CPU, a fifth of
/// it on those strings): every near miss is an alias of its person, every
/// person is found once, and no surname alone is a person.
#[test]
fn a_one_line_roll_of_near_misses_of_each_kind_joins_them_to_their_people(
) -> Result<(), Box<dyn std::error::Error>> {
    let given = short_given_names(400)?;
    let mut people = BTreeSet::new();
    let mut misses = Vec::new();
    for s in 0..1_500 {
        let last = surname(s + 1)?;
        for g in 0..5 {
            people.insert(format!("{} {last}", given[(s * 3 + g) % given.len()]));
        }
        let first = &given[(s * 3) % given.len()];
        misses.push((
            format!("{first} {last}"),
            format!("{first} {}", near_miss(&last, s)),
        ));
    }
    let mut alone = BTreeSet::new();
    for s in 1_500..2_000 {
        let last = surname(s + 1)?;
        people.insert(format!("{} {last}", given[s % given.len()]));
        alone.insert(last);
    }
    let mut entries: Vec<String> = people.iter().cloned().collect();
    entries.extend(misses.iter().map(|(_, miss)| miss.clone()));
    entries.extend(alone.iter().map(|last| format!("Dr. {last}")));
    let text = format!("Participants: {}.\n", entries.join(", "));
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("one-line-near-misses.txt");
    fs::write(&path, &text)?;
    let report = extract(&path)?;
    assert_eq!(people_names(&report), people);
    let aliases: BTreeSet<(String, String)> = report["people"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| {
            let name = p["name"].as_str().unwrap_or_default().to_owned();
            p["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(move |a| Some((name.clone(), a.as_str()?.to_owned())))
        })
        .collect();
    for miss in &misses {
        assert!(
            aliases.contains(miss),
            "{} is no alias of {}",
            miss.1,
            miss.0
        );
    }
    Ok(())
}

/// The evidence bound of `meetkg::extract::extraction`: a mention of a line
/// longer than 4,096 chars carries its name and up to 200 chars either side.
const EVIDENCE_CONTEXT_CHARS: usize = 200;

/// A list of names flattened onto one line of 16 MiB, "Participants: A, B,
/// ...", its 4,000 people named 190 times each: each mention carried the whole
/// line as its evidence, and each lookup of a name counted the line's chars
/// from its start, so a 2 MB line took 114 s and 23 GB and one of 3.6 MB was
/// killed (issue 25). Every person is found, and each evidence is the name
/// with a bounded window of the line around it, at its place in the report.
#[test]
fn a_sixteen_mebibyte_line_of_names_gives_every_person_with_bounded_evidence(
) -> Result<(), Box<dyn std::error::Error>> {
    let given = short_given_names(400)?;
    let people: Vec<String> = (0..4_000)
        .map(|i| surname(i + 1).map(|s| format!("{} {s}", given[i % given.len()])))
        .collect::<Result<_, _>>()?;
    let size = 16 * 1024 * 1024;
    let mut text = String::from("Participants: ");
    for name in people.iter().cycle() {
        if text.len() + name.len() + 4 > size {
            break;
        }
        if !text.ends_with(' ') {
            text.push_str(", ");
        }
        text.push_str(name);
    }
    text.push_str(".\n");
    assert!(
        text.len() > size - 64 && text.len() <= size,
        "{}",
        text.len()
    );
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("one-line-names.txt");
    fs::write(&path, &text)?;
    let (report, _) = extract_with(&path, &[])?;
    let expected: BTreeSet<String> = people.iter().cloned().collect();
    assert_eq!(people_names(&report), expected);
    let mut checked = 0;
    for person in report["people"].as_array().ok_or("no people")? {
        for e in person["evidence"].as_array().ok_or("no evidence")? {
            let quote = e["text"].as_str().ok_or("no text")?;
            let mention = e["mention"].as_str().ok_or("no mention")?;
            let start = e["start"].as_u64().ok_or("no start")? as usize;
            let end = e["end"].as_u64().ok_or("no end")? as usize;
            assert!(quote.contains(mention), "{mention} not in «{quote}»");
            assert!(
                quote.len() <= mention.len() + 2 * EVIDENCE_CONTEXT_CHARS,
                "{} chars of evidence for {mention}",
                quote.len()
            );
            // The report is ASCII: its char offsets are byte offsets.
            assert_eq!(text.get(start..end), Some(quote));
            checked += 1;
        }
    }
    assert!(checked >= people.len(), "{checked} evidence");
    Ok(())
}

/// A report whose one person is over the bound on names (200 chars) builds:
/// the name is a warning, not a rejected report, so the exit code is 0, and
/// the README's promise holds: the name is left out of the report and named in
/// its warnings and on stderr, by the build as by `extract`.
#[test]
fn a_report_whose_only_person_is_over_the_name_bound_builds_and_names_it(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let name = format!("Anna X{}", letters(300));
    let path = dir.path().join("long-name.txt");
    fs::write(&path, format!("Participants: {name}\n"))?;
    let store = dir.path().join("store");
    let exports = dir.path().join("exports");
    let out = common::meetkg()
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg("--out")
        .arg(&exports)
        .arg(&path)
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let named = "long-name.txt: a person's name of 306 characters is left out (more than 200)";
    assert_eq!(
        stderr.lines().filter(|l| l.contains(named)).count(),
        1,
        "{stderr}"
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("1 reports (0 rejected), 1 meetings, 0 people"),
        "{summary}"
    );
    let nodes = fs::read_to_string(exports.join("coparticipation-nodes.csv"))?;
    assert!(!nodes.contains("Anna X"), "{nodes}");
    let (report, stderr) = extract_with(&path, &[])?;
    assert!(people_names(&report).is_empty());
    let warned = report["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|w| w.starts_with("a person's name of 306 characters is left out"))
        .count();
    assert_eq!(warned, 1, "{report}");
    assert!(stderr.contains(named), "{stderr}");
    Ok(())
}
