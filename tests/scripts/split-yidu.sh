#!/usr/bin/env bash
# ner-split on the 1000 yidu-s4k records (the paper's protocol: a random 6:2:2 split into train,
# dev and test), read as JSON lines from both files as one corpus: the parts hold exactly
# 600/200/200 records, are disjoint, and their union is the input; a seed gives the same split on
# every run and another seed another; 5 folds partition the records; 7 shards concatenate to the
# input byte for byte (part1's BOM included). Skipped when $NER_DATA/yidu-s4k is absent.
# Usage: split-yidu.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$1
data=${NER_DATA:-}/yidu-s4k
part1=$data/subtask1_training_part1.txt part2=$data/subtask1_training_part2.txt
[ -f "$part1" ] && [ -f "$part2" ] || { echo "yidu-s4k not found in \$NER_DATA ($data): skipped"; exit 77; }
export PATH="$tooldir:$PATH" LC_ALL=C.UTF-8
. "$(dirname "$0")/check-lib.bash"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# The records, BOM stripped, one a line: what the union of the parts must be.
cat "$part1" "$part2" | sed '1s/^\xEF\xBB\xBF//' | sort > records
check "1000 records" '[ "$(wc -l < records)" -eq 1000 ]'

ner-split --jsonl --ratio 6:2:2 --seed 1 -o yidu "$part1" "$part2" || fail=1
check "train has 600 records" '[ "$(wc -l < yidu.train.txt)" -eq 600 ]'
check "dev has 200 records" '[ "$(wc -l < yidu.dev.txt)" -eq 200 ]'
check "test has 200 records" '[ "$(wc -l < yidu.test.txt)" -eq 200 ]'
cat yidu.train.txt yidu.dev.txt yidu.test.txt | sort > union
check "the union of the parts is the input" 'cmp -s union records'
# No record line occurs twice in the input (part1 and part2 share a text, annotated differently),
# so a line found in two parts would be a record written twice.
check "the input has no repeated record" '[ -z "$(uniq -d records)" ]'
check "the parts are disjoint" '[ -z "$(sort yidu.train.txt yidu.dev.txt yidu.test.txt | uniq -d)" ]'

ner-split -q --jsonl --ratio 6:2:2 --seed 1 -o again "$part1" "$part2" || fail=1
check "the same seed gives the same split" 'cmp -s yidu.train.txt again.train.txt && cmp -s yidu.dev.txt again.dev.txt && cmp -s yidu.test.txt again.test.txt'
ner-split -q --jsonl --ratio 6:2:2 --seed 2 -o other "$part1" "$part2" || fail=1
check "another seed gives another split" '! cmp -s yidu.test.txt other.test.txt'
check "another seed keeps the sizes" '[ "$(wc -l < other.test.txt)" -eq 200 ]'

# Auto-detection reads the same thing as --jsonl.
cat "$part1" "$part2" | ner-split -q --ratio 6:2:2 --seed 1 -o piped || fail=1
check "stdin and auto-detection give the same split" 'cmp -s yidu.test.txt piped.test.jsonl'

for i in 1 2 3 4 5; do ner-split -q --folds 5 --fold $i -o fold$i "$part1" "$part2" || fail=1; done
check "each test fold has 200 records" '[ "$(cat fold?.test.txt | wc -l)" -eq 1000 ] && [ "$(wc -l < fold3.test.txt)" -eq 200 ]'
check "the test folds partition the records" 'cat fold?.test.txt | sort | cmp -s - records'
check "fold 2: train and test are the records" 'cat fold2.train.txt fold2.test.txt | sort | cmp -s - records'

for i in 1 2 3 4 5 6 7; do ner-split -q --shard $i/7 "$part1" "$part2" > shard$i || fail=1; done
check "7 shards concatenate to the input byte for byte" 'cat shard1 shard2 shard3 shard4 shard5 shard6 shard7 | cmp -s - <(cat "$part1" "$part2")'
check "shards are balanced (143 or 142 records)" '[ "$(wc -l < shard1)" -eq 143 ] && [ "$(wc -l < shard7)" -eq 142 ]'
exit $fail
