#!/usr/bin/env bash
# Fuzzing (issue 7): builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) in BUILDDIR/fuzz, replays every regression input of
# testdata/fuzz/<target>/regressions/, then runs each target for NER_FUZZ_SECONDS seconds (default
# 20; 0 only replays) on a copy of its seed corpus testdata/fuzz/<target>/, with a fixed seed
# (NER_FUZZ_SEED, default 1). A regression input that crashes again fails the test; a new crash,
# leak, sanitizer report, timeout or broken check of the search is printed as a NEW FINDING, and
# fails the test only with NER_FUZZ_STRICT=1. Prints the executions of each target. Skips (77)
# without clang++ or libFuzzer's runtime (Debian: clang and libclang-rt-dev).
# A crash leaves its input in BUILDDIR/fuzz/run/<target>/; once fixed, it belongs in
# testdata/fuzz/<target>/regressions/ so that this test replays it for ever.
# NER_FUZZ_TORCH=1 builds in BUILDDIR/fuzz-torch with LibTorch instead, which adds fuzz_model_file
# (the model file's container and weights, whose reader needs the model library) at the price of
# compiling that library with clang: off by default, for the time it takes.
# Usage: reliability-fuzz.sh TOOLDIR SRCDIR BUILDDIR
#   env: NER_FUZZ_SECONDS (20), NER_FUZZ_TARGETS (all), NER_FUZZ_TORCH (0), NER_JOBS (2)
set -u
src=$(cd "$2" && pwd)
mkdir -p "$3" && build=$(cd "$3" && pwd)
seconds=${NER_FUZZ_SECONDS:-20}
jobs=${NER_JOBS:-2}

cxx=$(command -v clang++) || { echo "skipped: no clang++ (apt-get install clang libclang-rt-dev)"; exit 77; }
cc=$(command -v clang || echo "")
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
  'extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }' >"$probe/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/err"; then
  echo "skipped: $cxx cannot link -fsanitize=fuzzer (apt-get install libclang-rt-dev):"
  head -3 "$probe/err"
  exit 77
fi

dir=$build/fuzz torch=OFF
if [ "${NER_FUZZ_TORCH:-0}" = 1 ]; then
  dir=$build/fuzz-torch torch=ON
fi
mkdir -p "$dir"
echo "configuring $dir with $cxx"
if ! cmake -S "$src" -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" ${cc:+-DCMAKE_C_COMPILER="$cc"} \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNER_FUZZ=ON -DNER_WITH_TORCH=$torch -DNER_BUILD_TESTS=OFF \
     >"$dir/configure.log" 2>&1; then
  tail -20 "$dir/configure.log"
  echo "FAIL: cmake could not configure the fuzz build"
  exit 1
fi
if ! cmake --build "$dir" --target ner_fuzzers -j"$jobs" >"$dir/build.log" 2>&1; then
  grep -E 'error|Error' "$dir/build.log" | head -20
  echo "FAIL: the fuzz targets do not build (log: $dir/build.log)"
  exit 1
fi
bin=$dir/tests/fuzz
targets=${NER_FUZZ_TARGETS:-$(cat "$bin/targets.txt")}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0 total=0 findings=0
for t in $targets; do
  seeds=$src/testdata/fuzz/$t
  run=$dir/run/$t
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/tmp"
  [ -d "$seeds" ] && find "$seeds" -maxdepth 1 -type f -exec cp {} "$run/corpus/" \;
  # Every regression input, one run each: they crashed once and must not again.
  if [ -d "$seeds/regressions" ] && [ -n "$(ls -A "$seeds/regressions")" ]; then
    if ! (cd "$run" && TMPDIR=$run/tmp "$bin/fuzz_$t" -runs=1 -timeout=30 -artifact_prefix="$run/" \
            "$seeds"/regressions/* >"$run/regressions.log" 2>&1); then
      grep -E 'ERROR|SUMMARY|check failed|ner-fuzz|Running:' "$run/regressions.log" | tail -8
      echo "FAIL: $t: a regression input crashes again (log: $run/regressions.log)"
      status=1
      continue
    fi
    echo "$t: $(ls "$seeds/regressions" | wc -l) regression inputs replayed"
  fi
  if [ "$seconds" -le 0 ]; then
    args=(-runs=0)
  else
    args=(-max_total_time="$seconds" -seed="${NER_FUZZ_SEED:-1}")
  fi
  if (cd "$run" && TMPDIR=$run/tmp "$bin/fuzz_$t" "${args[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$run/" "$run/corpus" >"$run/fuzz.log" 2>&1); then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/fuzz.log")
    cov=$(grep -oE 'cov: [0-9]+' "$run/fuzz.log" | tail -1)
    echo "$t: ${execs:-?} executions in ${seconds} s, $cov, corpus $(ls "$run/corpus" | wc -l) inputs"
    total=$((total + ${execs:-0}))
  else
    grep -E 'ERROR|SUMMARY|check failed|ner-fuzz|Test unit written|#[0-9] ' "$run/fuzz.log" | head -20
    input=$(ls "$run"/crash-* "$run"/leak-* "$run"/timeout-* "$run"/oom-* 2>/dev/null | head -1)
    # The build folder of a CI run is gone afterwards: the input goes into the log, to be kept as
    # a regression with `base64 -d > testdata/fuzz/$t/regressions/NAME`.
    if [ -n "$input" ] && [ "$(stat -c %s "$input")" -le 8192 ]; then
      echo "input ($(stat -c %s "$input") bytes, base64):"
      base64 -w 76 "$input"
    fi
    if [ "${NER_FUZZ_STRICT:-0}" = 1 ]; then
      echo "FAIL: $t crashed (log: $run/fuzz.log; input: $input)"
      status=1
    else
      # A new finding of the time-bounded search is reported, not failed on: a search that found
      # nothing yesterday may find something today, and that must not block every other change.
      # Fix it and add the input to testdata/fuzz/$t/regressions/, which is fatal from then on.
      echo "NEW FINDING (not failed on; NER_FUZZ_STRICT=1 fails): $t (log: $run/fuzz.log; input: $input)"
      findings=$((findings + 1))
    fi
  fi
done
echo "$total executions in all, $findings new finding(s)"
exit $status
