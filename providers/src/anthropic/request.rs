//! Canonical (OpenAI-shaped) request → Anthropic Messages request.

use serde_json::Value;

use super::types::{
    ContentBlock, ImageBlock, ImageSource, InputMessage, MessageContent, MessagesRequest, Metadata,
    OtherBlock, Role as AnthropicRole, TextBlock, ToolChoice, ToolDef, ToolResultBlock,
    ToolUseBlock,
};
use crate::types::{self, ChatRequest, Content, ContentPart, Extra, Message, Role};
use crate::{ErrorKind, ProviderError};

/// The output cap sent when the client gave none: Anthropic requires one.
pub const DEFAULT_MAX_TOKENS: u32 = 4096;

/// Builds the Anthropic request. Only fields with an Anthropic equivalent are carried over; the
/// rest of the canonical request (`seed`, `response_format`, `logprobs`, ...) is dropped, because
/// Anthropic rejects fields it does not know.
pub fn to_anthropic(
    req: &ChatRequest,
    provider: &str,
    stream: bool,
) -> Result<MessagesRequest, ProviderError> {
    let invalid = |msg: String| ProviderError::new(ErrorKind::InvalidRequest, provider, msg);

    let mut system: Vec<String> = Vec::new();
    let mut messages: Vec<InputMessage> = Vec::new();
    for (i, msg) in req.messages.iter().enumerate() {
        let (role, blocks) = match msg.role {
            Role::System | Role::Developer => {
                system.push(msg.text());
                continue;
            }
            Role::User => (
                AnthropicRole::User,
                content_blocks(msg.content.as_ref())
                    .map_err(|e| invalid(format!("messages[{i}]: {e}")))?,
            ),
            Role::Assistant => (
                AnthropicRole::Assistant,
                assistant_blocks(msg).map_err(|e| invalid(format!("messages[{i}]: {e}")))?,
            ),
            Role::Tool => (
                AnthropicRole::User,
                vec![tool_result(msg).map_err(|e| invalid(format!("messages[{i}]: {e}")))?],
            ),
            Role::Function => {
                return Err(invalid(format!(
                    "messages[{i}]: the legacy `function` role is not supported; send `tool` messages"
                )));
            }
        };
        push_merged(&mut messages, role, blocks);
    }

    let tools: Vec<ToolDef> = req
        .tools
        .iter()
        .flatten()
        .map(|t| ToolDef {
            name: t.function.name.clone(),
            description: t.function.description.clone(),
            input_schema: Some(
                t.function
                    .parameters
                    .clone()
                    .unwrap_or_else(empty_object_schema),
            ),
            kind: None,
            extra: Extra::new(),
        })
        .collect();
    // Anthropic rejects a tool_choice without tools; OpenAI clients sometimes send one anyway.
    let tool_choice = if tools.is_empty() {
        None
    } else {
        tool_choice(req).map_err(invalid)?
    };

    let stop = req.stop_sequences();
    let system = (!system.is_empty()).then(|| MessageContent::Text(system.join("\n\n")));
    Ok(MessagesRequest {
        model: req.model.clone(),
        messages,
        system,
        max_tokens: req.max_output_tokens().unwrap_or(DEFAULT_MAX_TOKENS),
        stop_sequences: (!stop.is_empty()).then_some(stop),
        // OpenAI's temperature runs to 2.0, Anthropic's to 1.0: clamping keeps a request that is
        // valid for OpenAI from becoming a non-retryable 400 here.
        temperature: req.temperature.map(|t| t.clamp(0.0, 1.0)),
        top_p: req.top_p,
        // Not an OpenAI field, but vLLM-style clients and our own front carry it in `extra`.
        top_k: req
            .extra
            .get("top_k")
            .and_then(Value::as_u64)
            .and_then(|k| u32::try_from(k).ok()),
        stream: stream.then_some(true),
        tools: (!tools.is_empty()).then_some(tools),
        tool_choice,
        metadata: req.user.as_ref().map(|u| Metadata {
            user_id: Some(u.clone()),
            extra: Extra::new(),
        }),
        extra: Extra::new(),
    })
}

fn empty_object_schema() -> Value {
    serde_json::json!({"type": "object", "properties": {}})
}

/// Anthropic requires strict user/assistant alternation, so a turn that continues the previous
/// role (a user message after tool results, two assistant messages in a row) joins it.
fn push_merged(messages: &mut Vec<InputMessage>, role: AnthropicRole, blocks: Vec<ContentBlock>) {
    // Anthropic rejects empty content, and an empty turn carries nothing.
    if blocks.is_empty() {
        return;
    }
    if let Some(last) = messages.last_mut()
        && last.role == role
        && let MessageContent::Blocks(existing) = &mut last.content
    {
        existing.extend(blocks);
        return;
    }
    messages.push(InputMessage {
        role,
        content: MessageContent::Blocks(blocks),
    });
}

fn content_blocks(content: Option<&Content>) -> Result<Vec<ContentBlock>, String> {
    match content {
        None => Ok(Vec::new()),
        Some(Content::Text(text)) => Ok(text_block(text).into_iter().collect()),
        Some(Content::Parts(parts)) => {
            let mut blocks = Vec::with_capacity(parts.len());
            for (j, part) in parts.iter().enumerate() {
                if let Some(b) = part_block(part).map_err(|e| format!("content[{j}]: {e}"))? {
                    blocks.push(b);
                }
            }
            Ok(blocks)
        }
    }
}

/// Anthropic rejects empty text blocks, so they are left out.
fn text_block(text: &str) -> Option<ContentBlock> {
    (!text.is_empty()).then(|| {
        ContentBlock::Text(TextBlock {
            text: text.to_owned(),
        })
    })
}

fn part_block(part: &ContentPart) -> Result<Option<ContentBlock>, String> {
    match part.kind.as_str() {
        "text" => Ok(part.text.as_deref().and_then(text_block)),
        "image_url" => {
            let url = part
                .image_url
                .as_ref()
                .map(|u| u.url.as_str())
                .ok_or_else(|| "an `image_url` part without `image_url.url`".to_owned())?;
            Ok(Some(ContentBlock::Image(ImageBlock {
                source: image_source(url)?,
            })))
        }
        // Passed through rather than dropped: silently removing user content would change the
        // prompt's meaning, Anthropic-native blocks (`document`, ...) arriving through the
        // /v1/messages front round-trip intact, and anything else earns Anthropic's own clear 400.
        _ => Ok(Some(ContentBlock::Other(OtherBlock {
            kind: part.kind.clone(),
            fields: part.extra.clone(),
        }))),
    }
}

fn image_source(url: &str) -> Result<ImageSource, String> {
    if let Some(rest) = url.strip_prefix("data:") {
        let (header, data) = rest
            .split_once(',')
            .ok_or_else(|| "a malformed data URL".to_owned())?;
        let media_type = header
            .strip_suffix(";base64")
            .ok_or_else(|| "an image data URL that is not base64-encoded".to_owned())?;
        // Drop any parameters (`;charset=...`) between the type and `;base64`.
        let media_type = media_type.split(';').next().unwrap_or_default();
        if media_type.is_empty() {
            return Err("an image data URL without a media type".into());
        }
        return Ok(ImageSource::Base64 {
            media_type: media_type.to_owned(),
            data: data.to_owned(),
        });
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Ok(ImageSource::Url {
            url: url.to_owned(),
        })
    } else {
        Err("an image URL must be an http(s) URL or a base64 data URL".into())
    }
}

fn assistant_blocks(msg: &Message) -> Result<Vec<ContentBlock>, String> {
    let mut blocks = content_blocks(msg.content.as_ref())?;
    for call in msg.tool_calls.iter().flatten() {
        blocks.push(ContentBlock::ToolUse(ToolUseBlock {
            id: call.id.clone(),
            name: call.function.name.clone(),
            input: tool_input(&call.function.arguments)
                .map_err(|e| format!("tool call `{}`: {e}", call.id))?,
        }));
    }
    Ok(blocks)
}

fn tool_input(arguments: &str) -> Result<Value, String> {
    // Models sometimes emit no arguments at all for a parameterless function.
    if arguments.trim().is_empty() {
        return Ok(Value::Object(Extra::new()));
    }
    match serde_json::from_str::<Value>(arguments) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err("arguments must be a JSON object".into()),
        Err(e) => Err(format!("arguments are not valid JSON: {e}")),
    }
}

fn tool_result(msg: &Message) -> Result<ContentBlock, String> {
    let id = msg
        .tool_call_id
        .as_ref()
        .ok_or_else(|| "a `tool` message without `tool_call_id`".to_owned())?;
    let content = match &msg.content {
        None => None,
        Some(Content::Text(t)) => Some(MessageContent::Text(t.clone())),
        Some(parts @ Content::Parts(_)) => {
            Some(MessageContent::Blocks(content_blocks(Some(parts))?))
        }
    };
    Ok(ContentBlock::ToolResult(ToolResultBlock {
        tool_use_id: id.clone(),
        content,
        is_error: None,
    }))
}

fn tool_choice(req: &ChatRequest) -> Result<Option<ToolChoice>, String> {
    let disable_parallel =
        (req.extra.get("parallel_tool_calls") == Some(&Value::Bool(false))).then_some(true);
    let choice = match &req.tool_choice {
        None => match disable_parallel {
            Some(_) => ToolChoice::Auto {
                disable_parallel_tool_use: disable_parallel,
            },
            None => return Ok(None),
        },
        Some(types::ToolChoice::Mode(mode)) => match mode.as_str() {
            "auto" => ToolChoice::Auto {
                disable_parallel_tool_use: disable_parallel,
            },
            "required" => ToolChoice::Any {
                disable_parallel_tool_use: disable_parallel,
            },
            "none" => ToolChoice::NoTools,
            other => return Err(format!("unsupported tool_choice `{other}`")),
        },
        Some(types::ToolChoice::Named(named)) => ToolChoice::Tool {
            name: named.function.name.clone(),
            disable_parallel_tool_use: disable_parallel,
        },
    };
    Ok(Some(choice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Origin;
    use serde_json::json;

    fn canonical(body: Value) -> ChatRequest {
        serde_json::from_value(body).unwrap()
    }

    fn wire(body: Value) -> Value {
        serde_json::to_value(to_anthropic(&canonical(body), "anthropic", false).unwrap()).unwrap()
    }

    #[test]
    fn system_and_developer_messages_become_the_system_prompt() {
        let out = wire(json!({
            "model": "claude-sonnet-4-5",
            "messages": [
                {"role": "system", "content": "be brief"},
                {"role": "developer", "content": [{"type": "text", "text": "use "}, {"type": "text", "text": "French"}]},
                {"role": "user", "content": "hello"}
            ]
        }));
        assert_eq!(
            out,
            json!({
                "model": "claude-sonnet-4-5",
                "system": "be brief\n\nuse French",
                "max_tokens": 4096,
                "messages": [{"role": "user", "content": [{"type": "text", "text": "hello"}]}]
            })
        );
    }

    #[test]
    fn scalar_fields_map_and_unknown_fields_are_dropped() {
        let out = wire(json!({
            "model": "m",
            "messages": [{"role": "user", "content": "x"}],
            "max_tokens": 10,
            "max_completion_tokens": 20,
            "temperature": 1.7,
            "top_p": 0.9,
            "top_k": 40,
            "stop": "END",
            "user": "u-42",
            "seed": 1,
            "response_format": {"type": "json_object"},
            "logprobs": true,
            "stream": true,
            "stream_options": {"include_usage": true}
        }));
        assert_eq!(
            out,
            json!({
                "model": "m",
                "messages": [{"role": "user", "content": [{"type": "text", "text": "x"}]}],
                "max_tokens": 20,
                "temperature": 1.0,
                "top_p": 0.9,
                "top_k": 40,
                "stop_sequences": ["END"],
                "metadata": {"user_id": "u-42"}
            })
        );
        let req = canonical(json!({"model": "m", "messages": [{"role": "user", "content": "x"}]}));
        let streamed = to_anthropic(&req, "p", true).unwrap();
        assert_eq!(streamed.stream, Some(true));
    }

    #[test]
    fn multi_part_content_and_images() {
        let out = wire(json!({
            "model": "m",
            "messages": [{"role": "user", "content": [
                {"type": "text", "text": "what is this?"},
                {"type": "text", "text": ""},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}},
                {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "d"}}
            ]}]
        }));
        assert_eq!(
            out["messages"][0]["content"],
            json!([
                {"type": "text", "text": "what is this?"},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
                {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "d"}}
            ])
        );
    }

    #[test]
    fn bad_image_urls_are_client_errors() {
        for url in [
            "file:///etc/passwd",
            "data:image/png,notbase64",
            "data:;base64,AAAA",
        ] {
            let req = canonical(
                json!({"model": "m", "messages": [{"role": "user", "content": [
                    {"type": "image_url", "image_url": {"url": url}}
                ]}]}),
            );
            let err = to_anthropic(&req, "p", false).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidRequest, "{url}");
            assert!(
                err.message.contains("messages[0]: content[0]"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn tool_calls_results_and_alternation() {
        let out = wire(json!({
            "model": "m",
            "messages": [
                {"role": "user", "content": "weather in Paris and Rome?"},
                {"role": "user", "content": "in celsius"},
                {"role": "assistant", "content": "Checking.", "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Paris\"}"}},
                    {"id": "call_2", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Rome\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
                {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "21C"}]},
                {"role": "user", "content": "thanks"},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_3", "type": "function", "function": {"name": "noop", "arguments": ""}}
                ]}
            ]
        }));
        assert_eq!(
            out["messages"],
            json!([
                {"role": "user", "content": [
                    {"type": "text", "text": "weather in Paris and Rome?"},
                    {"type": "text", "text": "in celsius"}
                ]},
                {"role": "assistant", "content": [
                    {"type": "text", "text": "Checking."},
                    {"type": "tool_use", "id": "call_1", "name": "weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "call_2", "name": "weather", "input": {"city": "Rome"}}
                ]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "call_1", "content": "18C"},
                    {"type": "tool_result", "tool_use_id": "call_2", "content": [{"type": "text", "text": "21C"}]},
                    {"type": "text", "text": "thanks"}
                ]},
                {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "call_3", "name": "noop", "input": {}}
                ]}
            ])
        );
    }

    #[test]
    fn invalid_tool_arguments_are_client_errors() {
        for args in ["{not json", "[1,2]"] {
            let req = canonical(json!({"model": "m", "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": args}}
                ]}
            ]}));
            let err = to_anthropic(&req, "anthropic", false).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidRequest);
            assert_eq!(err.origin, Origin::Client);
            assert!(!err.retryable);
            assert_eq!(err.provider, "anthropic");
            assert!(err.message.contains("call_1"), "{}", err.message);
        }
        let req = canonical(json!({"model": "m", "messages": [{"role": "tool", "content": "x"}]}));
        assert_eq!(
            to_anthropic(&req, "p", false).unwrap_err().kind,
            ErrorKind::InvalidRequest
        );
    }

    #[test]
    fn tools_and_tool_choice() {
        let tools = json!([
            {"type": "function", "function": {"name": "weather", "description": "Get weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
            {"type": "function", "function": {"name": "noop"}}
        ]);
        let base = |choice: Value, extra: Value| {
            let mut body = json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": tools});
            if !choice.is_null() {
                body["tool_choice"] = choice;
            }
            if let Value::Object(extra) = extra {
                body.as_object_mut().unwrap().extend(extra);
            }
            wire(body)
        };
        let out = base(json!("auto"), json!(null));
        assert_eq!(
            out["tools"],
            json!([
                {"name": "weather", "description": "Get weather",
                 "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                {"name": "noop", "input_schema": {"type": "object", "properties": {}}}
            ])
        );
        assert_eq!(out["tool_choice"], json!({"type": "auto"}));
        assert_eq!(
            base(json!("required"), json!(null))["tool_choice"],
            json!({"type": "any"})
        );
        assert_eq!(
            base(json!("none"), json!(null))["tool_choice"],
            json!({"type": "none"})
        );
        assert_eq!(
            base(
                json!({"type": "function", "function": {"name": "weather"}}),
                json!({"parallel_tool_calls": false})
            )["tool_choice"],
            json!({"type": "tool", "name": "weather", "disable_parallel_tool_use": true})
        );
        assert_eq!(
            base(json!(null), json!({"parallel_tool_calls": false}))["tool_choice"],
            json!({"type": "auto", "disable_parallel_tool_use": true})
        );
        assert!(
            base(json!(null), json!({"parallel_tool_calls": true}))
                .get("tool_choice")
                .is_none()
        );
        assert!(
            base(json!(null), json!({}))
                .get("parallel_tool_calls")
                .is_none()
        );

        let no_tools = wire(
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tool_choice": "auto"}),
        );
        assert!(no_tools.get("tool_choice").is_none());
        assert!(no_tools.get("tools").is_none());

        let req = canonical(
            json!({"model": "m", "messages": [], "tools": tools, "tool_choice": "sometimes"}),
        );
        assert_eq!(
            to_anthropic(&req, "p", false).unwrap_err().kind,
            ErrorKind::InvalidRequest
        );
    }
}
