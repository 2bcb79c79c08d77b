# The front door: `make demo` and `make test` each work on a fresh Debian 12 machine.
BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
JOBS     ?= $(shell nproc)
NER_DATA ?= $(abspath ../shared/data)
CMAKE_FLAGS ?=

# OpenMP busy-waiting stalls small machines; benchmarks and tests run with passive waiting.
export OMP_WAIT_POLICY ?= passive
export NER_DATA

# What the suite builds and tests with. libopenblas0-openmp makes LibTorch ~8x faster than the
# reference BLAS (never the -pthread variant, which fights OpenMP).
DEBIAN_PACKAGES = cmake make g++ pkg-config ccache perl zstd groff-base \
  clang libclang-rt-14-dev libtorch-dev libgloo-dev libopenblas0-openmp libcli11-dev libutf8proc-dev libzstd-dev catch2 nlohmann-json3-dev libdnnl-dev
# What `make bench` and the experiments add: the Python baselines and the plots.
BENCH_PACKAGES = python3-torch gnuplot-nox time hyperfine

.PHONY: all build configure deps deps-bench test demo bench install uninstall clean

all: build

deps:
	@DEBIAN_PACKAGES="$(DEBIAN_PACKAGES)" bash tests/deps.sh

deps-bench:
	@DEBIAN_PACKAGES="$(DEBIAN_PACKAGES) $(BENCH_PACKAGES)" bash tests/deps.sh

configure: $(BUILD)/CMakeCache.txt
$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DNER_DATA=$(NER_DATA) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

test: deps
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

demo: deps
	$(MAKE) build
	bash testdata/demo.sh $(BUILD)

bench: deps-bench
	$(MAKE) build
	bash tests/bench/run.sh $(BUILD)

install: build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

# Removes what the last `make install` wrote (CMake's install_manifest.txt; pass the same DESTDIR),
# then the folders that are ner's own (headers, CMake package) once empty; shared ones such as
# share/man/man1 stay.
uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "nothing installed from $(BUILD)"; exit 1; }
	sed 's:^:$(DESTDIR):' $(BUILD)/install_manifest.txt | xargs -d '\n' rm -f
	@sed -n 's:^\(.*/include/libner\)/.*:$(DESTDIR)\1:p; s:^\(.*/cmake/ner\)/[^/]*$$:$(DESTDIR)\1:p' \
	  $(BUILD)/install_manifest.txt | sort -u | \
	  while read -r dir; do [ ! -d "$$dir" ] || find "$$dir" -depth -type d -empty -delete; done

clean:
	rm -rf $(BUILD)
