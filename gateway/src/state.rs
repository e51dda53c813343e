//! What every request shares: the validated configuration, the providers built from it and the
//! routing table.

use crate::backend::ProviderHandle;
use crate::config::Config;
use crate::routing::Routes;

#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    pub providers: Vec<ProviderHandle>,
    pub routes: Routes,
}

impl AppState {
    pub fn build(config: Config) -> Result<Self, String> {
        let providers = config
            .providers
            .iter()
            .map(ProviderHandle::build)
            .collect::<Result<Vec<_>, _>>()?;
        let routes = Routes::build(&config);
        Ok(Self {
            config,
            providers,
            routes,
        })
    }
}
