#!/usr/bin/env bash
# Builds ner against the GPU machine's LibTorch (the one its Python torch ships) and runs the BERT
# tests and benchmarks on CUDA, in a few minutes. Two steps:
#   here (with network):   bash scripts/gpu-check.sh --prepare
#       unpacks the Debian build dependencies the GPU image lacks into .gpu-deps/ (through
#       ../shared/gpu/prepare-deps.sh) and copies the BERT fixture there; both are git-ignored.
#   on the GPU machine:    bash scripts/gpu-check.sh      (carrying .gpu-deps)
# Knobs: GPU_BUILD (build folder, default build-gpu), JOBS, NER_BERT_FIXTURE.
set -euo pipefail
cd "$(dirname "$0")/.."
deps=$PWD/.gpu-deps

if [ "${1:-}" = --prepare ]; then
  bash ../shared/gpu/prepare-deps.sh .gpu-deps
  fixture=${NER_BERT_FIXTURE:-${NER_DATA:-../shared/data}/bert/tiny-bert-chinese}
  if [ -f "$fixture/reference.json" ]; then
    rm -rf .gpu-deps/bert-fixture && cp -r "$fixture" .gpu-deps/bert-fixture && chmod -R u+w .gpu-deps/bert-fixture
  fi
  du -sh .gpu-deps
  exit 0
fi

[ -d "$deps/usr/include" ] || { echo "gpu-check: no .gpu-deps: run 'bash scripts/gpu-check.sh --prepare' first and carry .gpu-deps"; exit 1; }
build=${GPU_BUILD:-build-gpu}
jobs=${JOBS:-$(nproc)}
torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))' || true
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader || true

t0=$(date +%s)
# utf8proc's headers sit in .gpu-deps: -isystem lets libner/bert (compiled into ner_model) see them.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNER_DATA="$PWD/../shared/data" \
  -DCMAKE_PREFIX_PATH="$torch_prefix;$deps/usr" \
  -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu" -DCMAKE_INCLUDE_PATH="$deps/usr/include" \
  -DCMAKE_CXX_FLAGS="-isystem $deps/usr/include" > "$build.configure.log" 2>&1 || { tail -30 "$build.configure.log"; exit 1; }
cmake --build "$build" --target ner_model_tests -j"$jobs" > "$build.build.log" 2>&1 || { grep -E "error" "$build.build.log" | head -30; tail -20 "$build.build.log"; exit 1; }
echo "build: $(( $(date +%s) - t0 )) s"

tests=$build/tests/ner_model_tests
if [ -z "${NER_BERT_FIXTURE:-}" ]; then
  if [ -f ../shared/data/bert/tiny-bert-chinese/reference.json ]; then export NER_BERT_FIXTURE=$PWD/../shared/data/bert/tiny-bert-chinese
  elif [ -f "$deps/bert-fixture/reference.json" ]; then export NER_BERT_FIXTURE=$deps/bert-fixture
  fi
fi
export OMP_WAIT_POLICY=passive
status=0
echo "== BERT tests on the CPU"
"$tests" "[bert]" --reporter compact || status=1
echo "== BERT parity on CUDA (fp32)"
NER_TEST_DEVICE=cuda "$tests" "[parity]" -s > "$build.parity.log" 2>&1 || { status=1; grep -B3 -A8 FAILED "$build.parity.log" | head -40; }
grep -E "skipped" "$build.parity.log" | head -1
echo "largest max abs diff: $(grep -o 'max abs diff [0-9.e+-]*' "$build.parity.log" | awk '{print $4}' | sort -g | tail -1)"
tail -3 "$build.parity.log"

echo "== benchmarks (BERT-base shape, random weights)"
bench() { env NER_BENCH_DEVICE=cuda "$@" "$tests" "[bert-bench]" --reporter compact 2>&1 | grep -E "^bert |error|FAILED" || status=1; }
bench NER_BENCH_DTYPE=fp32 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10
bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=20
bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=20 NER_BENCH_PAD=0.25
bench NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=64 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10 NER_BENCH_TRAIN=1
bench NER_BENCH_DTYPE=fp32 NER_BENCH_BATCH=64 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=5 NER_BENCH_TRAIN=1
if python3 -c "import transformers" 2>/dev/null; then
  python3 - <<'PY' || true
import time, torch, transformers
cfg = transformers.BertConfig(vocab_size=21128, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072)
for dtype in (torch.float32, torch.bfloat16):
    m = transformers.BertModel(cfg, add_pooling_layer=False).cuda().eval().to(dtype)
    ids = torch.randint(1000, 21128, (256, 128), device="cuda"); mask = torch.ones_like(ids)
    with torch.no_grad():
        for _ in range(2): m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize(); s = time.perf_counter(); n = 20
        for _ in range(n): m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize(); d = time.perf_counter() - s
    print(f"transformers {transformers.__version__} forward cuda {dtype}: batch 256 x length 128: {256*128*n/d:.0f} tokens/s")
PY
fi
echo "gpu-check: $(( $(date +%s) - t0 )) s in all, status $status"
exit $status
