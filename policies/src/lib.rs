//! The policy engine's vocabulary and, as it grows, its rules: the tiers a request can go to and
//! the pure functions that choose among them. No tokio, no I/O, no clock, no globals — every
//! decision is a function of its inputs so it can be tested exhaustively.

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
