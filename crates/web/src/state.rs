//! What every handler can reach: the store, the cache, the session cache,
//! sign-in throttling, import jobs and the audit writer.

use std::sync::Arc;

use continuum_store::Store;

use crate::audit::Writer;
use crate::auth::session::SessionCache;
use crate::auth::throttle::Throttle;
use crate::cache::Cache;
use crate::ui::imports::Jobs;

/// Settings of the web app.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set when the app is served over HTTPS).
    pub secure_cookies: bool,
    /// How long a session lasts.
    pub session_hours: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_hours: 8,
        }
    }
}

/// What every handler can reach. Cheap to clone: everything is behind `Arc`.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) cache: Arc<Cache>,
    pub(crate) sessions: Arc<SessionCache>,
    pub(crate) throttle: Arc<Throttle>,
    pub(crate) jobs: Arc<Jobs>,
    pub(crate) audit: Arc<Writer>,
    pub(crate) config: Arc<Config>,
}

impl AppState {
    /// State over a store, with the default settings.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self::with_config(store, Config::default())
    }

    /// State over a store, with settings.
    pub fn with_config(store: Arc<dyn Store>, config: Config) -> Self {
        Self {
            store,
            cache: Arc::new(Cache::default()),
            sessions: Arc::new(SessionCache::default()),
            throttle: Arc::new(Throttle::default()),
            jobs: Arc::new(Jobs::default()),
            audit: Arc::new(Writer::default()),
            config: Arc::new(config),
        }
    }

    /// The store, for callers outside the web app (the demo command).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Starts computing a council's evidence pack in the background, so the
    /// first person to open a page does not wait for it (`continuum demo`
    /// calls it for the demo council). Failures are logged, not returned: the
    /// page will try again.
    pub fn warm_up(&self, la: continuum_domain::LaName) {
        let state = self.clone();
        tokio::spawn(async move {
            if let Err(e) = state.cache.pack(state.store.as_ref(), &la, None).await {
                tracing::warn!(error = %e, "warming up the evidence pack failed");
            }
        });
    }

    /// Forgets every computed pack and cached council dataset: called after an
    /// import, so the next page computes from the new data.
    pub fn data_changed(&self) {
        self.cache.invalidate();
    }
}
