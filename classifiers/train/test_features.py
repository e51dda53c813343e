"""Hand-computed expectations for FEATURES.md. The Rust implementation has to agree with these
numbers, so each expectation is derived from the spec's text rather than from the code."""

import math
import random

import numpy as np
import pytest

import features as F

# ---------------------------------------------------------------------------------------------
# FNV-1a


def test_fnv1a_published_vectors():
    # From the FNV reference test suite (32-bit FNV-1a).
    assert F.fnv1a(b"") == 0x811C9DC5
    assert F.fnv1a(b"a") == 0xE40C292C
    assert F.fnv1a(b"foobar") == 0xBF9CF968


def test_fnv1a_of_a_char_trigram_step_by_step():
    # "c3: ab" = bytes 63 33 3a 20 61 62; state = (state ^ byte) * 0x01000193 mod 2^32.
    steps = [
        (0x63, 0xE60C2C52),
        (0x33, 0x8629DCB3),
        (0x3A, 0xBCE62BAB),
        (0x20, 0xE9568BD1),
        (0x61, 0x033DE610),
        (0x62, 0x8C71C576),
    ]
    h = 0x811C9DC5
    for byte, expected in steps:
        h = ((h ^ byte) * 0x01000193) % (1 << 32)
        assert h == expected
    assert F.fnv1a("c3: ab".encode()) == 0x8C71C576
    assert F.feature_index("c3: ab") == 0x8C71C576 % 131072 == 116086


def test_fnv1a_hashes_utf8_bytes():
    # "日本" is e6 97 a5 e6 9c ac in UTF-8: six bytes, not two code points.
    assert F.fnv1a("c3:日本".encode("utf-8")) == F.fnv1a(b"c3:\xe6\x97\xa5\xe6\x9c\xac")
    assert F.feature_index("c3:日本") == 0x82D6BA2B % 131072 == 47659
    assert F.feature_index("w1:ab") == 0x18188FB2 % 131072 == 36786
    assert F.feature_index("w2:hello world") == 0xA5C54892 % 131072 == 84114


# ---------------------------------------------------------------------------------------------
# §1 prompt text and truncation


def test_prompt_text_roles_and_parts():
    messages = [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "U1"},
        {"role": "assistant", "content": "A"},
        {"role": "developer", "content": "D"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "p1"},
                {"type": "image_url", "image_url": {"url": "data:,"}},
                {"type": "text", "text": "p2"},
            ],
        },
        {"role": "tool", "content": "T"},
    ]
    assert F.prompt_text(messages) == "S\nU1\nD\np1p2\nT"


def test_truncation_boundaries():
    exact = "x" * 12_000
    assert F.truncate(exact) == exact
    text = "a" * 8_000 + "b" * 1 + "c" * 4_000
    out = F.truncate(text)
    assert out == "a" * 8_000 + "\n" + "c" * 4_000
    assert len(out) == 12_001


def test_truncation_counts_code_points_not_bytes_or_utf16():
    # U+1F600 is one code point (4 UTF-8 bytes, 2 UTF-16 units).
    text = "\U0001f600" * 12_001
    out = F.truncate(text)
    assert out == "\U0001f600" * 8_000 + "\n" + "\U0001f600" * 4_000


# ---------------------------------------------------------------------------------------------
# §2 normalisation, §3 tokens


def test_normalize_collapses_only_the_listed_separators():
    assert F.normalize("  Hello\u00a0\u3000World\t\r\n\x0b\x0c! ") == "hello world !"
    # U+2003 EM SPACE is not in the list: it stays, and is part of a word.
    assert F.normalize("A\u2003B") == "a\u2003b"
    assert F.normalize("\n\n") == ""


def test_normalize_uses_full_unicode_lowercase():
    assert F.normalize("ÄÖÜ STRASSE") == "äöü strasse"
    # Final sigma and the two-code-point lowercase of U+0130 (Rust's to_lowercase agrees).
    assert F.normalize("ΟΔΟΣ") == "\u03bf\u03b4\u03bf\u03c2"
    assert F.normalize("\u0130") == "i\u0307"


def test_tokens():
    assert F.tokens("don't stop_me now!!") == ["don", "t", "stop_me", "now"]
    assert F.tokens("¿qué tal?") == ["qué", "tal"]
    assert F.tokens("東京、大阪。") == ["東京", "大阪"]
    assert F.tokens("a—b–c…d«e»f“g”h‘i’j") == list("abcdefghij")
    assert F.tokens("x\u2003y") == ["x\u2003y"]
    assert F.tokens("v1.2.3 @user #tag 3,5%") == ["v1", "2", "3", "user", "tag", "3", "5"]
    # Characters outside the set are word characters, even if they look like punctuation.
    assert F.tokens("a·b a•b a§b") == ["a·b", "a•b", "a§b"]
    assert F.tokens("") == []


# ---------------------------------------------------------------------------------------------
# §4 sparse vector, §5 dense


def _as_dict(idx, val):
    return {int(i): float(v) for i, v in zip(idx, val)}


def test_two_letter_prompt():
    # norm "ab"; padded " ab " gives c3 " ab" and "ab ", no 5-gram; one token "ab".
    idx, val, dense = F.features("Ab")
    expected_idx = sorted(F.feature_index(s) for s in ["c3: ab", "c3:ab ", "w1:ab"])
    assert idx.tolist() == expected_idx == [26716, 36786, 116086]
    assert idx.dtype == np.int64 and val.dtype == np.float32 and dense.dtype == np.float32
    np.testing.assert_allclose(val, [1 / math.sqrt(3)] * 3, rtol=1e-6)
    # n = 2 code points, 1 token, no newline, 1 of 2 uppercase.
    np.testing.assert_allclose(
        dense, [math.log(3) / 10, math.log(2) / 10, 0, 0, 0.5, 0, 0, 0], rtol=1e-6
    )


def test_repeated_grams_use_log1p_of_counts():
    # padded " aaa aaa ": c3 " aa"x2 "aaa"x2 "aa "x2 "a a"x1; c5 " aaa "x2 "aaa a" "aa aa"
    # "a aaa"; w1 "aaa"x2; w2 "aaa aaa"x1.
    counts = {
        "c3: aa": 2,
        "c3:aaa": 2,
        "c3:aa ": 2,
        "c3:a a": 1,
        "c5: aaa ": 2,
        "c5:aaa a": 1,
        "c5:aa aa": 1,
        "c5:a aaa": 1,
        "w1:aaa": 2,
        "w2:aaa aaa": 1,
    }
    raw = {F.feature_index(s): math.log(1 + c) for s, c in counts.items()}
    assert len(raw) == len(counts)  # no collisions among these ten
    norm = math.sqrt(5 * math.log(3) ** 2 + 5 * math.log(2) ** 2)
    idx, val, _ = F.features("aaa aaa")
    got = _as_dict(idx, val)
    assert got.keys() == raw.keys()
    for k, v in raw.items():
        assert got[k] == pytest.approx(v / norm, rel=1e-6)


def test_collisions_sum_counts_before_log():
    # Two different feature strings hitting one index count 2 there: value ln 3, not 2 * ln 2.
    text = "hello world"
    idx, val, _ = F.features(text)
    ref_idx, ref_val, _ = F.reference_features(text)
    assert idx.tolist() == ref_idx.tolist()
    np.testing.assert_allclose(val, ref_val, rtol=1e-6)
    assert F._sparse(np.array([7, 7, 3], dtype=np.int64))[1].tolist() == pytest.approx(
        np.array([math.log(2), math.log(3)]) / math.hypot(math.log(2), math.log(3))
    )


def test_empty_text():
    idx, val, dense = F.features("")
    assert idx.size == 0 and val.size == 0
    # n is taken as 1 for the empty text.
    np.testing.assert_allclose(dense, [math.log(2) / 10, 0, 0, 0, 0, 0, 0, 0], rtol=1e-6)


def test_only_separators():
    idx, val, dense = F.features(" \n\u3000")
    # norm is empty: padded "  " has no 3-gram; but the dense part sees the raw 3 code points.
    assert idx.size == 0
    np.testing.assert_allclose(
        dense, [math.log(4) / 10, 0, math.log(2) / 10, 0, 0, 0, 1 / 3, 0], rtol=1e-6
    )


def test_dense_counts():
    text = "Hi (x) = [1];\n界"
    # 15 code points; tokens of "hi (x) = [1]; 界": hi, x, 1, 界 -> 4; one newline;
    # digits "1"; uppercase "H"; punctuation ( ) = [ ] ; -> 6; non-ASCII 界; brackets ( ) = [ ] ;.
    n = 15
    assert len(text) == n
    _, _, dense = F.features(text)
    expected = [
        math.log(1 + n) / 10,
        math.log(1 + 4) / 10,
        math.log(1 + 1) / 10,
        1 / n,
        1 / n,
        6 / n,
        1 / n,
        6 / n,
    ]
    np.testing.assert_allclose(dense, expected, rtol=1e-6)


def test_dense_uses_truncated_text():
    text = "A" * 20_000
    _, _, dense = F.features(text)
    n = 12_001
    assert dense[0] == pytest.approx(math.log(1 + n) / 10, rel=1e-6)
    assert dense[2] == pytest.approx(math.log(2) / 10, rel=1e-6)  # the joining "\n"
    assert dense[4] == pytest.approx(12_000 / n, rel=1e-6)


def test_uppercase_and_digits_are_ascii_only():
    _, _, dense = F.features("Ä١٢")  # non-ASCII uppercase and Arabic-Indic digits
    assert dense[3] == 0 and dense[4] == 0
    assert dense[6] == pytest.approx(1.0)


def test_l2_norm_is_one():
    _, val, _ = F.features("The quick brown fox jumps over the lazy dog. " * 3)
    assert float(np.sum(val.astype(np.float64) ** 2)) == pytest.approx(1.0, abs=1e-6)


# ---------------------------------------------------------------------------------------------
# The vectorised path equals the literal transcription.

_ALPHABET = (
    list("abcXYZ019_")
    + list(F.SEPARATORS)
    + list(F.PUNCTUATION)
    + ["é", "ß", "İ", "Σ", "日", "本", "語", "क", "ि", "\u2003", "·", "\U0001f600", "\U0001f44d🏽"]
)


@pytest.mark.parametrize("seed", range(40))
def test_fast_path_matches_reference(seed):
    rng = random.Random(seed)
    length = rng.choice([0, 1, 2, 3, 4, 5, 7, 20, 300, 2_000])
    if seed % 10 == 9:
        length = 12_003 + seed
    text = "".join(rng.choice(_ALPHABET) for _ in range(length))
    a = F.features(text)
    b = F.reference_features(text)
    assert a[0].tolist() == b[0].tolist()
    np.testing.assert_allclose(a[1], b[1], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(a[2], b[2], rtol=1e-6, atol=1e-7)


# ---------------------------------------------------------------------------------------------
# §6 windows, §7 rows


def test_window_spans():
    assert F.window_spans("") == []
    assert F.window_spans("a" * 2048) == []
    assert F.window_spans("a" * 2049) == [(0, 512), (512, 1024), (1024, 1536), (1536, 2048), (1537, 2049)]
    # a start on the stride whose window would end exactly at n is the final window itself
    assert F.window_spans("a" * 2560) == [(0, 512), (512, 1024), (1024, 1536), (1536, 2048), (2048, 2560)]
    # code points, not bytes: 2,100 two-byte characters
    assert F.window_spans("é" * 2100)[-1] == (1588, 2100)


def test_batch_rows_are_the_whole_text_then_each_window():
    text = "".join(chr(ord("a") + i % 26) for i in range(2100))
    rows = F.batch_features(text)
    parts = [F.features(text)] + [F.features(text[s : s + 512]) for s in (0, 512, 1024, 1536, 1588)]
    union = sorted(set().union(*(p[0].tolist() for p in parts)))
    assert rows["idx"].tolist() == union
    assert rows["val"].shape == (6, len(union)) and rows["dense"].shape == (6, F.K)
    for r, (idx, val, dense) in enumerate(parts):
        got = {int(i): float(v) for i, v in zip(rows["idx"], rows["val"][r]) if v != 0}
        assert got == {int(i): float(v) for i, v in zip(idx, val)}
        assert (rows["dense"][r] == dense).all()
    short = F.batch_features("Call me at home.")
    one = F.features("Call me at home.")
    assert (short["idx"] == one[0]).all() and (short["val"] == one[1].reshape(1, -1)).all()
    assert short["dense"].shape == (1, F.K)


def test_windows_are_taken_from_the_truncated_text():
    text = "x" * 8_000 + "y" * 10_000
    t = F.truncate(text)
    spans = F.window_spans(t)
    assert len(t) == 12_001 and spans[-1] == (12_001 - 512, 12_001)
    rows = F.batch_features(text)
    assert rows["dense"].shape[0] == len(spans) + 1
