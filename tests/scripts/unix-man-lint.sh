#!/usr/bin/env bash
# Every tool has a manual page and ner(7) exists; each page renders without a warning:
# `groff -man -ww -z` is silent. Pages in ASCII must be silent on groff's default device and on a
# UTF-8 terminal; a page that declares `coding: UTF-8` (to show Chinese text) is read the way
# man-db reads it, through preconv (-k), on a UTF-8 terminal (-Tutf8), since no PostScript font
# has CJK glyphs. Also: .TH names the page as its file does, and whatis(1) can read NAME.
# Usage: unix-man-lint.sh TOOLDIR SRCDIR BUILDDIR
set -u
srcdir=$(cd "$2" && pwd)
command -v groff >/dev/null || { echo "groff is missing (Debian: groff-base): skipped"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export LC_ALL=C.UTF-8

for src in "$srcdir"/tools/ner-*.cpp; do
  t=$(basename "$src" .cpp)
  [ -f "$srcdir/man/$t.1" ] || bad "man/$t.1 is missing"
done
[ -f "$srcdir/man/ner.7" ] || bad "man/ner.7 is missing"

for page in "$srcdir"/man/*.[1-9]; do
  name=$(basename "$page")
  if head -3 "$page" | grep -qi 'coding: *utf-8'; then
    runs=("-k -Tutf8")
  else
    runs=("" "-Tutf8")
    LC_ALL=C grep -n '[^[:print:][:space:]]' "$page" | head -3 | sed "s|^|FAIL: $name: not ASCII (declare coding: UTF-8): |" | grep . && fail=1
  fi
  for opts in "${runs[@]}"; do
    # shellcheck disable=SC2086
    warnings=$(groff -man -ww -z $opts "$page" 2>&1)
    [ -z "$warnings" ] || bad "groff -man -ww -z $opts $name:"$'\n'"$warnings"
  done
  # .TH NAME SECTION matches the file name.
  read -r th_name th_section < <(sed -n 's/^\.TH *"\{0,1\}\([^ "]*\)"\{0,1\} *"\{0,1\}\([0-9]\)"\{0,1\}.*/\1 \2/p' "$page" | head -1)
  [ "${th_name,,}.$th_section" = "$name" ] || bad "$name: .TH says ${th_name:-nothing} ${th_section:-}"
  for section in NAME DESCRIPTION "SEE ALSO"; do
    grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}\$" "$page" || bad "$name: no $section section"
  done
  case $name in *.1) for section in SYNOPSIS OPTIONS "EXIT STATUS"; do grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}\$" "$page" || bad "$name: no $section section"; done;; esac
  if command -v lexgrog >/dev/null; then
    lexgrog "$page" >/dev/null 2>&1 || bad "$name: whatis cannot read its NAME section (lexgrog)"
  fi
done
[ $fail -eq 0 ] && echo "man pages render without warnings:" $(cd "$srcdir/man" && ls)
exit $fail
