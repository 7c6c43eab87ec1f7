//! One small record per rule of the person recogniser and the meeting date,
//! each named for the case it covers: when one fails, its name says which
//! rule broke. The records are our own writing, the names invented.

use meetkg::extract::{Extraction, Extractor};
use meetkg::ingest::Document;
use meetkg::model::FactKind;
use meetkg::ontology::Ontology;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(&Ontology::embedded().expect("the embedded ontology loads")));

fn extract(text: &str) -> Extraction {
    let doc = Document {
        source: "r.txt".into(),
        path: "r.txt".into(),
        text: text.into(),
        sha256: String::new(),
        places: Default::default(),
    };
    EXTRACTOR.extract(&doc).expect("a meeting record")
}

/// The definite mentions with the given fact, as written.
fn with(out: &Extraction, fact: FactKind) -> Vec<String> {
    let mut v: Vec<String> = out
        .mentions
        .iter()
        .filter(|m| m.definite && m.fact == fact)
        .map(|m| m.text.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn listed(text: &str) -> Vec<String> {
    with(&extract(text), FactKind::Listed)
}

fn spoke(text: &str) -> Vec<String> {
    with(&extract(text), FactKind::Spoke)
}

fn anyone(text: &str) -> Vec<String> {
    let out = extract(text);
    let mut v: Vec<String> = out
        .mentions
        .iter()
        .filter(|m| m.definite)
        .map(|m| m.text.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn name_lines_under_any_heading_are_a_list() {
    let got = listed("Harbour Trust board, 3 March 2025\n\nWho came along\nOrla Brennan - Treasurer\nTomasz Wilk - Member\nIngrid Solheim - Member\n\n1. Accounts\n");
    assert_eq!(got, ["Ingrid Solheim", "Orla Brennan", "Tomasz Wilk"]);
}

#[test]
fn a_list_line_marked_absent_is_named_but_not_listed() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nOrla Brennan - Treasurer\nTomasz Wilk - Member - absent, apologies\nIngrid Solheim - Member\n");
    assert_eq!(
        with(&out, FactKind::Listed),
        ["Ingrid Solheim", "Orla Brennan"]
    );
    assert!(with(&out, FactKind::Mentioned).contains(&"Tomasz Wilk".to_owned()));
}

#[test]
fn a_list_under_a_regrets_heading_is_absent() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nATTENDEES\n------\nOrla Brennan (Tidewater) / Treasurer\nTomasz Wilk (Kestrel Labs) / Member\n\nREGRETS\n------\nIngrid Solheim (Fjordnet) / Member\n");
    assert_eq!(
        with(&out, FactKind::Listed),
        ["Orla Brennan", "Tomasz Wilk"]
    );
    assert!(!with(&out, FactKind::Listed).contains(&"Ingrid Solheim".to_owned()));
    assert!(with(&out, FactKind::Mentioned).contains(&"Ingrid Solheim".to_owned()));
}

#[test]
fn a_bulleted_list_under_a_panel_heading_spoke() {
    let got = spoke("Open session on data, 12 May 2025\n\n3. Panel discussion\n  • Renata Quispe (Andes Lab)\n  • Kwabena Ofori (Volta Net)\n");
    assert_eq!(got, ["Kwabena Ofori", "Renata Quispe"]);
}

#[test]
fn a_prose_roll_after_an_attendance_label() {
    let got = listed("Minutes of the Board, 4 June 2025\n\nBoard members present: Orla Brennan, Tomasz Wilk, Ingrid Solheim and Kwabena Ofori.\n");
    assert_eq!(
        got,
        [
            "Ingrid Solheim",
            "Kwabena Ofori",
            "Orla Brennan",
            "Tomasz Wilk"
        ]
    );
}

#[test]
fn the_following_trustees_were_present() {
    let got = listed("Trustees meeting, 4 June 2025\n\nThe following Trustees were present: Orla Brennan (Chair), Tomasz Wilk and Ingrid Solheim.\n");
    assert_eq!(got, ["Ingrid Solheim", "Orla Brennan", "Tomasz Wilk"]);
}

#[test]
fn apologies_inside_a_present_line_are_not_present() {
    let out = extract("Board call, 4 June 2025\n\nPresent: Orla Brennan (OB) (Chair); Tomasz Wilk (TW) Apologies: Ingrid Solheim (IS)\n");
    assert_eq!(
        with(&out, FactKind::Listed),
        ["Orla Brennan", "Tomasz Wilk"]
    );
    assert!(with(&out, FactKind::Mentioned).contains(&"Ingrid Solheim".to_owned()));
}

#[test]
fn a_bare_comma_list_under_a_present_heading() {
    let got = listed("Council minutes, 9 July 2025\n\na. Present\n\nOrla Brennan (President), Tomasz Wilk (Secretary), Ingrid Solheim, and Kwabena Ofori (Treasurer)\n\nb. Apologies\n");
    assert_eq!(
        got,
        [
            "Ingrid Solheim",
            "Kwabena Ofori",
            "Orla Brennan",
            "Tomasz Wilk"
        ]
    );
}

#[test]
fn a_roll_of_irc_nicknames_that_speak() {
    let out = extract("Sync call\n\n14 May 2025\n\nbramble, quill, orla\n\nquill: shall we start\nbramble: yes\nquill: first item is the charter\nbramble: I have comments\n");
    let listed = with(&out, FactKind::Listed);
    assert_eq!(listed, ["bramble", "orla", "quill"]);
    assert_eq!(with(&out, FactKind::Spoke), ["bramble", "quill"]);
}

#[test]
fn a_nickname_in_angle_brackets_spoke() {
    let got = spoke("Sync call, 14 May 2025\n\n<quill> shall we start\n<bramble> yes please\n");
    assert_eq!(got, ["bramble", "quill"]);
}

#[test]
fn caption_labels_inside_one_flattened_line() {
    let got = spoke("MEMBER MEETING 6 MAY 2025 >> CHAIR: Welcome all. >> ORLA BRENNAN: Thank you, Chair. >> TOMASZ WILK: I agree with that.");
    assert!(got.contains(&"Orla Brennan".to_owned()), "{got:?}");
    assert!(got.contains(&"Tomasz Wilk".to_owned()), "{got:?}");
}

#[test]
fn a_speaker_who_introduces_themself() {
    let got = spoke("Member meeting, 6 May 2025\n\n>> Good morning. This is Ingrid Solheim from Norway, Treasurer.\n");
    assert_eq!(got, ["Ingrid Solheim"]);
}

#[test]
fn a_timestamped_chat_label_with_an_affiliation() {
    let got = spoke("Steering call, 6 May 2025\n\nChat\n\n00:11:52 Orla Brennan (Tidewater): Loud and clear\n00:12:10 Tomasz Wilk: Same here\n");
    assert_eq!(got, ["Orla Brennan", "Tomasz Wilk"]);
}

#[test]
fn field_labels_are_no_speakers() {
    let got = spoke("Sync call, 14 May 2025\n\nAction: quill to draft\nResolution: adopted\nAction: bramble to review\nResolution: closed\n");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn an_abbreviated_particle_keeps_the_name_whole() {
    let got =
        anyone("Call of 4 June 2025\n\nThe call was chaired by Mirela St. Clair, who opened it.\n");
    assert!(got.contains(&"Mirela St. Clair".to_owned()), "{got:?}");
}

#[test]
fn a_month_or_a_country_inside_a_name_is_a_name() {
    let got = listed(
        "Council, 4 June 2025\n\nPresent: Frank March (Chair), Jordan Keane, Ingrid Solheim\n",
    );
    assert_eq!(got, ["Frank March", "Ingrid Solheim", "Jordan Keane"]);
}

#[test]
fn places_and_common_words_after_a_given_name_are_no_people() {
    let got = anyone("Forum, 4 June 2025\n\nThe meeting was held in Addis Ababa and followed the Japan Meeting of last year. Orla Brennan welcomed everyone.\n");
    assert_eq!(got, ["Orla Brennan"]);
}

#[test]
fn a_numbered_paragraph_opening_with_a_name_is_prose_not_a_list() {
    let out = extract("Working group, 4 June 2025\n\n1. Ms. Orla Brennan (Tidewater) noted that the plan was late.\n2. Mr. Tomasz Wilk (Kestrel Labs) asked about the budget.\n");
    assert!(with(&out, FactKind::Listed).is_empty());
    assert_eq!(with(&out, FactKind::Spoke).len(), 2);
}

#[test]
fn the_evidence_says_why_a_name_was_taken() {
    let out = extract(
        "Harbour Trust board, 3 March 2025\n\nOrla Brennan - Treasurer\nTomasz Wilk - Member\n",
    );
    let why = &out
        .mentions
        .iter()
        .find(|m| m.text == "Orla Brennan")
        .expect("found")
        .evidence
        .why;
    assert!(why.iter().any(|w| w == "given name"), "{why:?}");
    assert!(why.iter().any(|w| w == "list of names"), "{why:?}");
}

fn date(text: &str) -> Option<String> {
    extract(text).meeting.date.map(|d| d.to_string())
}

#[test]
fn a_revision_date_is_not_the_meeting_date() {
    assert_eq!(
        date("Steering Committee Meeting\n\nRevision as of 11:35, 11 February 2025 by Orla\n\nWednesday, January 22, 2025 from 2:30 PM\n").as_deref(),
        Some("2025-01-22")
    );
}

#[test]
fn an_approval_date_is_not_the_meeting_date() {
    assert_eq!(
        date("These minutes were approved at the meeting on 19 May 2025.\n\nHarbour Trust board meeting Tuesday 12th May 2025\n").as_deref(),
        Some("2025-05-12")
    );
}

#[test]
fn a_range_of_days_gives_its_first_day() {
    assert_eq!(
        date("Board retreat minutes\n\n24-25 June 2025, Tromsø\n").as_deref(),
        Some("2025-06-24")
    );
}

#[test]
fn a_single_day_beats_the_range_of_the_week() {
    assert_eq!(
        date("Minutes of Committee Meeting 12\nTromsø -- May 4-8, 2025\n\nTuesday, May 5, 2025\n")
            .as_deref(),
        Some("2025-05-05")
    );
}

#[test]
fn a_date_in_spanish() {
    assert_eq!(
        date("El día 24 de abril de 2025, siendo las 9 horas, se reúne la Asamblea.\n").as_deref(),
        Some("2025-04-24")
    );
}

#[test]
fn a_hyphen_at_a_line_end_after_a_wide_character_does_not_panic() {
    // Found by the fuzz target: the word before the hyphen began after a
    // three-byte character.
    let doc = Document {
        source: "r.txt".into(),
        path: "r.txt".into(),
        text: "\u{fffd}\u{e0}- \n  \u{2022} ".into(),
        sha256: String::new(),
        places: Default::default(),
    };
    let _ = EXTRACTOR.extract(&doc);
}

#[test]
fn a_timestamped_turn_with_an_affiliation_is_no_list_line() {
    let out = extract("Coalition call, 6 May 2025\n\n00:00:04] Orla Brennan (Tidewater): Welcome. Tomasz sends his apologies.\n00:01:10] Ingrid Solheim: Thanks.\n");
    assert!(with(&out, FactKind::Listed).is_empty());
    assert!(!with(&out, FactKind::Mentioned).contains(&"Orla Brennan".to_owned()));
}

fn agenda(text: &str) -> Vec<(String, String)> {
    extract(text)
        .agenda
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect()
}

fn titles(text: &str) -> Vec<String> {
    agenda(text).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn a_roll_at_the_top_does_not_end_the_numbered_headings() {
    let got = titles("Harbour Trust board, 3 March 2025\n\nAttendees:\n\n  • Orla Brennan (OB), Chair\n  • Tomasz Wilk (TW), Member\n\n1. Welcome\n\nThe Chair opened the meeting.\n\n1.1 Apologies\n\nNone were received.\n\n1.2 Approval of minutes\n\nThe minutes were approved.\n");
    assert_eq!(got, ["Welcome", "Apologies", "Approval of minutes"]);
}

#[test]
fn a_roll_under_a_numbered_heading_is_passed_over() {
    let got = titles("Steering group, 3 March 2025\n\n1. Administration\n1.1 Roll call\n\nPRESENT\n--------\nOrla Brennan (Acme) / Chair\nTomasz Wilk / Member\n\nREGRETS\n--------\nIngrid Solheim\n\n1.2 Agree the agenda\n\nOrla: anything new? Nothing.\n");
    assert_eq!(got, ["Administration", "Roll call", "Agree the agenda"]);
}

#[test]
fn a_numbered_list_of_participants_before_the_items_is_not_the_agenda() {
    let got = titles("Coordination call, 3 March 2025\n\nParticipants:\n1. Orla Brennan (Harbour IGF)\n2. Tomasz Wilk (Lake IGF)\n\n1. Annual meeting\nOrla Brennan proposed a date.\n\n2. Any other business\nNone.\n");
    assert_eq!(got, ["Annual meeting", "Any other business"]);
}

#[test]
fn a_nested_numbered_agenda_keeps_its_levels() {
    let got = agenda("Committee meeting No. 2\n\nMonday, 3 March 2025\n\n  1. Introductions\n  2. Finances\n    1. Budget for next year\n    2. Sponsors\n      1. Current sponsors\n  3. Any other business\n\nChat log\n");
    let ids: Vec<&str> = got.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids, ["1", "2", "2.1", "2.2", "2.2.1", "3"]);
    assert_eq!(got[4].1, "Current sponsors");
}

#[test]
fn agenda_codes_with_a_letter_are_items_without_their_document_references() {
    let got = titles("Minutes of technical meeting 12\n\n3 March 2025\n\nC.2 Review of open actions\n\nReviewed.\n\nC.4.1 Proposal for new symbols (https://example.org/p1) [Brennan]\n\nAccepted.\n");
    assert_eq!(got, ["Review of open actions", "Proposal for new symbols"]);
}

#[test]
fn unnumbered_section_headings_are_the_agenda_when_nothing_is_numbered() {
    let got = titles("Harbour Trust board\n\nBoard meeting Tuesday 3 March 2025\n\nPresent: Orla Brennan (Chair); Tomasz Wilk\n\nMinutes of the last meeting\n\nThe minutes were approved.\n\nOB joined the meeting\n\nTreasurer's Report\n\nNothing to report.\n");
    assert_eq!(got, ["Minutes of the last meeting", "Treasurer's Report"]);
}

#[test]
fn a_sentence_under_a_number_is_a_point_not_a_heading() {
    let got = titles("Plenary, 3 March 2025\n\n1. Opening agenda\n\n1. Chair: This is the agenda of the week.\n\n2. Chair: Any changes? None seen.\n\n2. Previous minutes\n\n1. Approved without objection.\n");
    assert_eq!(got, ["Opening agenda", "Previous minutes"]);
}

#[test]
fn movers_and_seconders_of_a_motion_spoke() {
    let got = spoke("Harbour Trust board, 3 March 2025\n\nPresent: Orla Brennan, Tomasz Wilk, Ingrid Solheim\n\n1. Accounts\n\n2. Moved: Orla Brennan, 2nd: Tomasz Wilk\n\nMOVED: (Treasurer/Solheim): \"THAT the accounts be accepted\".\n");
    assert_eq!(got, ["Orla Brennan", "Solheim", "Tomasz Wilk"]);
}

#[test]
fn each_member_of_a_listed_group_introduced_themselves() {
    let got = spoke("Harbour Trust board, 3 March 2025\n\nTrustees Present:\n\n  Orla Brennan\n  Tomasz Wilk\n\nGuests Present:\n\n  Ingrid Solheim\n\n1. Welcome\n\nEach Trustee introduced themself to the guests.\n");
    assert_eq!(got, ["Orla Brennan", "Tomasz Wilk"]);
}

#[test]
fn the_one_chair_of_the_roll_moderates() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nAttendees:\n\n  • Orla Brennan (OB), Chair\n  • Tomasz Wilk (TW), Treasurer\n  • Ingrid Solheim (IS), Harbour Chair\n\n1. Welcome\n");
    assert_eq!(out.meeting.moderators, ["Orla Brennan"]);
}

#[test]
fn without_the_igf_profile_the_umbrella_stays_in_the_series() {
    let text =
        "IGF Dynamic Coalition on Harbour Data\n\nCoordination call, 3 March 2025\n\n1. Welcome\n";
    assert_eq!(
        extract(text).meeting.series,
        "Dynamic Coalition on Harbour Data"
    );
    // As a user turns the profile off: `--ontology DIR` with an empty profile.
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("profiles")).expect("a profiles folder");
    std::fs::write(dir.path().join("profiles/igf.txt"), "").expect("an empty profile");
    let ontology = Ontology::load(dir.path()).expect("the ontology loads");
    let plain = Extractor::new(&ontology);
    let doc = Document {
        source: "r.txt".into(),
        path: "r.txt".into(),
        text: text.into(),
        sha256: String::new(),
        places: Default::default(),
    };
    let out = plain.extract(&doc).expect("a meeting record");
    assert_eq!(out.meeting.series, "IGF Dynamic Coalition on Harbour Data");
}

#[test]
fn a_time_named_by_a_city_follows_its_summer_time() {
    let out =
        extract("Harbour Trust board\n\nMeeting of 3 July 2025, 10:00 Geneva time\n\n1. Welcome\n");
    assert_eq!(
        out.meeting.start_time_utc,
        chrono::NaiveTime::from_hms_opt(8, 0, 0)
    );
    assert_eq!(
        out.meeting
            .utc_offset_minutes
            .map(meetkg::words::UtcOffset::minutes),
        Some(120)
    );
}

#[test]
fn the_person_an_agenda_item_names_after_by_presents_it() {
    let got = spoke("Open forum on harbour data, 3 March 2025\n\nAgenda\n\n1. Welcome by the chairs\n2. Intro to the work plan by Lena Fischer (consultant)\n3. Discussion\n");
    assert_eq!(got, ["Lena Fischer"]);
}

#[test]
fn a_date_in_a_file_name() {
    let out = extract("Harbour Trust board\n\nminutes_2025_03_07.txt\n\nPresent: Orla Brennan, Tomasz Wilk\n\n1. Welcome\n");
    assert_eq!(
        out.meeting.date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-07")
    );
}

#[test]
fn the_body_before_a_numbered_meeting_in_the_title_is_the_series() {
    let out = extract("Harbour Coordination meeting #12\n\n3 March 2025, 14:00 UTC\n\n>> ORLA BRENNAN: Welcome, everyone.\n");
    assert_eq!(out.meeting.series, "Harbour Coordination");
}

#[test]
fn a_board_under_its_organisation_line_is_the_organisations_board() {
    let out = extract("          The Harbour Data Foundation\n        Board of Directors Meeting Minutes\n              March 3-4, 2025\n\n1. Call to order\n\nThe meeting began at 9:00.\n");
    assert_eq!(
        out.meeting.series,
        "Harbour Data Foundation Board of Directors"
    );
}

#[test]
fn a_transcript_that_says_this_is_the_monthly_call_names_its_series() {
    let out = extract("Orla Brennan:     Good morning everybody. This is the monthly HDC conference call on 3 March 2025.\n\nTomasz Wilk:     Thank you, Orla.\n");
    assert_eq!(out.meeting.series, "HDC");
}

#[test]
fn a_given_name_before_a_common_word_is_no_person() {
    // common-words.txt was shipped but never loaded, so the given-name lexicon
    // vouched for "Grace Notes" as a person.
    let text = "Minutes of the Script Committee, 3 March 2025\n\nPresent: Ana Silva, Ben Okafor, Carla Mendes\n\nThe proposal on Grace Notes was deferred to the next meeting.\n";
    let out = extract(text);
    assert!(
        !out.mentions
            .iter()
            .any(|m| m.text == "Grace Notes" && m.definite),
        "{:?}",
        out.mentions
    );
    assert!(out
        .mentions
        .iter()
        .any(|m| m.text == "Ana Silva" && m.definite));
}

#[test]
fn a_local_time_without_a_zone_is_not_taken_for_utc() {
    let out = extract("Harbour Trust board\n\nMinutes of 3 July 2025, 7:00 p.m.\n\n1. Welcome\n");
    assert_eq!(out.meeting.start_time_utc, None);
    assert_eq!(
        out.meeting.start_time_local,
        chrono::NaiveTime::from_hms_opt(19, 0, 0)
    );
    assert_eq!(out.meeting.utc_offset_minutes, None);
}

#[test]
fn the_time_a_meeting_was_called_to_order_wins_on_the_records_clock() {
    let out = extract(
        "Harbour Trust board\n\nMinutes of 3 March 2025, scheduled for 11:00 UTC\n\nThe Chair called the meeting to order at 11:07. Ana Silva welcomed all.\n",
    );
    assert_eq!(
        out.meeting.start_time_utc,
        chrono::NaiveTime::from_hms_opt(11, 7, 0)
    );
    let out = extract("Conseil municipal\n\nSéance du 3 mars 2025\n\nLa séance est ouverte à 20h30 sous la présidence de Mme Ana Silva.\n");
    assert_eq!(
        out.meeting.start_time_local,
        chrono::NaiveTime::from_hms_opt(20, 30, 0)
    );
    assert_eq!(out.meeting.start_time_utc, None);
}

#[test]
fn titles_of_office_are_kept_out_of_names() {
    let got = spoke("Harbour Trust board, 3 March 2025\n\n1. Reports\n\nCity Attorney Knutson reported on the lease. Councilmember Okafor asked about the cost. Mme Dubreuil noted the delay.\n");
    assert_eq!(
        got,
        ["Attorney Knutson", "Councilmember Okafor", "Mme Dubreuil"]
    );
    let got = listed("Harbour Trust board, 3 March 2025\n\nMembers present:\n- Councillor Ríona Healy\n- Councillor D. Brannigan\n\n1. Accounts\n");
    assert_eq!(got, ["D. Brannigan", "Ríona Healy"]);
}

#[test]
fn a_one_letter_title_before_an_initial_is_an_initial() {
    let got = listed("Harbour Trust board, 3 March 2025\n\nPresent: M. J. Okafor, Ingrid Solheim\n\n1. Accounts\n");
    assert!(got.iter().any(|n| n.starts_with("M. J")), "{got:?}");
}

#[test]
fn rolls_in_french_german_and_spanish_in_any_case() {
    let got = listed("Conseil municipal de Belrive\n\nSéance du 3 mars 2025\n\nEtaient PRESENTS : M. DUBREUIL Loïc, Mme OKAFOR Nadine, Mme SOLHEIM Ingrid\nEtait EXCUSEE : Mme BRANNIGAN Emilie\n\n1. Budget\n");
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(!got.iter().any(|n| n.contains("Brannigan")), "{got:?}");
    let got = listed("Gemeinderat Belrive\n\nSitzung vom 3. März 2025\n\nAnwesend:\nLoïc Dubreuil\nNadine Okafor\n\nTagesordnung\n1. Haushalt\n");
    assert_eq!(got, ["Loïc Dubreuil", "Nadine Okafor"]);
}

#[test]
fn chat_handles_are_people_and_a_roll_call_names_them() {
    let out = extract("Harbour tech board meeting, 3 March 2025\n\n18:58:58 <tamsin> #startmeeting\n18:58:58 <MeetBot> Meeting started Mon Mar  3 18:58:58 2025 UTC.\n18:59:04 <tamsin> #topic Roll call\n18:59:08 <okonkwo> Chidi Okonkwo\n18:59:12 <tamsin> Tamsin Rowe\n18:59:20 <ravi> here\n19:00:02 <@okonkwo> the charter runs out in November\n19:00:09 <ravi> I can draft the request\n2025-03-03 19:01:00 <@bertil:example.org> !hi\n2025-03-03 19:01:02 <@zodbot:example.org> Bertil Lund (bertil) - he / him\n19:02:00 <tamsin> thanks @lucille:example.org for the notes\n");
    let spoke = with(&out, FactKind::Spoke);
    assert_eq!(
        spoke,
        ["Bertil Lund", "Chidi Okonkwo", "Tamsin Rowe", "ravi"]
    );
    let listed = with(&out, FactKind::Listed);
    assert_eq!(listed, ["Bertil Lund", "Chidi Okonkwo", "Tamsin Rowe"]);
    let handles: Vec<_> = out
        .mentions
        .iter()
        .filter_map(|m| m.nickname.clone())
        .collect();
    assert!(handles.contains(&"okonkwo".to_owned()), "{handles:?}");
    assert!(with(&out, FactKind::Mentioned).contains(&"lucille".to_owned()));
    assert!(!spoke.iter().any(|n| n.contains("Bot")));
}

#[test]
fn movers_and_speakers_in_french_german_and_spanish() {
    let got = spoke("Conseil municipal de Belrive\n\nSéance du 3 mars 2025\n\n1. Budget\n\nSur motion de Nadine Okafor, appuyée par Loïc Dubreuil, le budget est adopté.\n");
    assert_eq!(got, ["Loïc Dubreuil", "Nadine Okafor"]);
    let got = spoke("Generalversammlung Belrive\n\n3. März 2025\n\nTagesordnung\n1) Begrüßung\n\nBegrüßung Obmann Gernot Blaikner begrüßt die Mitglieder. Kassierin Ilse Wendt berichtet über die Finanzen.\n");
    assert_eq!(got, ["Kassierin Ilse Wendt", "Obmann Gernot Blaikner"]);
}

#[test]
fn initials_before_a_surname_are_part_of_the_name() {
    let got = spoke("Harbour Trust board, 3 March 2025\n\n1. Reports\n\nMr. R. Okafor, Chairman, opened the item. Ms K.A. Brannigan noted the delay.\n");
    assert_eq!(got, ["Mr. R. Okafor", "Ms K.A. Brannigan"]);
}

#[test]
fn a_meeting_bots_roll_of_handles_and_lines_said() {
    let out = extract("Harbour tech board meeting\n\nMeeting started by tamsin at 18:00:00 UTC\n\nMeeting summary\n1. Charter (tamsin, 18:01)\n\nPeople present (lines said)\n* tamsin (42)\n* okonkwo (17)\n* meetingology (3)\n* ravi (0)\n");
    assert_eq!(with(&out, FactKind::Listed), ["okonkwo", "ravi", "tamsin"]);
    assert_eq!(with(&out, FactKind::Spoke), ["okonkwo", "tamsin"]);
}

#[test]
fn the_person_who_presided_at_the_meeting_moderated_it() {
    let out = extract("Harbour Trust board\n\nMinutes of 3 March 2025\n\nA regular meeting of the board was held online. Ingrid Solheim presided at the meeting. Tomasz Wilk prepared the minutes.\n\n1. Accounts\n");
    assert_eq!(out.meeting.moderators, ["Ingrid Solheim"]);
}

/// The organisations an extraction names, by their canonical names.
fn organisations(out: &Extraction) -> Vec<String> {
    let mut v: Vec<String> = out.organisations.iter().map(|o| o.name.clone()).collect();
    v.sort();
    v
}

#[test]
fn a_lower_case_note_after_a_name_is_no_organisation() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nPresent:\n- Orla Brennan (arrived at item 2)\n- Tomasz Wilk, Quayside Rowing Club\n\n1. Accounts\n");
    // The body of the title line is the series, and an organisation.
    assert_eq!(
        organisations(&out),
        ["Harbour Trust board", "Quayside Rowing Club"]
    );
}

#[test]
fn a_flattened_list_of_names_gives_no_organisation() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nPresent:\n- Orla Brennan, Tomasz Wilk, Ingrid Solheim\n- Pavel Novak, Quayside Rowing Club\n\n1. Accounts\n");
    assert_eq!(
        organisations(&out),
        ["Harbour Trust board", "Quayside Rowing Club"]
    );
}

#[test]
fn a_sentence_break_ends_an_organisation() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nPresent: Orla Brennan (Trustee), Tomasz Wilk (Adviser). Ingrid Solheim (Volunteer).\n\n1. Accounts\n");
    assert!(
        !organisations(&out).iter().any(|o| o.contains("Solheim")),
        "{:?}",
        organisations(&out)
    );
}

#[test]
fn minutes_of_a_meeting_of_a_body_name_the_series_in_any_language() {
    let cases = [
        ("Minutes of October Ordinary Meeting of Westvale County Council held on Monday 1st October 2012 at 11.00 am\n\nPresent: Councillor Orla Brennan, Councillor Tomasz Wilk\n", "Westvale County Council"),
        ("Protokoll der ord. Generalversammlung des Turnverein Lindenau am 28. August 2009\n\nAnwesend: Orla Brennan, Tomasz Wilk\n", "Generalversammlung des Turnverein Lindenau"),
        ("Compte-rendu du Conseil du DLSX Lundi 30 Mars 2015\n\nPrésents : Orla Brennan, Tomasz Wilk\n", "Conseil du DLSX"),
    ];
    for (text, series) in cases {
        assert_eq!(extract(text).meeting.series, series, "{text}");
    }
}

#[test]
fn a_person_of_an_organisation_outside_the_gazetteer_is_affiliated() {
    let out = extract("Harbour Trust board, 3 March 2025\n\nThe invocation was delivered by Reverend Tomas Varga of the Quayside Presbyterian Church. Mary Olsen, representing Hazelwood Foundation, spoke about the budget.\n");
    let affiliated: Vec<(String, String)> = out
        .mentions
        .iter()
        .flat_map(|m| m.affiliations.iter().map(|a| (m.text.clone(), a.clone())))
        .collect();
    assert!(
        affiliated
            .iter()
            .any(|(p, o)| p.ends_with("Tomas Varga") && o == "Quayside Presbyterian Church"),
        "{affiliated:?}"
    );
    assert!(
        affiliated.contains(&("Mary Olsen".into(), "Hazelwood Foundation".into())),
        "{affiliated:?}"
    );
}

fn agenda_titles(text: &str) -> Vec<String> {
    extract(text).agenda.into_iter().map(|a| a.title).collect()
}

#[test]
fn a_chat_log_keeps_its_agenda_in_topic_commands() {
    let got = agenda_titles("18:58:58 <orla> #startmeeting\n18:59:04 <orla> #topic Roll call\n18:59:08 <tomasz> Tomasz Wilk\n19:01:24 <orla> !topic #3230 Licence change\n19:02:00 <tomasz> fine by me\n19:03:05 <orla> #endmeeting\n");
    assert_eq!(got, ["Roll call", "Licence change"]);
}

#[test]
fn a_bulleted_agenda_ends_at_the_roll_after_it() {
    let got = agenda_titles("Conseil municipal du 16 septembre 2019\n\nOrdre du jour :\n   - Approbation du compte-rendu\n   - Transfert compétence eau\n      . Délibération sur le retrait\n   - Divers\nPrésents : Anne Terrot, Eliane Bordigoni\n");
    assert_eq!(
        got,
        [
            "Approbation du compte-rendu",
            "Transfert compétence eau",
            "Délibération sur le retrait",
            "Divers"
        ]
    );
}

#[test]
fn initials_open_the_names_of_a_roll_in_a_sentence() {
    let got = anyone("Harbour Trust board, 3 March 2025\n\nStaff advisors: G. Rowntree, F. Ribeiro, B. Pollard and C. Purvey attended the meeting.\n");
    for name in ["G. Rowntree", "F. Ribeiro", "B. Pollard", "C. Purvey"] {
        assert!(got.iter().any(|n| n == name), "{name}: {got:?}");
    }
}

#[test]
fn a_motion_proposed_for_approval_by_a_person_is_spoken() {
    let got = spoke("Harbour Trust AGM, 3 March 2025\n\nThe accounts were proposed for approval by Orla Brennan and seconded by Tomasz Wilk.\n");
    assert!(got.iter().any(|n| n == "Orla Brennan"), "{got:?}");
    assert!(got.iter().any(|n| n == "Tomasz Wilk"), "{got:?}");
}

#[test]
fn a_title_of_office_marks_a_surname_and_a_mover_spoke() {
    let got = spoke("Library Board of Trustees, 11 January 2018\n\nSecretary Kowalczyk volunteered to remain in office. Trustee Brennan moved to approve the minutes.\n");
    assert!(got.iter().any(|n| n.ends_with("Kowalczyk")), "{got:?}");
    assert!(got.iter().any(|n| n.ends_with("Brennan")), "{got:?}");
}

#[test]
fn a_title_line_of_a_name_a_dash_and_the_date_names_the_series() {
    let out = extract("Agenda and minutes\n\nPlanning Committee - Tuesday, 4th March, 2025 10.00 am\n\nVenue: Council Chamber\n\nPresent: Councillor Orla Brennan, Councillor Tomasz Wilk\n");
    assert_eq!(out.meeting.series, "Planning Committee");
    let out = extract("Minutes - 4 March 2025\n\nPresent: Orla Brennan, Tomasz Wilk\n");
    assert_eq!(out.meeting.series, "");
}

#[test]
fn initials_after_a_name_on_a_list_line_are_the_person_s_alias() {
    // "OR asked ...": minutes name people by the initials the list gave them.
    let out = extract(
        "Minutes of the Council\n\nCouncil:\n\nOscar Robles (OR) Chair\nJohn Curran (JC) Secretary\n\n\
         1. Welcome\n\nOR welcomed all participants. JC reported on the budget.\n",
    );
    let nick = |name: &str| {
        out.mentions
            .iter()
            .find(|m| m.text == name && m.nickname.is_some())
            .and_then(|m| m.nickname.clone())
    };
    assert_eq!(nick("Oscar Robles").as_deref(), Some("OR"));
    assert_eq!(nick("John Curran").as_deref(), Some("JC"));
}
