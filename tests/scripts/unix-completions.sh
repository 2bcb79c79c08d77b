#!/usr/bin/env bash
# The shell completions in completions/ cannot drift from the tools: they are what
# completions/generate makes of each built tool's --help; bash, zsh and fish accept them; and they
# offer what --help lists (every option, the values of every choice list, model files for --model).
# Usage: unix-completions.sh TOOLDIR SRCDIR BUILDDIR
set -u
tooldir=$(cd "$1" && pwd) srcdir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/unix-lib.bash"
comp=$srcdir/completions
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
command -v perl >/dev/null || { echo "perl is missing: skipped"; exit 77; }
export NO_COLOR=1 LC_ALL=C.UTF-8 XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data

tools=() built=()
for src in "$srcdir"/tools/ner-*.cpp; do tools+=("$(basename "$src" .cpp)"); done
for t in "${tools[@]}"; do
  for f in "bash/$t" "zsh/_$t" "fish/$t.fish"; do
    [ -f "$comp/$f" ] || bad "completions/$f is missing: run completions/generate BUILD/$t"
  done
  if [ -x "$tooldir/$t" ]; then built+=("$t"); else echo "note: $t is not built: its completions are not compared with --help"; fi
done
[ ${#built[@]} -gt 0 ] || { echo "no tool is built: skipped"; exit 77; }

# 1. No drift: regenerating from the built tools gives the committed files.
if perl "$comp/generate" -o "$scratch/gen" "${built[@]/#/$tooldir/}"; then
  for t in "${built[@]}"; do
    for f in "bash/$t" "zsh/_$t" "fish/$t.fish"; do
      diff -u "$comp/$f" "$scratch/gen/$f" >"$scratch/diff" ||
        { cat "$scratch/diff"; bad "completions/$f is stale: run completions/generate BUILD/$t"; }
    done
  done
else
  bad "completions/generate failed"
fi

# 2. The shells accept them.
for f in "$comp"/bash/*; do bash -n "$f" || bad "bash -n $f"; done
if command -v zsh >/dev/null; then
  for f in "$comp"/zsh/_*; do zsh -n "$f" || bad "zsh -n $f"; done
else
  echo "note: zsh is not installed: zsh completions not checked"
fi
if command -v fish >/dev/null; then
  for f in "$comp"/fish/*.fish; do fish -n "$f" || bad "fish -n $f"; done
else
  echo "note: fish is not installed: fish completions not checked"
fi

# 3. They offer what --help lists (bash always; fish and zsh where installed). --help is read here on its own (not by the generator's code):
# the option lines, their names, and the values of a choice list `{a,b}` or mapping `{a->0,b->1}`.
mkdir -p "$scratch/files/sub"
touch "$scratch/files/x.model" "$scratch/files/y.conll"
# bash_complete TOOL WORD... : the candidates bash offers for the last WORD, one a line, sorted.
bash_complete() {
  local tool=$1; shift
  (cd "$scratch/files" && bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    func=$(complete -p "${COMP_WORDS[0]}" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    "$func" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$comp/bash/$tool" "$tool" "$@") | sed '/^$/d' | sort -u
}
fish_complete() {
  local tool=$1 line=$2
  (cd "$scratch/files" && fish -c 'source $argv[1]; complete -C $argv[2]' "$comp/fish/$tool.fish" "$line") | cut -f1 | sort -u
}
# zsh_complete LINE: the candidates zsh offers at the end of LINE (empty where zsh cannot run it).
zsh_complete() {
  (cd "$scratch/files" && timeout 60 zsh -f "$here/unix-complete.zsh" "$comp/zsh" "$1") | sed '/^$/d' | sort -u
}
has_zsh=0
if command -v zsh >/dev/null && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
  has_zsh=1
  [ "$(zsh_complete "${built[0]} --help")" = "--help" ] ||
    { has_zsh=0; echo "note: zsh cannot complete in a pseudo-terminal here: zsh candidates not checked"; }
fi
words() { tr ' ' '\n' | sed '/^$/d' | sort -u; }
# Options whose values must complete as words (issue 6), wherever a tool has them.
valued="--format --scheme --arch --from --to --device"

for t in "${built[@]}"; do
  "$tooldir/$t" --help >"$scratch/help" 2>&1
  help_option_lines "$scratch/help" >"$scratch/lines"
  # every long name, and the short name of an option that has no long one
  expected=$(awk '{print $1}' "$scratch/lines" | sed 's/{[^}]*}$//' |
             awk -F, '{n=0; for (i=1;i<=NF;i++) if ($i ~ /^--/) {print $i; n++}; if (!n) print $1}' | sort -u)
  got=$(bash_complete "$t" -)
  [ "$got" = "$expected" ] || bad "$t: bash offers for '-':"$'\n'"$got"$'\n'"but --help lists:"$'\n'"$expected"
  if [ $has_zsh -eq 1 ]; then
    got=$(zsh_complete "$t --")
    [ "$got" = "$(grep -E '^--' <<<"$expected")" ] || bad "$t: zsh offers for '--' [$(echo $got)]"
  fi
  while read -r names rest; do
    names=${names%%\{*}
    long=$(tr ',' '\n' <<<"$names" | grep -E '^--' | head -1)
    [ -n "$long" ] || continue
    choices=$(grep -oE '\{[^{}]*\}' <<<"$rest" | head -1 | tr -d '{}' | tr ',' '\n' | sed 's/->.*//' | sort -u)
    if [ -n "$choices" ]; then
      got=$(bash_complete "$t" "$long" "")
      [ "$got" = "$choices" ] || bad "$t $long: bash offers [$(echo $got)], --help lists [$(echo $choices)]"
      got=$(bash_complete "$t" "$long" "=" "")
      [ "$got" = "$choices" ] || bad "$t $long=: bash offers [$(echo $got)], --help lists [$(echo $choices)]"
      if command -v fish >/dev/null; then
        got=$(fish_complete "$t" "$t $long ")
        [ "$got" = "$choices" ] || bad "$t $long: fish offers [$(echo $got)], --help lists [$(echo $choices)]"
      fi
      if [ $has_zsh -eq 1 ]; then
        got=$(zsh_complete "$t $long ")
        [ "$got" = "$choices" ] || bad "$t $long: zsh offers [$(echo $got)], --help lists [$(echo $choices)]"
      fi
    fi
    case " $valued " in
      *" $long "*)
        got=$(bash_complete "$t" "$long" "")
        if [ -z "$got" ] || grep -qx 'y.conll' <<<"$got"; then
          bad "$t $long: its values do not complete (give it a choice list: ->check(CLI::IsMember({...})))"
        fi ;;
    esac
    # Words from the generator's table (no choice list in --help) must at least be in --help.
    if [ -z "$choices" ]; then
      for w in $(bash_complete "$t" "$long" ""); do
        [ -e "$scratch/files/$w" ] && continue   # a file, not a word
        grep -qw -- "$w" "$scratch/help" || bad "$t $long: completes '$w', which --help never mentions"
      done
    fi
    if [ "$long" = --model ]; then
      got=$(bash_complete "$t" --model "" | words)
      [ "$got" = "$(words <<<'sub x.model')" ] || bad "$t --model: bash offers [$(echo $got)], expected [sub x.model]"
      if command -v fish >/dev/null; then
        got=$(fish_complete "$t" "$t --model ")
        [ "$got" = "$(words <<<'sub/ x.model')" ] || bad "$t --model: fish offers [$(echo $got)], expected [sub/ x.model]"
      fi
      if [ $has_zsh -eq 1 ]; then
        got=$(zsh_complete "$t --model ")
        [ "$got" = "$(words <<<'sub x.model')" ] || bad "$t --model: zsh offers [$(echo $got)], expected [sub x.model]"
      fi
    fi
  done <"$scratch/lines"
  # Input files as positional arguments.
  if grep -q '^Positionals:' "$scratch/help"; then
    got=$(bash_complete "$t" "")
    grep -qx 'y.conll' <<<"$got" || bad "$t: bash offers no files for a positional argument: [$(echo $got)]"
  fi
done

# 4. With bash-completion loaded, its _filedir is used and still filters model files.
bc=/usr/share/bash-completion/bash_completion
if [ -f "$bc" ]; then
  for t in "${built[@]}"; do
    grep -qE '(^|,)--model' <("$tooldir/$t" --help | awk '/^ +-/{print $1}') || continue
    got=$(cd "$scratch/files" && bash --norc --noprofile -c '
      source "$1" 2>/dev/null; source "$2"
      COMP_WORDS=("$3" --model ""); COMP_CWORD=2; COMP_LINE="$3 --model "; COMP_POINT=${#COMP_LINE}
      func=$(complete -p "$3" | sed -n "s/.*-F \([^ ]*\) .*/\1/p"); "$func"
      printf "%s\n" "${COMPREPLY[@]}"' _ "$bc" "$comp/bash/$t" "$t" | sort -u | words)
    [ "$got" = "$(words <<<'sub x.model')" ] || bad "$t --model with bash-completion: offers [$(echo $got)]"
  done
fi

[ $fail -eq 0 ] && echo "completions of ${built[*]}: up to date, accepted, complete what --help lists"
exit $fail
