# Cell-based HA IoT control plane — build, test, run.
#
# Sources are discovered, not listed: every `*.c` in a library folder is part of that
# folder's static library; `main.c` of a daemon folder is its binary; every
# `tests/unit/test_*.c` is a cmocka suite; every `tests/fuzz/fuzz_*.c` is a libFuzzer
# target. Adding a module never needs a Makefile edit.
#
# Three build flavours share the sources:
#   build/          release (-O2), the binaries in build/bin/
#   build/asan/     AddressSanitizer + UndefinedBehaviorSanitizer, tests and daemons
#   build/fuzz/     clang + libFuzzer + ASan/UBSan, one binary per fuzz target

SHELL       := /bin/bash
CC          ?= cc
FUZZ_CC     ?= clang
PYTHON      ?= /usr/bin/python3
JOBS        ?= $(shell nproc)
V           ?= 0
Q           := $(if $(filter 1,$(V)),,@)

# Libraries, in link order (dependents first).
LIBDIRS     := router unit ha-unit replication region-center platform
LIBNAME      = $(subst -,,$(1))

WARN        := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
               -Wpointer-arith -Wformat=2 -Wno-format-nonliteral -Wvla
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -I. -g -fno-omit-frame-pointer $(WARN) -MMD -MP
REL_CFLAGS  := $(BASE_CFLAGS) -O2
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_CFLAGS := $(BASE_CFLAGS) -O1 $(SAN_FLAGS)
FUZZ_CFLAGS := $(BASE_CFLAGS) -O1 -fsanitize=fuzzer-no-link,address,undefined -DFUZZING
SYSLIBS     := -luv -lssl -lcrypto -lmicrohttpd -ljansson -lraft -lcurl -lm -lpthread

# Debian packages the build, the tests and `make run` need.
DEB_PKGS    := build-essential pkg-config libuv1-dev libssl-dev libmicrohttpd-dev \
               libjansson-dev libcmocka-dev libraft-dev libcurl4-openssl-dev mosquitto \
               mosquitto-clients python3-paho-mqtt clang clang-format cppcheck \
               libclang-rt-14-dev curl iproute2 procps

libsrcs      = $(filter-out $(1)/main.c,$(wildcard $(1)/*.c))
ALL_LIBSRCS := $(foreach d,$(LIBDIRS),$(call libsrcs,$(d)))

# Binaries: name -> source files (a binary exists once its main.c exists).
BIN_unitd    := $(wildcard unit/main.c)
BIN_regiond  := $(wildcard region-center/main.c)
BIN_routerd  := $(wildcard router/main.c)
BIN_iotctl   := $(wildcard tools/iotctl/*.c)
BIN_iotbench := $(wildcard tools/iotbench/*.c)
BINS        := $(foreach b,unitd regiond routerd iotctl iotbench,$(if $(BIN_$(b)),$(b)))

TEST_SRCS   := $(wildcard tests/unit/test_*.c)
TEST_SUPPORT:= $(wildcard tests/support/*.c)
FUZZ_SRCS   := $(wildcard tests/fuzz/fuzz_*.c)

# --- object/lib/binary rules, generated per flavour -------------------------------
# $(1)=flavour dir, $(2)=CFLAGS var, $(3)=extra link flags
define FLAVOUR
$(1)/obj/%.o: %.c
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$($(2)) -c $$< -o $$@
	$$(if $$(Q),@echo "  CC $(1) $$<")

$(foreach d,$(LIBDIRS),
$(1)/lib/lib$(call LIBNAME,$(d)).a: $(patsubst %.c,$(1)/obj/%.o,$(call libsrcs,$(d)))
	@mkdir -p $$(@D)
	rm -f $$@ && $(if $(call libsrcs,$(d)),ar rcs $$@ $$^,ar rcs $$@)
)

$(1)_LIBS := $(foreach d,$(LIBDIRS),$(1)/lib/lib$(call LIBNAME,$(d)).a)
$(1)_LINK := -Wl,--start-group $$($(1)_LIBS) -Wl,--end-group $(SYSLIBS) $(3)

$(foreach b,$(BINS),
$(1)/bin/$(b): $(patsubst %.c,$(1)/obj/%.o,$(BIN_$(b))) $$($(1)_LIBS)
	@mkdir -p $$(@D)
	$$(CC) $$($(2)) -o $$@ $(patsubst %.c,$(1)/obj/%.o,$(BIN_$(b))) $$($(1)_LINK)
)
endef

$(eval $(call FLAVOUR,build,REL_CFLAGS,))
$(eval $(call FLAVOUR,build/asan,ASAN_CFLAGS,$(SAN_FLAGS)))

ASAN_TESTS  := $(patsubst tests/unit/%.c,build/asan/tests/%,$(TEST_SRCS))
SUPPORT_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(TEST_SUPPORT))

build/asan/tests/%: build/asan/obj/tests/unit/%.o $(SUPPORT_OBJ) $(build/asan_LIBS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -o $@ $< $(SUPPORT_OBJ) $(build/asan_LINK) -lcmocka

# Fuzz flavour: its own objects (clang), linked with -fsanitize=fuzzer.
FUZZ_LIBOBJ := $(patsubst %.c,build/fuzz/obj/%.o,$(ALL_LIBSRCS))
FUZZ_BINS   := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
build/fuzz/libfuzzall.a: $(FUZZ_LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
build/fuzz/%: build/fuzz/obj/tests/fuzz/%.o build/fuzz/libfuzzall.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(SYSLIBS)

-include $(shell find build -name '*.d' 2>/dev/null)

# Objects are not intermediates to throw away: keep them for incremental builds.
.SECONDARY:

# --- user-facing targets ----------------------------------------------------------
.PHONY: all asan deps test test-unit test-blackbox test-fuzz test-compose fuzz run bench \
        chaos images compose-up compose-down format format-check lint clean

all: deps-check $(addprefix build/bin/,$(BINS))

asan: deps-check $(addprefix build/asan/bin/,$(BINS))

# Installs the Debian packages that are missing (needs root); a no-op when all are there.
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y --no-install-recommends $$missing || \
	  { apt-get update && apt-get install -y --no-install-recommends $$missing; }; \
	fi

# Cheap check run before every build: install packages only when a header is missing.
deps-check:
	@for h in uv.h openssl/ssl.h microhttpd.h jansson.h cmocka.h raft.h curl/curl.h; do \
	  [ -f /usr/include/$$h ] || [ -f /usr/include/x86_64-linux-gnu/$$h ] || { $(MAKE) --no-print-directory deps; break; }; \
	done; command -v clang >/dev/null && command -v mosquitto >/dev/null || $(MAKE) --no-print-directory deps

# Everything CI runs: unit tests under ASan+UBSan, black-box tests on the real
# daemons, a short fuzz run of every target, and the compose smoke test when Docker answers.
test: deps-check
	$(MAKE) -j$(JOBS) all asan $(ASAN_TESTS)
	$(MAKE) test-unit
	$(MAKE) test-blackbox
	$(MAKE) test-fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-15}

test-unit: $(ASAN_TESTS)
	@fail=0; for t in $(ASAN_TESTS); do \
	  echo "== $$t"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    timeout 300 $$t || { echo "FAILED: $$t"; fail=1; }; \
	done; exit $$fail

test-blackbox: all asan
	@if ls tests/blackbox/test_*.py >/dev/null 2>&1; then \
	  IOT_BIN=$(CURDIR)/build/asan/bin IOT_REL_BIN=$(CURDIR)/build/bin \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    $(PYTHON) -m unittest discover -s tests/blackbox -p 'test_*.py' -v; \
	else echo "no black-box tests yet"; fi

FUZZ_SECONDS ?= 300
test-fuzz fuzz: $(FUZZ_BINS)
	@fail=0; for f in $(FUZZ_BINS); do \
	  name=$$(basename $$f); corpus=build/fuzz/corpus/$$name; mkdir -p $$corpus; \
	  seeds=tests/fuzz/seeds/$$name; [ -d $$seeds ] || seeds=; \
	  echo "== fuzz $$name for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	      $$corpus $$seeds >build/fuzz/$$name.log 2>&1 || { tail -40 build/fuzz/$$name.log; fail=1; }; \
	  grep -E 'stat::number_of_executed_units|stat::peak_rss' build/fuzz/$$name.log || true; \
	done; exit $$fail

run: all
	@scripts/devcluster run

bench: all
	@scripts/bench

format:
	@clang-format -i $$(git ls-files --cached --others --exclude-standard '*.c' '*.h')

format-check:
	@out=$$(clang-format --dry-run $$(git ls-files --cached --others --exclude-standard '*.c' '*.h') 2>&1); \
	if [ -n "$$out" ]; then echo "$$out" | head -40; echo "run: make format"; exit 1; fi

lint: format-check
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem -I. -D__GNUC__ \
	  $(foreach d,$(LIBDIRS),$(d)) tools

clean:
	rm -rf build
