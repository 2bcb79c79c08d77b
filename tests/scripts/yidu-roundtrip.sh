#!/usr/bin/env bash
# The acceptance test for ner-convert: ccks -> conll -> ccks over all 1000 records of
# yidu-s4k (both part files; part1 starts with a BOM) gives back every text exactly and every
# entity exactly, except those the whitespace rule trims (an entity that begins or ends with a
# space: 87 of them), which come back trimmed and are counted on stderr.
# Usage: yidu-roundtrip.sh TOOLDIR SRCDIR [BUILDDIR]; exit 77 (skipped) without the corpus.
set -u
tools=$(cd "$1" && pwd)
data=${NER_DATA:-$2/../shared/data}
part1=$data/yidu-s4k/subtask1_training_part1.txt part2=$data/yidu-s4k/subtask1_training_part2.txt
if [ ! -f "$part1" ] || [ ! -f "$part2" ]; then
  echo "skipped: yidu-s4k not found under $data (set NER_DATA)"
  exit 77
fi
export PATH="$tools:$PATH" LC_ALL=C.UTF-8
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
fail=0
bad() { echo "FAILED: $*"; fail=1; }

ner-convert --from ccks --to conll "$part1" "$part2" -o yidu.conll 2> there.err || bad "ccks -> conll: $(cat there.err)"
ner-convert --from conll --to ccks yidu.conll -o back.ccks 2> back.err || bad "conll -> ccks: $(cat back.err)"
echo "stderr of ccks -> conll: $(cat there.err)"
grep -q "^ner-convert: trimmed whitespace off the ends of 87 entities (first at .*part1.txt:17)$" there.err ||
  bad "expected 87 trimmed entities reported on stderr"
[ "$(wc -l < there.err)" -eq 1 ] || bad "expected one line on stderr"
[ -s back.err ] && bad "conll -> ccks said: $(cat back.err)"
[ "$(grep -c '^# doc = ' yidu.conll)" -eq 1000 ] || bad "expected 1000 documents in the stream"

# Every text identical, every entity identical or the trimmed form of the original.
perl -CSD -MJSON::PP -e '
  use strict; use warnings;
  my ($p1, $p2, $back) = @ARGV;
  my @orig;
  for my $f ($p1, $p2) {
    open(my $in, "<", $f) or die "$f: $!";
    while (my $line = <$in>) { $line =~ s/^\x{FEFF}//; push @orig, JSON::PP->new->decode($line) }
  }
  open(my $in, "<", $back) or die;
  my @back = map { JSON::PP->new->decode($_) } <$in>;
  die "records: ".scalar(@back)." back, ".scalar(@orig)." expected\n" unless @back == @orig;
  my ($entities, $trimmed, $bad) = (0, 0, 0);
  for my $i (0 .. $#orig) {
    my $t = $orig[$i]{originalText};
    if ($back[$i]{originalText} ne $t) { print "record ", $i + 1, ": the text differs\n"; $bad++; next }
    my (@want, @got);
    for my $e (@{$orig[$i]{entities}}) {
      my ($s, $e2) = ($e->{start_pos}, $e->{end_pos});
      $s++ while $s < $e2 && substr($t, $s, 1) eq " ";
      $e2-- while $e2 > $s && substr($t, $e2 - 1, 1) eq " ";
      $trimmed++ if $s != $e->{start_pos} || $e2 != $e->{end_pos};
      push @want, "$s-$e2 $e->{label_type}";
    }
    push @got, "$_->{start_pos}-$_->{end_pos} $_->{label_type}" for @{$back[$i]{entities}};
    $entities += @got;
    my ($w, $g) = (join(", ", sort @want), join(", ", sort @got));
    if ($w ne $g) { print "record ", $i + 1, ": entities [$g], expected [$w]\n"; exit 1 if ++$bad > 10 }
  }
  print "records ", scalar(@orig), ", entities $entities, of which trimmed $trimmed\n";
  exit 1 if $bad || $trimmed != 87 || $entities != 17653;
' "$part1" "$part2" back.ccks || bad "the round trip changed more than the trimmed entities"

[ $fail -eq 0 ] && echo "ok: ccks -> conll -> ccks exact but for the 87 trimmed entities"
exit $fail
