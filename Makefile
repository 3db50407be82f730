SHELL := /bin/bash
# Northstar — the two commands a newcomer needs:
#   make run    install what is missing, build, watch a copy of the bundled example (tour/)
#   make test   install what is missing, build and run the tests
SWIFT       ?= swift
CONFIG      ?= config/northstar.yaml
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HEADERS     := /usr/include/yaml.h /usr/include/inotifytools/inotifytools.h
PREFIX      ?= /usr/local
SYSTEMDDIR  ?= /etc/systemd/system
# The binary `make install` ships, built by `make static` (and by `make test`, which checks it).
STATIC_BUILD ?= .build-static
STATIC_BIN  := $(STATIC_BUILD)/release/northstar

.PHONY: all deps test-deps build release static tour tour-reset run rank test check security bench reliability fuzz install uninstall clean help screenshot

all: build

help:
	@echo "make run      build (release) and start the daemon on tour/, a copy of the bundled example"
	@echo "make rank     build (release) and rank tour/ once"
	@echo "make tour-reset  replace tour/ with a fresh copy of the bundled example"
	@echo "make test     build and run every test"
	@echo "make check    validate the bundled example with 'northstar check'"
	@echo "make static   build the binary make install ships: release, Swift runtime linked in ($(STATIC_BIN))"
	@echo "make install  install that binary, the systemd units, an example config and the northstar user"
	@echo "make security rate the systemd units' sandboxing with systemd-analyze"
	@echo "make bench    build release and measure the team and org corpora (see BENCHMARKS.md)"
	@echo "make reliability  long soak, 200 kill -9s, hostile input (a short run of each is in make test)"
	@echo "make screenshot  redraw docs/report.png (the README's picture of report.html) with headless chromium"
	@echo "make clean    remove build products"

# libyaml and libinotifytools come from Debian; install them only when a header is missing.
deps:
	@missing=""; for h in $(HEADERS); do [ -f "$$h" ] || missing="$$missing $$h"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Missing$$missing: installing libyaml-dev and libinotifytools0-dev with apt-get"; \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "error: not root and no sudo; install libyaml-dev libinotifytools0-dev by hand" >&2; exit 2; fi; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev libinotifytools0-dev; \
	fi

build: deps
	$(SWIFT) build --product northstar

release: deps
	$(SWIFT) build -c release --product northstar

# The shipped binary: the Swift runtime and Foundation linked in (--static-swift-stdlib), so the
# host needs only system libraries, not the toolchain (no RUNPATH into it). A scratch folder of
# its own: sharing .build with other flags would rebuild one or the other every time.
static: deps
	$(SWIFT) build -c release --static-swift-stdlib --product northstar --scratch-path $(STATIC_BUILD)

# The tour works on a copy of the bundled example in tour/ (not in git), so editing it never
# changes the committed example the tests and golden files are made from. Made once; your
# edits survive the next `make run`; `make tour-reset` starts over.
TOUR    ?= tour
EXAMPLE ?= examples/food-bank/backlog
tour:
	@if [ ! -f $(TOUR)/northstar.yaml ]; then \
	  mkdir -p $(TOUR) && rm -rf $(TOUR)/backlog && cp -R $(EXAMPLE) $(TOUR)/backlog && \
	  sed -e 's|^backlog:.*|backlog: backlog|' -e 's|^output:.*|output: rankings|' $(CONFIG) > $(TOUR)/northstar.yaml.tmp && \
	  mv $(TOUR)/northstar.yaml.tmp $(TOUR)/northstar.yaml && \
	  echo "Copied the example backlog and config into $(TOUR)/ (edit them freely; 'make tour-reset' starts over)"; \
	fi

tour-reset:
	rm -rf $(TOUR)
	@$(MAKE) --no-print-directory tour

# Starts the daemon on tour/ in the foreground: edit a file under tour/backlog and watch
# tour/rankings change. Ctrl-C stops it.
run: release tour
	.build/release/northstar watch --config $(TOUR)/northstar.yaml

rank: release tour
	.build/release/northstar rank --config $(TOUR)/northstar.yaml

check: build
	.build/debug/northstar check --config $(CONFIG)

# The metrics test checks northstar.prom with a real Prometheus parser (prometheus_client).
# The tests parse the metrics and the report with real parsers and open the report in a real
# headless browser (Debian's chromium).
test-deps:
	@python3 -c 'import prometheus_client, html5lib' 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore prometheus_client html5lib
	@# The CI examples are validated with real validators: GitHub's and GitLab's schemas, pre-commit's own loader.
	@python3 -c 'import check_jsonschema, pre_commit' 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore check-jsonschema pre-commit
	@# The JSON Schemas are checked with a real validator, on YAML read as 1.2 (as Northstar reads it).
	@python3 -c 'import jsonschema, ruamel.yaml' 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore jsonschema ruamel.yaml
	@# Only axe-core's script is used (the accessibility check runs it in Chromium), not Playwright.
	@python3 -c 'import importlib.util as u, sys; sys.exit(u.find_spec("axe_playwright_python") is None)' 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps axe-playwright-python==0.1.8
	@command -v chromium >/dev/null || { \
	  echo "Missing chromium: installing it with apt-get (for the report's browser test)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The README's picture of report.html: the bundled example's report, as headless Chromium shows it.
screenshot: build
	@rm -rf .build/screenshot && mkdir -p .build/screenshot
	.build/debug/northstar rank --config config/northstar.yaml --output .build/screenshot --quiet
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
	  --screenshot=$(CURDIR)/docs/report.png file://$(CURDIR)/.build/screenshot/report.html 2>/dev/null

# --quiet: only failures (each with the lines that differ) and the summary are printed.
# Builds the shipped binary too: a test checks with ldd that it needs only system libraries
# (and fails if NORTHSTAR_STATIC_BINARY names no file). About a minute more on 2 cores, cold.
test: deps test-deps static
	$(SWIFT) build --build-tests
	NORTHSTAR_STATIC_BINARY=$(CURDIR)/$(STATIC_BIN) $(SWIFT) test --skip-build --quiet

# The reliability suite at full length: a soak of thousands of random file operations checked
# against cold ranks, 200 kill -9s during recomputation, every hostile input. `make test` runs
# the same tests short. Per-area counts are printed at the end.
SOAK_STEPS   ?= 1500
CRASH_KILLS  ?= 200
reliability: deps test-deps fuzz
	$(SWIFT) build --build-tests
	NORTHSTAR_SOAK_STEPS=$(SOAK_STEPS) NORTHSTAR_CRASH_KILLS=$(CRASH_KILLS) $(SWIFT) test --skip-build \
	  --filter 'SoakTests|CrashSafetyTests|HostileInputTests|NotifyBackpressureTests|ResourceFaultTests|QueueOverflowTests|backlogRecreated|unwritableOutput' 2>&1 | tee .build/reliability.log; \
	  status=$${PIPESTATUS[0]}; echo; grep -E '^(soak|crash|hostile|resource|overflow):' .build/reliability.log; \
	  grep -E '^fuzz:' .build/fuzz/summary.txt; exit $$status

# libFuzzer over backlog loading, validation, scoring and rendering (Fuzz/BacklogFuzzer.swift
# compiled with the core's sources). Seeds in Fuzz/seeds; a crash is written to Fuzz/regressions
# (replayed by the unit tests) and fails the run. FUZZ_SECONDS bounds it.
FUZZ_SECONDS ?= 120
fuzz: deps
	mkdir -p .build/fuzz/corpus
	$(SWIFT)c -sanitize=fuzzer,address -parse-as-library -O -module-name NorthstarFuzz -I Sources/CYAML \
	  $$(find Sources/NorthstarCore -name '*.swift' | sort) Fuzz/BacklogFuzzer.swift -lyaml -o .build/fuzz/backlog 2>&1 | grep -v 'Cannot export local symbol' || true
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan-suppressions.txt .build/fuzz/backlog -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
	  -artifact_prefix=Fuzz/regressions/ -print_final_stats=1 .build/fuzz/corpus Fuzz/seeds Fuzz/regressions > .build/fuzz/run.log 2>&1; \
	  status=$$?; runs=$$(grep -o 'number_of_executed_units: [0-9]*' .build/fuzz/run.log | grep -o '[0-9]*$$'); \
	  echo "fuzz: $$runs inputs in $(FUZZ_SECONDS) s, $$( [ $$status = 0 ] && echo 0 || echo 1) crashes" | tee .build/fuzz/summary.txt; exit $$status

# Benchmarks (not part of `make test`): release build, generated corpora under .bench/,
# a table of medians on stdout. BENCH_CORPORA="--corpus team" narrows it.
BENCH_CORPORA ?= --corpus team --corpus org
bench: deps
	$(SWIFT) build -c release --product northstar
	$(SWIFT) build -c release --product northstar-bench
	.build/release/northstar-bench run $(BENCH_CORPORA)

# Sandboxing score of both units (0 best, 10 worst); fails above 2.0.
security:
	systemd-analyze security --offline=yes --threshold=20 systemd/northstar.service
	tmp=$$(mktemp -d) && cp systemd/northstar@.service $$tmp/northstar@team-a.service && \
	  systemd-analyze security --offline=yes --threshold=20 $$tmp/northstar@team-a.service; rc=$$?; rm -rf $$tmp; exit $$rc

# Installs for systemd. DESTDIR stages into a folder (then no user is created and systemd is
# not told). The config is only installed when none exists, never overwritten. The user
# `northstar` is for northstar.service; northstar@TEAM instances run as dynamic users.
install: static
	install -D -m 0755 $(STATIC_BIN) $(DESTDIR)$(PREFIX)/bin/northstar
	install -D -m 0644 systemd/northstar.service $(DESTDIR)$(SYSTEMDDIR)/northstar.service
	install -D -m 0644 systemd/northstar@.service $(DESTDIR)$(SYSTEMDDIR)/northstar@.service
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/northstar/README.md
	@# Shell completions, from swift-argument-parser (the binary writes its own).
	$(STATIC_BIN) --generate-completion-script bash | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/bash-completion/completions/northstar
	$(STATIC_BIN) --generate-completion-script zsh | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_northstar
	$(STATIC_BIN) --generate-completion-script fish | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/northstar.fish
	@# Man pages, one per command, from swift-argument-parser's generate-manual plugin.
	$(SWIFT) package plugin generate-manual --configuration release --multi-page >/dev/null
	for page in .build/plugins/GenerateManual/outputs/northstar/*.1; do \
	  install -D -m 0644 "$$page" $(DESTDIR)$(PREFIX)/share/man/man1/$$(basename "$$page"); done
	@if [ -e $(DESTDIR)/etc/northstar/northstar.yaml ]; then echo "keeping $(DESTDIR)/etc/northstar/northstar.yaml"; \
	  else install -D -m 0644 systemd/northstar.example.yaml $(DESTDIR)/etc/northstar/northstar.yaml; fi
	@if [ -z "$(DESTDIR)" ]; then \
	  id -u northstar >/dev/null 2>&1 || $(SUDO) useradd --system --user-group --no-create-home \
	    --home-dir /var/lib/northstar --shell /usr/sbin/nologin --comment "Northstar daemon" northstar; \
	  install -d -m 0755 /srv/northstar; \
	  if [ -d /run/systemd/system ]; then $(SUDO) systemctl daemon-reload; fi; \
	  echo "Installed. Edit /etc/northstar/northstar.yaml, put the backlog under /srv/northstar, then:"; \
	  echo "  systemctl enable --now northstar    (or northstar@TEAM for /etc/northstar/TEAM/TEAM.yaml)"; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/northstar $(DESTDIR)$(SYSTEMDDIR)/northstar.service $(DESTDIR)$(SYSTEMDDIR)/northstar@.service
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/northstar
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/northstar $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_northstar \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/northstar.fish $(DESTDIR)$(PREFIX)/share/man/man1/northstar.*1 $(DESTDIR)$(PREFIX)/share/man/man1/northstar.1

clean:
	rm -rf .build $(STATIC_BUILD) rankings
