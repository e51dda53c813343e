//! `strata classify` and `strata route --explain`: the classifier and the policy engine from the
//! command line, on one prompt or a JSONL file, without sending anything anywhere.

use std::io::{BufRead, Write};
use std::time::Instant;

use classifiers::{Assessment, Classifier, Finding};
use policies::{Policy, Requested, Signals, Tier};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::plan::{FindingSignals, redact_and_score};

/// One line of `--jsonl` input.
#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
}

#[derive(Debug, Serialize)]
struct Difficulty {
    tier: Tier,
    p_community_or_cloud: f32,
    p_cloud: f32,
}

/// One line of `strata classify` output.
#[derive(Debug, Serialize)]
struct Classified<'a> {
    id: &'a serde_json::Value,
    difficulty: Difficulty,
    privacy: f32,
    private: bool,
    findings: &'a [Finding],
    tokens: u32,
}

/// How `route` should see the request.
#[derive(Debug, Clone, Default)]
pub struct RouteOptions {
    /// The `model` of the request (default `strata/auto`).
    pub model: Option<String>,
    /// The tenant it comes from.
    pub tenant: Option<String>,
    /// Providers to treat as down.
    pub down: Vec<String>,
    /// Print JSON instead of text.
    pub json: bool,
    /// The whole explanation rather than one line.
    pub explain: bool,
}

/// Counts of a JSONL run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub ok: usize,
    pub failed: usize,
}

fn is_private(policy: &Policy, a: &Assessment, found: &FindingSignals) -> bool {
    !found.counted.is_empty() || a.privacy >= policy.private_threshold() || a.privacy.is_nan()
}

fn classified_line(
    policy: &Policy,
    id: &serde_json::Value,
    a: &Assessment,
) -> Result<String, String> {
    let found = FindingSignals::new(policy, a);
    let out = Classified {
        id,
        difficulty: Difficulty {
            tier: policy.difficulty_tier(a.p_community_or_cloud, a.p_cloud),
            p_community_or_cloud: a.p_community_or_cloud,
            p_cloud: a.p_cloud,
        },
        privacy: a.privacy,
        private: is_private(policy, a, &found),
        findings: &a.findings,
        tokens: a.tokens,
    };
    serde_json::to_string(&out).map_err(|e| e.to_string())
}

/// Runs `each` over the `{"id","text"}` lines of `input`; a bad line gets an
/// `{"id","error"}` line (with its line number) and the run goes on. Progress goes to `progress`
/// every 10,000 lines and at the end.
fn each_line(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    progress: &mut dyn Write,
    each: &mut dyn FnMut(&serde_json::Value, &str) -> Result<String, String>,
) -> Result<Counts, String> {
    let started = Instant::now();
    let mut counts = Counts::default();
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("reading the input: {e}"))?;
        if n == 0 {
            break;
        }
        number += 1;
        let raw = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = std::str::from_utf8(raw)
            .map_err(|e| format!("line {number}: not valid UTF-8 ({e})"))
            .and_then(|s| {
                serde_json::from_str::<Line>(s).map_err(|e| {
                    format!("line {number}: expected {{\"id\": ..., \"text\": \"...\"}}: {e}")
                })
            });
        let line = match result.and_then(|l| each(&l.id, &l.text).map(|o| (o, l.id))) {
            Ok((line, _)) => {
                counts.ok += 1;
                line
            }
            Err(e) => {
                counts.failed += 1;
                let id = std::str::from_utf8(raw)
                    .ok()
                    .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                serde_json::json!({"id": id, "error": e}).to_string()
            }
        };
        writeln!(out, "{line}").map_err(|e| format!("writing the output: {e}"))?;
        if number.is_multiple_of(10_000) {
            let _ = writeln!(progress, "{number} lines...");
        }
    }
    out.flush()
        .map_err(|e| format!("writing the output: {e}"))?;
    let secs = started.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let rate = (counts.ok + counts.failed) as f64 / secs.max(1e-9);
    let _ = writeln!(
        progress,
        "{} prompt(s) in {secs:.2} s ({rate:.0}/s), {} error(s)",
        counts.ok, counts.failed
    );
    Ok(counts)
}

/// `strata classify --jsonl`.
pub fn classify_jsonl(
    classifier: &Classifier,
    policy: &Policy,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    progress: &mut dyn Write,
) -> Result<Counts, String> {
    each_line(input, out, progress, &mut |id, text| {
        let a = classifier.classify_text(text).map_err(|e| e.to_string())?;
        classified_line(policy, id, &a)
    })
}

/// `strata classify TEXT`: one JSON object.
pub fn classify_one(
    classifier: &Classifier,
    policy: &Policy,
    text: &str,
) -> Result<String, String> {
    let a = classifier.classify_text(text).map_err(|e| e.to_string())?;
    classified_line(policy, &serde_json::Value::Null, &a)
}

/// The explanation of one prompt, as text or JSON.
fn route_text(
    classifier: &Classifier,
    config: &Config,
    opts: &RouteOptions,
    id: Option<&serde_json::Value>,
    text: &str,
) -> Result<String, String> {
    let policy = &config.policy;
    let topo = policy.topology();
    let requested = match opts.model.as_deref() {
        None | Some(crate::routing::AUTO) => Requested::Auto,
        Some(m) => match Tier::ALL.into_iter().find(|t| t.alias() == m) {
            Some(t) => Requested::Tier(t),
            None => topo
                .models
                .iter()
                .position(|x| x.name == m)
                .map(Requested::Model)
                .ok_or_else(|| format!("no model or alias named `{m}` in {}", config.source))?,
        },
    };
    let tenant = match &opts.tenant {
        None => None,
        Some(t) => Some(
            topo.tenants
                .iter()
                .position(|x| x == t)
                .ok_or_else(|| format!("no tenant named `{t}` in {}", config.source))?,
        ),
    };
    for d in &opts.down {
        if !topo.providers.contains(d) {
            return Err(format!("no provider named `{d}` in {}", config.source));
        }
    }
    let provider_up: Vec<bool> = topo
        .providers
        .iter()
        .map(|p| !opts.down.contains(p))
        .collect();
    let a = classifier.classify_text(text).map_err(|e| e.to_string())?;
    let found = FindingSignals::new(policy, &a);
    let (_, privacy_redacted) =
        redact_and_score(classifier, policy, text, &found).map_err(|e| format!("{e:?}"))?;
    let budget_remaining = tenant
        .and_then(|t| config.tenants.get(t))
        .and_then(|t| t.budget)
        .map(|b| b.usd);
    let signals = Signals {
        p_community_or_cloud: a.p_community_or_cloud,
        p_cloud: a.p_cloud,
        privacy: a.privacy,
        privacy_redacted,
        findings: found.max,
        tokens: a.tokens,
        requested,
        tenant,
        budget_remaining,
        provider_up: &provider_up,
    };
    let d = policy.decide(&signals);
    let e = policy.explain(&d, &signals);
    if opts.json {
        let mut v = serde_json::to_value(&e).map_err(|e| e.to_string())?;
        if let (Some(id), Some(obj)) = (id, v.as_object_mut()) {
            obj.insert("id".into(), id.clone());
        }
        return Ok(v.to_string());
    }
    if opts.explain {
        return Ok(e.to_string().trim_end().to_owned());
    }
    let chain: Vec<&str> = e.candidates.iter().map(|c| c.model.as_str()).collect();
    Ok(format!(
        "{} → {}",
        e.rule,
        if chain.is_empty() {
            e.message.unwrap_or_else(|| "nothing".into())
        } else {
            chain.join(", ")
        }
    ))
}

pub fn route_one(
    classifier: &Classifier,
    config: &Config,
    opts: &RouteOptions,
    text: &str,
) -> Result<String, String> {
    route_text(classifier, config, opts, None, text)
}

/// `strata route --jsonl`: one JSON explanation per line.
pub fn route_jsonl(
    classifier: &Classifier,
    config: &Config,
    opts: &RouteOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    progress: &mut dyn Write,
) -> Result<Counts, String> {
    let opts = RouteOptions {
        json: true,
        ..opts.clone()
    };
    each_line(input, out, progress, &mut |id, text| {
        route_text(classifier, config, &opts, Some(id), text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Classifier, Config) {
        let cfg = Config::from_toml(
            r#"
[providers.local]
kind = "openai"
base_url = "http://127.0.0.1:9/v1"
[providers.cloud]
kind = "openai"
base_url = "http://127.0.0.1:9/v1"
[[models]]
name = "small"
provider = "local"
tier = "edge"
[[models]]
name = "big"
provider = "cloud"
tier = "cloud"
"#,
            "t.toml",
            &|_| Err(std::env::VarError::NotPresent),
        )
        .unwrap();
        (crate::state::build_classifier(&cfg).unwrap(), cfg)
    }

    #[test]
    fn classify_jsonl_scores_each_line_and_reports_bad_ones() {
        let (c, cfg) = setup();
        let input = concat!(
            "{\"id\": 1, \"text\": \"hi there\"}\n",
            "not json\n",
            "\n",
            "{\"id\": \"b\", \"text\": \"charge card 4968 8719 3932 5243 please\"}\n",
        );
        let (mut out, mut progress) = (Vec::new(), Vec::new());
        let counts = classify_jsonl(
            &c,
            &cfg.policy,
            &mut input.as_bytes(),
            &mut out,
            &mut progress,
        )
        .unwrap();
        assert_eq!(counts, Counts { ok: 2, failed: 1 });
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["id"], 1);
        assert_eq!(lines[0]["private"], false);
        for key in ["difficulty", "privacy", "findings", "tokens"] {
            assert!(lines[0].get(key).is_some(), "{key}: {}", lines[0]);
        }
        assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
        assert_eq!(lines[2]["private"], true);
        assert_eq!(lines[2]["findings"][0]["kind"], "credit_card");
        assert!(String::from_utf8(progress).unwrap().contains("2 prompt(s)"));
    }

    #[test]
    fn route_explains_without_sending() {
        let (c, cfg) = setup();
        let opts = RouteOptions {
            explain: true,
            ..RouteOptions::default()
        };
        let text = route_one(&c, &cfg, &opts, "charge card 4968 8719 3932 5243 please").unwrap();
        assert!(
            text.contains("rule        private-stays-on-edge (keep_local)"),
            "{text}"
        );
        assert!(text.contains("1. small (edge, local)"), "{text}");
        let short = route_one(&c, &cfg, &RouteOptions::default(), "hi").unwrap();
        assert!(short.starts_with("easy-to-edge → small"), "{short}");
        let down = RouteOptions {
            down: vec!["nope".into()],
            ..RouteOptions::default()
        };
        assert!(route_one(&c, &cfg, &down, "hi").is_err());

        let input =
            "{\"id\": 7, \"text\": \"my password is hunter2x!Q and card 4968 8719 3932 5243\"}\n";
        let mut out = Vec::new();
        route_jsonl(
            &c,
            &cfg,
            &opts,
            &mut input.as_bytes(),
            &mut out,
            &mut Vec::new(),
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["id"], 7);
        assert_eq!(v["rule"], "private-stays-on-edge");
        assert_eq!(v["candidates"][0]["model"], "small");
    }
}
