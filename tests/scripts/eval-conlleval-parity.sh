#!/usr/bin/env bash
# ner-eval's default mode against the reference conlleval ($NER_DATA/conlleval/conlleval, Perl):
# on every corpus of $NER_DATA that can serve as gold (CoNLL-2003 eng.* and iob2/*, Resume NER,
# Weibo NER 2nd, cMedQANER's txt, yidu-s4k when ner-convert can turn it into a stream), the gold
# label is appended once unchanged and once perturbed by a seeded generator (types flipped,
# labels shifted by a token, entities split, merged and dropped, spurious labels, so ill-formed
# sequences too), and both programs read each file with the default options and with -r, -d,
# -o and -l. Their stdout must be the same byte for byte and their exit statuses must agree
# (both 0, or both failing; 1 where conlleval exits 1). Skipped without perl or the data.
# Usage: eval-conlleval-parity.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$1
conlleval=${NER_DATA:-}/conlleval/conlleval
command -v perl > /dev/null || { echo "perl not found: skipped"; exit 77; }
[ -f "$conlleval" ] || { echo "conlleval not found in \$NER_DATA ($conlleval): skipped"; exit 77; }
export PATH="$tooldir:$PATH" LC_ALL=C.UTF-8
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
fail=0 compared=0
TAB=$(printf '\t')

# perturb SEED RATE DELIM < corpus > file: appends a predicted label to every token line (the last
# field is the gold label; DELIM is the field separator), changed at random for about RATE of the
# tokens. Blank lines, and a missing final line end, stay as they are. Perl's rand is its own
# drand48, so a seed gives the same file everywhere.
cat > perturb.pl <<'PERL'
use strict;
my ($seed, $rate, $delim) = @ARGV;
srand($seed);
local $/;
my $text = <STDIN>;
my $final_newline = $text =~ /\n\z/;
my @lines = split /\n/, $text, -1;
pop @lines if $final_newline;
my (%labels, %types);
for (@lines) {
  next if $_ eq '';
  my @f = split /\Q$delim\E/;
  my $l = $f[-1];
  $labels{$l} = 1;
  $types{$3} = 1 if $l =~ /^([A-Z])([-_])(.+)$/;
}
my @labels = sort keys %labels;
my @types = sort keys %types;
my $sep = (grep { /^[A-Z]_/ } @labels) ? '_' : '-';
my $inside = (grep { /^M$sep/ } @labels) ? 'M' : 'I';
my @out;
my @block;
sub flush {
  my @g = map { my @f = split /\Q$delim\E/; $f[-1] } @block;
  my @p = @g;
  for my $i (0 .. $#p) {
    next if rand() >= $rate;
    my $op = int(rand(6));
    my ($prefix, $type) = $p[$i] =~ /^([A-Z])[-_](.+)$/ ? ($1, $2) : ('', '');
    if ($op == 0 && $prefix ne '') {          # flip the type, of the token or of the run
      my $t = $types[int(rand(@types))];
      my $j = $i;
      do { $p[$j] =~ s/^([A-Z][-_]).+$/$1$t/; $j++ } while (rand() < 0.7 && $j <= $#p && $p[$j] =~ /^[IME][-_]\Q$type\E$/);
    } elsif ($op == 1 && $i < $#p) {           # shift a boundary by one token
      @p[$i, $i + 1] = @p[$i + 1, $i];
    } elsif ($op == 2 && $prefix =~ /^[IME]$/) {  # split an entity
      $p[$i] = "B$sep$type";
    } elsif ($op == 3 && $prefix =~ /^[BS]$/) {   # merge with what comes before
      $p[$i] = "$inside$sep$type";
    } elsif ($op == 4) {                       # drop
      my $j = $i;
      do { $p[$j++] = 'O' } while ($j <= $#p && $p[$j] !~ /^(O|B[-_].*|S[-_].*)$/ && rand() < 0.8);
    } elsif ($op == 5) {                       # a spurious or ill-formed label
      $p[$i] = $labels[int(rand(@labels))];
    }
  }
  push @out, map { $block[$_] . $delim . $p[$_] } 0 .. $#block;
  @block = ();
}
for (@lines) {
  if ($_ eq '') { flush(); push @out, ''; } else { push @block, $_; }
}
flush();
print join("\n", @out), ($final_newline ? "\n" : "");
PERL

# same NAME FILE ARGS...: runs both programs on FILE with ARGS and compares them.
same() {
  local name=$1 file=$2
  shift 2
  perl "$conlleval" "$@" < "$file" > want.out 2> want.err
  local want=$?
  ner-eval "$@" < "$file" > got.out 2> got.err
  local got=$?
  compared=$((compared + 1))
  if [ "$want" -eq 0 ] && [ "$got" -eq 0 ]; then
    # The sentence by sentence path (taken for --errors, --bootstrap, ...) must print the same.
    ner-eval "$@" --errors < "$file" | head -c "$(wc -c < want.out)" > slow.out
    if cmp -s want.out got.out && cmp -s want.out slow.out; then
      echo "ok: $name $*: $(head -c 90 got.out | head -1)"
    else
      echo "FAILED: $name $*: the reports differ"; diff want.out got.out | head -20; fail=1
    fi
  elif [ "$want" -ne 0 ] && [ "$got" -ne 0 ] && { [ "$want" -ne 1 ] || [ "$got" -eq 1 ]; }; then
    echo "ok: $name $*: both fail ($want, $got): $(cat got.err)"
  else
    echo "FAILED: $name $*: exit status $got, conlleval's $want ($(head -c 300 want.err) / $(head -c 300 got.err))"
    fail=1
  fi
}

# corpus NAME FILE DELIM [full]: the checks on one corpus; `full` adds the option variants.
corpus() {
  local name=$1 file=$2 delim=$3 full=${4:-}
  perl perturb.pl 0 0 "$delim" < "$file" > gold.txt
  perl perturb.pl 17 0.15 "$delim" < "$file" > pred.txt
  local -a d=()
  [ "$delim" = "$TAB" ] && d=(-d "$TAB")
  same "$name gold" gold.txt "${d[@]}"
  same "$name perturbed" pred.txt "${d[@]}"
  if [ "$delim" = "$TAB" ]; then
    # Without -d conlleval stops at line 1 of TAB-separated input; ner-eval reads it as -d TAB.
    perl "$conlleval" -d "$TAB" < pred.txt > want.out
    ner-eval < pred.txt > got.out
    compared=$((compared + 1))
    if cmp -s want.out got.out; then echo "ok: $name perturbed, no -d: as conlleval -d TAB"
    else echo "FAILED: $name perturbed, no -d: not as conlleval -d TAB"; diff want.out got.out | head; fail=1; fi
  fi
  [ -n "$full" ] || return 0
  same "$name perturbed" pred.txt "${d[@]}" -r
  same "$name perturbed" pred.txt "${d[@]}" -l
  same "$name perturbed" pred.txt "${d[@]}" -r -l
  same "$name perturbed" pred.txt "${d[@]}" -o X   # -o alone changes nothing
  # -r -o: the outside label renamed to OUT in the label fields.
  perl -pe 's/(\S+)(\s+)(\S+)$/($1 eq "O" ? "OUT" : $1).$2.($3 eq "O" ? "OUT" : $3)/e' pred.txt > out.txt
  same "$name perturbed, O as OUT" out.txt "${d[@]}" -r -o OUT
  # -d: the same fields separated by TAB, given as a TAB and as \t; a regular expression.
  tr ' ' '\t' < pred.txt > tab.txt
  same "$name perturbed, TAB-separated" tab.txt -d "$TAB"
  same "$name perturbed, TAB-separated" tab.txt -d '\t'
  same "$name perturbed, TAB-separated" tab.txt -d '[\t]'
  same "$name perturbed, TAB-separated" tab.txt -d '\s' -r
  if [ "$delim" = " " ]; then
    tr ' ' '~' < pred.txt > tilde.txt
    same "$name perturbed, ~-separated" tilde.txt -d '~'
    tr ' ' '|' < pred.txt > bar.txt
    same "$name perturbed, |-separated" bar.txt -d '\|'
    sed 's/ /  /' pred.txt > double.txt   # two spaces make an empty field
    same "$name perturbed, a double space" double.txt
    same "$name perturbed, a double space" double.txt -d ' +'
  fi
}

data=${NER_DATA:-}
found=0
for f in eng.testa eng.testb eng.train iob2/dev.txt iob2/test.txt iob2/train.txt; do
  [ -f "$data/conll2003/$f" ] || continue
  found=1
  full=; case $f in eng.testb | iob2/dev.txt) full=full ;; esac
  corpus "conll2003/$f" "$data/conll2003/$f" " " $full
done
for f in dev test train; do
  [ -f "$data/resume-ner/$f.char.bmes" ] || continue
  found=1
  full=; [ $f = dev ] && full=full
  corpus "resume-ner/$f" "$data/resume-ner/$f.char.bmes" " " $full
done
for f in dev test train; do
  [ -f "$data/weibo-ner/weiboNER_2nd_conll.$f" ] || continue
  found=1
  full=; [ $f = dev ] && full=full
  corpus "weibo-ner/2nd.$f" "$data/weibo-ner/weiboNER_2nd_conll.$f" "$TAB" $full
done
for f in dev test train; do
  [ -f "$data/cmedqa-ner/$f.txt" ] || continue
  found=1
  full=; [ $f = dev ] && full=full
  corpus "cmedqa-ner/$f" "$data/cmedqa-ner/$f.txt" " " $full
  # B_disease has no hyphen, so conlleval sees no chunk in it; with hyphens it does.
  sed 's/ \([BI]\)_/ \1-/' "$data/cmedqa-ner/$f.txt" > cmedqa-hyphen.txt
  corpus "cmedqa-ner/$f (B-disease)" cmedqa-hyphen.txt " "
done
if [ -f "$data/yidu-s4k/subtask1_training_part1.txt" ] && command -v ner-convert > /dev/null; then
  for part in 1 2; do
    if ner-convert --from ccks --to conll -o yidu.conll "$data/yidu-s4k/subtask1_training_part$part.txt" 2> convert.err; then
      found=1
      # conlleval reads no comment lines; the token is the first column, the label the last.
      grep -v '^#' yidu.conll > yidu.txt
      corpus "yidu-s4k part$part (ner-convert)" yidu.txt "$TAB" $([ $part = 1 ] && echo full)
    else
      echo "ner-convert could not convert yidu-s4k ($(head -c 200 convert.err)): that corpus skipped"
    fi
  done
else
  echo "yidu-s4k or ner-convert absent: that corpus skipped"
fi
[ "$found" -eq 1 ] || { echo "no corpus found in \$NER_DATA ($data): skipped"; exit 77; }

# Where conlleval stops: a line with another number of fields (exit 1), a line with one field.
printf 'a O O\nb O\n' > fields.txt
same "a short line" fields.txt
printf 'a\nb\n' > one.txt
same "one field" one.txt
printf 'a B-X B-X\nb I-X I-X extra\n' > long.txt
same "a long line" long.txt
echo "$compared comparisons"
exit $fail
