#!/usr/bin/env bash
# Builds ner against LibTorch 2.x and runs its tests on the CPU, no GPU machine needed: Debian 13
# (trixie) packages LibTorch 2.6 and sid a newer one (2.14 in November 2026, closer to the GPU
# machine's 2.11), so a chroot of that suite holds it (debootstrap; as root, ~2 GB, Debian's mirror
# reachable). Catch2 v2 is copied from this machine (both have v3). The chroot is made once
# and reused (its /proc and /data mounts stay for the next run); each run copies the tracked tree,
# builds incrementally (a first build: ~30 minutes on 2 cores) and runs both test binaries.
#   bash scripts/libtorch2-check.sh [TEST-SPEC...]     e.g. "[bert]" (default: every test)
# Knobs: SUITE (trixie, or sid), TRIXIE_ROOT (/srv/ner-$SUITE), NER_DATA (../shared/data; mounted into the chroot), JOBS (2).
set -eu
cd "$(dirname "$0")/.."
suite=${SUITE:-trixie}
root=${TRIXIE_ROOT:-/srv/ner-$suite}
data=$(cd "${NER_DATA:-../shared/data}" 2> /dev/null && pwd) || data=
jobs=${JOBS:-2}
[ "$(id -u)" = 0 ] || { echo "libtorch2-check: run as root (chroot)" >&2; exit 1; }

if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap > /dev/null || apt-get install -y --no-install-recommends debootstrap
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian
fi
mountpoint -q "$root/proc" || mount --bind /proc "$root/proc"
cp /etc/resolv.conf "$root/etc/"
if [ ! -f "$root/usr/lib/x86_64-linux-gnu/cmake/Torch/TorchConfig.cmake" ] || [ ! -f "$root/usr/include/dnnl.h" ]; then
    # sid's Release file may be past its Valid-Until between mirror pushes; the packages are still sound.
  chroot "$root" bash -c "apt-get -o Acquire::Check-Valid-Until=false update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends libtorch-dev libopenblas0-openmp libcli11-dev libutf8proc-dev libzstd-dev \
    nlohmann-json3-dev libgloo-dev libdnnl-dev cmake g++ make pkg-config ccache"
fi
if [ ! -f "$root/opt/catch2v2/lib/libCatch2WithMain.a" ]; then
  [ -f /usr/include/catch2/catch.hpp ] || { echo "libtorch2-check: needs Catch2 v2 here (apt-get install catch2)" >&2; exit 1; }
  mkdir -p "$root/opt/catch2v2/include" "$root/opt/catch2v2/lib"
  cp -r /usr/include/catch2 "$root/opt/catch2v2/include/"
  cp -r /usr/lib/cmake "$root/opt/catch2v2/lib/"
  cp /usr/lib/libCatch2WithMain.a "$root/opt/catch2v2/lib/"  # Catch2Targets.cmake checks it is there
fi
if [ -n "$data" ]; then
  mkdir -p "$root/data"
  mountpoint -q "$root/data" || mount --bind "$data" "$root/data"
fi

# A fresh copy, so that files deleted here are gone there too; -p keeps the times (make rebuilds
# only what changed).
rm -rf "$root/ner/src" && mkdir -p "$root/ner/src"
git ls-files -z | xargs -0 cp --parents -p -t "$root/ner/src"
chroot "$root" bash -c "cmake -S /ner/src -B /ner/build -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=/opt/catch2v2 \
  -DNER_DATA=/data -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /ner/configure.log && cmake --build /ner/build -j$jobs > /ner/build.log 2>&1" ||
  { grep -E -A5 "error:|Error [0-9]" "$root/ner/build.log" | head -40; echo "libtorch2-check: build failed ($root/ner/build.log)"; exit 1; }
echo "libtorch2-check: built against LibTorch $(chroot "$root" dpkg-query -W -f '${Version}' libtorch-dev)"
set -o pipefail
status=0
for t in ner_core_tests ner_model_tests; do
  chroot "$root" /usr/bin/env OMP_WAIT_POLICY=passive NER_DATA=/data "/ner/build/tests/$t" "$@" --reporter compact 2>&1 |
    tail -n 20 || status=1
done
exit $status
