//! Per-provider circuit breaker. Closed → Open after `consecutive_failures` failures in a row or
//! a failure ratio of at least `failure_ratio` over the last `window` calls (once `min_calls`
//! have been seen); Open → HalfOpen after `cooldown`, letting exactly one probe through; the
//! probe's success closes the breaker, its failure reopens it. An upstream's `Retry-After` holds
//! the provider back for that long without counting as a breaker trip.
//!
//! Time comes from tokio's clock so tests can run on a paused one. The lock is a plain mutex,
//! never held across an `.await`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakerConfig {
    pub consecutive_failures: u32,
    pub failure_ratio: f64,
    pub window: u32,
    pub min_calls: u32,
    pub cooldown: Duration,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        Self {
            consecutive_failures: 5,
            failure_ratio: 0.5,
            window: 20,
            min_calls: 10,
            cooldown: Duration::from_secs(30),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

impl BreakerState {
    pub fn as_str(self) -> &'static str {
        match self {
            BreakerState::Closed => "closed",
            BreakerState::Open => "open",
            BreakerState::HalfOpen => "half_open",
        }
    }
}

/// Why a call was not admitted, and for how long that will still be true (if known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Open { retry_in: Duration },
    ProbeInFlight,
    RetryAfter { retry_in: Duration },
}

/// What a call counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
    /// The client's own mistake: says nothing about the provider's health.
    Neutral,
}

#[derive(Debug)]
struct Inner {
    state: State,
    consecutive: u32,
    recent: VecDeque<bool>,
    failures_in_window: u32,
    hold_until: Option<Instant>,
}

#[derive(Debug, Clone, Copy)]
enum State {
    Closed,
    Open { until: Instant },
    HalfOpen { probe_started: Option<Instant> },
}

#[derive(Debug)]
pub struct Breaker {
    cfg: BreakerConfig,
    inner: Mutex<Inner>,
}

impl Breaker {
    pub fn new(cfg: BreakerConfig) -> Self {
        Self {
            cfg,
            inner: Mutex::new(Inner {
                state: State::Closed,
                consecutive: 0,
                recent: VecDeque::with_capacity(cfg.window as usize),
                failures_in_window: 0,
                hold_until: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned lock only means another thread panicked mid-update of plain counters.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Asks to make a call now.
    pub fn try_acquire(&self) -> Result<(), Rejection> {
        let now = Instant::now();
        let mut g = self.lock();
        if let Some(until) = g.hold_until {
            if now < until {
                return Err(Rejection::RetryAfter {
                    retry_in: until - now,
                });
            }
            g.hold_until = None;
        }
        match g.state {
            State::Closed => Ok(()),
            State::Open { until } if now < until => Err(Rejection::Open {
                retry_in: until - now,
            }),
            State::Open { .. } => {
                g.state = State::HalfOpen {
                    probe_started: Some(now),
                };
                tracing::info!(target: "strata::breaker", "breaker half-open: sending a probe");
                Ok(())
            }
            State::HalfOpen {
                probe_started: Some(t),
            } if now < t + self.cfg.cooldown => Err(Rejection::ProbeInFlight),
            // No probe running, or the last one was abandoned (its caller went away).
            State::HalfOpen { .. } => {
                g.state = State::HalfOpen {
                    probe_started: Some(now),
                };
                Ok(())
            }
        }
    }

    /// Reports how an admitted call went.
    pub fn record(&self, outcome: Outcome) {
        let now = Instant::now();
        let mut g = self.lock();
        let failed = match outcome {
            Outcome::Neutral => {
                if let State::HalfOpen { .. } = g.state {
                    g.state = State::HalfOpen {
                        probe_started: None,
                    };
                }
                return;
            }
            Outcome::Success => false,
            Outcome::Failure => true,
        };
        if g.recent.len() == self.cfg.window as usize && g.recent.pop_front() == Some(true) {
            g.failures_in_window -= 1;
        }
        g.recent.push_back(failed);
        if failed {
            g.failures_in_window += 1;
            g.consecutive += 1;
        } else {
            g.consecutive = 0;
        }
        match (g.state, failed) {
            (State::HalfOpen { .. }, false) => {
                tracing::info!(target: "strata::breaker", "breaker closed: probe succeeded");
                g.state = State::Closed;
                g.recent.clear();
                g.failures_in_window = 0;
            }
            (State::HalfOpen { .. }, true) => {
                tracing::warn!(target: "strata::breaker", "breaker re-opened: probe failed");
                g.state = State::Open {
                    until: now + self.cfg.cooldown,
                };
            }
            (State::Closed, true) => {
                let calls = g.recent.len() as u32;
                let ratio_tripped = calls >= self.cfg.min_calls
                    && f64::from(g.failures_in_window) / f64::from(calls) >= self.cfg.failure_ratio;
                if g.consecutive >= self.cfg.consecutive_failures || ratio_tripped {
                    tracing::warn!(
                        target: "strata::breaker",
                        consecutive = g.consecutive,
                        failures_in_window = g.failures_in_window,
                        "breaker opened"
                    );
                    g.state = State::Open {
                        until: now + self.cfg.cooldown,
                    };
                }
            }
            (State::Closed, false) | (State::Open { .. }, _) => {}
        }
    }

    /// Holds the provider back for `wait` (an upstream's `Retry-After`).
    pub fn hold(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut g = self.lock();
        if g.hold_until.is_none_or(|t| t < until) {
            g.hold_until = Some(until);
        }
    }

    /// The state as seen now (an expired Open reads as HalfOpen).
    pub fn state(&self) -> BreakerState {
        let now = Instant::now();
        match self.lock().state {
            State::Closed => BreakerState::Closed,
            State::Open { until } if now < until => BreakerState::Open,
            State::Open { .. } | State::HalfOpen { .. } => BreakerState::HalfOpen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> BreakerConfig {
        BreakerConfig {
            consecutive_failures: 3,
            failure_ratio: 0.5,
            window: 10,
            min_calls: 6,
            cooldown: Duration::from_secs(10),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn opens_after_consecutive_failures_then_probes_and_closes() {
        let b = Breaker::new(cfg());
        for _ in 0..3 {
            assert!(b.try_acquire().is_ok());
            b.record(Outcome::Failure);
        }
        assert_eq!(b.state(), BreakerState::Open);
        assert!(matches!(b.try_acquire(), Err(Rejection::Open { .. })));

        tokio::time::advance(Duration::from_secs(10)).await;
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert!(b.try_acquire().is_ok(), "one probe is admitted");
        assert_eq!(b.try_acquire(), Err(Rejection::ProbeInFlight));
        b.record(Outcome::Success);
        assert_eq!(b.state(), BreakerState::Closed);
        assert!(b.try_acquire().is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn failed_probe_reopens() {
        let b = Breaker::new(cfg());
        for _ in 0..3 {
            b.record(Outcome::Failure);
        }
        tokio::time::advance(Duration::from_secs(11)).await;
        assert!(b.try_acquire().is_ok());
        b.record(Outcome::Failure);
        assert_eq!(b.state(), BreakerState::Open);
        tokio::time::advance(Duration::from_secs(5)).await;
        assert!(b.try_acquire().is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn opens_on_failure_ratio() {
        let b = Breaker::new(cfg());
        // F S F S F S: never 3 in a row, but 3/6 = 0.5 once min_calls is reached.
        for i in 0..6 {
            b.record(if i % 2 == 0 {
                Outcome::Failure
            } else {
                Outcome::Success
            });
            if i < 5 {
                assert_eq!(b.state(), BreakerState::Closed, "call {i}");
            }
        }
        // The sixth record was a success; the ratio check runs on failures.
        b.record(Outcome::Failure);
        assert_eq!(b.state(), BreakerState::Open);
    }

    #[tokio::test(start_paused = true)]
    async fn neutral_outcomes_do_not_count() {
        let b = Breaker::new(cfg());
        for _ in 0..10 {
            b.record(Outcome::Neutral);
        }
        assert_eq!(b.state(), BreakerState::Closed);
    }

    #[tokio::test(start_paused = true)]
    async fn abandoned_probe_is_replaced_after_cooldown() {
        let b = Breaker::new(cfg());
        for _ in 0..3 {
            b.record(Outcome::Failure);
        }
        tokio::time::advance(Duration::from_secs(10)).await;
        assert!(b.try_acquire().is_ok());
        tokio::time::advance(Duration::from_secs(10)).await;
        assert!(
            b.try_acquire().is_ok(),
            "a probe whose caller vanished does not wedge the breaker"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_holds_without_tripping() {
        let b = Breaker::new(cfg());
        b.hold(Duration::from_secs(2));
        assert_eq!(
            b.try_acquire(),
            Err(Rejection::RetryAfter {
                retry_in: Duration::from_secs(2)
            })
        );
        assert_eq!(b.state(), BreakerState::Closed);
        tokio::time::advance(Duration::from_secs(2)).await;
        assert!(b.try_acquire().is_ok());
    }
}
