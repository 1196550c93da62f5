# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi: is this kernel's sysfs ABI documented, and does the documentation hold?
#
#   make            build build/sysabi
#   make run        the main job on the live /sys with the kernel docs from `make abi-docs`
#   make DEVELOPER=1  warnings are errors (make check sets it)
#   make check      every test: unit (CUnit), end-to-end, under ASan/UBSan and valgrind,
#                   and the fuzz targets' corpora and regressions (make fuzz-check)
#   make fuzz       run each libFuzzer target for FUZZ_SECONDS (60); FUZZ_MERGE=1 keeps
#                   what it finds in tests/fuzz/corpus
#   make format     lay the C out as .clang-format says (make check checks it)
#   make bench      timings against a bare walk and the kernel's get_abi.pl
#   make docs       the man page, build/sysabi.1, and the HTML site, build/docs/html
#   make docs-screenshots  the site's home and ABI pages as PNGs, in build/docs
#   make abi-docs   Documentation/ABI (and kernel-parameters.txt) from Debian's
#                   linux-source-$(ABI_KERNEL)
#   make capture    the /sys of Debian's $(ABI_KERNEL) kernel with modules loaded, booted in
#                   qemu, as a tarball in build/captures (tests/captures/README.md)
#   make check-vm   Debian's 6.1 and 6.12 kernels booted in qemu, each recording itself
#                   with `sysabi snapshot`, audited and compared (tests/vm/test-vm.sh)
#   make install    PREFIX=/usr/local DESTDIR=: sysabi, its man page, data and bash
#                   completion, libabi

VERSION := 0.1.0
# libabi's own version, apart from sysabi's: the soname (libabi.so.0) follows the first
# number, which changes only when the interface of abi/abi.h breaks
LIBABI_VERSION := 0.1.0
LIBABI_SOVERSION := $(firstword $(subst ., ,$(LIBABI_VERSION)))

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# the binary finds its data at BINDIR/../share/sysabi: report-templates/, and abi/,
# the Documentation/ABI tree of `make abi-docs` that it reads by default
DATADIR = $(BINDIR)/../share/sysabi
TEMPLATEDIR = $(DATADIR)/report-templates
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
# where bash-completion looks for a command's completion, loading it on first use
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR ?=

# The kernel whose documentation `make abi-docs` fetches, and where it goes.
ABI_KERNEL ?= 6.12
ABI_DOCS ?= abi-docs
ABI_DIR = $(ABI_DOCS)/linux-$(ABI_KERNEL)/Documentation/ABI
# what build-aux/abi-docs.sh extracted, by the number of its list of files: when the
# script changes, make runs it again, and it extracts again when its list grew
ABI_STAMP = $(ABI_DOCS)/linux-$(ABI_KERNEL)/.sysabi-abi-docs
KERNEL_PARAMS = $(ABI_DOCS)/linux-$(ABI_KERNEL)/Documentation/admin-guide/kernel-parameters.txt
# The Debian kernel image `make capture` boots: one of ABI_KERNEL's series.
CAPTURE_KERNEL_6.12 := 6.12.118+deb12-amd64
CAPTURE_KERNEL_6.1 := 6.1.0-47-amd64
CAPTURE_KERNEL ?= $(CAPTURE_KERNEL_$(ABI_KERNEL))

O ?= build
# V=1 shows the commands
Q := $(if $(V),,@)
CC ?= cc
CFLAGS ?= -O2 -g
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Debian packages behind each pkg-config module and tool the build uses.
PC_DEPS := pc:libelf:libelf-dev pc:libkmod:libkmod-dev pc:libbpf:libbpf-dev \
	   pc:json-c:libjson-c-dev pc:cunit:libcunit1-dev pc:glib-2.0:libglib2.0-dev \
	   pc:liblzma:liblzma-dev pc:libzstd:libzstd-dev pc:zlib:zlib1g-dev \
	   pc:libarchive:libarchive-dev pc:sqlite3:libsqlite3-dev pc:libpq:libpq-dev \
	   cmd:pkg-config:pkg-config
CHECK_DEPS := cmd:valgrind:valgrind cmd:xz:xz-utils cmd:perl:perl cmd:bpftool:bpftool \
	      cmd:xmllint:libxml2-utils cmd:chromium:chromium \
	      cmd:zstd:zstd cmd:gzip:gzip cmd:objcopy:binutils cmd:python3:python3 \
	      cmd:sphinx-build:python3-sphinx cmd:clang-format:clang-format \
	      file:/sbin/depmod:kmod file:/usr/lib/postgresql/*/bin/initdb:postgresql \
	      file:/usr/lib/python3/dist-packages/jsonschema/__init__.py:python3-jsonschema
PKGS := libelf libkmod libbpf json-c cunit glib-2.0 liblzma libzstd zlib
# Their headers are read, the libraries loaded only when used (checker/ext/dl-lib.h):
# the unit tests, which talk to the PostgreSQL server directly, link libpq
PQ_PKG := libpq
DLOPEN_PKGS := libarchive sqlite3

WARNINGS := -Wall -Wextra -Wvla -Wstrict-prototypes -Wwrite-strings \
	    -Wmissing-prototypes -Wshadow -Wno-unused-parameter
# Warnings stop the build of developers and CI (DEVELOPER=1, which make check sets),
# never a user's, where a newer compiler's new warning must not keep sysabi from
# building. Objects are rebuilt when the flags change ($(O)/cflags).
ifneq ($(filter check,$(MAKECMDGOALS)),)
DEVELOPER ?= 1
endif
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif
export DEVELOPER

COMMON_SRCS := $(sort $(wildcard common/*.c))
ABI_SRCS := $(sort $(wildcard abi/*.c))
CHECKER_SRCS := $(sort $(wildcard checker/*/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/*.c))

# common/ (file and string helpers) goes into libabi, which uses it, and so reaches the
# checker through it
ABI_OBJS := $(ABI_SRCS:%.c=$(O)/%.o) $(COMMON_SRCS:%.c=$(O)/%.o)
CHECKER_OBJS := $(CHECKER_SRCS:%.c=$(O)/%.o)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(O)/%.o)

.PHONY: all deps run check unit e2e bench abi-docs docs docs-html docs-screenshots install \
	uninstall clean distclean help fuzz fuzz-check fuzz-build fuzz-deps format capture \
	check-vm
.DEFAULT_GOAL := all

all: $(O)/sysabi $(O)/libabi.a $(O)/libabi.so $(O)/libabi.pc

# Compiler and linker flags of the dependencies, found once by pkg-config after
# build-aux/deps.sh has made sure they are there. make re-reads this file when built.
ifeq ($(filter clean distclean help abi-docs capture,$(MAKECMDGOALS)),)
-include $(O)/config.mk
endif

$(O)/config.mk: Makefile build-aux/deps.sh
	@mkdir -p $(@D)
	@build-aux/deps.sh $(PC_DEPS)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS) $(PQ_PKG) $(DLOPEN_PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "PQ_LIBS := $$(pkg-config --libs $(PQ_PKG))"; \
	 } > $@.tmp && mv $@.tmp $@

# common/banned.h comes before every source file: a banned function is a compile error
# wherever it is written, with no include to forget
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CFLAGS) $(EXTRA_CFLAGS) $(PIC_CFLAGS) \
	     $(PKG_CFLAGS) -I. -Ichecker -include common/banned.h \
	     -D_GNU_SOURCE -DSYSABI_VERSION='"$(VERSION)"' \
	     -DSYSABI_DEFAULT_ABI_DIR='"$(abspath $(ABI_DIR))"' \
	     -DSYSABI_SOURCE_TEMPLATE_DIR='"$(abspath report-templates)"'

# The flags objects were built with: a change rebuilds them all.
$(O)/cflags: FORCE
	@mkdir -p $(@D)
	$(file > $@.new,$(ALL_CFLAGS))
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv -f $@.new $@

$(O)/%.o: %.c $(O)/config.mk $(O)/cflags
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(ABI_OBJS:.o=.d) $(CHECKER_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(O)/checker/main.d \
	 $(O)/tests/bench/bench-load.d $(FUZZ_SRCS:%.c=$(O)/%.d)

# libabi's objects go into both the archive and libabi.so, so they are built once,
# position independent. Against the -fPIE Debian's gcc uses anyway, the binary loses
# nothing measurable: bench-load on 6.12 takes 18-23 ms to load either way.
$(ABI_OBJS): PIC_CFLAGS := -fPIC
# libabi uses no library but the C library, and libabi.pc requires none: built without
# the flags of the others, an #include <glib.h> in abi/ or common/ does not compile.
$(ABI_OBJS): PKG_CFLAGS :=

$(O)/libabi.a: $(ABI_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

# The shared library, for other programs: sysabi and the tests link the archive, as
# they call common/ and abi-internal.h too. It exports the functions of abi/abi.h and
# nothing else, by abi/libabi.sym; abi-exports.sh checks the two agree before the
# library takes its name.
LIBABI_SO := $(O)/libabi.so.$(LIBABI_VERSION)
LIBABI_SONAME := libabi.so.$(LIBABI_SOVERSION)

$(LIBABI_SO): $(ABI_OBJS) abi/libabi.sym abi/abi.h build-aux/abi-exports.sh
	$(Q)$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -shared -Wl,-soname,$(LIBABI_SONAME) \
		-Wl,--version-script=abi/libabi.sym -Wl,--no-undefined-version \
		-Wl,-z,defs -o $@.tmp $(ABI_OBJS)
	$(Q)CC='$(CC)' build-aux/abi-exports.sh abi/abi.h $@.tmp || \
		{ rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@

$(O)/$(LIBABI_SONAME): $(LIBABI_SO)
	$(Q)ln -sfn $(<F) $@

$(O)/libabi.so: $(O)/$(LIBABI_SONAME)
	$(Q)ln -sfn $(<F) $@

# Its paths are those of the make that writes it, and `make install PREFIX=...` may
# name others than `make` did: written each time, replaced only when it changes.
# Paths below PREFIX are written ${prefix}/..., so that pkgconf --define-prefix works.
pc_path = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

$(O)/libabi.pc: abi/libabi.pc.in FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_path,$(LIBDIR))|g' \
		-e 's|@INCLUDEDIR@|$(call pc_path,$(INCLUDEDIR))|g' \
		-e 's|@VERSION@|$(LIBABI_VERSION)|g' $< >$@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(O)/libchecker.a: $(CHECKER_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(O)/sysabi: $(O)/checker/main.o $(O)/libchecker.a $(O)/libabi.a
	$(Q)$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $^ $(PKG_LIBS)

# tests/unit/test-rest.c makes index lookups fail, to see the error reach rest's caller;
# tests/unit/test-alloc.c makes allocations fail, one after the other, to see libabi
# return -ENOMEM from each. A suite written but not registered in tests/unit/main.c
# fails the link.
UNIT_WRAPS := abi_index_lookup malloc calloc realloc strdup strndup fork kill

$(O)/unit-tests: $(UNIT_OBJS) $(O)/libchecker.a $(O)/libabi.a
	@tests/source/test-unit-suites.py >$@.suites || { grep -v '^ok ' $@.suites; exit 1; }
	$(Q)$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(UNIT_WRAPS:%=-Wl,--wrap=%) -o $@ $^ \
		$(PKG_LIBS) $(PQ_LIBS)

$(O)/bench-load: $(O)/tests/bench/bench-load.o $(O)/libabi.a
	$(Q)$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $^ $(PKG_LIBS)

# Writes the BTF fixtures of tests/e2e/test-btf.sh, which are generated, never checked in.
$(O)/btf-gen: tests/e2e/btf-gen.c $(O)/config.mk
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS)

check: $(O)/btf-gen

# ---- the kernel's documentation ----

$(ABI_STAMP): build-aux/abi-docs.sh
	build-aux/abi-docs.sh $(ABI_KERNEL) $(ABI_DOCS)
	@touch $@

abi-docs: $(ABI_STAMP)

# ---- a captured /sys ----

# The committed captures in tests/captures were made the same way; this one is for
# looking at, and is not tested.
CAPTURE := $(O)/captures/linux-$(ABI_KERNEL)-amd64.tar.xz

$(CAPTURE): build-aux/capture-kernel.sh $(wildcard tests/capture/*)
	@test -n "$(CAPTURE_KERNEL)" || \
		{ echo "capture: no CAPTURE_KERNEL for $(ABI_KERNEL); name one" >&2; exit 2; }
	build-aux/capture-kernel.sh $(CAPTURE_KERNEL) $@

capture: $(CAPTURE)

# The sysabi binary itself in two real kernels: minutes of emulation, so not part of
# make check (tests/vm/test-vm.sh says what each step took). Downloads are kept in
# $(O)/vm/cache.
check-vm: $(O)/sysabi $(ABI_STAMP)
	@build-aux/abi-docs.sh $(ABI_KERNEL_OLD) $(ABI_DOCS) || \
		echo "check-vm: no linux-source-$(ABI_KERNEL_OLD); the test will skip" >&2
	@O=$(O) ABI_DOCS=$(ABI_DOCS) tests/vm/test-vm.sh | tee $(O)/vm-check.log; \
		tail -n 1 $(O)/vm-check.log | grep -q ', 0 failed$$'

# ---- running ----

# The audit of the live /sys. Exit 1 means findings, which is the report's business,
# not a failed run.
run: $(O)/sysabi $(ABI_STAMP)
	@$(O)/sysabi audit; rc=$$?; [ $$rc -le 1 ]

# ---- tests ----

# Two builds: the normal one (also run under valgrind) and one with ASan/UBSan.
ASAN_O := $(O)/asan

$(ASAN_O)/sysabi $(ASAN_O)/unit-tests: FORCE
	@$(MAKE) --no-print-directory O=$(ASAN_O) EXTRA_CFLAGS='$(SAN_FLAGS)' $@

# The tests also read the 6.1 tree, to compare; without it those tests say so and skip.
ABI_KERNEL_OLD ?= 6.1

check: $(O)/sysabi $(O)/unit-tests $(ASAN_O)/sysabi $(ASAN_O)/unit-tests $(ABI_STAMP) \
       fuzz-build
	@build-aux/deps.sh $(CHECK_DEPS)
	@build-aux/abi-docs.sh $(ABI_KERNEL_OLD) $(ABI_DOCS) || \
		echo "check: no linux-source-$(ABI_KERNEL_OLD); its tests will skip" >&2
	@O=$(O) ASAN_O=$(ASAN_O) FUZZ_O=$(FUZZ_O) FUZZ_CHECK_SECONDS=$(FUZZ_CHECK_SECONDS) \
		ABI_DOCS=$(ABI_DOCS) tests/run.sh

# The C in the house style (.clang-format), rewritten in place; make check only checks
# it (tests/source/test-style.sh).
format:
	@build-aux/deps.sh cmd:clang-format:clang-format
	@git ls-files 'abi/*.[ch]' 'checker/*.[ch]' 'common/*.[ch]' 'tests/*.[ch]' | \
		xargs clang-format -i

# ---- fuzzing ----

# A libFuzzer target an area, tests/fuzz/fuzz-AREA.c, linked with the library and the
# checker built by clang into $(FUZZ_O), every object instrumented for coverage and
# the sanitizers. clang, unlike gcc, takes `= { { NULL } }` for a struct left half
# initialized, hence -Wno-missing-field-initializers.
FUZZ_O := $(O)/fuzz
FUZZ_CC ?= clang
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	      -fno-omit-frame-pointer -Wno-missing-field-initializers
# The libFuzzer runtime is a package of its own, which clang only recommends.
FUZZ_RT = $$($(FUZZ_CC) -print-file-name=libclang_rt.fuzzer-$$(uname -m).a)
FUZZ_RT_PKG = libclang-rt-$$($(FUZZ_CC) -dumpversion | cut -d. -f1)-dev
FUZZ_TARGETS ?= $(FUZZ_SRCS:tests/fuzz/%.c=%)
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 5

$(O)/fuzz-%: $(O)/tests/fuzz/fuzz-%.o $(O)/libchecker.a $(O)/libabi.a
	$(Q)$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

# kept, or every make would compile them again
.SECONDARY: $(FUZZ_SRCS:%.c=$(O)/%.o)

fuzz-deps:
	@build-aux/deps.sh cmd:$(FUZZ_CC):clang
	@build-aux/deps.sh "file:$(FUZZ_RT):$(FUZZ_RT_PKG)"

# One make for every target, so that they share the objects without racing for them.
fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory O=$(FUZZ_O) CC=$(FUZZ_CC) EXTRA_CFLAGS='$(FUZZ_FLAGS)' \
		$(FUZZ_TARGETS:%=$(FUZZ_O)/%)

# New inputs go to $(FUZZ_O)/corpus; FUZZ_MERGE=1 adds those that reach new code to
# tests/fuzz/corpus, to be committed.
fuzz: fuzz-build
	@FUZZ_O=$(FUZZ_O) FUZZ_MERGE=$(FUZZ_MERGE) tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) \
		$(FUZZ_TARGETS)

# What make check runs: every input kept, then a few seconds of fuzzing, each target.
fuzz-check: fuzz-build
	@FUZZ_O=$(FUZZ_O) tests/fuzz/run.sh check $(FUZZ_CHECK_SECONDS) $(FUZZ_TARGETS)

bench: $(O)/sysabi $(O)/bench-load $(ABI_STAMP)
	@build-aux/deps.sh $(CHECK_DEPS)
	@O=$(O) ABI_DOCS=$(ABI_DOCS) tests/bench/run.sh

# ---- documentation ----

$(O)/sysabi.1: docs/sysabi.1.adoc
	@build-aux/deps.sh cmd:asciidoctor:asciidoctor
	@mkdir -p $(@D)
	asciidoctor -b manpage -a reproducible --failure-level WARN -o $@ $<

# The site: every warning is an error. Its ABI reference page runs $(O)/sysabi rest on
# the 6.12 tree (docs/_ext/sysabi_abi.py), hence the binary and the tree.
DOCS_HTML := $(O)/docs/html

docs-html: $(O)/sysabi $(ABI_STAMP)
	@build-aux/deps.sh cmd:sphinx-build:python3-sphinx
	sphinx-build -W --keep-going -q -b html -d $(O)/docs/doctrees \
		-D sysabi_binary=$(abspath $(O)/sysabi) docs $(DOCS_HTML)

docs: $(O)/sysabi.1 docs-html

# Headless Chromium's view of the home page and the ABI reference, to look at.
docs-screenshots: docs-html
	@build-aux/deps.sh cmd:chromium:chromium
	tests/docs/screenshots.sh $(DOCS_HTML) $(O)/docs

# ---- installing ----

install: $(O)/sysabi $(O)/sysabi.1 $(ABI_STAMP) $(O)/libabi.a $(O)/libabi.so $(O)/libabi.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(O)/sysabi $(DESTDIR)$(BINDIR)/sysabi
	install -m 0644 $(O)/sysabi.1 $(DESTDIR)$(MANDIR)/man1/sysabi.1
	for d in report-templates/*/; do \
		install -d $(DESTDIR)$(TEMPLATEDIR)/$$(basename $$d) && \
		install -m 0644 $$d* $(DESTDIR)$(TEMPLATEDIR)/$$(basename $$d)/ || exit 1; \
	done
	rm -rf $(DESTDIR)$(DATADIR)/abi
	install -d $(DESTDIR)$(DATADIR)/abi/Documentation
	cp -R $(ABI_DIR) $(DESTDIR)$(DATADIR)/abi/Documentation/ABI
	if [ -f $(KERNEL_PARAMS) ]; then \
		install -d $(DESTDIR)$(DATADIR)/abi/Documentation/admin-guide && \
		install -m 0644 $(KERNEL_PARAMS) $(DESTDIR)$(DATADIR)/abi/Documentation/admin-guide/; \
	fi
	install -m 0644 $(ABI_DOCS)/linux-$(ABI_KERNEL)/Makefile $(DESTDIR)$(DATADIR)/abi/Makefile
	install -d $(DESTDIR)$(DATADIR)/schema
	install -m 0644 schema/report.schema.json $(DESTDIR)$(DATADIR)/schema/
# its compiled image, read instead of the text while the tree is as installed
	SYSABI_CACHE_DIR=off $(O)/sysabi index --quiet \
		--abi $(DESTDIR)$(DATADIR)/abi/Documentation/ABI \
		-o $(DESTDIR)$(DATADIR)/abi/abi.image
	install -d $(DESTDIR)$(INCLUDEDIR)/libabi $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(PKGCONFIGDIR)
	install -m 0644 abi/abi.h $(DESTDIR)$(INCLUDEDIR)/libabi/abi.h
	install -m 0644 $(LIBABI_SO) $(O)/libabi.a $(DESTDIR)$(LIBDIR)/
	ln -sfn $(notdir $(LIBABI_SO)) $(DESTDIR)$(LIBDIR)/$(LIBABI_SONAME)
	ln -sfn $(LIBABI_SONAME) $(DESTDIR)$(LIBDIR)/libabi.so
	install -m 0644 $(O)/libabi.pc $(DESTDIR)$(PKGCONFIGDIR)/libabi.pc
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 0644 completion/sysabi.bash $(DESTDIR)$(BASHCOMPDIR)/sysabi
# the dynamic linker finds the libraries of /usr/local/lib through its cache only
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		ldconfig || echo "install: ldconfig failed; run it to use libabi.so" >&2; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sysabi $(DESTDIR)$(MANDIR)/man1/sysabi.1
	rm -rf $(DESTDIR)$(TEMPLATEDIR) $(DESTDIR)$(DATADIR)/abi $(DESTDIR)$(DATADIR)/schema
	rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true
	rm -f $(DESTDIR)$(INCLUDEDIR)/libabi/abi.h $(DESTDIR)$(PKGCONFIGDIR)/libabi.pc \
		$(DESTDIR)$(LIBDIR)/libabi.so $(DESTDIR)$(LIBDIR)/$(LIBABI_SONAME) \
		$(DESTDIR)$(LIBDIR)/$(notdir $(LIBABI_SO)) $(DESTDIR)$(LIBDIR)/libabi.a
	rmdir $(DESTDIR)$(INCLUDEDIR)/libabi 2>/dev/null || true
	rm -f $(DESTDIR)$(BASHCOMPDIR)/sysabi

clean:
	rm -rf $(O)

distclean: clean
	rm -rf $(ABI_DOCS)

help:
	@sed -n '3,/^$$/s/^# \{0,1\}//p' Makefile

FORCE:
