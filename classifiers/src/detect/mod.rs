//! Deterministic detectors for personal data and secrets.
//!
//! Everything here is rules: known formats, checksums, issuer tables, and nearby words. A rule
//! that cannot tell a real value from a documentation example stays silent, because the privacy
//! model covers what rules miss while a false finding forces a needless redaction or a local
//! route. Every span is a byte range on `char` boundaries of the input.

mod address;
mod assign;
mod bank;
mod checksum;
mod contact;
mod context;
mod dob;
mod facts;
mod ids;
mod login;
mod marking;
mod numeric;
mod patient;
mod salary;
mod secrets;
mod table;
mod taxids;
mod text;
mod width;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Email,
    Phone,
    Ssn,
    CreditCard,
    Iban,
    NationalId,
    Passport,
    Mrz,
    ApiKey,
    PrivateKey,
    Jwt,
    Password,
    ConnectionString,
    HighEntropySecret,
    DateOfBirth,
    /// A named person's pay: the amount.
    Salary,
    /// A document's confidentiality marking ("CONFIDENTIAL", "社外秘"): the marking.
    Confidential,
    /// A postal address: street, number, postal code and town.
    Address,
    /// A bank account number outside an IBAN, and the bank codes written with it.
    BankAccount,
    /// A named person's diagnosis, condition, pregnancy or sick leave: the condition.
    Health,
    /// A named person's conviction, arrest or criminal record: the word that says so.
    CriminalRecord,
    /// A named person's dismissal, warning or disciplinary measure: the word that says so.
    Disciplinary,
    /// A named person's debt, arrears or garnishment: the word that says so.
    Debt,
}

/// The policy-level group of a [`FindingKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Contact,
    GovernmentId,
    Payment,
    Secret,
    /// Facts about a person that are neither contact details nor an ID: a date of birth, a
    /// salary, a diagnosis, a criminal record, a dismissal, a debt.
    Personal,
    /// Content its author marked confidential or internal.
    Confidential,
}

impl FindingKind {
    pub const ALL: [FindingKind; 23] = [
        FindingKind::Email,
        FindingKind::Phone,
        FindingKind::Ssn,
        FindingKind::CreditCard,
        FindingKind::Iban,
        FindingKind::NationalId,
        FindingKind::Passport,
        FindingKind::Mrz,
        FindingKind::ApiKey,
        FindingKind::PrivateKey,
        FindingKind::Jwt,
        FindingKind::Password,
        FindingKind::ConnectionString,
        FindingKind::HighEntropySecret,
        FindingKind::DateOfBirth,
        FindingKind::Salary,
        FindingKind::Confidential,
        FindingKind::Address,
        FindingKind::BankAccount,
        FindingKind::Health,
        FindingKind::CriminalRecord,
        FindingKind::Disciplinary,
        FindingKind::Debt,
    ];

    /// The serialized name (`snake_case`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Email => "email",
            FindingKind::Phone => "phone",
            FindingKind::Ssn => "ssn",
            FindingKind::CreditCard => "credit_card",
            FindingKind::Iban => "iban",
            FindingKind::NationalId => "national_id",
            FindingKind::Passport => "passport",
            FindingKind::Mrz => "mrz",
            FindingKind::ApiKey => "api_key",
            FindingKind::PrivateKey => "private_key",
            FindingKind::Jwt => "jwt",
            FindingKind::Password => "password",
            FindingKind::ConnectionString => "connection_string",
            FindingKind::HighEntropySecret => "high_entropy_secret",
            FindingKind::DateOfBirth => "date_of_birth",
            FindingKind::Salary => "salary",
            FindingKind::Confidential => "confidential",
            FindingKind::Address => "address",
            FindingKind::BankAccount => "bank_account",
            FindingKind::Health => "health",
            FindingKind::CriminalRecord => "criminal_record",
            FindingKind::Disciplinary => "disciplinary",
            FindingKind::Debt => "debt",
        }
    }

    /// The tag inside a redaction placeholder, e.g. `EMAIL` in `[EMAIL_1]`.
    pub fn placeholder_tag(self) -> &'static str {
        match self {
            FindingKind::Email => "EMAIL",
            FindingKind::Phone => "PHONE",
            FindingKind::Ssn => "SSN",
            FindingKind::CreditCard => "CARD",
            FindingKind::Iban => "IBAN",
            FindingKind::NationalId => "NATIONAL_ID",
            FindingKind::Passport => "PASSPORT",
            FindingKind::Mrz => "MRZ",
            FindingKind::ApiKey => "API_KEY",
            FindingKind::PrivateKey => "PRIVATE_KEY",
            FindingKind::Jwt => "JWT",
            FindingKind::Password => "PASSWORD",
            FindingKind::ConnectionString => "CONNECTION_STRING",
            FindingKind::HighEntropySecret => "SECRET",
            FindingKind::DateOfBirth => "DOB",
            FindingKind::Salary => "SALARY",
            FindingKind::Confidential => "CONFIDENTIAL",
            FindingKind::Address => "ADDRESS",
            FindingKind::BankAccount => "BANK_ACCOUNT",
            FindingKind::Health => "HEALTH",
            FindingKind::CriminalRecord => "CRIMINAL_RECORD",
            FindingKind::Disciplinary => "DISCIPLINARY",
            FindingKind::Debt => "DEBT",
        }
    }

    pub fn category(self) -> Category {
        match self {
            FindingKind::Email | FindingKind::Phone | FindingKind::Address => Category::Contact,
            FindingKind::Ssn
            | FindingKind::NationalId
            | FindingKind::Passport
            | FindingKind::Mrz => Category::GovernmentId,
            FindingKind::CreditCard | FindingKind::Iban | FindingKind::BankAccount => {
                Category::Payment
            }
            FindingKind::ApiKey
            | FindingKind::PrivateKey
            | FindingKind::Jwt
            | FindingKind::Password
            | FindingKind::ConnectionString
            | FindingKind::HighEntropySecret => Category::Secret,
            FindingKind::DateOfBirth
            | FindingKind::Salary
            | FindingKind::Health
            | FindingKind::CriminalRecord
            | FindingKind::Disciplinary
            | FindingKind::Debt => Category::Personal,
            FindingKind::Confidential => Category::Confidential,
        }
    }

    /// Whether replacing the finding with its placeholder removes what made the text private.
    /// A confidentiality marking does not: the document under it stays confidential.
    pub fn redactable(self) -> bool {
        self != FindingKind::Confidential
    }

    /// Format-defined kinds (a checksum, a vendor prefix, a fixed layout) outrank kinds inferred
    /// from surrounding words when two findings overlap: `STRIPE_KEY=sk_test_…` is a Stripe test
    /// key (low confidence by design), not a generic high-confidence secret assignment.
    fn is_format_defined(self) -> bool {
        !matches!(
            self,
            FindingKind::Phone
                | FindingKind::Passport
                | FindingKind::Password
                | FindingKind::HighEntropySecret
                | FindingKind::DateOfBirth
                | FindingKind::Salary
                | FindingKind::Confidential
                | FindingKind::Address
                | FindingKind::BankAccount
                | FindingKind::Health
                | FindingKind::CriminalRecord
                | FindingKind::Disciplinary
                | FindingKind::Debt
        )
    }
}

/// The confidence of an ID of the right shape, right beside its own name ("आधार नंबर 5832 7419
/// 2063", "CPF 783.912.964-16"), whose check digit fails: at the decision line, because people
/// mistype their numbers and RUBRIC counts a real-looking ID whether or not it checks out. A
/// generic "ID number" is not its own name, and without a name a failed check is no finding.
const UNCHECKED: f32 = 0.8;

/// A number whose check digit fails, as a finding of `kind` at `span` when `named` (its own name
/// stands beside it), unless it is made up: `digits` (values 0-9) repeated or counting up or down
/// ("1234 5678 9012"), or a text (`text`, maybe upper-cased) that calls its data sample, example
/// or test data.
fn failed_check(
    text: &[u8],
    digits: &[u8],
    (start, end): (usize, usize),
    named: bool,
    kind: FindingKind,
    detail: &'static str,
) -> Option<Finding> {
    if !named || text::made_up_digits(digits) || table::says_sample(text) {
        return None;
    }
    Some(Finding::new(kind, start, end, UNCHECKED, detail))
}

/// One detected value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// Byte offset of the first byte of the value in the input.
    pub start: usize,
    /// Byte offset one past the value.
    pub end: usize,
    /// How likely the value is a real instance of `kind`, in [0, 1].
    pub confidence: f32,
    /// A short machine label of the sub-format, e.g. `us_ssn`, `github_pat`, `visa`.
    pub detail: &'static str,
}

impl Finding {
    pub(crate) fn new(
        kind: FindingKind,
        start: usize,
        end: usize,
        confidence: f32,
        detail: &'static str,
    ) -> Finding {
        Finding {
            kind,
            start,
            end,
            confidence,
            detail,
        }
    }
}

/// The detector set. Building it compiles the keyword automata, so build once and share (it is
/// `Send + Sync`); `detect` allocates only its result and small scratch buffers.
#[derive(Debug)]
pub struct Detector {
    context: context::ContextMatcher,
    prefixes: secrets::PrefixMatcher,
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector {
    pub fn new() -> Detector {
        Detector {
            context: context::ContextMatcher::new(),
            prefixes: secrets::PrefixMatcher::new(),
        }
    }

    /// Findings sorted by `start`, without overlaps.
    pub fn detect(&self, text: &str) -> Vec<Finding> {
        // Full-width digits and letters are read at ASCII width; spans are the original's.
        if let Some((narrow, map)) = width::narrow(text) {
            let mut found = self.detect_narrow(&narrow);
            for f in &mut found {
                f.start = map[f.start];
                f.end = map[f.end];
            }
            return found;
        }
        self.detect_narrow(text)
    }

    /// [`Detector::detect`] on a text with no full-width letters or digits.
    fn detect_narrow(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if text.is_empty() {
            return out;
        }
        let ctx = self.context.scan(text);
        contact::emails(text, &mut out);
        numeric::scan(text, &ctx, &mut out);
        ids::scan_words(text, &ctx, &mut out);
        ids::passports(text, &ctx, &mut out);
        ids::mrz(text, &mut out);
        self.prefixes.scan(text, &ctx, &mut out);
        secrets::connection_strings(text, &mut out);
        assign::scan(text, &ctx, &mut out);
        login::scan(text, &ctx, &mut out);
        login::command_line(text, &mut out);
        dob::scan(text, &ctx, &mut out);
        salary::scan(text, &ctx, &mut out);
        marking::scan(text, &ctx, &mut out);
        address::scan(text, &ctx, &mut out);
        bank::scan(text, &ctx, &mut out);
        bank::company_accounts(text, &ctx, &mut out);
        facts::scan(text, &ctx, &mut out);
        patient::scan(text, &ctx, &mut out);
        table::scan(text, &mut out);
        resolve(text, out)
    }
}

/// Keeps the best finding wherever findings overlap: format-defined before context-inferred,
/// then higher confidence, then longer.
fn resolve(text: &str, mut found: Vec<Finding>) -> Vec<Finding> {
    found.retain(|f| {
        f.start < f.end
            && f.end <= text.len()
            && text.is_char_boundary(f.start)
            && text.is_char_boundary(f.end)
    });
    found.sort_by(|a, b| {
        b.kind
            .is_format_defined()
            .cmp(&a.kind.is_format_defined())
            .then(b.confidence.total_cmp(&a.confidence))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans are disjoint, so only the one starting last before `f.end` can overlap `f`.
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for f in found {
        let clash = kept
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > f.start);
        if !clash {
            kept.insert(f.start, f);
        }
    }
    kept.into_values().collect()
}
