//! Anthropic streaming events → canonical chunks.
//!
//! Anthropic streams typed events (`message_start`, `content_block_*`, `message_delta`,
//! `message_stop`); the canonical stream is OpenAI's flat chunk list. Text deltas become content
//! deltas, each `tool_use` block becomes one tool call (numbered in order of appearance, as
//! OpenAI numbers them), the stop reason arrives as a finish chunk, and `message_stop` is
//! followed by one usage-only chunk.

use std::collections::{HashMap, VecDeque};

use futures::{Stream, StreamExt};

use super::response::{finish_reason, usage};
use super::types::{
    BlockDelta, ContentBlock, DeltaUsage, MessageDeltaBody, StreamEvent, Usage as AnthropicUsage,
};
use crate::sse::SseEvent;
use crate::types::{self, ChatChunk, Delta, FunctionCallDelta, Role, ToolCallDelta};
use crate::{ChatStream, ErrorKind, ProviderError};

/// Translates an Anthropic event stream. The stream ends after `message_stop`; an input that
/// ends before it is a cut stream; an `error` event, malformed JSON or an upstream error ends it
/// with that error.
pub fn chunks(
    provider: String,
    events: impl Stream<Item = Result<SseEvent, ProviderError>> + Send + 'static,
) -> ChatStream {
    let state = Pump {
        events: Box::pin(events),
        decoder: Decoder::new(provider),
        pending: VecDeque::new(),
        finished: false,
    };
    Box::pin(futures::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(chunk) = st.pending.pop_front() {
                return Some((Ok(chunk), st));
            }
            if st.finished {
                return None;
            }
            let item = match st.events.next().await {
                None => Err(ProviderError::new(
                    ErrorKind::StreamCut,
                    st.decoder.provider.clone(),
                    "the stream ended without message_stop",
                )),
                Some(Err(e)) => Err(e),
                Some(Ok(ev)) => st.decoder.on_event(&ev),
            };
            match item {
                Ok(Step { chunks, done }) => {
                    st.pending.extend(chunks);
                    st.finished = done;
                }
                Err(e) => {
                    st.finished = true;
                    return Some((Err(e), st));
                }
            }
        }
    }))
}

struct Pump<S> {
    events: std::pin::Pin<Box<S>>,
    decoder: Decoder,
    pending: VecDeque<ChatChunk>,
    finished: bool,
}

struct Step {
    chunks: Vec<ChatChunk>,
    done: bool,
}

impl Step {
    fn none() -> Self {
        Self {
            chunks: Vec::new(),
            done: false,
        }
    }

    fn one(chunk: ChatChunk) -> Self {
        Self {
            chunks: vec![chunk],
            done: false,
        }
    }
}

struct Decoder {
    provider: String,
    /// Set by `message_start`; every chunk carries the same id, model and timestamp.
    message: Option<(String, String)>,
    created: u64,
    /// Anthropic block index → canonical tool-call index, for `tool_use` blocks only.
    tool_blocks: HashMap<u32, u32>,
    usage: AnthropicUsage,
    finish_sent: bool,
}

impl Decoder {
    fn new(provider: String) -> Self {
        Self {
            provider,
            message: None,
            created: types::unix_now(),
            tool_blocks: HashMap::new(),
            usage: AnthropicUsage::default(),
            finish_sent: false,
        }
    }

    fn error(&self, kind: ErrorKind, message: impl Into<String>) -> ProviderError {
        ProviderError::new(kind, self.provider.clone(), message)
    }

    fn chunk(&self, delta: Delta, finish: Option<String>) -> ChatChunk {
        let (id, model) = match &self.message {
            Some((id, model)) => (id.as_str(), model.as_str()),
            None => ("", ""),
        };
        ChatChunk::delta(id, self.created, model, delta, finish)
    }

    fn on_event(&mut self, ev: &SseEvent) -> Result<Step, ProviderError> {
        let data = ev.data.trim();
        if data.is_empty() {
            return Ok(Step::none());
        }
        let event: StreamEvent = serde_json::from_str(data)
            .map_err(|e| self.error(ErrorKind::Decode, format!("malformed stream event: {e}")))?;
        match event {
            StreamEvent::Ping | StreamEvent::Unknown => Ok(Step::none()),
            StreamEvent::Error { error } => Err(self.error(
                ErrorKind::StreamError,
                format!(
                    "upstream sent an error event: {}: {}",
                    error.kind, error.message
                ),
            )),
            StreamEvent::MessageStart { message } => {
                if self.message.is_some() {
                    return Err(self.error(ErrorKind::Decode, "a second message_start"));
                }
                self.message = Some((message.id, message.model));
                self.usage = message.usage;
                let delta = Delta {
                    role: Some(Role::Assistant),
                    content: Some(String::new()),
                    ..Default::default()
                };
                Ok(Step::one(self.chunk(delta, None)))
            }
            // Everything below belongs to a message, so it must follow message_start.
            _ if self.message.is_none() => Err(self.error(
                ErrorKind::Decode,
                format!("`{}` before message_start", event.name()),
            )),
            StreamEvent::ContentBlockStart {
                index,
                content_block,
            } => Ok(self.block_start(index, content_block)),
            StreamEvent::ContentBlockDelta { index, delta } => Ok(self.block_delta(index, delta)),
            StreamEvent::ContentBlockStop { .. } => Ok(Step::none()),
            StreamEvent::MessageDelta { delta, usage } => Ok(self.message_delta(delta, usage)),
            StreamEvent::MessageStop => {
                let mut chunks = Vec::with_capacity(2);
                if !self.finish_sent {
                    chunks.push(self.chunk(Delta::default(), Some("stop".into())));
                }
                let (id, model) = self.message.clone().unwrap_or_default();
                chunks.push(ChatChunk::usage_only(
                    &id,
                    self.created,
                    &model,
                    usage(&self.usage),
                ));
                Ok(Step { chunks, done: true })
            }
        }
    }

    fn block_start(&mut self, index: u32, block: ContentBlock) -> Step {
        match block {
            ContentBlock::Text(t) if !t.text.is_empty() => Step::one(self.chunk(
                Delta {
                    content: Some(t.text),
                    ..Default::default()
                },
                None,
            )),
            ContentBlock::ToolUse(call) => {
                let tool_index = u32::try_from(self.tool_blocks.len()).unwrap_or(u32::MAX);
                self.tool_blocks.insert(index, tool_index);
                let delta = ToolCallDelta {
                    index: tool_index,
                    id: Some(call.id),
                    kind: Some("function".into()),
                    // The input always arrives through input_json_delta events; the block's own
                    // `input` is an empty placeholder.
                    function: Some(FunctionCallDelta {
                        name: Some(call.name),
                        arguments: Some(String::new()),
                    }),
                };
                Step::one(self.chunk(
                    Delta {
                        tool_calls: Some(vec![delta]),
                        ..Default::default()
                    },
                    None,
                ))
            }
            _ => Step::none(),
        }
    }

    fn block_delta(&mut self, index: u32, delta: BlockDelta) -> Step {
        match delta {
            BlockDelta::TextDelta { text } if !text.is_empty() => Step::one(self.chunk(
                Delta {
                    content: Some(text),
                    ..Default::default()
                },
                None,
            )),
            BlockDelta::InputJsonDelta { partial_json } if !partial_json.is_empty() => {
                // Server-tool blocks (web search, ...) stream input_json_delta too; only client
                // tool_use blocks are tool calls the client has to answer.
                let Some(&tool_index) = self.tool_blocks.get(&index) else {
                    return Step::none();
                };
                let delta = ToolCallDelta {
                    index: tool_index,
                    id: None,
                    kind: None,
                    function: Some(FunctionCallDelta {
                        name: None,
                        arguments: Some(partial_json),
                    }),
                };
                Step::one(self.chunk(
                    Delta {
                        tool_calls: Some(vec![delta]),
                        ..Default::default()
                    },
                    None,
                ))
            }
            _ => Step::none(),
        }
    }

    fn message_delta(&mut self, delta: MessageDeltaBody, delta_usage: Option<DeltaUsage>) -> Step {
        if let Some(u) = delta_usage {
            // Counts are cumulative; input counts are only repeated by newer API versions.
            self.usage.output_tokens = u.output_tokens;
            if let Some(n) = u.input_tokens {
                self.usage.input_tokens = n;
            }
            if u.cache_creation_input_tokens.is_some() {
                self.usage.cache_creation_input_tokens = u.cache_creation_input_tokens;
            }
            if u.cache_read_input_tokens.is_some() {
                self.usage.cache_read_input_tokens = u.cache_read_input_tokens;
            }
        }
        match delta.stop_reason {
            Some(reason) if !self.finish_sent => {
                self.finish_sent = true;
                Step::one(self.chunk(Delta::default(), Some(finish_reason(&reason))))
            }
            _ => Step::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Usage;

    fn ev(name: &str, data: &str) -> Result<SseEvent, ProviderError> {
        Ok(SseEvent {
            event: Some(name.into()),
            data: data.into(),
        })
    }

    async fn collect(
        items: Vec<Result<SseEvent, ProviderError>>,
    ) -> Vec<Result<ChatChunk, ProviderError>> {
        chunks("anthropic".into(), futures::stream::iter(items))
            .collect()
            .await
    }

    const START: &str = r#"{"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":20,"output_tokens":2}}}"#;

    /// A recorded-style stream: thinking, text, then a tool call whose input arrives in pieces.
    fn tool_stream() -> Vec<Result<SseEvent, ProviderError>> {
        vec![
            ev("message_start", START),
            ev("ping", r#"{"type": "ping"}"#),
            ev(
                "content_block_start",
                r#"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants weather."}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}"#,
            ),
            ev(
                "content_block_stop",
                r#"{"type":"content_block_stop","index":0}"#,
            ),
            ev(
                "content_block_start",
                r#"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Okay, let's check"}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" the weather."}}"#,
            ),
            ev(
                "content_block_stop",
                r#"{"type":"content_block_stop","index":1}"#,
            ),
            ev(
                "content_block_start",
                r#"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":" \"San Fra"}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\"}"}}"#,
            ),
            ev(
                "content_block_stop",
                r#"{"type":"content_block_stop","index":2}"#,
            ),
            ev(
                "content_block_start",
                r#"{"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}}"#,
            ),
            ev(
                "content_block_delta",
                r#"{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{}"}}"#,
            ),
            ev(
                "content_block_stop",
                r#"{"type":"content_block_stop","index":3}"#,
            ),
            ev(
                "message_delta",
                r#"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"#,
            ),
            ev("message_stop", r#"{"type":"message_stop"}"#),
            ev("ping", r#"{"type": "ping"}"#),
        ]
    }

    #[tokio::test]
    async fn text_and_tool_use_stream() {
        let out: Vec<ChatChunk> = collect(tool_stream())
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        for c in &out {
            assert_eq!(c.id, "msg_014p7gG3wDgGV9EUtLvnow3U");
            assert_eq!(c.model, "claude-sonnet-4-5-20250929");
            assert_eq!(c.created, out[0].created);
            assert_eq!(c.object, "chat.completion.chunk");
        }
        assert_eq!(out[0].choices[0].delta.role, Some(Role::Assistant));

        let text: String = out
            .iter()
            .filter_map(|c| c.choices.first()?.delta.content.clone())
            .collect();
        assert_eq!(text, "Okay, let's check the weather.");

        let calls: Vec<&ToolCallDelta> = out
            .iter()
            .filter_map(|c| c.choices.first()?.delta.tool_calls.as_ref())
            .flatten()
            .collect();
        assert_eq!(calls[0].index, 0);
        assert_eq!(
            calls[0].id.as_deref(),
            Some("toolu_01T1x1fJ34qAmk2tNTrN7Up6")
        );
        assert_eq!(calls[0].kind.as_deref(), Some("function"));
        let f = calls[0].function.as_ref().unwrap();
        assert_eq!(
            (f.name.as_deref(), f.arguments.as_deref()),
            (Some("get_weather"), Some(""))
        );
        let args0: String = calls
            .iter()
            .filter(|c| c.index == 0)
            .filter_map(|c| c.function.as_ref()?.arguments.clone())
            .collect();
        assert_eq!(args0, r#"{"location": "San Francisco, CA"}"#);
        // Continuation deltas carry neither id nor name, as in OpenAI's stream.
        assert!(
            calls[1..4]
                .iter()
                .all(|c| c.id.is_none() && c.function.as_ref().unwrap().name.is_none())
        );
        assert_eq!(calls.len(), 6, "empty partial_json deltas are skipped");
        assert_eq!(calls[4].index, 1);
        assert_eq!(calls[4].id.as_deref(), Some("toolu_02"));
        assert_eq!(
            calls[5].function.as_ref().unwrap().arguments.as_deref(),
            Some("{}")
        );

        let finish: Vec<&str> = out
            .iter()
            .filter_map(|c| c.choices.first()?.finish_reason.as_deref())
            .collect();
        assert_eq!(finish, vec!["tool_calls"]);

        let last = out.last().unwrap();
        assert!(last.choices.is_empty());
        assert_eq!(
            last.usage,
            Some({
                let mut u = Usage::new(492, 89);
                u.extra.insert(
                    "prompt_tokens_details".into(),
                    serde_json::json!({"cached_tokens": 20}),
                );
                u
            })
        );
        // role, 2 text, 6 tool deltas, finish, usage
        assert_eq!(out.len(), 11);
    }

    #[tokio::test]
    async fn plain_text_stream_with_newer_cumulative_usage() {
        let out = collect(vec![
            ev("message_start", START),
            ev("content_block_start", r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ev("content_block_delta", r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#),
            ev("content_block_stop", r#"{"type":"content_block_stop","index":0}"#),
            ev("message_delta", r#"{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":500,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}"#),
            ev("message_stop", r#"{"type":"message_stop"}"#),
        ])
        .await;
        let out: Vec<ChatChunk> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].choices[0].delta.content.as_deref(), Some("Hi"));
        assert_eq!(out[2].choices[0].finish_reason.as_deref(), Some("length"));
        assert_eq!(out[3].usage, Some(Usage::new(500, 1)));
    }

    #[tokio::test]
    async fn error_event_ends_the_stream() {
        let out = collect(vec![
            ev("message_start", START),
            ev("content_block_start", r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ev("content_block_delta", r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"#),
            ev("error", r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
            ev("content_block_delta", r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"#),
            ev("message_stop", r#"{"type":"message_stop"}"#),
        ])
        .await;
        assert_eq!(out.len(), 3);
        assert!(out[0].is_ok() && out[1].is_ok());
        let e = out[2].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::StreamError);
        assert!(e.retryable);
        assert!(e.message.contains("Overloaded"), "{}", e.message);
        assert_eq!(e.provider, "anthropic");
    }

    #[tokio::test]
    async fn error_as_the_first_event() {
        let out = collect(vec![ev(
            "error",
            r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        )])
        .await;
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::StreamError);
    }

    #[tokio::test]
    async fn cut_stream_without_message_stop() {
        let mut events = tool_stream();
        events.truncate(14);
        let out = collect(events).await;
        let (last, rest) = out.split_last().unwrap();
        assert!(rest.iter().all(Result::is_ok));
        assert_eq!(last.as_ref().unwrap_err().kind, ErrorKind::StreamCut);
        assert!(!rest.iter().any(|c| c.as_ref().unwrap().usage.is_some()));

        let out = collect(vec![]).await;
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::StreamCut);
    }

    #[tokio::test]
    async fn upstream_errors_pass_through_and_end_the_stream() {
        let idle = ProviderError::new(ErrorKind::IdleTimeout, "anthropic", "quiet");
        let out = collect(vec![
            ev("message_start", START),
            Err(idle),
            ev("message_stop", r#"{"type":"message_stop"}"#),
        ])
        .await;
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap_err().kind, ErrorKind::IdleTimeout);
    }

    #[tokio::test]
    async fn malformed_json_and_out_of_order_events_are_decode_errors() {
        let out = collect(vec![
            ev("message_start", START),
            ev("content_block_delta", "{not json"),
            ev("message_stop", "{}"),
        ])
        .await;
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap_err().kind, ErrorKind::Decode);

        let out = collect(vec![ev(
            "content_block_delta",
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}"#,
        )])
        .await;
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::Decode);
    }

    #[tokio::test]
    async fn message_stop_without_stop_reason_still_finishes() {
        let out = collect(vec![
            ev("message_start", START),
            ev("message_stop", r#"{"type":"message_stop"}"#),
        ])
        .await;
        let out: Vec<ChatChunk> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(out.len(), 3);
        assert_eq!(out[1].choices[0].finish_reason.as_deref(), Some("stop"));
        assert_eq!(out[2].usage.as_ref().unwrap().prompt_tokens, 492);
    }
}
