#!/usr/bin/env bash
# make bench: the models on the CPU (2 threads) on the yidu-s4k test split: ner-tag tokens/s and
# peak RSS per architecture, ner-train tokens/s, and the same models in Python (Debian's
# python3-torch, tests/bench/model_baseline.py: same layers, sizes, CRF algorithm and batches)
# side by side, with the C++/Python ratios (goals: 1.5x for tagging, 2x for training).
# Figures only, never asserted. Skips what it cannot run (no LibTorch tools, no data, no python3-torch).
#   bash tests/bench/model.sh BUILD_DIR
# Knobs: BENCH_ARCHS, BENCH_THREADS (2), BENCH_TRAIN_SENTENCES (800: the training slice timed),
# BENCH_TRAIN_EPOCHS (2: training speed is the last epoch's, once oneDNN has compiled its kernels
# for the batch shapes; ner-train's first epoch on the slice runs ~12% slower, Python's does not),
# BENCH_TRAIN_REPEATS (3: the float32 trainings of C++ and Python run that many times, taking turns,
# and the medians are compared: on a shared virtual machine one run can be 20% off).
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
data=${NER_DATA:-$here/../../../shared/data}/yidu-s4k
threads=${BENCH_THREADS:-2}
archs=${BENCH_ARCHS:-bilstm-crf idcnn-crf imconvnet-crf imconvnet-bilstm-crf}
train_sentences=${BENCH_TRAIN_SENTENCES:-800}
train_epochs=${BENCH_TRAIN_EPOCHS:-2}
train_repeats=${BENCH_TRAIN_REPEATS:-3}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive} LC_ALL=C.UTF-8

for t in ner-train ner-tag ner-convert ner-split; do
  [ -x "$build/$t" ] || { echo "model bench skipped: $build/$t not built (LibTorch absent?)"; exit 0; }
done
[ -f "$data/subtask1_training_part1.txt" ] || { echo "model bench skipped: $data not found (set NER_DATA)"; exit 0; }
python=/usr/bin/python3
if ! "$python" -c "import torch" 2> /dev/null; then
  echo "(no python3-torch for $python: the Python baseline is left out; apt-get install python3-torch)"
  python=
fi
# ner-tag --bf16 runs in bf16 only on CPUs with bf16 instructions: the extra column is left out elsewhere.
bf16=
grep -qwE 'amx_bf16|avx512_bf16' /proc/cpuinfo && bf16=yes
timer=/usr/bin/time
[ -x "$timer" ] || { echo "(no /usr/bin/time: peak RSS is left out; apt-get install time)"; timer=; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/ner-convert" -q -f ccks -t conll --max-len 100 "$data"/subtask1_training_part{1,2}.txt -o "$work/all.conll"
"$build/ner-split" -q --ratio 6:2:2 --seed 1 "$work/all.conll" -o "$work/yidu"
# The timed training slice: the first sentences of the train part.
awk -v n="$train_sentences" 'NF == 0 { if (++s >= n) exit } { print } END { print "" }' "$work/yidu.train.conll" > "$work/slice.conll"
test_tokens=$(grep -vc -e '^$' -e '^#' "$work/yidu.test.conll")
slice_tokens=$(grep -vc -e '^$' -e '^#' "$work/slice.conll")
echo "yidu-s4k test split: $test_tokens tokens; training slice: $slice_tokens tokens, $train_epochs epochs, batches of 16"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $threads threads, LibTorch $(ls /usr/lib/x86_64-linux-gnu/libtorch.so.* 2>/dev/null | sed -n 's/.*\.so\.//p' | sort -V | tail -1)"

# The sizes of experiments/Makefile's rows.
sizes() {
  case $1 in
    bilstm-crf) echo "--embedding-dim 128 --hidden 200" ;;
    idcnn-crf) echo "--embedding-dim 128 --idcnn-filters 256" ;;
    imconvnet-crf) echo "--embedding-dim 128 --imconvnet-widths 32,64,128,256 --imconvnet-depths 3,3,9,3 --drop-path 0.1" ;;
    imconvnet-bilstm-crf) echo "--embedding-dim 128 --imconvnet-widths 32,64,128,256 --imconvnet-depths 3,3,9,3 --drop-path 0.1 --hidden 200" ;;
  esac
}
dropout() { case $1 in imconvnet*) echo 0.3 ;; *) echo 0.5 ;; esac; }

# Runs a command under /usr/bin/time -v; sets wall (s) and rss (MB).
measure() {
  local log=$work/time.log
  if [ -n "$timer" ]; then
    "$timer" -v "$@" > "$work/stdout" 2> "$log" || { tail -3 "$log"; return 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  else
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > "$work/stdout" 2> "$log" || { tail -3 "$log"; return 1; }
    t1=$(date +%s.%N)
    wall=$(echo "$t1 - $t0" | bc -l)
    rss=-
  fi
}
# The share of token lines (comments and blank lines have one column) whose last column (the predicted label) is the same in two tagged files.
same_labels() {
  paste "$1" "$2" | awk -F'\t' 'NF > 2 { n++; h = NF / 2; if ($h == $NF) s++ } END { if (n) printf "%.2f%%", 100 * s / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", a / b; else print "-" }'; }
# The median of the numbers given ("-" when none).
median() { printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -n | awk '{ v[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '\n%-22s %12s %12s %7s %12s %8s %8s %11s %11s %7s %10s %7s %13s %11s %7s\n' arch "tag C++" "tag Python" "ratio" "(Py inside)" \
  "C++ RSS" "Py RSS" "train C++" "train Py" "ratio" "tag bf16" "ratio" "bf16 same" "train bf16" "ratio"
train_runs=
for arch in $archs; do
  args="$(sizes "$arch") --dropout $(dropout "$arch")"
  # Training: ner-train's own count of tokens per second of the training loop (--log), and the
  # baseline's own timer, taking turns; the medians of the repeats.
  train_cpp_runs=() train_py_runs=()
  for ((r = 0; r < train_repeats; r++)); do
    # shellcheck disable=SC2086
    "$build/ner-train" -q -t "$work/slice.conll" -o "$work/$arch.ner" --arch "$arch" $args \
      --epochs "$train_epochs" --batch-size 16 --threads "$threads" --seed 1 --log "$work/$arch.tsv" ||
      { echo "$arch: ner-train failed"; continue 2; }
    train_cpp_runs+=("$(awk -F'\t' 'END { print $7 }' "$work/$arch.tsv")")
    # shellcheck disable=SC2086
    [ -n "$python" ] && "$python" "$here/model_baseline.py" train "$arch" "$work/slice.conll" $args --threads "$threads" \
      --epochs "$train_epochs" > "$work/py-train.txt" 2>&1 &&
      train_py_runs+=("$(awk '$1 == "tokens_per_s" { print $2 }' "$work/py-train.txt")")
  done
  train_cpp=$(median "${train_cpp_runs[@]}") train_py=$(median "${train_py_runs[@]}")
  train_runs+="  $arch: C++ ${train_cpp_runs[*]}; Python ${train_py_runs[*]:--}"$'\n'
  train_bf16=-
  # shellcheck disable=SC2086
  [ -n "$bf16" ] && "$build/ner-train" -q -t "$work/slice.conll" -o "$work/$arch-bf16.ner" --arch "$arch" $args \
    --epochs "$train_epochs" --batch-size 16 --threads "$threads" --seed 1 --bf16 --log "$work/$arch-bf16.tsv" &&
    train_bf16=$(awk -F'\t' 'END { print $7 }' "$work/$arch-bf16.tsv")
  # Tagging: the whole ner-tag process (start, model load, reading, writing) on the test split.
  measure "$build/ner-tag" -m "$work/$arch.ner" --threads "$threads" "$work/yidu.test.conll" || continue
  tag_cpp=$(awk -v n="$test_tokens" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
  rss_cpp=$rss
  mv "$work/stdout" "$work/fp32.tagged"
  tag_bf16=- same_bf16=-
  if [ -n "$bf16" ] && measure "$build/ner-tag" -m "$work/$arch.ner" --threads "$threads" --bf16 "$work/yidu.test.conll"; then
    tag_bf16=$(awk -v n="$test_tokens" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
    same_bf16=$(same_labels "$work/fp32.tagged" "$work/stdout")
  fi
  tag_py=- tag_py_inside=- rss_py=-
  if [ -n "$python" ]; then
    # shellcheck disable=SC2086
    measure "$python" "$here/model_baseline.py" tag "$arch" "$work/slice.conll" "$work/yidu.test.conll" $args \
      --threads "$threads" && {
      tag_py=$(awk -v n="$test_tokens" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
      tag_py_inside=$(awk '$1 == "tokens_per_s" { print $2 }' "$work/stdout")
      rss_py=$rss
    }
  fi
  printf '%-22s %12s %12s %7s %12s %7sM %7sM %11s %11s %7s %10s %7s %13s %11s %7s\n' "$arch" "$tag_cpp" "$tag_py" "$(ratio "$tag_cpp" "$tag_py")" \
    "($tag_py_inside)" "$rss_cpp" "$rss_py" "$train_cpp" "$train_py" "$(ratio "$train_cpp" "$train_py")" \
    "$tag_bf16" "$(ratio "$tag_bf16" "$tag_py")" "$same_bf16" "$train_bf16" "$(ratio "$train_bf16" "$train_py")"
done
echo
echo "tag: tokens of the test split / wall time of the whole process (start, import torch or loading LibTorch,"
echo "reading, decoding, writing); (Py inside): Python's own timing after 'import torch'. RSS: peak resident memory."
echo "train: tokens / training-loop time of the last of $train_epochs epochs on the slice (ner-train --log; the baseline's own timer),"
echo "the median of $train_repeats runs each, C++ and Python taking turns (train bf16: one run):"
printf '%s' "$train_runs"
echo "C++ on $threads threads decodes (trains) $threads batches (batch parts) at once, one thread each; Python splits"
echo "each operation across $threads threads. tag bf16: ner-tag --bf16 (CPUs with AMX or AVX512-BF16 only), against"
echo "Python's float32; bf16 same: the share of test tokens whose bf16 label is the float32 one (the model is trained"
echo "one epoch on the slice; on trained models bf16 moved test F1 by 0.02-0.09). train bf16: ner-train --bf16, against"
echo "Python's float32 (an idcnn-crf trained to the end with --bf16: see experiments/results/README.md)."
echo "Goals: C++/Python >= 1.5x for tagging, >= 2x for training."
