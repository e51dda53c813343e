//! What every request shares: the validated configuration, the providers built from it, the
//! routing tables, the prompt classifier and the tenants' budgets.

use std::collections::HashMap;
use std::sync::Arc;

use classifiers::{Classifier, ClassifierConfig};

use crate::backend::ProviderHandle;
use crate::budget::Budgets;
use crate::config::Config;
use crate::routing::Routes;

#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    pub providers: Vec<ProviderHandle>,
    pub routes: Routes,
    pub classifier: Arc<Classifier>,
    pub budgets: Budgets,
    /// API key → index into `config.tenants`.
    pub tenant_keys: HashMap<String, usize>,
}

/// Builds the prompt classifier the configuration describes (a quarter of a second: the
/// tokenizer's tables and the ONNX sessions).
pub fn build_classifier(config: &Config) -> Result<Classifier, String> {
    Classifier::new(ClassifierConfig {
        onnxruntime_path: config.classifier.onnxruntime_path.clone(),
        model_path: None,
        sessions: config.classifier.sessions,
    })
    .map_err(|e| format!("the prompt classifier cannot start: {e}"))
}

impl AppState {
    pub fn build(config: Config) -> Result<Self, String> {
        let classifier = Arc::new(build_classifier(&config)?);
        let providers = config
            .providers
            .iter()
            .map(ProviderHandle::build)
            .collect::<Result<Vec<_>, _>>()?;
        let routes = Routes::build(&config);
        let budgets = Budgets::new(&config.tenants);
        let tenant_keys = config
            .tenants
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.expose().to_owned(), i))
            .collect();
        Ok(Self {
            config,
            providers,
            routes,
            classifier,
            budgets,
            tenant_keys,
        })
    }
}
