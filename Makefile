# Copydesk: the two commands a new machine needs are `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/copydesk
RELEASE_BIN := .build/release/copydesk

.PHONY: run test build release bench lint docs setup clean

## Build (debug) and run the default pipeline on samples/ into out/.
run: setup
	$(SWIFT) build --product copydesk
	$(BIN) run pipelines/default.yaml

## Build and run every test.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Check formatting and style against .swift-format (swift-format ships with the toolchain).
lint:
	$(SWIFT) format lint --strict -r Sources Tests

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

## Release-mode benchmarks on generated corpora; figures go to docs/performance.md.
bench: setup
	$(SWIFT) build -c release --product copydesk-bench
	@scripts/bench/comparison-tools.sh .build/bench-venv
	.build/release/copydesk-bench all --work .build/bench --python "$$(cat .build/bench-venv/python-path 2>/dev/null)"

## Regenerate docs/stages.md from the stage declarations.
docs: build
	$(BIN) stages --markdown > docs/stages.md

## Install the system libraries a fresh machine lacks (Debian).
setup:
	@scripts/setup.sh

clean:
	rm -rf .build out
