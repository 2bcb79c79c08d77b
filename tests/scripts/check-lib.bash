# What the script tests share (sourced): `check NAME CONDITION` evaluates CONDITION, prints
# "ok: NAME" or "FAILED: NAME" and remembers a failure in $fail, the status the script ends with.
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi; }
