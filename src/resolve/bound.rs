//! The bound on names: a person mention or an organisation whose name is
//! longer than the model allows ([`MAX_PERSON_NAME_CHARS`],
//! [`MAX_ORGANISATION_NAME_CHARS`]) is left out, and named in a warning.
//!
//! Rationale: a participant line of 16 million letters was one person whose
//! name, IRI and exports were as long, and whose folding and indexing took most
//! of a build. Resolution is where every report passes after extraction, in
//! `extract` and in a build alike, so the rule is applied here: to what
//! resolution reads ([`super::Names::of`]) and to what a report keeps
//! ([`super::Identities::report`]), with the same predicate, so that the
//! mention indices of the two agree. Extraction itself is not bounded here.

use crate::extract::{Extraction, PersonMention};
use crate::model::{within_bound, MAX_ORGANISATION_NAME_CHARS, MAX_PERSON_NAME_CHARS};
use std::collections::HashSet;

/// How many characters of a left-out name its warning quotes.
const QUOTED_CHARS: usize = 40;

/// A person mention whose name, and nickname if any, are within the bound.
pub(super) fn person_kept(m: &PersonMention) -> bool {
    person_name_kept(&m.text)
        && m.nickname
            .as_deref()
            .is_none_or(|n| within_bound(n, MAX_PERSON_NAME_CHARS))
}

fn person_name_kept(name: &str) -> bool {
    within_bound(name, MAX_PERSON_NAME_CHARS)
}

pub(super) fn organisation_name_kept(name: &str) -> bool {
    within_bound(name, MAX_ORGANISATION_NAME_CHARS)
}

/// One warning for each distinct name of `ex` over the bound, in the order
/// they come: person mentions and their nicknames, moderators and hosts,
/// organisations and their aliases, affiliations.
pub(super) fn warnings(ex: &Extraction) -> Vec<String> {
    let people = ex
        .mentions
        .iter()
        .flat_map(|m| std::iter::once(m.text.as_str()).chain(m.nickname.as_deref()))
        .chain(ex.meeting.moderators.iter().map(String::as_str))
        .chain(ex.meeting.hosts.iter().map(String::as_str))
        .filter(|n| !person_name_kept(n))
        .map(|n| ("a person's", n, MAX_PERSON_NAME_CHARS));
    let organisations = ex
        .organisations
        .iter()
        .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
        .chain(ex.mentions.iter().flat_map(|m| &m.affiliations))
        .chain(
            ex.mentions
                .iter()
                .flat_map(|m| m.memberships.iter().map(|ms| &ms.organisation)),
        )
        .map(String::as_str)
        .filter(|n| !organisation_name_kept(n))
        .map(|n| ("an organisation's", n, MAX_ORGANISATION_NAME_CHARS));
    let mut seen = HashSet::new();
    people
        .chain(organisations)
        .filter(|(_, name, _)| seen.insert(*name))
        .map(|(whose, name, max)| warning(whose, name, max))
        .collect()
}

/// Takes out of `ex` what [`warnings`] names: the person mentions, moderators
/// and hosts, organisations, aliases, affiliations and memberships whose name
/// is over the bound.
pub(super) fn leave_out(ex: &mut Extraction) {
    ex.mentions.retain(person_kept);
    ex.meeting.moderators.retain(|n| person_name_kept(n));
    ex.meeting.hosts.retain(|n| person_name_kept(n));
    ex.organisations.retain(|o| organisation_name_kept(&o.name));
    for o in &mut ex.organisations {
        o.aliases.retain(|a| organisation_name_kept(a));
    }
    for m in &mut ex.mentions {
        m.affiliations.retain(|a| organisation_name_kept(a));
        m.memberships
            .retain(|ms| organisation_name_kept(&ms.organisation));
    }
}

/// "a person's name of 16777216 characters is left out (more than 200):
/// "Anna Xkq…"": the length and the name's start, never the whole of it.
fn warning(whose: &str, name: &str, max: usize) -> String {
    let start: String = name.chars().take(QUOTED_CHARS).collect();
    format!(
        "{whose} name of {} characters is left out (more than {max}): \"{start}…\"",
        name.chars().count()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Membership, Organisation};

    #[test]
    fn names_over_the_bound_are_left_out_and_each_named_once() {
        let long_person = format!("Anna {}", "X".repeat(MAX_PERSON_NAME_CHARS));
        let long_org = "Y".repeat(MAX_ORGANISATION_NAME_CHARS + 1);
        let fits = "Z".repeat(MAX_ORGANISATION_NAME_CHARS);
        let mut ex = Extraction {
            mentions: vec![
                PersonMention::new("Ana Lee", Evidence::default())
                    .affiliated(long_org.clone(), long_org.clone()),
                PersonMention::new(long_person.clone(), Evidence::default()),
                PersonMention::new(long_person.clone(), Evidence::default()),
            ],
            organisations: vec![
                Organisation {
                    name: long_org.clone(),
                    ..Organisation::default()
                },
                Organisation {
                    name: fits.clone(),
                    ..Organisation::default()
                },
            ],
            ..Extraction::default()
        };
        ex.meeting.moderators = vec![long_person.clone()];
        let warned = warnings(&ex);
        assert_eq!(warned.len(), 2, "{warned:?}");
        assert!(warned[0].starts_with("a person's name of 205 characters is left out"));
        assert!(warned[1].starts_with("an organisation's name of 301 characters"));
        leave_out(&mut ex);
        assert_eq!(ex.mentions.len(), 1);
        assert!(ex.mentions[0].affiliations.is_empty());
        assert_eq!(ex.mentions[0].memberships, Vec::<Membership>::new());
        assert!(ex.meeting.moderators.is_empty());
        assert_eq!(ex.organisations.len(), 1);
        assert_eq!(ex.organisations[0].name, fits);
    }
}
