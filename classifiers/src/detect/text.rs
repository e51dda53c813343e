//! Byte-level helpers shared by the detectors. Detectors anchor on ASCII bytes, so every span
//! they build from these helpers starts and ends on a `char` boundary.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

pub(crate) fn before(b: &[u8], i: usize, back: usize) -> u8 {
    i.checked_sub(back).map_or(0, |j| at(b, j))
}

pub(crate) fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

pub(crate) fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
}

/// Length of the run of bytes from `from` satisfying `pred`, stopping at `limit` bytes.
pub(crate) fn run(b: &[u8], from: usize, limit: usize, pred: impl Fn(u8) -> bool) -> usize {
    b.get(from..)
        .unwrap_or_default()
        .iter()
        .take(limit)
        .take_while(|&&c| pred(c))
        .count()
}

/// Start of the run of bytes ending at `end` (exclusive) satisfying `pred`.
pub(crate) fn run_back(b: &[u8], end: usize, limit: usize, pred: impl Fn(u8) -> bool) -> usize {
    let end = end.min(b.len());
    let mut s = end;
    while s > 0 && end - s < limit && pred(b[s - 1]) {
        s -= 1;
    }
    s
}

/// Shannon entropy in bits per byte.
pub(crate) fn entropy(s: &[u8]) -> f32 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u16; 256];
    for &c in s {
        counts[usize::from(c)] = counts[usize::from(c)].saturating_add(1);
    }
    let n = s.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f32::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

pub(crate) const LOWER: u8 = 1;
pub(crate) const UPPER: u8 = 2;
pub(crate) const DIGIT: u8 = 4;
pub(crate) const SYMBOL: u8 = 8;

pub(crate) fn classes(s: &[u8]) -> u8 {
    s.iter().fold(0, |acc, &c| {
        acc | if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            SYMBOL
        }
    })
}

pub(crate) fn class_count(s: &[u8]) -> u32 {
    classes(s).count_ones()
}

pub(crate) fn is_hex(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_hexdigit)
}

/// `8-4-4-4-12` hex.
pub(crate) fn is_uuid(s: &[u8]) -> bool {
    s.len() == 36
        && s.iter().enumerate().all(|(i, &c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Whether `hay` opens with `needle`, ignoring ASCII case.
pub(crate) fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

pub(crate) fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// "Change me" and "replace" in the other languages covered: `troque-esta-senha`,
/// `verander_mij`, `bitte-aendern`, `a-remplacer`.
const CHANGE_ME: &[&str] = &[
    "aendern",
    "ändern",
    "ersetzen",
    "eintragen",
    "changez",
    "changer",
    "remplacer",
    "mettre_ici",
    "cambiar",
    "cambia_",
    "cambialo",
    "reemplazar",
    "pon_aqui",
    "pon_aquí",
    "poner_aqui",
    "cambiami",
    "metti_qui",
    "sostituire",
    "troque",
    "altere",
    "coloque_aqui",
    "substituir",
    "verander",
    "wijzig",
    "vervang",
];

/// Whether digits (values 0-9) look made up: one digit throughout, six or more in a row counting
/// up or down ("1234 5678 9012", "9876 5432") or repeating a digit ("4111 1111 1111 1112"). Zeros
/// pad real account numbers ("IT47 K030 6909 6061 0000 0063 412"): only seven or more in a row
/// count ("00000001R").
pub(crate) fn made_up_digits(d: &[u8]) -> bool {
    // The longest run of neighbours that `step` links, as a count of links.
    let longest = |step: fn(u8, u8) -> bool| {
        d.windows(2)
            .fold((0, 0), |(run, best), w| {
                let run = if step(w[0], w[1]) { run + 1 } else { 0 };
                (run, best.max(run))
            })
            .1
    };
    d.iter().all(|&x| d.first() == Some(&x))
        || longest(|a, b| (a + 1) % 10 == b) >= 5
        || longest(|a, b| (b + 1) % 10 == a) >= 5
        || longest(|a, b| a == b && a != 0) >= 5
        || longest(|a, b| a == b && a == 0) >= 6
}

/// Whether a value asks to be replaced, in a language other than English.
pub(crate) fn says_change_me(s: &[u8]) -> bool {
    CHANGE_ME.iter().any(|m| contains_ci(s, m.as_bytes()))
}

/// Values that documentation and tutorials use in place of a real secret: the signs of a
/// template (`your`, `example`, `xxxx`), runs a random generator would not produce, and
/// counting sequences.
pub(crate) fn looks_like_placeholder(s: &[u8]) -> bool {
    const MARKERS: [&[u8]; 22] = [
        b"example",
        b"your",
        b"xxxx",
        b"****",
        b"....",
        b"dummy",
        b"sample",
        b"placeholder",
        b"redacted",
        b"changeme",
        b"change_me",
        b"change-me",
        b"replace",
        b"insert",
        b"fake",
        b"here",
        b"12345678",
        b"abcdefgh",
        b"0000",
        b"<",
        b"${",
        b"{{",
    ];
    // The Azure storage emulator's published account key, and RFC 6749's example tokens and
    // client credentials.
    const PUBLISHED: [&[u8]; 5] = [
        b"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq",
        b"2YotnFZFEjr1zCsicMWpAA",
        b"tGzv3JOkF0XG5Qx2TlKWIA",
        b"s6BhdRkqt3",
        b"gX1fBat3bV",
    ];
    static MARKER_AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let markers = MARKER_AUTOMATON.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(MARKERS)
            .ok()
    });
    let marked = match markers {
        Some(ac) => ac.is_match(s),
        None => MARKERS.iter().any(|m| contains_ci(s, m)),
    } || says_change_me(s);
    if marked
        || PUBLISHED
            .iter()
            .any(|m| memchr::memmem::find(s, m).is_some())
    {
        return true;
    }
    let mut longest = 0;
    let mut current = 0;
    let mut prev = 0u8;
    for &c in s {
        current = if c == prev { current + 1 } else { 1 };
        prev = c;
        longest = longest.max(current);
    }
    if longest >= 6 {
        return true;
    }
    let mut seen = [false; 256];
    let distinct = s
        .iter()
        .filter(|&&c| !std::mem::replace(&mut seen[usize::from(c)], true))
        .count();
    s.len() >= 12 && distinct * 3 < s.len().min(30)
}

/// Whether a random-looking token: long enough, varied enough. Hex is held to a lower
/// threshold because its alphabet caps entropy at 4 bits.
pub(crate) fn is_high_entropy(s: &[u8]) -> bool {
    if s.len() < 16 {
        return false;
    }
    let e = entropy(s);
    if is_hex(s) {
        e >= 3.0 && s.iter().any(u8::is_ascii_digit) && s.iter().any(u8::is_ascii_alphabetic)
    } else {
        let c = classes(s);
        e >= 3.5 && (c & DIGIT != 0 || c & (LOWER | UPPER) == (LOWER | UPPER))
    }
}

/// Standard or URL-safe base64, padding optional.
pub(crate) fn decode_base64(s: &[u8]) -> Option<Vec<u8>> {
    let s = s
        .strip_suffix(b"==")
        .or_else(|| s.strip_suffix(b"="))
        .unwrap_or(s);
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The text from the start of the line holding `i` up to `i`.
pub(crate) fn line_prefix(b: &[u8], i: usize) -> &[u8] {
    let s = run_back(b, i, 256, |c| c != b'\n');
    &b[s..i]
}

/// A whitespace-separated word list looked up through a set built on first use: name readers
/// ask for every capitalised word of a long text, and a scan of the list each time costs more
/// than the rest of their work.
pub(crate) struct WordList {
    words: &'static str,
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl WordList {
    pub(crate) const fn new(words: &'static str) -> WordList {
        WordList {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.split_ascii_whitespace().collect())
            .contains(word)
    }

    /// `contains` of the word in lower case, without allocating for a short ASCII word.
    pub(crate) fn contains_lower(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        if word.is_ascii() && word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|w| self.contains(w))
        } else {
            self.contains(&word.to_lowercase())
        }
    }
}

/// Whether `word` is one of the whitespace-separated words of `list`.
pub(crate) fn in_list(list: &str, word: &str) -> bool {
    let (l, w) = (list.as_bytes(), word.as_bytes());
    !w.is_empty()
        && memchr::memmem::find_iter(l, w).any(|i| {
            before(l, i, 1).is_ascii_whitespace() || i == 0
        } && (i + w.len() == l.len() || at(l, i + w.len()).is_ascii_whitespace()))
}
