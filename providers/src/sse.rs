//! Server-sent events decoding with bounded buffers: a line longer than the limit is an error,
//! not an unbounded allocation.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;

/// One dispatched event: its `event:` name (if any) and its `data:` lines joined with `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: Option<String>,
    pub data: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SseError {
    #[error("an SSE line exceeded {0} bytes")]
    LineTooLong(usize),
    #[error("an SSE event exceeded {0} bytes")]
    EventTooLong(usize),
    #[error("an SSE line is not valid UTF-8")]
    InvalidUtf8,
}

/// Incremental decoder: feed bytes, collect events.
#[derive(Debug)]
pub struct SseDecoder {
    max_len: usize,
    line: Vec<u8>,
    /// The previous chunk ended in `\r`; a leading `\n` in the next one belongs to it.
    pending_cr: bool,
    event: Option<String>,
    data: String,
    has_data: bool,
}

impl SseDecoder {
    /// `max_len` bounds both a single line and a whole event's data.
    pub fn new(max_len: usize) -> Self {
        Self {
            max_len,
            line: Vec::new(),
            pending_cr: false,
            event: None,
            data: String::new(),
            has_data: false,
        }
    }

    /// Feeds a chunk of bytes and appends every completed event to `out`.
    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<SseEvent>) -> Result<(), SseError> {
        if self.pending_cr {
            self.pending_cr = false;
            if chunk.first() == Some(&b'\n') {
                chunk = &chunk[1..];
            }
        }
        while let Some(pos) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (head, rest) = chunk.split_at(pos);
            self.push_line_bytes(head)?;
            let line = std::mem::take(&mut self.line);
            self.process_line(&line, out)?;
            // `rest[0]` is the terminator; swallow the `\n` of a `\r\n` pair.
            if rest[0] == b'\r' {
                match rest.get(1) {
                    Some(b'\n') => chunk = &rest[2..],
                    Some(_) => chunk = &rest[1..],
                    None => {
                        self.pending_cr = true;
                        chunk = &rest[1..];
                    }
                }
            } else {
                chunk = &rest[1..];
            }
        }
        self.push_line_bytes(chunk)
    }

    /// Call at end of input: a final event without its blank line is still dispatched.
    pub fn finish(&mut self, out: &mut Vec<SseEvent>) -> Result<(), SseError> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.process_line(&line, out)?;
        }
        self.dispatch(out);
        Ok(())
    }

    fn push_line_bytes(&mut self, bytes: &[u8]) -> Result<(), SseError> {
        if self.line.len() + bytes.len() > self.max_len {
            return Err(SseError::LineTooLong(self.max_len));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn process_line(&mut self, line: &[u8], out: &mut Vec<SseEvent>) -> Result<(), SseError> {
        if line.is_empty() {
            self.dispatch(out);
            return Ok(());
        }
        let line = std::str::from_utf8(line).map_err(|_| SseError::InvalidUtf8)?;
        if line.starts_with(':') {
            return Ok(());
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "data" => {
                if self.data.len() + value.len() + 1 > self.max_len {
                    return Err(SseError::EventTooLong(self.max_len));
                }
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_owned()),
            // `id` and `retry` are not used by any upstream we speak to.
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, out: &mut Vec<SseEvent>) {
        if self.has_data {
            out.push(SseEvent {
                event: self.event.take(),
                data: std::mem::take(&mut self.data),
            });
        }
        self.event = None;
        self.has_data = false;
    }
}

pin_project_lite::pin_project! {
    /// Adapts a byte stream into a stream of SSE events.
    pub struct SseStream<S, E> {
        #[pin]
        inner: S,
        decoder: SseDecoder,
        ready: std::collections::VecDeque<SseEvent>,
        done: bool,
        _err: std::marker::PhantomData<E>,
    }
}

impl<S, E> SseStream<S, E> {
    pub fn new(inner: S, max_len: usize) -> Self {
        Self {
            inner,
            decoder: SseDecoder::new(max_len),
            ready: Default::default(),
            done: false,
            _err: std::marker::PhantomData,
        }
    }
}

/// Errors of the underlying byte stream, or of decoding.
#[derive(Debug)]
pub enum SseStreamError<E> {
    Transport(E),
    Decode(SseError),
}

impl<S, E> Stream for SseStream<S, E>
where
    S: Stream<Item = Result<Bytes, E>>,
{
    type Item = Result<SseEvent, SseStreamError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        loop {
            if let Some(ev) = this.ready.pop_front() {
                return Poll::Ready(Some(Ok(ev)));
            }
            if *this.done {
                return Poll::Ready(None);
            }
            let mut out = Vec::new();
            match this.inner.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(bytes))) => {
                    if let Err(e) = this.decoder.feed(&bytes, &mut out) {
                        *this.done = true;
                        return Poll::Ready(Some(Err(SseStreamError::Decode(e))));
                    }
                }
                Poll::Ready(Some(Err(e))) => {
                    *this.done = true;
                    return Poll::Ready(Some(Err(SseStreamError::Transport(e))));
                }
                Poll::Ready(None) => {
                    *this.done = true;
                    if let Err(e) = this.decoder.finish(&mut out) {
                        return Poll::Ready(Some(Err(SseStreamError::Decode(e))));
                    }
                }
            }
            this.ready.extend(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(chunks: &[&[u8]]) -> Result<Vec<SseEvent>, SseError> {
        let mut d = SseDecoder::new(1024);
        let mut out = Vec::new();
        for c in chunks {
            d.feed(c, &mut out)?;
        }
        d.finish(&mut out)?;
        Ok(out)
    }

    #[test]
    fn events_split_across_chunks_and_line_endings() {
        let evs = decode_all(&[
            b"event: message_start\r",
            b"\ndata: {\"a\":",
            b"1}\r\n\r\n: keep-alive\n\ndata: x\ndata: y\n\n",
            b"data: [DONE]",
        ])
        .unwrap();
        assert_eq!(
            evs,
            vec![
                SseEvent {
                    event: Some("message_start".into()),
                    data: "{\"a\":1}".into()
                },
                SseEvent {
                    event: None,
                    data: "x\ny".into()
                },
                SseEvent {
                    event: None,
                    data: "[DONE]".into()
                },
            ]
        );
    }

    #[test]
    fn lone_cr_terminates_lines() {
        let evs = decode_all(&[b"data: a\r\rdata: b\r\r"]).unwrap();
        assert_eq!(evs.len(), 2);
        assert_eq!(evs[1].data, "b");
    }

    #[test]
    fn bounded_lines_and_events() {
        let long = vec![b'a'; 2000];
        assert_eq!(
            decode_all(&[b"data: ", &long]),
            Err(SseError::LineTooLong(1024))
        );
        let mut many = Vec::new();
        for _ in 0..20 {
            many.extend_from_slice(b"data: ");
            many.extend_from_slice(&[b'b'; 100]);
            many.push(b'\n');
        }
        assert_eq!(decode_all(&[&many]), Err(SseError::EventTooLong(1024)));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        assert_eq!(
            decode_all(&[b"data: \xff\xfe\n\n"]),
            Err(SseError::InvalidUtf8)
        );
    }
}
