"""Feature extraction of classifiers/FEATURES.md (version 2).

The Rust runtime computes the same features and a parity test compares both at 1e-4, so every
rule here follows FEATURES.md literally. `reference_features` is a plain, obviously-literal
transcription used by the tests; `features` is the vectorised path used for training, and the
tests hold the two equal.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

VERSION = 2
D = 1 << 17
K = 8

MAX_CODE_POINTS = 12_000
HEAD_CODE_POINTS = 8_000
TAIL_CODE_POINTS = 4_000

WINDOWED_ABOVE = 2_048
WINDOW_CODE_POINTS = 512
WINDOW_STRIDE = 512

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193

SEPARATORS = " \t\n\r\x0b\x0c\u00a0\u3000"
PUNCTUATION = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~"
    "\u3001\u3002\uff0c\uff01\uff1f\u300c\u300d\u00bf\u00a1"
    "\u00ab\u00bb\u2018\u2019\u201c\u201d\u2026\u2013\u2014"
)
BRACKETS = "{}[]();=<>"

_SEPARATOR_SET = frozenset(SEPARATORS)
_PUNCTUATION_SET = frozenset(PUNCTUATION)
_BRACKET_SET = frozenset(BRACKETS)

_SEPARATOR_RUN = re.compile("[" + re.escape(SEPARATORS) + "]+")
_TOKEN = re.compile("[^" + re.escape(SEPARATORS + PUNCTUATION) + "]+")

PROMPT_ROLES = ("system", "developer", "user", "tool")


# ---------------------------------------------------------------------------------------------
# §1 prompt text


def message_text(content) -> str:
    """The text a message contributes: a string as is, or the `text` parts of multi-part
    content concatenated with no separator (image and other parts contribute nothing)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    out = []
    for part in content:
        if isinstance(part, dict) and part.get("type") == "text":
            out.append(part.get("text") or "")
    return "".join(out)


def prompt_text(messages) -> str:
    return "\n".join(
        message_text(m.get("content")) for m in messages if m.get("role") in PROMPT_ROLES
    )


def truncate(text: str) -> str:
    # Python strings index by code point, which is the unit FEATURES.md counts in.
    if len(text) > MAX_CODE_POINTS:
        return text[:HEAD_CODE_POINTS] + "\n" + text[-TAIL_CODE_POINTS:]
    return text


# ---------------------------------------------------------------------------------------------
# §2 normalisation, §3 tokens


def normalize(text: str) -> str:
    return _SEPARATOR_RUN.sub(" ", text.lower()).strip(" ")


def tokens(norm: str) -> list[str]:
    return _TOKEN.findall(norm)


# ---------------------------------------------------------------------------------------------
# §4 hashing


def fnv1a(data: bytes) -> int:
    h = FNV_OFFSET
    for byte in data:
        h ^= byte
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


@lru_cache(maxsize=1 << 20)
def feature_index(feature: str) -> int:
    return fnv1a(feature.encode("utf-8")) % D


_C3_STATE = np.uint32(fnv1a(b"c3:"))
_C5_STATE = np.uint32(fnv1a(b"c5:"))
_PRIME32 = np.uint32(FNV_PRIME)


def _utf8_table(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of each code point as an [L, 4] table plus the byte count per code point."""
    n = len(cps)
    table = np.zeros((n, 4), dtype=np.uint32)
    lens = np.ones(n, dtype=np.uint32)
    one = cps < 0x80
    two = (cps >= 0x80) & (cps < 0x800)
    three = (cps >= 0x800) & (cps < 0x10000)
    four = cps >= 0x10000
    table[one, 0] = cps[one]
    c = cps[two]
    table[two, 0] = 0xC0 | (c >> 6)
    table[two, 1] = 0x80 | (c & 0x3F)
    lens[two] = 2
    c = cps[three]
    table[three, 0] = 0xE0 | (c >> 12)
    table[three, 1] = 0x80 | ((c >> 6) & 0x3F)
    table[three, 2] = 0x80 | (c & 0x3F)
    lens[three] = 3
    c = cps[four]
    table[four, 0] = 0xF0 | (c >> 18)
    table[four, 1] = 0x80 | ((c >> 12) & 0x3F)
    table[four, 2] = 0x80 | ((c >> 6) & 0x3F)
    table[four, 3] = 0x80 | (c & 0x3F)
    lens[four] = 4
    return table, lens


def _char_ngram_indices(table, lens, n: int, state: np.uint32) -> np.ndarray:
    """FNV-1a of prefix + every n-code-point window, all windows at once. The prefix's state is
    precomputed; each window then feeds up to 4 bytes per code point, masked by its length."""
    m = len(lens) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.full(m, state, dtype=np.uint32)
    for j in range(n):
        for k in range(4):
            mixed = (h ^ table[j : j + m, k]) * _PRIME32
            h = np.where(lens[j : j + m] > k, mixed, h)
    return (h % np.uint32(D)).astype(np.int64)


def _sparse(all_indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if all_indices.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx, counts = np.unique(all_indices, return_counts=True)
    val = np.log1p(counts.astype(np.float64))
    norm = math.sqrt(float(np.dot(val, val)))
    if norm > 0:
        val = val / norm
    return idx.astype(np.int64), val.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# §5 dense features


def _dense(text: str, n_tokens: int, cps: np.ndarray) -> np.ndarray:
    n = len(text) if text else 1
    digits = int(np.count_nonzero((cps >= 0x30) & (cps <= 0x39)))
    upper = int(np.count_nonzero((cps >= 0x41) & (cps <= 0x5A)))
    punct = sum(1 for ch in text if ch in _PUNCTUATION_SET)
    non_ascii = int(np.count_nonzero(cps > 127))
    brackets = sum(1 for ch in text if ch in _BRACKET_SET)
    return np.array(
        [
            math.log1p(n) / 10.0,
            math.log1p(n_tokens) / 10.0,
            math.log1p(text.count("\n")) / 10.0,
            digits / n,
            upper / n,
            punct / n,
            non_ascii / n,
            brackets / n,
        ],
        dtype=np.float32,
    )


def _code_points(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)


def features(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(idx int64 [N] ascending unique, val float32 [N], dense float32 [8]) of a prompt text
    (the §1 text, before truncation)."""
    text = truncate(text)
    norm = normalize(text)
    toks = tokens(norm)

    padded = _code_points(" " + norm + " ")
    table, lens = _utf8_table(padded)
    parts = [
        _char_ngram_indices(table, lens, 3, _C3_STATE),
        _char_ngram_indices(table, lens, 5, _C5_STATE),
        np.fromiter((feature_index("w1:" + t) for t in toks), dtype=np.int64, count=len(toks)),
        np.fromiter(
            (feature_index("w2:" + a + " " + b) for a, b in zip(toks, toks[1:])),
            dtype=np.int64,
            count=max(len(toks) - 1, 0),
        ),
    ]
    idx, val = _sparse(np.concatenate(parts))
    return idx, val, _dense(text, len(toks), _code_points(text))


# ---------------------------------------------------------------------------------------------
# §6 windows, §7 the model's rows


def window_spans(text: str) -> list[tuple[int, int]]:
    """Code-point spans [start, end) of the windows of an already truncated text (§6)."""
    n = len(text)
    if n <= WINDOWED_ABOVE:
        return []
    starts = list(range(0, n - WINDOW_CODE_POINTS, WINDOW_STRIDE)) + [n - WINDOW_CODE_POINTS]
    return [(s, s + WINDOW_CODE_POINTS) for s in starts]


def batch_features(text: str) -> dict[str, np.ndarray]:
    """The model's inputs (§7) for a prompt text before truncation: row 0 the whole text, rows
    1.. its windows, over the sorted union of their feature indices."""
    text = truncate(text)
    parts = [features(text)] + [features(text[s:e]) for s, e in window_spans(text)]
    idx = np.unique(np.concatenate([p[0] for p in parts]))
    val = np.zeros((len(parts), len(idx)), dtype=np.float32)
    for r, (i, v, _) in enumerate(parts):
        val[r, np.searchsorted(idx, i)] = v
    return {"idx": idx.astype(np.int64), "val": val, "dense": np.stack([p[2] for p in parts])}


# ---------------------------------------------------------------------------------------------
# A literal transcription of FEATURES.md, slow on purpose; the tests compare it with `features`.


def reference_features(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if len(text) > MAX_CODE_POINTS:
        text = text[:HEAD_CODE_POINTS] + "\n" + text[len(text) - TAIL_CODE_POINTS :]

    lowered = text.lower()
    chars: list[str] = []
    in_run = False
    for ch in lowered:
        if ch in _SEPARATOR_SET:
            if not in_run:
                chars.append(" ")
            in_run = True
        else:
            chars.append(ch)
            in_run = False
    norm = "".join(chars).strip(" ")

    toks: list[str] = []
    current = ""
    for ch in norm:
        if ch in _SEPARATOR_SET or ch in _PUNCTUATION_SET:
            if current:
                toks.append(current)
            current = ""
        else:
            current += ch
    if current:
        toks.append(current)

    strings: list[str] = []
    padded = " " + norm + " "
    for i in range(len(padded) - 2):
        strings.append("c3:" + padded[i : i + 3])
    for i in range(len(padded) - 4):
        strings.append("c5:" + padded[i : i + 5])
    for t in toks:
        strings.append("w1:" + t)
    for a, b in zip(toks, toks[1:]):
        strings.append("w2:" + a + " " + b)

    counts: dict[int, int] = {}
    for s in strings:
        i = fnv1a(s.encode("utf-8")) % D
        counts[i] = counts.get(i, 0) + 1
    idx = sorted(counts)
    val = [math.log(1 + counts[i]) for i in idx]
    norm2 = math.sqrt(sum(v * v for v in val))
    if norm2 > 0:
        val = [v / norm2 for v in val]

    n = len(text) if len(text) > 0 else 1
    dense = [
        math.log(1 + n) / 10,
        math.log(1 + len(toks)) / 10,
        math.log(1 + text.count("\n")) / 10,
        sum(1 for ch in text if "0" <= ch <= "9") / n,
        sum(1 for ch in text if "A" <= ch <= "Z") / n,
        sum(1 for ch in text if ch in _PUNCTUATION_SET) / n,
        sum(1 for ch in text if ord(ch) > 127) / n,
        sum(1 for ch in text if ch in _BRACKET_SET) / n,
    ]
    return (
        np.array(idx, dtype=np.int64),
        np.array(val, dtype=np.float32),
        np.array(dense, dtype=np.float32),
    )
