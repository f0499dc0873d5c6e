# Switchboard: `make run` serves the console with the demo clusters; `make test` runs every test.
# Each target installs what is missing first (scripts/setup.sh); the environment of the wasm build
# lives in scripts/env.sh only.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
PUBLIC_URL ?= /
FLINK ?= 1
ENV := . scripts/env.sh &&

.PHONY: setup setup-test build native run test lint test-host test-wasm test-e2e test-demo bench fuzz test-faults test-load test-upload clean

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## The release bundle of the console, in dist/.
build: setup
	@$(ENV) RUSTFLAGS="$$SWITCHBOARD_RELEASE_RUSTFLAGS" wasm_env trunk build --release --public-url $(PUBLIC_URL)

## The proxy and the simulators (debug builds: they are fast to build and fast enough).
native: setup
	@$(ENV) cargo build -q -p switchboard-proxy -p switchboard-sim

## Serves the console and the demo clusters (a real Flink too; FLINK=0 leaves it out) on http://127.0.0.1:$(PORT).
run: build native
	@$(ENV) PORT=$(PORT) FLINK=$(FLINK) scripts/run-demo.sh

## Every test: host unit tests, browser component tests, end-to-end tests.
test: setup-test lint test-host test-wasm test-e2e test-demo

## Formatting and lints of every crate (quick: they run first and fail early).
lint: setup
	@$(ENV) cargo fmt --all --check
	@$(ENV) cargo clippy -q --workspace --all-targets -- -D warnings

test-host: setup
	@$(ENV) cargo test --workspace --exclude switchboard-e2e

test-wasm: setup-test
	@$(ENV) wasm_env cargo test -p switchboard --target wasm32-unknown-unknown $(patsubst tests/%.rs,--test %,$(wildcard tests/*.rs))

test-e2e: build native
	@$(ENV) scripts/e2e.sh

## The demo as `make run` starts it: five clusters up and healthy in a browser, Ctrl-C leaves nothing.
test-demo: setup-test build native
	@$(ENV) scripts/demo-check.sh

## The benchmark (not in make test): bundle size; the shared table at 100,000 rows against a plain JS
## table and decoding against JSON.parse; cold loads to the first row of the home page and a deep
## link into each system, and of the Flink overview against Flink's own dashboard; graph layout
## against dagre; the polling soak (a bundle built with the bench pages, in dist-bench/); the Druid
## datasources list of a 5,000-datasource cluster. Every figure beside a baseline measured in the
## same run, printed as one table at the end; BENCHMARKS.md says how to read it. BENCH_RUNS=n cold
## runs per figure (default 5), BENCH_SOAK_SECS=s of soak per view (default 90; 600: the full soak).
BENCH_ROWS ?= $(CURDIR)/target/bench-rows
bench: setup-test build native
	@scripts/setup.sh bench
	@rm -rf $(BENCH_ROWS) && mkdir -p $(BENCH_ROWS)
	@$(ENV) SWITCHBOARD_BENCH_ROWS=$(BENCH_ROWS) scripts/bench.sh
	@$(ENV) RUSTFLAGS="$$SWITCHBOARD_RELEASE_RUSTFLAGS" wasm_env trunk build --release --features bench --dist dist-bench --public-url /
	@$(ENV) E2E_DIST=dist-bench E2E_BENCH=table E2E_FLINK=0 E2E_SIM_ARGS="--druid-scale large" scripts/e2e.sh | tee $(BENCH_ROWS)/table.txt
	@$(ENV) SWITCHBOARD_BENCH_ROWS=$(BENCH_ROWS) E2E_BENCH=1 scripts/e2e.sh
	@$(ENV) SWITCHBOARD_BENCH_ROWS=$(BENCH_ROWS) E2E_DIST=dist-bench E2E_BENCH=perf scripts/e2e.sh
	@$(ENV) E2E_FLINK=0 E2E_SIM_ARGS="--druid-scale large" scripts/e2e.sh druid_scale --include-ignored --nocapture
	@echo; echo "make bench: every figure against its baseline of the same run (below 1: Switchboard is faster or smaller)"
	@$(ENV) SWITCHBOARD_BENCH_ROWS=$(BENCH_ROWS) cargo run -q -p switchboard-e2e --bin bench_report

## Every case of the fault matrix (make test-e2e runs a slice): every simulated system's list view,
## detail view and form (or action) under each simulator fault mode, and the real Flink cluster's job
## manager stopped and started under an open view. FAULTS picks cases instead of all: comma-separated
## filters of a system, a kind (list, detail, form) and a mode joined by +, e.g.
## `make test-faults FAULTS=starrocks+form,huge_body` or `FAULTS=flink` (the job manager case).
FAULTS ?= all
test-faults: setup-test build native
	@$(ENV) E2E_FAULTS="$(FAULTS)" scripts/e2e.sh fault_matrix --nocapture

## The proxy under load: 200 clients for 30 s, 10% of the answers slow and 10% failing, then a
## 1 GiB stream load through it (not in make test).
test-load: native
	@scripts/setup.sh load
	@$(ENV) scripts/load.sh
	@$(ENV) scripts/load-upload.sh

## A 1 GiB stream load through the proxy to the StarRocks simulator: the proxy's peak memory (not in make test).
test-upload: native
	@$(ENV) scripts/load-upload.sh

## The decoders' fuzz properties with a long budget (make test runs 64 cases of each):
## FUZZ_CASES cases per property, plus every recorded answer under FUZZ_SAMPLES (default ../shared/api-samples).
FUZZ_CASES ?= 200000
FUZZ_SAMPLES ?= ../shared/api-samples
fuzz: setup
	@$(ENV) FUZZ_CASES=$(FUZZ_CASES) FUZZ_SAMPLES=$(FUZZ_SAMPLES) cargo test --release -p switchboard --lib fuzz -- --nocapture

clean:
	rm -rf dist dist-bench target
