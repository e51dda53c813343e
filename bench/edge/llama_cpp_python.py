"""The edge benchmark's reference side: llama-cpp-python running the same GGUF with the same
prompts, measured the same way as local-engine/examples/edge_bench.rs (streamed chat completions,
greedy). Prints one JSON object.

Run inside bench/edge/.venv, where run.sh installs llama-cpp-python built with
CMAKE_ARGS="-DGGML_NATIVE=OFF" (this machine's CPU advertises instructions that trap).
"""

import argparse
import json
import os
import statistics
import time

import llama_cpp

# Keep in step with edge_bench.rs.
PARAGRAPH = (
    "The lighthouse keeper climbed the spiral stairs each evening, trimmed "
    "the wick, and watched the grey water for ships. Storms came from the west in autumn, and the "
    "fishing boats hurried home before the swell rose over the harbour wall. "
)
SYSTEM = "You are a helpful assistant."
GEN_PROMPT = "Count from 1 to 1000, separated by commas."
GEN_TOKENS = 128


def messages(run, paragraphs):
    if paragraphs == 0:
        user = f"Run {run}. {GEN_PROMPT}"
    else:
        user = f"Run {run}. {PARAGRAPH * paragraphs}Summarize the text above in one sentence."
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def measure(llm, msgs, max_tokens):
    # Without a reset llama-cpp-python reuses the KV cache of a shared prompt prefix.
    llm.reset()
    t0 = time.perf_counter()
    first = finished = None
    pieces = 0
    for chunk in llm.create_chat_completion(
        messages=msgs,
        max_tokens=max_tokens,
        temperature=0.0,
        stream=True,
    ):
        now = time.perf_counter()
        choice = chunk["choices"][0]
        if choice["delta"].get("content"):
            pieces += 1
            if first is None:
                first = now
        if choice.get("finish_reason"):
            finished = now
            if first is None:
                first = now
    # This release's stream carries no usage. Every token of the prompt and every generated one
    # but the last has been evaluated into the context; ASCII output streams one chunk per token.
    evaluated = llm.n_tokens
    prompt_tokens = evaluated - max(pieces - 1, 0)
    return prompt_tokens, pieces, first - t0, finished - first


def rss_mib():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) / 1024.0
    return out.get("VmRSS"), out.get("VmHWM")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    t = time.perf_counter()
    llm = llama_cpp.Llama(
        model_path=args.model,
        n_ctx=4096,
        n_batch=512,
        n_ubatch=512,
        n_threads=args.threads,
        n_threads_batch=args.batch_threads,
        verbose=False,
    )
    load_s = time.perf_counter() - t

    measure(llm, messages(0, 2), 1)
    out = {}
    for label, paragraphs in (("pp100", 2), ("pp500", 10)):
        rates, ttfts, tokens = [], [], 0
        for run in range(1, args.runs + 1):
            p, _, ttft, _ = measure(llm, messages(run, paragraphs), 1)
            tokens = p
            rates.append(p / ttft)
            ttfts.append(ttft * 1000.0)
        out[f"{label}_tokens"] = tokens
        out[f"{label}_tps"] = statistics.median(rates)
        if label == "pp100":
            out["ttft100_ms"] = statistics.median(ttfts)
    rates, generated = [], 0
    for run in range(1, args.runs + 1):
        _, c, _, decode_s = measure(llm, messages(run, 0), GEN_TOKENS)
        generated = c
        rates.append(max(c - 1, 0) / decode_s)
    out["gen_tokens"] = generated
    out["gen_tps"] = statistics.median(rates)
    out["rss_mib"], out["peak_rss_mib"] = rss_mib()
    out["load_s"] = load_s
    out["impl"] = f"llama-cpp-python {llama_cpp.__version__}"
    out["threads"] = args.threads
    out["batch_threads"] = args.batch_threads
    out["runs"] = args.runs
    out["model"] = os.path.abspath(args.model)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
