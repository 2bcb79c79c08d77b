#!/usr/bin/env bash
# The torch-free suite under AddressSanitizer and UndefinedBehaviorSanitizer (issue 7): configures
# BUILDDIR/asan with -DNER_SANITIZE=ON (the core library, the four data tools and their tests, no
# LibTorch), builds it and runs its ctest: every unit, CLI and script test of the torch-free part;
# then it replays every seed and regression input of the fuzz targets (testdata/fuzz/).
# Any sanitizer report aborts the test that caused it, so it fails here. Left out of the inner run:
# this test and reliability-fuzz (this one would recurse; the fuzz test builds its own), unix-install
# and the corpus-wide scripts (see below).
# Usage: reliability-sanitizers.sh TOOLDIR SRCDIR BUILDDIR   (env: NER_JOBS, default 2)
set -u
src=$(cd "$2" && pwd)
mkdir -p "$3" && build=$(cd "$3" && pwd)
jobs=${NER_JOBS:-2}
dir=$build/asan
mkdir -p "$dir"

# -O1 keeps the build short and the stack traces exact; assertions stay on.
# NER_FUZZ: with g++ the fuzz targets are built as replayers of their inputs (tests/fuzz).
config=(-DNER_SANITIZE=ON -DNER_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g")
[ -n "${NER_DATA:-}" ] && config+=(-DNER_DATA="$NER_DATA")
echo "configuring $dir"
if ! cmake -S "$src" -B "$dir" "${config[@]}" >"$dir/configure.log" 2>&1; then
  tail -20 "$dir/configure.log"
  echo "FAIL: cmake could not configure the sanitizer build"
  exit 1
fi
start=$(date +%s)
if ! cmake --build "$dir" -j"$jobs" >"$dir/build.log" 2>&1; then
  grep -E 'error|Error' "$dir/build.log" | head -20
  echo "FAIL: the sanitizer build fails (log: $dir/build.log)"
  exit 1
fi
built=$(date +%s)
echo "built in $((built - start)) s"

# halt_on_error and abort: a report ends the process with a failure that the inner test sees.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# unix-install links an uninstrumented program against the installed (instrumented) static
# library, which cannot work without -fsanitize on its link line: packaging is tested by the
# normal build.
# The corpus-wide scripts (conlleval parity, offsets over all of yidu-s4k, man pages and
# completions) drive the same code as the unit and CLI tests, over far more data: under the
# sanitizers they would triple the time of `make test`, so the normal build runs them alone.
(cd "$dir" && ctest -j"$jobs" -E '^script: (reliability-(sanitizers|fuzz)|unix-.*|eval-conlleval-parity|tokenize-offsets.*)$' --output-on-failure >"$dir/ctest.log" 2>&1)
rc=$?
grep -E 'tests passed|tests failed|Total Test time' "$dir/ctest.log"
echo "ctest ran in $(( $(date +%s) - built )) s"
if [ $rc -ne 0 ]; then
  sed -n '/The following tests FAILED/,$p' "$dir/ctest.log"
  # The sanitizer reports themselves, from --output-on-failure.
  grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:' "$dir/ctest.log" | sort | uniq -c | head -20
  echo "FAIL: the torch-free suite fails under ASan+UBSan (log: $dir/ctest.log)"
  exit 1
fi

# Every seed and regression input of the fuzz targets, once, under the same sanitizers: the inputs
# that once crashed keep running where clang (and so reliability-fuzz) is missing.
fuzz=$dir/tests/fuzz
if [ -f "$fuzz/targets.txt" ] && [ "$(cat "$fuzz/engine.txt" 2>/dev/null)" = replay ]; then
  replayed=0
  for t in $(cat "$fuzz/targets.txt"); do
    inputs=("$src/testdata/fuzz/$t")
    [ -d "$src/testdata/fuzz/$t/regressions" ] && inputs+=("$src/testdata/fuzz/$t/regressions")
    if ! (cd "$dir" && "$fuzz/fuzz_$t" "${inputs[@]}" >"$fuzz/replay-$t.log" 2>&1); then
      grep -E 'Running:|ERROR|runtime error|SUMMARY|ner-fuzz' "$fuzz/replay-$t.log" | tail -6
      echo "FAIL: fuzz_$t crashes on one of its seeds or regression inputs (log: $fuzz/replay-$t.log)"
      exit 1
    fi
    replayed=$((replayed + $(sed -n 's/ inputs run$//p' "$fuzz/replay-$t.log")))
  done
  echo "fuzz inputs replayed under ASan+UBSan: $replayed, none crashed"
fi
