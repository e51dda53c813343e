//! The `strata` command.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use strata_gateway::Config;
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
    /// Validate a configuration file without serving.
    CheckConfig {
        /// TOML configuration file.
        file: PathBuf,
    },
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn,hyper=warn,reqwest=warn"));
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

async fn serve(config: Option<PathBuf>, listen: Option<SocketAddr>) -> Result<(), String> {
    let mut cfg = load(config.as_ref())?;
    if let Some(addr) = listen {
        cfg.server.listen = addr;
    }
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
        Command::Serve { config, listen } => {
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
            match rt.block_on(serve(config, listen)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
