#!/usr/bin/env bash
# ner-eval against perl conlleval on CoNLL-2003 eng.train (203,621 tokens, 946 -DOCSTART- lines
# that both count as tokens) with its label column copied as the prediction: the best of several
# runs of each, wall-clock and CPU (user+sys) seconds, and the ratios. Goal: ner-eval >= 20x
# faster. The two reports are also compared (they must be the same bytes).
# Usage: eval.sh BUILDDIR
set -u
build=$(cd "${1:-build}" && pwd)
runs=${EVAL_BENCH_RUNS:-7}
data=${NER_DATA:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/data}
input=$data/conll2003/eng.train
conlleval=$data/conlleval/conlleval
[ -x "$build/ner-eval" ] || { echo "ner-eval not built in $build: skipped"; exit 0; }
[ -f "$input" ] && [ -f "$conlleval" ] || { echo "eng.train or conlleval not found in \$NER_DATA ($data): skipped"; exit 0; }
command -v perl > /dev/null || { echo "perl not found: skipped"; exit 0; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
awk '{ if (NF) print $0 " " $NF; else print }' "$input" > "$scratch/pred.txt"

# best CMD...: the smallest wall-clock and CPU seconds of $runs runs, as "WALL CPU".
best() {
  local wall=999999 cpu=999999 t
  TIMEFORMAT='%R %U %S'
  for _ in $(seq "$runs"); do
    t=$( { time "$@" < "$scratch/pred.txt" > /dev/null; } 2>&1 )
    read -r r u s <<< "$t"
    wall=$(awk -v a="$wall" -v b="$r" 'BEGIN { print (b < a ? b : a) }')
    cpu=$(awk -v a="$cpu" -v b="$u" -v c="$s" 'BEGIN { print (b + c < a ? b + c : a) }')
  done
  echo "$wall $cpu"
}

if ! cmp -s <(perl "$conlleval" < "$scratch/pred.txt") <(OMP_NUM_THREADS=1 "$build/ner-eval" < "$scratch/pred.txt"); then
  echo "WARNING: the reports of conlleval and ner-eval differ"
fi
read -r perl_wall perl_cpu <<< "$(best perl "$conlleval")"
read -r ours_wall ours_cpu <<< "$(best "$build/ner-eval")"
echo "input: eng.train with the gold label copied, $(wc -l < "$scratch/pred.txt") lines, $(wc -c < "$scratch/pred.txt") bytes; best of $runs runs"
printf 'perl conlleval: %.3f s wall, %.3f s CPU\n' "$perl_wall" "$perl_cpu"
printf 'ner-eval:       %.3f s wall, %.3f s CPU\n' "$ours_wall" "$ours_cpu"
awk -v pw="$perl_wall" -v pc="$perl_cpu" -v ow="$ours_wall" -v oc="$ours_cpu" 'BEGIN {
  printf "ratio: %.1fx wall, %.1fx CPU (goal: 20x)\n", pw / (ow > 0 ? ow : 0.001), pc / (oc > 0 ? oc : 0.001) }'
