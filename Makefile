# Northstar — the two commands a newcomer needs:
#   make run    install what is missing, build, rank the bundled example
#   make test   install what is missing, build and run the tests
SWIFT       ?= swift
CONFIG      ?= config/northstar.yaml
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HEADERS     := /usr/include/yaml.h /usr/include/inotifytools/inotifytools.h

.PHONY: all deps build release run rank test check clean help

all: build

help:
	@echo "make run      build (release) and start the daemon on the bundled example backlog"
	@echo "make rank     build (release) and rank the bundled example once"
	@echo "make test     build and run every test"
	@echo "make check    validate the bundled example with 'northstar check'"
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

# Starts the daemon on the bundled example in the foreground: edit a file under
# examples/food-bank/backlog and watch rankings/ change. Ctrl-C stops it.
run: release
	.build/release/northstar watch --config $(CONFIG)

rank: release
	.build/release/northstar rank --config $(CONFIG)

check: build
	.build/debug/northstar check --config $(CONFIG)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build rankings
