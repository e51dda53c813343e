//! Gemini `GenerateContentResponse` → canonical `ChatResponse`, and the pieces of that mapping the
//! stream translation shares.

use serde_json::{Map, Value};

use super::types::{Candidate, FunctionCall, GenerateContentResponse, UsageMetadata};
use crate::types::{
    self as canon, ChatResponse, Choice, Extra, Message, Role, ToolCall, Usage, unix_now,
};
use crate::{ErrorKind, ProviderError};

/// Translates a complete answer. `requested_model` names the response when Gemini does not
/// report a `modelVersion`.
pub fn to_chat_response(
    provider: &str,
    resp: GenerateContentResponse,
    requested_model: &str,
) -> Result<ChatResponse, ProviderError> {
    let mut ids = CallIds::default();
    let choices = if resp.candidates.is_empty() {
        if resp
            .prompt_feedback
            .as_ref()
            .and_then(|f| f.block_reason.as_ref())
            .is_none()
        {
            return Err(ProviderError::new(
                ErrorKind::Decode,
                provider,
                "the upstream answered without candidates or a block reason",
            ));
        }
        // A blocked prompt is an answer, not a failure: another provider would be asked the same
        // thing and the client learns why through the finish reason.
        vec![choice(
            0,
            Some(canon::Content::Text(String::new())),
            Vec::new(),
            Some("content_filter"),
        )]
    } else {
        resp.candidates
            .iter()
            .enumerate()
            .map(|(pos, cand)| candidate_choice(pos, cand, &mut ids))
            .collect()
    };
    Ok(ChatResponse {
        id: response_id(resp.response_id),
        object: "chat.completion".into(),
        created: unix_now(),
        model: resp
            .model_version
            .unwrap_or_else(|| requested_model.to_owned()),
        choices,
        usage: resp.usage_metadata.as_ref().map(usage),
        extra: Extra::new(),
    })
}

fn candidate_choice(pos: usize, cand: &Candidate, ids: &mut CallIds) -> Choice {
    let index = candidate_index(pos, cand);
    let text = answer_text(cand);
    let tool_calls: Vec<ToolCall> = function_calls(cand)
        .map(|call| ToolCall {
            id: ids.next_id(),
            kind: "function".into(),
            function: canon::FunctionCall {
                name: call.name.clone(),
                arguments: arguments(call),
            },
        })
        .collect();
    let finish = cand
        .finish_reason
        .as_deref()
        .map(|r| finish_reason(r, !tool_calls.is_empty()));
    // OpenAI sends `content: null` on a turn that only calls tools.
    let content = (!text.is_empty() || tool_calls.is_empty()).then_some(canon::Content::Text(text));
    choice(index, content, tool_calls, finish)
}

fn choice(
    index: u32,
    content: Option<canon::Content>,
    tool_calls: Vec<ToolCall>,
    finish: Option<&str>,
) -> Choice {
    Choice {
        index,
        message: Message {
            role: Role::Assistant,
            content,
            name: None,
            tool_calls: (!tool_calls.is_empty()).then_some(tool_calls),
            tool_call_id: None,
            extra: Extra::new(),
        },
        finish_reason: finish.map(str::to_owned),
        extra: Extra::new(),
    }
}

pub(super) fn candidate_index(pos: usize, cand: &Candidate) -> u32 {
    cand.index
        .unwrap_or_else(|| u32::try_from(pos).unwrap_or(u32::MAX))
}

/// The candidate's answer text; thought summaries are reasoning, not answer.
pub(super) fn answer_text(cand: &Candidate) -> String {
    let mut out = String::new();
    for part in cand.parts() {
        if let (Some(text), false) = (&part.text, part.is_thought()) {
            out.push_str(text);
        }
    }
    out
}

pub(super) fn function_calls(cand: &Candidate) -> impl Iterator<Item = &FunctionCall> {
    cand.parts().iter().filter_map(|p| p.function_call.as_ref())
}

/// OpenAI carries arguments as JSON text.
pub(super) fn arguments(call: &FunctionCall) -> String {
    match &call.args {
        Some(args) => args.to_string(),
        None => "{}".to_owned(),
    }
}

pub(super) fn finish_reason(reason: &str, has_tool_calls: bool) -> &'static str {
    match reason {
        "STOP" if has_tool_calls => "tool_calls",
        "MAX_TOKENS" => "length",
        "SAFETY"
        | "RECITATION"
        | "BLOCKLIST"
        | "PROHIBITED_CONTENT"
        | "SPII"
        | "IMAGE_SAFETY"
        | "IMAGE_PROHIBITED_CONTENT"
        | "IMAGE_RECITATION" => "content_filter",
        _ => "stop",
    }
}

/// Thinking tokens are billed as output, so they count as completion tokens.
pub(super) fn usage(meta: &UsageMetadata) -> Usage {
    let prompt = meta.prompt_token_count.unwrap_or(0);
    let thoughts = meta.thoughts_token_count.unwrap_or(0);
    let completion = meta
        .candidates_token_count
        .unwrap_or(0)
        .saturating_add(thoughts);
    let total = meta
        .total_token_count
        .unwrap_or_else(|| prompt.saturating_add(completion));
    let mut extra = Extra::new();
    if thoughts > 0 {
        extra.insert(
            "completion_tokens_details".into(),
            details("reasoning_tokens", thoughts),
        );
    }
    if let Some(cached) = meta.cached_content_token_count {
        extra.insert(
            "prompt_tokens_details".into(),
            details("cached_tokens", cached),
        );
    }
    Usage {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: total,
        extra,
    }
}

fn details(key: &str, value: u64) -> Value {
    let mut map = Map::new();
    map.insert(key.into(), Value::from(value));
    Value::Object(map)
}

pub(super) fn response_id(upstream: Option<String>) -> String {
    upstream.unwrap_or_else(|| format!("gemini-{}", uuid::Uuid::new_v4()))
}

/// Gemini does not id its function calls; OpenAI clients need ids that are unique within the
/// answer to pair results with calls.
#[derive(Debug, Default)]
pub(super) struct CallIds {
    next: u64,
}

impl CallIds {
    pub(super) fn next_id(&mut self) -> String {
        let id = format!("call_{}", self.next);
        self.next += 1;
        id
    }
}
