//! The HTTP server: routes, the tower stack every request passes through, and graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::api;
use crate::config::Config;
use crate::error::{ApiError, Front};
use crate::state::AppState;

/// Builds the application: routes behind the tower stack.
pub fn app(state: Arc<AppState>) -> Router {
    let server = &state.config.server;
    let limit = server.max_body_bytes;
    // The gateway's own timeout sits a little past the dispatch deadline, so that upstream
    // timeouts — which say which provider was slow — fire first.
    let timeout = server.request_timeout + Duration::from_secs(5);
    let x_request_id = HeaderName::from_static(api::X_REQUEST_ID);

    let stack = ServiceBuilder::new()
        .layer(axum::Extension(BodyLimit(limit)))
        // Credentials are marked sensitive before anything can log a header.
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
            header::COOKIE,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-goog-api-key"),
        ]))
        // Every request gets an id (or keeps the client's), and the response carries it back.
        .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
        .layer(PropagateRequestIdLayer::new(x_request_id))
        // One span per request, with method, path and request id; never a body or a header value.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req.headers().get(api::X_REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        })
        // Failures are logged once, where they are mapped to a response (`ApiError`).
        .on_failure(()))
        // A panic in a handler becomes a 500 with an error body, not a dropped connection.
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::Internal("the gateway hit an internal error".into()).into_response()
        }))
        // Errors produced by the layers below (413, 504) get the API's JSON error shape.
        .layer(middleware::from_fn(json_errors));

    Router::new()
        .route("/v1/chat/completions", post(api::chat::completions))
        .route("/v1/messages", post(api::messages::create))
        .route("/v1/models", get(api::models::list))
        .route("/v1/models/{*id}", get(api::models::retrieve))
        .route("/healthz", get(api::health::healthz))
        .route("/readyz", get(api::health::readyz))
        .fallback(
            |req: Request| async move { ApiError::RouteNotFound(req.uri().path().to_owned()) },
        )
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(state)
        // Bodies over the limit are refused before they are read (by Content-Length) or while
        // they are read (chunked); `api::body::read` turns the latter into a 413 too.
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            timeout,
        ))
        .layer(stack)
}

async fn json_errors(req: Request, next: Next) -> Response {
    let front = if req.uri().path() == "/v1/messages" {
        Front::Anthropic
    } else {
        Front::OpenAi
    };
    let limit = req.extensions().get::<BodyLimit>().map(|l| l.0);
    let resp = next.run(req).await;
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return resp;
    }
    match resp.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::BodyTooLarge {
            limit: limit.unwrap_or(0),
        }
        .into_response_for(front),
        StatusCode::GATEWAY_TIMEOUT | StatusCode::REQUEST_TIMEOUT => {
            ApiError::Timeout.into_response_for(front)
        }
        _ => resp,
    }
}

/// The body limit, for the 413 message.
#[derive(Debug, Clone, Copy)]
struct BodyLimit(usize);

/// A running server.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections; in-flight requests and streams get the grace period.
    pub fn shutdown(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> std::io::Result<()> {
        match self.task.await {
            Ok(r) => r,
            Err(e) => Err(std::io::Error::other(format!(
                "the server task failed: {e}"
            ))),
        }
    }
}

async fn signalled(mut rx: watch::Receiver<bool>) {
    while !*rx.borrow_and_update() {
        if rx.changed().await.is_err() {
            // The handle is gone: nobody can ask us to stop any more; keep serving.
            std::future::pending::<()>().await;
        }
    }
}

/// Binds `listener` (or `config.server.listen`) and serves until [`Running::shutdown`].
pub async fn start(config: Config, listener: Option<TcpListener>) -> Result<Running, String> {
    let grace = config.server.shutdown_grace;
    let listener = match listener {
        Some(l) => l,
        None => TcpListener::bind(config.server.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.server.listen))?,
    };
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    // Loading an edge model reads the whole file: keep it off the runtime's threads.
    let state = tokio::task::spawn_blocking(move || AppState::build(config))
        .await
        .map_err(|e| format!("start-up failed: {e}"))??;
    let state = Arc::new(state);
    let app = app(state);
    let (tx, rx) = watch::channel(false);
    // Streams are many small writes: without TCP_NODELAY, Nagle holds a chunk back until the
    // client's delayed ACK (~40 ms) whenever an earlier one is still unacknowledged.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("cannot set TCP_NODELAY on an accepted connection: {e}");
        }
    });
    let serve = axum::serve(listener, app).with_graceful_shutdown(signalled(rx.clone()));
    let task = tokio::spawn(async move {
        let serve = serve.into_future();
        tokio::pin!(serve);
        tokio::select! {
            r = &mut serve => r,
            () = signalled(rx) => {
                tracing::info!("shutting down: draining in-flight requests for up to {grace:?}");
                match tokio::time::timeout(grace, &mut serve).await {
                    Ok(r) => r,
                    Err(_) => {
                        tracing::warn!("shutdown grace period elapsed; closing the remaining connections");
                        Ok(())
                    }
                }
            }
        }
    });
    Ok(Running {
        addr,
        shutdown: tx,
        task,
    })
}
