#!/usr/bin/env bash
# An output that cannot be written gives an error and no partial file (issue 7), for each tool of
# the data plane: a path under a regular file (ENOTDIR, which holds for root too), under a folder
# that does not exist, an existing folder as the output file, and (when not root, whom
# permissions do not stop) a read-only folder. Each must end with status 1, one line
# `tool: ...` on stderr, and leave nothing behind.
# Usage: reliability-unwritable-output.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
. "$src/tests/scripts/reliability-lib.bash"
export NER_TESTDATA=${NER_TESTDATA:-$src/testdata} LC_ALL=C.UTF-8
[ -n "$(data_tools "$tools")" ] || { echo "skipped: no data tool is built in $tools"; exit 77; }
scratch=$(mktemp -d)
trap 'chmod -R u+w "$scratch"; rm -rf "$scratch"' EXIT
make_big_inputs "$scratch" 64
mkdir "$scratch/w"
echo "a file" >"$scratch/w/file"
mkdir "$scratch/w/folder" "$scratch/w/readonly"
chmod a-w "$scratch/w/readonly"
snapshot() { (cd "$scratch/w" && find . -printf '%p %s\n' | sort); }
before=$(snapshot)

targets=("file/out" "missing/out" "folder")
[ "$(id -u)" -ne 0 ] && targets+=("readonly/out")

status=0
while read -r tool args; do
  [ -x "$tools/$tool" ] || continue
  opt=$(output_option "$tool")
  for target in "${targets[@]}"; do
    "$tools/$tool" $args "$opt" "$scratch/w/$target" 2>"$scratch/err" >/dev/null
    expect_one_line_error "$tool ${args//$scratch\//} $opt $target" $? "$scratch/err" "$tool" || status=1
    if [ "$(snapshot)" != "$before" ]; then
      echo "FAIL: $tool $opt $target left something behind:"; diff <(echo "$before") <(snapshot) | sed 's/^/  /'; status=1
      before=$(snapshot)
    fi
  done
done < <(big_output_commands "$scratch")

# ner-split's parts: a prefix under a regular file.
if [ -x "$tools/ner-split" ]; then
  "$tools/ner-split" --ratio 8:1:1 -o "$scratch/w/file/part" "$scratch/big.conll" 2>"$scratch/err"
  expect_one_line_error "ner-split --ratio 8:1:1 -o file/part" $? "$scratch/err" ner-split || status=1
  [ "$(snapshot)" = "$before" ] || { echo "FAIL: ner-split left something behind"; status=1; }
fi
exit $status
