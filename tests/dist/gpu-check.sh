#!/usr/bin/env bash
# libner/dist on a GPU machine with LibTorch 2.x (PyTorch's): builds ner there (with Gloo's
# headers, and NCCL's from pip's nvidia-nccl package when present), runs the [dist] tests (two Gloo
# processes; NCCL on one GPU), the parity script on the CPU and with both ranks on cuda:0, and
# times BERT-base training steps (the compute that an all-reduce must hide behind). Two steps:
#   here (with network):   bash tests/dist/gpu-check.sh --prepare
#       .gpu-deps/ as scripts/gpu-check.sh makes it, plus Debian's libgloo-dev headers in
#       .gpu-deps/gloo (used only when the machine's torch ships none)
#   on the GPU machine:    bash tests/dist/gpu-check.sh      (carrying .gpu-deps; ~5 minutes)
set -u
cd "$(dirname "$0")/../.."
root=$PWD deps=$PWD/.gpu-deps build=${GPU_BUILD:-/tmp/build-dist-gpu} out=${OUT:-/tmp/dist-gpu-check}
if [ "${1:-}" = --prepare ]; then
  set -e
  [ -d "$deps/usr/include" ] || bash ../shared/gpu/prepare-deps.sh .gpu-deps
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download libgloo-dev >/dev/null)
  rm -rf "$deps/gloo" && dpkg -x "$tmp"/libgloo-dev_*.deb "$deps/gloo" && rm -rf "$tmp"
  du -sh "$deps"
  exit 0
fi
[ -d "$deps/usr/include" ] || { echo "dist gpu-check: no .gpu-deps: run 'bash tests/dist/gpu-check.sh --prepare' first"; exit 1; }
mkdir -p "$out"
t0=$(date +%s)
el() { echo "[$(( $(date +%s) - t0 )) s]"; }
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
tdir=$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')
torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
ls -d "$tdir/include/gloo" 2>/dev/null && echo "torch ships gloo headers" || echo "torch ships NO gloo headers"
nccl_dir=$(python3 -c 'import nvidia.nccl as m; print(list(m.__path__)[0])' 2>/dev/null)
ls "$nccl_dir/include/nccl.h" 2>/dev/null || echo "no nccl.h in $nccl_dir"
grep -rho "USE_C10D_[A-Z]*" "$torch_prefix"/Caffe2/Caffe2Targets*.cmake "$torch_prefix"/Torch/*.cmake 2>/dev/null | sort | uniq -c
cuda_inc=$(ls -d /usr/local/cuda/include 2>/dev/null)
gloo_flag=""; [ -d "$tdir/include/gloo" ] || gloo_flag="-isystem $deps/gloo/usr/include"
nccl_flag=""; [ -f "$nccl_dir/include/nccl.h" ] && nccl_flag="-isystem $nccl_dir/include -DUSE_C10D_NCCL"
[ -n "$cuda_inc" ] && nccl_flag="$nccl_flag -isystem $cuda_inc"
configure() {
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNER_DATA="$root/../shared/data" \
    -DCMAKE_PREFIX_PATH="$torch_prefix;$deps/usr" \
    -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu" -DCMAKE_INCLUDE_PATH="$deps/usr/include" \
    -DCMAKE_CXX_FLAGS="-isystem $deps/usr/include $1" > "$out/configure.log" 2>&1 || { tail -20 "$out/configure.log"; exit 1; }
}
built=""
for flags in "$gloo_flag $nccl_flag" "$gloo_flag" ""; do
  echo "$(el) build with extra flags: '$flags'"
  configure "$flags"
  if cmake --build "$build" --target ner_model_tests ner-train ner-tag ner-convert ner-split -j"$(nproc)" > "$out/build.log" 2>&1; then
    built="$flags"; break
  fi
  grep -E "error" "$out/build.log" | head -20
  cp "$out/build.log" "$out/build-failed-$(echo "$flags" | wc -w).log"
done
[ -n "$built$( [ -x "$build/tests/ner_model_tests" ] && echo ok)" ] || { echo "no build"; exit 1; }
echo "$(el) built with '$built'"
export OMP_WAIT_POLICY=passive
tests=$build/tests/ner_model_tests
echo "== $(el) [dist] tests"
timeout 240 "$tests" "[dist]" 2>&1 | tail -40 | tee "$out/dist-tests.log" | grep -E "passed|failed|FAILED|skipped|warning|difference|NCCL|nccl" | head -40
echo "== $(el) parity script, CPU"
timeout 120 bash tests/scripts/model-dist-parity.sh "$build" "$root" "$build" 2>&1 | tail -14
echo "== $(el) parity script, both ranks on cuda:0 (Gloo)"
NER_DIST_TEST_DEVICE=cuda:0 timeout 120 bash tests/scripts/model-dist-parity.sh "$build" "$root" "$build" 2>&1 | tail -14
echo "== $(el) BERT-base training steps (forward + backward + AdamW), bf16 and fp32"
for cfg in "bf16 32" "bf16 64" "fp32 32"; do
  set -- $cfg
  NER_BENCH_DEVICE=cuda NER_BENCH_DTYPE=$1 NER_BENCH_BATCH=$2 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=10 NER_BENCH_TRAIN=1 \
    timeout 120 "$tests" "[bert-bench]" --reporter compact 2>&1 | grep -E "^bert |error|FAILED"
done
NER_BENCH_DEVICE=cuda NER_BENCH_DTYPE=bf16 NER_BENCH_BATCH=256 NER_BENCH_LENGTH=128 NER_BENCH_ITERS=20 \
  timeout 120 "$tests" "[bert-bench]" --reporter compact 2>&1 | grep -E "^bert |error|FAILED"
echo "$(el) done"
