#!/usr/bin/env bash
# Installs the Debian packages in $DEBIAN_PACKAGES that are missing; where not root, prints the
# command to run instead.
set -euo pipefail
missing=()
for p in $DEBIAN_PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "ner: missing Debian packages; run:" >&2
  echo "  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi
echo "ner: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd
