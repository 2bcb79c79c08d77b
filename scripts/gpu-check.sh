#!/usr/bin/env bash
# Builds ner against the GPU machine's LibTorch (the one its Python torch ships) and runs the BERT
# tests and benchmarks on CUDA, in about 5 minutes on 16 cores. Two steps:
#   here (with network):   bash scripts/gpu-check.sh --prepare
#       unpacks the Debian build dependencies the GPU image lacks into .gpu-deps/ (through
#       ../shared/gpu/prepare-deps.sh, when not there yet) and copies the BERT fixture, yidu-s4k and
#       bert-base-chinese's vocabulary there (the GPU machine has no ../shared); all git-ignored.
#   on the GPU machine:    bash scripts/gpu-check.sh      (carrying .gpu-deps)
# Stages, each timed, each run even when one before it failed (but the build): build (tests and
# tools), [bert] tests on the CPU, BERT parity on CUDA, the encoder benchmark ([bert-bench], a
# BERT-base-shaped random model; forward fp32/bf16 and training steps) with the fraction of the
# GPU's bf16 dense peak it reaches, transformers' BertModel at the encoder benchmark's shape
# (forward, and a bf16 training step), tests/bench/bert-tools.sh on cuda (ner-train and ner-tag end
# to end, fp32 and bf16, beside transformers), and the non-BERT rows on cuda. The bf16 forward and
# tagging also run once under the profiler, ner's (--profile) and transformers' alike, and the
# tables' top kernels are printed (the *.profile files, in logs.tgz). Every stage stops at the time
# left of GPU_CHECK_SECONDS in all: 290 by default, sized so that the whole check, build included,
# ends within 5 minutes (the tools on 2,000 training sentences, two non-BERT rows on 500); GPU_FULL=1
# runs the larger check of experiments/results/gpu-h200.md (560 s; the whole train split, all four
# rows on 2,000 sentences, fp32 and bf16 profiled).
# Figures (gpu-check.tsv, bert-tools.tsv) and logs go to $OUT when set (the logs packed in logs.tgz),
# else to GPU_BUILD-logs/.
# Knobs: GPU_BUILD (build folder, default build-gpu), GPU_SKIP_BUILD=1 (use what GPU_BUILD holds),
# GPU_STAGES (after the build, default all: "tests parity bench transformers tools rows"), GPU_ROWS
# (the rows stage's architectures), GPU_ROWS_SENTENCES (their training sentences; 0: all), JOBS, NER_BERT_FIXTURE, GPU_PYTHON (python3), GPU_PEAK_TFLOPS (the bf16 dense peak, when
# nvidia-smi's name is not in the table below).
set -u
cd "$(dirname "$0")/.."
root=$PWD deps=$PWD/.gpu-deps

if [ "${1:-}" = --prepare ]; then
  set -e
  [ -d "$deps/usr/include" ] || bash ../shared/gpu/prepare-deps.sh .gpu-deps
  shared=${NER_DATA:-../shared/data}
  fixture=${NER_BERT_FIXTURE:-$shared/bert/tiny-bert-chinese}
  if [ -f "$fixture/reference.json" ]; then
    rm -rf .gpu-deps/bert-fixture && cp -r "$fixture" .gpu-deps/bert-fixture && chmod -R u+w .gpu-deps/bert-fixture
  fi
  rm -rf .gpu-deps/data && mkdir -p .gpu-deps/data/bert
  cp -r "$shared/yidu-s4k" .gpu-deps/data/ && cp "$shared/bert/bert-base-chinese-vocab.txt" .gpu-deps/data/bert/
  chmod -R u+w .gpu-deps/data
  du -sh .gpu-deps
  exit 0
fi

t0=$(date +%s)
if [ -n "${GPU_FULL:-}" ]; then
  deadline=${GPU_CHECK_SECONDS:-560} tools_sentences=0 tools_repeat=8 profile_dtypes="fp32 bf16"
  rows_default="bilstm-crf idcnn-crf imconvnet-crf imconvnet-bilstm-crf" rows_sentences=${GPU_ROWS_SENTENCES:-2000}
else
  deadline=${GPU_CHECK_SECONDS:-290} tools_sentences=2000 tools_repeat=4 profile_dtypes=bf16
  rows_default="bilstm-crf imconvnet-crf" rows_sentences=${GPU_ROWS_SENTENCES:-500}
fi
out=${OUT:-}
build=${GPU_BUILD:-build-gpu}
logs=${out:-$root/$build-logs}
mkdir -p "$logs"
figures=$logs/gpu-check.tsv
py=${GPU_PYTHON:-python3}
jobs=${JOBS:-$(nproc)}
status=0
export OMP_WAIT_POLICY=passive

elapsed() { echo $(( $(date +%s) - t0 )); }
# wanted KEY: whether GPU_STAGES (default: all of them) names the stage.
wanted() { case " ${GPU_STAGES:-tests parity bench transformers tools rows} " in *" $1 "*) return 0 ;; esac; return 1; }
fail() { echo "gpu-check: FAILED: $*"; status=1; }
# stage NAME LIMIT: starts a stage that may take LIMIT seconds, fewer when less time is left;
# returns 1 (the stage is skipped) when under 15 s are left. tmo CMD... runs CMD within what is
# left of the stage (stage_left seconds); end_stage prints the stage's time.
stage() {
  stage_name=$1 stage_start=$(date +%s)
  stage_limit=$(( deadline - $(elapsed) - 10 ))
  [ "$2" -lt "$stage_limit" ] && stage_limit=$2
  if [ "$stage_limit" -lt 15 ]; then echo "== $1: skipped, $(( deadline - $(elapsed) )) s left of $deadline"; return 1; fi
  echo "== [$(elapsed) s] $1"
}
stage_left() {
  local left=$(( stage_start + stage_limit - $(date +%s) ))
  [ "$left" -ge 5 ] && echo "$left" || echo 5
}
tmo() { timeout -k 5 "$(stage_left)" "$@"; }
end_stage() { echo "   ($stage_name: $(( $(date +%s) - stage_start )) s)"; }

if ! torch_prefix=$("$py" -c 'import torch; print(torch.utils.cmake_prefix_path)' 2> "$logs/python.log"); then
  echo "gpu-check: $py cannot import torch (the LibTorch to build against): $(tail -1 "$logs/python.log")"
  exit 1
fi
[ -d "$deps/usr/include" ] || { echo "gpu-check: no .gpu-deps: run 'bash scripts/gpu-check.sh --prepare' first and carry .gpu-deps"; exit 1; }
"$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "(no CUDA device)")' || true
gpu=$(nvidia-smi --query-gpu=name --format=csv,noheader 2> /dev/null | head -n 1)
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader 2> /dev/null || echo "(no nvidia-smi)"

# The bf16 dense (not sparse) tensor-core peak, from NVIDIA's data sheets, by nvidia-smi's name.
peak_tflops() {
  case $1 in
    *H100*NVL* | *H200*NVL*) echo 835 ;;
    *H100*PCIe*) echo 756 ;;
    *H100* | *H200*) echo 989 ;;  # SXM (nvidia-smi: "NVIDIA H100 80GB HBM3", "NVIDIA H200"), GH200
    *A100*) echo 312 ;;
    *) echo "" ;;
  esac
}
peak=${GPU_PEAK_TFLOPS:-$(peak_tflops "$gpu")}
[ -n "$peak" ] && echo "bf16 dense peak of ${gpu:-this GPU}: $peak TFLOP/s" ||
  echo "bf16 dense peak of '${gpu:-this GPU}' unknown (set GPU_PEAK_TFLOPS): no fractions of it"

# FLOPs per token of one BERT forward pass from its shape: 2 x the parameters of the matrix
# multiplies (per layer Q, K, V and the attention output: 4 h^2; the feed-forward: 2 h x inner)
# plus attention's two products with the other positions (QK^T and the weighted sum: 4 x length x h
# per layer). Training: about 3x (the backward pass computes two products per forward one).
flops_per_token() {  # LAYERS HIDDEN INTERMEDIATE LENGTH
  awk -v l="$1" -v h="$2" -v i="$3" -v t="$4" 'BEGIN { printf "%.0f", l * (2 * (4 * h * h + 2 * h * i) + 4 * t * h) }'
}
base_flops=$(flops_per_token 12 768 3072 128)
awk -v l=12 -v h=768 -v i=3072 -v t=128 -v f="$base_flops" 'BEGIN {
  printf "BERT-base forward: 2 x %.1fM matrix parameters + attention %.1fM (length %d) = %.1f MFLOP a token; training ~3x\n",
    l * (4 * h * h + 2 * h * i) / 1e6, l * 4 * t * h / 1e6, t, f / 1e6 }'
# report LINE...: each "... forward|train ... [batch B x] length T: N tokens/s ..." line, with the
# TFLOP/s it means for BERT-base and the fraction of the bf16 peak; also into $figures.
report() {
  local line
  for line in "$@"; do
    echo "$line" | awk -v f="$base_flops" -v peak="${peak:-0}" -v tsv="$figures" '
      match($0, /[0-9]+ tokens\/s/) {
        n = substr($0, RSTART, RLENGTH - 9) + 0
        mode = $0 ~ / train / ? 3 : 1
        tf = n * f * mode / 1e12
        what = substr($0, 1, RSTART - 1); sub(/[: ]+$/, "", what)
        frac = peak > 0 ? sprintf("%.1f%%", 100 * tf / peak) : "-"
        printf "%s   -> %.1f TFLOP/s, %s of the bf16 dense peak\n", $0, tf, frac
        printf "%s\t%d\t%.2f\t%s\n", what, n, tf, frac >> tsv
        next
      }
      { print }'
  done
}

printf 'what\ttokens_per_s\ttflops\tfraction_of_bf16_peak\n' > "$figures"
data=$root/../shared/data
[ -d "$data/yidu-s4k" ] || data=$deps/data

if [ -n "${GPU_SKIP_BUILD:-}" ]; then
  echo "== build skipped (GPU_SKIP_BUILD): using $build"
elif stage "build (tests and tools)" 330; then
  # .gpu-deps may hold zstd's CMake files without its shared library: use the machine's library
  # (else the static one in .gpu-deps) and .gpu-deps' header.
  zstd_lib=$(ls /usr/lib/x86_64-linux-gnu/libzstd.so* /lib/x86_64-linux-gnu/libzstd.so* 2> /dev/null | head -n 1)
  [ -n "$zstd_lib" ] || zstd_lib=$deps/usr/lib/x86_64-linux-gnu/libzstd.a
  generator=()
  command -v ninja > /dev/null && generator=(-G Ninja)
  # utf8proc's headers sit in .gpu-deps: -isystem lets libner/bert (compiled into ner_model) see them.
  if ! tmo cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DNER_DATA="$data" \
      -DCMAKE_DISABLE_FIND_PACKAGE_zstd=ON -DZSTD_LIBRARY="$zstd_lib" -DZSTD_INCLUDE_DIR="$deps/usr/include" \
      -DCMAKE_PREFIX_PATH="$torch_prefix;$deps/usr" \
      -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu" -DCMAKE_INCLUDE_PATH="$deps/usr/include" \
      -DCMAKE_CXX_FLAGS="-isystem $deps/usr/include" > "$logs/configure.log" 2>&1; then
    tail -30 "$logs/configure.log"
    echo "gpu-check: configure failed ($logs/configure.log): nothing to run"
    exit 1
  fi
  # Keep going past a failed target, so that the tools may still run when the tests do not build.
  keep_going=-k
  [ ${#generator[@]} -gt 0 ] && keep_going="-k 0"
  # shellcheck disable=SC2086
  tmo cmake --build "$build" --target ner_model_tests ner-train ner-tag ner-convert ner-split ner-eval -j"$jobs" \
    -- $keep_going > "$logs/build.log" 2>&1
  case $? in
    0) ;;
    124 | 137) fail "build: not done in $stage_limit s ($logs/build.log: $(grep -c . "$logs/build.log") lines)" ;;
    *) grep -E -A5 "error:|FAILED:|Error [0-9]" "$logs/build.log" | head -40; fail "build ($logs/build.log)" ;;
  esac
  end_stage
fi
tests=$build/tests/ner_model_tests
[ -x "$tests" ] || fail "no $tests: the test stages are skipped"

if [ -z "${NER_BERT_FIXTURE:-}" ]; then
  if [ -f ../shared/data/bert/tiny-bert-chinese/reference.json ]; then export NER_BERT_FIXTURE=$root/../shared/data/bert/tiny-bert-chinese
  elif [ -f "$deps/bert-fixture/reference.json" ]; then export NER_BERT_FIXTURE=$deps/bert-fixture
  fi
fi

if wanted tests && [ -x "$tests" ] && stage "BERT tests on the CPU" 90; then
  tmo "$tests" "[bert]" --reporter compact > "$logs/bert-tests.log" 2>&1
  rc=$?
  [ $rc = 0 ] || fail "[bert] tests"
  tail -3 "$logs/bert-tests.log"
  # A crash: where, from cuda-gdb (the image's only debugger; it debugs CPU code too).
  if [ $rc -gt 128 ] && [ $rc != 137 ] && command -v cuda-gdb > /dev/null; then
    tmo cuda-gdb -batch -ex run -ex bt --args "$tests" "[bert]" --reporter compact > "$logs/bert-tests-gdb.log" 2>&1
    grep -E "^#[0-9]+ " "$logs/bert-tests-gdb.log" | cut -c1-200 | head -25
  fi
  end_stage
fi

if wanted parity && [ -x "$tests" ] && stage "BERT parity on CUDA (fp32)" 90; then
  NER_TEST_DEVICE=cuda tmo "$tests" "[parity]" -s > "$logs/parity.log" 2>&1 ||
    { fail "CUDA parity"; grep -B3 -A8 FAILED "$logs/parity.log" | head -40; }
  grep -E "skipped" "$logs/parity.log" | head -1
  echo "largest max abs diff: $(grep -o 'max abs diff [0-9.e+-]*' "$logs/parity.log" | awk '{print $4}' | sort -g | tail -1)"
  tail -3 "$logs/parity.log"
  end_stage
fi

if wanted bench && [ -x "$tests" ] && stage "encoder benchmark (BERT-base shape, random weights, [bert-bench])" 150; then
  bench() {  # VAR=VALUE...: one run of the benchmark, at most 60 s
    local run line limit
    limit=$(stage_left)
    [ "$limit" -le 60 ] || limit=60
    run=$(env NER_BENCH_DEVICE=cuda "$@" timeout -k 5 "$limit" "$tests" "[bert-bench]" --reporter compact 2>&1)
    printf '%s\n' "$run" >> "$logs/bench.log"
    line=$(grep -m1 "^bert " <<< "$run")
    [ -z "$line" ] || { report "$line"; return; }
    line=$(grep -m1 -E "failed|error|Error" <<< "$run" | cut -c1-240)
    fail "bench $*: ${line:-no figure (timed out after $limit s?)}"
  }
  bench NER_BENCH_DTYPE=fp32 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10
  bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=30
  bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=512 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=20
  bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=20 NER_BENCH_PAD=0.25
  bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=128 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10 NER_BENCH_TRAIN=1
  bench NER_BENCH_DTYPE=fp32 NER_BENCH_BATCH=64 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=5 NER_BENCH_TRAIN=1
  # Where the bf16 forward's time goes, kernel by kernel (untimed: the profiler slows the host side).
  NER_BENCH_DEVICE=cuda NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10 \
    NER_BENCH_PROFILE=$logs/ner-forward-bf16.profile tmo "$tests" "[bert-bench]" --reporter compact >> "$logs/bench.log" 2>&1 ||
    fail "profiled bench run"
  end_stage
fi

if ! wanted transformers; then
  :
elif ! "$py" -c "import transformers" 2> /dev/null; then
  echo "== no transformers for $py: no HuggingFace figures"
elif stage "transformers' BertModel at the same shape (forward, and training as [bert-bench])" 90; then
  hf=$(GPU_PROFILE_DIR=$logs tmo "$py" - 2> "$logs/transformers.log" <<'PY'
import logging, os, sys, time, torch, transformers
sys.path.insert(0, "tests/bench")
from profile_table import profiled
profile_dir = os.environ.get("GPU_PROFILE_DIR", "")
logging.disable(logging.WARNING)
cfg = transformers.BertConfig(vocab_size=21128, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072)
for dtype, name, b in ((torch.float32, "fp32", 256), (torch.bfloat16, "bf16", 256), (torch.bfloat16, "bf16", 512)):
    m = transformers.BertModel(cfg, add_pooling_layer=False).cuda().eval().to(dtype)
    ids = torch.randint(1000, 21128, (b, 128), device="cuda"); mask = torch.ones_like(ids)
    with torch.no_grad():
        for _ in range(2): m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize(); s = time.perf_counter(); n = 20
        for _ in range(n): m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize(); d = time.perf_counter() - s
    print(f"transformers {transformers.__version__} forward cuda {name}: batch {b} x length 128: {b*128*n/d:.0f} tokens/s", flush=True)
    if name == "bf16" and b == 256 and profile_dir:  # as [bert-bench]'s profiled run, untimed
        with torch.no_grad(), profiled(os.path.join(profile_dir, "hf-forward-bf16.profile")):
            for _ in range(10): m(input_ids=ids, attention_mask=mask)
    del m
# Training as [bert-bench] times it: bf16 autocast, batch 128, loss mean(h^2), AdamW (foreach).
m = transformers.BertModel(cfg, add_pooling_layer=False).cuda().train()
opt = torch.optim.AdamW(m.parameters(), lr=2e-5, weight_decay=0.01)
ids = torch.randint(1000, 21128, (128, 128), device="cuda"); mask = torch.ones_like(ids)
def step():
    with torch.autocast("cuda", dtype=torch.bfloat16):
        loss = m(input_ids=ids, attention_mask=mask).last_hidden_state.float().pow(2).mean()
    opt.zero_grad(); loss.backward(); opt.step()
step(); torch.cuda.synchronize(); s = time.perf_counter(); n = 10
for _ in range(n): step()
torch.cuda.synchronize(); d = time.perf_counter() - s
print(f"transformers {transformers.__version__} train cuda bf16: batch 128 x length 128: {128*128*n/d:.0f} tokens/s", flush=True)
PY
  ) || fail "transformers ($logs/transformers.log): $(tail -1 "$logs/transformers.log")"
  while IFS= read -r line; do [ -z "$line" ] || report "$line"; done <<< "$hf"
  end_stage
fi

if wanted tools && stage "ner-train and ner-tag end to end (tests/bench/bert-tools.sh, cuda)" 240; then
  rm -f "$logs/bert-tools.tsv"
  BENCH_DEVICE=cuda BENCH_THREADS=4 BENCH_TRAIN_BATCH=128 BENCH_TAG_BATCH=512 BENCH_PYTHON="$py" BENCH_PROFILE_DIR=$logs \
    BENCH_PROFILE_DTYPES="$profile_dtypes" BENCH_TRAIN_SENTENCES=$tools_sentences BENCH_TAG_REPEAT=$tools_repeat NER_DATA=$data BENCH_RESULTS=$logs/bert-tools.tsv tmo bash tests/bench/bert-tools.sh "$build" ||
    fail "bert-tools.sh"
  if [ -f "$logs/bert-tools.tsv" ]; then
    # The tools' figures as fractions of the peak: the sentences average ~45 characters, so the
    # attention term is smaller than at length 128 (about 3% of the FLOPs): a slight overestimate.
    awk -F'\t' '$5 ~ /^[0-9]+$/ && $1 ~ /(train|tag-model|tagger|hf-tag)$/ { printf "%s %s %s batch %s: %s tokens/s\n", $1, ($1 ~ /train/ ? "train" : "forward"), $3, $4, $5 }' \
      "$logs/bert-tools.tsv" > "$logs/tools-lines.txt"
    while IFS= read -r line; do report "$line"; done < "$logs/tools-lines.txt"
  fi
  end_stage
fi

# The profiles side by side (ner's and transformers'): how busy the GPU was and its top kernels.
if ls "$logs"/*.profile > /dev/null 2>&1; then
  echo "== [$(elapsed) s] profiles (tests/bench/profile_table.py summary)"
  "$py" tests/bench/profile_table.py summary "$logs"/*.profile 2>&1 | cut -c1-160 | awk '/rows$/ { n = 0 } { if (n++ < 9) print }'
fi

# The non-BERT rows on cuda: one epoch of ner-train on the first GPU_ROWS_SENTENCES sentences of
# yidu-s4k's seed-1 train split as experiments/ makes it (sentences of at most 100 characters;
# tokens/s of its --log), then ner-tag of the test split on cuda (-v: the tagger's share of the
# time), and of its first 300 sentences on cuda and on the CPU with the same model: the share of
# labels the two devices agree on (one code path: equal up to float rounding) and the test F1 after
# that one epoch.
if wanted rows && [ -x "$build/ner-train" ] && stage "non-BERT rows on cuda (ner-train 1 epoch, ner-tag cuda vs cpu)" 150; then
  rows=$(mktemp -d /tmp/ner-rows.XXXXXX)
  if tmo "$build/ner-convert" -q -f ccks -t conll --max-len 100 "$data"/yidu-s4k/subtask1_training_part{1,2}.txt -o "$rows/all.conll" &&
     tmo "$build/ner-split" -q --ratio 6:2:2 --seed 1 --by document "$rows/all.conll" -o "$rows/yidu"; then
    awk 'NF == 0 { s++ } s < 300' "$rows/yidu.test.conll" > "$rows/slice.conll"  # the CPU's share: 300 sentences
    awk -v n="$rows_sentences" 'NF == 0 { s++ } n == 0 || s < n' "$rows/yidu.train.conll" > "$rows/train.conll"
    for arch in ${GPU_ROWS:-$rows_default}; do
      m=$rows/$arch.ner
      if ! tmo "$build/ner-train" -q --arch "$arch" -t "$rows/train.conll" -o "$m" --log "$m.tsv" --epochs 1 \
          --seed 1 --device cuda --threads 4 --batch-size 32 > "$logs/rows-$arch.log" 2>&1; then
        fail "ner-train --arch $arch --device cuda: $(tail -1 "$logs/rows-$arch.log")"; continue
      fi
      tmo "$build/ner-tag" -v -m "$m" --device cuda --batch-size 256 "$rows/yidu.test.conll" > "$rows/cuda.conll" 2>> "$logs/rows-$arch.log" &&
        tmo "$build/ner-tag" -q -m "$m" --device cuda "$rows/slice.conll" > "$rows/slice-cuda.conll" 2>> "$logs/rows-$arch.log" &&
        tmo "$build/ner-tag" -q -m "$m" --device cpu --threads "$jobs" "$rows/slice.conll" > "$rows/slice-cpu.conll" 2>> "$logs/rows-$arch.log" ||
        { fail "ner-tag $arch: $(tail -1 "$logs/rows-$arch.log")"; continue; }
      agree=$(paste "$rows/slice-cuda.conll" "$rows/slice-cpu.conll" | awk -F'\t' '$1 != "" && $1 !~ /^#/ { n++; if ($(NF / 2) == $NF) a++ } END { printf "%.3f%% of %d", n ? 100 * a / n : 0, n }')
      f1=$("$build/ner-eval" -q "$rows/cuda.conll" 2> /dev/null | awk '/^accuracy/ { print $NF }')
      speed=$(awk -F'\t' 'NR > 1 { v = $7 } END { print v }' "$m.tsv")
      echo "$arch: train cuda ${speed:-?} tokens/s (1 epoch, $(grep -c '^$' "$rows/train.conll") sentences, batches of 32); tag: cuda and cpu labels agree on $agree tokens; test F1 after 1 epoch ${f1:-?}"
      grep -m1 "tagged" "$logs/rows-$arch.log" | sed "s/^/  test split on cuda, batches of 256: /"
      printf '%s train cuda fp32 batch 32 (1 epoch)\t%s\t-\t-\n' "$arch" "${speed:-0}" >> "$figures"
    done
  else
    fail "non-BERT rows: ner-convert/ner-split of $data/yidu-s4k"
  fi
  rm -rf "$rows"
  end_stage
fi

# $OUT brings back few files: the figures as they are, the logs in one archive.
if [ -n "$out" ]; then
  (cd "$out" && find . -maxdepth 1 -type f ! -name '*.tsv' -printf '%P\n' | tar czf logs.tgz -T - --remove-files)
fi
echo "gpu-check: $(elapsed) s in all, status $status"
exit $status
