//! Reversible redaction: findings become placeholders like `[EMAIL_1]` before a prompt leaves
//! the device, and the originals go back into the answer (also while it streams).

use std::collections::HashMap;

use crate::detect::Finding;

/// A redacted text and the table that undoes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redaction {
    pub text: String,
    /// `(placeholder, original)` in order of first appearance, one row per distinct original.
    pub replacements: Vec<(String, String)>,
}

/// Replaces every finding's span with a placeholder. The same original value always gets the
/// same placeholder; numbering is per kind, in order of appearance. A placeholder that already
/// occurs in `text` is skipped so that restoring never rewrites the user's own words.
/// Findings that overlap an earlier one or do not fall on `char` boundaries are ignored.
pub fn redact(text: &str, findings: &[Finding]) -> Redaction {
    let mut ordered: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end)
        })
        .collect();
    ordered.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));

    let mut out = String::with_capacity(text.len());
    let mut replacements: Vec<(String, String)> = Vec::new();
    let mut by_original: HashMap<&str, usize> = HashMap::new();
    let mut counters: HashMap<&'static str, usize> = HashMap::new();
    let mut pos = 0;
    for f in ordered {
        let (Some(original), Some(gap)) = (text.get(f.start..f.end), text.get(pos..f.start)) else {
            continue;
        };
        let index = match by_original.get(original) {
            Some(&i) => i,
            None => {
                let tag = f.kind.placeholder_tag();
                let counter = counters.entry(tag).or_insert(0);
                let placeholder = loop {
                    *counter += 1;
                    let candidate = format!("[{tag}_{counter}]");
                    if !text.contains(&candidate) {
                        break candidate;
                    }
                };
                replacements.push((placeholder, original.to_owned()));
                by_original.insert(original, replacements.len() - 1);
                replacements.len() - 1
            }
        };
        out.push_str(gap);
        if let Some((placeholder, _)) = replacements.get(index) {
            out.push_str(placeholder);
        }
        pos = f.end;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    Redaction {
        text: out,
        replacements,
    }
}

/// Replaces every occurrence of an original in `text` with its placeholder, using a table made by
/// [`redact`] — for the other texts of a request (earlier turns, tool arguments) that carry the
/// same values. Longer originals win where two overlap.
pub fn apply(text: &str, replacements: &[(String, String)]) -> String {
    let originals: Vec<&str> = replacements
        .iter()
        .map(|(_, o)| o.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    if originals.is_empty() || !originals.iter().any(|o| text.contains(o)) {
        return text.to_owned();
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&originals)
    else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for m in ac.find_iter(text) {
        let original = originals[m.pattern().as_usize()];
        let placeholder = replacements
            .iter()
            .find(|(_, o)| o == original)
            .map_or(original, |(p, _)| p.as_str());
        out.push_str(&text[pos..m.start()]);
        out.push_str(placeholder);
        pos = m.end();
    }
    out.push_str(&text[pos..]);
    out
}

/// Puts the originals back wherever a placeholder appears in `text`.
pub fn restore(text: &str, replacements: &[(String, String)]) -> String {
    let mut restorer = StreamRestorer::new(replacements);
    let mut out = restorer.push(text);
    out.push_str(&restorer.finish());
    out
}

/// Restores a streamed answer chunk by chunk. `push` returns the text that can no longer be
/// part of a placeholder; a possible placeholder prefix at the end of the input is held back
/// until the next chunk decides it. Concatenating every `push` and the final `finish` equals
/// [`restore`] on the concatenated input, however the input was split.
#[derive(Debug, Clone)]
pub struct StreamRestorer {
    table: Vec<(String, String)>,
    first_bytes: [bool; 256],
    pending: String,
}

impl StreamRestorer {
    pub fn new(replacements: &[(String, String)]) -> StreamRestorer {
        let table: Vec<(String, String)> = replacements
            .iter()
            .filter(|(p, _)| !p.is_empty())
            .cloned()
            .collect();
        let mut first_bytes = [false; 256];
        for (p, _) in &table {
            if let Some(&c) = p.as_bytes().first() {
                first_bytes[usize::from(c)] = true;
            }
        }
        StreamRestorer {
            table,
            first_bytes,
            pending: String::new(),
        }
    }

    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        self.drain(false)
    }

    /// Flushes whatever is held back; call once at the end of the stream.
    pub fn finish(&mut self) -> String {
        self.drain(true)
    }

    fn drain(&mut self, last: bool) -> String {
        let buf = std::mem::take(&mut self.pending);
        let bytes = buf.as_bytes();
        let mut out = String::with_capacity(buf.len());
        let mut literal = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !self.first_bytes[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            // Placeholders start with a non-continuation byte, so `i` is a char boundary here.
            let rest = buf.get(i..).unwrap_or_default();
            let undecided = !last
                && self
                    .table
                    .iter()
                    .any(|(p, _)| p.len() > rest.len() && p.starts_with(rest));
            if undecided {
                break;
            }
            let best = self
                .table
                .iter()
                .filter(|(p, _)| rest.starts_with(p.as_str()))
                .max_by_key(|(p, _)| p.len());
            match best {
                Some((p, original)) => {
                    out.push_str(buf.get(literal..i).unwrap_or_default());
                    out.push_str(original);
                    i += p.len();
                    literal = i;
                }
                None => i += 1,
            }
        }
        out.push_str(buf.get(literal..i).unwrap_or_default());
        self.pending = buf.get(i..).unwrap_or_default().to_owned();
        out
    }
}

#[cfg(test)]
mod tests;
