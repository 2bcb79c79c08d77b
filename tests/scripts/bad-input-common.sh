#!/usr/bin/env bash
# The conventions every torch-free tool shares (README "Errors"; issue 2 "Bad input"), checked on
# each of ner-convert, ner-tokenize, ner-split and ner-eval that is built (the others are skipped):
# - --help and --version exit 0 and print on stdout (--version: "TOOL (ner) VERSION");
# - an unknown option exits 2;
# - a missing file and an invalid UTF-8 file exit 1 with one line on stderr, `TOOL: FILE: what`
#   or `TOOL: FILE:LINE: what`, and leave no output file behind (-o).
# Usage: bad-input-common.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$1
export LC_ALL=C.UTF-8 NO_COLOR=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
fail=0 tested=0
ok() { echo "ok: $*"; }
bad() { echo "FAILED: $*"; fail=1; }

# What each tool needs besides its input to get as far as reading it.
args_for() {
  case $1 in
    ner-convert) echo "--to jsonl" ;;
    ner-split) echo "--shard 1/1" ;;
    *) echo "" ;;
  esac
}

# Three columns (token, gold, predicted) suit every tool; line 2 holds a lone surrogate half, as
# the Weibo NER 2015 files do.
printf '患\tO\tO\n者\xed\xa0\xbd\tO\tO\n\n' > bad.conll

# run TOOL ARGS...: sets $status, $out, $err.
run() {
  "$@" > out.stdout 2> out.stderr
  status=$?
  out=$(cat out.stdout) err=$(cat out.stderr)
}

# expect_error TOOL STATUS PATTERN WHAT: one stderr line matching the extended regex PATTERN.
expect_error() {
  local tool=$1 want=$2 pattern=$3 what=$4
  if [ "$status" -ne "$want" ]; then bad "$tool $what: exit status $status, expected $want (stderr: $err)"; return; fi
  if [ "$(wc -l < out.stderr)" -ne 1 ]; then bad "$tool $what: expected one line on stderr, got: $err"; return; fi
  if ! grep -Eq "$pattern" out.stderr; then bad "$tool $what: stderr '$err' does not match '$pattern'"; return; fi
  ok "$tool $what: $err"
}

for tool in ner-convert ner-tokenize ner-split ner-eval; do
  exe=$tooldir/$tool
  if [ ! -x "$exe" ]; then echo "skipped: $tool is not built"; continue; fi
  tested=$((tested + 1))
  read -r -a extra <<< "$(args_for $tool)"

  run "$exe" --help
  if [ "$status" -eq 0 ] && grep -q "Usage: $tool" out.stdout; then ok "$tool --help"; else bad "$tool --help: status $status"; fi
  run "$exe" --version
  if [ "$status" -eq 0 ] && grep -Eq "^$tool \(ner\) [0-9]+\.[0-9]+" out.stdout; then ok "$tool --version: $out"
  else bad "$tool --version: status $status, output '$out'"; fi
  run "$exe" --no-such-option
  if [ "$status" -eq 2 ] && [ -s out.stderr ]; then ok "$tool --no-such-option: exit 2"
  else bad "$tool --no-such-option: status $status, stderr '$err'"; fi

  # -o where the tool has it: no output file may be left behind.
  output=()
  "$exe" --help | grep -q -- '-o,--output' && output=(-o result.out)

  rm -f result.out
  run "$exe" "${extra[@]}" "${output[@]}" no-such-file.conll
  expect_error $tool 1 "^$tool: no-such-file\.conll: .+" "on a missing file"
  [ -e result.out ] && bad "$tool on a missing file left result.out behind"

  rm -f result.out
  run "$exe" "${extra[@]}" "${output[@]}" bad.conll
  expect_error $tool 1 "^$tool: bad\.conll:2: .*UTF-8" "on invalid UTF-8"
  [ -e result.out ] && bad "$tool on invalid UTF-8 left result.out behind"
  ls "$scratch" | grep -q '\.tmp\.' && bad "$tool left a temporary file behind"
done
[ "$tested" -gt 0 ] || { echo "none of the tools is built: skipped"; exit 77; }
exit $fail
