#!/usr/bin/env bash
# A full disk gives an error and no partial file (issue 7), for each tool of the data plane:
#   -o /dev/full           (every write fails with ENOSPC)
#   > /dev/full            (stdout: the error must not be lost in an unchecked flush)
#   -o FILE on a full disk (simulated with `ulimit -f`, SIGXFSZ ignored so that writes past the
#                           limit fail with EFBIG as they would with ENOSPC): no FILE afterwards,
#                           an older FILE left as it was, and no temporary file beside it.
# Each must end with status 1 and one line `tool: ...` on stderr.
# Usage: reliability-full-disk.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
. "$src/tests/scripts/reliability-lib.bash"
export NER_TESTDATA=${NER_TESTDATA:-$src/testdata} LC_ALL=C.UTF-8
[ -n "$(data_tools "$tools")" ] || { echo "skipped: no data tool is built in $tools"; exit 77; }
[ -w /dev/full ] || { echo "skipped: no /dev/full"; exit 77; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
make_big_inputs "$scratch" 512
limit_kib=64  # far below every output (megabytes)

status=0
while read -r tool args; do
  [ -x "$tools/$tool" ] || continue
  opt=$(output_option "$tool")
  name="$tool ${args//$scratch\//}"

  "$tools/$tool" $args "$opt" /dev/full 2>"$scratch/err" >/dev/null
  expect_one_line_error "$name $opt /dev/full" $? "$scratch/err" "$tool" || status=1

  "$tools/$tool" $args 2>"$scratch/err" >/dev/full
  expect_one_line_error "$name > /dev/full" $? "$scratch/err" "$tool" || status=1

  out=$scratch/out/result
  rm -rf "$scratch/out"
  mkdir "$scratch/out"
  echo "the older output" >"$out"
  (trap '' XFSZ; ulimit -f $((limit_kib * 2)); exec "$tools/$tool" $args "$opt" "$out") 2>"$scratch/err" >/dev/null
  expect_one_line_error "$name $opt FILE on a full disk" $? "$scratch/err" "$tool" || status=1
  if [ "$(cat "$out")" != "the older output" ]; then
    echo "FAIL: $name: the older output file was changed"; status=1
  fi
  if [ "$(ls -A "$scratch/out")" != "result" ]; then
    echo "FAIL: $name: files left beside the output: $(ls -A "$scratch/out" | grep -vx result | tr '\n' ' ')"; status=1
  fi
done < <(big_output_commands "$scratch")

# ner-split writes several parts: none may be left when one of them fails.
if [ -x "$tools/ner-split" ]; then
  rm -rf "$scratch/parts"
  mkdir "$scratch/parts"
  (trap '' XFSZ; ulimit -f $((limit_kib * 2)); exec "$tools/ner-split" --ratio 8:1:1 -o "$scratch/parts/" "$scratch/big.conll") \
    2>"$scratch/err"
  expect_one_line_error "ner-split --ratio 8:1:1 -o DIR/ on a full disk" $? "$scratch/err" ner-split || status=1
  if [ -n "$(ls -A "$scratch/parts")" ]; then
    echo "FAIL: ner-split left files behind: $(ls -A "$scratch/parts" | tr '\n' ' ')"; status=1
  fi
fi
exit $status
