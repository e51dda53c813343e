//! `GET /v1/models`: the aliases and models this gateway serves.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::routing::Listed;
use crate::state::AppState;

fn model_json(m: &Listed) -> Value {
    json!({"id": m.id, "object": "model", "created": 0, "owned_by": m.owned_by})
}

pub async fn list(State(state): State<Arc<AppState>>) -> Json<Value> {
    let data: Vec<Value> = state.routes.listed().iter().map(model_json).collect();
    Json(json!({"object": "list", "data": data}))
}

/// `GET /v1/models/{id}` (ids may contain `/`, as the aliases do).
pub async fn retrieve(
    State(state): State<Arc<AppState>>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<Value>, crate::error::ApiError> {
    state
        .routes
        .listed()
        .iter()
        .find(|m| m.id == id)
        .map(|m| Json(model_json(m)))
        .ok_or(crate::error::ApiError::ModelNotFound(id))
}
