#!/usr/bin/env bash
# Scores meetkg's extraction on one half of the development set (devset/README.md).
#   bash devset/score.sh tune|heldout [--verbose]
# Needs the record texts in devset/texts/ (git-ignored; fetched by URL, see
# sources.tsv) and a built meetkg (./meetkg builds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
half="${1:?usage: score.sh tune|heldout [--verbose]}"
shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold" "$work/texts"
while IFS=$'\t' read -r id h _; do
  [ "$h" = "$half" ] || continue
  if [ ! -f "$root/devset/texts/$id.txt" ]; then
    echo "score.sh: devset/texts/$id.txt is missing (fetch it again from its URL in sources.tsv)" >&2
    exit 3
  fi
  ln -s "$root/devset/gold/$id.json" "$work/gold/$id.json"
  ln -s "$root/devset/texts/$id.txt" "$work/texts/$id.txt"
done < <(tail -n +2 "$root/devset/sources.tsv")
"$root/meetkg" extract --compact "$work"/texts/*.txt > "$work/pred.jsonl" || true
python3 "$root/../shared/gold/score.py" "$work/gold" "$work/pred.jsonl" "$@"
