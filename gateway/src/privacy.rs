//! The policy's `redact` action on canonical requests and answers: findings become placeholders
//! in every text of the request (earlier turns and tool arguments included), and the originals
//! go back into the answer — whole, or chunk by chunk while it streams.

use std::collections::HashMap;
use std::sync::Arc;

use classifiers::redact::{StreamRestorer, apply, restore};
use futures::StreamExt;
use providers::types::{ChunkChoice, Content, Delta, FunctionCallDelta, ToolCallDelta};
use providers::{ChatChunk, ChatRequest, ChatResponse, ChatStream};

/// `(placeholder, original)` rows, as made by [`classifiers::redact::redact`].
pub type Table = Arc<Vec<(String, String)>>;

fn each_text(content: &mut Content, f: &dyn Fn(&str) -> String) {
    match content {
        Content::Text(t) => *t = f(t),
        Content::Parts(parts) => {
            for p in parts {
                if let Some(t) = &mut p.text {
                    *t = f(t);
                }
            }
        }
    }
}

/// Replaces every original in the request's texts with its placeholder.
pub fn redact_request(req: &mut ChatRequest, table: &[(String, String)]) {
    let f = |t: &str| apply(t, table);
    for m in &mut req.messages {
        if let Some(c) = &mut m.content {
            each_text(c, &f);
        }
        for call in m.tool_calls.iter_mut().flatten() {
            call.function.arguments = f(&call.function.arguments);
        }
    }
}

/// Puts the originals back into a whole answer.
pub fn restore_response(resp: &mut ChatResponse, table: &[(String, String)]) {
    let f = |t: &str| restore(t, table);
    for choice in &mut resp.choices {
        if let Some(c) = &mut choice.message.content {
            each_text(c, &f);
        }
        for call in choice.message.tool_calls.iter_mut().flatten() {
            call.function.arguments = f(&call.function.arguments);
        }
    }
}

/// One restorer per (choice, tool call or `None` for the content).
type Restorers = HashMap<(u32, Option<u32>), StreamRestorer>;

struct Restoring {
    inner: ChatStream,
    table: Table,
    restorers: Restorers,
    /// id, created and model of the last chunk, for a closing chunk of held-back text.
    last: Option<(String, u64, String)>,
}

impl Restoring {
    fn restorer(&mut self, key: (u32, Option<u32>)) -> &mut StreamRestorer {
        let table = &self.table;
        self.restorers
            .entry(key)
            .or_insert_with(|| StreamRestorer::new(table))
    }

    fn push(&mut self, chunk: &mut ChatChunk) {
        for choice in &mut chunk.choices {
            let index = choice.index;
            if let Some(text) = &choice.delta.content {
                let out = self.restorer((index, None)).push(text);
                choice.delta.content = Some(out);
            }
            for call in choice.delta.tool_calls.iter_mut().flatten() {
                if let Some(args) = call.function.as_mut().and_then(|f| f.arguments.as_mut()) {
                    *args = self.restorer((index, Some(call.index))).push(args);
                }
            }
            if choice.finish_reason.is_some() {
                self.flush_choice(choice);
            }
        }
    }

    /// Appends whatever the choice's restorers still hold.
    fn flush_choice(&mut self, choice: &mut ChunkChoice) {
        let mut keys: Vec<(u32, Option<u32>)> = self
            .restorers
            .keys()
            .filter(|k| k.0 == choice.index)
            .copied()
            .collect();
        keys.sort_unstable();
        for key in keys {
            let Some(mut r) = self.restorers.remove(&key) else {
                continue;
            };
            let rest = r.finish();
            if rest.is_empty() {
                continue;
            }
            match key.1 {
                None => choice
                    .delta
                    .content
                    .get_or_insert_with(String::new)
                    .push_str(&rest),
                Some(tool) => {
                    let calls = choice.delta.tool_calls.get_or_insert_with(Vec::new);
                    let call = match calls.iter().position(|c| c.index == tool) {
                        Some(i) => &mut calls[i],
                        None => {
                            calls.push(ToolCallDelta {
                                index: tool,
                                id: None,
                                kind: None,
                                function: None,
                            });
                            let last = calls.len() - 1;
                            &mut calls[last]
                        }
                    };
                    call.function
                        .get_or_insert_with(FunctionCallDelta::default)
                        .arguments
                        .get_or_insert_with(String::new)
                        .push_str(&rest);
                }
            }
        }
    }

    /// A last chunk carrying text held back from choices that never finished.
    fn closing(&mut self) -> Option<ChatChunk> {
        let (id, created, model) = self.last.clone()?;
        let mut indices: Vec<u32> = self.restorers.keys().map(|k| k.0).collect();
        indices.sort_unstable();
        indices.dedup();
        let mut choices = Vec::new();
        for index in indices {
            let mut choice = ChunkChoice {
                index,
                delta: Delta::default(),
                finish_reason: None,
                extra: Default::default(),
            };
            self.flush_choice(&mut choice);
            if choice.delta != Delta::default() {
                choices.push(choice);
            }
        }
        (!choices.is_empty()).then(|| ChatChunk {
            choices,
            ..ChatChunk::delta(&id, created, &model, Delta::default(), None)
        })
    }
}

/// Restores placeholders in a streamed answer. Text that could be the start of a placeholder is
/// held back until the next chunk decides it, and flushed with the choice's finishing chunk.
pub fn restore_stream(inner: ChatStream, table: Table) -> ChatStream {
    let state = Restoring {
        inner,
        table,
        restorers: HashMap::new(),
        last: None,
    };
    Box::pin(futures::stream::unfold(Some(state), |state| async move {
        let mut st = state?;
        match st.inner.next().await {
            Some(Ok(mut chunk)) => {
                st.last = Some((chunk.id.clone(), chunk.created, chunk.model.clone()));
                st.push(&mut chunk);
                Some((Ok(chunk), Some(st)))
            }
            Some(Err(e)) => Some((Err(e), None)),
            None => st.closing().map(|c| (Ok(c), None)),
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::types::{Message, Role};

    fn table() -> Table {
        Arc::new(vec![
            ("[CARD_1]".to_owned(), "4111 1111 1111 1111".to_owned()),
            ("[EMAIL_1]".to_owned(), "ann@corp.io".to_owned()),
        ])
    }

    #[test]
    fn requests_lose_every_copy_of_a_value() {
        let mut req: ChatRequest = serde_json::from_value(serde_json::json!({
            "model": "m",
            "messages": [
                {"role": "user", "content": "card 4111 1111 1111 1111, mail ann@corp.io"},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function",
                    "function": {"name": "pay", "arguments": "{\"card\":\"4111 1111 1111 1111\"}"}}]},
                {"role": "user", "content": [{"type": "text", "text": "again: ann@corp.io"}]}
            ]
        }))
        .unwrap();
        redact_request(&mut req, &table());
        let text = serde_json::to_string(&req).unwrap();
        assert!(!text.contains("4111") && !text.contains("ann@"), "{text}");
        assert!(
            text.contains("[CARD_1]") && text.contains("again: [EMAIL_1]"),
            "{text}"
        );
    }

    #[test]
    fn whole_answers_get_the_originals_back() {
        let mut resp = ChatResponse {
            id: "r".into(),
            object: "chat.completion".into(),
            created: 0,
            model: "m".into(),
            choices: vec![providers::types::Choice {
                index: 0,
                message: Message::new(Role::Assistant, "Charged [CARD_1]; receipt to [EMAIL_1]."),
                finish_reason: Some("stop".into()),
                extra: Default::default(),
            }],
            usage: None,
            extra: Default::default(),
        };
        restore_response(&mut resp, &table());
        assert_eq!(
            resp.choices[0].message.content.as_ref().unwrap().text(),
            "Charged 4111 1111 1111 1111; receipt to ann@corp.io."
        );
    }

    fn piece(text: &str, finish: Option<&str>) -> Result<ChatChunk, providers::ProviderError> {
        Ok(ChatChunk::delta(
            "c",
            1,
            "m",
            Delta {
                content: Some(text.into()),
                ..Default::default()
            },
            finish.map(str::to_owned),
        ))
    }

    async fn collect(items: Vec<Result<ChatChunk, providers::ProviderError>>) -> String {
        let s: ChatStream = Box::pin(futures::stream::iter(items));
        restore_stream(s, table())
            .map(|c| {
                c.unwrap()
                    .choices
                    .iter()
                    .filter_map(|ch| ch.delta.content.clone())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .await
            .concat()
    }

    #[tokio::test]
    async fn streams_restore_placeholders_split_across_chunks() {
        let out = collect(vec![
            piece("Charged [CA", None),
            piece("RD_1] and mailed [EMA", None),
            piece("IL_1", None),
            piece("]", Some("stop")),
        ])
        .await;
        assert_eq!(out, "Charged 4111 1111 1111 1111 and mailed ann@corp.io");
        // A stream that ends without a finishing chunk still gets its held-back text.
        let out = collect(vec![piece("to [EMAIL_", None)]).await;
        assert_eq!(out, "to [EMAIL_");
    }
}
