#!/usr/bin/env zsh
# Prints the candidates that zsh's completion system offers for a command line, one a line:
#   zsh -f unix-complete.zsh FPATH_DIR 'ner-split --by '
# An interactive zsh runs in a pseudo-terminal (zsh/zpty) with FPATH_DIR first in $fpath; TAB
# completes, and a compadd wrapper prints what is added between two NUL markers. (The approach of
# Valodim's zsh-capture-completion.) Used by unix-completions.sh; not a test by itself.
zmodload zsh/zpty || exit 77
fdir=$1; shift
zpty z zsh -f -i
zpty -w z "PROMPT=; fpath=(${(q)fdir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "bindkey '^I' complete-word; zstyle ':completion:*' list-grouped false"
zpty -w z "null-line() { echo -E - \$'\\0' }; compprefuncs=(null-line); comppostfuncs=(null-line exit)"
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a hits; builtin compadd -A hits "$@"; (( $#hits )) || return 1
  print -l -- $hits; builtin compadd "$@"
}; echo ok'
while zpty -r z line; do [[ $line == ok* ]] && break; done
zpty -w z "$*"$'\t'
integer seen=0
while zpty -r z line; do
  if [[ $line == *$'\0'* ]]; then (( seen++ )) && break || continue; fi
  (( seen )) && print -r -- "${${line%$'\n'}%$'\r'}"
done
zpty -d z
