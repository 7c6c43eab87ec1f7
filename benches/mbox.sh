#!/usr/bin/env bash
# Mail archive build time (issue 23): a 1,000-message mbox built against the
# same 1,000 messages as 1,000 text reports (each the text the mbox reader
# makes of its message: From/Date/Subject lines, a blank line, the body), each
# into a fresh store with its own cache. Every message is a short meeting
# record in our own words, its series, date and roll varied by its number.
# Prints the wall time of each build, best of RUNS (default 2). The target is
# an mbox "comparable" to its text reports.
#
#   bash benches/mbox.sh [MESSAGES]        default 1000
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
#   BENCH_DIR    where the corpora and stores go (default /tmp/meetkg-bench-mbox)
#   RUNS         builds of each corpus (default 2)
#
# Figure (dev build, 2 cores shared with other sessions' builds, load average 8):
#
#   mbox build: 1000 messages in one mbox, 1000 reports, best of 2: 5.63 s
#   text build: 1000 text reports, 1000 reports, best of 2: 5.05 s
#   ratio mbox/text: 1.12
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
runs="${RUNS:-2}"
bench="${BENCH_DIR:-/tmp/meetkg-bench-mbox}"
if [ -z "${MEETKG_BIN:-}" ]; then
  cargo build -q --bin meetkg
  MEETKG_BIN="${CARGO_TARGET_DIR:-target}/$(rustc -vV | sed -n 's/^host: //p')/debug/meetkg"
fi
rm -rf "$bench"
mkdir -p "$bench/mbox" "$bench/txt"
python3 - "$bench" "$n" <<'PY'
import sys
bench, n = sys.argv[1], int(sys.argv[2])
first = ["Ines", "Tomas", "Aiko", "Lena", "Omar", "Sofia", "Pavel", "Nadia", "Kwame", "Elena"]
last = ["Moreau", "Berg", "Tanaka", "Okafor", "Haddad", "Lindqvist", "Novak", "Rossi", "Mensah", "Duarte"]
groups = ["Outreach", "Harbour Maintenance", "Data Policy", "Budget", "Youth Forum"]
months = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
mbox = []
for i in range(n):
    people = [f"{first[(i + k) % 10]} {last[(i * 3 + k) % 10]}" for k in range(3)]
    group = groups[i % len(groups)]
    day, month, year = 1 + i % 28, months[i % 12], 2020 + i % 5
    sender = people[0].lower().replace(" ", ".") + "@example.org"
    subject = f"{group} Working Group - Minutes {i + 1}"
    date = f"Mon, {day} {month[:3]} {year} 10:00:00 +0000"
    body = (f"{group} Working Group - Meeting {i + 1}\n\nDate: {day} {month} {year}\n\n"
            f"Participants:\n" + "".join(f"- {p}\n" for p in people) +
            f"\n{people[0]} opened the meeting. {people[1]} presented the {group.lower()} report.\n"
            f"{people[2]} asked about the timeline.\n")
    mbox.append(f"From {sender} Mon {month[:3]} {day:2d} 10:00:00 {year}\n"
                f"From: {people[0]} <{sender}>\nDate: {date}\nSubject: {subject}\n"
                f"Message-ID: <{i + 1}@example.org>\nMIME-Version: 1.0\n"
                f"Content-Type: text/plain; charset=utf-8\n\n{body}\n")
    with open(f"{bench}/txt/{i + 1:04d}.txt", "w") as f:
        f.write(f"From: {people[0]} <{sender}>\nDate: {date}\nSubject: {subject}\n\n{body}")
with open(f"{bench}/mbox/list.mbox", "w") as f:
    f.write("".join(mbox))
PY
# The best wall time, in seconds, of `runs` builds of $1 into fresh stores.
best() {
  local corpus=$1 best="" t0 t1 t
  for r in $(seq "$runs"); do
    rm -rf "$bench/store-$corpus-$r" "$bench/store-$corpus-$r.cache" "$bench/out-$corpus-$r"
    t0=$(date +%s.%N)
    "$MEETKG_BIN" build "$bench/$corpus" --store "$bench/store-$corpus-$r" \
      --out "$bench/out-$corpus-$r" >"$bench/$corpus-$r.log" 2>&1
    t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
mbox_s=$(best mbox)
txt_s=$(best txt)
reports() { sed -n 's/^\([0-9]*\) reports.*/\1/p' "$bench/$1-1.log" | head -1; }
printf 'mbox build: %s messages in one mbox, %s reports, best of %s: %.2f s\n' "$n" "$(reports mbox)" "$runs" "$mbox_s"
printf 'text build: %s text reports, %s reports, best of %s: %.2f s\n' "$n" "$(reports txt)" "$runs" "$txt_s"
printf 'ratio mbox/text: %.2f\n' "$(echo "$mbox_s / $txt_s" | bc -l)"
