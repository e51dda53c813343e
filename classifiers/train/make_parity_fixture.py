"""Writes classifiers/tests/fixtures/parity.jsonl: chat requests with the prompt text, features
and scores the Python pipeline computes for them, for the Rust runtime's parity test (1e-4).

Each line: {"id", "messages", "text", "idx", "val", "dense", "scores"}. `text` is the assembled
prompt text of FEATURES.md §1 before truncation; `idx`/`val`/`dense` are the features of that
text (truncation applied, as the spec says); `scores` come from ONNX Runtime on the exported
model. Float32 values are written as the exact decimal of the float32.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

import features as F
import train as T

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "tests" / "fixtures" / "parity.jsonl"
SEED = 20240611


def f32list(a):
    return [float(np.float32(x)) for x in a]


def edge_cases():
    rng = random.Random(f"{SEED}/parity/edge")
    long_code = "".join(rng.choice("abcdefghij (){};=<>\n\t0123456789_") for _ in range(15_000))
    long_mixed = "".join(rng.choice(["日本", "語", "é", "ß", "\U0001f600", "a", " ", "\n", "\u00a0", "—", "«"]) for _ in range(13_000))
    cases = {
        "empty": "",
        "one-word": "hello",
        "one-char": "A",
        "emoji": "👍🏽🎉 ok 😀 👩‍💻",
        "cjk": "東京は日本の首都です。大阪、京都、「奈良」！",
        "chinese": "请把这句话翻译成英文：今天天气很好。",
        "hindi": "नमस्ते दुनिया, आप कैसे हैं?",
        "korean-thai-arabic": "안녕하세요 สวัสดีครับ مرحبا بالعالم",
        "punctuation": "!!!???...,,,;;;:::«»“”‘’…—–¿¡、。，！？「」@#$%^&*()[]{}<>|\\/~`'\"+-=_",
        "whitespace": " \t lead\u00a0\u00a0nbsp\u3000ideographic\r\nCRLF\x0bVT\x0cFF  trail \u2003em\u2003space ",
        "only-separators": " \t\n\r\u00a0\u3000 ",
        "uppercase": "HELLO WORLD, THIS IS A VERY LOUD PROMPT ABOUT SQL JOINS",
        "digits": "1234567890 3.14159 2024-01-01 +49 30 1234 0x1F 1e-9 ½ ١٢٣",
        "unicode-case": "İstanbul ΟΔΟΣ ẞtraße ǅemal ﬁnance Å",
        "combining": "e\u0301 n\u0303 a\u030a zero\u200bwidth joi\u200dner",
        "code": "fn main() {\n    let x: Vec<i32> = (0..10).map(|i| i * 2).collect();\n    println!(\"{:?}\", x);\n}\n",
        "exactly-12000": "x" * 11_999 + "y",
        "12001-code-points": "a" * 8_000 + "MIDDLE" + "b" * 3_995,
        "long-code-15000": long_code,
        "long-mixed-13000": long_mixed,
        "long-emoji-20000": "\U0001f600 " * 10_000,
        "long-article": T_article(rng),
    }
    return cases


def T_article(rng):
    from seeds import material

    return material.article(rng, "de", 16_000)


def main():
    rng = random.Random(f"{SEED}/parity")
    sess = T.ort_session(T.MODEL_PATH)
    dif = [r for r in T.load(HERE / "corpus" / "difficulty.jsonl") if r["fold"] == T.VALIDATION_FOLD]
    prv = [r for r in T.load(HERE / "corpus" / "privacy.jsonl") if r["fold"] == T.VALIDATION_FOLD]

    requests = []  # (id, messages)
    for name, text in edge_cases().items():
        requests.append((f"edge-{name}", [{"role": "user", "content": text}]))

    # Multi-message and multi-part requests exercise the prompt-text assembly.
    requests += [
        ("multi-system-user-assistant-user", [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "What is the capital of Peru?"},
            {"role": "assistant", "content": "Lima. This assistant turn is not part of the prompt."},
            {"role": "user", "content": "And of Chile?"},
        ]),
        ("multi-parts", [
            {"role": "system", "content": [{"type": "text", "text": "Be brief. "}, {"type": "text", "text": "Answer in English."}]},
            {"role": "user", "content": [
                {"type": "text", "text": "Describe this picture"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "text", "text": " and list three colours."},
            ]},
        ]),
        ("multi-developer-tool", [
            {"role": "developer", "content": "Use the weather tool when asked about weather."},
            {"role": "user", "content": "Weather in Oslo?"},
            {"role": "assistant", "content": "", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Oslo\"}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp_c\": -3, \"sky\": \"snow\"}"},
            {"role": "user", "content": "Should I take the bike?"},
        ]),
        ("multi-empty-system", [
            {"role": "system", "content": ""},
            {"role": "user", "content": "hi"},
        ]),
        ("multi-assistant-only-between", [
            {"role": "user", "content": "Fix the typos: teh cat sat on teh mat"},
            {"role": "assistant", "content": "The cat sat on the mat."},
            {"role": "assistant", "content": "Anything else?"},
            {"role": "user", "content": [{"type": "text", "text": "Now make it formal."}]},
        ]),
    ]

    # Validation prompts: mostly short and medium, a few long, every language.
    def sample(rows, n, key):
        r = random.Random(f"{SEED}/parity/{key}")
        short = [x for x in rows if len(x["text"]) <= 1500]
        long = [x for x in rows if 3000 < len(x["text"]) <= 8000]
        picked = r.sample(short, n - 2) + r.sample(long, 2)
        return sorted(picked, key=lambda x: x["id"])

    val_rows = sample(dif, 95, "dif") + sample(prv, 95, "prv")
    systems = ["You are a helpful assistant.", "Antworte kurz.", "あなたは親切なアシスタントです。"]
    for i, r in enumerate(val_rows):
        text = r["text"]
        style = i % 5
        if style == 0:
            # the same text split into parts: parts concatenate with no separator
            cut = sorted(rng.sample(range(len(text) + 1), 2))
            content = [{"type": "text", "text": text[: cut[0]]}, {"type": "text", "text": text[cut[0]: cut[1]]},
                       {"type": "text", "text": text[cut[1]:]}]
            messages = [{"role": "user", "content": content}]
        elif style == 1:
            messages = [{"role": "system", "content": rng.choice(systems)},
                        {"role": "user", "content": "Hello"},
                        {"role": "assistant", "content": "Hi! How can I help?"},
                        {"role": "user", "content": text}]
        else:
            messages = [{"role": "user", "content": text}]
        requests.append((f"val-{r['id']}", messages))

    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as fh:
        for rid, messages in requests:
            text = F.prompt_text(messages)
            idx, val, dense = F.features(text)
            rows = F.batch_features(text)
            scores = sess.run(["scores"], rows)[0][0]
            fh.write(json.dumps({
                "id": rid,
                "messages": messages,
                "text": text,
                "idx": [int(i) for i in idx],
                "val": f32list(val),
                "dense": f32list(dense),
                # the windows (code-point spans of the truncated text) and every row's size and
                # dense features; row 0 is the whole text above
                "windows": [list(w) for w in F.window_spans(F.truncate(text))],
                "row_nnz": [int(np.count_nonzero(v)) for v in rows["val"]],
                "row_dense": [f32list(d) for d in rows["dense"]],
                "scores": f32list(scores),
            }, ensure_ascii=False) + "\n")
    print(f"wrote {len(requests)} requests to {FIXTURE}")


if __name__ == "__main__":
    main()
