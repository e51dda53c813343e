//! The reverse direction, for the gateway's own `POST /v1/messages`: an Anthropic request from a
//! client becomes a canonical request (routable to any provider), and the canonical answer — whole
//! or streamed — goes back in Anthropic's shape.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::response::compact_json;
use super::types::{
    BlockDelta, ContentBlock, DeltaUsage, ErrorBody, ImageSource, InputMessage, MessageContent,
    MessageDeltaBody, Role as AnthropicRole, StreamEvent, TextBlock, ToolChoice, ToolDef,
    ToolUseBlock, Usage as AnthropicUsage,
};
pub use super::types::{MessagesRequest, MessagesResponse};
use crate::types::{
    self, ChatChunk, ChatRequest, ChatResponse, Content, ContentPart, Extra, FunctionCall,
    FunctionDef, ImageUrl, Message, NamedFunction, NamedToolChoice, Role, Stop, StreamOptions,
    Tool, ToolCall,
};

/// Why an Anthropic request cannot be translated: the message for a 400, and the offending
/// field's path (`messages.2.content.0`) when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontError {
    pub message: String,
    pub param: Option<String>,
}

impl FrontError {
    fn at(param: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            param: Some(param.into()),
        }
    }
}

impl fmt::Display for FrontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.param {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for FrontError {}

/// Translates a client's Messages request into the canonical request.
///
/// Fields with no canonical equivalent (`thinking`, `service_tier`, metadata other than
/// `user_id`, ...) are dropped: forwarding them would make OpenAI-compatible upstreams reject
/// the request. `top_k` travels in `extra`, where the Anthropic client and vLLM-style servers
/// pick it up. A streaming request asks for usage, which the final `message_delta` must carry.
pub fn to_canonical(req: MessagesRequest) -> Result<ChatRequest, FrontError> {
    let mut messages = Vec::with_capacity(req.messages.len() + 1);
    if let Some(system) = req.system {
        let text = system_text(system)?;
        if !text.is_empty() {
            messages.push(Message::new(Role::System, text));
        }
    }
    for (i, msg) in req.messages.into_iter().enumerate() {
        match msg.role {
            AnthropicRole::User => user_messages(i, msg, &mut messages)?,
            AnthropicRole::Assistant => messages.push(assistant_message(i, msg)?),
        }
    }

    let mut extra = Extra::new();
    if let Some(k) = req.top_k {
        extra.insert("top_k".into(), Value::from(k));
    }
    if req
        .tool_choice
        .as_ref()
        .is_some_and(ToolChoice::disables_parallel_tool_use)
    {
        extra.insert("parallel_tool_calls".into(), Value::Bool(false));
    }
    let tools = match req.tools {
        None => None,
        Some(tools) => Some(
            tools
                .into_iter()
                .enumerate()
                .map(|(i, t)| tool(i, t))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let stream = req.stream;
    Ok(ChatRequest {
        model: req.model,
        messages,
        stream,
        stream_options: stream.unwrap_or(false).then(|| StreamOptions {
            include_usage: Some(true),
            extra: Extra::new(),
        }),
        max_tokens: Some(req.max_tokens),
        max_completion_tokens: None,
        temperature: req.temperature,
        top_p: req.top_p,
        stop: req.stop_sequences.filter(|s| !s.is_empty()).map(Stop::Many),
        seed: None,
        tools,
        tool_choice: req.tool_choice.map(tool_choice),
        user: req.metadata.and_then(|m| m.user_id),
        extra,
    })
}

fn system_text(system: MessageContent) -> Result<String, FrontError> {
    match system {
        MessageContent::Text(s) => Ok(s),
        MessageContent::Blocks(blocks) => {
            let mut texts = Vec::with_capacity(blocks.len());
            for (j, block) in blocks.into_iter().enumerate() {
                match block {
                    ContentBlock::Text(t) => texts.push(t.text),
                    _ => {
                        return Err(FrontError::at(
                            format!("system.{j}"),
                            "system blocks must be text blocks",
                        ));
                    }
                }
            }
            Ok(texts.join("\n\n"))
        }
    }
}

/// A user turn: its tool results become `tool` messages (in order), and whatever else it holds
/// becomes one user message after them — the order OpenAI requires (tool answers directly
/// after the assistant's calls).
fn user_messages(i: usize, msg: InputMessage, out: &mut Vec<Message>) -> Result<(), FrontError> {
    let blocks = match msg.content {
        MessageContent::Text(s) => {
            out.push(Message::new(Role::User, s));
            return Ok(());
        }
        MessageContent::Blocks(blocks) => blocks,
    };
    let mut parts = Vec::new();
    for (j, block) in blocks.into_iter().enumerate() {
        let at = || format!("messages.{i}.content.{j}");
        match block {
            ContentBlock::Text(t) => parts.push(ContentPart::text(t.text)),
            ContentBlock::Image(img) => parts.push(image_part(img.source)),
            ContentBlock::ToolResult(result) => {
                let mut text = Vec::new();
                match result.content {
                    None => {}
                    Some(MessageContent::Text(s)) => text.push(s),
                    Some(MessageContent::Blocks(inner)) => {
                        for block in inner {
                            match block {
                                ContentBlock::Text(t) => text.push(t.text),
                                // A tool message holds only text on most upstreams; the image
                                // still reaches the model in the user message that follows.
                                ContentBlock::Image(img) => parts.push(image_part(img.source)),
                                _ => {
                                    return Err(FrontError::at(
                                        at(),
                                        "tool_result content may hold only text and image blocks",
                                    ));
                                }
                            }
                        }
                    }
                }
                let mut m = Message::new(Role::Tool, text.join("\n"));
                m.tool_call_id = Some(result.tool_use_id);
                out.push(m);
            }
            ContentBlock::ToolUse(_) => {
                return Err(FrontError::at(
                    at(),
                    "tool_use blocks belong in assistant messages",
                ));
            }
            ContentBlock::Other(other) => parts.push(ContentPart {
                kind: other.kind,
                text: None,
                image_url: None,
                extra: other.fields,
            }),
        }
    }
    match parts.len() {
        0 => {}
        // A single text stays a plain string: the one content shape every upstream accepts.
        1 if parts[0].kind == "text" => {
            let text = parts.pop().and_then(|p| p.text).unwrap_or_default();
            out.push(Message::new(Role::User, text));
        }
        _ => {
            let mut m = Message::new(Role::User, "");
            m.content = Some(Content::Parts(parts));
            out.push(m);
        }
    }
    Ok(())
}

fn image_part(source: ImageSource) -> ContentPart {
    let url = match source {
        ImageSource::Base64 { media_type, data } => format!("data:{media_type};base64,{data}"),
        ImageSource::Url { url } => url,
    };
    ContentPart {
        kind: "image_url".into(),
        text: None,
        image_url: Some(ImageUrl { url, detail: None }),
        extra: Extra::new(),
    }
}

fn assistant_message(i: usize, msg: InputMessage) -> Result<Message, FrontError> {
    let blocks = match msg.content {
        MessageContent::Text(s) => return Ok(Message::new(Role::Assistant, s)),
        MessageContent::Blocks(blocks) => blocks,
    };
    let mut text = String::new();
    let mut calls = Vec::new();
    for (j, block) in blocks.into_iter().enumerate() {
        match block {
            ContentBlock::Text(t) => text.push_str(&t.text),
            ContentBlock::ToolUse(call) => calls.push(ToolCall {
                id: call.id,
                kind: "function".into(),
                function: FunctionCall {
                    name: call.name,
                    arguments: compact_json(&call.input),
                },
            }),
            ContentBlock::Image(_) | ContentBlock::ToolResult(_) => {
                return Err(FrontError::at(
                    format!("messages.{i}.content.{j}"),
                    "assistant messages may not contain image or tool_result blocks",
                ));
            }
            // Thinking and server-tool blocks are the model's own bookkeeping; no canonical
            // upstream can take them back.
            ContentBlock::Other(_) => {}
        }
    }
    let mut m = Message::new(Role::Assistant, text);
    if !calls.is_empty() {
        if m.text().is_empty() {
            m.content = None;
        }
        m.tool_calls = Some(calls);
    }
    Ok(m)
}

fn tool(i: usize, t: ToolDef) -> Result<Tool, FrontError> {
    if let Some(kind) = t.kind.as_deref().filter(|k| *k != "custom") {
        return Err(FrontError::at(
            format!("tools.{i}"),
            format!("server tool type `{kind}` is not supported by this gateway"),
        ));
    }
    Ok(Tool {
        kind: "function".into(),
        function: FunctionDef {
            name: t.name,
            description: t.description,
            parameters: t.input_schema,
            strict: None,
        },
        extra: Extra::new(),
    })
}

fn tool_choice(choice: ToolChoice) -> types::ToolChoice {
    match choice {
        ToolChoice::Auto { .. } => types::ToolChoice::Mode("auto".into()),
        ToolChoice::Any { .. } => types::ToolChoice::Mode("required".into()),
        ToolChoice::NoTools => types::ToolChoice::Mode("none".into()),
        ToolChoice::Tool { name, .. } => types::ToolChoice::Named(NamedToolChoice {
            kind: "function".into(),
            function: NamedFunction { name },
        }),
    }
}

/// Maps OpenAI's `finish_reason` back onto Anthropic's `stop_reason`.
fn stop_reason(finish_reason: Option<&str>) -> String {
    match finish_reason {
        Some("length") => "max_tokens",
        Some("tool_calls" | "function_call") => "tool_use",
        Some("content_filter") => "refusal",
        _ => "end_turn",
    }
    .to_owned()
}

fn message_id(id: &str) -> String {
    if id.starts_with("msg_") {
        id.to_owned()
    } else if id.is_empty() {
        format!("msg_{}", uuid::Uuid::new_v4().simple())
    } else {
        format!("msg_{id}")
    }
}

/// The canonical answer as a Messages response; `model` is the name the client asked for.
pub fn from_canonical(resp: &ChatResponse, model: &str) -> MessagesResponse {
    let choice = resp.choices.first();
    let mut content = Vec::new();
    if let Some(msg) = choice.map(|c| &c.message) {
        let text = msg.text();
        if !text.is_empty() {
            content.push(ContentBlock::Text(TextBlock { text }));
        }
        for call in msg.tool_calls.iter().flatten() {
            content.push(ContentBlock::ToolUse(ToolUseBlock {
                id: call.id.clone(),
                name: call.function.name.clone(),
                input: tool_input(&call.function.arguments),
            }));
        }
    }
    let usage = resp.usage.as_ref();
    MessagesResponse {
        id: message_id(&resp.id),
        kind: "message".into(),
        role: "assistant".into(),
        model: model.to_owned(),
        content,
        stop_reason: Some(stop_reason(choice.and_then(|c| c.finish_reason.as_deref()))),
        stop_sequence: None,
        usage: AnthropicUsage {
            input_tokens: usage.map_or(0, |u| u.prompt_tokens),
            output_tokens: usage.map_or(0, |u| u.completion_tokens),
            cache_creation_input_tokens: None,
            cache_read_input_tokens: None,
        },
    }
}

/// A tool call's arguments as a JSON object; a model that produced broken JSON yields `{}`,
/// since Anthropic clients expect `input` to be an object.
fn tool_input(arguments: &str) -> Value {
    match serde_json::from_str::<Value>(arguments) {
        Ok(v @ Value::Object(_)) => v,
        _ => Value::Object(Extra::new()),
    }
}

/// One server-sent event for the client: the `event:` name and the JSON `data:` line, already
/// serialized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseOut {
    pub event: &'static str,
    pub data: String,
}

impl SseOut {
    fn new(event: &StreamEvent) -> Self {
        let data = serde_json::to_string(event).unwrap_or_else(|_| {
            // Unreachable in practice (string keys, finite numbers only), but a stream must
            // never carry an empty data line.
            String::from(
                r#"{"type":"error","error":{"type":"api_error","message":"serialization failed"}}"#,
            )
        });
        Self {
            event: event.name(),
            data,
        }
    }
}

/// The `error` event sent when the canonical stream fails midway.
pub fn error_event(message: &str) -> SseOut {
    SseOut::new(&StreamEvent::Error {
        error: ErrorBody {
            kind: "api_error".into(),
            message: message.to_owned(),
        },
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenBlock {
    Text(u32),
    Tool(u32),
}

/// Turns canonical chunks into the Anthropic event sequence: `message_start`, then for each
/// block `content_block_start` / `content_block_delta`* / `content_block_stop`, then
/// `message_delta` and `message_stop`.
///
/// The last two are produced by [`StreamTranslator::finish`], not by the chunk carrying the
/// finish reason: the usage `message_delta` reports arrives in a usage-only chunk after it.
#[derive(Debug)]
pub struct StreamTranslator {
    model: String,
    started: bool,
    finished: bool,
    next_block: u32,
    open: Option<OpenBlock>,
    /// Canonical tool-call index → Anthropic block index.
    tools: HashMap<u32, u32>,
    stop_reason: Option<String>,
    input_tokens: u64,
    output_tokens: u64,
}

impl StreamTranslator {
    /// `model` is the name the client asked for, echoed in `message_start`.
    pub fn new(model: &str) -> Self {
        Self {
            model: model.to_owned(),
            started: false,
            finished: false,
            next_block: 0,
            open: None,
            tools: HashMap::new(),
            stop_reason: None,
            input_tokens: 0,
            output_tokens: 0,
        }
    }

    pub fn push(&mut self, chunk: &ChatChunk) -> Vec<SseOut> {
        let mut out = Vec::new();
        if self.finished {
            return out;
        }
        if let Some(u) = &chunk.usage {
            self.input_tokens = u.prompt_tokens;
            self.output_tokens = u.completion_tokens;
        }
        self.start(&chunk.id, &mut out);
        // An Anthropic message has a single candidate.
        for choice in chunk.choices.iter().filter(|c| c.index == 0) {
            if let Some(text) = choice.delta.content.as_deref().filter(|t| !t.is_empty()) {
                let index = match self.open {
                    Some(OpenBlock::Text(index)) => index,
                    _ => {
                        let index = self.open_block(&mut out, ContentBlock::text(""));
                        self.open = Some(OpenBlock::Text(index));
                        index
                    }
                };
                out.push(SseOut::new(&StreamEvent::ContentBlockDelta {
                    index,
                    delta: BlockDelta::TextDelta {
                        text: text.to_owned(),
                    },
                }));
            }
            for call in choice.delta.tool_calls.iter().flatten() {
                let function = call.function.as_ref();
                let index = match self.tools.get(&call.index) {
                    // A delta for a call whose block is already closed (upstreams that interleave
                    // parallel calls) still goes to that call's own block, so its input stays
                    // whole.
                    Some(&index) => index,
                    None => {
                        let id = call
                            .id
                            .clone()
                            .unwrap_or_else(|| format!("toolu_{}", uuid::Uuid::new_v4().simple()));
                        let name = function.and_then(|f| f.name.clone()).unwrap_or_default();
                        let index = self.open_block(
                            &mut out,
                            ContentBlock::ToolUse(ToolUseBlock {
                                id,
                                name,
                                input: Value::Object(Extra::new()),
                            }),
                        );
                        self.open = Some(OpenBlock::Tool(index));
                        self.tools.insert(call.index, index);
                        index
                    }
                };
                if let Some(args) = function
                    .and_then(|f| f.arguments.as_deref())
                    .filter(|a| !a.is_empty())
                {
                    out.push(SseOut::new(&StreamEvent::ContentBlockDelta {
                        index,
                        delta: BlockDelta::InputJsonDelta {
                            partial_json: args.to_owned(),
                        },
                    }));
                }
            }
            if let Some(reason) = &choice.finish_reason {
                self.stop_reason = Some(stop_reason(Some(reason)));
            }
        }
        out
    }

    /// Closes the message. Call once the canonical stream has ended (after its usage chunk);
    /// later calls return nothing.
    pub fn finish(&mut self) -> Vec<SseOut> {
        let mut out = Vec::new();
        if self.finished {
            return out;
        }
        self.start("", &mut out);
        self.close_block(&mut out);
        out.push(SseOut::new(&StreamEvent::MessageDelta {
            delta: MessageDeltaBody {
                stop_reason: Some(
                    self.stop_reason
                        .clone()
                        .unwrap_or_else(|| stop_reason(None)),
                ),
                stop_sequence: None,
            },
            usage: Some(DeltaUsage {
                output_tokens: self.output_tokens,
                input_tokens: Some(self.input_tokens),
                cache_creation_input_tokens: None,
                cache_read_input_tokens: None,
            }),
        }));
        out.push(SseOut::new(&StreamEvent::MessageStop));
        self.finished = true;
        out
    }

    fn start(&mut self, id: &str, out: &mut Vec<SseOut>) {
        if self.started {
            return;
        }
        self.started = true;
        out.push(SseOut::new(&StreamEvent::MessageStart {
            message: MessagesResponse {
                id: message_id(id),
                kind: "message".into(),
                role: "assistant".into(),
                model: self.model.clone(),
                content: Vec::new(),
                stop_reason: None,
                stop_sequence: None,
                usage: AnthropicUsage {
                    input_tokens: self.input_tokens,
                    output_tokens: 0,
                    cache_creation_input_tokens: None,
                    cache_read_input_tokens: None,
                },
            },
        }));
    }

    fn open_block(&mut self, out: &mut Vec<SseOut>, block: ContentBlock) -> u32 {
        self.close_block(out);
        let index = self.next_block;
        self.next_block += 1;
        out.push(SseOut::new(&StreamEvent::ContentBlockStart {
            index,
            content_block: block,
        }));
        index
    }

    fn close_block(&mut self, out: &mut Vec<SseOut>) {
        if let Some(OpenBlock::Text(index) | OpenBlock::Tool(index)) = self.open.take() {
            out.push(SseOut::new(&StreamEvent::ContentBlockStop { index }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anthropic::request::to_anthropic;
    use crate::types::{Delta, FunctionCallDelta, ToolCallDelta, Usage};
    use serde_json::json;

    fn messages_request(body: Value) -> MessagesRequest {
        serde_json::from_value(body).unwrap()
    }

    fn canonical_json(body: Value) -> Value {
        serde_json::to_value(to_canonical(messages_request(body)).unwrap()).unwrap()
    }

    #[test]
    fn max_tokens_is_required() {
        let err = serde_json::from_value::<MessagesRequest>(json!({
            "model": "claude", "messages": [{"role": "user", "content": "hi"}]
        }))
        .unwrap_err();
        assert!(err.to_string().contains("max_tokens"), "{err}");
        let err = serde_json::from_value::<MessagesRequest>(json!({
            "model": "claude", "max_tokens": 5, "messages": [{"role": "system", "content": "hi"}]
        }))
        .unwrap_err();
        assert!(err.to_string().contains("unknown variant"), "{err}");
    }

    #[test]
    fn scalar_fields_and_system() {
        let out = canonical_json(json!({
            "model": "claude-sonnet-4-5",
            "system": [{"type": "text", "text": "You are Claude Code."}, {"type": "text", "text": "Be terse.", "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": "hi"}],
            "max_tokens": 1024,
            "stop_sequences": ["\n\nHuman:"],
            "temperature": 0.5,
            "top_p": 0.9,
            "top_k": 20,
            "stream": true,
            "metadata": {"user_id": "user-1"},
            "thinking": {"type": "enabled", "budget_tokens": 1000}
        }));
        assert_eq!(
            out,
            json!({
                "model": "claude-sonnet-4-5",
                "messages": [
                    {"role": "system", "content": "You are Claude Code.\n\nBe terse."},
                    {"role": "user", "content": "hi"}
                ],
                "stream": true,
                "stream_options": {"include_usage": true},
                "max_tokens": 1024,
                "temperature": 0.5,
                "top_p": 0.9,
                "stop": ["\n\nHuman:"],
                "user": "user-1",
                "top_k": 20
            })
        );
        let err = to_canonical(messages_request(json!({
            "model": "c", "max_tokens": 1, "messages": [],
            "system": [{"type": "image", "source": {"type": "url", "url": "https://x"}}]
        })))
        .unwrap_err();
        assert_eq!(err.param.as_deref(), Some("system.0"));
    }

    #[test]
    fn tool_turns_images_and_unknown_blocks() {
        let out = canonical_json(json!({
            "model": "claude",
            "max_tokens": 100,
            "messages": [
                {"role": "user", "content": [
                    {"type": "text", "text": "What's in this image, and the weather?"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}},
                    {"type": "document", "source": {"type": "url", "url": "https://x/a.pdf"}}
                ]},
                {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "hmm", "signature": "s"},
                    {"type": "text", "text": "A cat. Checking weather."},
                    {"type": "tool_use", "id": "toolu_1", "name": "weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "toolu_2", "name": "screenshot", "input": {}}
                ]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"},
                    {"type": "tool_result", "tool_use_id": "toolu_2", "is_error": false, "content": [
                        {"type": "text", "text": "captured"},
                        {"type": "image", "source": {"type": "url", "url": "https://x/shot.png"}}
                    ]},
                    {"type": "text", "text": "And tomorrow?"}
                ]},
                {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_3", "name": "weather", "input": {"day": 2}}]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_3"}]}
            ]
        }));
        assert_eq!(
            out["messages"],
            json!([
                {"role": "user", "content": [
                    {"type": "text", "text": "What's in this image, and the weather?"},
                    {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQ"}},
                    {"type": "document", "source": {"type": "url", "url": "https://x/a.pdf"}}
                ]},
                {"role": "assistant", "content": "A cat. Checking weather.", "tool_calls": [
                    {"id": "toolu_1", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Paris\"}"}},
                    {"id": "toolu_2", "type": "function", "function": {"name": "screenshot", "arguments": "{}"}}
                ]},
                {"role": "tool", "tool_call_id": "toolu_1", "content": "18C"},
                {"role": "tool", "tool_call_id": "toolu_2", "content": "captured"},
                {"role": "user", "content": [
                    {"type": "image_url", "image_url": {"url": "https://x/shot.png"}},
                    {"type": "text", "text": "And tomorrow?"}
                ]},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "toolu_3", "type": "function", "function": {"name": "weather", "arguments": "{\"day\":2}"}}
                ]},
                {"role": "tool", "tool_call_id": "toolu_3", "content": ""}
            ])
        );
    }

    #[test]
    fn misplaced_blocks_are_rejected_with_their_path() {
        let err = to_canonical(messages_request(
            json!({"model": "c", "max_tokens": 1, "messages": [
                {"role": "user", "content": "hi"},
                {"role": "assistant", "content": [{"type": "tool_result", "tool_use_id": "t"}]}
            ]}),
        ))
        .unwrap_err();
        assert_eq!(err.param.as_deref(), Some("messages.1.content.0"));
        let err = to_canonical(messages_request(json!({"model": "c", "max_tokens": 1, "messages": [
            {"role": "user", "content": [{"type": "text", "text": "x"}, {"type": "tool_use", "id": "t", "name": "f", "input": {}}]}
        ]})))
        .unwrap_err();
        assert_eq!(err.param.as_deref(), Some("messages.0.content.1"));
        assert!(err.to_string().starts_with("messages.0.content.1: "));
    }

    #[test]
    fn tools_and_tool_choice() {
        let tools = json!([
            {"name": "weather", "description": "Get weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}},
            {"name": "noop", "input_schema": {"type": "object"}, "type": "custom"}
        ]);
        let with_choice = |choice: Value| {
            canonical_json(
                json!({"model": "c", "max_tokens": 1, "messages": [], "tools": tools, "tool_choice": choice}),
            )
        };
        let out = with_choice(json!({"type": "auto"}));
        assert_eq!(
            out["tools"],
            json!([
                {"type": "function", "function": {"name": "weather", "description": "Get weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
                {"type": "function", "function": {"name": "noop", "parameters": {"type": "object"}}}
            ])
        );
        assert_eq!(out["tool_choice"], json!("auto"));
        assert!(out.get("parallel_tool_calls").is_none());
        assert_eq!(
            with_choice(json!({"type": "any"}))["tool_choice"],
            json!("required")
        );
        assert_eq!(
            with_choice(json!({"type": "none"}))["tool_choice"],
            json!("none")
        );
        let out = with_choice(
            json!({"type": "tool", "name": "weather", "disable_parallel_tool_use": true}),
        );
        assert_eq!(
            out["tool_choice"],
            json!({"type": "function", "function": {"name": "weather"}})
        );
        assert_eq!(out["parallel_tool_calls"], json!(false));

        let err = to_canonical(messages_request(
            json!({"model": "c", "max_tokens": 1, "messages": [],
            "tools": [{"type": "web_search_20250305", "name": "web_search", "max_uses": 5}]}),
        ))
        .unwrap_err();
        assert_eq!(err.param.as_deref(), Some("tools.0"));
        assert!(err.message.contains("web_search_20250305"));
    }

    /// Anthropic request → canonical → Anthropic request again (what the Anthropic client
    /// sends) keeps the conversation.
    #[test]
    fn request_round_trip_through_the_client_mapping() {
        let original = json!({
            "model": "claude",
            "max_tokens": 300,
            "system": "be brief",
            "stop_sequences": ["STOP"],
            "temperature": 0.3,
            "top_k": 5,
            "metadata": {"user_id": "u"},
            "tools": [{"name": "weather", "input_schema": {"type": "object", "properties": {}}}],
            "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "weather?"}]},
                {"role": "assistant", "content": [
                    {"type": "text", "text": "Checking."},
                    {"type": "tool_use", "id": "toolu_1", "name": "weather", "input": {"city": "Oslo"}}
                ]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "-3C"},
                    {"type": "text", "text": "thanks"}
                ]}
            ]
        });
        let canonical = to_canonical(messages_request(original.clone())).unwrap();
        let back = serde_json::to_value(to_anthropic(&canonical, "p", false).unwrap()).unwrap();
        assert_eq!(back, original);
    }

    #[test]
    fn from_canonical_maps_content_stop_reason_and_usage() {
        let resp: ChatResponse = serde_json::from_value(json!({
            "id": "chatcmpl-abc", "object": "chat.completion", "created": 1, "model": "gpt-4o",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                "role": "assistant", "content": "Let me look.",
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Paris\"}"}},
                    {"id": "call_2", "type": "function", "function": {"name": "broken", "arguments": "{\"city\":"}}
                ]
            }}],
            "usage": {"prompt_tokens": 20, "completion_tokens": 7, "total_tokens": 27}
        }))
        .unwrap();
        let out = serde_json::to_value(from_canonical(&resp, "claude-alias")).unwrap();
        assert_eq!(
            out,
            json!({
                "id": "msg_chatcmpl-abc",
                "type": "message",
                "role": "assistant",
                "model": "claude-alias",
                "content": [
                    {"type": "text", "text": "Let me look."},
                    {"type": "tool_use", "id": "call_1", "name": "weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "call_2", "name": "broken", "input": {}}
                ],
                "stop_reason": "tool_use",
                "stop_sequence": null,
                "usage": {"input_tokens": 20, "output_tokens": 7}
            })
        );
        for (finish, stop) in [
            (Some("stop"), "end_turn"),
            (Some("length"), "max_tokens"),
            (Some("tool_calls"), "tool_use"),
            (Some("content_filter"), "refusal"),
            (None, "end_turn"),
        ] {
            assert_eq!(stop_reason(finish), stop);
        }
    }

    #[test]
    fn response_round_trip_through_the_client_mapping() {
        let anthropic: MessagesResponse = serde_json::from_value(json!({
            "id": "msg_01", "type": "message", "role": "assistant", "model": "claude",
            "content": [
                {"type": "text", "text": "Sure."},
                {"type": "tool_use", "id": "toolu_9", "name": "f", "input": {"a": [1, 2]}}
            ],
            "stop_reason": "tool_use", "stop_sequence": null,
            "usage": {"input_tokens": 3, "output_tokens": 4}
        }))
        .unwrap();
        let canonical = crate::anthropic::response::to_canonical(anthropic.clone());
        assert_eq!(from_canonical(&canonical, "claude"), anthropic);
    }

    fn chunk(delta: Delta, finish: Option<&str>) -> ChatChunk {
        ChatChunk::delta("chatcmpl-1", 1, "gpt-4o", delta, finish.map(str::to_owned))
    }

    fn text(t: &str) -> Delta {
        Delta {
            content: Some(t.into()),
            ..Default::default()
        }
    }

    fn call(index: u32, id: Option<&str>, name: Option<&str>, args: &str) -> Delta {
        Delta {
            tool_calls: Some(vec![ToolCallDelta {
                index,
                id: id.map(str::to_owned),
                kind: id.map(|_| "function".to_owned()),
                function: Some(FunctionCallDelta {
                    name: name.map(str::to_owned),
                    arguments: Some(args.into()),
                }),
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn stream_translator_event_sequence() {
        let mut t = StreamTranslator::new("claude-alias");
        let mut events = Vec::new();
        let role = Delta {
            role: Some(Role::Assistant),
            content: Some(String::new()),
            ..Default::default()
        };
        for c in [
            chunk(role, None),
            chunk(text("Let me "), None),
            chunk(text("check."), None),
            chunk(call(0, Some("call_a"), Some("weather"), ""), None),
            chunk(call(0, None, None, "{\"city\":"), None),
            chunk(call(0, None, None, "\"Paris\"}"), None),
            chunk(call(1, Some("call_b"), Some("time"), "{}"), None),
            chunk(Delta::default(), Some("tool_calls")),
            ChatChunk::usage_only("chatcmpl-1", 1, "gpt-4o", Usage::new(11, 22)),
        ] {
            events.extend(t.push(&c));
        }
        let before_finish = events.len();
        events.extend(t.finish());
        assert!(t.finish().is_empty());
        assert!(t.push(&chunk(text("late"), None)).is_empty());

        let names: Vec<&str> = events.iter().map(|e| e.event).collect();
        assert_eq!(
            names,
            vec![
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "content_block_start",
                "content_block_delta",
                "content_block_delta",
                "content_block_stop",
                "content_block_start",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop",
            ]
        );
        assert_eq!(before_finish, 11, "message_delta must wait for finish()");
        let data: Vec<Value> = events
            .iter()
            .map(|e| serde_json::from_str(&e.data).unwrap())
            .collect();
        for (e, d) in events.iter().zip(&data) {
            assert_eq!(d["type"], json!(e.event));
        }
        assert_eq!(
            data[0],
            json!({"type": "message_start", "message": {
                "id": "msg_chatcmpl-1", "type": "message", "role": "assistant", "model": "claude-alias",
                "content": [], "stop_reason": null, "stop_sequence": null,
                "usage": {"input_tokens": 0, "output_tokens": 0}
            }})
        );
        assert_eq!(
            data[1],
            json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}})
        );
        assert_eq!(
            data[2],
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Let me "}})
        );
        assert_eq!(data[4], json!({"type": "content_block_stop", "index": 0}));
        assert_eq!(
            data[5],
            json!({"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "call_a", "name": "weather", "input": {}}})
        );
        assert_eq!(
            data[6],
            json!({"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "{\"city\":"}})
        );
        assert_eq!(data[7]["delta"]["partial_json"], json!("\"Paris\"}"));
        assert_eq!(data[9]["content_block"]["id"], json!("call_b"));
        assert_eq!(data[9]["index"], json!(2));
        assert_eq!(data[10]["delta"]["partial_json"], json!("{}"));
        assert_eq!(data[11], json!({"type": "content_block_stop", "index": 2}));
        assert_eq!(
            data[12],
            json!({"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null},
                   "usage": {"output_tokens": 22, "input_tokens": 11}})
        );
        assert_eq!(data[13], json!({"type": "message_stop"}));
    }

    #[test]
    fn stream_translator_on_an_empty_stream_and_errors() {
        let mut t = StreamTranslator::new("m");
        let names: Vec<&str> = t.finish().iter().map(|e| e.event).collect();
        assert_eq!(
            names,
            vec!["message_start", "message_delta", "message_stop"]
        );

        let mut t = StreamTranslator::new("m");
        let mut events = t.push(&chunk(text("Hi"), None));
        events.extend(t.push(&chunk(Delta::default(), Some("length"))));
        events.extend(t.finish());
        let names: Vec<&str> = events.iter().map(|e| e.event).collect();
        assert_eq!(
            names,
            vec![
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ]
        );
        let delta: Value = serde_json::from_str(&events[4].data).unwrap();
        assert_eq!(delta["delta"]["stop_reason"], json!("max_tokens"));

        let e = error_event("upstream failed");
        assert_eq!(e.event, "error");
        assert_eq!(
            serde_json::from_str::<Value>(&e.data).unwrap(),
            json!({"type": "error", "error": {"type": "api_error", "message": "upstream failed"}})
        );
    }
}
