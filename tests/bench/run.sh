#!/usr/bin/env bash
# `make bench`: runs every tests/bench/*.sh with the build folder; each prints its figures.
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
status=0
for b in "$here"/*.sh; do
  [ "$(basename "$b")" = run.sh ] && continue
  echo "== $(basename "$b" .sh)"
  bash "$b" "$build" || { echo "(benchmark $(basename "$b") failed)"; status=1; }
  echo
done
exit $status
