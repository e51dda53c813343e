//! What a client can put in `model`, and the models a decision's indices stand for. The tables are
//! built once per configuration so a request costs one hash lookup.

use std::collections::HashMap;

use policies::{Requested, Tier};

use crate::config::Config;
use crate::error::ApiError;

pub const AUTO: &str = "strata/auto";

/// One place a request can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Index into the configuration's models.
    pub index: usize,
    pub tier: Tier,
    /// Index into the gateway's providers.
    pub provider: usize,
    /// The name the gateway exposes.
    pub model: String,
    /// The upstream's name for the model.
    pub upstream: String,
}

/// What `GET /v1/models` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub owned_by: String,
}

#[derive(Debug, Clone)]
pub struct Routes {
    requested: HashMap<String, Requested>,
    /// Every model as a candidate, by index.
    models: Vec<Candidate>,
    listed: Vec<Listed>,
    /// What to tell a client whose alias has no provider behind it.
    hint: String,
}

impl Routes {
    pub fn build(cfg: &Config) -> Self {
        let candidate = |i: usize| {
            let m = &cfg.models[i];
            Candidate {
                index: i,
                tier: m.tier,
                provider: m.provider,
                model: m.name.clone(),
                upstream: m.upstream.clone(),
            }
        };
        let mut listed = vec![Listed {
            id: AUTO.to_owned(),
            owned_by: "strata".to_owned(),
        }];
        for tier in Tier::ALL {
            listed.push(Listed {
                id: tier.alias().to_owned(),
                owned_by: "strata".to_owned(),
            });
        }
        for m in &cfg.models {
            listed.push(Listed {
                id: m.name.clone(),
                owned_by: cfg.providers[m.provider].name.clone(),
            });
        }
        let mut requested = HashMap::new();
        requested.insert(AUTO.to_owned(), Requested::Auto);
        for tier in Tier::ALL {
            requested.insert(tier.alias().to_owned(), Requested::Tier(tier));
        }
        for (i, m) in cfg.models.iter().enumerate() {
            requested.insert(m.name.clone(), Requested::Model(i));
        }
        let models = (0..cfg.models.len()).map(candidate).collect();
        let hint = if cfg.source.starts_with('<') {
            "set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or start with --config FILE (see examples/)".to_owned()
        } else {
            format!("add a model for it in {}", cfg.source)
        };
        Self {
            requested,
            models,
            listed,
            hint,
        }
    }

    /// What the client's `model` asks for.
    pub fn requested(&self, model: &str) -> Result<Requested, ApiError> {
        self.requested
            .get(model)
            .copied()
            .ok_or_else(|| ApiError::ModelNotFound(model.to_owned()))
    }

    /// The candidates a decision's model indices stand for.
    pub fn candidates(&self, indices: &[usize]) -> Vec<Candidate> {
        indices
            .iter()
            .filter_map(|&i| self.models.get(i).cloned())
            .collect()
    }

    /// Why `model` has nothing behind it.
    pub fn no_provider(&self, model: &str) -> ApiError {
        ApiError::NoProvider {
            model: model.to_owned(),
            hint: self.hint.clone(),
        }
    }

    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        let text = r#"
[routing]
default_tier = "community"
[providers.a]
kind = "openai"
base_url = "http://127.0.0.1:1/v1"
[providers.b]
kind = "openai"
base_url = "http://127.0.0.1:2/v1"
[[models]]
name = "small"
provider = "a"
tier = "edge"
[[models]]
name = "mid"
provider = "a"
model = "llama-70b"
tier = "community"
fallbacks = ["big"]
[[models]]
name = "big"
provider = "b"
tier = "cloud"
"#;
        Config::from_toml(text, "t.toml", &|_| Err(std::env::VarError::NotPresent)).unwrap()
    }

    #[test]
    fn names_resolve_to_requests_and_indices_to_candidates() {
        let cfg = cfg();
        let r = Routes::build(&cfg);
        assert_eq!(r.requested(AUTO).unwrap(), Requested::Auto);
        assert_eq!(
            r.requested("strata/cloud").unwrap(),
            Requested::Tier(Tier::Cloud)
        );
        assert_eq!(r.requested("mid").unwrap(), Requested::Model(1));
        assert!(matches!(
            r.requested("gpt-5"),
            Err(ApiError::ModelNotFound(_))
        ));
        let c = r.candidates(&[2, 1, 9]);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[1].index, c[1].tier, c[1].upstream.as_str()),
            (1, Tier::Community, "llama-70b")
        );
        assert_eq!(r.listed().len(), 7);
        // The auto chain starts with the default tier.
        let auto: Vec<&str> = cfg
            .policy
            .topology()
            .auto
            .iter()
            .map(|&i| cfg.models[i].name.as_str())
            .collect();
        assert_eq!(auto, ["mid", "small", "big"]);
    }
}
