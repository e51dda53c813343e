//! The tiers a request can go to, and what each may see.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a request can run, ordered by how wide the audience that sees the prompt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// This machine only.
    Edge,
    /// Community node operators.
    Community,
    /// A frontier API vendor.
    Cloud,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Edge, Tier::Community, Tier::Cloud];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Edge => "edge",
            Tier::Community => "community",
            Tier::Cloud => "cloud",
        }
    }

    /// The alias clients use to ask for this tier, e.g. `strata/edge`.
    pub fn alias(self) -> &'static str {
        match self {
            Tier::Edge => "strata/edge",
            Tier::Community => "strata/community",
            Tier::Cloud => "strata/cloud",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTier(pub String);

impl fmt::Display for UnknownTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown tier `{}` (expected edge, community or cloud)",
            self.0
        )
    }
}

impl std::error::Error for UnknownTier {}

impl FromStr for Tier {
    type Err = UnknownTier;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "edge" => Ok(Tier::Edge),
            "community" => Ok(Tier::Community),
            "cloud" => Ok(Tier::Cloud),
            other => Err(UnknownTier(other.to_owned())),
        }
    }
}

/// How sensitive the prompt that leaves the gateway is, ordered from least to most. A tier's
/// ceiling is the most sensitive level it may receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    /// Neither the detectors nor the model consider the prompt private.
    Public,
    /// The prompt was private; its findings were replaced by placeholders and the redacted text
    /// no longer scores as private.
    Redacted,
    /// Personal data, secrets or confidential content, as written.
    Private,
}

impl Sensitivity {
    pub const ALL: [Sensitivity; 3] = [
        Sensitivity::Public,
        Sensitivity::Redacted,
        Sensitivity::Private,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Public => "public",
            Sensitivity::Redacted => "redacted",
            Sensitivity::Private => "private",
        }
    }

    /// The ceiling a tier has when the operator does not set one: the edge sees everything;
    /// the community and the cloud see redacted prompts at most.
    pub fn default_ceiling(tier: Tier) -> Sensitivity {
        match tier {
            Tier::Edge => Sensitivity::Private,
            Tier::Community | Tier::Cloud => Sensitivity::Redacted,
        }
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sensitivity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Sensitivity::Public),
            "redacted" => Ok(Sensitivity::Redacted),
            "private" => Ok(Sensitivity::Private),
            other => Err(format!(
                "unknown privacy level `{other}` (expected public, redacted or private)"
            )),
        }
    }
}

/// The order in which `strata/auto` tries tiers until the classifier and rules decide: the
/// configured default first, then the others from the narrowest audience to the widest.
pub fn auto_order(default: Tier) -> Vec<Tier> {
    let mut order = vec![default];
    order.extend(Tier::ALL.into_iter().filter(|t| *t != default));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_order_by_audience() {
        assert!(Tier::Edge < Tier::Community && Tier::Community < Tier::Cloud);
        assert_eq!("community".parse::<Tier>(), Ok(Tier::Community));
        assert!("moon".parse::<Tier>().is_err());
        assert_eq!(Tier::Cloud.alias(), "strata/cloud");
    }

    #[test]
    fn auto_order_starts_with_default() {
        assert_eq!(
            auto_order(Tier::Cloud),
            vec![Tier::Cloud, Tier::Edge, Tier::Community]
        );
        assert_eq!(
            auto_order(Tier::Edge),
            vec![Tier::Edge, Tier::Community, Tier::Cloud]
        );
    }
}
