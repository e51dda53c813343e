//! Edge engine benchmark: prompt processing, generation, time to first token and memory of the
//! engine as the gateway uses it (through `Provider::chat_stream`). Prints one JSON object;
//! `bench/edge/run.sh` puts it next to llama-cpp-python's numbers for the same model.
//!
//! cargo run --release -p local-engine --example edge_bench -- [--threads N] [--batch-threads N]
//!     [--runs N] [--model PATH]

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use futures::StreamExt;
use local_engine::{Engine, EngineConfig, discover_model};
use providers::types::ChatRequest;
use providers::{CallCx, Provider};
use serde_json::json;

/// About 46 tokens of plain prose; repeated to build prompts of a chosen size.
const PARAGRAPH: &str = "The lighthouse keeper climbed the spiral stairs each evening, trimmed \
    the wick, and watched the grey water for ships. Storms came from the west in autumn, and the \
    fishing boats hurried home before the swell rose over the harbour wall. ";

const SYSTEM: &str = "You are a helpful assistant.";
const GEN_PROMPT: &str = "Count from 1 to 1000, separated by commas.";
const GEN_TOKENS: u32 = 128;

struct Args {
    threads: i32,
    batch_threads: i32,
    runs: usize,
    model: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        threads: 2,
        batch_threads: 2,
        runs: 3,
        model: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |_| format!("bad value for {flag}: {value}");
        match flag.as_str() {
            "--threads" => args.threads = value.parse().map_err(bad)?,
            "--batch-threads" => args.batch_threads = value.parse().map_err(bad)?,
            "--runs" => args.runs = value.parse().map_err(bad)?,
            "--model" => args.model = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(args)
}

/// The same prompts as `llama_cpp_python.py`: a run tag first, so no two runs share a prefix.
fn prompt_request(run: usize, paragraphs: usize, max_tokens: u32) -> Result<ChatRequest, String> {
    let user = if paragraphs == 0 {
        format!("Run {run}. {GEN_PROMPT}")
    } else {
        format!(
            "Run {run}. {}Summarize the text above in one sentence.",
            PARAGRAPH.repeat(paragraphs)
        )
    };
    let body = json!({
        "model": "edge",
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        "max_tokens": max_tokens,
        "temperature": 0
    });
    serde_json::from_value(body).map_err(|e| e.to_string())
}

struct Sample {
    prompt_tokens: u64,
    completion_tokens: u64,
    ttft_s: f64,
    /// From the first chunk to the finish chunk.
    decode_s: f64,
}

async fn measure(engine: &Engine, req: &ChatRequest) -> Result<Sample, String> {
    let t0 = Instant::now();
    let mut stream = engine
        .chat_stream(req, &CallCx::new("bench"))
        .await
        .map_err(|e| e.to_string())?;
    let mut first = None;
    let mut finished = None;
    let mut usage = None;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| e.to_string())?;
        let now = Instant::now();
        first.get_or_insert(now);
        if chunk
            .choices
            .first()
            .is_some_and(|c| c.finish_reason.is_some())
        {
            finished = Some(now);
        }
        if let Some(u) = chunk.usage {
            usage = Some(u);
        }
    }
    let usage = usage.ok_or("no usage chunk")?;
    let first = first.ok_or("empty stream")?;
    let finished = finished.ok_or("no finish chunk")?;
    Ok(Sample {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        ttft_s: first.duration_since(t0).as_secs_f64(),
        decode_s: finished.duration_since(first).as_secs_f64(),
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// (VmRSS, VmHWM) in MiB.
fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

async fn run(args: Args) -> Result<serde_json::Value, String> {
    let model = discover_model(args.model.as_deref()).map_err(|e| e.to_string())?;
    let mut cfg = EngineConfig::new(model.clone());
    cfg.threads = args.threads;
    cfg.batch_threads = args.batch_threads;
    cfg.slots = 1;
    let t_load = Instant::now();
    let engine = tokio::task::spawn_blocking(move || Engine::load(cfg))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let load_s = t_load.elapsed().as_secs_f64();

    // Warm-up: first-touch page faults of the mmapped weights and buffer allocation.
    measure(&engine, &prompt_request(0, 2, 1)?).await?;

    let mut out = serde_json::Map::new();
    for (label, paragraphs) in [("pp100", 2), ("pp500", 10)] {
        let mut rates = Vec::new();
        let mut ttfts = Vec::new();
        let mut tokens = 0;
        for run in 1..=args.runs {
            let s = measure(&engine, &prompt_request(run, paragraphs, 1)?).await?;
            tokens = s.prompt_tokens;
            rates.push(s.prompt_tokens as f64 / s.ttft_s);
            ttfts.push(s.ttft_s * 1000.0);
        }
        out.insert(format!("{label}_tokens"), json!(tokens));
        out.insert(format!("{label}_tps"), json!(median(rates)));
        if label == "pp100" {
            out.insert("ttft100_ms".into(), json!(median(ttfts)));
        }
    }
    let mut rates = Vec::new();
    let mut generated = 0;
    for run in 1..=args.runs {
        let s = measure(&engine, &prompt_request(run, 0, GEN_TOKENS)?).await?;
        generated = s.completion_tokens;
        // The first token comes with prompt processing; the rest are pure decode steps.
        rates.push(s.completion_tokens.saturating_sub(1) as f64 / s.decode_s);
    }
    out.insert("gen_tokens".into(), json!(generated));
    out.insert("gen_tps".into(), json!(median(rates)));
    let (rss, hwm) = rss_mib();
    out.insert("rss_mib".into(), json!(rss));
    out.insert("peak_rss_mib".into(), json!(hwm));
    out.insert("load_s".into(), json!(load_s));
    out.insert(
        "impl".into(),
        json!("strata local-engine (llama-cpp-2 0.1.160)"),
    );
    out.insert("threads".into(), json!(args.threads));
    out.insert("batch_threads".into(), json!(args.batch_threads));
    out.insert("runs".into(), json!(args.runs));
    out.insert("model".into(), json!(model.display().to_string()));
    Ok(serde_json::Value::Object(out))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = match parse_args() {
        Ok(args) => run(args).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(v) => {
            let _ = writeln!(std::io::stdout(), "{v}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "edge_bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
