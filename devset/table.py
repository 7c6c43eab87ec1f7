#!/usr/bin/env python3
"""Scores meetkg's extraction on the development set, per kind of body.

    python3 devset/table.py [--half tune|heldout|all] [--by kind|lang] [--peer PRED_DIR]
                            [--save PRED.jsonl] [--pred PRED.jsonl]

Runs `meetkg extract` once over every record of devset/sources.tsv, then scores each group
of records (one kind of body, or one language; then Internet governance and standards
against every other kind; then all) with ../shared/gold/score.py, and prints one Markdown
table. Leave-one-kind-out is read from it: a rule written while reading the records of one
kind is judged on the rows of the other kinds, which it was not written for.

`--peer` adds the people and organisation F1 of another extractor's predictions (a
directory of `<stem>.json`, as ../shared/peer/spacy_rdflib_pipeline.py writes them) on the
same groups. `--pred` scores saved predictions instead of running meetkg.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(ROOT, "..", "shared", "gold", "score.py")
# The kinds of bodies the set began with: Internet governance and standards.
FIRST_DOMAIN = {"igf", "net", "std"}
COLUMNS = [
    ("people", "people"),
    ("spoke", "spoke"),
    ("listed", "listed"),
    ("agenda", "agenda"),
    ("orgs", "organisations"),
    ("topics", "topics"),
    ("affil", "affiliations"),
    ("series", "meeting.series"),
    ("date", "meeting.date"),
    ("start", "meeting.start_time_utc"),
]


def sources():
    with open(os.path.join(ROOT, "devset", "sources.tsv"), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def text_path(record):
    return os.path.join(ROOT, "devset", "texts", record["id"] + ".txt")


def with_texts(records):
    """The records whose text is here. A text the search tool no longer returns
    cannot be fetched again: its record is left out of every row, and named on
    stderr, so a table is never scored against predictions it lacks."""
    missing = [r["id"] for r in records if not os.path.exists(text_path(r))]
    if missing:
        print(f"table.py: {len(missing)} records left out, their texts are missing "
              f"(fetch them again from their URLs in sources.tsv): {' '.join(missing)}",
              file=sys.stderr)
    return [r for r in records if r["id"] not in missing]


def extract(records, meetkg, out):
    texts = [text_path(r) for r in records]
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([meetkg, "extract", "--compact", *texts], stdout=f, check=False)


def score(records, pred):
    """score.py's figures for `records`: {field: (P, R, F1)} and {meeting field: accuracy}."""
    with tempfile.TemporaryDirectory() as gold:
        for r in records:
            name = r["id"] + ".json"
            os.symlink(os.path.join(ROOT, "devset", "gold", name), os.path.join(gold, name))
        run = subprocess.run(
            [sys.executable, SCORER, gold, pred], capture_output=True, text=True, check=False
        )
    figures = {}
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] != "field":
            try:
                figures[parts[0]] = tuple(float(x) for x in parts[1:])
            except ValueError:
                pass
        elif len(parts) == 3 and parts[1] == "accuracy":
            figures[parts[0]] = (None, None, float(parts[2]))
    return figures


def peer_jsonl(pred_dir, out):
    """The peer's `<stem>.json` files as one JSONL in the gold's shape: its
    people and organisations are plain names."""
    with open(out, "w", encoding="utf-8") as f:
        for name in sorted(os.listdir(pred_dir)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(pred_dir, name), encoding="utf-8") as g:
                obj = json.load(g)
            for field in ("people", "organisations"):
                obj[field] = [x if isinstance(x, dict) else {"name": x} for x in obj.get(field) or []]
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def groups(records, by):
    """(label, records) in table order."""
    out = []
    keys = sorted({r[by] for r in records}, key=lambda k: (k not in FIRST_DOMAIN, k))
    for k in keys:
        out.append((f"{by} {k}", [r for r in records if r[by] == k]))
    first = [r for r in records if r["kind"] in FIRST_DOMAIN]
    other = [r for r in records if r["kind"] not in FIRST_DOMAIN]
    out.append(("**Internet governance + standards**", first))
    out.append(("**other kinds**", other))
    out.append(("**all**", records))
    return [(label, rs) for label, rs in out if rs]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["tune", "heldout", "all"], default="all")
    ap.add_argument("--by", choices=["kind", "lang"], default="kind")
    ap.add_argument("--meetkg", default=os.path.join(ROOT, "meetkg"))
    ap.add_argument("--peer", help="directory of another extractor's <stem>.json predictions")
    ap.add_argument("--pred", help="score these saved meetkg predictions (JSONL)")
    ap.add_argument("--save", help="keep meetkg's predictions in this JSONL file")
    args = ap.parse_args()

    records = with_texts([r for r in sources() if args.half == "all" or r["half"] == args.half])
    with tempfile.TemporaryDirectory() as work:
        pred = args.pred or args.save or os.path.join(work, "pred.jsonl")
        if not args.pred:
            extract(records, args.meetkg, pred)
        peer = None
        if args.peer:
            peer = os.path.join(work, "peer.jsonl")
            peer_jsonl(args.peer, peer)
        head = ["group", "n"] + [c for c, _ in COLUMNS]
        if args.peer:
            head += ["peer people", "peer orgs"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for label, rs in groups(records, args.by):
            f = score(rs, pred)
            cells = [label, str(len(rs))]
            for _, field in COLUMNS:
                p, r, f1 = f.get(field, (None, None, float("nan")))
                cells.append(f"{f1:.3f}" if p is None or field != "people" else f"{f1:.3f} ({p:.2f}/{r:.2f})")
            if args.peer:
                g = score(rs, peer)
                cells += [f"{g.get('people', (0, 0, 0))[2]:.3f}", f"{g.get('organisations', (0, 0, 0))[2]:.3f}"]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
