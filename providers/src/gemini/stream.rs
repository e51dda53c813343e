//! `streamGenerateContent?alt=sse` → canonical chunks. Every `data:` event is a whole
//! `GenerateContentResponse` holding the next slice of each candidate; there is no terminal
//! sentinel, so a finished stream is recognised by the candidates' finish reasons.

use futures::{Stream, StreamExt};

use super::response::{
    CallIds, answer_text, arguments, candidate_index, finish_reason, function_calls, response_id,
    usage,
};
use super::types::{GenerateContentResponse, StreamEvent, UsageMetadata};
use crate::sse::SseEvent;
use crate::types::{
    ChatChunk, ChunkChoice, Delta, Extra, FunctionCallDelta, Role, ToolCallDelta, unix_now,
};
use crate::{ChatStream, ErrorKind, ProviderError};

/// Decodes Gemini stream events into chunks. `requested_model` names the chunks when Gemini does
/// not report a `modelVersion`. When the input ends after every candidate has finished, one
/// usage-only chunk follows (if the upstream reported usage); an input that ends earlier is a cut
/// stream. An in-band `{"error":...}` event is a stream error. The output ends after any error.
pub fn chunks(
    provider: String,
    requested_model: String,
    events: impl Stream<Item = Result<SseEvent, ProviderError>> + Send + 'static,
) -> ChatStream {
    let events = Box::pin(events);
    let translator = Translator::new(provider, requested_model);
    Box::pin(futures::stream::unfold(
        (events, translator, false),
        |(mut events, mut tr, finished)| async move {
            if finished {
                return None;
            }
            loop {
                match events.next().await {
                    None => {
                        return match tr.finish() {
                            Ok(Some(chunk)) => Some((Ok(chunk), (events, tr, true))),
                            Ok(None) => None,
                            Err(e) => Some((Err(e), (events, tr, true))),
                        };
                    }
                    Some(Err(e)) => return Some((Err(e), (events, tr, true))),
                    Some(Ok(ev)) => {
                        let data = ev.data.trim();
                        if data.is_empty() {
                            continue;
                        }
                        match tr.translate(data) {
                            Ok(None) => continue,
                            Ok(Some(chunk)) => return Some((Ok(chunk), (events, tr, false))),
                            Err(e) => return Some((Err(e), (events, tr, true))),
                        }
                    }
                }
            }
        },
    ))
}

#[derive(Debug)]
struct ChoiceState {
    index: u32,
    role_sent: bool,
    tool_calls: u32,
    finished: bool,
}

#[derive(Debug)]
struct Translator {
    provider: String,
    requested_model: String,
    /// Fixed by the first event, so that every chunk of the stream agrees.
    ident: Option<(String, String)>,
    created: u64,
    ids: CallIds,
    choices: Vec<ChoiceState>,
    usage: Option<UsageMetadata>,
}

impl Translator {
    fn new(provider: String, requested_model: String) -> Self {
        Self {
            provider,
            requested_model,
            ident: None,
            created: unix_now(),
            ids: CallIds::default(),
            choices: Vec::new(),
            usage: None,
        }
    }

    fn translate(&mut self, data: &str) -> Result<Option<ChatChunk>, ProviderError> {
        let event: StreamEvent = serde_json::from_str(data).map_err(|e| {
            ProviderError::new(
                ErrorKind::Decode,
                self.provider.as_str(),
                format!("malformed stream chunk: {e}"),
            )
        })?;
        if let Some(err) = event.error {
            let status = err.status.as_deref().unwrap_or("UNKNOWN");
            let message = err.message.as_deref().unwrap_or("no message");
            return Err(ProviderError::new(
                ErrorKind::StreamError,
                self.provider.as_str(),
                format!("upstream sent an error event: {status}: {message}"),
            ));
        }
        let resp = event.response;
        let (id, model) = self.ident(&resp);
        if let Some(meta) = resp.usage_metadata {
            self.usage = Some(meta);
        }

        let mut out = Vec::new();
        if resp.candidates.is_empty()
            && resp
                .prompt_feedback
                .as_ref()
                .and_then(|f| f.block_reason.as_ref())
                .is_some()
        {
            let state = self.state(0);
            state.finished = true;
            out.push(chunk_choice(
                state,
                Delta {
                    content: Some(String::new()),
                    ..Delta::default()
                },
                Some("content_filter"),
            ));
        }
        for (pos, cand) in resp.candidates.iter().enumerate() {
            let text = answer_text(cand);
            let mut calls = Vec::new();
            for call in function_calls(cand) {
                let id = self.ids.next_id();
                let state = self.state(candidate_index(pos, cand));
                calls.push(ToolCallDelta {
                    index: state.tool_calls,
                    id: Some(id),
                    kind: Some("function".into()),
                    function: Some(FunctionCallDelta {
                        name: Some(call.name.clone()),
                        arguments: Some(arguments(call)),
                    }),
                });
                state.tool_calls += 1;
            }
            let state = self.state(candidate_index(pos, cand));
            let finish = cand
                .finish_reason
                .as_deref()
                .map(|r| finish_reason(r, state.tool_calls > 0));
            if finish.is_some() {
                state.finished = true;
            }
            if text.is_empty() && calls.is_empty() && finish.is_none() {
                continue;
            }
            let delta = Delta {
                content: (!text.is_empty()).then_some(text),
                tool_calls: (!calls.is_empty()).then_some(calls),
                ..Delta::default()
            };
            out.push(chunk_choice(state, delta, finish));
        }
        if out.is_empty() {
            return Ok(None);
        }
        Ok(Some(ChatChunk {
            id,
            object: "chat.completion.chunk".into(),
            created: self.created,
            model,
            choices: out,
            usage: None,
            extra: Extra::new(),
        }))
    }

    /// Called when the input ends.
    fn finish(&mut self) -> Result<Option<ChatChunk>, ProviderError> {
        if self.choices.is_empty() || self.choices.iter().any(|c| !c.finished) {
            return Err(ProviderError::new(
                ErrorKind::StreamCut,
                self.provider.as_str(),
                "the stream ended before a finish reason",
            ));
        }
        let Some(meta) = self.usage.take() else {
            return Ok(None);
        };
        let (id, model) = self.ident(&GenerateContentResponse::default());
        Ok(Some(ChatChunk::usage_only(
            &id,
            self.created,
            &model,
            usage(&meta),
        )))
    }

    fn ident(&mut self, resp: &GenerateContentResponse) -> (String, String) {
        let requested = &self.requested_model;
        self.ident
            .get_or_insert_with(|| {
                (
                    response_id(resp.response_id.clone()),
                    resp.model_version
                        .clone()
                        .unwrap_or_else(|| requested.clone()),
                )
            })
            .clone()
    }

    fn state(&mut self, index: u32) -> &mut ChoiceState {
        let pos = match self.choices.iter().position(|c| c.index == index) {
            Some(pos) => pos,
            None => {
                self.choices.push(ChoiceState {
                    index,
                    role_sent: false,
                    tool_calls: 0,
                    finished: false,
                });
                self.choices.len() - 1
            }
        };
        &mut self.choices[pos]
    }
}

/// The first delta of each choice announces the assistant role.
fn chunk_choice(state: &mut ChoiceState, mut delta: Delta, finish: Option<&str>) -> ChunkChoice {
    if !state.role_sent {
        delta.role = Some(Role::Assistant);
        state.role_sent = true;
    }
    ChunkChoice {
        index: state.index,
        delta,
        finish_reason: finish.map(str::to_owned),
        extra: Extra::new(),
    }
}
