#!/usr/bin/env bash
# SIGINT during ner-train leaves a checkpoint from which --resume reaches the same model as an
# uninterrupted run (issue 7): CPU, one thread, a fixed seed. A small BiLSTM-CRF is trained for 3
# epochs once without a break; a second run gets SIGINT once its first epoch's model is written
# (so during epoch 2), must exit 130 with MODEL.ckpt written, and the same command with --resume
# must end with weights identical byte for byte to the first run's (the model files' payloads,
# see libner/model/model_file.h) and tag a stream identically.
# Usage: model-reliability-resume.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
for t in ner-train ner-tag ner-convert; do
  [ -x "$tools/$t" ] || { echo "skipped: $t is not built"; exit 77; }
done
export LC_ALL=C.UTF-8 OMP_WAIT_POLICY=passive NO_COLOR=1
scratch=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
cd "$scratch"

# About 100k tokens: an epoch takes a second or more, so the signal lands inside one.
"$tools/ner-convert" -q --from ccks --to conll --max-len 100 "$src/testdata/demo-emr.ccks.jsonl" -o demo.conll || exit 1
for _ in $(seq 8); do cat demo.conll; echo; done >train.conll
train=(-t train.conll --epochs 3 --seed 11 --threads 1 --device cpu --arch bilstm-crf --embedding-dim 16 --hidden 16
       --batch-size 16)

# The weights of a model file: the payload after the header (magic 8, version 4, header length 8,
# header, header checksum 8, payload length 8).
payload() {
  local len
  len=$(od -An -t u8 -j 12 -N 8 "$1" | tr -d ' ')
  tail -c +$((20 + len + 16 + 1)) "$1"
}

start=$(date +%s)
"$tools/ner-train" "${train[@]}" -o whole.ner 2>whole.err || { echo "FAIL: the uninterrupted run failed:"; cat whole.err; exit 1; }
echo "uninterrupted run: $(($(date +%s) - start)) s; $(grep -c . whole.err) lines on stderr"

"$tools/ner-train" "${train[@]}" -o part.ner 2>part.err &
pid=$!
for _ in $(seq 1200); do  # up to 60 s for the first epoch
  [ -f part.ner ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
[ -f part.ner ] || { echo "FAIL: the second run wrote no model after its first epoch:"; cat part.err; exit 1; }
kill -INT "$pid"
wait "$pid"
st=$?
pid=
if [ "$st" -ne 130 ]; then
  echo "FAIL: ner-train ended with status $st after SIGINT, expected 130 (0: it finished first; train longer)"
  cat part.err
  exit 1
fi
[ -f part.ner.ckpt ] || { echo "FAIL: no checkpoint part.ner.ckpt after SIGINT"; exit 1; }
grep -q 'interrupted' part.err || { echo "FAIL: no word of the interruption on stderr:"; cat part.err; exit 1; }
echo "interrupted: $(grep interrupted part.err)"

"$tools/ner-train" "${train[@]}" -o part.ner --resume 2>resume.err || { echo "FAIL: --resume failed:"; cat resume.err; exit 1; }
echo "resumed: $(grep -m1 'resuming' resume.err)"
grep -q 'resuming after epoch' resume.err || { echo "FAIL: --resume did not continue from the checkpoint:"; cat resume.err; exit 1; }

status=0
if cmp -s <(payload whole.ner) <(payload part.ner); then
  echo "ok: the resumed model's weights equal the uninterrupted run's ($(payload whole.ner | wc -c) bytes compressed)"
else
  echo "FAIL: the resumed model's weights differ from the uninterrupted run's"; status=1
fi
"$tools/ner-tag" -m whole.ner "$src/testdata/split-sample.conll" >whole.tags 2>/dev/null
"$tools/ner-tag" -m part.ner "$src/testdata/split-sample.conll" >part.tags 2>/dev/null
if [ -s whole.tags ] && cmp -s whole.tags part.tags; then
  echo "ok: both models tag the sample identically"
else
  echo "FAIL: the two models tag the sample differently (or not at all)"; status=1
fi
exit $status
