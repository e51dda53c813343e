//! The on-device engine: a GGUF model run in-process behind the `providers::Provider` trait, so
//! the edge tier answers without any network. It must never block the async runtime's threads
//! with inference and never depend on the gateway.
