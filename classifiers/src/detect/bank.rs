//! Bank account numbers outside an IBAN: a number of 6 to 18 digits right after an account word
//! ("account", "Kontonummer", "conta corrente", "口座番号", "账号", "खाता"), in a text that
//! also speaks of a bank or gives a bank code. The bank codes that travel with an account (US
//! routing numbers with their ABA check digit, UK sort codes, Indian IFSC, German BLZ, Brazilian
//! agência) are reported with it, so redaction removes the whole set. An account word with no bank
//! around it ("AWS account 123456789012", "customer account 88213409") is no finding, and
//! neither is a bank code alone: it names a branch, not a person.

use super::context::{self, Context};
use super::text::WordList;
use super::{Finding, FindingKind};

/// How far after its account word or bank-code word a number may start, in bytes ("account
/// number is 12345678", "口座番号：1234567", "conta corrente nº 12345-6").
const GAP: usize = 28;
/// How far from an account number a bank word or a bank code may stand, in bytes.
const BANK_NEAR: usize = 160;

/// Digits an account number written after its branch and a slash has at least: a date's next
/// part ("12/05/2024") has two.
const SLASHED_ACCOUNT: usize = 6;

/// Digits in an account number: up to 19, as Chinese banks' ("账号：1202 0212 0900 5837 461").
const ACCOUNT_DIGITS: std::ops::RangeInclusive<usize> = 6..=19;
/// Digits in a Portuguese NIB.
const NIB_DIGITS: std::ops::RangeInclusive<usize> = 21..=21;

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut codes: Vec<(usize, usize, &'static str)> = Vec::new();
    for h in ctx
        .hits
        .iter()
        .filter(|h| h.class & context::BANK_CODE != 0)
    {
        if let Some(code) = bank_code(text, h.start, h.end) {
            codes.push(code);
        }
    }
    let first = out.len();
    let mut done_until = 0;
    for h in ctx
        .hits
        .iter()
        .filter(|h| h.class & (context::ACCOUNT | context::ACCOUNT_TYPE) != 0)
    {
        if h.start < done_until {
            continue;
        }
        let with_code_near = |s: usize, e: usize| {
            codes
                .iter()
                .any(|&(cs, ce, _)| ce + BANK_NEAR >= s && cs <= e + BANK_NEAR)
        };
        // Portugal's NIB is 21 digits ("NIB 0033 0000 45218739061 05").
        let digits = if text[h.start..h.end].eq_ignore_ascii_case("nib") {
            NIB_DIGITS
        } else {
            ACCOUNT_DIGITS
        };
        // A French account number holds a letter ("N° de compte 0418276K022"): read as one
        // beside its bank and branch codes only.
        let Some((s, e)) = number_after(b, h.end, digits)
            .or_else(|| french_account(b, h.end).filter(|&(s, e)| with_code_near(s, e)))
        else {
            continue;
        };
        // A bank code of its own is not an account number.
        if codes.iter().any(|&(cs, ce, _)| cs < e && s < ce) {
            continue;
        }
        let with_code = with_code_near(s, e);
        let type_only = h.class & context::ACCOUNT == 0;
        if !with_code && (type_only || !ctx.near(s, e, context::BANK, BANK_NEAR, BANK_NEAR)) {
            continue;
        }
        done_until = e;
        let conf = if with_code { 0.9 } else { 0.85 };
        out.push(Finding::new(
            FindingKind::BankAccount,
            s,
            e,
            conf,
            "account_number",
        ));
    }
    // The codes that go with an account found above.
    let accounts: Vec<(usize, usize)> = out[first..].iter().map(|f| (f.start, f.end)).collect();
    for (cs, ce, detail) in codes {
        if accounts
            .iter()
            .any(|&(s, e)| ce + BANK_NEAR >= s && cs <= e + BANK_NEAR)
        {
            out.push(Finding::new(FindingKind::BankAccount, cs, ce, 0.9, detail));
        }
    }
    // Accounts in data the text calls sample or an example ("l'esempio che c'è su tutti i siti
    // delle banche … conto 000000123456") are nobody's: reported below the decision line.
    if out.len() > first && super::table::says_sample(b) {
        for f in &mut out[first..] {
            f.confidence = COMPANY_ACCOUNT;
        }
    }
}

/// The bank code after a bank-code word ("routing 376564241", "sort code 20-45-77", "IFSC
/// HDFC0001234", "BLZ 370 400 44", "agência 1234-5"): `(start, end, detail)`.
fn bank_code(text: &str, word: usize, word_end: usize) -> Option<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let w = text[word..word_end].to_ascii_lowercase();
    if w == "ifsc" {
        let s = skip_gap(b, word_end, |c| c.is_ascii_uppercase())?;
        return is_ifsc(b, s).then_some((s, s + 11, "ifsc"));
    }
    let lengths = if w.starts_with("cl") { 2..=2 } else { 4..=9 };
    let (s, e) = number_after(b, word_end, lengths)?;
    let digits: Vec<u8> = b[s..e]
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|c| c - b'0')
        .collect();
    let detail = match w.as_str() {
        "routing" | "aba" | "rtn" if digits.len() == 9 && aba_valid(&digits) => "routing_number",
        "sort code" | "sort-code" | "sortcode" if digits.len() == 6 => "sort_code",
        // "sort" alone only in the code's own shape, "40-11-62".
        "sort" if digits.len() == 6 && b[s..e].iter().filter(|&&c| c == b'-').count() == 2 => {
            "sort_code"
        }
        // Germany's eight digits, Austria's five.
        "blz" | "bankleitzahl" if matches!(digits.len(), 5 | 8) => "blz",
        "entidad" if digits.len() == 4 => "es_entidad",
        "abi" if digits.len() == 5 => "it_abi",
        "cab" if digits.len() == 5 => "it_cab",
        "agência" | "agencia" | "ag." if (4..=5).contains(&digits.len()) => "agencia",
        "code banque" | "code établissement" if digits.len() == 5 => "code_banque",
        "code guichet" if digits.len() == 5 => "code_guichet",
        "clé rib" | "cle rib" => "cle_rib",
        _ => return None,
    };
    Some((s, e, detail))
}

/// A French account number within `GAP` bytes after `from`: 11 digits and capital letters, at
/// least 8 of them digits.
fn french_account(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let s = skip_gap(b, from, |c| c.is_ascii_digit() || c.is_ascii_uppercase())?;
    let len = b[s..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        .count();
    let digits = b[s..s + len].iter().filter(|c| c.is_ascii_digit()).count();
    (len == 11 && digits >= 8 && !b.get(s + len).is_some_and(u8::is_ascii_alphanumeric))
        .then_some((s, s + len))
}

/// The ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
fn aba_valid(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * [3, 7, 1][i % 3])
        .sum();
    sum.is_multiple_of(10) && d.iter().any(|&x| x != 0)
}

/// IFSC: four letters, a zero, six letters or digits ("HDFC0001234").
fn is_ifsc(b: &[u8], s: usize) -> bool {
    b.len() >= s + 11
        && b[s..s + 4].iter().all(u8::is_ascii_uppercase)
        && b[s + 4] == b'0'
        && b[s + 5..s + 11]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !b.get(s + 11).is_some_and(u8::is_ascii_alphanumeric)
}

/// The first byte at or after `from` (within `GAP` bytes, on the same line) where `starts` holds
/// and the byte before is not a letter or digit.
fn skip_gap(b: &[u8], from: usize, starts: impl Fn(u8) -> bool) -> Option<usize> {
    let end = (from + GAP).min(b.len());
    (from..end)
        .take_while(|&i| b[i] != b'\n')
        .find(|&i| starts(b[i]) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
}

/// A number starting within `GAP` bytes after `from`: digit groups joined by one space or '-'
/// ("1234 5678 90", "12345-6"), with a digit count in `digits`, nothing alphanumeric right after,
/// and not a sample ("12345678", "00000000").
fn number_after(
    b: &[u8],
    from: usize,
    digits: std::ops::RangeInclusive<usize>,
) -> Option<(usize, usize)> {
    let s = skip_gap(b, from, |c| c.is_ascii_digit())?;
    let mut p = s;
    let mut n = 0;
    let mut value: Vec<u8> = Vec::new();
    let mut slashed = false;
    while p < b.len() {
        if b[p].is_ascii_digit() {
            value.push(b[p]);
            n += 1;
            p += 1;
        } else if matches!(b[p], b' ' | b'-') && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
            p += 1;
        } else if b[p] == b'.'
            && (2..=3).contains(&b[p + 1..].iter().take_while(|c| c.is_ascii_digit()).count())
        {
            // Old account numbers grouped by dots: "Kto 1.276.904", "rekening 38.72.91.456".
            p += 1;
        } else if b[p] == b'/'
            && !slashed
            && n >= 3
            && b[p + 1..].iter().take_while(|c| c.is_ascii_digit()).count() >= SLASHED_ACCOUNT
        {
            // "Conto corrente n. 1000/00040218763": a branch, then the account.
            slashed = true;
            p += 1;
        } else {
            break;
        }
    }
    // "普通預金 1500000円", "账户余额 230000元": a balance, not an account.
    if ["円", "元", "万", "块"]
        .iter()
        .any(|u| b[p..].starts_with(u.as_bytes()))
    {
        return None;
    }
    let after = b.get(p).copied().unwrap_or(b' ');
    // "12.50", "3,5": an amount, not an account.
    let decimal = matches!(after, b'.' | b',') && b.get(p + 1).is_some_and(u8::is_ascii_digit);
    let sample = value.windows(2).all(|w| w[1] == w[0])
        || value.windows(2).all(|w| w[1] == w[0] + 1)
        || value.windows(2).all(|w| w[0] == w[1] + 1);
    (digits.contains(&n)
        && !after.is_ascii_alphanumeric()
        && !matches!(after, b'%' | b'/' | b':')
        && !decimal
        && !sample)
        .then_some((s, p))
}

/// The confidence of a company's bank details, or sample ones: reported, below the decision
/// line.
const COMPANY_ACCOUNT: f32 = 0.6;

/// How far before an account the writer may call it theirs, in bytes.
const MINE_BEFORE: usize = 120;

/// Words that make an account the writer's own: "my", "mein", "mon", "mi", "meu", "mijn",
/// "मेरा". Whole words, any case.
static MINE: WordList = WordList::new(
    "my mine mein meine meinem meinen meiner mon ma mes mi mis mio mia meu minha mijn मेरा मेरी \
    मेरे",
);

/// The same in Chinese and Japanese, read anywhere.
const MINE_CJK: &[&str] = &["我的", "私の"];

/// Bank accounts and IBANs on a company's invoice or letterhead (a register or tax number in
/// their paragraph: "Sort code 30-94-57 … VAT Reg. GB 284 6617 02", "Banco Bradesco – Ag.
/// 3114 – C/C 0048273-5 … CNPJ") are the company's, not a person's, unless the writer calls the
/// account theirs just before it.
pub(super) fn company_accounts(text: &str, ctx: &Context, found: &mut [Finding]) {
    for f in found.iter_mut().filter(|f| {
        matches!(f.kind, FindingKind::BankAccount | FindingKind::Iban) && f.confidence >= 0.8
    }) {
        if super::address::company_register_near(text, ctx, f.start, f.end)
            && !mine_before(text, f.start)
        {
            f.confidence = COMPANY_ACCOUNT;
        }
    }
}

fn mine_before(text: &str, at: usize) -> bool {
    let from = text.floor_char_boundary(at.saturating_sub(MINE_BEFORE));
    super::facts::says_any(&text[from..at], &MINE, MINE_CJK)
}
