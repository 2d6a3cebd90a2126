# Copydesk: the two commands a new machine needs are `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/copydesk
RELEASE_BIN := .build/release/copydesk
# Written by `scripts/postgres-test-server.sh start` and `scripts/slurm-test-cluster.sh start`, removed by `stop`.
POSTGRES_TEST_ENV := .build/postgres-test-server/env
SLURM_TEST_ENV := .build/slurm-test-cluster/env

.PHONY: run test build release bench lint docs setup clean

## Build (debug) and run the default pipeline on samples/ into out/.
run: setup
	$(SWIFT) build --product copydesk
	$(BIN) run pipelines/default.yaml

## Build and run every test; with a server from scripts/postgres-test-server.sh, the PostgreSQL ones too,
## and with a cluster from scripts/slurm-test-cluster.sh, the Slurm ones.
test: setup
	$(SWIFT) build --build-tests
	@if [ -f $(POSTGRES_TEST_ENV) ]; then . ./$(POSTGRES_TEST_ENV); fi; \
	if [ -f $(SLURM_TEST_ENV) ]; then . ./$(SLURM_TEST_ENV); fi; \
	$(SWIFT) test --skip-build

## Check formatting and style against .swift-format (swift-format ships with the toolchain).
lint:
	$(SWIFT) format lint --strict -r Sources Tests

## Validate deploy/kubernetes against the Kubernetes API schemas, strictly (installs the validator under .build/ when missing).
.PHONY: validate-manifests
validate-manifests:
	@scripts/validate-manifests.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

## Release-mode benchmarks on generated corpora (PostgreSQL ones against a throw-away server); figures go to docs/performance.md.
bench: setup
	$(SWIFT) build -c release --product copydesk-bench
	@scripts/bench/comparison-tools.sh .build/bench-venv
	@trap 'scripts/postgres-test-server.sh stop' EXIT; \
	if scripts/postgres-test-server.sh start >/dev/null; then . ./$(POSTGRES_TEST_ENV); else echo "bench: no PostgreSQL server; its cases are skipped" >&2; fi; \
	COPYDESK_BENCH_DATABASE_URL="$${COPYDESK_TEST_DATABASE_URL:-}" .build/release/copydesk-bench all --work .build/bench --python "$$(cat .build/bench-venv/python-path 2>/dev/null)"

## Regenerate docs/stages.md and docs/pipeline.schema.json from the stage declarations, and docs/record.schema.json from the output tables.
docs: build
	$(BIN) stages --markdown > docs/stages.md
	$(BIN) schema > docs/pipeline.schema.json
	$(BIN) schema --record > docs/record.schema.json

## Install the system libraries a fresh machine lacks (Debian).
setup:
	@scripts/setup.sh

clean:
	rm -rf .build out
