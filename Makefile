# The two commands of the README. Everything they need is installed by scripts/ on first use.

.PHONY: run test bench lint

## Start the gateway on its embedded defaults (http://127.0.0.1:8080).
run:
	bash scripts/run.sh

## Run the whole test suite: format, lints, Rust tests, end-to-end SDK tests.
test:
	bash scripts/test.sh

## Load benchmark: the gateway's added latency against a mock upstream on loopback.
bench:
	bash bench/load.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
