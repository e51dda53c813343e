//! Turning a token stream into text a client may see: complete UTF-8 only, and never a piece of a
//! stop sequence that might still be completed by the next token.

/// Incremental UTF-8 decoding of token pieces. A token can end in the middle of a multi-byte
/// character (byte-level BPE splits emoji and CJK across tokens), so the incomplete tail waits
/// for the next piece instead of being emitted as replacement characters.
#[derive(Debug, Default)]
pub(crate) struct Utf8Stream {
    pending: Vec<u8>,
}

impl Utf8Stream {
    /// Appends `bytes` and returns every complete character decoded so far. Bytes that can never
    /// become valid UTF-8 turn into U+FFFD right away, so a bad token cannot stall the stream.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(s) => {
                    out.push_str(s);
                    self.pending.clear();
                    return out;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(&String::from_utf8_lossy(&self.pending[..valid]));
                    match e.error_len() {
                        // An incomplete character at the end: keep it for the next piece.
                        None => {
                            self.pending.drain(..valid);
                            return out;
                        }
                        Some(bad) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            self.pending.drain(..valid + bad);
                        }
                    }
                }
            }
        }
    }

    /// Whatever is still pending when generation ends, lossily.
    pub(crate) fn finish(&mut self) -> String {
        let out = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        out
    }
}

/// Stop-sequence detection over streamed text. Text that could be the beginning of a stop
/// sequence is held back until the next piece settles it, so a client never sees half of a stop
/// string that is then cut away.
#[derive(Debug, Default)]
pub(crate) struct StopScan {
    stops: Vec<String>,
    held: String,
    stopped: bool,
}

impl StopScan {
    pub(crate) fn new(stops: Vec<String>) -> Self {
        Self {
            stops: stops.into_iter().filter(|s| !s.is_empty()).collect(),
            held: String::new(),
            stopped: false,
        }
    }

    /// Adds `text`; returns the text that is now safe to emit and whether a stop sequence was
    /// hit (the returned text then ends right before it, and everything after it is dropped).
    pub(crate) fn push(&mut self, text: &str) -> (String, bool) {
        if self.stopped {
            return (String::new(), true);
        }
        self.held.push_str(text);
        let first_stop = self
            .stops
            .iter()
            .filter_map(|s| self.held.find(s.as_str()))
            .min();
        if let Some(at) = first_stop {
            let out = self.held.get(..at).unwrap_or_default().to_owned();
            self.held.clear();
            self.stopped = true;
            return (out, true);
        }
        let keep = self
            .stops
            .iter()
            .map(|s| suffix_prefix_overlap(&self.held, s))
            .max()
            .unwrap_or(0);
        let split = self.held.len() - keep;
        let out: String = self.held.drain(..split).collect();
        (out, false)
    }

    /// Generation ended without a stop sequence: the held-back text was never one.
    pub(crate) fn finish(&mut self) -> String {
        std::mem::take(&mut self.held)
    }
}

/// The length of the longest suffix of `text` that is a proper prefix of `stop`.
fn suffix_prefix_overlap(text: &str, stop: &str) -> usize {
    let max = stop.len().saturating_sub(1).min(text.len());
    (1..=max)
        .rev()
        .find(|&k| {
            text.is_char_boundary(text.len() - k)
                && stop.get(..k).is_some_and(|prefix| text.ends_with(prefix))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(scan: &mut StopScan, pieces: &[&str]) -> (String, bool) {
        let mut out = String::new();
        for p in pieces {
            let (emit, stopped) = scan.push(p);
            out.push_str(&emit);
            if stopped {
                return (out, true);
            }
        }
        out.push_str(&scan.finish());
        (out, false)
    }

    #[test]
    fn utf8_split_across_pieces_is_emitted_whole() {
        let bytes = "a€😀b".as_bytes();
        let mut dec = Utf8Stream::default();
        let mut out = Vec::new();
        for b in bytes {
            out.push(dec.push(std::slice::from_ref(b)));
        }
        assert_eq!(out.concat(), "a€😀b");
        // The euro sign is 3 bytes: nothing is emitted until its last byte arrives.
        assert_eq!(out[1], "");
        assert_eq!(out[2], "");
        assert_eq!(out[3], "€");
        assert!(out.iter().all(|s| !s.contains(char::REPLACEMENT_CHARACTER)));
        assert_eq!(dec.finish(), "");
    }

    #[test]
    fn utf8_invalid_bytes_do_not_stall() {
        let mut dec = Utf8Stream::default();
        assert_eq!(dec.push(b"ok\xffgo"), "ok\u{fffd}go");
        assert_eq!(dec.push(b"\xe2\x82"), "");
        assert_eq!(dec.finish(), "\u{fffd}");
        assert_eq!(dec.push(b"x"), "x");
    }

    #[test]
    fn stop_cuts_before_the_sequence() {
        let mut scan = StopScan::new(vec!["END".into()]);
        assert_eq!(
            feed(&mut scan, &["hello E", "N", "D tail"]),
            ("hello ".into(), true)
        );
    }

    #[test]
    fn partial_stop_is_held_back_then_released() {
        let mut scan = StopScan::new(vec!["</s>".into()]);
        assert_eq!(scan.push("a <"), ("a ".into(), false));
        assert_eq!(scan.push("/"), ("".into(), false));
        // Not a stop after all: the held text comes out with the new piece.
        assert_eq!(scan.push("x>"), ("</x>".into(), false));
        assert_eq!(scan.push("<"), ("".into(), false));
        assert_eq!(scan.finish(), "<");
    }

    #[test]
    fn earliest_of_several_stops_wins() {
        let mut scan = StopScan::new(vec!["cd".into(), "b".into(), String::new()]);
        assert_eq!(feed(&mut scan, &["abcd"]), ("a".into(), true));
        let mut scan = StopScan::new(vec!["xyz".into(), "yq".into()]);
        assert_eq!(feed(&mut scan, &["1x", "y", "q2"]), ("1x".into(), true));
    }

    #[test]
    fn stop_inside_a_single_piece_and_multibyte_stops() {
        let mut scan = StopScan::new(vec!["\n\n".into()]);
        assert_eq!(feed(&mut scan, &["one\n", "\ntwo"]), ("one".into(), true));
        let mut scan = StopScan::new(vec!["é!".into()]);
        assert_eq!(scan.push("caf"), ("caf".into(), false));
        assert_eq!(scan.push("é"), ("".into(), false));
        assert_eq!(scan.push("!"), ("".into(), true));
    }

    #[test]
    fn no_stops_passes_everything_through() {
        let mut scan = StopScan::new(Vec::new());
        assert_eq!(scan.push("abc"), ("abc".into(), false));
        assert_eq!(scan.finish(), "");
    }

    #[test]
    fn overlap_is_a_proper_prefix_only() {
        assert_eq!(suffix_prefix_overlap("abc", "abc"), 0);
        assert_eq!(suffix_prefix_overlap("xab", "abc"), 2);
        assert_eq!(suffix_prefix_overlap("", "abc"), 0);
        assert_eq!(suffix_prefix_overlap("€", "€x"), 3);
    }
}
