#!/usr/bin/env bash
# The issue's property: `ner-tokenize | (labels) | ner-convert --to jsonl` gives spans whose
# text[start:end] is exactly the original substring. Labels come from a fixed pattern (B-T I-T O
# O O ...) instead of ner-tag, so the test needs no model; sentences are cut (--max-len) so that
# ner-convert must join them back into documents by their offsets. Skips (77) until ner-convert
# writes jsonl.
# Usage: tokenize-offsets-roundtrip.sh TOOLDIR SRCDIR [BUILDDIR]
set -euo pipefail
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
export PATH="$tools:$PATH" LC_ALL=C.UTF-8
if ! [ -x "$tools/ner-convert" ] || ! "$tools/ner-convert" --help 2>/dev/null | grep -- '--to' | grep -q jsonl; then
  echo "skipped: ner-convert does not write jsonl yet"
  exit 77
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
data=${NER_DATA:-$src/../shared/data}

label() {  # every fifth token begins a two-token entity, within a sentence
  # Comment and blank lines have no TAB (a token "#" does: "#<TAB>124<TAB>125").
  awk -F '\t' 'BEGIN { OFS = "\t" } !index($0, "\t") { k = 0; print; next }
               { k++; print $0, (k % 5 == 1 ? "B-T" : k % 5 == 2 ? "I-T" : "O") }'
}

# check FIELD STREAM JSONL FILE...: the entities of JSONL are those of the labelled STREAM, and
# each one's text in JSONL is the original text at the same offsets.
check() {
  perl -CSD -MJSON::PP -e '
    use strict; use warnings;
    my ($field, $stream, $jsonl, @files) = @ARGV;
    my @texts;
    for my $file (@files) {
      open(my $in, "<", $file) or die "$file: $!";
      while (my $line = <$in>) {
        $line =~ s/\n\z//; $line =~ s/\r\z//; $line =~ s/^\x{FEFF}//;
        next if $line =~ /^[ \t]*$/;
        my $t = $field eq "-" ? $line : JSON::PP->new->decode($line)->{$field};
        push @texts, $t if $t =~ /[^\x00-\x20]/;
      }
    }
    # Expected spans from the stream: B-T starts one, I-T extends it.
    my (@want, $doc, $open);
    open(my $s, "<", $stream) or die;
    while (my $line = <$s>) {
      chomp $line;
      if ($line =~ /^# doc = /) { push @want, []; $open = undef; next }
      if ($line eq "") { $open = undef; next }
      my ($tok, $start, $end, $label) = split /\t/, $line;
      if ($label eq "B-T") { $open = [$start, $end]; push @{$want[-1]}, $open }
      elsif ($label eq "I-T" && $open) { $open->[1] = $end }
      else { $open = undef }
    }
    open(my $j, "<", $jsonl) or die;
    my ($n, $spans, $bad) = (0, 0, 0);
    my $fail = sub { print STDERR "$jsonl:$.: @_\n"; exit 1 if ++$bad > 10 };
    while (my $line = <$j>) {
      my $d = JSON::PP->new->decode($line);
      my $orig = $texts[$n]; my $want = $want[$n] // []; $n++;
      $fail->("a document more than the input"), next unless defined $orig;
      my @got = map { [$_->{start}, $_->{end}] } grep { $_->{label} eq "T" } @{$d->{entities}};
      my $g = join(" ", map { "$_->[0]-$_->[1]" } @got), my $w = join(" ", map { "$_->[0]-$_->[1]" } @$want);
      $fail->("doc $d->{id}: spans [$g], expected [$w]") if $g ne $w;
      for my $e (@got) {
        my ($a, $b) = @$e; $spans++;
        my $o = substr($orig, $a, $b - $a); my $t = substr($d->{text}, $a, $b - $a);
        $fail->("doc $d->{id}: span $a-$b is \"$t\", the original is \"$o\"") if $t ne $o;
      }
    }
    $fail->("$n documents, ".scalar(@texts)." expected") if $n != @texts;
    exit 1 if $bad;
    print "ok: $n documents, $spans spans exact\n";
  ' "$@"
}

# roundtrip FIELD TOKENIZE-OPTIONS... -- FILE...
roundtrip() {
  local field=$1; shift
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  ner-tokenize -q "${options[@]}" "$@" | label > "$scratch/stream"
  ner-convert -q --from conll --to jsonl "$scratch/stream" > "$scratch/out.jsonl"
  check "$field" "$scratch/stream" "$scratch/out.jsonl" "$@"
}

roundtrip - --max-len 10 -- "$src/testdata/raw-emr.txt"
roundtrip text --jsonl --max-len 7 -- "$src/testdata/raw-emr.jsonl"
roundtrip originalText --jsonl --text-field originalText --max-len 9 -- "$src/testdata/raw-ccks.jsonl"
yidu=("$data"/yidu-s4k/subtask1_training_part*.txt)
if [ -f "${yidu[0]}" ]; then
  roundtrip originalText --jsonl --text-field originalText --max-len 126 -- "${yidu[@]}"
  roundtrip originalText --jsonl --text-field originalText --group-ascii --max-len 510 --pack -- "${yidu[@]}"
else
  echo "yidu-s4k absent (set NER_DATA): checked the bundled samples only"
fi
