#!/usr/bin/env bash
# The BERT tools end to end (issue 5): a BERT-base-shaped random HuggingFace folder (12 layers,
# hidden 768, vocabulary 21,128: tests/bench/make_random_bert.py) and yidu-s4k (ner-convert
# --max-len 126, so that [CLS] + 126 + [SEP] fit 128 positions; ner-split 6:2:2), then
#   ner-train --arch bert-crf --bert DIR, 1 epoch on a training slice: tokens/s of its --log
#     (column 7, the training loop; with several epochs the last one, warm);
#   ner-tag -m MODEL on a slice of the test split: tokens / wall seconds of the whole process, and
#     of the model part: minus the wall time of the same command on one sentence (start, loading).
# fp32, and with --bf16 too on cuda (on the CPU too with BENCH_DTYPES="fp32 bf16", where it has bf16
# instructions). Beside them, when Python
# has transformers, BertModel over the same sentences and batches (tests/bench/bert_hf_baseline.py).
# Figures only, never asserted; skips (exit 0) without the tools, the data or a Python with torch.
#   bash tests/bench/bert-tools.sh BUILD_DIR
# Knobs (defaults for cpu / cuda):
#   BENCH_DEVICE cpu|cuda (cpu)          BENCH_THREADS CPU threads (2)
#   BENCH_TRAIN_SENTENCES (32 / 0: the whole train split)   BENCH_EPOCHS (1 / 2)
#   BENCH_TRAIN_BATCH (16 / 128)         BENCH_TAG_SENTENCES (200 / 0: the whole test split)
#   BENCH_TAG_REPEAT copies of that tagged in one run (1 / 8)   BENCH_TAG_BATCH (64 / 256)
#   BENCH_DTYPES (fp32 / "fp32 bf16")    BENCH_BERT_LAYERS, _HIDDEN, _HEADS, _INTERMEDIATE (12, 768, 12, 4 x hidden)
#   BENCH_BERT=DIR an existing BERT folder instead (e.g. the real bert-base-chinese)
#   BENCH_PYTHON (the first of python3, /usr/bin/python3 that imports torch)
#   BENCH_RESULTS=FILE also append the figures there as TSV (what, device, dtype, batch, tokens/s)
#   BENCH_PROFILE_DIR=DIR after the timed runs, tag once more under the profiler, ner-tag --profile
#     and bert_hf_baseline.py --profile: DIR/{ner,hf}-tag-DTYPE.profile (untimed; the same tables),
#     for the dtypes of BENCH_PROFILE_DTYPES (default: all of BENCH_DTYPES)
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
data=${NER_DATA:-$here/../../../shared/data}
data=$(cd "$data" 2> /dev/null && pwd) || data=${NER_DATA:-shared/data}
device=${BENCH_DEVICE:-cpu}
threads=${BENCH_THREADS:-2}
if [ "$device" = cpu ]; then d_train=32 d_epochs=1 d_tbatch=16 d_tag=200 d_repeat=1 d_batch=64 d_dtypes=fp32
else d_train=0 d_epochs=2 d_tbatch=128 d_tag=0 d_repeat=8 d_batch=256 d_dtypes="fp32 bf16"; fi
train_sentences=${BENCH_TRAIN_SENTENCES:-$d_train} epochs=${BENCH_EPOCHS:-$d_epochs}
train_batch=${BENCH_TRAIN_BATCH:-$d_tbatch} tag_sentences=${BENCH_TAG_SENTENCES:-$d_tag}
tag_repeat=${BENCH_TAG_REPEAT:-$d_repeat} tag_batch=${BENCH_TAG_BATCH:-$d_batch} dtypes=${BENCH_DTYPES:-$d_dtypes}
layers=${BENCH_BERT_LAYERS:-12} hidden=${BENCH_BERT_HIDDEN:-768} heads=${BENCH_BERT_HEADS:-12}
intermediate=${BENCH_BERT_INTERMEDIATE:-$((4 * hidden))}
read_ahead=$((tag_batch * 8 > 1000 ? tag_batch * 8 : 1000))
results=${BENCH_RESULTS:-}
profiles=${BENCH_PROFILE_DIR:-} profile_dtypes=${BENCH_PROFILE_DTYPES:-$dtypes}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive} LC_ALL=C.UTF-8

for t in ner-train ner-tag ner-convert ner-split; do
  [ -x "$build/$t" ] || { echo "bert-tools bench skipped: $build/$t not built (LibTorch absent?)"; exit 0; }
done
[ -f "$data/yidu-s4k/subtask1_training_part1.txt" ] || { echo "bert-tools bench skipped: $data/yidu-s4k not found (set NER_DATA)"; exit 0; }
python=
for p in ${BENCH_PYTHON:-python3 /usr/bin/python3}; do
  if command -v "$p" > /dev/null && "$p" -c "import torch" 2> /dev/null; then python=$p; break; fi
done
hf=
if [ -n "$python" ] && "$python" -c "import transformers" 2> /dev/null; then hf=$python; fi
if [ -n "${BENCH_BERT:-}" ]; then
  bert=$(cd "$BENCH_BERT" && pwd) || exit 1
elif [ -z "$python" ]; then
  echo "bert-tools bench skipped: no Python with torch to write the random BERT (apt-get install python3-torch)"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ner-bert-tools.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "${bert:-}" ]; then
  bert=$work/bert
  "$python" "$here/make_random_bert.py" "$bert" --layers "$layers" --hidden "$hidden" --heads "$heads" \
    --intermediate "$intermediate" --vocab-file "$data/bert/bert-base-chinese-vocab.txt" ||
    { echo "bert-tools bench: make_random_bert.py failed"; exit 1; }
fi
"$build/ner-convert" -q -f ccks -t conll --max-len 126 "$data"/yidu-s4k/subtask1_training_part{1,2}.txt -o "$work/all.conll" &&
  "$build/ner-split" -q --ratio 6:2:2 --seed 1 "$work/all.conll" -o "$work/yidu" || { echo "bert-tools bench: conversion failed"; exit 1; }

# head_sentences N FILE: the first N sentences of FILE (0: all of it).
head_sentences() { awk -v n="$1" 'n > 0 && NF == 0 { if (++s >= n) exit } { print } END { print "" }' "$2"; }
tokens_of() { grep -vc -e '^$' -e '^#' "$1"; }
head_sentences "$train_sentences" "$work/yidu.train.conll" > "$work/train.conll"
head_sentences "$tag_sentences" "$work/yidu.test.conll" > "$work/tag1.conll"
for _ in $(seq "$tag_repeat"); do cat "$work/tag1.conll"; done > "$work/tag.conll"
head_sentences 1 "$work/yidu.test.conll" > "$work/one.conll"
train_tokens=$(tokens_of "$work/train.conll") tag_tokens=$(tokens_of "$work/tag.conll")

where="CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $threads threads"
[ "$device" = cpu ] || where="$(nvidia-smi --query-gpu=name --format=csv,noheader 2> /dev/null | head -n 1) ($device)"
echo "BERT $(sed -n 's/.*"num_hidden_layers": \([0-9]*\).*/\1/p' "$bert/config.json") layers, hidden $(sed -n 's/.*"hidden_size": \([0-9]*\).*/\1/p' "$bert/config.json") ($bert); $where"
echo "train: $train_tokens tokens, batches of $train_batch, $epochs epoch(s); tag: $tag_tokens tokens, batches of $tag_batch"
[ -n "$hf" ] || echo "(no transformers for ${python:-python3}: no HuggingFace figure beside ours)"

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
record() {  # WHAT DTYPE BATCH TOKENS_PER_S
  [ -z "$results" ] || printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$device" "$2" "$3" "$4" >> "$results"
}
hf_run() {  # MODE FILE BATCH DTYPE -> tokens/s or "-"
  local flag=()
  [ "$4" = bf16 ] && flag=(--bf16)
  "$hf" "$here/bert_hf_baseline.py" "$1" "$bert" "$2" --batch-size "$3" --read-ahead "$read_ahead" --epochs "$epochs" \
    --device "$device" --threads "$threads" "${flag[@]}" > "$work/hf.out" 2>&1 || { tail -3 "$work/hf.out" >&2; echo -; return; }
  awk '$1 == "tokens_per_s" { print $2 }' "$work/hf.out"
}

printf '\n%-5s %12s %12s %12s %12s %12s %12s %12s\n' dtype "train" "train HF" "tag (whole)" "tag (model)" "tag (tagger)" "tag HF" "start-up s"
status=0
for dtype in $dtypes; do
  flag=()
  [ "$dtype" = bf16 ] && flag=(--bf16)
  train=- hf_train=- tag_whole=- tag_model=- tagger=- hf_tag=- startup=-
  model=$work/$dtype.ner
  if "$build/ner-train" -q -t "$work/train.conll" -o "$model" --arch bert-crf --bert "$bert" --epochs "$epochs" \
      --batch-size "$train_batch" --threads "$threads" --device "$device" "${flag[@]}" --seed 1 --log "$work/$dtype.tsv" \
      2> "$work/train.err"; then
    train=$(awk -F'\t' 'NR > 1 { t = $7 } END { print t }' "$work/$dtype.tsv")
    tag=("$build/ner-tag" -m "$model" --threads "$threads" --device "$device" "${flag[@]}" --batch-size "$tag_batch" --read-ahead "$read_ahead")
    t0=$(date +%s.%N)
    if "${tag[@]}" "$work/one.conll" > /dev/null 2> "$work/tag.err"; then
      startup=$(seconds_since "$t0")
      t0=$(date +%s.%N)
      if "${tag[@]}" -v "$work/tag.conll" > "$work/tagged.conll" 2> "$work/tag.err"; then
        wall=$(seconds_since "$t0")
        tagger=$(sed -n 's/.*the tagger [0-9.]* s (\([0-9]*\) tokens\/s).*/\1/p' "$work/tag.err")
        tag_whole=$(per_s "$tag_tokens" "$wall")
        tag_model=$(per_s "$tag_tokens" "$(awk -v a="$wall" -v b="$startup" 'BEGIN { print a - b }')")
      fi
    fi
    [ "$tag_whole" != - ] || { echo "ner-tag ($dtype) failed:"; tail -3 "$work/tag.err"; status=1; }
  else
    echo "ner-train ($dtype) failed:"; tail -3 "$work/train.err"; status=1
  fi
  if [ -n "$hf" ]; then
    hf_train=$(hf_run train "$work/train.conll" "$train_batch" "$dtype")
    hf_tag=$(hf_run tag "$work/tag.conll" "$tag_batch" "$dtype")
  fi
  printf '%-5s %12s %12s %12s %12s %12s %12s %12s\n' "$dtype" "$train" "$hf_train" "$tag_whole" "$tag_model" "${tagger:--}" "$hf_tag" "$startup"
  record ner-train "$dtype" "$train_batch" "$train"
  record ner-tag "$dtype" "$tag_batch" "$tag_whole"
  record ner-tag-model "$dtype" "$tag_batch" "$tag_model"
  record ner-tagger "$dtype" "$tag_batch" "${tagger:--}"
  record hf-train "$dtype" "$train_batch" "$hf_train"
  record hf-tag "$dtype" "$tag_batch" "$hf_tag"
  if [ -n "$profiles" ] && [ "$tag_whole" != - ] && [[ " $profile_dtypes " == *" $dtype "* ]]; then
    "${tag[@]}" --profile "$profiles/ner-tag-$dtype.profile" "$work/tag.conll" > /dev/null 2> "$work/tag.err" ||
      { echo "ner-tag --profile ($dtype) failed:"; tail -3 "$work/tag.err"; }
    [ -z "$hf" ] || "$hf" "$here/bert_hf_baseline.py" tag "$bert" "$work/tag.conll" --batch-size "$tag_batch" \
      --read-ahead "$read_ahead" --device "$device" --threads "$threads" "${flag[@]}" \
      --profile "$profiles/hf-tag-$dtype.profile" > "$work/hf.out" 2>&1 || tail -3 "$work/hf.out"
  fi
done
echo
echo "tokens/s, a token being a character (one BERT position). train: ner-train's training loop (--log);"
echo "tag (whole): the ner-tag process on the tagged input; (model): minus the start-up, i.e. one sentence's run"
echo "(loading the model, starting the device); (tagger): inside Tagger::tag alone (ner-tag -v: the model, decoding;"
echo "no reading or writing). HF: transformers' BertModel + a linear layer on the same batches"
echo "(no CRF; tagging without reading or writing text)."
exit $status
