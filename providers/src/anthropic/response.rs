//! Anthropic Messages response → canonical (OpenAI-shaped) response.

use serde_json::Value;

use super::types::{ContentBlock, MessagesResponse, Usage as AnthropicUsage};
use crate::types::{
    self, ChatResponse, Choice, Content, Extra, FunctionCall, Message, Role, ToolCall, Usage,
};

pub fn to_canonical(resp: MessagesResponse) -> ChatResponse {
    let mut text = String::new();
    let mut tool_calls = Vec::new();
    for block in resp.content {
        match block {
            ContentBlock::Text(t) => text.push_str(&t.text),
            ContentBlock::ToolUse(call) => tool_calls.push(ToolCall {
                id: call.id,
                kind: "function".into(),
                function: FunctionCall {
                    name: call.name,
                    arguments: compact_json(&call.input),
                },
            }),
            // Thinking, server-tool and other blocks have no place in a chat completion.
            _ => {}
        }
    }
    // OpenAI sends `content: null` on a tool-calling turn with nothing to say.
    let content = if text.is_empty() && !tool_calls.is_empty() {
        None
    } else {
        Some(Content::Text(text))
    };
    let message = Message {
        role: Role::Assistant,
        content,
        name: None,
        tool_calls: (!tool_calls.is_empty()).then_some(tool_calls),
        tool_call_id: None,
        extra: Extra::new(),
    };
    ChatResponse {
        id: resp.id,
        object: "chat.completion".into(),
        created: types::unix_now(),
        model: resp.model,
        choices: vec![Choice {
            index: 0,
            message,
            finish_reason: resp.stop_reason.as_deref().map(finish_reason),
            extra: Extra::new(),
        }],
        usage: Some(usage(&resp.usage)),
        extra: Extra::new(),
    }
}

pub(crate) fn compact_json(v: &Value) -> String {
    // `Value`'s Display is compact JSON and cannot fail.
    v.to_string()
}

/// Maps Anthropic's `stop_reason` onto OpenAI's `finish_reason`.
pub fn finish_reason(stop_reason: &str) -> String {
    match stop_reason {
        "max_tokens" | "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        // end_turn, stop_sequence, pause_turn, and anything newer: the turn is over.
        _ => "stop",
    }
    .to_owned()
}

/// Canonical usage, with cache reads reported the way OpenAI reports cached prompt tokens.
pub fn usage(u: &AnthropicUsage) -> Usage {
    let mut out = Usage::new(u.prompt_tokens(), u.output_tokens);
    if let Some(cached) = u.cache_read_input_tokens.filter(|&c| c > 0) {
        out.extra.insert(
            "prompt_tokens_details".into(),
            serde_json::json!({"cached_tokens": cached}),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode(body: Value) -> ChatResponse {
        to_canonical(serde_json::from_value(body).unwrap())
    }

    #[test]
    fn text_response() {
        let resp = decode(json!({
            "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-5-20250929",
            "content": [
                {"type": "thinking", "thinking": "let me think", "signature": "sig"},
                {"type": "text", "text": "Hello"},
                {"type": "text", "text": ", world"}
            ],
            "stop_reason": "end_turn",
            "stop_sequence": null,
            "usage": {"input_tokens": 12, "output_tokens": 6}
        }));
        assert_eq!(resp.id, "msg_01XFDUDYJgAACzvnptvVoYEL");
        assert_eq!(resp.model, "claude-sonnet-4-5-20250929");
        assert_eq!(resp.object, "chat.completion");
        assert!(resp.created > 1_600_000_000);
        let choice = &resp.choices[0];
        assert_eq!(choice.message.role, Role::Assistant);
        assert_eq!(
            choice.message.content,
            Some(Content::Text("Hello, world".into()))
        );
        assert_eq!(choice.message.tool_calls, None);
        assert_eq!(choice.finish_reason.as_deref(), Some("stop"));
        assert_eq!(resp.usage, Some(Usage::new(12, 6)));
    }

    #[test]
    fn tool_use_response_and_cached_usage() {
        let resp = decode(json!({
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "claude",
            "content": [
                {"type": "tool_use", "id": "toolu_01A", "name": "weather", "input": {"city": "Paris", "units": {"temp": "c"}}},
                {"type": "tool_use", "id": "toolu_01B", "name": "noop", "input": {}}
            ],
            "stop_reason": "tool_use",
            "stop_sequence": null,
            "usage": {"input_tokens": 10, "output_tokens": 30,
                      "cache_creation_input_tokens": 100, "cache_read_input_tokens": 1000}
        }));
        let msg = &resp.choices[0].message;
        assert_eq!(msg.content, None);
        let calls = msg.tool_calls.as_ref().unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].id, "toolu_01A");
        assert_eq!(calls[0].kind, "function");
        assert_eq!(calls[0].function.name, "weather");
        assert_eq!(
            calls[0].function.arguments,
            r#"{"city":"Paris","units":{"temp":"c"}}"#
        );
        assert_eq!(calls[1].function.arguments, "{}");
        assert_eq!(resp.choices[0].finish_reason.as_deref(), Some("tool_calls"));
        let usage = resp.usage.unwrap();
        assert_eq!(
            (
                usage.prompt_tokens,
                usage.completion_tokens,
                usage.total_tokens
            ),
            (1110, 30, 1140)
        );
        assert_eq!(
            usage.extra["prompt_tokens_details"],
            json!({"cached_tokens": 1000})
        );
        let wire = serde_json::to_value(&resp.choices[0].message).unwrap();
        assert_eq!(wire["content"], Value::Null);
    }

    #[test]
    fn stop_reasons() {
        for (anthropic, openai) in [
            ("end_turn", "stop"),
            ("stop_sequence", "stop"),
            ("max_tokens", "length"),
            ("tool_use", "tool_calls"),
            ("refusal", "content_filter"),
            ("pause_turn", "stop"),
            ("model_context_window_exceeded", "length"),
        ] {
            assert_eq!(finish_reason(anthropic), openai, "{anthropic}");
        }
        let resp = decode(
            json!({"id": "m", "model": "c", "content": [], "stop_reason": null,
            "usage": {"input_tokens": 1, "output_tokens": 0}}),
        );
        assert_eq!(resp.choices[0].finish_reason, None);
        assert_eq!(
            resp.choices[0].message.content,
            Some(Content::Text(String::new()))
        );
    }
}
