# octorepl — set-up, build, test, bench.
# `make run` and `make test` are all a newcomer needs on a fresh Debian machine.

SHELL      := /bin/bash
SWIFT      ?= swift
PACKAGES   := libopenblas-dev libreadline-dev pkg-config
RELEASE    := -c release
TESTFLAGS  := -c release -Xswiftc -enable-testing
VENV       := .venv

.PHONY: deps build run test bench bench-anchors bench-anchors-torch fuzz demo clean

## deps: install missing system packages (apt-get when root; otherwise print the command)
deps:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing system packages. Run:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found on PATH (expected /opt/swift/usr/bin)"; exit 1; }

## build: release build of everything
build: deps
	$(SWIFT) build $(RELEASE)

## run: build in release and start the REPL
run: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl

## test: the whole suite (numeric tests need release speed)
test: deps
	$(SWIFT) build $(TESTFLAGS) --build-tests
	@set -o pipefail; OCTOREPL_CACHE_DIR=$(CURDIR)/.build/test-cache $(SWIFT) test $(TESTFLAGS) --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt
	@grep -E '^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?' .build/test-output.txt | tail -1 \
	  | awk '{ print "tests: " $$2 - $$5 " passed, " $$5 " failed" }'

## bench: every benchmark group; `make bench GROUP=gemm` runs one
bench: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/bench $(GROUP)

## fuzz: 100k random and mutated cells through the interpreter (0 crashes, 0 hangs, every error located)
fuzz: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl fuzz --cells 100000 sessions/*.octo Tests/Fixtures/octorepl/*.octo

## demo: the whole study in miniature (≤ 30 min on 2 cores)
demo: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl run sessions/octothinker-mini.octo

## bench-anchors: a Python venv with HF tokenizers and Math-Verify, measured as anchors by `make bench`
bench-anchors:
	python3 -m venv $(VENV) && $(VENV)/bin/pip install -q tokenizers math-verify

## bench-anchors-torch: adds CPU PyTorch + transformers (large download) for the model anchors
bench-anchors-torch: bench-anchors
	$(VENV)/bin/pip install -q torch transformers

clean:
	rm -rf .build
