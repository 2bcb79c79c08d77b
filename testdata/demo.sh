#!/usr/bin/env bash
# `make demo`: from raw text to tagged entities and a score, on the sample bundled in testdata/
# (synthetic EMR records in the yidu-s4k format, made by testdata/demo-sample.py). Needs nothing
# outside the project. With LibTorch it trains a small BiLSTM-CRF in about a minute on two CPU
# threads; without it, it shows the data tools alone.
#
#   bash testdata/demo.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
data=$(cd "$(dirname "$0")" && pwd)
export PATH="$build:$PATH" OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive} LC_ALL=C.UTF-8
threads=${NER_DEMO_THREADS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

step() { printf '\n\033[1m== %s\033[0m\n' "$*" | { [ -t 1 ] && [ -z "${NO_COLOR:-}" ] && cat || sed 's/\x1b\[[0-9;]*m//g'; }; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "1. The bundled sample (yidu-s4k JSON lines) to the stream format, sentences of at most 100 characters"
run ner-convert -f ccks -t conll --max-len 100 --stats "$data/demo-emr.ccks.jsonl" -o emr.conll
echo "first lines of emr.conll:"
head -n 8 emr.conll

step "2. Split by document 8:1:1 into train, dev and test"
run ner-split --ratio 8:1:1 --seed 1 emr.conll -o emr
wc -l emr.train.conll emr.dev.conll emr.test.conll

if ! command -v ner-train > /dev/null; then
  step "3. Raw text to tokens with offsets (ner-train and ner-tag need LibTorch, which this build lacks)"
  run ner-tokenize --max-len 100 "$data/demo-notes.txt" | head -n 12
  exit 0
fi

step "3. Train a small BiLSTM-CRF on the train part ($threads CPU threads), keeping the best dev epoch"
run ner-train -t emr.train.conll -d emr.dev.conll -o demo.ner --arch bilstm-crf --embedding-dim 64 --hidden 64 \
  --epochs 12 --batch-size 8 --lr 0.005 --seed 1 --threads "$threads" --log train.tsv
run ner-tag --info demo.ner

step "4. Score on the held-out test part (conlleval's report)"
ner-tag -m demo.ner --threads "$threads" emr.test.conll > test.tagged
printf '$ ner-tag -m demo.ner emr.test.conll | ner-eval\n'
ner-eval < test.tagged

step "5. Tag raw text: ner-tokenize | ner-tag --format jsonl (entities with code-point offsets and a score)"
cp "$data/demo-notes.txt" notes.txt
cat notes.txt
printf '$ ner-tokenize --max-len 100 notes.txt | ner-tag -m demo.ner --format jsonl\n'
ner-tokenize --max-len 100 notes.txt | ner-tag -m demo.ner --threads "$threads" --format jsonl
