//! The word lists of the lexicon, indexed for the rules that read them:
//! extraction, identity resolution and the ontology's checks share one
//! [`Lexicons`], loaded and checked once.
//!
//! Rationale: the sections of `lexicon.txt` are named once, in
//! `Lexicons::index` and the readers it calls (the header's patterns in
//! [`super::header_patterns`]); the file must hold exactly the sections read
//! there ([`Sections::check`]), so adding a rule's word list is one line here
//! and one section in the file.

use super::dates::{DateRules, DateWords, RuleError};
use super::fold::fold;
use super::header_patterns::{self, HeaderPatterns};
use super::lexicon::{Lexicon, LexiconError, Sections};
use super::prose_patterns::ProsePatterns;
use regex::Regex;
use std::collections::HashSet;

/// The word lists of `lexicon.txt`, indexed for the rules.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub speech_verbs: HashSet<String>,
    pub speech_adverbs: HashSet<String>,
    pub non_speech: HashSet<String>,
    pub not_names: HashSet<String>,
    pub honorifics: Vec<String>,
    /// The honorifics without their full stops, hashed for
    /// [`Lexicons::is_honorific`]: the list was read through for each word
    /// of each name, a tenth of the extraction of a list of a million names
    /// (issue 25).
    honorific_keys: HashSet<String>,
    /// Words that open a title of office before its head ("City", "Deputy").
    pub title_modifiers: HashSet<String>,
    /// `[office-heads]`: titles after the name of an office ("Housing Manager").
    pub office_heads: HashSet<String>,
    pub particles: Vec<String>,
    pub procedural: HashSet<String>,
    /// The words of the procedural titles: a title made of them only
    /// ("Welcome and adoption of the agenda") is procedural too.
    pub procedural_words: HashSet<String>,
    pub heading_agenda: Vec<String>,
    pub heading_discussion: Vec<String>,
    pub heading_participants: Vec<String>,
    pub heading_next: Vec<String>,
    /// "Table of contents": a report's list of its sections with their pages.
    pub heading_contents: Vec<String>,
    /// "Apologies", "Regrets": the people after them did not attend.
    pub heading_absent: Vec<String>,
    /// `heading_participants` and `heading_absent` folded ("Etaient PRESENTS"
    /// is "Étaient présents"), for the roll's headings in any case and accent.
    pub participants_folded: HashSet<String>,
    /// `[roll-lead-ins]` and `[participation-verbs]`, folded: a sentence
    /// holding one of each announces the participants after its colon.
    pub roll_lead_ins: HashSet<String>,
    pub participation_verbs: HashSet<String>,
    pub absent_folded: HashSet<String>,
    /// "No", "Keine": a heading that opens with one says nobody is in it
    /// ("No apologies received").
    pub negations: HashSet<String>,
    /// (verb, role) pairs: "hosted" gives [`RosterRole::Host`].
    pub roster_verbs: Vec<(String, RosterRole)>,
    pub role_words: HashSet<String>,
    pub countries: HashSet<String>,
    pub months_and_days: HashSet<String>,
    /// `[date-prepositions]`, lower case: the word before a meeting's date
    /// ("du 16 septembre"), no part of the name before it.
    pub date_prepositions: HashSet<String>,
    /// `[role-links]`, lower case, in order: the word between a role and
    /// the body it is held in ("Chair of the Network", "présidente de la
    /// SHPP"), the longer links first.
    pub role_links: Vec<String>,
    /// Words that make a title line name a body ("Coalition", "Working Group").
    pub body_words: HashSet<String>,
    /// `[place-heads]`: "Commune", "Town": the word before a place's name
    /// ("Commune de Charchigne", "Town of Aurora").
    pub place_heads: HashSet<String>,
    /// Nouns that make an agenda title a piece of work ("letter", "plan").
    pub work_items: HashSet<String>,
    /// Head nouns of organisation names ("Ministry", "Network", "Ltd").
    pub organisation_heads: HashSet<String>,
    /// Stakeholder groups ("civil society"), folded: labels, not organisations.
    pub stakeholder_groups: HashSet<String>,
    /// Nouns that never occur in a personal name ("States", "Internet").
    pub non_name_nouns: HashSet<String>,
    /// (label, role) pairs: "Chair: A" gives A [`RosterRole::Moderator`].
    pub roster_labels: Vec<(String, RosterRole)>,
    /// Given names, folded, less `[not-given-names]`: evidence of a person.
    pub given_names: HashSet<String>,
    /// Folded words that are given names somewhere but rarely in a record ("mag").
    pub not_given_names: HashSet<String>,
    /// Words of a heading or label over people who attended ("present", "guests").
    pub attendance_words: HashSet<String>,
    /// Words that say people did not attend ("apologies", "absent").
    pub absence_words: HashSet<String>,
    /// Words of a heading over people who speak ("panel", "speakers").
    pub speaker_words: HashSet<String>,
    /// Labels that open a field, not a turn ("action", "resolution").
    pub not_speaker_labels: HashSet<String>,
    /// Common English words, lower case (`common-words.txt`): a word of a
    /// name the lexicon vouches for is none of them.
    pub common_words: HashSet<String>,
    /// Cities and places, folded ("addis ababa"): never a person.
    pub places: HashSet<String>,
    /// Month names of other languages, folded, with their numbers ("abril = 4",
    /// "fevrier = 2").
    pub month_names: Vec<(String, u32)>,
    /// Words before a date that make it the record's metadata, not the
    /// meeting's ("revision", "approved"), lower case.
    pub date_metadata: Vec<String>,
    /// Organisation heads too loose for running text ("group", "forum").
    pub ambiguous_heads: HashSet<String>,
    /// The ambiguous heads that name a body in running text when written in
    /// title case ("Science Committee", "KVR Middle School"), unlike
    /// "programme" or "trust", which head subjects as often.
    pub prose_heads: HashSet<String>,
    /// Words that join the parts of one organisation's name, in the
    /// languages of the records ("of", "de la", "für"), lower case.
    pub name_connectors: HashSet<String>,
    /// Articles after which, following a conjunction, a second name begins
    /// ("... of Norway and the Latin American ...", "... y el Consejo ...").
    pub name_articles: HashSet<String>,
    /// (phrase, canonical head) of state organs: "governments" gives "Government".
    pub state_organs: Vec<(String, String)>,
    /// Nouns after a possessive name that say the person spoke ("question").
    pub possessive_speech: HashSet<String>,
    /// Ordinal words in order from one ("first", "second").
    pub ordinal_words: Vec<String>,
    /// "Seventh Meeting": an ordinal word of `ordinal_words` before a meeting noun.
    pub ordinal_title: Option<Regex>,
    /// "Matteo Conti chaired the call": a name, a verb of `[roster-verbs]`
    /// (group 2), a meeting noun.
    pub active_roster: Option<Regex>,
    /// The passive and labelled sentences that name moderators and hosts.
    pub roster: RosterPatterns,
    /// The words that shape lines into sentences and headings.
    pub sentence: SentenceWords,
    /// The words of the phrase that names a meeting's body ("Minutes of the
    /// Regular Meeting of the X held on").
    pub frame: FrameWords,
    /// Words that join the last item of a list ("and", "&", "y").
    pub list_conjunctions: HashSet<String>,
    /// "Moved: A, 2nd: B", "seconded by B", "MOVED: (Secretary/Jones)": what
    /// stands before the name of a mover or seconder of a motion
    /// (`[motion-words]`).
    pub motion: Option<Regex>,
    /// "called to order at 7:00 pm by Board President Ann Kowalski": what
    /// stands before the name of whoever opened the meeting
    /// (`[opening-phrases]`), in the shape of [`Lexicons::motion`].
    pub opening: Option<Regex>,
    /// "Presentation by Jim Steinhagen": a noun of speech before the name of
    /// whoever spoke (`[speech-nouns]`), in the shape of [`Lexicons::motion`].
    pub speech_noun: Option<Regex>,
    /// "Kamm/Kuhn moved": two surnames joined by a slash (groups 1 and 2)
    /// before a verb of `[mover-pair-verbs]`.
    pub mover_pair: Option<Regex>,
    /// "M/S: Hayes/Love", "(M/S/C Hayes/Love)", "M: Hayes, S: Love": a label
    /// of `[motion-pair-labels]` before two surnames, or a pair of
    /// `[mover-seconder-labels]` each before one: the mover (group 1 or 3)
    /// and the seconder (group 2 or 4) spoke.
    pub labelled_movers: Option<Regex>,
    /// "Each Director introduced themself": a quantifier of
    /// `[collective-quantifiers]`, the group's noun (group 1), a speech verb.
    pub collective_speech: Option<Regex>,
    /// The IGF profile's umbrella bodies (`[umbrella-bodies]`) at the start of
    /// a title: "IGF 2025 – ", "Internet Governance Forum: ".
    pub umbrella: Option<Regex>,
    /// `[umbrella-articles]` and `[umbrella-possessives]`, as written: what
    /// may stand before an umbrella body ("the") and after it and its
    /// separator ("'s"); read from the lexicon, used by the profile's
    /// [`Lexicons::umbrella`].
    umbrella_articles: Vec<String>,
    umbrella_possessives: Vec<String>,
    /// The IGF profile's initiative name ("IGF") and the words before it
    /// that belong to it ("Youth"): "Youth IGF Uruguay", "Kenya IGF".
    pub initiative_names: Vec<String>,
    pub initiative_qualifiers: Vec<String>,
    /// (kind, word) of a table's column headers: a header with a word that
    /// opens with it ("Organisation / Affiliation") is the column of that
    /// kind (`name`, `organisation`, `role` or `presence`).
    pub column_headers: Vec<(String, String)>,
    /// Legal forms written after a comma ("Genuitec, LLC"), lower case,
    /// without a final full stop.
    pub legal_forms: HashSet<String>,
    /// `[represented-by]`: what joins a member body and the person attending
    /// for it (" represented by "), lower case, in the lexicon's order, with
    /// a space either side.
    pub represented_by: Vec<String>,
    /// `[not-words]`, lower case: "were not present:" is no lead-in.
    pub not_words: HashSet<String>,
    /// The `[attendance-marks]` that say a person was absent ("No",
    /// "Apologies"), lower case.
    pub absent_marks: HashSet<String>,
    /// Labels of a record's fields ("Venue", "Contact"), folded.
    pub record_fields: HashSet<String>,
    /// Words that name a record, not a body ("minutes", "report"), lower case.
    pub record_words: HashSet<String>,
    /// `[venue-nouns]`, folded: a title line with one names where the body
    /// met ("Board Hearing Room, First Floor"), not the body.
    pub venue_nouns: HashSet<String>,
    /// Words that complete a body's name made of body words alone ("Board of
    /// Directors"), lower case: such a name belongs to the organisation above it.
    pub body_complements: HashSet<String>,
    /// Month names and time zones (`[months]`, `[time-zones]`,
    /// `[regional-time-zones]`), compiled.
    pub dates: DateRules,
    /// Roles of a participant list that make its holder the moderator
    /// ("Chair", "Chairing"), folded (`[moderator-roles]`).
    pub moderator_roles: HashSet<String>,
    /// "This is Yoshinobu Matsuzaki", "I am Kenny Huang": a phrase of
    /// `[self-introductions]`, then the capital that opens the name (group 1).
    pub self_introduction: Option<Regex>,
    /// "my name is kyle mcmartin,": a phrase of `[self-introductions]`, then
    /// two words in small letters that end the clause (group 1), as people
    /// type in a chat.
    pub self_introduction_in_lower_case: Option<Regex>,
    /// The patterns of a record's header, their words from the lexicon.
    pub header: HeaderPatterns,
    /// The patterns of running text (closing lines, question-and-answer
    /// turns, chat notices...), their words from the lexicon.
    pub prose: ProsePatterns,
    /// "called to order", "la séance est ouverte": a time after such a phrase
    /// is when the meeting actually started (`[meeting-start-phrases]`).
    pub meeting_start: Option<Regex>,
    /// "The tenth consortium meeting was held at ... 24-26 May 2011": a
    /// date after such a phrase is the meeting's (`[meeting-held-phrases]`).
    pub meeting_held: Option<Regex>,
    /// "Dr. Dan Arvizu, Chairman, presiding": the word after the one who
    /// chairs (`[presiding-words]`).
    pub presiding: Option<Regex>,
    /// "J. Shergill (President) in the chair with A. Kibler": a presiding
    /// phrase, then a word of `[presiding-company-links]` with the spaces
    /// around it (group 1); the roll goes on after it.
    pub presiding_company: Option<Regex>,
    /// Meeting-bot commands that open an agenda item ("topic" of "#topic"), lower case.
    pub chat_topic_commands: Vec<String>,
    /// `[chat-start-commands]`: bot commands that open a meeting and name it.
    pub chat_start_commands: Vec<String>,
    /// `[site-taglines]`: what a wiki page's tagline says before its site's
    /// name ("From"), as written.
    pub site_taglines: HashSet<String>,
    /// Handles of meeting bots and network services in chat logs, folded.
    pub chat_bots: HashSet<String>,
    /// Generational suffixes after a name and a comma ("Jr.", "III"), folded.
    pub name_suffixes: HashSet<String>,
    /// Words that name an office's seat between a title and a name
    /// ("Commissioner Precinct 4 Ron Morrison", "Councilmember District 3"), lower case.
    pub office_seats: HashSet<String>,
    /// A word that stands before an agenda item's number ("Item 3", "TOP 1",
    /// "Point 2", `[agenda-item-words]`), then the number and the rest in group 1.
    pub agenda_item: Option<Regex>,
    /// The same words, lower case: "Items 1-14" after a title is a range
    /// of items, no part of it.
    pub agenda_item_words: HashSet<String>,
    /// The kind of business an agenda line adds after its title
    /// ("(for decision)", "– Action"), lower case (`[agenda-item-notes]`).
    pub item_notes: HashSet<String>,
    /// Units of an item's allotted time ("(10 min)"), lower case
    /// (`[duration-units]`).
    pub duration_units: HashSet<String>,
    /// Words before an item's presenter at the end of its title ("durch
    /// Bürgermeister Kaatz"), lower case, longest first (`[presenter-links]`).
    pub presenter_links: Vec<String>,
    /// Words that label an agenda title before its number ("Issue 280:
    /// Proposed update"), lower case (`[keyphrase-labels]`).
    pub keyphrase_labels: HashSet<String>,
    /// Words that put a date after the subject a title names ("Genehmigung
    /// des Protokolls vom 11.02.2019", "Final Report from 2018"), folded
    /// (`[date-links]`).
    pub date_links: HashSet<String>,
    /// The last words of bodies that report to a meeting ("Finance
    /// Committee"), folded (`[reporting-body-heads]`).
    pub reporting_body_heads: HashSet<String>,
    /// Words that join a title to whoever presents it ("Intro to the work
    /// by Ann Lee"), lower case (`[speaker-links]`).
    pub speaker_links: HashSet<String>,
    /// Phrases that open an agenda title before the subject it names
    /// ("Discussion on", "Point sur"), lower case (`[subject-leads]`).
    pub subject_leads: Vec<String>,
    /// (plural ending, singular ending), longest first (`[plural-endings]`):
    /// "Policies" and "policy" are one keyphrase.
    pub plural_endings: Vec<(String, String)>,
    /// `[attachment-labels]`, lower case: the label of an agenda item's
    /// attachments under its title ("Additional documents").
    pub attachment_labels: HashSet<String>,
    /// `[non-subject-titles]`, folded: agenda titles that name no subject
    /// ("Embed", "No. Item", "Report").
    pub non_subject_titles: HashSet<String>,
    /// `[report-titles]`, folded: phrases that open a title reporting on
    /// work the meeting hears of ("Update from the Secretariat").
    pub report_titles: Vec<String>,
    /// `[definite-articles]` as written: "The" before a body's name.
    pub definite_articles: Vec<String>,
    /// `[email-marking-fields]`, lower case: a header block with a line
    /// opening with one ("From:") is an e-mail's.
    pub email_marking_fields: Vec<String>,
    /// `[title-small-words]`, lower case: "of" in "Board of Directors".
    pub title_small_words: HashSet<String>,
    /// `[role-phrase-articles]` as written: "the" before "MAG Chair, Noor".
    pub role_phrase_articles: Vec<String>,
    /// `[header-list-conjunctions]` as written: "and" in "A, B and C".
    pub header_list_conjunctions: Vec<String>,
    /// Phrases after which a sentence lists the subjects a meeting took up
    /// ("... and discuss: A; B; and C"), lower case (`[subject-list-leads]`).
    pub subject_list_leads: Vec<String>,
    /// (phrase, name), the phrase lower case (`[business-in-prose]`): the
    /// meeting's own business as running text names it ("Apologies were
    /// received", "the minutes of the meeting held on 14 July were
    /// confirmed"); an empty name is the phrase as written with what follows.
    pub business_in_prose: Vec<(String, String)>,
    /// `[business-acts]`, lower case: words that say the meeting did its
    /// business ("approved", "received"), one of which the sentence must hold.
    pub business_acts: Vec<String>,
    /// `[business-stops]`, lower case: words a business phrase's subject ends
    /// before ("were" in "the minutes of the meeting were approved").
    pub business_stops: HashSet<String>,
}

/// What a roster verb or label makes of the people it names: the value
/// side of `[roster-verbs]` and `[roster-labels]` ("hosted = host").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterRole {
    /// `moderator`: chaired, moderated, facilitated the meeting.
    Moderator,
    /// `host`: hosted or convened it.
    Host,
    /// `recorder`: kept the minutes ("Secrétaire de séance : A"), and so
    /// attended.
    Recorder,
    /// `officer`: named in an office of the body or a capacity the label
    /// gives ("Treasurer: A" in a list of officers, "Contact: B"), not as
    /// attending.
    Officer,
}

impl RosterRole {
    /// The role a value names; none for any other value, whose entry is
    /// then left out.
    fn parse(value: &str) -> Option<Self> {
        match value {
            "moderator" => Some(Self::Moderator),
            "host" => Some(Self::Host),
            "recorder" => Some(Self::Recorder),
            "officer" => Some(Self::Officer),
            _ => None,
        }
    }

    /// The pairs of a section whose value names a role.
    fn pairs(pairs: Vec<(String, String)>) -> Vec<(String, Self)> {
        (pairs.into_iter())
            .filter_map(|(word, role)| Some((word, Self::parse(&role)?)))
            .collect()
    }
}

impl Lexicons {
    /// Indexes the word lists of `lexicon.txt` and checks its sections: every
    /// section read here must be in the file, and no other.
    ///
    /// # Errors
    /// A missing, unknown or ill-formed section, or a date or time-zone entry
    /// that does not compile, naming `file`.
    pub fn load(file: &str, lexicon: &Lexicon) -> Result<Self, LexiconError> {
        let sections = Sections::new(lexicon);
        let (mut me, dates) = Self::index(&sections);
        sections.check(file)?;
        me.dates = dates.map_err(|e| LexiconError::Section {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        Ok(me)
    }

    /// The word lists of a lexicon, unchecked: absent sections are empty, and
    /// date rules that do not compile are left out.
    pub fn unchecked(lexicon: &Lexicon) -> Self {
        let (mut me, dates) = Self::index(&Sections::new(lexicon));
        me.dates = dates.unwrap_or_default();
        me
    }

    /// Reads every section the rules use: the one place a section is named,
    /// one reader per family of rules. Fields no section fills (the given
    /// names, the common words, the IGF profile's) stay empty here.
    fn index(l: &Sections) -> (Self, Result<DateRules, RuleError>) {
        let r = Reader(l);
        let mut me = Self::default();
        me.read_speech(&r);
        me.read_names(&r);
        me.read_headings(&r);
        me.read_roll(&r);
        me.read_bodies(&r);
        me.read_records(&r);
        let dates = DateRules::new(
            &r.pairs("months"),
            &r.pairs("time-zones"),
            &r.pairs("regional-time-zones"),
            DateWords::read(l),
        );
        (me, dates)
    }

    /// Who speaks: speech verbs and nouns, the labels of turns, and the
    /// phrases before a mover's or an opener's name.
    fn read_speech(&mut self, r: &Reader) {
        self.speech_verbs = r.lower("speech-verbs");
        self.speech_adverbs = r.lower("speech-adverbs");
        self.non_speech = r.lower("non-speech-followers");
        self.speaker_words = r.lower("speaker-words");
        self.possessive_speech = r.lower("possessive-speech");
        self.not_speaker_labels = r.folded("not-speaker-labels");
        let agent_links = r.list("motion-agent-links");
        self.motion = motion(r.list("motion-words"), agent_links);
        self.opening = motion(r.list("opening-phrases"), agent_links);
        self.speech_noun = motion(r.list("speech-nouns"), agent_links);
        self.mover_pair = mover_pair(r.list("mover-pair-verbs"));
        self.labelled_movers = labelled_movers(
            r.list("motion-pair-labels"),
            &r.pairs("mover-seconder-labels"),
        );
        self.collective_speech = collective_speech(
            r.list("collective-quantifiers"),
            r.list("adverb-endings"),
            r.list("speech-verbs"),
        );
        self.chat_bots = r.folded("chat-bots");
        self.speaker_links = r.lower("speaker-links");
        self.meeting_start = phrases(r.list("meeting-start-phrases"));
        self.meeting_held = phrases(r.list("meeting-held-phrases"));
        self.presiding = phrases(r.list("presiding-words"));
        self.presiding_company =
            presiding_company(r.list("presiding-words"), r.list("presiding-company-links"));
        self.self_introduction = self_introduction(r.list("self-introductions"));
        self.self_introduction_in_lower_case =
            self_introduction_in_lower_case(r.list("self-introductions"));
    }

    /// What a person's name is made of, and the words it never holds.
    fn read_names(&mut self, r: &Reader) {
        self.not_names = r.as_written("not-names");
        self.honorifics = r.list("honorifics").to_vec();
        self.honorific_keys = (r.list("honorifics").iter())
            .map(|h| h.trim_end_matches('.').to_owned())
            .collect();
        self.title_modifiers = r.as_written("title-modifiers");
        self.office_heads = r.as_written("office-heads");
        self.particles = r.list("name-particles").to_vec();
        self.months_and_days = r.lower("months-and-days");
        self.date_prepositions = r.lower("date-prepositions");
        self.role_links = r.lower_in_order("role-links");
        self.non_name_nouns = r.lower("non-name-nouns");
        self.not_given_names = r.folded("not-given-names");
        self.ordinal_words = r.lower_in_order("ordinal-words");
        self.ordinal_title = ordinal_title(r.list("ordinal-words"), r.list("ordinal-title-nouns"));
        self.places = r.folded("places");
        self.name_suffixes = r.folded("name-suffixes");
        self.office_seats = r.lower("office-seats");
    }

    /// The headings of a record's sections and the titles of its agenda.
    fn read_headings(&mut self, r: &Reader) {
        self.procedural = r.folded("procedural-agenda");
        self.procedural_words = r
            .list("procedural-agenda")
            .iter()
            .flat_map(|t| fold(t).split(' ').map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        self.heading_agenda = r.list("headings-agenda").to_vec();
        self.heading_discussion = r.list("headings-discussion").to_vec();
        self.heading_next = r.list("headings-next").to_vec();
        self.heading_contents = r.list("headings-contents").to_vec();
        self.work_items = r.lower("work-items");
        self.chat_topic_commands = r.lower_in_order("chat-topic-commands");
        self.chat_start_commands = r.lower_in_order("chat-start-commands");
        self.site_taglines = r.as_written("site-taglines");
        self.agenda_item = agenda_item(r.list("agenda-item-words"));
        self.agenda_item_words = r.lower("agenda-item-words");
        self.item_notes = r.lower("agenda-item-notes");
        self.duration_units = r.lower("duration-units");
        self.presenter_links = r.lower_in_order("presenter-links");
        self.keyphrase_labels = r.lower("keyphrase-labels");
        self.date_links = r.folded("date-links");
        self.reporting_body_heads = r.folded("reporting-body-heads");
        self.subject_leads = r.lower_in_order("subject-leads");
        self.plural_endings = plural_endings(r.pairs("plural-endings"));
        self.non_subject_titles = r.folded("non-subject-titles");
        self.attachment_labels = r.lower("attachment-labels");
        self.report_titles = r.list("report-titles").iter().map(|w| fold(w)).collect();
        self.subject_list_leads = r.lower_in_order("subject-list-leads");
        self.business_in_prose = r
            .pairs("business-in-prose")
            .into_iter()
            .map(|(phrase, name)| (phrase.to_lowercase(), name))
            .collect();
        self.business_acts = r.lower_in_order("business-acts");
        self.business_stops = r.lower("business-stops");
    }

    /// Who attended, who did not, and in what role: the roll's headings,
    /// labels, marks and the sentences that name moderators and hosts.
    fn read_roll(&mut self, r: &Reader) {
        self.heading_participants = r.list("headings-participants").to_vec();
        self.heading_absent = r.list("headings-absent").to_vec();
        self.participants_folded = r.folded("headings-participants");
        self.roll_lead_ins = r.folded("roll-lead-ins");
        self.participation_verbs = r.folded("participation-verbs");
        self.absent_folded = r.folded("headings-absent");
        self.negations = r.folded("negations");
        self.roster_verbs = RosterRole::pairs(r.pairs("roster-verbs"));
        self.roster_labels = RosterRole::pairs(r.pairs("roster-labels"));
        self.role_words = r.lower("role-words");
        self.attendance_words = r.lower("attendance-words");
        self.absence_words = r.lower("absence-words");
        self.active_roster = active_roster(&self.roster_verbs, r);
        self.roster = RosterPatterns::new(&self.roster_verbs, &self.roster_labels, r);
        self.list_conjunctions = r.as_written("list-conjunctions");
        self.moderator_roles = r.folded("moderator-roles");
        self.column_headers = (r.pairs("column-headers").into_iter())
            .map(|(word, kind)| (kind, word.to_lowercase()))
            .collect();
        self.absent_marks = (r.pairs("attendance-marks").into_iter())
            .filter(|(_, presence)| presence == "absent")
            .map(|(mark, _)| mark.to_lowercase())
            .collect();
    }

    /// What names a body or a place: organisation and place heads,
    /// countries, state organs, legal forms.
    fn read_bodies(&mut self, r: &Reader) {
        self.countries = r.folded("countries");
        self.body_words = r.lower("body-words");
        self.place_heads = r.folded("place-heads");
        self.organisation_heads = r.lower("organisation-heads");
        self.stakeholder_groups = r.folded("stakeholder-groups");
        self.ambiguous_heads = r.lower("ambiguous-heads");
        self.prose_heads = r.lower("prose-heads");
        self.name_connectors = r.lower("name-connectors");
        self.name_articles = r.lower("name-articles");
        self.state_organs = r.pairs("state-organs");
        self.legal_forms = r.lower("legal-forms");
        self.represented_by = (r.lower_in_order("represented-by").iter())
            .map(|p| format!(" {p} "))
            .collect();
        self.not_words = r.lower("not-words");
        self.body_complements = r.lower("body-complements");
        self.umbrella_articles = r.list("umbrella-articles").to_vec();
        self.umbrella_possessives = r.list("umbrella-possessives").to_vec();
    }

    /// The shape of the record itself: its sentences, the phrase that names
    /// the meeting, its dates' metadata and its fields.
    fn read_records(&mut self, r: &Reader) {
        self.sentence = SentenceWords::read(r.0);
        self.frame = FrameWords::read(r.0);
        self.month_names = (r.pairs("month-names").into_iter())
            .filter_map(|(n, m)| Some((fold(&n), m.parse().ok()?)))
            .collect();
        self.date_metadata = r.lower_in_order("date-metadata");
        self.record_words = r.lower("record-words");
        self.record_fields = r.folded("record-fields");
        self.venue_nouns = r.folded("venue-nouns");
        self.header = HeaderPatterns::read(r.0);
        self.prose = ProsePatterns::read(r.0);
        self.definite_articles = r.list("definite-articles").to_vec();
        self.email_marking_fields = r.lower_in_order("email-marking-fields");
        self.title_small_words = r.lower("title-small-words");
        self.role_phrase_articles = r.list("role-phrase-articles").to_vec();
        self.header_list_conjunctions = r.list("header-list-conjunctions").to_vec();
    }

    /// The given-name lexicon (folded), less `[not-given-names]` and the
    /// generational suffixes of `[name-suffixes]`: someone somewhere is
    /// named "Jr" or "Iv", but after a name the word is its suffix ("Ray
    /// Tibbs Jr."), never a second person.
    pub fn with_given_names(mut self, names: &HashSet<String>) -> Self {
        self.given_names = names
            .iter()
            .filter(|n| !self.not_given_names.contains(*n) && !self.name_suffixes.contains(*n))
            .cloned()
            .collect();
        self
    }

    /// Common English words, lower case.
    pub fn with_common_words(mut self, words: HashSet<String>) -> Self {
        self.common_words = words;
        self
    }

    /// The rules of the IGF profile (`profiles/igf.txt`); none when it is
    /// empty. A profile with any section must have all of its sections.
    ///
    /// # Errors
    /// A missing or unknown section of the profile, naming `file`.
    pub fn with_profile(mut self, file: &str, profile: &Lexicon) -> Result<Self, LexiconError> {
        let p = Sections::new(profile);
        let article = header_patterns::alternation(&self.umbrella_articles, r"\s+");
        let possessive = header_patterns::alternation(&self.umbrella_possessives, r"\s+");
        self.umbrella = alternation(p.list("umbrella-bodies")).and_then(|bodies| {
            let bodies = bodies.replace(' ', r"\s+");
            Regex::new(&format!(
                r"^(?:(?:(?:{article})\s+)?(?:{bodies})(?:\s+\d{{4}})?(?:\s*[–—:|-]\s*|\s+)(?:(?:{possessive})\s+)?)"
            ))
            .ok()
        });
        self.initiative_names = p.list("initiative-names").to_vec();
        self.initiative_qualifiers = p.list("initiative-qualifiers").to_vec();
        if !profile.is_empty() {
            p.check(file)?;
        }
        Ok(self)
    }

    /// Is the word a given name of the lexicon ("Simon-Jan": "simon")?
    pub fn is_given(&self, w: &str) -> bool {
        let f = fold(w);
        let first = f.split(['-', '\'', ' ']).next().unwrap_or("");
        self.given_names.contains(&f) || self.given_names.contains(first)
    }

    /// "Mr", "Mr.", "Ambassador", "H.E." and the like.
    pub fn is_honorific(&self, w: &str) -> bool {
        self.honorific_keys.contains(w.trim_end_matches('.'))
    }

    /// "Councilmembers", "Trustees", "Mmes": a title of `[honorifics]` whose
    /// singular, without its final "s", is one too. It titles a list of
    /// names, not one.
    pub fn is_plural_title(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        self.is_honorific(w)
            && w.strip_suffix('s')
                .is_some_and(|one| self.is_honorific(one))
    }

    /// "Hamlin MOVED and Pierce seconded", "SENATOR TITUS MOVED": a speech
    /// verb written in capitals, which after a name's first word is what the
    /// person did, not a surname in capitals ("Roger BUSSON") the name takes.
    pub fn is_speech_verb_in_capitals(&self, w: &str) -> bool {
        super::names::is_in_capitals(w) && self.speech_verbs.contains(&w.to_lowercase())
    }

    /// Byte length of the title that opens `s`, with the space after it:
    /// words of `[title-modifiers]` and `[honorifics]` up to the last
    /// honorific ("City Attorney Knutson" → "City Attorney "), 0 when none.
    /// A one-letter title ("M. Dupont") is an initial before another
    /// initial ("M. J. Smith") and before a lone surname ("M. Binder, A.
    /// Harvey": a roll of initials); before a given name and a surname it is
    /// the title ("M. BUSSON Roger"). Only a name may follow: a capital letter.
    pub fn title_len(&self, s: &str) -> usize {
        const MOST: usize = 4;
        let mut end = 0;
        let mut pos = 0;
        // Office words read since the last honorific: only a head of office ends them.
        let mut office = false;
        // On the stack: a title is looked for at every name of a roll.
        let mut first = [""; MOST + 2];
        let mut count = 0;
        for (slot, w) in first.iter_mut().zip(s.split(' ')) {
            *slot = w;
            count += 1;
        }
        let words = &first[..count];
        for (i, raw) in words.iter().enumerate().take(MOST) {
            let next = words.get(i + 1).copied().unwrap_or("");
            let w = raw.trim_end_matches('.');
            let clean = w.len() == raw.len() || raw.len() == w.len() + 1;
            if raw.is_empty() || !clean || !next.starts_with(char::is_uppercase) {
                break;
            }
            let one_letter = w.chars().count() == 1;
            let next_is_initial = next.trim_end_matches('.').chars().count() == 1;
            let lone_surname = next.ends_with([',', ';', ')', ':'])
                || !words
                    .get(i + 2)
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
            // "M. BERNARD": before a surname in capitals, as French records
            // write one, a one-letter title is Monsieur, no initial.
            let capitals = next.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !next.chars().any(char::is_lowercase);
            pos += raw.len() + 1;
            if self.is_honorific(w)
                && !(one_letter && (next_is_initial || lone_surname && !capitals))
            {
                if office && !self.office_heads.contains(w) {
                    break;
                }
                end = pos;
                office = false;
            } else if !self.title_modifiers.contains(w) {
                if !self.is_office_word(w) {
                    break;
                }
                office = true;
            }
        }
        end.min(s.len())
    }

    /// A capitalised word that may name the office or department of a title
    /// before its head ("Housing Manager", "Community Development
    /// Director"): no given name, which would open the name itself. It is
    /// part of a title only where an honorific follows it.
    fn is_office_word(&self, w: &str) -> bool {
        w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic) && !self.is_given(w)
    }

    /// A heading that opens a known section (agenda, discussion, participants, next meeting).
    pub fn is_section_heading(&self, t: &str) -> bool {
        let t = t.trim().trim_end_matches(':').trim();
        [
            &self.heading_agenda,
            &self.heading_discussion,
            &self.heading_participants,
            &self.heading_next,
        ]
        .iter()
        .any(|list| list.iter().any(|h| h.eq_ignore_ascii_case(t)))
    }

    /// The length of ", Jr." at the start of `t` (what follows a name): a
    /// generational suffix of `[name-suffixes]`, with its comma and full
    /// stop; 0 when none follows.
    pub fn name_suffix_len(&self, t: &str) -> usize {
        let Some(after) = t.strip_prefix(", ").or_else(|| t.strip_prefix(' ')) else {
            return 0;
        };
        let word = after.split([' ', ',', ';', ')']).next().unwrap_or("");
        let bare = word.trim_end_matches('.');
        if self.name_suffixes.contains(&crate::words::fold(bare)) && !bare.is_empty() {
            t.len() - after.len() + word.len()
        } else {
            0
        }
    }

    /// The lexicon, profile and given names shipped in `ontology/`, for unit
    /// tests of the rules (the ontology's own loading is tested there).
    #[cfg(test)]
    pub fn for_tests() -> Self {
        let given = include_str!("../../ontology/given-names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        Lexicon::parse("lexicon.txt", super::lexicon::SHIPPED)
            .and_then(|l| Self::load("lexicon.txt", &l))
            .and_then(|me| {
                let profile = Lexicon::parse(
                    "profiles/igf.txt",
                    include_str!("../../ontology/profiles/igf.txt"),
                )?;
                me.with_profile("profiles/igf.txt", &profile)
            })
            .map(|me| me.with_given_names(&given))
            .unwrap_or_default()
    }
}

/// The words of the phrase a record names its body with ("Minutes of the
/// Regular Meeting of the Plymouth City Council held on", "Protokoll der ord.
/// Generalversammlung des Sportverein X am"), folded; phrases as their folded
/// words.
#[derive(Debug, Clone, Default)]
pub struct FrameWords {
    /// `[record-heads]`: "minutes", "compte rendu", "Protokoll".
    pub records: Vec<Vec<String>>,
    /// `[meeting-nouns]`: "meeting", "séance", "Sitzung".
    pub meetings: Vec<Vec<String>>,
    /// `[assemblies]`: "annual general meeting", "Generalversammlung".
    pub assemblies: Vec<Vec<String>>,
    /// `[meeting-qualifiers]`, `[ordinal-words]` and months and days.
    pub qualifiers: HashSet<String>,
    /// `[genitive-links]`: "of", "de la", "des".
    pub links: Vec<Vec<String>>,
    /// `[articles]`.
    pub articles: HashSet<String>,
    /// `[body-connectors]`: "of", "du", "der".
    pub connectors: HashSet<String>,
    /// `[body-enders]`: "held", "convened".
    pub enders: HashSet<String>,
    /// Month and day names of every language: a body's name ends before one.
    pub dates: HashSet<String>,
}

impl FrameWords {
    fn read(l: &Sections) -> Self {
        let phrases = |s: &'static str| -> Vec<Vec<String>> {
            let mut p: Vec<Vec<String>> = l
                .list(s)
                .iter()
                .map(|w| w.split_whitespace().map(fold).collect::<Vec<_>>())
                .filter(|w| !w.is_empty())
                .collect();
            // Longest first: "de la" before "de".
            p.sort_by_key(|w| std::cmp::Reverse(w.len()));
            p
        };
        let folded = |s: &'static str| l.list(s).iter().map(|w| fold(w)).collect::<HashSet<_>>();
        let dates: HashSet<String> = folded("months-and-days")
            .into_iter()
            .chain(l.pairs("month-names").into_iter().map(|(n, _)| fold(&n)))
            .collect();
        let qualifiers = folded("meeting-qualifiers")
            .into_iter()
            .chain(folded("ordinal-words"))
            .chain(dates.iter().cloned())
            .collect();
        Self {
            records: phrases("record-heads"),
            enders: folded("body-enders"),
            meetings: phrases("meeting-nouns"),
            assemblies: phrases("assemblies"),
            qualifiers,
            links: phrases("genitive-links"),
            articles: folded("articles"),
            connectors: folded("body-connectors"),
            dates,
        }
    }
}

/// The words that shape a report's lines into sentences and headings
/// (`crate::text`), lower case.
#[derive(Debug, Clone)]
pub struct SentenceWords {
    /// A full stop after one ends no sentence ("Mr.", "e.g.").
    pub abbreviations: HashSet<String>,
    /// A line ending on one runs on ("that", "by"): it is no heading.
    pub leading_on: HashSet<String>,
    /// A line holding one is a sentence, not a heading ("was", "said").
    pub finite_verbs: HashSet<String>,
    /// A hyphen after one at a line break is kept ("co-chair").
    pub hyphen_prefixes: HashSet<String>,
    /// The cells of a presence column ("Yes", "No", "✓"), lower case: in
    /// a table flattened one cell a line, each opens a row.
    pub attendance_marks: HashSet<String>,
    /// Labels of a catalogue record's fields, as written ("Title", "RefNo"):
    /// glued to their value ("TitleMinutes of ..."), they are set apart.
    pub glued_field_labels: Vec<String>,
    /// "Page 3 of 12", "3 / 12", "- 3 -", "12": a line that is a page's
    /// number, with up to 80 characters before it (a running header), its
    /// words from `[page-words]` and `[page-number-links]`, any case.
    pub page_number: Regex,
    /// "Page 3", "3 of 12", "3 / 12" at a line's end: what says a number is a
    /// page's, so that a line of [`Self::page_number`] is furniture however
    /// long it is. Not a link alone: "Minutes of ABC Meeting 143" is a title.
    pub page_marked: Regex,
}

impl Default for SentenceWords {
    fn default() -> Self {
        Self::read(&Sections::new(&Lexicon::default()))
    }
}

impl SentenceWords {
    /// The words of the lexicon shipped in `ontology/`, for text read without
    /// a lexicon at hand.
    pub fn shipped() -> &'static Self {
        static SHIPPED: std::sync::LazyLock<SentenceWords> = std::sync::LazyLock::new(|| {
            Lexicon::parse("lexicon.txt", super::lexicon::SHIPPED)
                .map(|l| SentenceWords::read(&Sections::new(&l)))
                .unwrap_or_default()
        });
        &SHIPPED
    }

    /// The sections of a lexicon the text layer reads, lower case.
    fn read(l: &Sections) -> Self {
        let lower = |s: &'static str| l.list(s).iter().map(|w| w.to_lowercase()).collect();
        Self {
            abbreviations: lower("sentence-abbreviations"),
            leading_on: lower("leading-on-words"),
            finite_verbs: lower("finite-verbs"),
            hyphen_prefixes: lower("hyphen-prefixes"),
            attendance_marks: l
                .pairs("attendance-marks")
                .iter()
                .map(|(mark, _)| mark.to_lowercase())
                .collect(),
            glued_field_labels: l.list("glued-field-labels").to_vec(),
            page_number: page_number(l.list("page-words"), l.list("page-number-links")),
            page_marked: page_marked(l.list("page-words"), l.list("page-number-links")),
        }
    }
}

/// "Page 3 of 12", "3 / 12", "- 3 -", "12": a page's number alone on its
/// line, or after up to 80 characters of a running header.
fn page_number(page: &[String], of: &[String]) -> Regex {
    let page = header_patterns::alternation(page, r"\s+");
    let of = header_patterns::alternation(of, r"\s+");
    header_patterns::pattern(&format!(
        r"(?i)^(?:.{{0,80}}\s)?(?:(?:{page})\s+\d+(?:\s*(?:{of}|/)\s*\d+)?|\d+\s*(?:{of}|/)\s*\d+|-\s*\d+\s*-|\d{{1,3}})$"
    ))
}

/// "Page 3", "page 3 of 12", "3 of 12", "3 / 12" ending a line; not a
/// span of years ("Calendrier 2015/2016").
fn page_marked(page: &[String], of: &[String]) -> Regex {
    let page = header_patterns::alternation(page, r"\s+");
    let of = header_patterns::alternation(of, r"\s+");
    header_patterns::pattern(&format!(
        r"(?i)(?:^|\s)(?:(?:{page})\s+\d+(?:\s*(?:{of}|/)\s*\d+)?|\d{{1,3}}\s*(?:{of}|/)\s*\d{{1,3}})$"
    ))
}

/// The patterns of sentences that name a meeting's moderators and hosts,
/// compiled once from `[roster-verbs]` and `[roster-labels]` (in their order:
/// the first verb that matches wins), their small words from
/// `[roster-passive-subjects]`, `[roster-passive-auxiliaries]`,
/// `[roster-verb-conjunctions]` and `[roster-agent-links]`.
#[derive(Debug, Clone, Default)]
pub struct RosterPatterns {
    /// "The meeting was chaired ...": where a passive roster clause starts.
    pub passive: Option<Regex>,
    /// "chaired and hosted by ": the verbs in group 1, the names after it.
    pub by: Option<Regex>,
    /// "Chair: ", "Host: ": the label in group 1, the names after it.
    pub labelled: Option<Regex>,
    /// Each verb as a whole word, with the role it gives.
    pub verbs: Vec<(Regex, RosterRole)>,
}

impl RosterPatterns {
    fn new(verbs: &[(String, RosterRole)], labels: &[(String, RosterRole)], r: &Reader) -> Self {
        // Read whatever the verbs: a section read is a section the file must have.
        let w = |section: &'static str| header_patterns::alternation(r.list(section), r"\s+");
        let (subject, auxiliary) = (
            w("roster-passive-subjects"),
            w("roster-passive-auxiliaries"),
        );
        let (and, by) = (w("roster-verb-conjunctions"), w("roster-agent-links"));
        let escaped: Vec<String> = verbs.iter().map(|(v, _)| regex::escape(v)).collect();
        if escaped.is_empty() {
            return Self::default();
        }
        let verb = format!("(?:{})", escaped.join("|"));
        let labels: Vec<String> = labels.iter().map(|(l, _)| regex::escape(l)).collect();
        Self {
            // "The meeting was chaired", "the call is co-hosted".
            passive: Regex::new(&format!(
                r"(?i)\b(?:{subject})\b[^.;]{{0,40}}?\b(?:{auxiliary})\s+(?:[a-z]+\s+)?{verb}\b"
            ))
            .ok(),
            by: Regex::new(&format!(
                r"(?i)\b({verb}(?:\s+(?:{and})\s+{verb})*)\s+(?:{by})\s+"
            ))
            .ok(),
            labelled: (!labels.is_empty())
                .then(|| {
                    Regex::new(&format!(
                        r"(?i)(?:^|[.;]\s+|\s)({})\s*:\s+",
                        labels.join("|")
                    ))
                    .ok()
                })
                .flatten(),
            verbs: verbs
                .iter()
                .filter_map(|(v, role)| {
                    let r = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(v))).ok()?;
                    Some((r, *role))
                })
                .collect(),
        }
    }
}

/// "Seventh Meeting": an ordinal word before a meeting noun
/// (`[ordinal-title-nouns]`).
fn ordinal_title(words: &[String], nouns: &[String]) -> Option<Regex> {
    let words = alternation(words)?;
    let nouns = header_patterns::alternation(nouns, r"\s+");
    Regex::new(&format!(
        r"(?i)\b({words})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b"
    ))
    .ok()
}

/// "Matteo Conti chaired the call": a name, a roster verb (group 2), a
/// preposition (`[active-roster-prepositions]`), a determiner
/// (`[active-roster-determiners]`) and a meeting noun
/// (`[active-roster-nouns]`), these three as written.
fn active_roster(verbs: &[(String, RosterRole)], r: &Reader) -> Option<Regex> {
    // Read whatever the verbs: a section read is a section the file must have.
    let w = |section: &'static str| header_patterns::alternation(r.list(section), r"\s+");
    let (preposition, determiner, noun) = (
        w("active-roster-prepositions"),
        w("active-roster-determiners"),
        w("active-roster-nouns"),
    );
    let verbs = alternation(
        &verbs
            .iter()
            .map(|(verb, _)| verb.clone())
            .collect::<Vec<_>>(),
    )?;
    Regex::new(&format!(
        r"^((?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w'’-]+)\s+({verbs})\s+(?:(?:{preposition})\s+)?(?:{determiner})\s+(?:{noun})\b"
    ))
    .ok()
}

/// What stands before the name of a mover or seconder: "Moved: ", "seconded
/// by ", "Second By: ", "proposed for approval by ", "called to order at 7:00
/// pm by " (at most four words in lower case or figures between),
/// "MOVED: (Secretary/"; "by" is one of `links` (`[motion-agent-links]`).
fn motion(words: &[String], links: &[String]) -> Option<Regex> {
    let words = alternation(words)?.replace(' ', r"\s+");
    let by = header_patterns::alternation(links, r"\s+");
    Regex::new(&format!(
        r"(?i)\b(?:{words})(?:\s+(?-i:[\p{{Ll}}\d][^\s]*)){{0,4}}?\s*(?:(?:{by})\s*:?\s+|:\s*\(?\s*(?:[^():/]*/\s*)?|\(\s*(?:[^():/]*/\s*)?)"
    ))
    .ok()
}

/// "Kamm/Kuhn moved", "Hamlin / Malette motioned": two capitalised words
/// joined by a slash (groups 1 and 2), then one of `verbs`.
fn mover_pair(verbs: &[String]) -> Option<Regex> {
    let verbs = alternation(verbs)?;
    Regex::new(&format!(
        r"(?:^|[\s(])(\p{{Lu}}[\p{{L}}'’-]+)\s*/\s*(\p{{Lu}}[\p{{L}}'’-]+)\s+(?i:{verbs})\b"
    ))
    .ok()
}

/// [`Lexicons::labelled_movers`]: a slash-pair label then "Name/Name", or
/// the mover's label then a name and the seconder's label then a name.
fn labelled_movers(labels: &[String], pairs: &[(String, String)]) -> Option<Regex> {
    const NAME: &str = r"(\p{Lu}[\p{L}'’-]+)";
    let mut shapes = Vec::new();
    if let Some(labels) = alternation(labels) {
        shapes.push(format!(r"(?i:{labels})\s*:?\s*\(?\s*{NAME}\s*/\s*{NAME}"));
    }
    for (mover, seconder) in pairs {
        let (m, s) = (regex::escape(mover), regex::escape(seconder));
        shapes.push(format!(r"{m}\s*:\s*{NAME}\s*[,;.]?\s*{s}\s*:\s*{NAME}"));
    }
    if shapes.is_empty() {
        return None;
    }
    let shapes: Vec<String> = shapes.iter().map(|s| format!("(?:{s})")).collect();
    Regex::new(&format!(r"(?:^|[\s(])(?:{})", shapes.join("|"))).ok()
}

/// "Each Director introduced themself": a quantifier, the group's noun
/// (group 1), an adverb (a word with one of `adverb_endings`: "briefly")
/// if any, a speech verb.
fn collective_speech(
    quantifiers: &[String],
    adverb_endings: &[String],
    speech_verbs: &[String],
) -> Option<Regex> {
    let ly = header_patterns::alternation(adverb_endings, r"\s+");
    let q = alternation(quantifiers)?;
    let verbs = alternation(speech_verbs)?;
    Regex::new(&format!(
        r"(?i)^(?:{q})\s+([a-z-]{{3,}})\s+(?:[a-z]+(?:{ly})\s+)?(?:{verbs})\b"
    ))
    .ok()
}

/// Any of `phrases`, case-insensitive, a space matching any white space.
fn phrases(phrases: &[String]) -> Option<Regex> {
    let words = alternation(phrases)?.replace(' ', r"\s+");
    Regex::new(&format!(r"(?i)\b(?:{words})\b")).ok()
}

/// A phrase of `presiding`, then one of `links` with the spaces around it
/// (group 1), each any case.
fn presiding_company(presiding: &[String], links: &[String]) -> Option<Regex> {
    let presiding = alternation(presiding)?.replace(' ', r"\s+");
    let links = alternation(links)?;
    Regex::new(&format!(r"(?i)\b(?:{presiding})(\s+(?:{links})\s+)")).ok()
}

/// "Item 3 ...", "TOP 1 ...": one of `words`, case-insensitive, then a number.
/// `[plural-endings]` lower case, longest ending first so that "ies" is
/// tried before "s".
fn plural_endings(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut endings: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(p, s)| (p.to_lowercase(), s.to_lowercase()))
        .collect();
    endings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    endings
}

fn agenda_item(words: &[String]) -> Option<Regex> {
    let words = alternation(words)?.replace(' ', r"\s+");
    Regex::new(&format!(r"(?i)^(?:{words})\.?\s+(\d.*)$")).ok()
}

/// "This is Ana", "I am Ana": one of `phrases` as written, then a capital
/// (group 1). A phrase written in lower case matches with a capital first
/// too ("this is", "This is"); the phrases are tried in their order.
fn self_introduction(phrases: &[String]) -> Option<Regex> {
    let alternatives: Vec<String> = phrases.iter().map(|p| first_in_either_case(p)).collect();
    (!alternatives.is_empty())
        .then(|| Regex::new(&format!(r"\b(?:{})\s+([A-Z])", alternatives.join("|"))).ok())
        .flatten()
}

/// `[self-introductions]`, then two words in small letters before a stop, a
/// comma or the end (group 1).
fn self_introduction_in_lower_case(phrases: &[String]) -> Option<Regex> {
    let alternatives: Vec<String> = phrases.iter().map(|p| first_in_either_case(p)).collect();
    (!alternatives.is_empty())
        .then(|| {
            Regex::new(&format!(
                r"\b(?:{})\s+(\p{{Ll}}[\p{{Ll}}'’-]+ \p{{Ll}}[\p{{Ll}}'’-]+)(?:[.,;!]|$)",
                alternatives.join("|")
            ))
            .ok()
        })
        .flatten()
}

/// "this is" as `[Tt]his is`: an escaped phrase whose lower-case first
/// letter matches in either case.
fn first_in_either_case(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => {
            let upper: String = c.to_uppercase().collect();
            format!(
                "[{}{c}]{}",
                regex::escape(&upper),
                regex::escape(chars.as_str())
            )
        }
        _ => regex::escape(phrase),
    }
}

/// "a|b|c" of the escaped words, longest first; `None` for no words.
fn alternation(words: &[String]) -> Option<String> {
    let mut w: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    w.sort_by_key(|w| std::cmp::Reverse(w.len()));
    (!w.is_empty()).then(|| w.join("|"))
}

/// The ways [`Lexicons::index`] reads a section: as written, lower case,
/// folded, in order, or as `name = value` pairs.
struct Reader<'a>(&'a Sections<'a>);

impl<'a> Reader<'a> {
    fn list(&self, section: &'static str) -> &'a [String] {
        self.0.list(section)
    }

    fn pairs(&self, section: &'static str) -> Vec<(String, String)> {
        self.0.pairs(section)
    }

    fn as_written(&self, section: &'static str) -> HashSet<String> {
        self.list(section).iter().cloned().collect()
    }

    fn lower(&self, section: &'static str) -> HashSet<String> {
        self.list(section)
            .iter()
            .map(|w| w.to_lowercase())
            .collect()
    }

    fn lower_in_order(&self, section: &'static str) -> Vec<String> {
        self.list(section)
            .iter()
            .map(|w| w.to_lowercase())
            .collect()
    }

    fn folded(&self, section: &'static str) -> HashSet<String> {
        self.list(section).iter().map(|w| fold(w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Lexicons;
    use crate::words::{Lexicon, LexiconError};

    #[test]
    fn a_roster_sentence_of_another_language_needs_no_change_of_code() -> Result<(), LexiconError> {
        let french = Lexicon::parse(
            "x.txt",
            "[roster-verbs]\nprésidée = moderator\n[roster-passive-subjects]\nréunion\n\
             [roster-passive-auxiliaries]\na été\n[roster-agent-links]\npar\n",
        )?;
        let lex = Lexicons::unchecked(&french);
        let sentence = "La réunion a été présidée par Ana Lima.";
        assert!(lex
            .roster
            .passive
            .as_ref()
            .is_some_and(|p| p.is_match(sentence)));
        let by = lex.roster.by.as_ref().and_then(|b| b.captures(sentence));
        assert_eq!(by.map(|c| c[1].to_owned()), Some("présidée".to_owned()));
        Ok(())
    }

    #[test]
    fn the_office_before_a_head_of_office_is_part_of_the_title() {
        let lex = Lexicons::for_tests();
        let title = |s: &'static str| &s[..lex.title_len(s)];
        assert_eq!(title("Housing Manager Barnes, Traffic"), "Housing Manager ");
        assert_eq!(
            title("Community Development Director Hurlburt"),
            "Community Development Director "
        );
        assert_eq!(title("City Attorney Knutson"), "City Attorney ");
        // A form of address is no head of office: the words before it are a name.
        assert_eq!(title("Rodney Andrews Dr. Hugh Barton"), "");
        // A given name opens the name, not an office.
        assert_eq!(title("Dean Baker, Ryan Brown"), "");
    }
}
