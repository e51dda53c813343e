//! Per-tenant spend against the tenant's budget, in this process's memory. The policy engine
//! only sees what is left; a spent budget degrades routing (by the rules) instead of failing.
//! Periods are calendar days or months in UTC.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::config::{Budget, BudgetPeriod, TenantConfig};

#[derive(Debug)]
struct Account {
    budget: Budget,
    /// (period key, dollars spent in it).
    spent: Mutex<(u64, f64)>,
}

/// One account per tenant with a budget.
#[derive(Debug)]
pub struct Budgets {
    accounts: Vec<Option<Account>>,
}

/// Days since 1970-01-01 → (year, month) in the proleptic Gregorian calendar.
fn year_month(days: u64) -> (u64, u64) {
    // Howard Hinnant's civil_from_days, for non-negative day numbers.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month)
}

fn period_key(period: BudgetPeriod, unix_secs: u64) -> u64 {
    let days = unix_secs / 86_400;
    match period {
        BudgetPeriod::Day => days,
        BudgetPeriod::Month => {
            let (y, m) = year_month(days);
            y * 12 + m
        }
        BudgetPeriod::Total => 0,
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Budgets {
    pub fn new(tenants: &[TenantConfig]) -> Budgets {
        Budgets {
            accounts: tenants
                .iter()
                .map(|t| {
                    t.budget.map(|budget| Account {
                        budget,
                        spent: Mutex::new((period_key(budget.period, now_secs()), 0.0)),
                    })
                })
                .collect(),
        }
    }

    fn account(&self, tenant: Option<usize>) -> Option<&Account> {
        self.accounts.get(tenant?)?.as_ref()
    }

    /// Dollars left in the current period; `None` when the tenant has no budget.
    pub fn remaining(&self, tenant: Option<usize>) -> Option<f64> {
        self.remaining_at(tenant, now_secs())
    }

    fn remaining_at(&self, tenant: Option<usize>, now: u64) -> Option<f64> {
        let a = self.account(tenant)?;
        let key = period_key(a.budget.period, now);
        let spent = a
            .spent
            .lock()
            .map_or(0.0, |g| if g.0 == key { g.1 } else { 0.0 });
        Some(a.budget.usd - spent)
    }

    /// Adds a request's cost to the tenant's current period.
    pub fn charge(&self, tenant: Option<usize>, usd: f64) {
        self.charge_at(tenant, usd, now_secs());
    }

    fn charge_at(&self, tenant: Option<usize>, usd: f64, now: u64) {
        let Some(a) = self.account(tenant) else {
            return;
        };
        if !(usd > 0.0 && usd.is_finite()) {
            return;
        }
        let key = period_key(a.budget.period, now);
        if let Ok(mut g) = a.spent.lock() {
            if g.0 != key {
                *g = (key, 0.0);
            }
            g.1 += usd;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::Secret;

    fn tenant(usd: f64, period: BudgetPeriod) -> TenantConfig {
        TenantConfig {
            name: "t".into(),
            key: Secret::new("k"),
            budget: Some(Budget { usd, period }),
        }
    }

    #[test]
    fn calendar_months() {
        assert_eq!(year_month(0), (1970, 1));
        assert_eq!(year_month(31), (1970, 2));
        // 2024-02-29 and 2024-03-01.
        assert_eq!(year_month(19_782), (2024, 2));
        assert_eq!(year_month(19_783), (2024, 3));
    }

    #[test]
    fn spend_counts_within_a_period_and_resets_after() {
        let b = Budgets::new(&[
            tenant(1.0, BudgetPeriod::Day),
            TenantConfig {
                budget: None,
                ..tenant(0.0, BudgetPeriod::Day)
            },
        ]);
        let day = 20_000 * 86_400;
        b.charge_at(Some(0), 0.75, day + 10);
        b.charge_at(Some(0), 0.5, day + 20);
        b.charge_at(Some(0), f64::NAN, day + 20);
        assert_eq!(b.remaining_at(Some(0), day + 30), Some(-0.25));
        assert_eq!(b.remaining_at(Some(0), day + 86_400), Some(1.0));
        b.charge_at(Some(0), 0.25, day + 86_401);
        assert_eq!(b.remaining_at(Some(0), day + 86_402), Some(0.75));
        assert_eq!(b.remaining(Some(1)), None);
        assert_eq!(b.remaining(None), None);
        b.charge(Some(7), 1.0);
    }
}
