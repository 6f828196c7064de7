# Krisledning — `make run` to build and open the app, `make test` to run every test.
SHELL := /bin/bash
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: run build deps deps-test ui test test-rust test-ui test-e2e lint bindings bench bench-app clean

run: build
	@scripts/run.sh

build: deps ui
	cargo build --workspace

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui: ui/node_modules/.package-lock.json
	cd ui && npm run build

test: deps-test ui lint test-rust test-ui test-e2e
	@echo "Alla tester gick igenom."

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check && npm run lint

test-rust:
	cargo test --workspace

test-ui:
	cd ui && npm test

test-e2e: ui
	cargo build --workspace
	xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/app.e2e.mjs
	xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/war.e2e.mjs
	xvfb-run -a -s "-screen 0 1366x768x24" node tests/e2e/preparedness.e2e.mjs

bench: deps
	cargo build --release -p krisledning-bench --bin kris-bench
	scripts/bench.sh

bench-app: ui
	cargo build --release --bin kris
	cargo build --release -p krisledning-bench --bin kris-bench
	cargo build --release -p krisledning-app
	cd bench/empty-window && CARGO_TARGET_DIR=../../target cargo build --release --locked
	xvfb-run -a -s "-screen 0 1366x768x24" scripts/bench-app.sh

bindings:
	UPDATE_BINDINGS=1 cargo test --test bindings

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
