//! `GET /healthz` (the process is up) and `GET /readyz` (it can serve: at least one provider is
//! configured and not held open by its breaker).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::AppState;

pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

pub async fn readyz(State(state): State<Arc<AppState>>) -> (StatusCode, Json<Value>) {
    let providers: Vec<Value> = state
        .providers
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "kind": p.kind.as_str(),
                "breaker": p.breaker.state().as_str(),
                "ready": p.is_ready(),
            })
        })
        .collect();
    let ready = state.providers.iter().any(|p| p.is_ready());
    let (status, reason) = if state.providers.is_empty() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("no provider is configured"),
        )
    } else if !ready {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("no provider can take requests (breakers open or models not loaded)"),
        )
    } else {
        (StatusCode::OK, None)
    };
    let body = json!({
        "status": if status == StatusCode::OK { "ready" } else { "not_ready" },
        "reason": reason,
        "providers": providers,
    });
    (status, Json(body))
}
