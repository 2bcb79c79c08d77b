#!/usr/bin/env bash
# Runs one end-to-end case: tests/cli/cases/NAME/{cmd,stdout,stderr,status}.
# The case runs in a scratch folder with the tools first on PATH; $TESTDATA is the bundled
# sample folder and $CASE the case folder. Exit 77 from cmd means "skipped".
set -u
case_dir=$1 tool_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PATH="$tool_dir:$PATH" CASE="$case_dir" TESTDATA="${NER_TESTDATA:?}" LC_ALL=C.UTF-8 NO_COLOR=1
(cd "$scratch" && bash -o pipefail "$case_dir/cmd" >"$scratch/.stdout" 2>"$scratch/.stderr")
status=$?
[ "$status" -eq 77 ] && { cat "$scratch/.stderr"; exit 77; }
fail=0
if [ -f "$case_dir/status" ]; then
  want=$(cat "$case_dir/status")
  [ "$status" -eq "$want" ] || { echo "exit status $status, expected $want"; fail=1; }
elif [ "$status" -ne 0 ]; then
  echo "exit status $status, expected 0"; fail=1
fi
for stream in stdout stderr; do
  if [ -f "$case_dir/$stream" ]; then
    diff -u "$case_dir/$stream" "$scratch/.$stream" || { echo "$stream differs"; fail=1; }
  fi
done
[ "$fail" -eq 0 ] || { echo "--- stderr was:"; head -c 4000 "$scratch/.stderr"; }
exit $fail
