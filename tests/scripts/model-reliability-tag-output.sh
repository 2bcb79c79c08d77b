#!/usr/bin/env bash
# ner-tag's output faults, as reliability-{closed-pipe,full-disk,unwritable-output}.sh check them
# for the data plane (issue 7): `ner-tag BIG | head -1` ends quietly (status 0 or 141, nothing on
# stderr, SIGPIPE ignored by the parent or not); -o /dev/full, > /dev/full, a full disk (ulimit -f
# with SIGXFSZ ignored) and an unwritable -o each give status 1, one line `ner-tag: ...`, and leave
# no file (an older output stays as it was). Both output formats, conll and jsonl.
# Usage: model-reliability-tag-output.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
. "$src/tests/scripts/reliability-lib.bash"
for t in ner-train ner-tag ner-tokenize; do
  [ -x "$tools/$t" ] || { echo "skipped: $t is not built"; exit 77; }
done
export NER_TESTDATA=${NER_TESTDATA:-$src/testdata} LC_ALL=C.UTF-8 OMP_WAIT_POLICY=passive NO_COLOR=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
make_big_inputs "$scratch" 512
"$tools/ner-tokenize" big.txt -o tokens.conll || exit 1
"$tools/ner-train" -q -t "$src/testdata/split-sample.conll" -o tiny.ner --epochs 1 --seed 1 --threads 1 \
  --arch bilstm-crf --embedding-dim 4 --hidden 4 || { echo "FAIL: could not train the model"; exit 1; }
echo "input: $(wc -l <tokens.conll) lines, $(stat -c %s tokens.conll) bytes"

status=0
for format in conll jsonl; do
  tag=("$tools/ner-tag" -m tiny.ner --format "$format" tokens.conll)
  for ignoring in no yes; do
    if [ $ignoring = yes ]; then
      (trap '' PIPE; exec "${tag[@]}") 2>err | head -1 >first
    else
      "${tag[@]}" 2>err | head -1 >first
    fi
    st=${PIPESTATUS[0]}
    what="ner-tag --format $format | head -1 (SIGPIPE ignored: $ignoring)"
    if [ "$st" -ne 0 ] && [ "$st" -ne 141 ]; then
      echo "FAIL: $what: exit status $st"; status=1
    elif [ -s err ] || [ ! -s first ]; then
      echo "FAIL: $what: stderr '$(head -c 200 err)', first line '$(head -c 100 first)'"; status=1
    else
      echo "ok: $what: status $st, stderr empty"
    fi
  done

  "${tag[@]}" -o /dev/full 2>err >/dev/null
  expect_one_line_error "ner-tag --format $format -o /dev/full" $? err ner-tag || status=1
  "${tag[@]}" 2>err >/dev/full
  expect_one_line_error "ner-tag --format $format > /dev/full" $? err ner-tag || status=1

  rm -rf out && mkdir out && echo "the older output" >out/tags
  (trap '' XFSZ; ulimit -f 128; exec "${tag[@]}" -o out/tags) 2>err >/dev/null
  expect_one_line_error "ner-tag --format $format -o FILE on a full disk" $? err ner-tag || status=1
  [ "$(cat out/tags)" = "the older output" ] || { echo "FAIL: the older output was changed"; status=1; }
  [ "$(ls -A out)" = tags ] || { echo "FAIL: files left beside the output: $(ls -A out | tr '\n' ' ')"; status=1; }

  echo "a file" >plain
  for target in plain/out missing/out out; do
    "${tag[@]}" -o "$target" 2>err >/dev/null
    expect_one_line_error "ner-tag --format $format -o $target" $? err ner-tag || status=1
  done
  [ "$(ls -A out)" = tags ] && [ ! -e missing ] || { echo "FAIL: an unwritable output left something"; status=1; }
done
exit $status
