#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "system packages for the edge engine build"
bash scripts/setup-system.sh

step "python environment for the end-to-end tests"
bash scripts/setup-python.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --locked --workspace

step "end-to-end tests with the official SDKs"
# `cargo test --workspace` has just built target/debug/strata (the gateway has integration
# tests); building it again with `-p strata-gateway` alone would unify features differently and
# recompile llama.cpp for nothing.
if [ ! -x target/debug/strata ]; then
    cargo build --locked -p strata-gateway --bin strata
fi
STRATA_BIN="$PWD/target/debug/strata" .venv/bin/python -m pytest tests/e2e -q -p no:cacheprovider
