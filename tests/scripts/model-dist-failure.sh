#!/usr/bin/env bash
# A data-parallel job does not hang when a process is missing, dies or hangs: with --dist-timeout
# 10, (1) a rank whose peer never starts gives up at the rendezvous; (2) when rank 1 is killed
# (kill -9) mid-training, rank 0 fails at its next all-reduce (Gloo sees the connection close);
# (3) when rank 1 is stopped (SIGSTOP), rank 0 fails once the timeout has passed. Each time rank 0
# exits with status 1 and a line naming its rank, well within a minute.
# Usage: model-dist-failure.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
export PATH="$tooldir:$PATH" LC_ALL=C.UTF-8 OMP_WAIT_POLICY=passive
. "$(dirname "$0")/check-lib.bash"
scratch=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$scratch"' EXIT
cd "$scratch"
. "$src/tests/scripts/model-dist-lib.bash"
require_gloo

ner-convert -q -f ccks -t conll "$src/testdata/demo-emr.ccks.jsonl" -o all.conll
args=(-t all.conll --embedding-dim 8 --hidden 8 --epochs 100000 --batch-size 4 --threads 1 --dist-timeout 10)

# (1) Rank 1 never comes.
start=$SECONDS
RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$(free_port) timeout 120 ner-train "${args[@]}" -o alone.ner 2> alone.err
status=$? elapsed=$((SECONDS - start))
check "a rank alone exits with status 1 (not $status)" '[ "$status" -eq 1 ]'
check "... within 40 s (took ${elapsed} s)" '[ "$elapsed" -le 40 ]'
check "... saying why in one line" '[ "$(wc -l < alone.err)" -eq 1 ] && grep -q "^ner-train: rank 0 of 2: no .*127.0.0.1:.*within 10 s" alone.err'
cat alone.err

# (2) Rank 1 dies once training is under way (the first checkpoint is written).
# Rank 0 under `timeout`, so that a hang fails the test rather than blocking it; rank 1 as itself,
# so that kill -9 hits ner-train.
port=$(free_port)
export WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port
RANK=0 timeout 300 ner-train "${args[@]}" -o m.ner 2> rank0.err &
pids[0]=$!
(RANK=1 exec ner-train "${args[@]}" -o m.ner 2> rank1.err) &
pids[1]=$!
for _ in $(seq 1200); do [ -f m.ner.ckpt ] && break; sleep 0.1; done
check "training got under way" '[ -f m.ner.ckpt ]'
kill -9 "${pids[1]}"
start=$SECONDS
wait "${pids[0]}"
status=$? elapsed=$((SECONDS - start))
wait "${pids[1]}" 2>/dev/null
check "rank 0 exits with status 1 (not $status)" '[ "$status" -eq 1 ]'
check "... within 40 s of the kill (took ${elapsed} s)" '[ "$elapsed" -le 40 ]'
check "... saying which collective failed" 'grep -q "^ner-train: rank 0: .* failed: " rank0.err'
tail -n 1 rank0.err

# (3) Rank 1 hangs (SIGSTOP: alive, connections open, silent): rank 0 gives up after the timeout.
rm -f m.ner m.ner.ckpt
export MASTER_PORT=$(free_port)
RANK=0 timeout 300 ner-train "${args[@]}" -o m.ner 2> rank0.err &
pids[0]=$!
(RANK=1 exec ner-train "${args[@]}" -o m.ner 2> rank1.err) &
pids[1]=$!
for _ in $(seq 1200); do [ -f m.ner.ckpt ] && break; sleep 0.1; done
kill -STOP "${pids[1]}"
start=$SECONDS
wait "${pids[0]}"
status=$? elapsed=$((SECONDS - start))
kill -9 "${pids[1]}"; kill -CONT "${pids[1]}"; wait "${pids[1]}" 2>/dev/null
check "with rank 1 stopped, rank 0 exits with status 1 (not $status)" '[ "$status" -eq 1 ]'
check "... after about the timeout (took ${elapsed} s)" '[ "$elapsed" -ge 5 ] && [ "$elapsed" -le 40 ]'
check "... saying which collective failed" 'grep -q "^ner-train: rank 0: .* failed: " rank0.err'
tail -n 1 rank0.err
exit $fail
