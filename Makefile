# Thin wrapper over CMake.  `make demo` and `make test` do all the setup.
BUILD ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)

.PHONY: all deps demo test asan tsan clean format tidy

all:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: all
	$(BUILD)/bin/tuxnet lab examples/demo.sh

# What the build and the tests need, installed if missing (root, Debian).
deps:
	@bash scripts/install-deps.sh

test: deps all
	BUILD=$(BUILD) tests/run.sh

# The whole suite once more under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DTN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang"

# clang-tidy (.clang-tidy) and cppcheck over the sources: clean, or it fails.
tidy:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	BUILD=$(BUILD) JOBS=$(JOBS) bash scripts/tidy.sh

# ThreadSanitizer (clang): the 16-thread stress tests in the library and
# through tuxnetd, then the unit tests (tests/tsan.sh).  Not a Debug build:
# lockdep's own lock would order every thread's locking and hide races.
tsan: deps
	@cmake -S . -B build-tsan -DTN_TSAN=ON -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build build-tsan -j $(JOBS)
	BUILD=build-tsan tests/tsan.sh

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-tsan
