//! o200k token counts, exactly as `tiktoken`'s `encode_ordinary` gives them, for the ledger.
//!
//! `tiktoken-rs` splits text with a backtracking regex because of one lookahead (`\s+(?!\S)`),
//! and that split is most of its cost. The fast path splits with a DFA on the same pattern
//! minus the lookahead, whose effect it restores by hand, then looks the pieces up in the same
//! vocabulary and merges unknown ones with `tiktoken-rs`'s own byte-pair merge. It is only
//! used after it has matched `encode_ordinary` on a set of tricky inputs when it is built; the
//! tests hold the two equal on random text.

use std::panic::AssertUnwindSafe;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use tiktoken_rs::{CoreBPE, Rank};

use crate::ClassifierError;

/// The lookahead alternative of the o200k pattern; without it a run of whitespace before a
/// word is matched whole, and the fast path gives back its last character.
const LOOKAHEAD_ALTERNATIVE: &str = r"\s+(?!\S)|";

/// `tiktoken` merges pieces this long with a different algorithm; leave them to it.
const LONG_PIECE: usize = 100;

/// Above every o200k token id, special tokens included.
const ID_LIMIT: Rank = 200_100;

pub(crate) struct TokenCounter {
    bpe: CoreBPE,
    fast: Option<FastPath>,
}

struct FastPath {
    pieces: Regex,
    ranks: RankTable,
}

impl std::fmt::Debug for TokenCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCounter")
            .field("fast", &self.fast.is_some())
            .finish()
    }
}

impl TokenCounter {
    pub(crate) fn new() -> Result<TokenCounter, ClassifierError> {
        let bpe =
            tiktoken_rs::o200k_base().map_err(|e| ClassifierError::Tokenizer(e.to_string()))?;
        let fast = FastPath::new(&bpe);
        Ok(TokenCounter { bpe, fast })
    }

    pub(crate) fn count(&self, text: &str) -> usize {
        match &self.fast {
            Some(fast) => fast.count(&self.bpe, text),
            None => count_plain(&self.bpe, text),
        }
    }

    #[cfg(test)]
    fn has_fast_path(&self) -> bool {
        self.fast.is_some()
    }
}

impl FastPath {
    /// `None` when the pattern is not the one this emulation was written for, or the result
    /// disagrees with `encode_ordinary`: counting then falls back to `encode_ordinary`.
    fn new(bpe: &CoreBPE) -> Option<FastPath> {
        let pattern = tiktoken_rs::O200K_BASE_PAT_STR;
        if !pattern.ends_with(r"|\s+(?!\S)|\s+") {
            return None;
        }
        let pieces = Regex::new(&pattern.replacen(LOOKAHEAD_ALTERNATIVE, "", 1)).ok()?;
        let specials = bpe.special_tokens();
        let mut tokens = Vec::new();
        for id in 0..ID_LIMIT {
            if let Ok(bytes) = bpe.decode_bytes(&[id]) {
                let special = std::str::from_utf8(&bytes).is_ok_and(|s| specials.contains(s));
                if !special {
                    tokens.push((bytes, id));
                }
            }
        }
        let ranks = RankTable::new(&tokens)?;
        let fast = FastPath { pieces, ranks };
        SELF_CHECK
            .iter()
            .all(|t| fast.count(bpe, t) == count_plain(bpe, t))
            .then_some(fast)
    }

    fn count(&self, bpe: &CoreBPE, text: &str) -> usize {
        let bytes = text.as_bytes();
        let mut total = 0;
        let mut pos = 0;
        while pos < text.len() {
            // Every character is matched by some alternative, so pieces are contiguous and
            // an anchored search (no reverse scan for the start) finds the next one.
            let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
            let Some(found) = self.pieces.search(&input) else {
                return total + count_plain(bpe, &text[pos..]);
            };
            let mut end = found.end();
            if end <= pos {
                return total + count_plain(bpe, &text[pos..]);
            }
            // Only the `\s+` alternative ends a piece with whitespace other than \r or \n. With
            // the lookahead, a run of two or more followed by more text leaves its last
            // character to start the next piece.
            if end < text.len()
                && let Some(last) = text[pos..end].chars().next_back()
                && last.is_whitespace()
                && !matches!(last, '\r' | '\n')
                && end - pos > last.len_utf8()
            {
                end -= last.len_utf8();
            }
            let piece = &bytes[pos..end];
            total += if piece.len() < 2 || self.ranks.get(piece).is_some() {
                1
            } else if piece.len() < LONG_PIECE {
                self.ranks.merged_len(piece)
            } else {
                count_plain(bpe, &text[pos..end])
            };
            pos = end;
        }
        total
    }
}

/// The o200k vocabulary as a flat open-addressing table: every count looks up each piece and
/// the byte pairs of unknown ones, and a map of 200,000 `Vec<u8>` keys (about 15 MB, a bucket
/// and a heap block per key) misses the cache twice per lookup once the model and the detectors
/// have run. Here the token bytes lie end to end in one buffer and each slot packs where its
/// token lies, its length, its rank and a tag of its hash into 8 bytes, so a lookup reads one
/// slot's cache line and, on a tag match, the token's bytes: 4 MB of slots and 1.4 MB of bytes.
struct RankTable {
    slots: Box<[u64]>,
    bytes: Box<[u8]>,
    /// Right shift that turns a hash into a slot index.
    shift: u32,
}

/// Slot layout: offset into `bytes` (bits 0–23), length (24–31), rank (32–49), hash tag (50–63).
/// An empty slot is 0; a token is never empty, so no filled slot is.
const OFFSET_BITS: u32 = 24;
const LEN_BITS: u32 = 8;
const RANK_BITS: u32 = 18;
const TAG_SHIFT: u32 = OFFSET_BITS + LEN_BITS + RANK_BITS;

impl RankTable {
    /// `None` when the vocabulary does not fit the slot layout.
    fn new(tokens: &[(Vec<u8>, Rank)]) -> Option<RankTable> {
        let total: usize = tokens.iter().map(|(t, _)| t.len()).sum();
        if total >= 1 << OFFSET_BITS
            || tokens
                .iter()
                .any(|(t, r)| t.is_empty() || t.len() >= 1 << LEN_BITS || *r >= 1 << RANK_BITS)
        {
            return None;
        }
        // Load at most 0.5, so a missing key (most byte pairs) ends its probe in a slot or two.
        let size = (tokens.len() * 2).next_power_of_two().max(2);
        let mut table = RankTable {
            slots: vec![0; size].into_boxed_slice(),
            bytes: Box::default(),
            shift: 64 - size.trailing_zeros(),
        };
        let mut bytes = Vec::with_capacity(total);
        for (token, rank) in tokens {
            let hash = hash(token);
            let offset = bytes.len() as u64;
            bytes.extend_from_slice(token);
            let slot = offset
                | (token.len() as u64) << OFFSET_BITS
                | u64::from(*rank) << (OFFSET_BITS + LEN_BITS)
                | tag(hash);
            let mut i = table.index(hash);
            while table.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = slot;
        }
        table.bytes = bytes.into_boxed_slice();
        Some(table)
    }

    fn index(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }

    fn get(&self, key: &[u8]) -> Option<Rank> {
        if key.is_empty() || key.len() >= 1 << LEN_BITS {
            return None;
        }
        let hash = hash(key);
        let want = tag(hash) | (key.len() as u64) << OFFSET_BITS;
        // A slot's tag and length, which must match before its bytes are read.
        const CHECK: u64 = tag_mask() | ((1 << LEN_BITS) - 1) << OFFSET_BITS;
        let mask = self.slots.len() - 1;
        let mut i = self.index(hash);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot & CHECK == want {
                let offset = (slot & ((1 << OFFSET_BITS) - 1)) as usize;
                if self.bytes.get(offset..offset + key.len()) == Some(key) {
                    return Some(
                        ((slot >> (OFFSET_BITS + LEN_BITS)) & ((1 << RANK_BITS) - 1)) as Rank,
                    );
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// How many tokens byte-pair merging makes of `piece` (2 to `LONG_PIECE` - 1 bytes), by
    /// `tiktoken`'s own algorithm: merge the adjacent pair of lowest rank until none is a token.
    fn merged_len(&self, piece: &[u8]) -> usize {
        // (start, rank of the pair starting there), as `tiktoken`'s `_byte_pair_merge` keeps.
        let mut parts = [(0u8, Rank::MAX); LONG_PIECE + 1];
        let n = piece.len();
        let mut len = n + 1;
        for (i, part) in parts.iter_mut().enumerate().take(len) {
            let rank = if i + 1 < n {
                self.get(&piece[i..i + 2]).unwrap_or(Rank::MAX)
            } else {
                Rank::MAX
            };
            *part = (i as u8, rank);
        }
        let rank_at = |parts: &[(u8, Rank)], len: usize, i: usize| {
            if i + 3 < len {
                self.get(&piece[usize::from(parts[i].0)..usize::from(parts[i + 3].0)])
                    .unwrap_or(Rank::MAX)
            } else {
                Rank::MAX
            }
        };
        // The leftmost pair of lowest rank merges first, as in `tiktoken`.
        while let Some((i, _)) = parts[..len - 1]
            .iter()
            .enumerate()
            .filter(|(_, p)| p.1 != Rank::MAX)
            .min_by_key(|(i, p)| (p.1, *i))
        {
            if i > 0 {
                parts[i - 1].1 = rank_at(&parts, len, i - 1);
            }
            parts[i].1 = rank_at(&parts, len, i);
            parts.copy_within(i + 2..len, i + 1);
            len -= 1;
        }
        len - 1
    }
}

const fn tag_mask() -> u64 {
    !0 << TAG_SHIFT
}

/// The hash's middle bits, which the index (its top bits) does not use, as the slot's tag.
const fn tag(hash: u64) -> u64 {
    (hash << 24) & tag_mask()
}

/// FxHash-style over 8-byte words, length first; the final multiply mixes every byte into
/// the upper bits, whose top gives the index and whose middle the tag.
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (key.len() as u64).wrapping_mul(K);
    for chunk in key.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h
}

/// Inputs that exercise every alternative of the pattern and the lookahead's edge cases.
const SELF_CHECK: &[&str] = &[
    "",
    " ",
    "hello world",
    "Hello  world",
    "a   b\tc \t d",
    "trailing   ",
    "  leading",
    "x \n y\r\n\r\n z",
    "  \n  x",
    "don't WE'LL I'm",
    "1234567 3.14159 1,000,000",
    " !!! ?? ...\n/path/to/file\n",
    "naïve Straße İstanbul ΟΔΟΣ",
    "東京の天気は明日どうなりますか？",
    "\u{a0}\u{3000}x\u{2003} y",
    "😀 emoji 👍🏽",
    "fn main() { let x = vec![1, 2, 3]; }",
];

/// `encode_ordinary`, which panics (its regex gives up) on a run of about a million spaces
/// or tabs; such a text is counted in pieces.
fn count_plain(bpe: &CoreBPE, text: &str) -> usize {
    std::panic::catch_unwind(AssertUnwindSafe(|| bpe.encode_ordinary(text).len()))
        .unwrap_or_else(|_| count_in_pieces(bpe, text))
}

/// Counts in pieces cut just before a space or tab that follows a non-space, where no o200k
/// token can straddle the cut, so the count stays exact unless a piece had to be cut inside a
/// huge whitespace run.
fn count_in_pieces(bpe: &CoreBPE, text: &str) -> usize {
    const PIECE: usize = 64 * 1024;
    const SEARCH: usize = 8 * 1024;
    let bytes = text.as_bytes();
    let mut total = 0;
    let mut start = 0;
    while start < text.len() {
        let mut end = start + PIECE;
        if end >= text.len() {
            end = text.len();
        } else {
            let floor = end.saturating_sub(SEARCH).max(start + 1);
            match (floor..end).rev().find(|&i| {
                matches!(bytes[i], b' ' | b'\t')
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_whitespace())
            }) {
                Some(cut) => end = cut,
                None => {
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                }
            }
        }
        let piece = &text[start..end];
        total += std::panic::catch_unwind(AssertUnwindSafe(|| bpe.encode_ordinary(piece).len()))
            .unwrap_or(piece.len().div_ceil(4));
        start = end;
    }
    total
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

    fn counter() -> &'static TokenCounter {
        static COUNTER: OnceLock<TokenCounter> = OnceLock::new();
        COUNTER.get_or_init(|| TokenCounter::new().expect("o200k"))
    }

    fn reference(text: &str) -> usize {
        counter().bpe.encode_ordinary(text).len()
    }

    #[test]
    fn the_fast_path_is_used_and_counts_known_texts() {
        let c = counter();
        assert!(c.has_fast_path());
        assert_eq!(c.count(""), 0);
        assert_eq!(c.count("hello world"), 2);
        for text in SELF_CHECK {
            assert_eq!(c.count(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn the_fast_path_matches_encode_ordinary_on_random_text() {
        let alphabet: Vec<char> = " \t\n\r  \u{a0}\u{3000}\u{2003}\u{85}aAbBzZéÉßİΣς日本語😀'’\".,!?;:/-_0123456789()[]{}<>=+*&%$#@\\|`~^"
            .chars()
            .collect();
        let words = [
            "don't",
            "DON'T",
            "I'm",
            "we'll",
            "hello",
            "World",
            "  ",
            "\r\n",
            "\n\n",
            "  \n ",
            "123456",
            "1,000",
            "—",
            "...",
            "http://x.io/a/b",
            "\t\t",
            "QUJDRA==",
            "x".repeat(150).leak(),
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as usize
        };
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..next() % 60 {
                if next() % 3 == 0 {
                    text.push_str(words[next() % words.len()]);
                } else {
                    text.push(alphabet[next() % alphabet.len()]);
                }
            }
            assert_eq!(counter().count(&text), reference(&text), "{text:?}");
        }
    }

    /// Real prompts in ten languages, code, logs and data merge through most of the vocabulary.
    #[test]
    fn the_fast_path_matches_encode_ordinary_on_the_parity_prompts() {
        let fixture = include_str!("../tests/fixtures/parity.jsonl");
        let mut texts = 0;
        for line in fixture.lines() {
            let row: serde_json::Value = serde_json::from_str(line).expect("fixture line");
            let text = row["text"].as_str().expect("text");
            assert_eq!(counter().count(text), reference(text), "{}", row["id"]);
            texts += 1;
        }
        assert!(texts >= 200, "{texts}");
    }

    #[test]
    fn the_rank_table_holds_the_whole_vocabulary() {
        let c = counter();
        let fast = c.fast.as_ref().expect("fast path");
        for id in 0..ID_LIMIT {
            if let Ok(bytes) = c.bpe.decode_bytes(&[id]) {
                let special =
                    std::str::from_utf8(&bytes).is_ok_and(|s| c.bpe.special_tokens().contains(s));
                if !special {
                    assert_eq!(fast.ranks.get(&bytes), Some(id));
                }
            }
        }
        assert_eq!(fast.ranks.get(b""), None);
        assert_eq!(fast.ranks.get("zqxjzqxjzqxj".as_bytes()), None);
    }

    #[test]
    fn counting_in_pieces_is_exact_away_from_whitespace_runs() {
        let prose = "Dear team,\tthe migration (v2.3) didn't finish; rerun it at 09:30 UTC!\n"
            .repeat(3_000);
        assert!(prose.len() > 3 * 64 * 1024);
        let bpe = &counter().bpe;
        assert_eq!(count_in_pieces(bpe, &prose), reference(&prose));
        assert_eq!(counter().count(&prose), reference(&prose));
    }

    #[test]
    fn a_huge_whitespace_run_is_counted_without_panicking() {
        // About a million spaces in one run make `encode_ordinary`'s regex give up.
        let text = format!("indent{}end", " ".repeat(1_100_000));
        let n = counter().count(&text);
        assert!((1_000..=1_100_000).contains(&n), "{n}");
        assert!((1_000..=1_100_000).contains(&count_plain(&counter().bpe, &text)));
    }
}
