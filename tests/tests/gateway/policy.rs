//! The classify and decide phases end to end: `strata/auto` routes by privacy and difficulty,
//! the privacy ceiling holds with every tier up and with the edge down, redaction sends
//! placeholders and returns originals, budgets degrade, tenants authenticate, rules deny.

use serde_json::json;
use strata_tests::harness::{Harness, TEST_KEY, sse_data};
use strata_tests::mock::{MockUpstream, Reply, fixtures};

const CARD_PROMPT: &str = "Please charge my card 4968 8719 3932 5243 for the order and confirm.";
const EMAIL: &str = "greta.lindqvist@posteo.de";
const HARD_PROMPT: &str = "Design a Byzantine-fault-tolerant atomic commit protocol for five replicas under partial synchrony, prove its safety and liveness, and analyse its message complexity.";

/// Three OpenAI-compatible mocks as the edge, community and cloud tiers; `extra` is appended.
fn tiers_config(
    edge: &MockUpstream,
    community: &MockUpstream,
    cloud: &MockUpstream,
    extra: &str,
) -> String {
    let mut toml = String::new();
    for (name, m) in [("local", edge), ("pool", community), ("vendor", cloud)] {
        toml.push_str(&format!(
            "[providers.{name}]\nkind = \"openai\"\nbase_url = \"{}/v1\"\napi_key_env = \"KEY\"\n",
            m.url()
        ));
    }
    toml.push_str(
        "[[models]]\nname = \"small\"\nprovider = \"local\"\ntier = \"edge\"\n\
         [[models]]\nname = \"mid\"\nprovider = \"pool\"\ntier = \"community\"\n\
         [[models]]\nname = \"big\"\nprovider = \"vendor\"\ntier = \"cloud\"\nprice = { input = 1000.0, output = 1000.0 }\n",
    );
    toml.push_str(extra);
    toml
}

fn ask(model: &str, text: &str) -> serde_json::Value {
    json!({"model": model, "messages": [{"role": "user", "content": text}]})
}

async fn mocks() -> (MockUpstream, MockUpstream, MockUpstream) {
    let reply = |who: &str| {
        vec![Reply::json(
            200,
            fixtures::openai_completion(&format!("from {who}")),
        )]
    };
    (
        MockUpstream::start(reply("edge")).await,
        MockUpstream::start(reply("community")).await,
        MockUpstream::start(reply("cloud")).await,
    )
}

async fn content(resp: reqwest::Response) -> String {
    let v: serde_json::Value = resp.json().await.unwrap();
    v["choices"][0]["message"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_card_number_is_answered_by_the_edge_and_the_cloud_sees_nothing() {
    let (edge, community, cloud) = mocks().await;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, "")).await;
    for model in ["strata/auto", "big", "strata/cloud"] {
        let resp = gw
            .post("/v1/chat/completions", &ask(model, CARD_PROMPT))
            .await;
        assert_eq!(resp.status(), 200, "{model}");
        let h = resp.headers().clone();
        assert_eq!(h["x-strata-rule"], "private-stays-on-edge");
        assert_eq!(h["x-strata-tier"], "edge");
        let privacy = h["x-strata-privacy"].to_str().unwrap();
        assert!(
            privacy.starts_with("private;") && privacy.contains("findings=credit_card"),
            "{privacy}"
        );
        assert!(!privacy.contains("4968"), "{privacy}");
        assert_eq!(content(resp).await, "from edge");
    }
    assert_eq!((edge.calls(), community.calls(), cloud.calls()), (3, 0, 0));
}

#[tokio::test]
async fn with_the_edge_down_a_private_prompt_gets_a_503_and_never_escalates() {
    let (edge, community, cloud) = mocks().await;
    edge.set_replies(vec![fixtures::openai_error(503, "edge is down")]);
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, "")).await;
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", CARD_PROMPT))
        .await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["x-strata-rule"], "private-stays-on-edge");
    let body: serde_json::Value = resp.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("the prompt is private"), "{message}");
    assert!(message.contains("credit_card"), "{message}");
    assert!(!message.contains("4968"), "{message}");
    assert_eq!((community.calls(), cloud.calls()), (0, 0));

    // The same through the Anthropic front, and streaming.
    let resp = gw
        .post(
            "/v1/messages",
            &json!({"model": "strata/auto", "max_tokens": 20, "stream": true,
                    "messages": [{"role": "user", "content": CARD_PROMPT}]}),
        )
        .await;
    assert_eq!(resp.status(), 503);
    assert_eq!((community.calls(), cloud.calls()), (0, 0));
}

#[tokio::test]
async fn no_model_allowed_to_see_a_private_prompt_is_a_clear_503() {
    let (edge, community, cloud) = mocks().await;
    // Only community and cloud: nothing may see a private prompt.
    let toml = tiers_config(&edge, &community, &cloud, "")
        .replace("tier = \"edge\"", "tier = \"community\"");
    let gw = Harness::start(&toml).await;
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", CARD_PROMPT))
        .await;
    assert_eq!(resp.status(), 503);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "no_allowed_tier");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("ceiling redacted"), "{message}");
    assert_eq!(edge.calls() + community.calls() + cloud.calls(), 0);
}

/// Redaction first, then route by difficulty to the cloud; the threshold keeps the redacted text
/// from counting as private on the model's score alone.
const REDACT_POLICY: &str = r#"
[policy]
redact_private = true
private_threshold = 0.99
[[policy.rules]]
name = "everything-public-to-cloud"
when = { private = false, findings = ["any"] }
to = ["cloud"]
"#;

#[tokio::test]
async fn redaction_sends_placeholders_upstream_and_returns_the_originals() {
    let (edge, community, cloud) = mocks().await;
    cloud.set_replies(vec![Reply::json(
        200,
        fixtures::openai_completion("Done: the receipt goes to [EMAIL_1], card [CARD_1] charged."),
    )]);
    // The operator's rule runs before the defaults; with the redact rule among the defaults it
    // would come too late, so this policy lists the redact rule itself. A threshold of 1 leaves
    // the decision on the redacted text to the findings: the model scores a short text of
    // placeholders as private (the model card's redacted-prompt figures), and this test is
    // about what goes upstream and comes back.
    let policy = r#"
[policy]
private_threshold = 1.0
default_rules = false
[[policy.rules]]
name = "redact-first"
when = { private = true }
action = "redact"
[[policy.rules]]
name = "still-private"
when = { private = true }
action = "keep_local"
[[policy.rules]]
name = "to-cloud"
to = ["cloud"]
"#;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, policy)).await;
    let text = format!("Charge card 4968 8719 3932 5243 and email the receipt to {EMAIL}.");
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", &text))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-rule"], "to-cloud");
    let privacy = resp.headers()["x-strata-privacy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(privacy.contains("sent=redacted"), "{privacy}");
    assert_eq!(
        content(resp).await,
        format!("Done: the receipt goes to {EMAIL}, card 4968 8719 3932 5243 charged.")
    );
    let sent = cloud.last_request().unwrap().json();
    let upstream_text = sent["messages"][0]["content"].as_str().unwrap();
    assert_eq!(
        upstream_text,
        "Charge card [CARD_1] and email the receipt to [EMAIL_1]."
    );
    assert_eq!(edge.calls(), 0);

    // Streaming: a placeholder split across chunks comes back whole.
    cloud.set_replies(vec![Reply::sse(fixtures::openai_stream(&[
        "Mailed [EMA",
        "IL_1",
        "] ok",
    ]))]);
    let mut body = ask("strata/auto", &text);
    body["stream"] = json!(true);
    let resp = gw.post("/v1/chat/completions", &body).await;
    assert_eq!(resp.status(), 200);
    let raw = resp.text().await.unwrap();
    let streamed: String = sse_data(&raw)
        .iter()
        .filter(|d| d.as_str() != "[DONE]")
        .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .filter_map(|v| {
            v["choices"][0]["delta"]["content"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(streamed, format!("Mailed {EMAIL} ok"));
    assert!(!raw.contains("[EMAIL_1]"), "{raw}");

    // The shipped switch does the same with the default rules.
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, REDACT_POLICY)).await;
    cloud.set_replies(vec![Reply::json(
        200,
        fixtures::openai_completion("ok [EMAIL_1]"),
    )]);
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", &text))
        .await;
    assert_eq!(
        resp.headers()["x-strata-rule"],
        "everything-public-to-cloud"
    );
    assert_eq!(content(resp).await, format!("ok {EMAIL}"));
    assert!(!String::from_utf8_lossy(&cloud.last_request().unwrap().body).contains(EMAIL));
}

#[tokio::test]
async fn a_marked_confidential_document_is_not_redacted_away() {
    let (edge, community, cloud) = mocks().await;
    // A threshold of 1 clears every redacted text on the model's score: only the findings
    // decide. The card and the address would be redacted and the prompt sent to the cloud; the
    // marking keeps the document under it on the edge.
    let policy = REDACT_POLICY.replace("private_threshold = 0.99", "private_threshold = 1.0");
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, &policy)).await;
    let notice = "The team lunch moves to Friday at noon; book the table with card 4968 8719 3932 5243 \
                  and send the receipt to";
    let send = |text: String| {
        let gw = &gw;
        async move {
            let resp = gw
                .post("/v1/chat/completions", &ask("strata/auto", &text))
                .await;
            assert_eq!(resp.status(), 200);
            resp.headers()["x-strata-privacy"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    let privacy = send(format!("Tidy this notice:\n\n{notice} {EMAIL}.")).await;
    assert!(privacy.contains("sent=redacted"), "{privacy}");
    assert_eq!(cloud.calls(), 1);

    let privacy = send(format!(
        "Tidy this notice:\n\nCONFIDENTIAL\n\n{notice} {EMAIL}."
    ))
    .await;
    assert!(privacy.contains("findings=confidential,"), "{privacy}");
    assert!(privacy.contains("sent=private"), "{privacy}");
    assert_eq!(edge.calls(), 1);
    assert_eq!(community.calls(), 0);
    assert_eq!(cloud.calls(), 1);
}

#[tokio::test]
async fn a_hard_prompt_goes_to_the_cloud_and_an_easy_one_to_the_edge() {
    let (edge, community, cloud) = mocks().await;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, "")).await;
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", HARD_PROMPT))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-rule"], "hard-to-cloud");
    let difficulty = resp.headers()["x-strata-difficulty"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(difficulty.starts_with("cloud;"), "{difficulty}");
    assert_eq!(content(resp).await, "from cloud");

    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", "hello there!"))
        .await;
    assert_eq!(resp.headers()["x-strata-rule"], "easy-to-edge");
    assert_eq!(content(resp).await, "from edge");
    assert_eq!((edge.calls(), community.calls(), cloud.calls()), (1, 0, 1));

    // The cloud down: the hard prompt falls back to the community tier.
    cloud.set_replies(vec![fixtures::openai_error(503, "down")]);
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", HARD_PROMPT))
        .await;
    assert_eq!(resp.headers()["x-strata-tier"], "community");
}

const TENANT: &str = r#"
[tenants.acme]
api_key_env = "ACME_KEY"
budget_usd = 0.001
budget_period = "day"
"#;

fn with_key(gw: &Harness, body: &serde_json::Value, key: Option<&str>) -> reqwest::RequestBuilder {
    let req = gw.client.post(gw.url("/v1/chat/completions")).json(body);
    match key {
        Some(k) => req.bearer_auth(k),
        None => req,
    }
}

#[tokio::test]
async fn a_spent_budget_degrades_to_cheaper_tiers_instead_of_failing() {
    let (edge, community, cloud) = mocks().await;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, TENANT)).await;
    let body = ask("strata/auto", HARD_PROMPT);
    // The first hard prompt reaches the cloud and costs more than the whole budget.
    let resp = with_key(&gw, &body, Some(TEST_KEY)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-rule"], "hard-to-cloud");
    let resp = with_key(&gw, &body, Some(TEST_KEY)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-rule"], "budget-spent");
    assert_eq!(resp.headers()["x-strata-tier"], "edge");
    assert_eq!(cloud.calls(), 1);
}

#[tokio::test]
async fn tenants_need_their_key() {
    let (edge, community, cloud) = mocks().await;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, TENANT)).await;
    let body = ask("strata/auto", "hello");
    let resp = with_key(&gw, &body, None).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    let err: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(err["error"]["type"], "authentication_error");
    let resp = with_key(&gw, &body, Some("sk-wrong")).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    // Anthropic clients send x-api-key.
    let resp = gw
        .client
        .post(gw.url("/v1/messages"))
        .header("x-api-key", TEST_KEY)
        .json(&json!({"model": "strata/auto", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(edge.calls() + community.calls() + cloud.calls(), 1);
}

#[tokio::test]
async fn deny_rules_and_request_controls_answer_403() {
    let (edge, community, cloud) = mocks().await;
    let policy = r#"
[policy]
allow_tier_requests = false
[[policy.rules]]
name = "no-secrets"
when = { findings = ["api_key", "private_key", "password"] }
action = "deny"
message = "remove credentials from the prompt"
"#;
    let gw = Harness::start(&tiers_config(&edge, &community, &cloud, policy)).await;
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/cloud", "hello"))
        .await;
    assert_eq!(resp.status(), 403);
    assert_eq!(resp.headers()["x-strata-rule"], "request-controls");
    let err: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(err["error"]["type"], "permission_error");

    let leaky = "deploy with GITHUB_TOKEN=ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1 please";
    let resp = gw
        .post("/v1/chat/completions", &ask("strata/auto", leaky))
        .await;
    assert_eq!(resp.status(), 403);
    let err: serde_json::Value = resp.json().await.unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("remove credentials") && message.contains("no-secrets"),
        "{message}"
    );
    assert!(!message.contains("ghp_"), "{message}");
    let resp = gw
        .post(
            "/v1/messages",
            &json!({"model": "strata/auto", "max_tokens": 5, "messages": [{"role": "user", "content": leaky}]}),
        )
        .await;
    assert_eq!(resp.status(), 403);
    let err: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(err["error"]["type"], "permission_error");
    assert_eq!(edge.calls() + community.calls() + cloud.calls(), 0);
}
