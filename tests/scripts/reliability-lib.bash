# Helpers of the tests/scripts/reliability-*.sh tests (sourced; not a test itself: it does not end
# in .sh).

# Big inputs made by repeating the bundled samples, in folder $1, about $2 KiB each (default 1024):
#   big.txt (raw text, a document a line), big.ccks.jsonl, big.conll (a labelled stream with
#   offsets), gold.conll and pred.conll (the same tokens, different labels).
make_big_inputs() {
  local dir=$1 kib=${2:-1024} td=${NER_TESTDATA:?}
  repeat_to() {  # FILE KIB < sample (ending in one line end; a stream gets a blank line after)
    local sample
    sample=$(cat)
    case $1 in *.conll) sample+=$'\n' ;; esac
    : >"$1"
    while [ "$(stat -c %s "$1")" -lt $(($2 * 1024)) ]; do
      for _ in $(seq 64); do printf '%s\n' "$sample"; done >>"$1"
    done
  }
  repeat_to "$dir/big.txt" "$kib" <"$td/raw-emr.txt"
  repeat_to "$dir/big.ccks.jsonl" "$kib" <"$td/sample.ccks.jsonl"
  # Each copy of a stream is its own document: `# doc =` lines keep their ids, offsets restart.
  repeat_to "$dir/big.conll" "$kib" <"$td/split-sample.conll"
  local n=$(( (kib * 1024) / $(stat -c %s "$td/eval-gold.conll") + 1 ))
  for _ in $(seq "$n"); do cat "$td/eval-gold.conll"; echo; done >"$dir/gold.conll"
  for _ in $(seq "$n"); do cat "$td/eval-pred.conll"; echo; done >"$dir/pred.conll"
}

# The tools of the torch-free data plane that are built in TOOLDIR ($1), one a line.
data_tools() {
  local t
  for t in ner-convert ner-tokenize ner-split ner-eval; do
    [ -x "$1/$t" ] && echo "$t"
  done
}

# One command line per tool that writes a lot to stdout from the big inputs in folder $1 (see
# make_big_inputs), as "TOOL ARGS..."; the output option is added by the caller.
big_output_commands() {
  local d=$1
  echo "ner-tokenize $d/big.txt"
  echo "ner-convert --from ccks --to conll $d/big.ccks.jsonl"
  echo "ner-convert --from conll --to jsonl $d/big.conll"
  echo "ner-split --shard 1/1 $d/big.conll"
  echo "ner-eval $d/gold.conll $d/pred.conll --show 1000000"
}

# The output option of a tool ("-o" or "--output").
output_option() {
  case $1 in
    ner-eval) echo --output ;;
    *) echo -o ;;
  esac
}

# Checks that a failed run ended as the suite promises: exit status 1 and one line on stderr,
# "TOOL: ..." (issue 2). $1: what was run (for messages), $2: its status, $3: the stderr file,
# $4: the tool's name. Prints the failure and returns 1 otherwise.
expect_one_line_error() {
  local what=$1 status=$2 err=$3 tool=$4
  if [ "$status" -ne 1 ]; then
    echo "FAIL: $what: exit status $status, expected 1"; sed 's/^/  stderr: /' "$err" | head -5; return 1
  fi
  if [ "$(wc -l <"$err")" -ne 1 ] || ! grep -q "^$tool: " "$err"; then
    echo "FAIL: $what: expected one line '$tool: ...' on stderr, got:"; sed 's/^/  stderr: /' "$err" | head -5; return 1
  fi
  echo "ok: $what: $(cat "$err")"
}
