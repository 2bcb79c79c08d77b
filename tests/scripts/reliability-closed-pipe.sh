#!/usr/bin/env bash
# A closed pipe ends a tool quietly (issue 7): `tool BIG | head -1` must print nothing on stderr
# and end with status 0 or 141 (killed by SIGPIPE, as cat and grep are), for each tool of the
# data plane writing megabytes to stdout, whether the shell that started it ignores SIGPIPE or not.
# Usage: reliability-closed-pipe.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
. "$src/tests/scripts/reliability-lib.bash"
export NER_TESTDATA=${NER_TESTDATA:-$src/testdata} LC_ALL=C.UTF-8
[ -n "$(data_tools "$tools")" ] || { echo "skipped: no data tool is built in $tools"; exit 77; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
make_big_inputs "$scratch" 1024

status=0 checked=0
while read -r tool args; do
  [ -x "$tools/$tool" ] || continue
  for ignoring in no yes; do
    # A parent that ignores SIGPIPE (Python's subprocess, some CI runners) passes that on; the
    # tool must still stop at the first write into the closed pipe.
    if [ $ignoring = yes ]; then
      (trap '' PIPE; exec "$tools/$tool" $args) 2>"$scratch/err" | head -1 >"$scratch/first"
    else
      "$tools/$tool" $args 2>"$scratch/err" | head -1 >"$scratch/first"
    fi
    st=${PIPESTATUS[0]}
    what="$tool ${args//$scratch\//} | head -1 (SIGPIPE ignored: $ignoring)"
    checked=$((checked + 1))
    if [ "$st" -ne 0 ] && [ "$st" -ne 141 ]; then
      echo "FAIL: $what: exit status $st, expected 0 or 141"; status=1
    elif [ -s "$scratch/err" ]; then
      echo "FAIL: $what: stderr is not empty:"; head -3 "$scratch/err" | sed 's/^/  /'; status=1
    elif [ ! -s "$scratch/first" ]; then
      echo "FAIL: $what: no first line came out"; status=1
    else
      echo "ok: $what: status $st, stderr empty"
    fi
  done
done < <(big_output_commands "$scratch")
[ "$checked" -gt 0 ] || { echo "skipped: none of the commands' tools is built"; exit 77; }
exit $status
