#!/usr/bin/env bash
# Throughput of ner-convert on all of yidu-s4k (both part files, 1000 records): ccks -> conll
# (tokenising, one token per character with offsets, IOB2) and back conll -> ccks, in MB/s of
# input, best and median of several runs. Prints figures; asserts nothing.
# Usage: convert.sh BUILDDIR
set -u
build=$(cd "${1:-build}" && pwd)
tool=$build/ner-convert
[ -x "$tool" ] || { echo "ner-convert is not built in $build"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
data=${NER_DATA:-$here/../../../shared/data}
yidu=("$data"/yidu-s4k/subtask1_training_part1.txt "$data"/yidu-s4k/subtask1_training_part2.txt)
[ -f "${yidu[0]}" ] && [ -f "${yidu[1]}" ] || { echo "skipped: yidu-s4k not found under $data (set NER_DATA)"; exit 0; }
runs=${RUNS:-7}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# measure NAME INPUT-BYTES COMMAND...: runs COMMAND $runs times; prints MB/s of wall-clock time
# (best and median) and of CPU time (user + system, best), which other load on the machine
# disturbs less.
measure() {
  local name=$1 bytes=$2; shift 2
  "$@" || { echo "$name: failed"; return 1; }  # warm the page cache
  local TIMEFORMAT='%R %U %S'
  for _ in $(seq "$runs"); do { time "$@"; } 2>&1; done > "$scratch/times"
  local best median cpu
  best=$(cut -d ' ' -f 1 "$scratch/times" | sort -g | head -n 1)
  median=$(cut -d ' ' -f 1 "$scratch/times" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  cpu=$(awk '{print $2 + $3}' "$scratch/times" | sort -g | head -n 1)
  awk -v name="$name" -v bytes="$bytes" -v runs="$runs" -v best="$best" -v median="$median" -v cpu="$cpu" 'BEGIN {
    if (cpu <= 0) cpu = 0.001
    printf "%-28s %6.1f MB/s wall best, %6.1f median; %6.1f MB/s CPU (%d runs, %.2f MB in)\n",
           name, bytes / best / 1e6, bytes / median / 1e6, bytes / cpu / 1e6, runs, bytes / 1e6 }'
}

in_bytes=$(cat "${yidu[@]}" | wc -c)
measure "ccks -> conll" "$in_bytes" "$tool" -q --from ccks --to conll "${yidu[@]}" -o "$scratch/yidu.conll"
conll_bytes=$(wc -c < "$scratch/yidu.conll")
measure "conll -> ccks" "$conll_bytes" "$tool" -q --from conll --to ccks "$scratch/yidu.conll" -o "$scratch/back.ccks"
measure "ccks -> conll --max-len 126" "$in_bytes" "$tool" -q --from ccks --to conll --max-len 126 "${yidu[@]}" -o "$scratch/split.conll"
measure "conll iob2 -> iobes" "$conll_bytes" "$tool" -q --to conll --to-scheme iobes "$scratch/yidu.conll" -o "$scratch/iobes.conll"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory of ccks -> conll: %M KB" "$tool" -q --from ccks --to conll "${yidu[@]}" -o "$scratch/yidu.conll" 2>&1
fi
echo "(conll is $(echo "$conll_bytes" | awk '{printf "%.2f", $1 / 1e6}') MB for $(echo "$in_bytes" | awk '{printf "%.2f", $1 / 1e6}') MB of ccks; machine: $(nproc) cores, load $(cut -d ' ' -f 1 /proc/loadavg))"
