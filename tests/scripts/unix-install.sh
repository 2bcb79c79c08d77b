#!/usr/bin/env bash
# `make install PREFIX=/usr/local DESTDIR=…` installs the tools, the library and its headers, the
# CMake package and ner.pc, the man pages and the completions; a program outside the project
# (tests/install) builds against the installed library with find_package(ner) and with
# pkg-config, and runs; `make uninstall` then leaves nothing behind.
# Usage: unix-install.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) srcdir=$(cd "$2" && pwd) builddir=$(cd "$3" && pwd)
for cmd in make cmake pkg-config; do
  command -v $cmd >/dev/null || { echo "$cmd is missing: skipped"; exit 77; }
done
cache() { sed -n "s/^$1:[A-Z]*=//p" "$builddir/CMakeCache.txt"; }
cxx=$(cache CMAKE_CXX_COMPILER)
version=$(cache CMAKE_PROJECT_VERSION)
scratch=$(mktemp -d)
root=$scratch/root prefix=/usr/local
# The test's install must not replace the record of a real `make install` from this build.
manifest=$builddir/install_manifest.txt
[ -f "$manifest" ] && cp "$manifest" "$scratch/manifest.saved"
cleanup() {
  if [ -f "$scratch/manifest.saved" ]; then cp "$scratch/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
run() { "$@" >"$scratch/log" 2>&1 || { cat "$scratch/log"; bad "$*"; return 1; }; }

# 1. Install (-o build: the tree is built already; the test must not rebuild it under ctest).
run make -s -C "$srcdir" -o build install BUILD="$builddir" PREFIX=$prefix DESTDIR="$root" || exit 1
p=$root$prefix
tools=$(cd "$tooldir" && ls ner-* 2>/dev/null | grep -Ev '\.' )
find_one() { find "$p" -path "$p/$1" | head -1; }
for t in $tools; do
  [ -x "$p/bin/$t" ] || bad "bin/$t not installed"
  "$p/bin/$t" --version >/dev/null 2>&1 || bad "installed $t --version fails"
  [ ! -f "$srcdir/man/$t.1" ] || [ -f "$p/share/man/man1/$t.1" ] || bad "share/man/man1/$t.1 not installed"
  [ -f "$p/share/bash-completion/completions/$t" ] || bad "bash completion of $t not installed"
  [ -n "$(find_one "share/zsh/*/_$t")" ] || bad "zsh completion of $t not installed"
  [ -f "$p/share/fish/vendor_completions.d/$t.fish" ] || bad "fish completion of $t not installed"
done
[ -f "$p/share/man/man7/ner.7" ] || bad "share/man/man7/ner.7 not installed"
for h in io/input.h io/error.h scheme/scheme.h stream/conll_reader.h cli/tool.h; do
  [ -f "$p/include/libner/$h" ] || bad "include/libner/$h not installed"
done
lib=$(find_one "lib*/libner_core.*")
config=$(find_one "lib*/cmake/ner/ner-config.cmake")
pc=$(find_one "lib*/pkgconfig/ner.pc")
[ -n "$lib" ] || bad "libner_core not installed"
[ -n "$config" ] || bad "the CMake package (lib/cmake/ner/ner-config.cmake) not installed"
[ -n "$pc" ] || bad "lib/pkgconfig/ner.pc not installed"
[ $fail -eq 0 ] || exit 1

# A labelled stream and the entities in it (sentence, begin, end, type), worked out by hand.
printf '# doc = 1\n\xe5\x8f\x91\t0\t1\tB-SYM\n\xe7\x83\xad\t1\t2\tI-SYM\nx\t2\t3\tO\n\nA\t3\t4\tI-DIS\nB\t4\t5\tB-DRUG\n' >"$scratch/in.conll"
printf '0 0 2 SYM\n1 0 1 DIS\n1 1 2 DRUG\n' >"$scratch/expected"
check_run() {  # PROGRAM HOW
  "$1" "$scratch/in.conll" >"$scratch/out" 2>&1 || { cat "$scratch/out"; bad "$2: the consumer fails"; return; }
  diff -u "$scratch/expected" "$scratch/out" || bad "$2: the consumer prints something else"
}

# 2. CMake: find_package(ner) through CMAKE_PREFIX_PATH, with this build's own search paths after it.
with_model=OFF
[ -n "$(find_one "lib*/libner_model.*")" ] && with_model=ON
if run cmake -S "$srcdir/tests/install" -B "$scratch/cmake" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
     "-DCMAKE_PREFIX_PATH=$p;$(cache CMAKE_PREFIX_PATH)" -DWITH_MODEL=$with_model &&
   run cmake --build "$scratch/cmake"; then
  found=$(sed -n 's/^ner_DIR:[A-Z]*=//p' "$scratch/cmake/CMakeCache.txt")
  case $found in *"$root"*) ;; *) bad "find_package(ner) found $found, not the package in DESTDIR";; esac
  check_run "$scratch/cmake/consumer" "find_package(ner)"
  [ $with_model = OFF ] || check_run "$scratch/cmake/consumer_model" "find_package(ner COMPONENTS model)"
fi

# 3. pkg-config through PKG_CONFIG_PATH (ner.pc's paths are relative to the file).
export PKG_CONFIG_PATH=$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
[ "$(pkg-config --modversion ner)" = "$version" ] || bad "pkg-config --modversion ner: $(pkg-config --modversion ner), expected $version"
flags=$(pkg-config --cflags --libs ner) || bad "pkg-config --cflags --libs ner"
case $flags in *"$root"*) ;; *) bad "pkg-config points outside DESTDIR: $flags";; esac
# shellcheck disable=SC2086
run "$cxx" -std=c++17 -o "$scratch/consumer-pc" "$srcdir/tests/install/consumer.cpp" $flags &&
  check_run "$scratch/consumer-pc" "pkg-config"

# 4. Uninstall removes every file it installed, and ner's own folders.
run make -s -C "$srcdir" uninstall BUILD="$builddir" DESTDIR="$root"
left=$(find "$root" ! -type d)
[ -z "$left" ] || bad "make uninstall left: $left"
[ ! -e "$p/include/libner" ] || bad "make uninstall left include/libner"
[ -z "$(find "$root" -type d -path '*/cmake/ner')" ] || bad "make uninstall left lib/cmake/ner"

[ $fail -eq 0 ] && echo "installed into DESTDIR, built and ran a consumer with find_package(ner)" \
  "(model: $with_model) and pkg-config, uninstalled"
exit $fail
