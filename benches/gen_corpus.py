#!/usr/bin/env python3
"""Writes a synthetic archive of N meeting reports for the scale benchmark.

    python3 benches/gen_corpus.py N OUT_DIR [--seed S]

Deterministic for a given N and seed. The population grows with the archive as a real
one does: about 2.2 people and 0.25 organisations per report, spread over several
bodies (8, plus one per 500 reports), each with its own regulars and its own numbering
of meetings. Each report names 10 to 60 people in one of the layouts the extraction
reads (a summary report with an annex of participants, call notes with an inline
participant line, minutes with Present and Apologies lists), and refers to them the way
records do: full names, first names alone, misspellings, names without their accents,
nicknames, and now and then two different people with the same name.

Standard library only; every word below is invented for this generator.
"""
import argparse
import os
import random

GIVEN = """Aaliyah Abdul Adaeze Adriana Ahmed Aiko Akua Alejandro Alexander Alice Amara Amina
Ana Anders Andrea Anja Anna Antoine Arjun Astrid Aylin Ayumi Beatriz Benedikt Bilal Bruno
Camila Carlos Carmen Catherine Chen Chiara Chidi Chloé Claudia Cristina Dagmar Daniel Dawit
Diego Dmitri Eduardo Elena Elif Elizabeth Emeka Emil Emma Esther Fatima Felipe Fernanda
Florencia François Gabriel Giulia Grace Gustavo Hana Hannah Hassan Helena Henrik Hiroshi
Ibrahim Ingrid Irene Isabel Ivan Jakob James Jana Javier Jean Jelena João Jorge José Julia
Juliana Kamal Karin Katherine Kenji Khadija Kofi Lars Laura Layla Lena Leonardo Lina Lucas
Lucía Luis Magdalena Malik Manuel Margaret Maria Mariam Marta Martín Mateo Matthias Mei
Michael Miguel Mohamed Monika Nadia Naledi Natalia Nikolai Nils Noura Oksana Olga Omar
Pablo Patricia Paulo Pedro Pilar Priya Rafael Rania Ravi Rebecca Ricardo Robert Rosa Rui
Samir Sandra Sara Sebastián Sergio Shirin Silvia Sofia Sophie Stefan Sunita Tatiana Thabo
Thomas Tomás Ulla Valentina Vera Victor Wei William Xavier Yasmin Yusuf Zainab Zanele Zoran
Łukasz Søren Zoë Ngozi Oluwaseun Mbali Kwame Tendai Farida Leilani Marisol Anahí Bodil
Radka Vesna Ilse Ottilie Wiremu Aroha Tupac Itzel Nayeli Xochitl Yerlan Aigerim Bolat""".split()

NICKNAMES = {
    "Alexander": "Alex", "Elizabeth": "Liz", "Katherine": "Kate", "Margaret": "Maggie",
    "Robert": "Bob", "William": "Bill", "Michael": "Mike", "Thomas": "Tom", "Daniel": "Dan",
    "Rebecca": "Becky", "Patricia": "Pat", "Gabriel": "Gabe", "Samir": "Sam",
}

SYLL_A = "Ab Al An Ar Ba Be Bo Ca Da De Do El Fa Fe Ga Gu Ha He Ho Ib Ka Ke Ko La Le Lo Ma Me Mo Na Ne No Pa Pe Ra Re Ro Sa Se So Ta Te To Va Ve Wa Ya Za".split()
SYLL_B = "ba be ci da di fe ga gi ka ko la li lu ma mi mo na ni no pa ra re ri ro sa si so ta ti to va vi wa ya za".split()
SYLL_C = "lez ner ski son ova ura ndez rte ssi ani ovic berg mann dze kar lin tos rez nen hara moto chi ko wa"
SYLL_C = SYLL_C.split()
PARTICLES = ["van der", "de", "da", "von", "del", "dos"]

ORG_HEADS = ["Institute", "Foundation", "Association", "Council", "Network", "Centre", "Society",
             "Authority", "Alliance", "Forum", "Agency", "University", "Commission"]
ORG_FIELDS = ["Digital Rights", "Internet Policy", "Cybersecurity", "Open Data", "Media Freedom",
              "Telecommunications", "Information Society", "Network Research", "Online Safety",
              "Data Protection", "Digital Inclusion", "Internet Governance", "Broadband",
              "Technology Law", "Youth Participation", "Accessibility", "Standards"]
COUNTRIES = ["Kenya", "Brazil", "Germany", "India", "Chile", "Ghana", "Japan", "Norway", "Peru",
             "Tunisia", "Nepal", "Canada", "Poland", "Senegal", "Mexico", "Fiji", "Georgia",
             "Rwanda", "Portugal", "Indonesia", "Jordan", "Uruguay", "Estonia", "Zambia"]
BODY_KINDS = ["Working Group on {f}", "Best Practice Forum on {f}", "Dynamic Coalition on {f}",
              "Policy Network on {f}", "{c} IGF Organising Committee", "Steering Group on {f}"]
TOPICS = ["the Global Digital Compact", "internet fragmentation", "meaningful access",
          "data governance", "artificial intelligence", "cybersecurity norms", "capacity building",
          "the WSIS+20 review", "the IGF mandate", "youth engagement", "gender inclusion",
          "DNS abuse", "content moderation", "environmental sustainability", "digital public goods",
          "the intersessional work", "the annual meeting programme", "community outreach",
          "open standards", "human rights online", "local content", "IPv6 deployment"]
VERBS = ["said", "noted", "suggested", "asked", "stressed", "proposed", "recalled", "explained",
         "observed", "added", "remarked", "agreed", "underlined", "shared"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class World:
    def __init__(self, n, rng):
        self.rng = rng
        n_people = max(300, int(2.2 * n))
        n_orgs = max(60, n // 4)
        n_bodies = 8 + n // 500
        fields, countries = ORG_FIELDS, COUNTRIES
        self.bodies = []
        seen = set()
        while len(self.bodies) < n_bodies:
            kind = rng.choice(BODY_KINDS)
            name = kind.format(f=rng.choice(fields), c=rng.choice(countries))
            if len(self.bodies) >= len(BODY_KINDS) * len(fields) // 2:
                name += f" {len(self.bodies)}"
            if name not in seen:
                seen.add(name)
                self.bodies.append({"name": name, "number": rng.randint(1, 20), "members": []})
        self.orgs = []
        seen = set()
        while len(self.orgs) < n_orgs:
            shape = rng.randrange(4)
            if shape == 0:
                name = f"{rng.choice(ORG_FIELDS)} {rng.choice(ORG_HEADS)} of {rng.choice(COUNTRIES)}"
            elif shape == 1:
                name = f"{self.surname()} {rng.choice(ORG_HEADS)}"
            elif shape == 2:
                name = f"{rng.choice(COUNTRIES)} {rng.choice(ORG_FIELDS)} {rng.choice(ORG_HEADS)}"
            else:
                name = f"Ministry of {rng.choice(ORG_FIELDS)}, {rng.choice(COUNTRIES)}"
            if name not in seen:
                seen.add(name)
                self.orgs.append(name)
        self.people = []
        names = set()
        while len(self.people) < n_people:
            if self.people and rng.random() < 0.01:
                # Two people, one name: a namesake in another organisation.
                given, surname = rng.choice(self.people)["name"]
            else:
                given, surname = rng.choice(GIVEN), self.surname()
                if (given, surname) in names:
                    continue
            names.add((given, surname))
            body = rng.randrange(n_bodies)
            person = {"name": (given, surname), "org": rng.choice(self.orgs), "body": body}
            self.people.append(person)
            self.bodies[body]["members"].append(len(self.people) - 1)

    def surname(self):
        rng = self.rng
        s = rng.choice(SYLL_A) + rng.choice(SYLL_B) + rng.choice(SYLL_C)
        if rng.random() < 0.05:
            s = f"{rng.choice(PARTICLES)} {s}"
        elif rng.random() < 0.04:
            s = f"{s}-{rng.choice(SYLL_A)}{rng.choice(SYLL_C)}"
        return s


def strip_accents(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def misspell(s, rng):
    if len(s) < 7 or " " in s:
        return s
    i = rng.randrange(2, len(s) - 1)
    return s[:i] + s[i + 1:] if rng.random() < 0.5 else s[:i] + s[i] + s[i:]


def report(world, i, rng):
    body = world.bodies[rng.randrange(len(world.bodies))]
    body["number"] += 1
    number = body["number"]
    year = 2015 + (i * 11 // max(1, len(world.bodies) * 40)) % 11
    month, day = rng.randrange(12), rng.randint(1, 28)
    hour = rng.choice([9, 11, 13, 14, 15, 16])
    k = rng.randint(10, 60)
    members = body["members"]
    chosen = []
    for _ in range(k * 3):
        if len(chosen) >= k:
            break
        if members and rng.random() < 0.7:
            # Regulars: the first members of a body come most often.
            p = members[min(len(members) - 1, int(rng.paretovariate(1.2)) - 1)]
        else:
            p = rng.randrange(len(world.people))
        if p not in chosen:
            chosen.append(p)
    people = [world.people[p] for p in chosen]
    chair = people[0]
    full = lambda p: f"{p['name'][0]} {p['name'][1]}"

    def refer(p):
        given, surname = p["name"]
        r = rng.random()
        if r < 0.35:
            return given
        if r < 0.42 and given in NICKNAMES:
            return NICKNAMES[given]
        if r < 0.50:
            return f"{given} {misspell(surname, rng)}"
        if r < 0.58:
            return strip_accents(f"{given} {surname}")
        return f"{given} {surname}"

    topics = rng.sample(TOPICS, 4)
    agenda = ["Welcome and adoption of the agenda"] + [t[0].upper() + t[1:] for t in topics[:3]] + ["Any other business"]
    speakers = people[: max(3, len(people) // 2)]
    paragraphs = []
    for t, topic in enumerate(topics[:3]):
        lines = []
        for p in rng.sample(speakers, min(len(speakers), rng.randint(3, 8))):
            lines.append(f"{refer(p)} {rng.choice(VERBS)} that the group should look again at {topic} "
                         f"before the next meeting, and that the {rng.choice(ORG_FIELDS).lower()} "
                         f"community should be consulted on it.")
        paragraphs.append((t + 2, agenda[t + 1], " ".join(lines)))
    date = f"{day} {MONTHS[month]} {year}"
    layout = i % 3
    out = []
    if layout == 0:
        out += [body["name"], "", f"Online Meeting {number}", "", f"{date} at {hour}:00 UTC", "",
                "Summary Report", "",
                f"The {number}th meeting of the {body['name']} was held on {date} at {hour}:00 UTC. "
                f"The meeting was moderated by {full(chair)}.", "", "Agenda:", ""]
        out += [f"{n}. {a}" for n, a in enumerate(agenda, 1)] + ["", "Discussion:", ""]
        for n, title, text in paragraphs:
            out += [f"{n}. {title}", "", text, ""]
        out += ["Annex: List of participants", ""]
        out += [f"- {full(p)} ({p['org']})" for p in people]
    elif layout == 1:
        out += [body["name"], f"Call notes - {day:02d}.{month + 1:02d}.{year}, {hour}:00 UTC", ""]
        out.append("Participants: " + ", ".join(f"{full(p)} ({p['org']})" for p in people))
        out += ["", "Agenda"] + [f"{n}) {a}" for n, a in enumerate(agenda, 1)] + [""]
        out += [f"{full(chair)} chaired the call and welcomed participants.", ""]
        for n, title, text in paragraphs:
            out += [f"{n}) {title}", "", text, ""]
    else:
        absent = people[-2:]
        out += [f"{body['name']} – Minutes of meeting {number}", f"Date: {date}", f"Time: {hour}:00 UTC", ""]
        out += ["Present:"] + [f"- {full(p)}, {p['org']}" for p in people[:-2]]
        out += ["", "Apologies: " + ", ".join(full(p) for p in absent), "", f"Chair: {full(chair)}", ""]
        out += ["Agenda"] + [f"{n}. {a}" for n, a in enumerate(agenda, 1)] + [""]
        for n, title, text in paragraphs:
            out += [f"{n}. {title}", text, ""]
    nd = rng.randint(1, 28)
    out += [f"The next meeting will be held on {nd} {MONTHS[(month + 1) % 12]} {year + (month == 11)}.", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    world = World(args.n, rng)
    os.makedirs(args.out, exist_ok=True)
    width = len(str(args.n))
    # One flat folder, which the peer pipeline reads too.
    for i in range(args.n):
        with open(os.path.join(args.out, f"r{i:0{width}d}.txt"), "w", encoding="utf-8") as f:
            f.write(report(world, i, rng))


if __name__ == "__main__":
    main()
