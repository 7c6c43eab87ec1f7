#!/usr/bin/env python3
"""Writes one meeting report whose participant list has N name lines (issue 25).

    python3 benches/roster.py N > report.txt        # N roster lines
    python3 benches/roster.py --one-line BYTES > report.txt
    python3 benches/roster.py --names-line BYTES > report.txt

The names look like real ones: given names drawn from ontology/given-names.txt
(a few hundred of them, so many people share one), surnames built from
syllables (about one per three lines, drawn as unevenly as real surnames are,
so many share one too), one line in ten a near miss of another (one letter
changed, dropped or doubled), which is what a fuzzy comparison of every pair
of people would have to look at, and one in ten an honorific and a surname
alone ("Dr. Kamelo"), which is resolved against the report's people.
`--one-line` writes a report whose whole text is one line of letters;
`--names-line` one whose whole text is one line of names, "Participants: Ann
Lee, Dr. Kamelo, ..." (the roster above, comma-separated), of at most BYTES
bytes: a list flattened onto one line by a converter, which gives a sentence
of millions of characters naming up to hundreds of thousands of people.
Deterministic: the same N gives the same report. Timed with, for example,
`time meetkg extract --compact report.txt > /dev/null`.
"""

import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HONORIFICS = ("Mr.", "Ms.", "Dr.", "Prof.")
SYLLABLES = ("ba be bi bo da de di do fa fe ka ke ki ko la le li lo ma me mi mo na ne "
             "ni no pa pe ra re ri ro sa se si so ta te ti to va ve vi wa za ze").split()


def given_names(rng, count):
    with open(os.path.join(ROOT, "ontology", "given-names.txt"), encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    names = [n for n in names if n.isalpha() and 3 <= len(n) <= 9]
    return [n.capitalize() for n in rng.sample(names, count)]


def surname(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def near_miss(rng, name):
    i = rng.randrange(1, len(name))
    kind = rng.randrange(3)
    if kind == 0:
        return name[:i] + rng.choice("aeiourstn") + name[i + 1:]
    if kind == 1 and len(name) > 4:
        return name[:i] + name[i + 1:]
    return name[:i] + name[i] + name[i:]


def roster(n, seed=25):
    rng = random.Random(seed)
    given = given_names(rng, 400)
    surnames = [surname(rng) for _ in range(max(1, n // 3))]
    # Surnames as uneven as in a real population: the k-th most common one
    # in proportion to 1/k (the commonest on about one line in ten, as "Kim"
    # or "Nguyen" in a Korean or Vietnamese list).
    weights = [1 / (k + 1) for k in range(len(surnames))]
    drawn = rng.choices(surnames, weights, k=n)
    lines = []
    for last in drawn:
        if rng.random() < 0.1:
            last = near_miss(rng, last)
        if rng.random() < 0.1:
            # A roll that names some by honorific and surname only.
            lines.append(f"- {rng.choice(HONORIFICS)} {last}")
        else:
            lines.append(f"- {rng.choice(given)} {last}")
    return lines


def names_line(size):
    """One line of at most `size` bytes (UTF-8): the roster's names after
    "Participants: ", separated by commas, ending with a full stop and a newline."""
    head, parts, used = "Participants: ", [], 0
    budget = size - len(head) - 2
    # About fifteen bytes a name; a few more lines than needed, then cut.
    for line in roster(budget // 12 + 10):
        name = line[2:]
        cost = len(name.encode("utf-8")) + (2 if parts else 0)
        if used + cost > budget:
            break
        parts.append(name)
        used += cost
    return head + ", ".join(parts) + ".\n"


def main():
    args = sys.argv[1:]
    out = sys.stdout
    if args[:1] == ["--one-line"]:
        size = int(args[1])
        rng = random.Random(25)
        out.write("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size)))
        out.write("\n")
        return
    if args[:1] == ["--names-line"]:
        out.write(names_line(int(args[1])))
        return
    n = int(args[0])
    out.write("Plenary of the Example Forum\n\nDate: 14 March 2024\n\nParticipants:\n\n")
    out.write("\n".join(roster(n)))
    out.write("\n\nThe chair closed the meeting.\n")


if __name__ == "__main__":
    main()
