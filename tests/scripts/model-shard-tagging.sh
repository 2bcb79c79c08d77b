#!/usr/bin/env bash
# Tagging at scale, the Unix way: ner-split --shard i/N cuts the corpus into N contiguous shards
# that concatenate to the input byte for byte; ner-tag tags them in N parallel processes (xargs
# -P); the outputs concatenated in shard order are byte for byte one ner-tag run over the whole
# corpus, as the stream (conll) and as JSON lines. Then the make example
# (experiments/shard-tagging.mk) does the same on the bundled sample.
# Usage: model-shard-tagging.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
export PATH="$tooldir:$PATH" LC_ALL=C.UTF-8 OMP_WAIT_POLICY=passive
. "$(dirname "$0")/check-lib.bash"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

ner-convert -q -f ccks -t conll --max-len 60 "$src/testdata/demo-emr.ccks.jsonl" -o corpus.conll
ner-train -q -t corpus.conll -o m.ner --embedding-dim 16 --hidden 16 --epochs 2 --batch-size 16 --lr 0.01 --threads 1 \
  || { echo "FAILED: training the model"; exit 1; }

N=4
seq 1 $N | xargs -P $N -I{} ner-split -q --shard {}/$N corpus.conll -o shard-{}.conll
check "the shards concatenate to the corpus" 'cat $(seq -f "shard-%g.conll" 1 $N) | cmp -s - corpus.conll'
check "every shard holds something" 'for i in $(seq 1 $N); do [ -s shard-$i.conll ] || exit 1; done'
check "every shard starts a document" 'for i in $(seq 1 $N); do head -n1 shard-$i.conll | grep -q "^# doc = " || exit 1; done'

for format in conll jsonl; do
  seq 1 $N | xargs -P $N -I{} ner-tag -q -m m.ner --threads 1 --format $format shard-{}.conll -o shard-{}.$format.out
  cat $(seq -f "shard-%g.$format.out" 1 $N) > sharded.$format
  ner-tag -q -m m.ner --threads 1 --format $format corpus.conll -o single.$format
done
check "$N shards tagged in parallel = one run (conll)" 'cmp -s sharded.conll single.conll'
# jsonl: the same documents and spans; each span's score (a marginal probability, 4 decimals) to
# within 2e-4: a shard batches other sentences together, and OpenBLAS's products, hence the last
# digit of a probability, depend on a batch's size (the labels, a Viterbi path, did not move).
without_scores() { sed -E 's/"score":[0-9.e+-]+/"score":_/g' "$1"; }
scores() { grep -oE '"score":[0-9.e+-]+' "$1" | cut -d: -f2; }
check "$N shards tagged in parallel = one run (jsonl, scores to 2e-4)" \
  'cmp -s <(without_scores sharded.jsonl) <(without_scores single.jsonl) &&
   paste <(scores sharded.jsonl) <(scores single.jsonl) | awk "{ d = \$1 - \$2; if (d < 0) d = -d; if (d > 2e-4) bad = 1 } END { exit bad }"'
check "... and the spans have scores (the comparison means something)" '[ "$(scores single.jsonl | wc -l)" -gt 0 ]'
check "the tagging finds entities" '[ "$(awk -F"\t" "NF > 1 { print \$NF }" single.conll | grep -c "^B-")" -gt 0 ]'

# The make example, on the bundled sample (NER_DATA pointed away from yidu-s4k), 4 shards at once.
make -s -f "$src/experiments/shard-tagging.mk" -j4 BUILD="$tooldir" NER_DATA="$scratch/none" \
  SHARD_WORK="$scratch/make" > make.out 2> make.err
status=$?
check "make -f experiments/shard-tagging.mk succeeds (status $status)" '[ "$status" -eq 0 ]'
check "... and reports identical output" 'grep -q "^shard-tag: 4 shards tagged in parallel and concatenated = one run" make.out'
[ "$status" -eq 0 ] || cat make.err
exit $fail
