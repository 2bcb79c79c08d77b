# Helpers of the tests/scripts/unix-*.sh tests (sourced; not a test itself: it does not end in .sh).

# The option lines of a tool's --help (CLI11 layout): indented lines starting with a dash in the
# "Options:" section, an "[Option Group: X]" or an ->group("X") section ("X:" after two blank
# lines); not the examples of a footer (the first other line in column 0 once sections began).
help_option_lines() {
  awk '/^[ \t]*$/ { blanks++; next }
       /^[^ \t]/ { after = blanks; blanks = 0
                   if ($0 ~ /^(Options|Positionals|Subcommands):[ \t]*$/) { opts = ($0 ~ /^Options/); begun = 1 }
                   else if ($0 ~ /^\[Option Group:/ || (begun && after >= 2 && $0 ~ /:[ \t]*$/)) { opts = 1; begun = 1 }
                   else if (begun) exit
                   next }
       { blanks = 0 }
       /^[ \t]+Options:[ \t]*$/ { opts = 1; next }
       opts && /^[ \t]+-/' "$@"
}

# Every name of those options, one a line: -m --model --from ...
help_option_names() {
  help_option_lines "$@" | awk '{print $1}' | sed 's/{[^}]*}$//' | tr ',' '\n' | sort -u
}

# The ner-* tools named by SRCDIR/tools/*.cpp that are built in TOOLDIR.
built_tools() {  # TOOLDIR SRCDIR
  local src t
  for src in "$2"/tools/ner-*.cpp; do
    t=$(basename "$src" .cpp)
    [ -x "$1/$t" ] && echo "$t"
  done
}
