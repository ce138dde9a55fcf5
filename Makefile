# waihu — the two commands that matter: `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: all setup build demo sandbox bench bench-size test test-native test-features test-wasm-node test-wasm-browser test-js test-browser test-bench-smoke test-lint test-docs docs clean

all: build

## Install toolchains and tools (idempotent; fast when done).
setup:
	@scripts/setup.sh

## Build the npm package into pkg/: the module with everything (waihu), and one per entry point
## that loads less in browsers: waihu/core (no clients), waihu/xiaoa, waihu/sccc, waihu/baibaihu
## (one platform, its client included). Each is rebuilt only when the Rust sources change.
MODULES := full core xiaoa sccc baibaihu
features_full := --features platforms,clients
features_core := --no-default-features --features platforms
features_xiaoa := --no-default-features --features client-xiaoa
features_sccc := --no-default-features --features client-sccc
features_baibaihu := --no-default-features --features client-baibaihu
RUST_SOURCES := $(shell find src -name '*.rs') Cargo.toml Cargo.lock

build: setup $(MODULES:%=target/modules/%.wasm)
	node scripts/build.mjs

target/modules/%.wasm: $(RUST_SOURCES) | setup
	cargo build --release --target wasm32-unknown-unknown $(features_$*)
	@mkdir -p target/modules
	cp target/wasm32-unknown-unknown/release/waihu.wasm $@

## Build, run the offline quickstart and the whole 小A flow against the local
## sandbox, then serve the web console (www/) and the sandbox until Ctrl-C.
demo: build
	node examples/quickstart.mjs
	@echo
	node examples/xiaoa-flow.mjs
	node scripts/demo.mjs

## The API reference, generated from the package's TypeScript types (typedoc) into docs/api/.
docs: build
	typedoc

## Run the platform sandbox on 127.0.0.1:8088 until Ctrl-C.
sandbox: build
	node pkg/cli/waihu.mjs sandbox --port 8088

## The benchmark (issue 7): waihu against node:crypto, WebCrypto, crypto-js, js-md5, hash-wasm and
## @noble in Node and headless Chromium; tables in test-artifacts/bench/results.md (~5 minutes).
bench: build
	node bench/run.mjs

## Where the module's bytes go: one release build per client feature (~2 minutes);
## table in test-artifacts/bench/size.md.
bench-size: build
	node bench/size.mjs

## Every test: native Rust (with php-cli), wasm in Node and in headless Chromium, the npm package in
## Node and Chromium, and the benchmark's smoke run (every implementation agrees; timings ignored).
test: build test-lint test-docs test-native test-features test-wasm-node test-wasm-browser test-js test-browser test-bench-smoke
	@echo "make test: all green"

## The lint gates: rustfmt and clippy (native and wasm32, warnings are errors) and Biome over the JS.
test-lint: setup
	cargo fmt --check
	cargo clippy --release --all-targets -- -D warnings
	cargo clippy --release --target wasm32-unknown-unknown --all-targets -- -D warnings
	for f in platforms client-xiaoa client-sccc client-baibaihu; do cargo clippy --release --target wasm32-unknown-unknown --no-default-features --features $$f -- -D warnings || exit 1; done
	biome check .

## The API reference builds without a warning (an undocumented or unresolved type is an error).
test-docs:
	typedoc --out test-artifacts/api

test-native:
	cargo test --release

## Each client feature alone still compiles for wasm (what `make bench-size` builds).
test-features:
	cargo check --target wasm32-unknown-unknown --no-default-features
	for f in xiaoa sccc baibaihu platforms client-xiaoa client-sccc client-baibaihu; do cargo check --target wasm32-unknown-unknown --no-default-features --features $$f || exit 1; done

test-wasm-node:
	wasm-pack test --node --release

test-wasm-browser:
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --release

test-js:
	node --test tests/js/*.test.mjs
	tsc -p tests/types

## The package in Debian's Chromium (playwright-core): module import, Vite bundle, the 小A client
## cross-origin, and the web console end to end (screenshots in test-artifacts/www/).
test-browser:
	node --test tests/browser/*.test.mjs

test-bench-smoke:
	node bench/run.mjs --smoke --quiet

clean:
	rm -rf pkg target/wasm32-unknown-unknown target/modules
