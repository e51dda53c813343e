use futures::StreamExt;
use serde_json::{Value, json};

use super::response::finish_reason;
use super::types::GenerateContentResponse;
use super::*;
use crate::sse::{SseEvent, SseStream};
use crate::types::{ChatChunk, ChatRequest, ChatResponse, Role};
use crate::{CallCx, ErrorKind, Origin, Provider, ProviderError, Secret};

fn req(body: Value) -> ChatRequest {
    serde_json::from_value(body).unwrap()
}

fn gemini(body: Value) -> Value {
    serde_json::to_value(to_gemini_request("g", &req(body)).unwrap()).unwrap()
}

fn rejected(body: Value) -> ProviderError {
    to_gemini_request("g", &req(body)).unwrap_err()
}

fn assert_client_error(e: &ProviderError) {
    assert_eq!(e.kind, ErrorKind::InvalidRequest);
    assert_eq!(e.origin, Origin::Client);
    assert!(!e.retryable);
    assert_eq!(e.provider, "g");
}

// ---------------------------------------------------------------------------------------------
// Request mapping
// ---------------------------------------------------------------------------------------------

#[test]
fn system_messages_become_the_system_instruction_and_roles_alternate() {
    let out = gemini(json!({
        "model": "gemini-2.5-flash",
        "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "hello"},
            {"role": "developer", "content": [{"type": "text", "text": "answer in French"}]},
            {"role": "user", "content": "one"},
            {"role": "user", "content": [{"type": "text", "text": "two"}, {"type": "text", "text": ""}]},
            {"role": "assistant", "content": ""}
        ]
    }));
    assert_eq!(
        out,
        json!({
            "systemInstruction": {"parts": [{"text": "be brief"}, {"text": "answer in French"}]},
            "contents": [
                {"role": "user", "parts": [{"text": "hi"}]},
                {"role": "model", "parts": [{"text": "hello"}]},
                {"role": "user", "parts": [{"text": "one"}, {"text": "two"}]}
            ]
        })
    );
}

#[test]
fn images_become_inline_or_file_data() {
    let out = gemini(json!({
        "model": "m",
        "messages": [{"role": "user", "content": [
            {"type": "text", "text": "compare"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/a/cat.WEBP?size=large#x"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/photo"}},
            {"type": "image_url", "image_url": {"url": "https://example.com"}}
        ]}]
    }));
    assert_eq!(
        out["contents"][0]["parts"],
        json!([
            {"text": "compare"},
            {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
            {"fileData": {"mimeType": "image/webp", "fileUri": "https://example.com/a/cat.WEBP?size=large#x"}},
            {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/photo"}},
            {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com"}}
        ])
    );

    for url in [
        "data:image/png,rawbytes",
        "data:;base64,AAAA",
        "data:image/png;base64",
        "ftp://x/y.png",
    ] {
        let e = rejected(
            json!({"model": "m", "messages": [{"role": "user", "content": [
                {"type": "image_url", "image_url": {"url": url}}
            ]}]}),
        );
        assert_client_error(&e);
        assert!(
            e.message.contains("messages[0].content[0]"),
            "{}",
            e.message
        );
    }
}

#[test]
fn audio_parts_are_inlined_and_unknown_parts_refused() {
    let out = gemini(
        json!({"model": "m", "messages": [{"role": "user", "content": [
            {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}
        ]}]}),
    );
    assert_eq!(
        out["contents"][0]["parts"],
        json!([{"inlineData": {"mimeType": "audio/wav", "data": "UklGRg=="}}])
    );
    let e = rejected(
        json!({"model": "m", "messages": [{"role": "user", "content": [
            {"type": "file", "file": {"file_id": "f-1"}}
        ]}]}),
    );
    assert_client_error(&e);
    assert!(e.message.contains("`file`"));
}

#[test]
fn tools_are_declared_with_cleaned_schemas() {
    let out = gemini(json!({
        "model": "m",
        "messages": [{"role": "user", "content": "weather?"}],
        "tools": [
            {"type": "function", "function": {
                "name": "get_weather",
                "description": "Current weather",
                "strict": true,
                "parameters": {
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "city": {"type": "string", "description": "City name"},
                        "additionalProperties": {"type": "string", "additionalProperties": false},
                        "tags": {"type": "array", "items": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "properties": {"k": {"type": "string"}}
                        }},
                        "unit": {"anyOf": [
                            {"type": "string", "enum": ["c", "f"]},
                            {"type": "object", "additionalProperties": true, "properties": {"x": {"type": "number"}}}
                        ]},
                        "ref": {"$ref": "#/$defs/R"}
                    },
                    "$defs": {"R": {"type": "object", "additionalProperties": false, "properties": {"r": {"type": "integer"}}}},
                    "required": ["city"]
                }
            }},
            {"type": "function", "function": {
                "name": "now",
                "parameters": {"type": "object", "properties": {}, "required": [], "additionalProperties": false}
            }},
            {"type": "function", "function": {"name": "bare"}}
        ]
    }));
    assert_eq!(
        out["tools"],
        json!([{"functionDeclarations": [
            {
                "name": "get_weather",
                "description": "Current weather",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "city": {"type": "string", "description": "City name"},
                        "additionalProperties": {"type": "string"},
                        "tags": {"type": "array", "items": {
                            "type": "object",
                            "properties": {"k": {"type": "string"}}
                        }},
                        "unit": {"anyOf": [
                            {"type": "string", "enum": ["c", "f"]},
                            {"type": "object", "properties": {"x": {"type": "number"}}}
                        ]},
                        "ref": {"$ref": "#/$defs/R"}
                    },
                    "$defs": {"R": {"type": "object", "properties": {"r": {"type": "integer"}}}},
                    "required": ["city"]
                }
            },
            {"name": "now"},
            {"name": "bare"}
        ]}])
    );
    assert!(out.get("toolConfig").is_none());

    let e = rejected(json!({"model": "m", "messages": [],
        "tools": [{"type": "custom", "function": {"name": "x"}}]}));
    assert_client_error(&e);
}

#[test]
fn tool_choice_maps_to_function_calling_config() {
    let with = |choice: Value| {
        gemini(json!({
            "model": "m",
            "messages": [{"role": "user", "content": "x"}],
            "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}}],
            "tool_choice": choice
        }))["toolConfig"]
            .clone()
    };
    assert_eq!(
        with(json!("auto")),
        json!({"functionCallingConfig": {"mode": "AUTO"}})
    );
    assert_eq!(
        with(json!("none")),
        json!({"functionCallingConfig": {"mode": "NONE"}})
    );
    assert_eq!(
        with(json!("required")),
        json!({"functionCallingConfig": {"mode": "ANY"}})
    );
    assert_eq!(
        with(json!({"type": "function", "function": {"name": "f"}})),
        json!({"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["f"]}})
    );
    let e = rejected(json!({
        "model": "m", "messages": [],
        "tools": [{"type": "function", "function": {"name": "f"}}],
        "tool_choice": "sometimes"
    }));
    assert_client_error(&e);
    // Without declarations there is nothing to configure.
    let out = gemini(json!({"model": "m", "messages": [], "tool_choice": "none"}));
    assert!(out.get("toolConfig").is_none());
}

#[test]
fn tool_calls_and_results_round_trip_with_names_looked_up() {
    let out = gemini(json!({
        "model": "m",
        "messages": [
            {"role": "user", "content": "weather in Paris and the time?"},
            {"role": "assistant", "content": "Let me check.", "tool_calls": [
                {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
                {"id": "call_b", "type": "function", "function": {"name": "now", "arguments": ""}}
            ]},
            {"role": "tool", "tool_call_id": "call_b", "content": "12:00"},
            {"role": "tool", "tool_call_id": "call_a", "content": "{\"temp\": 21, \"sky\": \"clear\"}"},
            {"role": "tool", "tool_call_id": "call_a", "content": [{"type": "text", "text": "[1,2]"}]},
            {"role": "user", "content": "thanks"}
        ]
    }));
    assert_eq!(
        out["contents"],
        json!([
            {"role": "user", "parts": [{"text": "weather in Paris and the time?"}]},
            {"role": "model", "parts": [
                {"text": "Let me check."},
                {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}},
                {"functionCall": {"name": "now", "args": {}}}
            ]},
            {"role": "user", "parts": [
                {"functionResponse": {"name": "now", "response": {"content": "12:00"}}},
                {"functionResponse": {"name": "get_weather", "response": {"temp": 21, "sky": "clear"}}},
                {"functionResponse": {"name": "get_weather", "response": {"content": "[1,2]"}}},
                {"text": "thanks"}
            ]}
        ])
    );
}

#[test]
fn bad_tool_history_is_the_clients_mistake() {
    let unknown_id = rejected(json!({"model": "m", "messages": [
        {"role": "user", "content": "x"},
        {"role": "tool", "tool_call_id": "call_zzz", "content": "1"}
    ]}));
    assert_client_error(&unknown_id);
    assert!(unknown_id.message.contains("messages[1]"));

    for args in ["{not json", "[1, 2]"] {
        let e = rejected(json!({"model": "m", "messages": [
            {"role": "assistant", "content": null, "tool_calls": [
                {"id": "c", "type": "function", "function": {"name": "f", "arguments": args}}
            ]}
        ]}));
        assert_client_error(&e);
        assert!(e.message.contains("arguments"), "{}", e.message);
    }
}

#[test]
fn generation_config_and_dropped_fields() {
    let out = gemini(json!({
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
        "temperature": 0.2,
        "top_p": 0.9,
        "max_tokens": 100,
        "max_completion_tokens": 50,
        "stop": "END",
        "seed": 7,
        "n": 2,
        "logprobs": true,
        "user": "u-1",
        "stream": true,
        "stream_options": {"include_usage": true},
        "parallel_tool_calls": false
    }));
    assert_eq!(
        out,
        json!({
            "contents": [{"role": "user", "parts": [{"text": "x"}]}],
            "generationConfig": {
                "temperature": 0.2,
                "topP": 0.9,
                "maxOutputTokens": 50,
                "stopSequences": ["END"],
                "seed": 7,
                "candidateCount": 2
            }
        })
    );
    let bare = gemini(json!({"model": "m", "messages": [{"role": "user", "content": "x"}]}));
    assert!(bare.get("generationConfig").is_none());
    assert_client_error(&rejected(json!({"model": "m", "messages": [], "n": 0})));
    assert_client_error(&rejected(json!({"model": "m", "messages": [], "n": "two"})));
}

#[test]
fn response_format_maps_to_mime_type_and_schema() {
    let with = |format: Value| {
        gemini(json!({"model": "m", "messages": [], "response_format": format}))
            .get("generationConfig")
            .cloned()
    };
    assert_eq!(with(json!({"type": "text"})), None);
    assert_eq!(
        with(json!({"type": "json_object"})),
        Some(json!({"responseMimeType": "application/json"}))
    );
    assert_eq!(
        with(
            json!({"type": "json_schema", "json_schema": {"name": "answer", "strict": true, "schema": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "additionalProperties": false,
                "properties": {"answer": {"type": "string"}, "score": {"type": "number"}},
                "required": ["answer"]
            }}})
        ),
        Some(json!({
            "responseMimeType": "application/json",
            "responseSchema": {
                "type": "object",
                "properties": {"answer": {"type": "string"}, "score": {"type": "number"}},
                "required": ["answer"]
            }
        }))
    );
    assert_client_error(&rejected(
        json!({"model": "m", "messages": [], "response_format": {"type": "yaml"}}),
    ));
}

// ---------------------------------------------------------------------------------------------
// Response mapping
// ---------------------------------------------------------------------------------------------

fn response(body: Value) -> Result<ChatResponse, ProviderError> {
    let resp: GenerateContentResponse = serde_json::from_value(body).unwrap();
    to_chat_response("g", resp, "gemini-requested")
}

#[test]
fn text_answer_with_usage() {
    let r = response(json!({
        "candidates": [{
            "content": {"role": "model", "parts": [
                {"text": "Let me think about it", "thought": true},
                {"text": "Hello, "},
                {"text": "world."}
            ]},
            "finishReason": "STOP",
            "index": 0,
            "safetyRatings": []
        }],
        "usageMetadata": {
            "promptTokenCount": 10,
            "candidatesTokenCount": 5,
            "thoughtsTokenCount": 7,
            "cachedContentTokenCount": 4,
            "totalTokenCount": 22,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}]
        },
        "modelVersion": "gemini-2.5-flash-001",
        "responseId": "resp-1"
    }))
    .unwrap();
    assert_eq!(r.id, "resp-1");
    assert_eq!(r.object, "chat.completion");
    assert_eq!(r.model, "gemini-2.5-flash-001");
    assert!(r.created > 0);
    assert_eq!(r.choices.len(), 1);
    let c = &r.choices[0];
    assert_eq!(c.index, 0);
    assert_eq!(c.message.role, Role::Assistant);
    assert_eq!(c.message.text(), "Hello, world.");
    assert_eq!(c.message.tool_calls, None);
    assert_eq!(c.finish_reason.as_deref(), Some("stop"));
    let u = r.usage.as_ref().unwrap();
    assert_eq!(
        (u.prompt_tokens, u.completion_tokens, u.total_tokens),
        (10, 12, 22)
    );
    assert_eq!(
        u.extra["completion_tokens_details"],
        json!({"reasoning_tokens": 7})
    );
    assert_eq!(
        u.extra["prompt_tokens_details"],
        json!({"cached_tokens": 4})
    );
}

#[test]
fn function_calls_get_unique_ids_across_candidates() {
    let r = response(json!({
        "candidates": [
            {
                "content": {"role": "model", "parts": [
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris", "days": 2}}},
                    {"functionCall": {"name": "now"}}
                ]},
                "finishReason": "STOP"
            },
            {
                "content": {"role": "model", "parts": [
                    {"text": "Checking."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Lyon"}}}
                ]},
                "finishReason": "STOP",
                "index": 1
            }
        ]
    }))
    .unwrap();
    let value = serde_json::to_value(&r).unwrap();
    assert_eq!(
        value["choices"],
        json!([
            {
                "index": 0,
                "message": {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_0", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\",\"days\":2}"}},
                    {"id": "call_1", "type": "function", "function": {"name": "now", "arguments": "{}"}}
                ]},
                "finish_reason": "tool_calls"
            },
            {
                "index": 1,
                "message": {"role": "assistant", "content": "Checking.", "tool_calls": [
                    {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Lyon\"}"}}
                ]},
                "finish_reason": "tool_calls"
            }
        ])
    );
    // Neither an id nor a model version from upstream: both are filled in.
    assert!(
        r.id.starts_with("gemini-") && r.id.len() > "gemini-".len() + 30,
        "{}",
        r.id
    );
    assert_eq!(r.model, "gemini-requested");
    assert_eq!(r.usage, None);
}

#[test]
fn finish_reasons() {
    for (gemini, tools, openai) in [
        ("STOP", false, "stop"),
        ("STOP", true, "tool_calls"),
        ("MAX_TOKENS", false, "length"),
        ("MAX_TOKENS", true, "length"),
        ("SAFETY", false, "content_filter"),
        ("RECITATION", false, "content_filter"),
        ("BLOCKLIST", false, "content_filter"),
        ("PROHIBITED_CONTENT", false, "content_filter"),
        ("SPII", false, "content_filter"),
        ("IMAGE_SAFETY", false, "content_filter"),
        ("MALFORMED_FUNCTION_CALL", false, "stop"),
        ("OTHER", false, "stop"),
        ("FINISH_REASON_UNSPECIFIED", false, "stop"),
    ] {
        assert_eq!(
            finish_reason(gemini, tools),
            openai,
            "{gemini} tools={tools}"
        );
    }
    let r = response(json!({
        "candidates": [
            {"content": {"parts": [{"text": "truncat"}]}, "finishReason": "MAX_TOKENS"},
            {"finishReason": "SAFETY", "index": 1}
        ],
        "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 4}
    }))
    .unwrap();
    assert_eq!(r.choices[0].finish_reason.as_deref(), Some("length"));
    assert_eq!(
        r.choices[1].finish_reason.as_deref(),
        Some("content_filter")
    );
    assert_eq!(
        r.choices[1].message.content,
        Some(crate::types::Content::Text(String::new()))
    );
    // Without a total, the total is the sum.
    let u = r.usage.unwrap();
    assert_eq!(
        (u.prompt_tokens, u.completion_tokens, u.total_tokens),
        (3, 4, 7)
    );
    assert!(u.extra.is_empty());
}

#[test]
fn blocked_prompt_is_a_content_filtered_answer() {
    let r = response(json!({
        "promptFeedback": {"blockReason": "PROHIBITED_CONTENT", "safetyRatings": []},
        "usageMetadata": {"promptTokenCount": 9, "totalTokenCount": 9},
        "modelVersion": "gemini-2.0-flash"
    }))
    .unwrap();
    assert_eq!(r.choices.len(), 1);
    assert_eq!(r.choices[0].index, 0);
    assert_eq!(r.choices[0].message.role, Role::Assistant);
    assert_eq!(r.choices[0].message.text(), "");
    assert!(r.choices[0].message.content.is_some());
    assert_eq!(
        r.choices[0].finish_reason.as_deref(),
        Some("content_filter")
    );
    assert_eq!(r.usage.unwrap().prompt_tokens, 9);

    let e = response(json!({"usageMetadata": {"promptTokenCount": 1}})).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
}

// ---------------------------------------------------------------------------------------------
// Stream translation
// ---------------------------------------------------------------------------------------------

fn ev(data: &str) -> Result<SseEvent, ProviderError> {
    Ok(SseEvent {
        event: None,
        data: data.into(),
    })
}

async fn collect(
    events: impl futures::Stream<Item = Result<SseEvent, ProviderError>> + Send + 'static,
) -> Vec<Result<ChatChunk, ProviderError>> {
    chunks("g".into(), "gemini-requested".into(), events)
        .collect()
        .await
}

/// The bytes of a recorded `streamGenerateContent?alt=sse` answer: CRLF-delimited events, the
/// first two carrying halves of a sentence, a thought-only event, then a function call with the
/// finish reason and the final usage.
const RECORDED: &str = concat!(
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"The weather\"}],\"role\": \"model\"},\"index\": 0}],",
    "\"usageMetadata\": {\"promptTokenCount\": 12,\"totalTokenCount\": 12,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 12}]},",
    "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Abc123\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" in Paris — let me check.\"}],\"role\": \"model\"},\"index\": 0}],",
    "\"usageMetadata\": {\"promptTokenCount\": 12,\"candidatesTokenCount\": 6,\"totalTokenCount\": 18},",
    "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Abc123\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"weighing options\", \"thought\": true}],\"role\": \"model\"},\"index\": 0}],",
    "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Abc123\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"get_weather\",\"args\": {\"city\": \"Paris\"}}}],\"role\": \"model\"},",
    "\"finishReason\": \"STOP\",\"index\": 0}],",
    "\"usageMetadata\": {\"promptTokenCount\": 12,\"candidatesTokenCount\": 14,\"thoughtsTokenCount\": 30,\"totalTokenCount\": 56},",
    "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Abc123\"}\r\n\r\n",
);

#[tokio::test]
async fn recorded_stream_translates_to_openai_chunks() {
    // Split the bytes at awkward places, as a network would.
    let bytes = RECORDED.as_bytes();
    let pieces: Vec<Result<bytes::Bytes, std::io::Error>> = bytes
        .chunks(37)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let events = SseStream::new(futures::stream::iter(pieces), 1 << 20)
        .map(|r| r.map_err(|_| ProviderError::new(ErrorKind::Decode, "g", "sse")));
    let out: Vec<ChatChunk> = collect(events)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    assert_eq!(out.len(), 4, "{out:#?}");
    for c in &out {
        assert_eq!(c.id, "Abc123");
        assert_eq!(c.model, "gemini-2.5-flash");
        assert_eq!(c.object, "chat.completion.chunk");
        assert_eq!(c.created, out[0].created);
    }
    let deltas: Vec<Value> = out
        .iter()
        .map(|c| serde_json::to_value(&c.choices).unwrap())
        .collect();
    assert_eq!(
        deltas[0],
        json!([{"index": 0, "delta": {"role": "assistant", "content": "The weather"}, "finish_reason": null}])
    );
    assert_eq!(
        deltas[1],
        json!([{"index": 0, "delta": {"content": " in Paris — let me check."}, "finish_reason": null}])
    );
    assert_eq!(
        deltas[2],
        json!([{"index": 0, "delta": {"tool_calls": [{
            "index": 0,
            "id": "call_0",
            "type": "function",
            "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}
        }]}, "finish_reason": "tool_calls"}])
    );
    assert!(out[..3].iter().all(|c| c.usage.is_none()));
    let last = &out[3];
    assert!(last.choices.is_empty());
    let u = last.usage.as_ref().unwrap();
    assert_eq!(
        (u.prompt_tokens, u.completion_tokens, u.total_tokens),
        (12, 44, 56)
    );
}

#[tokio::test]
async fn stream_without_ids_or_usage() {
    let out = collect(futures::stream::iter(vec![
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"a"}],"role":"model"}}]}"#),
        ev(""),
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"b"},{"functionCall":{"name":"f","args":{}}},{"functionCall":{"name":"g","args":{"x":[1]}}}],"role":"model"},"finishReason":"MAX_TOKENS"}]}"#),
    ]))
    .await;
    let out: Vec<ChatChunk> = out.into_iter().map(Result::unwrap).collect();
    assert_eq!(out.len(), 2);
    assert!(out[0].id.starts_with("gemini-"));
    assert_eq!(out[1].id, out[0].id);
    assert_eq!(out[0].model, "gemini-requested");
    let d = &out[1].choices[0];
    assert_eq!(d.delta.role, None);
    assert_eq!(d.delta.content.as_deref(), Some("b"));
    let calls = d.delta.tool_calls.as_ref().unwrap();
    assert_eq!(
        (calls[0].index, calls[0].id.as_deref()),
        (0, Some("call_0"))
    );
    assert_eq!(
        (calls[1].index, calls[1].id.as_deref()),
        (1, Some("call_1"))
    );
    assert_eq!(
        calls[1].function.as_ref().unwrap().arguments.as_deref(),
        Some(r#"{"x":[1]}"#)
    );
    assert_eq!(d.finish_reason.as_deref(), Some("length"));
}

#[tokio::test]
async fn blocked_prompt_in_a_stream() {
    let out = collect(futures::stream::iter(vec![ev(
        r#"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5},"responseId":"r"}"#,
    )]))
    .await;
    let out: Vec<ChatChunk> = out.into_iter().map(Result::unwrap).collect();
    assert_eq!(out.len(), 2);
    let c = &out[0].choices[0];
    assert_eq!(c.delta.role, Some(Role::Assistant));
    assert_eq!(c.finish_reason.as_deref(), Some("content_filter"));
    assert_eq!(out[1].usage.as_ref().unwrap().prompt_tokens, 5);
}

#[tokio::test]
async fn a_stream_that_ends_before_a_finish_reason_is_cut() {
    let out = collect(futures::stream::iter(vec![ev(
        r#"{"candidates":[{"content":{"parts":[{"text":"The weather"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":12}}"#,
    )]))
    .await;
    assert_eq!(out.len(), 2);
    assert_eq!(
        out[0].as_ref().unwrap().choices[0].delta.content.as_deref(),
        Some("The weather")
    );
    let e = out[1].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::StreamCut);
    assert!(e.retryable);

    let out = collect(futures::stream::iter(Vec::new())).await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::StreamCut);
}

#[tokio::test]
async fn an_error_event_ends_the_stream() {
    let out = collect(futures::stream::iter(vec![
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}]}"#),
        ev(r#"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#),
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"never"}]},"finishReason":"STOP"}]}"#),
    ]))
    .await;
    assert_eq!(out.len(), 2);
    let e = out[1].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::StreamError);
    assert!(e.message.contains("UNAVAILABLE") && e.message.contains("overloaded"));
}

#[tokio::test]
async fn malformed_json_and_transport_errors_end_the_stream() {
    let out = collect(futures::stream::iter(vec![
        ev(r#"{"candidates":[{"content":{"parts":[{"te"#),
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}]}"#),
    ]))
    .await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::Decode);

    // Valid JSON of the wrong shape is just as undecodable.
    let out = collect(futures::stream::iter(vec![ev(r#"{"candidates":"nope"}"#)])).await;
    assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::Decode);

    let out = collect(futures::stream::iter(vec![
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"x"}]}}]}"#),
        Err(ProviderError::new(ErrorKind::IdleTimeout, "g", "quiet")),
        ev(r#"{"candidates":[{"content":{"parts":[{"text":"y"}]},"finishReason":"STOP"}]}"#),
    ]))
    .await;
    assert_eq!(out.len(), 2);
    assert_eq!(out[1].as_ref().unwrap_err().kind, ErrorKind::IdleTimeout);
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

fn client(base_url: &str) -> GeminiClient {
    let cfg = GeminiConfig {
        name: "g".into(),
        base_url: base_url.into(),
        api_key: Some(Secret::new("AIza-secret-key")),
        timeouts: crate::http::Timeouts::default(),
    };
    GeminiClient::new(cfg, reqwest::Client::new()).unwrap()
}

#[tokio::test]
async fn bad_model_names_are_refused_before_sending() {
    // Nothing listens on this address: a request that went out would fail with Connect.
    let c = client("http://127.0.0.1:9/v1beta/");
    assert_eq!(c.name(), "g");
    assert!(!format!("{c:?}").contains("AIza-secret-key"));
    for model in ["models/gemini-pro", "gemini?key=x", "gemini#x", ""] {
        let r = req(json!({"model": model, "messages": [{"role": "user", "content": "x"}]}));
        let e = c.chat(&r, &CallCx::new("rid")).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{model}");
        let e = c.chat_stream(&r, &CallCx::new("rid")).await.err().unwrap();
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{model}");
    }
    assert_eq!(
        GeminiClient::new(GeminiConfig::new("x"), reqwest::Client::new())
            .unwrap()
            .name(),
        "x"
    );
}

/// A one-shot HTTP/1.1 server: answers one request with `content_type` and `body`, and hands back
/// the raw request it received.
async fn one_shot_server(
    content_type: &'static str,
    body: String,
) -> (String, tokio::task::JoinHandle<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = Vec::new();
        let mut tmp = [0u8; 4096];
        loop {
            let n = sock.read(&mut tmp).await.unwrap();
            assert!(n > 0, "client closed early");
            buf.extend_from_slice(&tmp[..n]);
            let text = String::from_utf8_lossy(&buf).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let len = text[..end]
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0usize);
                if buf.len() >= end + 4 + len {
                    break;
                }
            }
        }
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        sock.write_all(head.as_bytes()).await.unwrap();
        sock.write_all(body.as_bytes()).await.unwrap();
        sock.shutdown().await.unwrap();
        String::from_utf8(buf).unwrap()
    });
    (format!("http://{addr}/v1beta/"), handle)
}

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.split("\r\n\r\n").next()?.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[tokio::test]
async fn chat_posts_generate_content_with_the_key_in_a_header() {
    let answer = json!({
        "candidates": [{"content": {"role": "model", "parts": [{"text": "Bonjour"}]}, "finishReason": "STOP", "index": 0}],
        "usageMetadata": {"promptTokenCount": 4, "candidatesTokenCount": 2, "totalTokenCount": 6},
        "modelVersion": "gemini-2.5-flash",
        "responseId": "r-1"
    });
    let (base, server) = one_shot_server("application/json", answer.to_string()).await;
    let c = client(&base);
    let r = req(json!({
        "model": "gemini-2.5-flash",
        "messages": [{"role": "system", "content": "French only"}, {"role": "user", "content": "hello"}],
        "max_tokens": 20
    }));
    let resp = c.chat(&r, &CallCx::new("req-42")).await.unwrap();
    assert_eq!(resp.id, "r-1");
    assert_eq!(resp.choices[0].message.text(), "Bonjour");
    assert_eq!(resp.usage.unwrap().total_tokens, 6);

    let raw = server.await.unwrap();
    let request_line = raw.lines().next().unwrap();
    assert_eq!(
        request_line,
        "POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1"
    );
    assert!(!request_line.contains("AIza"));
    assert_eq!(header(&raw, "x-goog-api-key"), Some("AIza-secret-key"));
    assert_eq!(header(&raw, "x-request-id"), Some("req-42"));
    let body: Value = serde_json::from_str(raw.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "systemInstruction": {"parts": [{"text": "French only"}]},
            "contents": [{"role": "user", "parts": [{"text": "hello"}]}],
            "generationConfig": {"maxOutputTokens": 20}
        })
    );
}

#[tokio::test]
async fn chat_stream_reads_server_sent_events() {
    let (base, server) = one_shot_server("text/event-stream", RECORDED.to_owned()).await;
    let c = client(&base);
    let r = req(json!({"model": "gemini-2.5-flash", "stream": true,
        "messages": [{"role": "user", "content": "weather in Paris?"}]}));
    let stream = c.chat_stream(&r, &CallCx::new("req-7")).await.unwrap();
    let out: Vec<ChatChunk> = stream.map(Result::unwrap).collect().await;
    assert_eq!(out.len(), 4);
    assert_eq!(out[3].usage.as_ref().unwrap().total_tokens, 56);

    let raw = server.await.unwrap();
    assert_eq!(
        raw.lines().next().unwrap(),
        "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1"
    );
    assert_eq!(header(&raw, "x-goog-api-key"), Some("AIza-secret-key"));
}

#[tokio::test]
async fn a_json_answer_to_a_stream_request_is_a_decode_error() {
    let (base, _server) = one_shot_server("application/json", "{}".into()).await;
    let r = req(json!({"model": "gemini-2.5-flash", "messages": []}));
    let e = client(&base)
        .chat_stream(&r, &CallCx::new("r"))
        .await
        .err()
        .unwrap();
    assert_eq!(e.kind, ErrorKind::Decode);
}

#[test]
fn api_key_header_is_sensitive() {
    let c = client(DEFAULT_BASE_URL);
    let v = c.headers.get("x-goog-api-key").unwrap();
    assert!(v.is_sensitive());
}
