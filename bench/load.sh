#!/usr/bin/env bash
# Latency the gateway adds on top of its upstream, measured against a local mock upstream.
# See bench/README.md for what is measured, the knobs, and how to read the numbers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

RATE="${RATE:-1000}"
DURATION="${DURATION:-20s}"
STREAM_RATE="${STREAM_RATE:-200}"
STREAM_DURATION="${STREAM_DURATION:-$DURATION}"
STREAM_PIECES="${STREAM_PIECES:-16}"
PEAK_CONNECTIONS="${PEAK_CONNECTIONS:-64}"
PEAK_DURATION="${PEAK_DURATION:-15s}"
# Open connections oha spreads the fixed-rate load over.
RATE_CONNECTIONS="${RATE_CONNECTIONS:-50}"
WARMUP="${WARMUP:-3s}"
# 1: skip the gateway entirely (calibrates the harness on the mock alone).
DIRECT_ONLY="${DIRECT_ONLY:-0}"
SKIP_BUILD="${SKIP_BUILD:-0}"
GATEWAY_BIN="${GATEWAY_BIN:-$ROOT/target/release/strata}"
MOCK_BIN="${MOCK_BIN:-$ROOT/target/release/strata-mock-upstream}"
# Fixed gateway port, for a gateway whose log level hides its "listening on" line.
GATEWAY_PORT="${GATEWAY_PORT:-0}"
OUT_DIR="${OUT_DIR:-$ROOT/bench/out}"

# What the requests ask: `strata/auto` goes through classify and decide like real traffic (every
# request is classified; the alias also lets the policy choose). PROMPT_FILE: a file whose text is
# the prompt, to measure larger prompts.
MODEL="${MODEL:-strata/auto}"
PROMPT="${PROMPT:-hello}"
if [[ -n "${PROMPT_FILE:-}" ]]; then PROMPT="$(cat "$PROMPT_FILE")"; fi
body() { # STREAM(true|false)
    MODEL="$MODEL" PROMPT="$PROMPT" STREAM="$1" python3 -c '
import json, os
b = {"model": os.environ["MODEL"], "messages": [{"role": "user", "content": os.environ["PROMPT"]}]}
if os.environ["STREAM"] == "true":
    b["stream"] = True
print(json.dumps(b))'
}
BODY="$(body false)"
STREAM_BODY="$(body true)"

log() { printf '[load] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# oha's -z wants a unit; a bare number means seconds.
with_unit() { [[ "$1" =~ ^[0-9]+$ ]] && printf '%ss' "$1" || printf '%s' "$1"; }
DURATION="$(with_unit "$DURATION")"
STREAM_DURATION="$(with_unit "$STREAM_DURATION")"
PEAK_DURATION="$(with_unit "$PEAK_DURATION")"
WARMUP="$(with_unit "$WARMUP")"

for tool in curl jq awk; do
    command -v "$tool" >/dev/null || die "$tool is required"
done

# ---------------------------------------------------------------------------------------------
# Process bookkeeping: everything started here is tracked by PID and stopped on exit.

PIDS=()
WORK="$(mktemp -d "${TMPDIR:-/tmp}/strata-load.XXXXXX")"

untrack() {
    local keep=() p
    for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
    PIDS=("${keep[@]}")
}

cleanup() {
    local rc=$? pid i
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        # The gateway drains in-flight requests on SIGTERM; don't wait out its full grace period.
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    # Logs stay next to the oha results; capped because the gateway may log every request.
    if [[ -n "${RUN_DIR:-}" && -d "$RUN_DIR" ]]; then
        for f in mock.log gateway.log; do
            if [[ -f "$WORK/$f" ]]; then tail -n 2000 "$WORK/$f" >"$RUN_DIR/$f" || true; fi
        done
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits for a "listening on ... 127.0.0.1:PORT" line in LOG from process PID; prints HOST:PORT.
listen_addr() {
    local name="$1" pid="$2" logfile="$3" addr="" i
    for i in $(seq 300); do
        addr="$(grep -i 'listening' "$logfile" 2>/dev/null | grep -oE '127\.0\.0\.1:[1-9][0-9]*' | head -n1 || true)"
        [[ -n "$addr" ]] && { printf '%s' "$addr"; return 0; }
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "$name exited during startup"; }
        sleep 0.1
    done
    tail -n 30 "$logfile" >&2
    die "$name printed no 'listening on 127.0.0.1:PORT' line within 30 s"
}

# Retries a curl command line until it succeeds, for up to 30 s, while PID is alive.
wait_ready() {
    local name="$1" pid="$2" logfile="$3" i
    shift 3
    for i in $(seq 300); do
        curl --noproxy '*' -fsS -o /dev/null --max-time 2 "$@" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "$name exited before it was ready"; }
        sleep 0.1
    done
    tail -n 30 "$logfile" >&2
    die "$name not ready within 30 s"
}

# ---------------------------------------------------------------------------------------------
# Build and tools.

cd "$ROOT"
if [[ "$SKIP_BUILD" != 1 ]]; then
    if [[ "$DIRECT_ONLY" == 1 ]]; then
        log "building strata-mock-upstream (release)"
        cargo build --release -p strata-tests --bin strata-mock-upstream
    else
        log "building strata and strata-mock-upstream (release)"
        cargo build --release -p strata-gateway -p strata-tests
    fi
fi
[[ -x "$MOCK_BIN" ]] || die "no mock binary at $MOCK_BIN"
[[ "$DIRECT_ONLY" == 1 || -x "$GATEWAY_BIN" ]] || die "no gateway binary at $GATEWAY_BIN"

if command -v oha >/dev/null; then
    OHA="$(command -v oha)"
elif [[ -x "$ROOT/bench/.tools/bin/oha" ]]; then
    OHA="$ROOT/bench/.tools/bin/oha"
else
    log "oha not found: installing it into bench/.tools (this compiles for several minutes)"
    cargo install oha --locked --root "$ROOT/bench/.tools"
    OHA="$ROOT/bench/.tools/bin/oha"
fi
OHA_VERSION="$("$OHA" --version 2>/dev/null | head -n1)"

# ---------------------------------------------------------------------------------------------
# Start the mock upstream and the gateway.

STARTED="$(date -u +%s)"
STAMP="$(date -u -d "@$STARTED" +%Y%m%d-%H%M%S)"
RUN_DIR="$OUT_DIR/load-$STAMP"
REPORT="$OUT_DIR/load-$STAMP.md"
mkdir -p "$RUN_DIR"

"$MOCK_BIN" --listen 127.0.0.1:0 --stream-pieces "$STREAM_PIECES" >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
MOCK_ADDR="$(listen_addr mock "$MOCK_PID" "$WORK/mock.log")"
MOCK_URL="http://$MOCK_ADDR/v1/chat/completions"
wait_ready mock "$MOCK_PID" "$WORK/mock.log" -X POST -H 'content-type: application/json' -d "$BODY" "$MOCK_URL"
log "mock upstream on $MOCK_ADDR (pid $MOCK_PID)"

GW_PID=""
GW_URL=""
if [[ "$DIRECT_ONLY" != 1 ]]; then
    cat >"$WORK/gateway.toml" <<EOF
[server]
listen = "127.0.0.1:0"

[routing]
default_tier = "cloud"

[providers.mock]
kind = "openai"
base_url = "http://$MOCK_ADDR/v1"

[[models]]
name = "mock-model"
provider = "mock"
tier = "cloud"

[tiers.cloud]
models = ["mock-model"]
EOF
    cp "$WORK/gateway.toml" "$RUN_DIR/gateway.toml"
    NO_COLOR=1 "$GATEWAY_BIN" serve --config "$WORK/gateway.toml" --listen "127.0.0.1:$GATEWAY_PORT" \
        >"$WORK/gateway.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    if [[ "$GATEWAY_PORT" == 0 ]]; then
        GW_ADDR="$(listen_addr gateway "$GW_PID" "$WORK/gateway.log")"
    else
        GW_ADDR="127.0.0.1:$GATEWAY_PORT"
    fi
    wait_ready gateway "$GW_PID" "$WORK/gateway.log" "http://$GW_ADDR/healthz"
    GW_URL="http://$GW_ADDR/v1/chat/completions"
    # Fail here, not after minutes of measuring error responses.
    if ! smoke="$(curl --noproxy '*' -sS --max-time 10 -w '\n%{http_code}' -X POST \
        -H 'content-type: application/json' -d "$BODY" "$GW_URL")" || [[ "${smoke##*$'\n'}" != 200 ]]; then
        tail -n 30 "$WORK/gateway.log" >&2
        die "a request through the gateway failed: ${smoke:-no response}"
    fi
    log "gateway on $GW_ADDR (pid $GW_PID)"
fi

# ---------------------------------------------------------------------------------------------
# Measurements.

declare -A R

# run_oha NAME URL BODY ARGS... : runs oha, keeps its JSON as $RUN_DIR/NAME.json, and fills
# R[NAME.p50] R[NAME.p99] R[NAME.ttfb50] R[NAME.ttfb99] (ms), R[NAME.rps], R[NAME.bad].
run_oha() {
    local name="$1" url="$2" body="$3" pid
    shift 3
    # In the background so a signal reaches the trap without waiting for the run to end.
    "$OHA" --no-tui --output-format json -w -m POST -T application/json -d "$body" "$@" "$url" \
        >"$RUN_DIR/$name.json" 2>"$WORK/oha-$name.err" &
    pid=$!
    PIDS+=("$pid")
    wait "$pid" || { cat "$WORK/oha-$name.err" >&2; die "oha failed for $name"; }
    untrack "$pid"
    local fields
    fields="$(jq -r '
        def ms: if . == null then "n/a" else (. * 1000000 | round) / 1000 end;
        [ (.latencyPercentiles.p50 | ms), (.latencyPercentiles.p99 | ms),
          (.firstBytePercentiles.p50 | ms), (.firstBytePercentiles.p99 | ms),
          ((.summary.requestsPerSec // 0) | round),
          (([.statusCodeDistribution // {} | to_entries[] | select(.key != "200") | .value] | add // 0)
           + ([.errorDistribution // {} | to_entries[] | select(.key != "aborted due to deadline") | .value] | add // 0)),
          ([.statusCodeDistribution // {} | to_entries[] | .value] | add // 0)
        ] | map(tostring) | join(" ")' "$RUN_DIR/$name.json" |
        awk '{ for (i = 1; i <= 4; i++) if ($i != "n/a") $i = sprintf("%.3f", $i); print }')"
    read -r "R[$name.p50]" "R[$name.p99]" "R[$name.ttfb50]" "R[$name.ttfb99]" "R[$name.rps]" \
        "R[$name.bad]" "R[$name.n]" <<<"$fields"
    log "$(printf '%-16s p50 %8s ms  p99 %8s ms  %6s req/s  %s responses, %s failed' \
        "$name" "${R[$name.p50]}" "${R[$name.p99]}" "${R[$name.rps]}" "${R[$name.n]}" "${R[$name.bad]}")"
    if [[ "${R[$name.bad]}" != 0 ]]; then
        log "warning: $name had ${R[$name.bad]} non-200 responses or errors (see $RUN_DIR/$name.json)"
    fi
}

diff_ms() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a") print "n/a"; else printf "%.3f", a - b }'
}

warm() {
    [[ "$WARMUP" == 0s ]] && return 0
    "$OHA" --no-tui --output-format quiet -w -m POST -T application/json -d "$BODY" \
        -q "$RATE" -c "$RATE_CONNECTIONS" -z "$WARMUP" "$1" >/dev/null 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait "$pid" || true
    untrack "$pid"
}

log "warming up ($WARMUP per target)"
warm "$MOCK_URL"
if [[ -n "$GW_URL" ]]; then warm "$GW_URL"; fi

log "fixed rate: $RATE req/s for $DURATION"
run_oha direct "$MOCK_URL" "$BODY" -q "$RATE" --latency-correction -c "$RATE_CONNECTIONS" -z "$DURATION"
if [[ -n "$GW_URL" ]]; then
    run_oha gateway "$GW_URL" "$BODY" -q "$RATE" --latency-correction -c "$RATE_CONNECTIONS" -z "$DURATION"
fi

log "streaming: $STREAM_RATE req/s for $STREAM_DURATION, $STREAM_PIECES pieces each"
run_oha direct-stream "$MOCK_URL" "$STREAM_BODY" -q "$STREAM_RATE" --latency-correction -c "$RATE_CONNECTIONS" -z "$STREAM_DURATION"
if [[ -n "$GW_URL" ]]; then
    run_oha gateway-stream "$GW_URL" "$STREAM_BODY" -q "$STREAM_RATE" --latency-correction -c "$RATE_CONNECTIONS" -z "$STREAM_DURATION"
fi

log "peak throughput: $PEAK_CONNECTIONS connections for $PEAK_DURATION"
run_oha direct-peak "$MOCK_URL" "$BODY" -c "$PEAK_CONNECTIONS" -z "$PEAK_DURATION"
if [[ -n "$GW_URL" ]]; then
    run_oha gateway-peak "$GW_URL" "$BODY" -c "$PEAK_CONNECTIONS" -z "$PEAK_DURATION"
fi

RSS="n/a"
HWM="n/a"
if [[ -n "$GW_PID" && -r "/proc/$GW_PID/status" ]]; then
    RSS="$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$GW_PID/status")"
    HWM="$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$GW_PID/status")"
fi

# ---------------------------------------------------------------------------------------------
# Report.

row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
measured() { # NAME LABEL LOAD
    row "$2" "$3" "${R[$1.p50]}" "${R[$1.p99]}" "${R[$1.rps]}" "${R[$1.n]} / ${R[$1.bad]}"
}

{
    printf '# Strata load benchmark, %s\n\n' "$(date -u -d "@$STARTED" '+%Y-%m-%d %H:%M:%S UTC')"
    printf -- '- commit: %s\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
    printf -- '- host: %s CPUs, %s\n' "$(nproc)" "$(uname -sr)"
    printf -- '- load tool: %s, mock and gateway on the same host (all on 127.0.0.1)\n' "$OHA_VERSION"
    printf -- '- requests: model `%s`, prompt of %s characters\n' "$MODEL" "${#PROMPT}"
    printf -- '- fixed rate %s req/s for %s, streaming %s req/s for %s (%s pieces), peak %s connections for %s\n\n' \
        "$RATE" "$DURATION" "$STREAM_RATE" "$STREAM_DURATION" "$STREAM_PIECES" "$PEAK_CONNECTIONS" "$PEAK_DURATION"
    row "run" "load" "p50 ms" "p99 ms" "achieved req/s" "responses / failed"
    row "---" "---" "---:" "---:" "---:" "---:"
    measured direct "direct to mock" "$RATE req/s"
    if [[ -n "$GW_URL" ]]; then
        measured gateway "through gateway" "$RATE req/s"
        row "**added by gateway**" "" "**$(diff_ms "${R[gateway.p50]}" "${R[direct.p50]}")**" \
            "**$(diff_ms "${R[gateway.p99]}" "${R[direct.p99]}")**" "" ""
    fi
    measured direct-stream "direct to mock, stream" "$STREAM_RATE req/s"
    if [[ -n "$GW_URL" ]]; then
        measured gateway-stream "through gateway, stream" "$STREAM_RATE req/s"
        row "**added by gateway, stream**" "" "**$(diff_ms "${R[gateway-stream.p50]}" "${R[direct-stream.p50]}")**" \
            "**$(diff_ms "${R[gateway-stream.p99]}" "${R[direct-stream.p99]}")**" "" ""
        row "added, stream first byte" "" "$(diff_ms "${R[gateway-stream.ttfb50]}" "${R[direct-stream.ttfb50]}")" \
            "$(diff_ms "${R[gateway-stream.ttfb99]}" "${R[direct-stream.ttfb99]}")" "" ""
    fi
    measured direct-peak "peak, direct to mock" "$PEAK_CONNECTIONS conns"
    if [[ -n "$GW_URL" ]]; then
        measured gateway-peak "**peak through gateway**" "$PEAK_CONNECTIONS conns"
    fi
    printf '\n'
    if [[ -n "$GW_PID" ]]; then
        printf 'Gateway memory after the runs: VmRSS %s MiB, VmHWM (peak) %s MiB.\n\n' "$RSS" "$HWM"
    fi
    printf 'Latencies are full response times (last byte) from oha, corrected for coordinated omission at fixed rates; "added" is gateway minus direct at the same percentile. Raw oha JSON: `%s`.\n' \
        "${RUN_DIR#"$ROOT"/}"
} >"$REPORT"

printf '\n'
cat "$REPORT"
log "report written to $REPORT"
