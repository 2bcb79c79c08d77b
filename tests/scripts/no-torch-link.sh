#!/usr/bin/env bash
# The data plane must not load LibTorch (issue 2): ner-convert, ner-tokenize, ner-split and
# ner-eval start in milliseconds and run where torch is absent. Fails if `ldd` shows libtorch or
# libc10 for any of them that is built.
# Usage: no-torch-link.sh TOOLDIR [SRCDIR BUILDDIR]
set -u
tools=$1
command -v ldd >/dev/null || { echo "skipped: no ldd"; exit 77; }
status=0 checked=0
for tool in ner-convert ner-tokenize ner-split ner-eval; do
  [ -x "$tools/$tool" ] || { echo "$tool: not built"; continue; }
  checked=$((checked + 1))
  if torch=$(ldd "$tools/$tool" | grep -E 'lib(torch|c10)'); then
    echo "$tool links LibTorch:"
    echo "$torch"
    status=1
  else
    echo "$tool: $(ldd "$tools/$tool" | wc -l) shared objects, no libtorch/libc10"
  fi
done
[ "$checked" -gt 0 ] || { echo "skipped: none of the tools is built"; exit 77; }
exit $status
