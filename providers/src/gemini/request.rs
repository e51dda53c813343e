//! Canonical (OpenAI-shaped) request → Gemini `GenerateContentRequest`.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::types::{
    Blob, Content, FileData, FunctionCall, FunctionCallingConfig, FunctionCallingMode,
    FunctionDeclaration, FunctionResponse, GenerateContentRequest, GenerationConfig, Part, Tool,
    ToolConfig,
};
use crate::types::{self as canon, ChatRequest, Message, Role, ToolChoice};
use crate::{ErrorKind, ProviderError};

const USER: &str = "user";
const MODEL: &str = "model";

/// Translates a canonical request. Fails with `InvalidRequest` (origin client) on input Gemini
/// cannot express: unparseable tool-call arguments, tool results that name no earlier call,
/// content part kinds it has no counterpart for.
pub fn to_gemini_request(
    provider: &str,
    req: &ChatRequest,
) -> Result<GenerateContentRequest, ProviderError> {
    let invalid = |msg: String| ProviderError::new(ErrorKind::InvalidRequest, provider, msg);

    let mut system = Vec::new();
    let mut contents: Vec<Content> = Vec::new();
    // OpenAI tool results carry only the call id; Gemini wants the function's name.
    let mut call_names: HashMap<&str, &str> = HashMap::new();

    for (i, msg) in req.messages.iter().enumerate() {
        match msg.role {
            // Gemini has a single system instruction, so system turns anywhere in the
            // conversation are gathered there in order.
            Role::System | Role::Developer => {
                let text = msg.text();
                if !text.is_empty() {
                    system.push(Part::text(text));
                }
            }
            Role::User => {
                let parts = content_parts(msg, i).map_err(invalid)?;
                push(&mut contents, USER, parts);
            }
            Role::Assistant => {
                let mut parts = content_parts(msg, i).map_err(invalid)?;
                for call in msg.tool_calls.iter().flatten() {
                    if call.kind != "function" {
                        return Err(invalid(format!(
                            "messages[{i}]: tool call type `{}` is not supported by Gemini",
                            call.kind
                        )));
                    }
                    let args = parse_arguments(&call.function.arguments)
                        .map_err(|e| invalid(format!("messages[{i}]: {e}")))?;
                    call_names.insert(call.id.as_str(), call.function.name.as_str());
                    parts.push(Part {
                        function_call: Some(FunctionCall {
                            name: call.function.name.clone(),
                            args: Some(args),
                        }),
                        ..Part::default()
                    });
                }
                push(&mut contents, MODEL, parts);
            }
            Role::Tool | Role::Function => {
                let name = msg
                    .tool_call_id
                    .as_deref()
                    .and_then(|id| call_names.get(id).copied())
                    .or(msg.name.as_deref())
                    .ok_or_else(|| {
                        invalid(format!(
                            "messages[{i}]: tool result does not match any earlier tool call"
                        ))
                    })?;
                let part = Part {
                    function_response: Some(FunctionResponse {
                        name: name.to_owned(),
                        response: tool_response(msg),
                    }),
                    ..Part::default()
                };
                // Consecutive results merge into one user turn, which is what Gemini expects
                // after a model turn with several parallel calls.
                push(&mut contents, USER, vec![part]);
            }
        }
    }

    let declarations = function_declarations(req).map_err(invalid)?;
    let tool_config = if declarations.is_empty() {
        // A calling config without declarations is rejected, and is meaningless anyway.
        None
    } else {
        tool_config(req.tool_choice.as_ref()).map_err(invalid)?
    };
    let tools = if declarations.is_empty() {
        Vec::new()
    } else {
        vec![Tool {
            function_declarations: declarations,
        }]
    };

    let generation_config = generation_config(req).map_err(invalid)?;

    Ok(GenerateContentRequest {
        contents,
        system_instruction: (!system.is_empty()).then_some(Content {
            role: None,
            parts: system,
        }),
        tools,
        tool_config,
        generation_config: (!generation_config.is_empty()).then_some(generation_config),
    })
}

/// Appends a turn, merging it into the previous one when the role repeats: Gemini wants user and
/// model turns to alternate.
fn push(contents: &mut Vec<Content>, role: &str, parts: Vec<Part>) {
    if parts.is_empty() {
        return;
    }
    match contents.last_mut() {
        Some(last) if last.role.as_deref() == Some(role) => last.parts.extend(parts),
        _ => contents.push(Content {
            role: Some(role.to_owned()),
            parts,
        }),
    }
}

fn content_parts(msg: &Message, i: usize) -> Result<Vec<Part>, String> {
    let Some(content) = &msg.content else {
        return Ok(Vec::new());
    };
    let parts = match content {
        // Gemini rejects empty text parts.
        canon::Content::Text(text) if text.is_empty() => Vec::new(),
        canon::Content::Text(text) => vec![Part::text(text.clone())],
        canon::Content::Parts(parts) => {
            let mut out = Vec::with_capacity(parts.len());
            for (j, part) in parts.iter().enumerate() {
                let at = |e: String| format!("messages[{i}].content[{j}]: {e}");
                if let Some(p) = content_part(part).map_err(at)? {
                    out.push(p);
                }
            }
            out
        }
    };
    Ok(parts)
}

#[derive(Deserialize)]
struct InputAudio {
    data: String,
    format: String,
}

fn content_part(part: &canon::ContentPart) -> Result<Option<Part>, String> {
    match part.kind.as_str() {
        "text" => Ok(part
            .text
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(Part::text)),
        // An assistant turn replayed from an earlier answer may carry its refusal as a part.
        "refusal" => Ok(part
            .extra
            .get("refusal")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(Part::text)),
        "image_url" => {
            let image = part
                .image_url
                .as_ref()
                .ok_or("an image_url part without image_url")?;
            image_part(&image.url).map(Some)
        }
        "input_audio" => {
            let audio = part
                .extra
                .get("input_audio")
                .ok_or("an input_audio part without data")?;
            let audio = InputAudio::deserialize(audio).map_err(|e| format!("input_audio: {e}"))?;
            Ok(Some(Part {
                inline_data: Some(Blob {
                    mime_type: format!("audio/{}", audio.format.to_ascii_lowercase()),
                    data: audio.data,
                }),
                ..Part::default()
            }))
        }
        other => Err(format!(
            "content part type `{other}` is not supported by Gemini"
        )),
    }
}

fn image_part(url: &str) -> Result<Part, String> {
    if let Some(rest) = strip_prefix_ignore_case(url, "data:") {
        let (meta, data) = rest.split_once(',').ok_or("malformed data URL")?;
        let mut params = meta.split(';');
        let mime = params.next().unwrap_or_default().trim();
        if mime.is_empty() || !params.any(|p| p.trim().eq_ignore_ascii_case("base64")) {
            return Err("image data URLs must be `data:<mime type>;base64,<data>`".into());
        }
        return Ok(Part {
            inline_data: Some(Blob {
                mime_type: mime.to_ascii_lowercase(),
                data: data.to_owned(),
            }),
            ..Part::default()
        });
    }
    if strip_prefix_ignore_case(url, "https://").is_some()
        || strip_prefix_ignore_case(url, "http://").is_some()
    {
        return Ok(Part {
            file_data: Some(FileData {
                mime_type: Some(guess_image_mime(url).to_owned()),
                file_uri: url.to_owned(),
            }),
            ..Part::default()
        });
    }
    Err("image URLs must be data URLs or http(s) URLs".into())
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Gemini wants a MIME type with every file reference; the URL's extension is all we have.
fn guess_image_mime(url: &str) -> &'static str {
    let without_query = url.split(['?', '#']).next().unwrap_or_default();
    let path = without_query
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(without_query);
    let Some((_, path)) = path.split_once('/') else {
        return "image/jpeg";
    };
    let file = path.rsplit('/').next().unwrap_or_default();
    let ext = file
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "heic" => "image/heic",
        "heif" => "image/heif",
        _ => "image/jpeg",
    }
}

fn parse_arguments(arguments: &str) -> Result<Value, String> {
    // Some clients send "" for a call without arguments.
    if arguments.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    match serde_json::from_str::<Value>(arguments) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err("tool call arguments must be a JSON object".into()),
        Err(e) => Err(format!("tool call arguments are not valid JSON: {e}")),
    }
}

/// Gemini's `response` must be an object: a JSON object result is passed as is, anything else is
/// wrapped.
fn tool_response(msg: &Message) -> Value {
    let text = msg.text();
    match serde_json::from_str::<Value>(&text) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            let mut wrapped = Map::new();
            wrapped.insert("content".into(), Value::String(text));
            Value::Object(wrapped)
        }
    }
}

fn function_declarations(req: &ChatRequest) -> Result<Vec<FunctionDeclaration>, String> {
    let mut out = Vec::new();
    for (i, tool) in req.tools.iter().flatten().enumerate() {
        if tool.kind != "function" {
            return Err(format!(
                "tools[{i}]: tool type `{}` is not supported by Gemini",
                tool.kind
            ));
        }
        let parameters = tool
            .function
            .parameters
            .as_ref()
            .map(clean_schema)
            .filter(|schema| !is_empty_object_schema(schema));
        out.push(FunctionDeclaration {
            name: tool.function.name.clone(),
            description: tool.function.description.clone(),
            parameters,
        });
    }
    Ok(out)
}

/// Gemini rejects an object schema without properties ("should be non-empty for OBJECT type");
/// a declaration without `parameters` says the same thing, so the schema is left out.
fn is_empty_object_schema(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return false;
    };
    let no_properties = match map.get("properties") {
        None => true,
        Some(Value::Object(p)) => p.is_empty(),
        Some(_) => false,
    };
    map.get("type").and_then(Value::as_str) == Some("object")
        && no_properties
        && !["anyOf", "oneOf", "allOf", "$ref"]
            .iter()
            .any(|k| map.contains_key(*k))
}

/// Returns `schema` without the keywords Gemini's OpenAPI-subset schema refuses. The walk follows
/// only schema positions, so a *property* named `additionalProperties` survives.
pub fn clean_schema(schema: &Value) -> Value {
    let mut schema = schema.clone();
    clean_schema_in_place(&mut schema);
    schema
}

fn clean_schema_in_place(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            map.remove("$schema");
            map.remove("additionalProperties");
            for key in ["properties", "patternProperties", "$defs", "definitions"] {
                if let Some(Value::Object(children)) = map.get_mut(key) {
                    children.values_mut().for_each(clean_schema_in_place);
                }
            }
            for key in [
                "items",
                "prefixItems",
                "additionalItems",
                "contains",
                "not",
                "if",
                "then",
                "else",
                "anyOf",
                "oneOf",
                "allOf",
            ] {
                if let Some(child) = map.get_mut(key) {
                    clean_schema_in_place(child);
                }
            }
        }
        // The list forms: `anyOf: [...]`, tuple `items: [...]`.
        Value::Array(items) => items.iter_mut().for_each(clean_schema_in_place),
        _ => {}
    }
}

fn tool_config(choice: Option<&ToolChoice>) -> Result<Option<ToolConfig>, String> {
    let (mode, allowed) = match choice {
        None => return Ok(None),
        Some(ToolChoice::Mode(mode)) => match mode.as_str() {
            "auto" => (FunctionCallingMode::Auto, None),
            "none" => (FunctionCallingMode::None, None),
            "required" => (FunctionCallingMode::Any, None),
            other => return Err(format!("unknown tool_choice `{other}`")),
        },
        Some(ToolChoice::Named(named)) => (
            FunctionCallingMode::Any,
            Some(vec![named.function.name.clone()]),
        ),
    };
    Ok(Some(ToolConfig {
        function_calling_config: FunctionCallingConfig {
            mode,
            allowed_function_names: allowed,
        },
    }))
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ResponseFormat {
    Text,
    JsonObject,
    JsonSchema { json_schema: JsonSchemaFormat },
}

#[derive(Deserialize)]
struct JsonSchemaFormat {
    #[serde(default)]
    schema: Option<Value>,
}

fn generation_config(req: &ChatRequest) -> Result<GenerationConfig, String> {
    let candidate_count = match req.extra.get("n") {
        None | Some(Value::Null) => None,
        Some(n) => Some(
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n >= 1)
                .ok_or("`n` must be a positive integer")?,
        ),
    };
    let mut config = GenerationConfig {
        temperature: req.temperature,
        top_p: req.top_p,
        max_output_tokens: req.max_output_tokens(),
        stop_sequences: req.stop_sequences(),
        seed: req.seed,
        candidate_count,
        response_mime_type: None,
        response_schema: None,
    };
    match req.extra.get("response_format") {
        None | Some(Value::Null) => {}
        Some(format) => match ResponseFormat::deserialize(format)
            .map_err(|e| format!("unsupported response_format: {e}"))?
        {
            ResponseFormat::Text => {}
            ResponseFormat::JsonObject => {
                config.response_mime_type = Some("application/json".into());
            }
            ResponseFormat::JsonSchema { json_schema } => {
                config.response_mime_type = Some("application/json".into());
                config.response_schema = json_schema.schema.as_ref().map(clean_schema);
            }
        },
    }
    Ok(config)
}
