# What the benchmarks share: the binary they measure and how a command is
# timed. Sourced by the scripts in benches/ after they `cd` to the repository
# and set $bench (the directory for their output).

# MEETKG_BIN, or the dev build as ./meetkg builds and runs it.
if [ -z "${MEETKG_BIN:-}" ]; then
  cargo build -q --bin meetkg
  MEETKG_BIN="${CARGO_TARGET_DIR:-target}/$(rustc -vV | sed -n 's/^host: //p')/debug/meetkg"
fi

# timed LABEL CMD...: runs CMD (its output in $bench/last.out and
# $bench/last.err) and sets wall (s), cpu (user + sys, s) and peak_mb; on
# failure prints LABEL, the command and the end of its stderr, and fails.
timed() {
  local label=$1; shift
  if ! /usr/bin/time -f '%e %U %S %M' -o "$bench/last.time" "$@" > "$bench/last.out" 2> "$bench/last.err"; then
    echo "FAILED: $label: $*" >&2
    tail -5 "$bench/last.err" >&2
    return 1
  fi
  local user sys rss
  read -r wall user sys rss < <(tail -1 "$bench/last.time")
  cpu=$(python3 -c "print(round($user + $sys, 2))")
  peak_mb=$((rss / 1024))
}

# measure LABEL CMD...: runs CMD (see `timed`) and prints one row: LABEL, $n
# reports, wall s, CPU s, peak MB. The label column is $label_width wide
# (default 28).
measure() {
  local label=$1
  timed "$@" || return 1
  printf "%-${label_width:-28}s %7s reports  wall %7ss  cpu %7ss  peak %5s MB\n" \
    "$label" "$n" "$wall" "$cpu" "$peak_mb"
}
