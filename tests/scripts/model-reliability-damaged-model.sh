#!/usr/bin/env bash
# A truncated or bit-flipped model file is rejected with a clear message, never a crash (issue 7).
# A tiny model is trained, then damaged: cut at every boundary of its layout (magic, version,
# header length, header, checksums, payload) and in between, a bit flipped in each of the first 20
# bytes and at seeded places in the header and the weights, a byte appended. For each:
#   ner-tag -m DAMAGED  must exit 1 with one line `ner-tag: FILE: ...` on stderr naming the fault
#                       (not a ner model file, truncated, corrupt, newer format) and write nothing;
#   ner-tag --info      must do the same, or succeed where only the weights are damaged (it reads
#                       the header alone).
# The checkpoint (MODEL.ckpt) is cut and flipped too: ner-train --resume must refuse it in one line.
# Usage: model-reliability-damaged-model.sh TOOLDIR SRCDIR BUILDDIR
set -u
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
for t in ner-train ner-tag; do
  [ -x "$tools/$t" ] || { echo "skipped: $t is not built"; exit 77; }
done
export LC_ALL=C.UTF-8 OMP_WAIT_POLICY=passive NO_COLOR=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
input=$src/testdata/split-sample.conll

"$tools/ner-train" -q -t "$input" -o good.ner --epochs 1 --seed 3 --threads 1 --device cpu --arch bilstm-crf \
  --embedding-dim 4 --hidden 4 || { echo "FAIL: could not train the model to damage"; exit 1; }
"$tools/ner-tag" -m good.ner "$input" -o good.tags || { echo "FAIL: the undamaged model does not tag"; exit 1; }
size=$(stat -c %s good.ner)
hlen=$(od -An -t u8 -j 12 -N 8 good.ner | tr -d ' ')
payload_at=$((20 + hlen + 16))
echo "model: $size bytes, header $hlen bytes, weights from byte $payload_at"

status=0 cases=0
messages='not a ner model file|truncated model file|model file is corrupt|model file format version [0-9]+ is newer than this ner'
check() {  # NAME: runs ner-tag on bad.ner both ways
  local name=$1 st err
  cases=$((cases + 1))
  rm -f out.tags
  timeout 120 "$tools/ner-tag" -m bad.ner "$input" -o out.tags 2>err
  st=$?
  err=$(cat err)
  if [ "$st" -ne 1 ] || [ "$(wc -l <err)" -ne 1 ] || ! grep -Eq "^ner-tag: bad\.ner: ($messages)" err; then
    echo "FAIL: $name: ner-tag -m: status $st, stderr: ${err:0:300}"; status=1
  fi
  [ -e out.tags ] && { echo "FAIL: $name: ner-tag left an output file"; status=1; }
  timeout 120 "$tools/ner-tag" --info bad.ner >/dev/null 2>err
  st=$?
  if [ "$st" -eq 1 ]; then
    grep -Eq "^ner-tag: bad\.ner: ($messages)" err && [ "$(wc -l <err)" -eq 1 ] ||
      { echo "FAIL: $name: ner-tag --info: $(head -c 300 err)"; status=1; }
  elif [ "$st" -ne 0 ] || [ -s err ]; then
    echo "FAIL: $name: ner-tag --info: status $st, stderr: $(head -c 300 err)"; status=1
  fi
}

# Truncations at the layout's boundaries, one byte either side, and inside each part.
for n in 0 1 7 8 9 11 12 13 19 20 21 $((20 + hlen / 2)) $((20 + hlen - 1)) $((20 + hlen)) $((20 + hlen + 4)) \
         $((20 + hlen + 8)) $((20 + hlen + 12)) $((payload_at - 1)) $payload_at $((payload_at + 1)) \
         $(((payload_at + size) / 2)) $((size - 2)) $((size - 1)); do
  head -c "$n" good.ner >bad.ner
  check "cut to $n bytes"
done

# One bit flipped: in each byte of the fixed part, and at seeded places in the header (its JSON
# and its checksum), the payload length and the weights.
flip() {  # OFFSET BIT
  cp good.ner bad.ner
  local byte
  byte=$(od -An -t u1 -j "$1" -N 1 good.ner | tr -d ' ')
  printf "\\$(printf '%03o' $((byte ^ (1 << $2))))" | dd of=bad.ner bs=1 seek="$1" conv=notrunc status=none
}
RANDOM=7
offsets=$(seq 0 19)
for _ in $(seq 8); do offsets+=" $((20 + RANDOM % hlen))"; done
offsets+=" $((20 + hlen)) $((20 + hlen + 7)) $((20 + hlen + 8)) $((20 + hlen + 15))"
for _ in $(seq 8); do offsets+=" $((payload_at + RANDOM % (size - payload_at)))"; done
offsets+=" $((size - 1))"
for off in $offsets; do
  flip "$off" $((off % 8))
  check "bit $((off % 8)) of byte $off flipped"
done

cp good.ner bad.ner && printf 'x' >>bad.ner && check "a byte appended"
: >bad.ner && check "an empty file"
head -c 100000 /dev/zero >bad.ner && check "zeros"

# The trainer's checkpoint, damaged the same ways: --resume must refuse it in one line and write
# no model.
ckpt_size=$(stat -c %s good.ner.ckpt)
for damage in "cut:$((ckpt_size / 2))" "cut:10" "flip:$((ckpt_size / 3))" "flip:$((ckpt_size - 1))" "flip:9"; do
  cases=$((cases + 1))
  rm -f ck.ner ck.ner.ckpt
  cp good.ner.ckpt ck.ner.ckpt
  case $damage in
    cut:*) head -c "${damage#cut:}" good.ner.ckpt >ck.ner.ckpt ;;
    flip:*) off=${damage#flip:}
            byte=$(od -An -t u1 -j "$off" -N 1 good.ner.ckpt | tr -d ' ')
            printf "\\$(printf '%03o' $((byte ^ 4)))" | dd of=ck.ner.ckpt bs=1 seek="$off" conv=notrunc status=none ;;
  esac
  timeout 120 "$tools/ner-train" -q -t "$input" -o ck.ner --epochs 2 --seed 3 --threads 1 --device cpu --resume 2>err
  st=$?
  if [ "$st" -ne 1 ] || [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^ner-train: ck\.ner\.ckpt: ' err; then
    echo "FAIL: checkpoint $damage: ner-train --resume: status $st, stderr: $(head -c 300 err)"; status=1
  fi
  [ -e ck.ner ] && { echo "FAIL: checkpoint $damage: ner-train wrote a model from it"; status=1; }
done

echo "$cases damaged model and checkpoint files: $([ $status -eq 0 ] && echo all rejected cleanly || echo some were not)"
exit $status
