//! The model's input features, exactly as `FEATURES.md` (version [`VERSION`]) defines them. The
//! training pipeline computes the same features in Python; `tests/parity.rs` holds the two
//! implementations together, so any change here goes with a change to that file, the Python
//! code and the committed model.

use std::borrow::Cow;

mod rows;
pub use rows::Rows;

/// The feature-set version this module implements (`FEATURES.md`).
pub const VERSION: u32 = 2;

/// Dimension of the hashed sparse vector.
pub const HASH_DIM: usize = 1 << 17;

/// Number of dense features.
pub const DENSE_DIM: usize = 8;

/// Prompt texts longer than this many code points are truncated.
pub const MAX_CHARS: usize = 12_000;
const HEAD_CHARS: usize = 8_000;
const TAIL_CHARS: usize = 4_000;

/// Texts longer than this many code points are also scored by windows (`FEATURES.md` §6).
pub const WINDOWED_ABOVE: usize = 2_048;
/// Length of a window, in code points.
pub const WINDOW_CHARS: usize = 512;
/// Distance between the starts of consecutive windows, in code points: they tile the text, and
/// the last one, ending at the text's end, overlaps the one before it.
pub const WINDOW_STRIDE: usize = 512;

const FNV_OFFSET: u32 = 0x811C_9DC5;
const FNV_PRIME: u32 = 0x0100_0193;

/// One chat message as the classifier sees it: its role and its text (multi-part content
/// already concatenated, text parts only, with no separator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptMessage<'a> {
    pub role: &'a str,
    pub text: Cow<'a, str>,
}

impl<'a> PromptMessage<'a> {
    pub fn new(role: &'a str, text: impl Into<Cow<'a, str>>) -> PromptMessage<'a> {
        PromptMessage {
            role,
            text: text.into(),
        }
    }
}

/// Whether a message with this role is part of the prompt text; assistant turns are answers,
/// not the question being routed.
pub fn is_prompt_role(role: &str) -> bool {
    matches!(role, "system" | "developer" | "user" | "tool")
}

/// The prompt text of a chat request (`FEATURES.md` §1, before truncation).
pub fn prompt_text(messages: &[PromptMessage<'_>]) -> String {
    let mut text = String::with_capacity(
        messages
            .iter()
            .filter(|m| is_prompt_role(m.role))
            .map(|m| m.text.len() + 1)
            .sum(),
    );
    let mut first = true;
    for message in messages.iter().filter(|m| is_prompt_role(m.role)) {
        if !first {
            text.push('\n');
        }
        first = false;
        text.push_str(&message.text);
    }
    text
}

/// Keeps the first 8,000 and the last 4,000 code points of a text longer than [`MAX_CHARS`]
/// (`FEATURES.md` §1): instructions tend to sit at either end of a long prompt.
pub fn truncate(text: &str) -> Cow<'_, str> {
    // A text of at most MAX_CHARS bytes has at most MAX_CHARS code points: skip the count.
    if text.len() <= MAX_CHARS {
        return Cow::Borrowed(text);
    }
    let n = text.chars().count();
    if n <= MAX_CHARS {
        return Cow::Borrowed(text);
    }
    let offset_of = |char_index: usize| {
        text.char_indices()
            .nth(char_index)
            .map_or(text.len(), |(offset, _)| offset)
    };
    let head_end = offset_of(HEAD_CHARS);
    let tail_start = offset_of(n - TAIL_CHARS);
    let mut out = String::with_capacity(head_end + 1 + (text.len() - tail_start));
    out.push_str(&text[..head_end]);
    out.push('\n');
    out.push_str(&text[tail_start..]);
    Cow::Owned(out)
}

const SEPARATOR: u8 = 1;
const PUNCTUATION: u8 = 2;
const CODE: u8 = 4;
const DIGIT: u8 = 8;
const UPPER: u8 = 16;

/// Character classes of the ASCII range, looked up instead of tested one by one because every
/// code point of the prompt goes through them several times.
const ASCII_CLASSES: [u8; 128] = ascii_classes();

const fn ascii_classes() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        let mut class = 0;
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            class |= SEPARATOR;
        }
        if c.is_ascii_punctuation() && c != b'_' {
            class |= PUNCTUATION;
        }
        if matches!(
            c,
            b'{' | b'}' | b'[' | b']' | b'(' | b')' | b';' | b'=' | b'<' | b'>'
        ) {
            class |= CODE;
        }
        if c.is_ascii_digit() {
            class |= DIGIT;
        }
        if c.is_ascii_uppercase() {
            class |= UPPER;
        }
        table[i] = class;
        i += 1;
    }
    table
}

#[inline]
fn ascii_class(c: char) -> Option<u8> {
    ASCII_CLASSES.get(c as usize).copied()
}

/// `FEATURES.md` §2.
#[inline]
pub fn is_separator(c: char) -> bool {
    match ascii_class(c) {
        Some(class) => class & SEPARATOR != 0,
        None => matches!(c, '\u{a0}' | '\u{3000}'),
    }
}

/// `FEATURES.md` §3: ASCII punctuation except `_`, plus a fixed set of CJK, Spanish, French and
/// typographic marks.
#[inline]
pub fn is_punctuation(c: char) -> bool {
    if let Some(class) = ascii_class(c) {
        return class & PUNCTUATION != 0;
    }
    matches!(
        c,
        '\u{3001}'
            | '\u{3002}'
            | '\u{FF0C}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{00BF}'
            | '\u{00A1}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2026}'
            | '\u{2013}'
            | '\u{2014}'
    )
}

/// `FEATURES.md` §2, written into `out` (cleared first).
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    lowercase_collapse_into(text, out);
}

/// Appends the normalised `text` to `out`.
fn lowercase_collapse_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        collapse_into(
            text.bytes().map(|b| char::from(b.to_ascii_lowercase())),
            out,
        );
    } else if text.contains('Σ') {
        // Σ is the one character whose lowercase depends on its neighbours (final sigma);
        // only the whole-string function applies that rule.
        collapse_into(text.to_lowercase().chars(), out);
    } else {
        // Everywhere else the full mapping is per character, with no intermediate string.
        let mut collapser = Collapser::new(out);
        for c in text.chars() {
            if c.is_ascii() {
                collapser.push(c.to_ascii_lowercase());
            } else {
                for lower in c.to_lowercase() {
                    collapser.push(lower);
                }
            }
        }
    }
}

/// Appends `chars` to `out` with every run of separators turned into one space and no space at
/// either end.
fn collapse_into(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut collapser = Collapser::new(out);
    for c in chars {
        collapser.push(c);
    }
}

struct Collapser<'a> {
    out: &'a mut String,
    start: usize,
    pending_space: bool,
}

impl<'a> Collapser<'a> {
    fn new(out: &'a mut String) -> Collapser<'a> {
        let start = out.len();
        Collapser {
            out,
            start,
            pending_space: false,
        }
    }

    #[inline(always)]
    fn push(&mut self, c: char) {
        if is_separator(c) {
            self.pending_space = self.out.len() > self.start;
        } else {
            if self.pending_space {
                self.out.push(' ');
                self.pending_space = false;
            }
            self.out.push(c);
        }
    }
}

/// `FEATURES.md` §2 as a new string.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Appends the byte spans of the word tokens of a normalised text (`FEATURES.md` §3).
fn tokens_into(norm: &str, spans: &mut Vec<(u32, u32)>) {
    let mut start: Option<usize> = None;
    for (offset, c) in norm.char_indices() {
        let boundary = is_separator(c) || is_punctuation(c);
        match (boundary, start) {
            (true, Some(s)) => {
                spans.push((s as u32, offset as u32));
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s as u32, norm.len() as u32));
    }
}

/// The word tokens of a normalised text.
pub fn tokens(norm: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    tokens_into(norm, &mut spans);
    spans
        .into_iter()
        .map(|(s, e)| &norm[s as usize..e as usize])
        .collect()
}

#[inline]
fn fnv1a(hash: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(hash, |h, &b| fnv_step(h, b))
}

/// 32-bit FNV-1a of `bytes`.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    fnv1a(FNV_OFFSET, bytes)
}

#[inline(always)]
fn fnv_step(hash: u32, byte: u8) -> u32 {
    (hash ^ u32::from(byte)).wrapping_mul(FNV_PRIME)
}

/// Adds the char 3-grams and 5-grams of `padded` (`FEATURES.md` §4). Both grams starting at a
/// code point are hashed in one pass, so the two independent multiply chains overlap, and a
/// window of single-byte characters takes a branch-free path.
fn char_ngrams(padded: &[u8], char_starts: &[u32], counter: &mut impl Tally) {
    let c3 = fnv1a(FNV_OFFSET, b"c3:");
    let c5 = fnv1a(FNV_OFFSET, b"c5:");
    let chars = char_starts.len() - 1;
    for i in 0..chars.saturating_sub(2) {
        let start = char_starts[i] as usize;
        let end3 = char_starts[i + 3] as usize;
        let Some(&end5) = char_starts.get(i + 5) else {
            counter.add(fnv1a(c3, &padded[start..end3]));
            continue;
        };
        let end5 = end5 as usize;
        let (mut h3, mut h5) = (c3, c5);
        if end5 - start == 5 {
            let w = &padded[start..start + 5];
            for &b in &w[..3] {
                h3 = fnv_step(h3, b);
                h5 = fnv_step(h5, b);
            }
            h5 = fnv_step(fnv_step(h5, w[3]), w[4]);
        } else {
            for &b in &padded[start..end3] {
                h3 = fnv_step(h3, b);
                h5 = fnv_step(h5, b);
            }
            h5 = fnv1a(h5, &padded[end3..end5]);
        }
        counter.add(h3);
        counter.add(h5);
    }
}

/// ln(1 + count); most counts are small, and a table lookup is far cheaper than `ln_1p`.
#[inline]
fn ln_1p(count: u32) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|i| (i as f64).ln_1p()));
    table
        .get(count as usize)
        .copied()
        .unwrap_or_else(|| f64::from(count).ln_1p())
}

/// Counts feature hashes per bucket.
trait Tally {
    fn add(&mut self, hash: u32);
    /// Calls `f(bucket, count)` for every bucket in use and starts over.
    fn drain(&mut self, f: impl FnMut(u32, u32));
}

/// Counts per hash bucket, with a bitmap of the buckets in use so they come out in ascending
/// order without sorting or a hash map, in time linear in the number of features.
#[derive(Debug, Default)]
struct Counter {
    counts: Vec<u32>,
    used: Vec<u64>,
}

impl Counter {
    fn reset(&mut self) {
        // Allocated on first use; `drain` leaves both all-zero again.
        if self.counts.len() != HASH_DIM {
            self.counts = vec![0; HASH_DIM];
            self.used = vec![0; HASH_DIM / 64];
        }
    }
}

/// Hands out the buckets in ascending order.
impl Tally for Counter {
    #[inline]
    fn add(&mut self, hash: u32) {
        // HASH_DIM is a power of two, so the mask is `hash % HASH_DIM`.
        let bucket = (hash & (HASH_DIM as u32 - 1)) as usize;
        self.counts[bucket] += 1;
        self.used[bucket / 64] |= 1 << (bucket % 64);
    }

    fn drain(&mut self, mut f: impl FnMut(u32, u32)) {
        for (word_index, word) in self.used.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let bucket = word_index * 64 + bits.trailing_zeros() as usize;
                f(bucket as u32, std::mem::take(&mut self.counts[bucket]));
                bits &= bits - 1;
            }
        }
    }
}

/// The features of one prompt text: the sparse vector's non-zero entries (ascending, unique
/// indices) and the dense features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub idx: Vec<i64>,
    pub val: Vec<f32>,
    pub dense: [f32; DENSE_DIM],
}

/// The byte ranges of the windows of an already truncated text (`FEATURES.md` §6), using
/// `char_starts` as scratch space.
pub fn window_ranges<'a>(
    text: &str,
    char_starts: &'a mut Vec<u32>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    char_starts.clear();
    // A text of at most WINDOWED_ABOVE bytes has at most WINDOWED_ABOVE code points.
    if text.len() > WINDOWED_ABOVE {
        char_starts.extend(text.char_indices().map(|(offset, _)| offset as u32));
        char_starts.push(text.len() as u32);
    }
    let n = char_starts.len().saturating_sub(1);
    let offsets: &'a [u32] = char_starts;
    rows::window_starts(n).map(move |s| (offsets[s] as usize, offsets[s + WINDOW_CHARS] as usize))
}

/// Scratch space for [`FeatureBuffers::extract`] and [`FeatureBuffers::extract_rows`]; kept
/// between calls so a warm extraction allocates nothing on ASCII text.
#[derive(Debug, Default)]
pub struct FeatureBuffers {
    padded: String,
    char_starts: Vec<u32>,
    token_spans: Vec<(u32, u32)>,
    counter: Counter,
    raw: Vec<f64>,
    features: Features,
    row_scratch: rows::RowScratch,
    rows: Rows,
}

impl FeatureBuffers {
    pub fn new() -> FeatureBuffers {
        FeatureBuffers::default()
    }

    /// Computes the features of an already truncated prompt text (see [`truncate`]).
    pub fn extract(&mut self, text: &str) -> &Features {
        self.counter.reset();
        let (mut scratch, counter, features) = self.parts();
        scratch.extract(text, counter, features);
        &self.features
    }

    /// The buffers an extraction works in, beside the table counter and the output.
    fn parts(&mut self) -> (Scratch<'_>, &mut Counter, &mut Features) {
        let FeatureBuffers {
            padded,
            char_starts,
            token_spans,
            counter,
            raw,
            features,
            ..
        } = self;
        let scratch = Scratch {
            padded,
            char_starts,
            token_spans,
            raw,
        };
        (scratch, counter, features)
    }
}

/// The buffers one extraction works in.
struct Scratch<'a> {
    padded: &'a mut String,
    char_starts: &'a mut Vec<u32>,
    token_spans: &'a mut Vec<(u32, u32)>,
    raw: &'a mut Vec<f64>,
}

impl Scratch<'_> {
    /// `features` of `text`, counted in `counter`; the entries come in the order its `drain`
    /// gives them.
    fn extract(&mut self, text: &str, counter: &mut impl Tally, features: &mut Features) {
        let Scratch {
            padded,
            char_starts,
            token_spans,
            raw,
        } = self;

        // " " + norm + " ": the padding marks word starts and ends in the char n-grams.
        padded.clear();
        padded.push(' ');
        lowercase_collapse_into(text, padded);
        padded.push(' ');

        char_starts.clear();
        char_starts.extend(padded.char_indices().map(|(offset, _)| offset as u32));
        char_starts.push(padded.len() as u32);
        let norm = &padded[1..padded.len() - 1];

        token_spans.clear();
        tokens_into(norm, token_spans);

        char_ngrams(padded.as_bytes(), char_starts, counter);
        let norm_bytes = norm.as_bytes();
        let w1 = fnv1a(FNV_OFFSET, b"w1:");
        let w2 = fnv1a(FNV_OFFSET, b"w2:");
        for &(s, e) in token_spans.iter() {
            counter.add(fnv1a(w1, &norm_bytes[s as usize..e as usize]));
        }
        for pair in token_spans.windows(2) {
            let (s1, e1) = pair[0];
            let (s2, e2) = pair[1];
            let h = fnv1a(fnv1a(w2, &norm_bytes[s1 as usize..e1 as usize]), b" ");
            counter.add(fnv1a(h, &norm_bytes[s2 as usize..e2 as usize]));
        }

        features.idx.clear();
        raw.clear();
        counter.drain(|index, count| {
            features.idx.push(i64::from(index));
            raw.push(ln_1p(count));
        });
        let l2 = raw.iter().map(|v| v * v).sum::<f64>().sqrt();
        let l2 = if l2 > 0.0 { l2 } else { 1.0 };
        features.val.clear();
        features.val.extend(raw.iter().map(|v| (v / l2) as f32));

        features.dense = dense(text, token_spans.len());
    }
}

/// `FEATURES.md` §5, on the truncated text before normalisation.
fn dense(text: &str, n_tokens: usize) -> [f32; DENSE_DIM] {
    let mut n = 0usize;
    let (mut newlines, mut digits, mut upper, mut punct, mut non_ascii, mut code) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        n += 1;
        match ascii_class(c) {
            Some(class) => {
                newlines += usize::from(c == '\n');
                digits += usize::from(class & DIGIT != 0);
                upper += usize::from(class & UPPER != 0);
                punct += usize::from(class & PUNCTUATION != 0);
                code += usize::from(class & CODE != 0);
            }
            None => {
                non_ascii += 1;
                punct += usize::from(is_punctuation(c));
            }
        }
    }
    let n = n.max(1) as f64;
    let log = |x: usize| ((x as f64).ln_1p() / 10.0) as f32;
    let frac = |x: usize| (x as f64 / n) as f32;
    [
        (n.ln_1p() / 10.0) as f32,
        log(n_tokens),
        log(newlines),
        frac(digits),
        frac(upper),
        frac(punct),
        frac(non_ascii),
        frac(code),
    ]
}

/// The features of an already truncated prompt text, with fresh buffers.
pub fn features(text: &str) -> Features {
    let mut buffers = FeatureBuffers::new();
    buffers.extract(text).clone()
}

/// The model's rows of an already truncated prompt text, with fresh buffers.
pub fn rows(text: &str) -> Rows {
    let mut buffers = FeatureBuffers::new();
    buffers.extract_rows(text).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f64) -> bool {
        (f64::from(a) - b).abs() < 1e-7
    }

    #[test]
    fn prompt_text_joins_prompt_roles_and_skips_assistant_turns() {
        let messages = [
            PromptMessage::new("system", "Be brief."),
            PromptMessage::new("user", "Hi"),
            PromptMessage::new("assistant", "Hello!"),
            PromptMessage::new("tool", String::from("{\"ok\":true}")),
            PromptMessage::new("developer", ""),
            PromptMessage::new("user", "Bye"),
        ];
        assert_eq!(
            prompt_text(&messages),
            "Be brief.\nHi\n{\"ok\":true}\n\nBye"
        );
        assert_eq!(prompt_text(&[PromptMessage::new("assistant", "x")]), "");
        assert_eq!(prompt_text(&[PromptMessage::new("User", "x")]), "");
    }

    #[test]
    fn truncation_keeps_head_and_tail_code_points() {
        let at_limit = "é".repeat(MAX_CHARS);
        assert!(matches!(truncate(&at_limit), Cow::Borrowed(_)));

        let text: String = (0..MAX_CHARS + 1)
            .map(|i| {
                if i < 8_000 {
                    'a'
                } else if i == 8_000 {
                    'ß'
                } else {
                    'é'
                }
            })
            .collect();
        let t = truncate(&text);
        assert_eq!(t.chars().count(), 12_001);
        assert_eq!(t.chars().filter(|&c| c == 'a').count(), 8_000);
        assert_eq!(t.chars().nth(8_000), Some('\n'));
        // The tail is the last 4,000 code points, so the 'ß' right after the head is dropped.
        assert_eq!(t.chars().filter(|&c| c == 'é').count(), 4_000);
        assert!(!t.contains('ß'));
    }

    #[test]
    fn normalisation_lowercases_and_collapses_separators() {
        assert_eq!(
            normalize("  Hello\t\tWORLD\u{a0}!\n\r\u{3000}"),
            "hello world !"
        );
        assert_eq!(normalize("\x0bA\x0cB\u{2003}C"), "a b\u{2003}c");
        assert_eq!(normalize(" \n "), "");
        // Full mapping: final sigma, and İ becomes two code points.
        assert_eq!(normalize("ΟΔΟΣ Σ."), "οδος σ.");
        assert_eq!(normalize("ΟΔΟΣ").chars().last(), Some('ς'));
        assert_eq!(normalize("İ").chars().count(), 2);
    }

    #[test]
    fn tokens_split_on_separators_and_punctuation_only() {
        assert_eq!(
            tokens("hello, world_x foo-bar"),
            ["hello", "world_x", "foo", "bar"]
        );
        assert_eq!(tokens("¿qué? «sí»…東京。x"), ["qué", "sí", "東京", "x"]);
        assert_eq!(tokens("a\u{2003}b"), ["a\u{2003}b"]);
        assert!(tokens("!?.,").is_empty());
        assert!(is_punctuation('-') && is_punctuation('—') && !is_punctuation('_'));
        assert!(!is_punctuation('§') && !is_punctuation('·'));
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a32(b""), 0x811C_9DC5);
        assert_eq!(fnv1a32(b"a"), 0xE40C_292C);
        assert_eq!(fnv1a32(b"foobar"), 0xBF9C_F968);
    }

    #[test]
    fn one_character_has_one_trigram_and_one_word() {
        let f = features("a");
        // fnv1a("w1:a") % 2^17 and fnv1a("c3: a ") % 2^17.
        assert_eq!(f.idx, [18_596, 89_488]);
        let half = std::f64::consts::FRAC_1_SQRT_2;
        assert!(close(f.val[0], half) && close(f.val[1], half));
        let ln2 = 2f64.ln() / 10.0;
        assert!(close(f.dense[0], ln2) && close(f.dense[1], ln2));
        assert!(f.dense[2..].iter().all(|&d| d == 0.0));
    }

    #[test]
    fn repeated_grams_are_counted_then_log_scaled_and_normalised() {
        let f = features("AAAA");
        // " aa", "aaa" (twice), "aa ", " aaaa", "aaaa ", "w1:aaaa".
        assert_eq!(f.idx, [19_681, 21_875, 81_451, 94_532, 115_683, 120_727]);
        let (l2, l3) = (2f64.ln(), 3f64.ln());
        let norm = (5.0 * l2 * l2 + l3 * l3).sqrt();
        for (&i, &v) in f.idx.iter().zip(&f.val) {
            let want = if i == 94_532 { l3 / norm } else { l2 / norm };
            assert!(close(v, want), "{i}: {v} != {want}");
        }
        let sum_sq: f64 = f.val.iter().map(|&v| f64::from(v) * f64::from(v)).sum();
        assert!((sum_sq - 1.0).abs() < 1e-6);
        assert!(close(f.dense[0], 5f64.ln() / 10.0));
        assert!(close(f.dense[4], 1.0));
    }

    #[test]
    fn empty_text_has_no_sparse_features() {
        let f = features("");
        assert!(f.idx.is_empty() && f.val.is_empty());
        assert!(close(f.dense[0], 2f64.ln() / 10.0));
        assert!(f.dense[1..].iter().all(|&d| d == 0.0));
        assert!(features(" \t\n").idx.is_empty());
    }

    #[test]
    fn dense_features_count_on_the_raw_text() {
        // 10 code points: H i ␠ { x } ; \n 5 é; tokens of "hi {x}; 5é": hi, x, 5é.
        let f = features("Hi {x};\n5é");
        let want = [
            11f64.ln() / 10.0,
            4f64.ln() / 10.0,
            2f64.ln() / 10.0,
            0.1,
            0.1,
            0.3,
            0.1,
            0.3,
        ];
        for (k, (&got, &want)) in f.dense.iter().zip(&want).enumerate() {
            assert!(close(got, want), "dense[{k}]: {got} != {want}");
        }
        assert_eq!(f.idx.len(), 23);
    }

    fn windows(text: &str) -> Vec<(usize, usize)> {
        window_ranges(text, &mut Vec::new()).collect()
    }

    #[test]
    fn windows_tile_a_long_text_and_the_last_ends_at_its_end() {
        assert!(windows("").is_empty());
        assert!(windows(&"a".repeat(WINDOWED_ABOVE)).is_empty());
        // 2,048 two-byte code points are more than 2,048 bytes but still no window.
        assert!(windows(&"é".repeat(WINDOWED_ABOVE)).is_empty());
        assert_eq!(
            windows(&"a".repeat(2049)),
            [
                (0, 512),
                (512, 1024),
                (1024, 1536),
                (1536, 2048),
                (1537, 2049)
            ]
        );
        // Exactly on the stride: the last regular start would end at n, so it is the final one.
        assert_eq!(
            windows(&"a".repeat(2560)),
            [
                (0, 512),
                (512, 1024),
                (1024, 1536),
                (1536, 2048),
                (2048, 2560)
            ]
        );
        // Byte ranges of multi-byte code points.
        let text = "é".repeat(2100);
        assert_eq!(
            windows(&text),
            [
                (0, 1024),
                (1024, 2048),
                (2048, 3072),
                (3072, 4096),
                (3176, 4200)
            ]
        );
        assert_eq!(text[3176..4200].chars().count(), WINDOW_CHARS);
    }

    /// Row `r` of `rows` as a bucket → value map.
    fn row_map(rows: &Rows, r: usize) -> std::collections::BTreeMap<i64, f32> {
        rows.entries(r).collect()
    }

    fn assert_rows_match_each_windows_features(text: &str) {
        let r = rows(text);
        let spans: Vec<(usize, usize)> = window_ranges(text, &mut Vec::new()).collect();
        assert_eq!(r.rows(), 1 + spans.len(), "{text:?}");
        let mut distinct = r.idx.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), r.idx.len(), "columns are distinct");
        let parts = std::iter::once(features(text))
            .chain(spans.iter().map(|&(a, b)| features(&text[a..b])));
        for (k, part) in parts.enumerate() {
            let got = row_map(&r, k);
            let want: std::collections::BTreeMap<i64, f32> = part
                .idx
                .iter()
                .copied()
                .zip(part.val.iter().copied())
                .collect();
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                want.keys().collect::<Vec<_>>(),
                "row {k} of {text:?}"
            );
            for (i, (g, w)) in got.values().zip(want.values()).enumerate() {
                assert!((g - w).abs() <= 1e-7, "row {k} entry {i}: {g} != {w}");
            }
            assert_eq!(r.dense(k), part.dense, "row {k} dense");
        }
    }

    #[test]
    fn rows_are_the_whole_text_then_each_window() {
        let short = rows("Call me at home.");
        assert_eq!(short.rows(), 1);
        let whole = features("Call me at home.");
        assert_eq!(short.idx, whole.idx);
        assert_eq!(short.val, whole.val);
        assert_eq!(short.dense(0), whole.dense);

        let text: String = (0..2100)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        assert_eq!(rows(&text).rows(), 6);
        assert_rows_match_each_windows_features(&text);

        // Reused buffers give the same rows, long after short.
        let r = rows(&text);
        let mut buffers = FeatureBuffers::new();
        assert_eq!(buffers.extract_rows(&text).clone(), r);
        assert_eq!(buffers.extract_rows("Call me at home.").clone(), short);
        assert_eq!(buffers.extract_rows(&text).clone(), r);
    }

    #[test]
    fn rows_hold_every_window_whatever_the_text() {
        // Words cut by window edges, separator runs across them, punctuation, multi-byte and
        // expanding lowercase (İ), final sigma.
        let pieces = [
            "Prove that every finite group of prime order is cyclic. ",
            "  \t\n  ",
            "naïve café — «sí» ¿qué? ",
            "東京都千代田区丸の内一丁目 ",
            "İSTANBUL İzmir ",
            "user@example.com, +49 30 1234567; ",
            "\u{a0}\u{3000}",
            "ΟΔΟΣ ΣΑΣ ",
        ];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        for _ in 0..12 {
            let mut text = String::new();
            let target = WINDOWED_ABOVE + 1 + next() % 3000;
            while text.chars().count() < target {
                text.push_str(pieces[next() % pieces.len()]);
            }
            assert_rows_match_each_windows_features(&text);
        }
        assert_rows_match_each_windows_features(&format!("ab{}cd", "\n".repeat(3000)));
    }

    #[test]
    fn buffers_are_reused_without_leaking_state() {
        let mut buffers = FeatureBuffers::new();
        let long = "Prove that every finite group of prime order is cyclic. ".repeat(50);
        let first = buffers.extract(&long).clone();
        assert_eq!(buffers.extract("a").clone(), features("a"));
        assert_eq!(
            buffers.extract("Ünïcødé ΣΑΣ").clone(),
            features("Ünïcødé ΣΑΣ")
        );
        assert_eq!(buffers.extract(&long).clone(), first);
        assert!(first.idx.windows(2).all(|w| w[0] < w[1]));
        assert!(first.idx.iter().all(|&i| (0..HASH_DIM as i64).contains(&i)));
    }
}
