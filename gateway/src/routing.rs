//! From the `model` a client asked for to the ordered candidates that may serve it. The table is
//! built once per configuration so a request costs one hash lookup.

use std::collections::HashMap;
use std::sync::Arc;

use policies::Tier;

use crate::config::Config;
use crate::error::ApiError;

pub const AUTO: &str = "strata/auto";

/// One place a request can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
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
    table: HashMap<String, Arc<[Candidate]>>,
    listed: Vec<Listed>,
    /// What to tell a client whose alias has no provider behind it.
    hint: String,
}

impl Routes {
    pub fn build(cfg: &Config) -> Self {
        let candidate = |i: usize| {
            let m = &cfg.models[i];
            Candidate {
                tier: m.tier,
                provider: m.provider,
                model: m.name.clone(),
                upstream: m.upstream.clone(),
            }
        };
        let mut table: HashMap<String, Arc<[Candidate]>> = HashMap::new();
        let mut listed = Vec::new();

        let mut auto: Vec<Candidate> = Vec::new();
        for tier in policies::auto_order(cfg.default_tier) {
            for &i in cfg.tiers.get(&tier).map(Vec::as_slice).unwrap_or_default() {
                if !auto.iter().any(|c| c.model == cfg.models[i].name) {
                    auto.push(candidate(i));
                }
            }
        }
        table.insert(AUTO.to_owned(), auto.into());
        listed.push(Listed {
            id: AUTO.to_owned(),
            owned_by: "strata".to_owned(),
        });
        for tier in Tier::ALL {
            let chain: Vec<Candidate> = cfg
                .tiers
                .get(&tier)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|&i| candidate(i))
                .collect();
            table.insert(tier.alias().to_owned(), chain.into());
            listed.push(Listed {
                id: tier.alias().to_owned(),
                owned_by: "strata".to_owned(),
            });
        }
        for (i, m) in cfg.models.iter().enumerate() {
            let mut chain = vec![candidate(i)];
            chain.extend(m.fallbacks.iter().map(|&f| candidate(f)));
            table.insert(m.name.clone(), chain.into());
            listed.push(Listed {
                id: m.name.clone(),
                owned_by: cfg.providers[m.provider].name.clone(),
            });
        }
        let hint = if cfg.source.starts_with('<') {
            "set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or start with --config FILE (see examples/)".to_owned()
        } else {
            format!("add a model for it in {}", cfg.source)
        };
        Self {
            table,
            listed,
            hint,
        }
    }

    pub fn resolve(&self, model: &str) -> Result<Arc<[Candidate]>, ApiError> {
        match self.table.get(model) {
            None => Err(ApiError::ModelNotFound(model.to_owned())),
            Some(c) if c.is_empty() => Err(ApiError::NoProvider {
                model: model.to_owned(),
                hint: self.hint.clone(),
            }),
            Some(c) => Ok(Arc::clone(c)),
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
    fn aliases_and_models_resolve_to_ordered_chains() {
        let r = Routes::build(&cfg());
        let names = |m: &str| {
            r.resolve(m)
                .unwrap()
                .iter()
                .map(|c| c.model.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(AUTO), vec!["mid", "small", "big"]);
        assert_eq!(names("strata/cloud"), vec!["big"]);
        assert_eq!(names("mid"), vec!["mid", "big"]);
        let mid = &r.resolve("mid").unwrap()[0];
        assert_eq!(
            (mid.tier, mid.upstream.as_str()),
            (Tier::Community, "llama-70b")
        );
    }

    #[test]
    fn unknown_and_unserved_models() {
        let r = Routes::build(&cfg());
        assert!(matches!(
            r.resolve("gpt-5"),
            Err(ApiError::ModelNotFound(_))
        ));
        let empty = Config::from_toml("", "<embedded defaults>", &|_| {
            Err(std::env::VarError::NotPresent)
        })
        .unwrap();
        let r = Routes::build(&empty);
        assert!(matches!(
            r.resolve("strata/edge"),
            Err(ApiError::NoProvider { .. })
        ));
        assert_eq!(r.listed().len(), 4);
    }
}
