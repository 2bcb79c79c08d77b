#!/usr/bin/env bash
# ner-convert between the formats keeps the bundled sample: ccks -> X -> ccks for X in jsonl,
# brat, conll (the stream trims two entities that end in a space, as the whitespace rule says);
# and the real corpora's column files give the same documents and entities every way (Resume
# NER, Weibo NER, cMedQANER, CoNLL-2003; each skipped where absent).
# Usage: convert-formats-roundtrip.sh TOOLDIR SRCDIR [BUILDDIR]
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
data=${NER_DATA:-$src/../shared/data}
export PATH="$tools:$PATH" LC_ALL=C.UTF-8
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
fail=0
bad() { echo "FAILED: $*"; fail=1; }

cp "$src/testdata/sample.ccks.jsonl" .
ner-convert -q -f ccks -t ccks sample.ccks.jsonl -o same.ccks
ner-convert -q -f ccks -t jsonl sample.ccks.jsonl -o s.jsonl && ner-convert -q -f jsonl -t ccks s.jsonl |
  cmp -s - same.ccks && echo "ok: ccks -> jsonl -> ccks" || bad "ccks -> jsonl -> ccks"
ner-convert -q -f ccks -t brat sample.ccks.jsonl -o brat && ner-convert -q -f brat -t jsonl brat -o b.jsonl &&
  [ "$(ls brat | wc -l)" -eq 40 ] && echo "ok: ccks -> brat (40 files)" || bad "ccks -> brat"
# brat reads files in name order (1, 10, 11, ...): compare sorted by id.
sort_by_id() { sed 's/^{"id": "sample.ccks.jsonl:\([0-9]*\)"/\1\t&/' "$1" | sort -n | cut -f 2-; }
cmp -s <(sort_by_id s.jsonl | sed 's/^{"id": "[^"]*"//') <(sort_by_id b.jsonl | sed 's/^{"id": "[^"]*"//') &&
  echo "ok: ccks -> brat -> jsonl" || bad "ccks -> brat -> jsonl"
ner-convert -q -f ccks -t conll sample.ccks.jsonl -o s.conll
ner-convert -q -t jsonl s.conll -o c.jsonl
[ "$(diff s.jsonl c.jsonl | grep -c '^<')" -eq 2 ] && echo "ok: ccks -> conll -> jsonl (2 records with trimmed entities)" ||
  bad "ccks -> conll -> jsonl: $(diff s.jsonl c.jsonl)"

# Column files of the real corpora: the same documents and entities whether read directly into
# jsonl, through another scheme of the stream, or through jsonl -> stream (re-tokenised from the
# text) -> jsonl. Weibo's position digits and cMedQANER's U+3000 tokens included.
corpus() {  # NAME FILE JOINER OPTIONS...
  local name=$1 file=$2 joiner=$3; shift 3
  [ -f "$file" ] || { echo "skipped: $name ($file absent)"; return; }
  ner-convert -q "$@" --joiner "$joiner" --repair -t jsonl "$file" -o a.jsonl || { bad "$name: -> jsonl"; return; }
  ner-convert -q "$@" --repair -t conll --to-scheme iobes "$file" -o b.conll &&
    ner-convert -q --from-scheme iobes --joiner "$joiner" -t jsonl b.conll -o b.jsonl || { bad "$name: -> conll -> jsonl"; return; }
  ner-convert -q -f jsonl -t conll a.jsonl -o c.conll && ner-convert -q -t jsonl c.conll -o c.jsonl ||
    { bad "$name: jsonl -> conll -> jsonl"; return; }
  local no_id='s/^{"id": "[^"]*", //'
  if ! cmp -s <(sed "$no_id" a.jsonl) <(sed "$no_id" b.jsonl); then bad "$name: the stream in iobes changed something"
  elif ! cmp -s a.jsonl c.jsonl; then bad "$name: jsonl -> conll -> jsonl changed something"
  else echo "ok: $name: $(wc -l < a.jsonl) documents, $(grep -o '"label"' a.jsonl | wc -l) entities, same every way"
  fi
}
corpus "Resume NER train" "$data/resume-ner/train.char.bmes" "" --from-scheme bmes
corpus "Weibo NER 2nd train" "$data/weibo-ner/weiboNER_2nd_conll.train" "" --strip-position-digit
corpus "cMedQANER train.txt" "$data/cmedqa-ner/train.txt" "" --label-sep _
corpus "CoNLL-2003 eng.testb" "$data/conll2003/eng.testb" " " --from-scheme iob1

# cMedQANER's JSON (nested mentions, shifted offsets) against its own BIO file: the longest-first
# policy gives the same 12,490 entities; the labels differ only on the 44 token lines of the 15
# shifted mentions, which the .txt keeps shifted and ner-convert moves onto their text.
json=$data/cmedqa-ner/train.json txt=$data/cmedqa-ner/train.txt
if [ -f "$json" ] && [ -f "$txt" ]; then
  ner-convert -f cblue -t conll "$json" -o json.conll 2> json.err
  ner-convert -q --label-sep _ -t conll "$txt" -o txt.conll
  lines=$(diff <(grep -v '^#' json.conll | cut -f 1,4) txt.conll | grep -c '^<')
  if grep -q "moved 15 mentions" json.err && grep -q "dropped 135 overlapping entities" json.err &&
     [ "$(grep -c $'\tB-' json.conll)" -eq 12490 ] && [ "$lines" -eq 44 ]; then
    echo "ok: cMedQANER train.json -> conll matches train.txt but for the 15 shifted mentions"
  else
    bad "cMedQANER train.json -> conll: $lines lines differ from train.txt; $(cat json.err)"
  fi
else
  echo "skipped: cMedQANER json against txt (absent)"
fi
exit $fail
