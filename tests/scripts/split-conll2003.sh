#!/usr/bin/env bash
# ner-split on CoNLL-2003 English (eng.train: 946 -DOCSTART- documents, whose first marker was
# moved to the end of the file, and no final line end): a 8:1:1 split by document keeps every
# document whole (compared with an awk reading of the documents), the parts hold their exact
# shares, and their union is the input; a split by sentence moves sentences whole; 5 shards
# concatenate to the input byte for byte. Skipped when $NER_DATA/conll2003 is absent.
# Usage: split-conll2003.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$1
input=${NER_DATA:-}/conll2003/eng.train
[ -f "$input" ] || { echo "CoNLL-2003 not found in \$NER_DATA ($input): skipped"; exit 77; }
export PATH="$tooldir:$PATH" LC_ALL=C.UTF-8
. "$(dirname "$0")/check-lib.bash"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# One line per document (a -DOCSTART- line starts one; lines before the first form one), its
# lines joined by \037 and its trailing blank lines dropped; sorted. Each file on its own.
documents() {
  for f in "$@"; do
    awk 'function flush() { sub(/\037+$/, "", d); if (d != "") print d; d = "" }
         /^-DOCSTART-/ { flush() } { d = d $0 "\037" } END { flush() }' "$f"
  done | sort
}
# Sentences: blank-line separated blocks, the same way.
sentences() {
  for f in "$@"; do awk 'BEGIN { RS = "" } { gsub(/\n/, "\037"); print }' "$f"; done | sort
}

documents "$input" > input.docs
ndocs=$(wc -l < input.docs)
check "the awk reading finds 947 documents (946 markers and the sentences before the first)" '[ "$ndocs" -eq 947 ]'

ner-split --ratio 8:1:1 --seed 5 -o eng --extension .conll "$input" || fail=1
documents eng.train.conll eng.dev.conll eng.test.conll > parts.docs
check "the union of the parts is the input's documents, each whole" 'cmp -s parts.docs input.docs'
# Largest remainder of 947 * (0.8, 0.1, 0.1) = 757.6, 94.7, 94.7: 757 + 94 + 94 = 945, and the
# 2 left over go to the largest remainders, dev and test (0.7 > 0.6).
check "8:1:1 of 947 is 757:95:95" '[ "$(documents eng.train.conll | wc -l)" -eq 757 ] && [ "$(documents eng.dev.conll | wc -l)" -eq 95 ] && [ "$(documents eng.test.conll | wc -l)" -eq 95 ]'

ner-split -q --by sentence --ratio 8:1:1 -o sent --extension .conll "$input" || fail=1
sentences "$input" > input.sentences
check "by sentence: the union of the parts is the input's sentences" 'sentences sent.train.conll sent.dev.conll sent.test.conll | cmp -s - input.sentences'

for i in 1 2 3 4 5; do ner-split -q --shard $i/5 "$input" > shard$i || fail=1; done
check "5 shards concatenate to the input byte for byte" 'cat shard1 shard2 shard3 shard4 shard5 | cmp -s - "$input"'
check "shards 2..5 start at a -DOCSTART- line" '[ "$(head -qn1 shard2 shard3 shard4 shard5 | grep -c "^-DOCSTART-")" -eq 4 ]'
exit $fail
