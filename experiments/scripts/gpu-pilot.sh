#!/usr/bin/env bash
# A pilot of the yidu table on a CUDA machine: builds the tools against the machine's LibTorch
# (PyTorch's), trains rows of experiments/Makefile on seed 1 side by side on the one GPU for at
# most SECONDS in all, then scores each best-so-far model on test. Needs .gpu-deps (see
# scripts/gpu-check.sh --prepare) and experiments/work/yidu/{all.conll,seed1/} made beforehand
# with `make -C experiments work/yidu/seed1/split.done`, both carried to the machine.
#
#   bash experiments/scripts/gpu-pilot.sh SECONDS [ROW...]
# PILOT_EPOCHS=N and PILOT_EXTRA="--option value" change the Makefile's runs (EPOCHS, EXTRA).
set -u
budget=${1:-480}
shift || true
rows=${*:-bilstm-crf idcnn-crf imconvnet-crf imconvnet-bilstm-crf}
t0=$(date +%s)
cd "$(dirname "$0")/../.."
root=$PWD deps=$PWD/.gpu-deps build=${GPU_BUILD:-/tmp/build-gpu}
out=${OUT:-/tmp/gpu-pilot}
mkdir -p "$out"
export OMP_WAIT_POLICY=passive
device=${PILOT_DEVICE:-cuda}
if [ -z "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1 GPU_BUILD=DIR: use tools built before
torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
python3 -c 'import torch; print("torch", torch.__version__, torch.cuda.get_device_name(0))'
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
# .gpu-deps may hold zstd's CMake files without its shared library: find the machine's instead.
zstd_lib=$(ls /usr/lib/x86_64-linux-gnu/libzstd.so* /lib/x86_64-linux-gnu/libzstd.so* 2>/dev/null | head -n 1)
cmake -S . -B "$build" -G Ninja -DCMAKE_DISABLE_FIND_PACKAGE_zstd=ON -DZSTD_LIBRARY="$zstd_lib" \
  -DZSTD_INCLUDE_DIR="$deps/usr/include" -DCMAKE_BUILD_TYPE=Release -DNER_BUILD_TESTS=OFF \
  -DCMAKE_PREFIX_PATH="$torch_prefix;$deps/usr" \
  -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu" -DCMAKE_INCLUDE_PATH="$deps/usr/include" \
  -DCMAKE_CXX_FLAGS="-isystem $deps/usr/include" > "$out/configure.log" 2>&1 || { tail -30 "$out/configure.log"; exit 1; }
cmake --build "$build" --target ner-train ner-tag ner-eval ner-convert ner-split -j"$(nproc)" > "$out/build.log" 2>&1 ||
  { grep -E -A5 "error" "$out/build.log" | head -60; exit 1; }
echo "build: $(( $(date +%s) - t0 )) s"
fi

left=$(( budget - ($(date +%s) - t0) - 45 ))
echo "training ${rows} for at most ${left} s"
cd experiments
y=work/yidu/seed1
for row in $rows; do
  # The Makefile's command (EPOCHS as there); the time limit interrupts it like Ctrl-C, which
  # leaves the best dev epoch's model and a checkpoint.
  cmd=$(make -s -n BUILD="$build" DEVICE="$device" THREADS=2 SEEDS=1 ROWS="$row" EPOCHS="${PILOT_EPOCHS:-}" \
    EXTRA="${PILOT_EXTRA:-}" "$y/$row.done" | grep "/ner-train ")
  echo "$cmd" > "$out/$row.train.log"
  timeout -s INT "$left" bash -c "$cmd" >> "$out/$row.train.log" 2>&1 &
done
wait
for row in $rows; do
  [ -f "$y/$row.ner" ] || { echo "$row: no model"; tail -5 "$out/$row.train.log"; continue; }
  "$build/ner-tag" -m "$y/$row.ner" --device "$device" "$y/data.test.conll" > "$y/$row.test.tagged"
  test_f1=$("$build/ner-eval" "$y/$row.test.tagged" | sed -n 2p)
  cp "$y/$row.log.tsv" "$out/"
  echo "== $row: $(grep -c . "$y/$row.log.tsv") log lines; test: $test_f1"
  "$build/ner-tag" --info "$y/$row.ner" | grep -E "^(sizes|parameters|training|dev):"
  tail -n 40 "$y/$row.log.tsv"
done
echo "gpu-pilot: $(( $(date +%s) - t0 )) s in all"
