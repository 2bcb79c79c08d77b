#!/usr/bin/env bash
# ner-tokenize throughput on all of yidu-s4k, the start-up time of every torch-free tool, and the
# ldd evidence that the data plane does not load LibTorch. Prints figures; asserts nothing.
# Usage: tokenize.sh BUILDDIR
set -u
build=$(cd "${1:-build}" && pwd)
tools=$build
export LC_ALL=C.UTF-8
data=${NER_DATA:-$(dirname "$0")/../../../shared/data}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Wall-clock and CPU (user+sys) seconds of a command: "REAL CPU". On a shared, loaded machine the
# CPU time is the steadier figure.
TIMEFORMAT='%R %U %S'
seconds() {
  local t
  t=$( { time "$@" > /dev/null 2>&1; } 2>&1 ) || return 1
  awk '{ printf "%.3f %.3f", $1, $2 + $3 }' <<< "$t"
}
# best of 3 by CPU time: "REAL CPU"
best_of_3() {
  local best="" t
  for _ in 1 2 3; do
    t=$(seconds "$@") || return 1
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then best=$t; fi
  done
  echo "$best"
}

echo "-- ner-tokenize throughput (best of 3; MB of input per second of wall-clock and of CPU time)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null), $(nproc) CPUs"
yidu=("$data"/yidu-s4k/subtask1_training_part*.txt)
if [ -x "$tools/ner-tokenize" ] && [ -f "${yidu[0]}" ]; then
  # 20 copies of the 1000 records (about 50 MB of JSON), so that the times are not noise.
  for _ in $(seq 20); do cat "${yidu[@]}"; done > "$scratch/yidu.jsonl"
  # The texts alone, a document per line (originalText holds no line break).
  "$tools/ner-tokenize" --version > /dev/null
  perl -CSD -MJSON::PP -ne 's/^\x{FEFF}//; print JSON::PP->new->decode($_)->{originalText}, "\n"' \
    "$scratch/yidu.jsonl" > "$scratch/yidu.txt"
  json_bytes=$(wc -c < "$scratch/yidu.jsonl") text_bytes=$(wc -c < "$scratch/yidu.txt")
  chars=$(perl -CSD -ne 'chomp; $n += length; END { print $n }' "$scratch/yidu.txt")
  echo "corpus: yidu-s4k x20: $json_bytes bytes of JSON lines, $text_bytes bytes / $chars characters of text"
  printf '%-40s %8s %8s %9s %9s\n' "" "wall s" "CPU s" "MB/s wall" "MB/s CPU"
  while IFS='|' read -r what input bytes args; do
    # shellcheck disable=SC2086
    t=$(best_of_3 "$tools/ner-tokenize" $args "$scratch/$input") || { echo "$what: failed"; continue; }
    awk -v w="$what" -v b="$bytes" -v t="$t" 'BEGIN { split(t, x, " ");
      printf "%-40s %8.3f %8.3f %9.1f %9.1f\n", w, x[1], x[2], b / 1e6 / x[1], b / 1e6 / (x[2] > 0 ? x[2] : 0.001) }'
  done <<LIST
--jsonl --text-field originalText|yidu.jsonl|$json_bytes|--jsonl --text-field originalText
text lines|yidu.txt|$text_bytes|
text lines --max-len 510|yidu.txt|$text_bytes|--max-len 510
text lines --max-len 126 --pack|yidu.txt|$text_bytes|--max-len 126 --pack
text lines --group-ascii|yidu.txt|$text_bytes|--group-ascii
text lines --normalize nfkc|yidu.txt|$text_bytes|--normalize nfkc
text lines --normalize halfwidth|yidu.txt|$text_bytes|--normalize halfwidth
text lines, -o out.tok.zst|yidu.txt|$text_bytes|-o $scratch/out.tok.zst
LIST
  out_bytes=$("$tools/ner-tokenize" "$scratch/yidu.txt" | wc -c)
  echo "(output: $out_bytes bytes of stream for $text_bytes bytes of text)"
else
  echo "skipped: ner-tokenize not built or yidu-s4k absent under $data"
fi

echo
echo "-- start-up time: mean of 200 runs of TOOL --version (goal: under 10 ms), wall-clock and CPU"
startup() {  # NAME COMMAND...
  local name=$1 t; shift
  t=$(seconds bash -c 'for _ in $(seq 200); do "$@" > /dev/null; done' _ "$@")
  awk -v n="$name" -v t="$t" 'BEGIN { split(t, x, " "); printf "%-14s %6.2f ms wall %6.2f ms CPU\n", n, x[1] * 5, x[2] * 5 }'
}
for tool in "$tools"/ner-*; do
  name=$(basename "$tool")
  [ -x "$tool" ] && [ -f "$tool" ] || continue
  case $name in ner-train|ner-tag|*.*) continue ;; esac
  "$tool" --version > /dev/null 2>&1 || { echo "$name: --version failed"; continue; }
  startup "$name" "$tool" --version
done
startup /bin/true /bin/true
echo "(/bin/true is the floor: the cost of fork+exec itself on this machine)"

echo
echo "-- ldd: the data plane does not load LibTorch"
for name in ner-convert ner-tokenize ner-split ner-eval; do
  tool=$tools/$name
  [ -x "$tool" ] || { echo "$name: not built"; continue; }
  libs=$(ldd "$tool" | awk '{print $1}' | sed 's/\.so.*//' | grep -v -e linux-vdso -e ld-linux | tr '\n' ' ')
  if ldd "$tool" | grep -qE 'lib(torch|c10)'; then echo "$name: LINKS LIBTORCH: $libs"; else echo "$name: no torch; links $libs"; fi
done
