#!/usr/bin/env bash
# Builds and starts the gateway on its embedded defaults. Extra arguments go to `strata serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-system.sh
bash scripts/setup-python.sh
echo "==> building strata (release; the first build takes a few minutes)" >&2
cargo build --release --locked -p strata-gateway --bin strata
exec ./target/release/strata serve "$@"
