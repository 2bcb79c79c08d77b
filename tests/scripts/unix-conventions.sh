#!/usr/bin/env bash
# Every built tool behaves as a Unix tool should (issue 6): --help and --version exit 0 on stdout;
# an unknown option is a usage error (exit 2); -q/--quiet and -v/--verbose exist; a missing input
# file is a runtime error, one line `tool: FILE: …` on stderr, exit 1, no output file left; and
# no colour or progress bar reaches stderr when it is not a terminal, nor with NO_COLOR=1 even on
# a terminal (a pseudo-terminal made by script(1), where available).
# Usage: unix-conventions.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) srcdir=$(cd "$2" && pwd)
source "$(dirname "$0")/unix-lib.bash"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export LC_ALL=C.UTF-8
unset NO_COLOR

# How each tool is told to read a file it cannot find: MISSING is that file, OUT an empty folder
# where nothing may appear. Tools not listed read it as their positional argument.
declare -A MISSING_ARGS=(
  [ner-convert]="--to jsonl -o OUT/out.jsonl MISSING"
  [ner-tokenize]="-o OUT/out.conll MISSING"
  [ner-split]="--ratio 6:2:2 -o OUT/ MISSING"
  [ner-eval]="--output OUT/report.txt MISSING"
  [ner-train]="--train MISSING -o OUT/x.model"
  [ner-tag]="-m MISSING -o OUT/out.conll"
)
missing=$scratch/missing-input.conll

tools=$(built_tools "$tooldir" "$srcdir")
[ -n "$tools" ] || { echo "no tool is built: skipped"; exit 77; }
has_script=0
if command -v script >/dev/null && script -qec 'test -t 2' /dev/null </dev/null >/dev/null 2>&1; then
  has_script=1
else
  echo "note: script(1) cannot make a pseudo-terminal here: NO_COLOR on a terminal not checked"
fi
# on_tty ENV... -- CMD...: runs CMD with stdout and stderr on a pseudo-terminal; prints what it showed.
on_tty() {
  local envs=() cmd
  while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  cmd=$(printf '%q ' env "${envs[@]}" "$@")
  script -qec "$cmd" /dev/null </dev/null 2>&1
}
escapes() { grep -c $'\x1b' <<<"$1"; }
# A carriage return not followed by a line feed redraws a line: a progress bar.
redraws() { perl -ne '$n++ if /\r(?!\n)/; END { print $n // 0 }' <<<"$1"; }

for t in $tools; do
  exe=$tooldir/$t
  # --help and --version: exit 0, on stdout, nothing on stderr.
  "$exe" --help >"$scratch/out" 2>"$scratch/err"; status=$?
  [ $status -eq 0 ] || bad "$t --help: exit $status"
  grep -q "^Usage: $t " "$scratch/out" || bad "$t --help: no 'Usage: $t' line on stdout"
  [ -s "$scratch/err" ] && bad "$t --help: writes on stderr: $(head -1 "$scratch/err")"
  help_option_names "$scratch/out" >"$scratch/names"
  for o in -h --help --version -q --quiet -v --verbose; do
    grep -qx -- "$o" "$scratch/names" || bad "$t --help: no $o option"
  done
  "$exe" --version >"$scratch/out" 2>"$scratch/err"; status=$?
  [ $status -eq 0 ] || bad "$t --version: exit $status"
  grep -qE "^$t \(ner\) [0-9]+\.[0-9]+" "$scratch/out" || bad "$t --version: prints '$(head -1 "$scratch/out")'"

  # A missing input file: exit 1, one line `tool: FILE: …`, no output, no colour.
  rm -rf "$scratch/OUT"; mkdir "$scratch/OUT"
  args=${MISSING_ARGS[$t]:-MISSING}
  args=${args//MISSING/$missing}
  args=${args//OUT/$scratch/OUT}
  # shellcheck disable=SC2086
  "$exe" $args </dev/null >"$scratch/out" 2>"$scratch/err"; status=$?
  [ $status -eq 1 ] || bad "$t $args: exit $status, expected 1 ($(head -1 "$scratch/err"))"
  [ "$(wc -l <"$scratch/err")" -eq 1 ] || bad "$t (missing file): stderr is not one line:"$'\n'"$(cat "$scratch/err")"
  case $(head -1 "$scratch/err") in
    "$t: $missing: "* | "$t: $missing:"[0-9]*": "*) ;;
    *) bad "$t (missing file): stderr '$(head -1 "$scratch/err")' is not '$t: $missing: …'" ;;
  esac
  [ -z "$(ls -A "$scratch/OUT")" ] || bad "$t (missing file): left $(ls -A "$scratch/OUT")"

  # An unknown option (on a command line that is otherwise complete): exit 2, a message naming
  # it, nothing on stdout, no output.
  # shellcheck disable=SC2086
  "$exe" $args --no-such-option </dev/null >"$scratch/out" 2>"$scratch/err"; status=$?
  [ $status -eq 2 ] || bad "$t --no-such-option: exit $status, expected 2"
  grep -q -- '--no-such-option' "$scratch/err" || bad "$t --no-such-option: stderr does not name it: $(head -1 "$scratch/err")"
  [ -s "$scratch/out" ] && bad "$t --no-such-option: writes on stdout"
  [ -z "$(ls -A "$scratch/OUT")" ] || bad "$t --no-such-option: left $(ls -A "$scratch/OUT")"
  [ "$(escapes "$(cat "$scratch/err")")" -eq 0 ] || bad "$t: escape codes on stderr that is not a terminal"

  # NO_COLOR on a terminal: no escape codes, no redrawn lines; the same for --help.
  if [ $has_script -eq 1 ]; then
    # shellcheck disable=SC2086
    shown=$(on_tty NO_COLOR=1 -- "$exe" $args)
    grep -q "$t: " <<<"$shown" || bad "$t on a terminal: its message did not show: $shown"
    [ "$(escapes "$shown")" -eq 0 ] || bad "$t with NO_COLOR=1 on a terminal: escape codes: $(cat -v <<<"$shown")"
    shown=$(on_tty NO_COLOR=1 -- "$exe" --help)
    [ "$(escapes "$shown")" -eq 0 ] || bad "$t --help with NO_COLOR=1 on a terminal: escape codes"
  fi
done

# A real job on a terminal with NO_COLOR=1, where progress would be shown: no escape codes, no
# redrawn lines (tokenize some text, verbosely).
if [ $has_script -eq 1 ] && [ -x "$tooldir/ner-tokenize" ]; then
  for i in $(seq 200); do echo "患者${i}年前出现发热，咳嗽。无明显诱因。"; done >"$scratch/text.txt"
  shown=$(on_tty NO_COLOR=1 -- "$tooldir/ner-tokenize" -v --max-len 10 -o "$scratch/text.conll" "$scratch/text.txt")
  [ "$(escapes "$shown")" -eq 0 ] || bad "ner-tokenize -v with NO_COLOR=1 on a terminal: escape codes: $(cat -v <<<"$shown")"
  [ "$(redraws "$shown")" -eq 0 ] || bad "ner-tokenize -v with NO_COLOR=1 on a terminal: a progress bar"
  [ -s "$scratch/text.conll" ] || bad "ner-tokenize on a terminal wrote nothing"
fi

# Training and tagging, where progress is most likely: on a terminal with NO_COLOR=1, and with
# stderr on a pipe without NO_COLOR.
if [ -x "$tooldir/ner-train" ] && [ -x "$tooldir/ner-tag" ]; then
  for i in $(seq 30); do printf '患\tO\n者\tO\n发\tB-SYM\n热\tI-SYM\n。\tO\n\n'; done >"$scratch/tiny.conll"
  train=("$tooldir/ner-train" -v -t "$scratch/tiny.conll" -d "$scratch/tiny.conll" -o "$scratch/tiny.model" --epochs 2 --threads 1)
  tag=("$tooldir/ner-tag" -v -m "$scratch/tiny.model" -o "$scratch/tagged.conll" --threads 1 "$scratch/tiny.conll")
  export OMP_WAIT_POLICY=passive
  for run in train tag; do
    declare -n cmd=$run
    "${cmd[@]}" >/dev/null 2>"$scratch/err" || bad "ner-$run on a tiny stream: $(head -3 "$scratch/err")"
    shown=$(cat "$scratch/err")
    [ "$(escapes "$shown")" -eq 0 ] || bad "ner-$run: escape codes on stderr that is not a terminal"
    [ "$(redraws "$shown")" -eq 0 ] || bad "ner-$run: a progress bar on stderr that is not a terminal"
    if [ $has_script -eq 1 ]; then
      shown=$(on_tty NO_COLOR=1 OMP_WAIT_POLICY=passive -- "${cmd[@]}")
      [ "$(escapes "$shown")" -eq 0 ] || bad "ner-$run with NO_COLOR=1 on a terminal: escape codes: $(cat -v <<<"$shown")"
      [ "$(redraws "$shown")" -eq 0 ] || bad "ner-$run with NO_COLOR=1 on a terminal: a progress bar"
    fi
    unset -n cmd
  done
fi

[ $fail -eq 0 ] && echo "conventions hold for:" $tools
exit $fail
