#!/usr/bin/env bash
# Memory under load (issue 7): every tool streams, so its peak resident memory must not grow with
# its input. Each tool runs over a ~10 MB and a ~100 MB input made by repeating the bundled
# samples; printed are the peak RSS of both runs (GNU time's %M), their ratio (goal: within 10%,
# i.e. at most 1.10) and the wall time. ner-tag (when built) tags a tokenized stream with a small
# BiLSTM-CRF trained here in seconds; ner-tokenize, ner-convert (ccks to conll, conll to jsonl)
# and ner-eval (two streams, and conlleval's one-file layout) are the data plane. Prints figures;
# asserts nothing.
# Usage: memory.sh BUILDDIR   (env: NER_MEMORY_SIZES, default "10 100", in MB)
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
testdata=$here/../../testdata
sizes=${NER_MEMORY_SIZES:-10 100}
export LC_ALL=C.UTF-8 OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
time_cmd=/usr/bin/time
if ! "$time_cmd" -f %M true >/dev/null 2>&1; then
  echo "GNU time is missing (Debian: apt-get install time): no figures"
  exit 0
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ner-memory.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# grow SAMPLE OUT MB: OUT is copies of SAMPLE, at least MB megabytes; grow_like SAMPLE OUT REF:
# as many copies as REF (made from another sample by grow) holds, for inputs read side by side.
copies() { echo $(( ($2 * 1048576 + $(stat -c %s "$1") - 1) / $(stat -c %s "$1") )); }
repeat() {  # SAMPLE OUT N
  local block=$((1048576 / $(stat -c %s "$1") + 1)) n=$3
  for _ in $(seq "$block"); do cat "$1"; done >"$1.block"
  : >"$2"
  while [ "$n" -ge "$block" ]; do cat "$1.block" >>"$2"; n=$((n - block)); done
  for _ in $(seq "$n"); do cat "$1"; done >>"$2"
}
grow() { repeat "$1" "$2" "$(copies "$1" "$3")"; }

# measure NAME INPUT-SIZES... -- COMMAND with {} for the size: one line of figures.
rows=()
measure() {
  local name=$1 cmd=$2 mb first="" line="" rss secs
  for mb in $sizes; do
    if ! "$time_cmd" -f '%M %e' -o time.txt bash -c "${cmd//\{\}/$mb}" >/dev/null 2>err.txt; then
      line+=$(printf '  %5s MB: failed (%s)' "$mb" "$(head -c 100 err.txt)")
      continue
    fi
    read -r rss secs <time.txt
    line+=$(printf '  %5s MB: %7.1f MiB %6.1f s' "$mb" "$(echo "$rss" | awk '{print $1/1024}')" "$secs")
    if [ -z "$first" ]; then
      first=$rss
    else
      line+=$(awk -v a="$rss" -v b="$first" 'BEGIN { printf "  ratio %.3f%s", a / b, (a / b <= 1.10 ? "" : "  (over 1.10)") }')
    fi
  done
  printf '%-38s%s\n' "$name" "$line"
}

echo "-- peak resident memory (GNU time %M) over inputs of $(echo "$sizes" | sed 's/ / and /g') MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null), $(nproc) CPUs"

# Samples: raw text, ccks records, a labelled stream with offsets, gold and predicted streams.
cp "$testdata/raw-emr.txt" raw.txt
cp "$testdata/sample.ccks.jsonl" ccks.jsonl
{ cat "$testdata/split-sample.conll"; echo; } >labelled.conll
{ cat "$testdata/eval-gold.conll"; echo; } >gold.conll
{ cat "$testdata/eval-pred.conll"; echo; } >pred.conll
# conlleval's layout: token, gold and predicted label, space-separated; no comment lines.
paste gold.conll pred.conll | awk -F'\t' '/^#/ { next } NF < 2 || $1 == "" { print ""; next } { print $1, $4, $8 }' >conlleval.txt
for mb in $sizes; do
  grow raw.txt "raw.$mb" "$mb"
  grow ccks.jsonl "ccks.$mb" "$mb"
  grow labelled.conll "labelled.$mb" "$mb"
  grow gold.conll "gold.$mb" "$mb"
  repeat pred.conll "pred.$mb" "$(copies gold.conll "$mb")"
  grow conlleval.txt "conlleval.$mb" "$mb"
done
mkdir parts

if [ -x "$build/ner-tag" ] && [ -x "$build/ner-train" ] && [ -x "$build/ner-tokenize" ] && [ -x "$build/ner-convert" ]; then
  "$build/ner-convert" -q --from ccks --to conll --max-len 100 "$testdata/demo-emr.ccks.jsonl" -o train.conll
  "$build/ner-train" -q -t train.conll -o tiny.ner --epochs 1 --seed 1 --arch bilstm-crf --embedding-dim 16 --hidden 16
  "$build/ner-tokenize" "$testdata/raw-emr.txt" "$testdata/demo-notes.txt" -o tokens.conll
  echo >>tokens.conll
  for mb in $sizes; do grow tokens.conll "tokens.$mb" "$mb"; done
  measure "ner-tag (BiLSTM-CRF, conll out)" "'$build/ner-tag' -m tiny.ner tokens.{}"
  measure "ner-tag --format jsonl" "'$build/ner-tag' -m tiny.ner --format jsonl tokens.{}"
else
  echo "ner-tag is not built: no figures for it"
fi
[ -x "$build/ner-tokenize" ] && measure "ner-tokenize (lines)" "'$build/ner-tokenize' raw.{}"
[ -x "$build/ner-tokenize" ] && measure "ner-tokenize --max-len 50" "'$build/ner-tokenize' --max-len 50 raw.{}"
[ -x "$build/ner-convert" ] && measure "ner-convert ccks -> conll" "'$build/ner-convert' --from ccks --to conll ccks.{}"
[ -x "$build/ner-convert" ] && measure "ner-convert conll -> jsonl" "'$build/ner-convert' --from conll --to jsonl labelled.{}"
[ -x "$build/ner-eval" ] && measure "ner-eval GOLD PRED" "'$build/ner-eval' gold.{} pred.{}"
[ -x "$build/ner-eval" ] && measure "ner-eval (conlleval layout)" "'$build/ner-eval' conlleval.{}"
[ -x "$build/ner-split" ] && measure "ner-split --ratio 8:1:1" "'$build/ner-split' --ratio 8:1:1 -o parts/ labelled.{}"
exit 0
