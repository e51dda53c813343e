#!/usr/bin/env bash
# Edge engine benchmark: Strata's local-engine next to llama-cpp-python, same GGUF, same prompts,
# same thread counts, one after the other (never concurrently: they would share two cores).
#
#   bash bench/edge/run.sh                 # 2 threads, 3 runs per measurement
#   THREADS=1 RUNS=5 bash bench/edge/run.sh
#
# The first run builds the engine in release (llama.cpp included: several minutes) and
# llama-cpp-python into bench/edge/.venv with GGML_NATIVE=OFF (several more). Results go to
# stdout and to bench/out/edge-<side>.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/edge"
out="$root/bench/out"
threads="${THREADS:-2}"
batch_threads="${BATCH_THREADS:-$threads}"
runs="${RUNS:-3}"
llama_cpp_python="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
mkdir -p "$out"
cd "$root"

echo "==> building the edge benchmark (release)" >&2
cargo build --release --locked -p local-engine --example edge_bench >&2

venv="$here/.venv"
if ! "$venv/bin/python" -c "import llama_cpp" 2>/dev/null; then
    echo "==> installing llama-cpp-python $llama_cpp_python into $venv (compiles llama.cpp)" >&2
    python3 -m venv "$venv"
    # --no-binary and --no-cache-dir: a cached wheel may have been built with native flags.
    CMAKE_ARGS="-DGGML_NATIVE=OFF" "$venv/bin/pip" install --quiet --no-cache-dir \
        --no-binary llama-cpp-python "llama-cpp-python==$llama_cpp_python" >&2
fi

echo "==> strata local-engine: $threads thread(s), $runs run(s)" >&2
"$root/target/release/examples/edge_bench" --threads "$threads" --batch-threads "$batch_threads" \
    --runs "$runs" >"$out/edge-strata.json"
model="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["model"])' "$out/edge-strata.json")"

echo "==> llama-cpp-python: $threads thread(s), $runs run(s)" >&2
"$venv/bin/python" "$here/llama_cpp_python.py" --model "$model" --threads "$threads" \
    --batch-threads "$batch_threads" --runs "$runs" >"$out/edge-llama-cpp-python.json"

python3 - "$out/edge-strata.json" "$out/edge-llama-cpp-python.json" <<'EOF'
import json, sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
rows = [
    ("prompt processing, ~100-token prompt", "pp100_tps", "tok/s", "pp100_tokens"),
    ("prompt processing, ~500-token prompt", "pp500_tps", "tok/s", "pp500_tokens"),
    ("generation, 128 tokens greedy", "gen_tps", "tok/s", "gen_tokens"),
    ("time to first token, ~100-token prompt", "ttft100_ms", "ms", None),
    ("RSS after the runs", "rss_mib", "MiB", None),
    ("peak RSS", "peak_rss_mib", "MiB", None),
    ("model load", "load_s", "s", None),
]
w = 40
print(f"model: {a['model']}")
print(f"threads: {a['threads']} (batch {a['batch_threads']}), median of {a['runs']} runs\n")
print(f"{'':{w}} {a['impl']:>44} {b['impl']:>26}")
for label, key, unit, count in rows:
    def cell(d):
        v = d[key]
        s = f"{v:,.1f} {unit}" if v < 100 else f"{v:,.0f} {unit}"
        return f"{s} ({d[count]} tok)" if count else s
    print(f"{label:{w}} {cell(a):>44} {cell(b):>26}")
EOF
