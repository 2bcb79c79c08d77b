#!/usr/bin/env bash
# A tool's manual page and its --help name the same options: every option name in --help appears
# in the page, and every option that the page's OPTIONS section describes (the tags of its .TP
# paragraphs) exists in --help. Tools that are not built (ner-train and ner-tag without LibTorch)
# are skipped.
# Usage: unix-man-options.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) srcdir=$(cd "$2" && pwd)
source "$(dirname "$0")/unix-lib.bash"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export LC_ALL=C.UTF-8 NO_COLOR=1
tools=$(built_tools "$tooldir" "$srcdir")
[ -n "$tools" ] || { echo "no tool is built: skipped"; exit 77; }

# The page's source as text: \- is -, font changes and \& go.
plain() { sed -e 's/\\-/-/g' -e 's/\\f\[[A-Z]*\]//g' -e 's/\\f([A-Z][A-Z]//g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$1"; }

for t in $tools; do
  page=$srcdir/man/$t.1
  [ -f "$page" ] || { bad "man/$t.1 is missing"; continue; }
  "$tooldir/$t" --help >"$scratch/help" 2>&1
  help_option_names "$scratch/help" >"$scratch/help-names"
  plain "$page" >"$scratch/page"
  while read -r o; do
    grep -qE -- "(^|[^-[:alnum:]])$o([^-[:alnum:]]|\$)" "$scratch/page" || bad "$t: $o is in --help but not in man/$t.1"
  done <"$scratch/help-names"
  # The tag line of each .TP paragraph in OPTIONS: its leading option names, before any argument.
  awk '/^\.SH/ { in_opts = ($0 ~ /^\.SH "?OPTIONS"?$/); next }
       in_opts && tag { print; tag = 0; next }
       in_opts && /^\.TP/ { tag = 1 }' "$scratch/page" |
    grep -oE -- '(^|[ ,])--?[[:alnum:]][-[:alnum:]]*' | sed 's/^[ ,]//' | sort -u >"$scratch/page-names"
  [ -s "$scratch/page-names" ] || bad "man/$t.1: its OPTIONS section describes no option (.TP tags)"
  while read -r o; do
    grep -qx -- "$o" "$scratch/help-names" || bad "$t: man/$t.1 describes $o, which --help does not list"
  done <"$scratch/page-names"
done
[ $fail -eq 0 ] && echo "man pages and --help agree for:" $tools
exit $fail
