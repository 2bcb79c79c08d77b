#!/usr/bin/env bash
# ner-tokenize's promise, checked by an independent reader (Perl): every token is exactly the
# original text at its code-point offsets (or, with --normalize nfkc, the NFKC form of it), tokens
# are in order and do not overlap, only separator characters (C0 controls, ASCII space) are left
# between them, and every document with a character that is not a separator comes out once, in
# order. Run on the bundled samples and, when present, all 1000 yidu-s4k records.
# Usage: tokenize-offsets.sh TOOLDIR SRCDIR [BUILDDIR]
set -euo pipefail
tools=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
export PATH="$tools:$PATH" LC_ALL=C.UTF-8
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
data=${NER_DATA:-$src/../shared/data}

# check MODE FIELD STREAM OPTIONS FILE...  (MODE: lines, whole or jsonl; OPTIONS: a word list)
check() {
  perl -CSD -MJSON::PP -MUnicode::Normalize=NFKC -e '
    use strict; use warnings;
    my ($mode, $field, $stream, $options, @files) = @ARGV;
    my $group = $options =~ /group-ascii/; my $nfkc = $options =~ /nfkc/;
    my (@ids, %text);
    for my $file (@files) {
      open(my $in, "<", $file) or die "$file: $!";
      if ($mode eq "whole") {
        local $/; my $t = <$in> // ""; $t =~ s/^\x{FEFF}//; push @ids, $file; $text{$file} = $t; next;
      }
      my $n = 0;
      while (my $line = <$in>) {
        $n++; $line =~ s/\n\z//; $line =~ s/\r\z//; $line =~ s/^\x{FEFF}// if $n == 1;
        my ($id, $t) = ("$file:$n", $line);
        if ($mode eq "jsonl") {
          next if $line =~ /^[ \t]*$/;
          my $r = JSON::PP->new->decode($line);
          $t = $r->{$field}; $id = ref($r->{id}) ? "$file:$n" : ($r->{id} // "$file:$n");
        }
        next unless $t =~ /[^\x00-\x20]/;
        push @ids, $id; $text{$id} = $t;
      }
    }
    open(my $s, "<", $stream) or die "$stream: $!";
    my ($doc, $text, $pos, $docs, $tokens, $bad) = (undef, undef, 0, 0, 0, 0);
    my $fail = sub { print STDERR "$stream:$.: @_\n"; exit 1 if ++$bad > 10 };
    my $finish = sub {
      return unless defined $doc;
      $fail->("doc $doc: text left after the last token is not separators") if substr($text, $pos) =~ /[^\x00-\x20]/;
    };
    while (my $line = <$s>) {
      chomp $line;
      next if $line eq "";
      if ($line =~ /^# doc = (.*)$/) {
        $finish->();
        $doc = $1; my $want = $ids[$docs++] // "(none)";
        $fail->("document $doc where $want was expected") if $doc ne $want;
        $text = $text{$doc} // ""; $pos = 0; next;
      }
      my ($tok, $start, $end, @rest) = split /\t/, $line, -1;
      $tokens++;
      $fail->("not token<TAB>start<TAB>end: $line"), next if @rest || !defined $end || $start !~ /^\d+$/ || $end !~ /^\d+$/;
      $fail->("offsets $start $end out of order (previous end $pos)"), next if $start < $pos || $end <= $start || $end > length $text;
      $fail->("gap before $start holds more than separators") if substr($text, $pos, $start - $pos) =~ /[^\x00-\x20]/;
      my $orig = substr($text, $start, $end - $start);
      my $ok = $tok eq $orig || ($nfkc && $tok eq join("", map { NFKC($_) } split //, $orig));
      $fail->("token \"$tok\" but the text at $start-$end is \"$orig\"") unless $ok;
      if ($group) {
        $fail->("ASCII word not whole at $start-$end")
          if $orig =~ /^[A-Za-z0-9]+$/ && (substr($text, $start - 1, 1) =~ /^[A-Za-z0-9]$/ && $start > 0
                                           || substr($text, $end, 1) =~ /^[A-Za-z0-9]$/);
      } else {
        $fail->("token of more than one character at $start-$end") if $end - $start != 1;
      }
      $pos = $end;
    }
    $finish->();
    $fail->("$docs documents written, ".scalar(@ids)." expected") if $docs != @ids;
    exit 1 if $bad;
    print "ok: $docs documents, $tokens tokens ($options)\n";
  ' "$@"
}

run() {  # MODE FIELD "OPTIONS" FILE...
  local mode=$1 field=$2 options=$3; shift 3
  local args=()
  case $mode in whole) args+=(--whole-file) ;; jsonl) args+=(--jsonl --text-field "$field") ;; esac
  # shellcheck disable=SC2086
  ner-tokenize -q "${args[@]}" $options "$@" > "$scratch/stream"
  check "$mode" "$field" "$scratch/stream" "$options" "$@"
}

cd "$src/testdata"
# Text that trips tokenizers: CRLF, U+3000, U+00A0, emoji, ZWJ, private use, full-width forms,
# a BOM in the middle of a line (a character there), TABs and controls.
printf '\xef\xbb\xbf患者 CT\t示\xe3\x80\x80肺\xc2\xa0炎\r\n\xf0\x9f\x98\x80\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9a\xee\x88\xb6\n\n  \xef\xbc\xa3\xef\xbc\xb4\xe3\x8e\x8e12ab\x01\xef\xbb\xbf。\n' > "$scratch/mixed.txt"
for options in "" "--group-ascii" "--max-len 7" "--max-len 5 --pack --group-ascii" "--normalize nfkc" "--normalize nfkc --group-ascii"; do
  run lines - "$options" raw-emr.txt "$scratch/mixed.txt"
  run whole - "$options" raw-note-1.txt raw-note-2.txt "$scratch/mixed.txt"
  run jsonl text "$options" raw-emr.jsonl
  run jsonl originalText "$options" raw-ccks.jsonl
done

yidu=("$data"/yidu-s4k/subtask1_training_part*.txt)
if [ -f "${yidu[0]}" ]; then
  for options in "" "--group-ascii --max-len 126" "--normalize nfkc --max-len 510 --pack"; do
    run jsonl originalText "$options" "${yidu[@]}"
  done
else
  echo "yidu-s4k absent (set NER_DATA): checked the bundled samples only"
fi
