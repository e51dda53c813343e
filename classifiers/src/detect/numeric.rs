//! Numbers written with digits and separators: card numbers, US SSNs and ITINs, the all-digit
//! national IDs (DE Steuer-ID, FR NIR, NL BSN, IN Aadhaar, BR CPF, JP My Number, PT NIF), and
//! phone numbers.
//!
//! One pass splits the text into "chunks" — digit groups joined by at most one separator each
//! (space, dash, dot, slash, parentheses) — and keeps each chunk's grouping, because the grouping
//! is what tells a phone number from a date, a price, an IP address or an ISBN.

use super::checksum;
use super::context::{self, Context};
use super::text::{at, before, run, run_back};
use super::{Finding, FindingKind};

const MAX_DIGITS: usize = 24;
const MAX_GROUPS: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    Space,
    Dash,
    Dot,
    Slash,
    Paren,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lead {
    Free,
    /// After `#`: an order or issue number.
    Hash,
    /// After a currency sign or code.
    Price,
}

#[derive(Debug)]
struct Chunk {
    start: usize,
    end: usize,
    plus: bool,
    digits: [u8; MAX_DIGITS],
    n: usize,
    groups: [u8; MAX_GROUPS],
    ng: usize,
    seps: [Sep; MAX_GROUPS],
    opens: u8,
    closes: u8,
    overflow: bool,
}

impl Chunk {
    fn new(start: usize) -> Chunk {
        Chunk {
            start,
            end: start,
            plus: false,
            digits: [0; MAX_DIGITS],
            n: 0,
            groups: [0; MAX_GROUPS],
            ng: 0,
            seps: [Sep::Space; MAX_GROUPS],
            opens: 0,
            closes: 0,
            overflow: false,
        }
    }

    fn d(&self) -> &[u8] {
        &self.digits[..self.n.min(MAX_DIGITS)]
    }

    fn g(&self) -> &[u8] {
        &self.groups[..self.ng.min(MAX_GROUPS)]
    }

    fn s(&self) -> &[Sep] {
        &self.seps[..self.ng.saturating_sub(1).min(MAX_GROUPS)]
    }

    fn push_digit(&mut self, v: u8) {
        if self.n < MAX_DIGITS {
            self.digits[self.n] = v;
        } else {
            self.overflow = true;
        }
        self.n += 1;
    }

    fn push_group(&mut self, len: usize) {
        if self.ng < MAX_GROUPS {
            self.groups[self.ng] = len.min(255) as u8;
        } else {
            self.overflow = true;
        }
        self.ng += 1;
    }

    fn push_sep(&mut self, sep: Sep) {
        if self.ng >= 1 && self.ng - 1 < MAX_GROUPS {
            self.seps[self.ng - 1] = sep;
        }
    }

    fn grouped(&self) -> bool {
        self.ng > 1
    }

    /// All separators equal, ignoring the first (which may close an area code: `(030) 1234 567`,
    /// `089/123456-78`).
    fn uniform_after_first(&self) -> bool {
        let s = self.s();
        s.len() < 2 || s[1..].iter().all(|&x| x == s[1])
    }

    fn uniform(&self, allowed: &[Sep]) -> bool {
        let s = self.s();
        !s.is_empty() && s.iter().all(|&x| x == s[0]) && allowed.contains(&s[0])
    }

    fn value(&self, from: usize, to: usize) -> u32 {
        self.d()[from..to]
            .iter()
            .fold(0, |acc, &x| acc * 10 + u32::from(x))
    }
}

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts =
            c.is_ascii_digit() || (matches!(c, b'+' | b'(') && at(b, i + 1).is_ascii_digit());
        if !starts {
            i += 1;
            continue;
        }
        let Some(lead) = lead(b, i) else {
            // Inside a larger token (`v1.2`, `a1b2`, `10:30`): skip the token.
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        };
        let mut next = i + 1;
        if lead == Lead::Free
            && let Some((end, f)) = nir(text, i, ctx)
        {
            out.push(f);
            next = next.max(end);
        }
        let ch = parse(b, i);
        if (right_ok(b, ch.end) || csv_field(b, &ch)) && !ch.overflow {
            classify(text, &ch, lead, ctx, out);
        }
        i = next.max(ch.end);
    }
}

/// What precedes a number; `None` when the number is the tail of a larger token.
fn lead(b: &[u8], i: usize) -> Option<Lead> {
    let p = before(b, i, 1);
    let p2 = before(b, i, 2);
    if p.is_ascii_alphanumeric() || matches!(p, b'_' | b'@' | b'\\') {
        return None;
    }
    if matches!(p, b'.' | b',' | b':') && p2.is_ascii_digit() {
        return None;
    }
    if matches!(p, b'-' | b'/' | b'.') && p2.is_ascii_alphanumeric() {
        return None;
    }
    if p == b'#' || (p == b' ' && p2 == b'#') {
        return Some(Lead::Hash);
    }
    let j = if p == b' ' { i - 1 } else { i };
    let head = &b[j.saturating_sub(4)..j];
    const CURRENCY: [&[u8]; 12] = [
        b"$",
        "€".as_bytes(),
        "£".as_bytes(),
        "¥".as_bytes(),
        "₹".as_bytes(),
        "₩".as_bytes(),
        b"EUR",
        b"USD",
        b"GBP",
        b"CHF",
        b"INR",
        b"Rs.",
    ];
    if CURRENCY.iter().any(|c| head.ends_with(c)) {
        return Some(Lead::Price);
    }
    Some(Lead::Free)
}

fn right_ok(b: &[u8], end: usize) -> bool {
    let n = at(b, end);
    let n2 = at(b, end + 1);
    if n.is_ascii_alphanumeric() || matches!(n, b'_' | b'@' | b'%') {
        return false;
    }
    !(matches!(n, b'.' | b',' | b':' | b'-' | b'/') && n2.is_ascii_alphanumeric())
}

/// A dashed number ending a CSV field ("大野 智子,090-2281-6634,284000"): the comma after it
/// parts fields. A decimal or thousands comma does not follow dashed digit groups.
fn csv_field(b: &[u8], ch: &Chunk) -> bool {
    at(b, ch.end) == b',' && ch.s().len() >= 2 && ch.s().iter().all(|&s| s == Sep::Dash)
}

/// How far around a number Chinese or Japanese script marks it as written there, in bytes.
const CJK_AROUND: usize = 60;

/// Whether Han or kana characters stand within [`CJK_AROUND`] bytes of `start..end`.
fn cjk_near(text: &str, start: usize, end: usize) -> bool {
    let from = text.floor_char_boundary(start.saturating_sub(CJK_AROUND));
    let to = text.ceil_char_boundary((end + CJK_AROUND).min(text.len()));
    text[from..to]
        .chars()
        .any(|c| super::salary::is_han(c) || super::salary::is_kana(c))
}

/// A currency or unit right after the number.
fn trailing_price(b: &[u8], end: usize) -> bool {
    let j = if at(b, end) == b' ' { end + 1 } else { end };
    let tail = b.get(j..).unwrap_or_default();
    const UNITS: [&[u8]; 12] = [
        "€".as_bytes(),
        b"$",
        "£".as_bytes(),
        "¥".as_bytes(),
        "円".as_bytes(),
        "元".as_bytes(),
        "₹".as_bytes(),
        b"EUR",
        b"USD",
        b"GBP",
        b"euro",
        b"dollar",
    ];
    UNITS
        .iter()
        .any(|u| tail.len() >= u.len() && tail[..u.len()].eq_ignore_ascii_case(u))
}

/// Separator between digit groups: `(sep, byte length, '(' count, ')' count)`.
fn separator(b: &[u8], p: usize) -> Option<(Sep, usize, u8, u8)> {
    let mut q = p;
    let mut spaces = 0;
    let mut punct = None;
    let (mut opens, mut closes) = (0u8, 0u8);
    loop {
        match at(b, q) {
            b' ' => {
                spaces += 1;
                q += 1;
            }
            0xC2 if at(b, q + 1) == 0xA0 => {
                spaces += 1;
                q += 2;
            }
            0xE2 if at(b, q + 1) == 0x80 && at(b, q + 2) == 0xAF => {
                spaces += 1;
                q += 3;
            }
            c @ (b'-' | b'.' | b'/') if punct.is_none() && spaces == 0 => {
                // A full stop followed by a space ends a sentence, not a group.
                if c == b'.' && at(b, q + 1) == b' ' {
                    break;
                }
                punct = Some(match c {
                    b'-' => Sep::Dash,
                    b'.' => Sep::Dot,
                    _ => Sep::Slash,
                });
                q += 1;
            }
            b'-' | b'/' if punct.is_none() => {
                punct = Some(if at(b, q) == b'-' {
                    Sep::Dash
                } else {
                    Sep::Slash
                });
                q += 1;
            }
            b'(' if opens == 0 => {
                opens = 1;
                q += 1;
            }
            b')' if closes == 0 => {
                closes = 1;
                q += 1;
            }
            _ => break,
        }
        if q - p > 6 {
            return None;
        }
    }
    // Spaces around a dash or slash come in pairs (" - "); "2013 -0900" is a time zone, and
    // runs of spaces align columns.
    if q == p || (punct.is_some() && !matches!(spaces, 0 | 2)) || (punct.is_none() && spaces > 1) {
        return None;
    }
    let sep = if opens + closes > 0 {
        Sep::Paren
    } else {
        punct.unwrap_or(Sep::Space)
    };
    Some((sep, q - p, opens, closes))
}

fn parse(b: &[u8], i: usize) -> Chunk {
    let mut ch = Chunk::new(i);
    let mut p = i;
    if at(b, p) == b'+' {
        ch.plus = true;
        p += 1;
    }
    let lead_paren = at(b, p) == b'(';
    if lead_paren {
        ch.opens = 1;
        p += 1;
    }
    let mut first_sep_closes = false;
    loop {
        let gs = p;
        while at(b, p).is_ascii_digit() {
            ch.push_digit(b[p] - b'0');
            p += 1;
        }
        ch.push_group(p - gs);
        ch.end = p;
        let Some((sep, len, opens, closes)) = separator(b, p) else {
            break;
        };
        if !at(b, p + len).is_ascii_digit() {
            break;
        }
        if ch.ng == 1 {
            first_sep_closes = closes > 0;
        }
        ch.opens += opens;
        ch.closes += closes;
        ch.push_sep(sep);
        p += len;
    }
    // Parentheses around the whole number wrap it rather than an area code.
    if lead_paren && !first_sep_closes && !ch.plus {
        ch.start += 1;
        ch.opens -= 1;
    }
    ch
}

fn classify(text: &str, ch: &Chunk, lead: Lead, ctx: &Context, out: &mut Vec<Finding>) {
    if lead == Lead::Price {
        return;
    }
    let candidates = [
        card(text, ch, lead, ctx),
        ssn(text, ch, ctx),
        cpf(text, ch, ctx),
        steuer_id(text, ch, ctx),
        aadhaar(text, ch, ctx),
        my_number(text, ch, ctx),
        pt_nif(text, ch, ctx),
        bsn(text, ch, ctx),
        be_rrn(text, ch, ctx),
        phone(text, ch, lead, ctx),
    ];
    out.extend(candidates.into_iter().flatten());
}

fn plain_or_parenless(ch: &Chunk) -> bool {
    !ch.plus && ch.opens == 0 && ch.closes == 0
}

// ---------------------------------------------------------------------------------------------
// Cards

/// Published test numbers of card networks and payment processors (Stripe, Adyen, Braintree,
/// PayPal, Worldpay, Redsys docs).
const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4000000000009995",
    "4000000000009987",
    "4000000000000069",
    "4000002500003155",
    "4000002760003184",
    "4000008260003178",
    "4000000000003220",
    "4000000000003063",
    "4000003800000446",
    "4000000000000341",
    "4000000000000002",
    "4000000000009979",
    "4548812049400004",
    "4242424242424242",
    "4000056655665556",
    "4012888888881881",
    "4222222222222",
    "4012000033330026",
    "4012000077777777",
    "4035501000000008",
    "4009348888881881",
    "4217651111111119",
    "4500600000000061",
    "4444333322221111",
    "4988438843884305",
    "4166676667666746",
    "4646464646464644",
    "4917610000000000",
    "4000000000000002",
    "4000002500003155",
    "4000002760003184",
    "4000003720000278",
    "4000000760000002",
    "4000001240000000",
    "4000004840008001",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "5454545454545454",
    "5431111111111111",
    "5100290029002909",
    "5101180000000007",
    "2223003122003222",
    "2222400070000005",
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "370000000000002",
    "6011111111111117",
    "6011000990139424",
    "6011601160116611",
    "6011000400000000",
    "3056930009020004",
    "36227206271667",
    "36006666333344",
    "38520000023237",
    "30569309025904",
    "3530111333300000",
    "3566002020360505",
    "3566111111111113",
    "6200000000000005",
    "6771798021000008",
    "6703444444444449",
    "5019717010103742",
    "6331101999990016",
];

fn is_test_card(d: &[u8]) -> bool {
    if TEST_CARDS
        .iter()
        .any(|t| t.len() == d.len() && t.bytes().zip(d).all(|(a, &x)| a - b'0' == x))
    {
        return true;
    }
    // Numbers dominated by one digit or a short repeating pattern are hand-made.
    let mut counts = [0usize; 10];
    for &x in d {
        counts[usize::from(x % 10)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(0);
    if top * 5 >= d.len() * 3 {
        return true;
    }
    let body = &d[4..];
    (1..=4).any(|p| body.len() > 2 * p && body.iter().skip(p).zip(body).all(|(a, b)| a == b))
}

fn issuer(d: &[u8]) -> Option<&'static str> {
    let n = d.len();
    let pre = |k: usize| -> u32 { d[..k.min(n)].iter().fold(0, |a, &x| a * 10 + u32::from(x)) };
    let (p1, p2, p3, p4, p6) = (pre(1), pre(2), pre(3), pre(4), pre(6));
    if p2 == 34 || p2 == 37 {
        (n == 15).then_some("amex")
    } else if (3528..=3589).contains(&p4) {
        (16..=19).contains(&n).then_some("jcb")
    } else if (300..=305).contains(&p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39 {
        (14..=19).contains(&n).then_some("diners")
    } else if p1 == 4 {
        matches!(n, 13 | 16 | 19).then_some("visa")
    } else if (51..=55).contains(&p2) || (2221..=2720).contains(&p4) {
        (n == 16).then_some("mastercard")
    } else if (2200..=2204).contains(&p4) {
        (16..=19).contains(&n).then_some("mir")
    } else if p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || (622126..=622925).contains(&p6)
    {
        (16..=19).contains(&n).then_some("discover")
    } else if p2 == 62 {
        (16..=19).contains(&n).then_some("unionpay")
    } else if p2 == 50
        || (56..=58).contains(&p2)
        || p4 == 6304
        || p4 == 6759
        || (6761..=6763).contains(&p4)
        || p3 == 639
    {
        (13..=19).contains(&n).then_some("maestro")
    } else if p2 == 60 || p2 == 81 || p2 == 82 || p3 == 508 {
        (n == 16).then_some("rupay")
    } else {
        None
    }
}

/// How far after a card number its expiry date may start, in bytes (", exp. ", " – gültig bis ").
const EXPIRY_AFTER: usize = 20;

/// Whether a card's expiry date, `MM/YY` or `MM/YYYY`, is the first number after `end`.
fn expiry_after(b: &[u8], end: usize) -> bool {
    let window = &b[end..(end + EXPIRY_AFTER).min(b.len())];
    let Some(k) = window.iter().position(u8::is_ascii_digit) else {
        return false;
    };
    let p = end + k;
    let month = run(b, p, 3, |c| c.is_ascii_digit()) == 2
        && (1..=12).contains(&(u32::from(b[p] - b'0') * 10 + u32::from(b[p + 1] - b'0')));
    let year = run(b, p + 3, 5, |c| c.is_ascii_digit());
    month
        && at(b, p + 2) == b'/'
        && matches!(year, 2 | 4)
        && !matches!(at(b, p + 3 + year), b'/' | b'0'..=b'9')
}

/// How far after a card number its expiry or security code may be named, in bytes.
const CARD_DETAILS_AFTER: usize = 60;

/// Whether a security code ("CVC", "CVV", "CSC") or an expiry ("exp 0927", "exp_month",
/// "expiry") is named closely after a card number.
fn card_details_after(b: &[u8], end: usize) -> bool {
    let window = &b[end..(end + CARD_DETAILS_AFTER).min(b.len())];
    let lower = window.to_ascii_lowercase();
    let code = [b"cvc".as_slice(), b"cvv", b"csc"]
        .iter()
        .any(|w| memchr::memmem::find(&lower, w).is_some());
    let expiry = memchr::memmem::find_iter(&lower, b"exp").any(|i| {
        let word_start = i == 0 || !lower[i - 1].is_ascii_alphanumeric();
        let rest = &lower[i + 3..];
        word_start
            && (rest.first().is_some_and(|c| b" _.:/0123456789".contains(c))
                || rest.starts_with(b"iry")
                || rest.starts_with(b"ires")
                || rest.starts_with(b"iration"))
    });
    code || expiry
}

fn card(text: &str, ch: &Chunk, lead: Lead, ctx: &Context) -> Option<Finding> {
    if !plain_or_parenless(ch) || !(13..=19).contains(&ch.n) {
        return None;
    }
    let b = text.as_bytes();
    let g = ch.g();
    if ch.grouped() {
        if !ch.uniform(&[Sep::Space, Sep::Dash]) {
            return None;
        }
        let fours = g[..g.len() - 1].iter().all(|&x| x == 4) && (1..=4).contains(&g[g.len() - 1]);
        if !(fours || g == [4, 6, 5] || g == [4, 6, 4]) {
            return None;
        }
    }
    let d = ch.d();
    let name = issuer(d)?;
    if !checksum::luhn(d) {
        // Printed in its groups beside a card word ("Visa 4968 8719 3932 5244") or with its
        // expiry date right after ("4921 8830 5517 2046, exp 09/27"): a card, one digit
        // mistyped or made up.
        // Ungrouped, only with its expiry or security code right after it ("4539771206648813
        // exp 0927 cvc 418", `"number":"5131420788163307","exp_month":"11"`): a card word
        // alone names many other numbers.
        let named = expiry_after(b, ch.end)
            || card_details_after(b, ch.end)
            || (ch.grouped() && ctx.around(ch.start, ch.end, context::CARD));
        let span = (ch.start, ch.end);
        return super::failed_check(b, d, span, named, FindingKind::CreditCard, "card_unchecked");
    }
    if is_test_card(d) {
        return None;
    }
    let card_ctx = ctx.around(ch.start, ch.end, context::CARD);
    if !ch.grouped() && !card_ctx {
        // A bare long integer passes Luhn one time in ten: without a label or the printed
        // grouping, only the common lengths outside tables and order numbers count.
        let other = ctx.near(ch.start, ch.end, context::NOT_PHONE, 24, 0);
        let quoted = matches!(before(b, ch.start, 1), b'"' | b'\'');
        if lead == Lead::Hash
            || other
            || quoted
            || !matches!(ch.n, 15 | 16)
            || in_number_table(b, ch.start, ch.end)
        {
            return None;
        }
    }
    let conf = if ch.grouped() || card_ctx { 0.95 } else { 0.8 };
    Some(Finding::new(
        FindingKind::CreditCard,
        ch.start,
        ch.end,
        conf,
        name,
    ))
}

// ---------------------------------------------------------------------------------------------
// US SSN / ITIN

/// Numbers published as examples or voided after misuse.
const SSN_EXCLUDED: [u32; 4] = [78_051_120, 219_099_999, 123_456_789, 987_654_321];

fn ssn(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 9 || !plain_or_parenless(ch) {
        return None;
    }
    let sep = match (ch.g(), ch.s()) {
        ([3, 2, 4], [a, b]) if a == b && matches!(a, Sep::Dash | Sep::Space) => Some(*a),
        ([9], []) => None,
        _ => return None,
    };
    let labelled = ctx.around(ch.start, ch.end, context::SSN | context::ANY_ID);
    if sep.is_none() && !labelled {
        return None;
    }
    let d = ch.d();
    let (area, group, serial) = (ch.value(0, 3), ch.value(3, 5), ch.value(5, 9));
    if area == 0 || area == 666 || group == 0 || serial == 0 {
        return None;
    }
    // Published numbers, and hand-made ones such as 111-22-3333.
    let repeated = |from: usize, to: usize| d[from..to].iter().all(|&x| x == d[from]);
    if SSN_EXCLUDED.contains(&ch.value(0, 9))
        || (repeated(0, 3) && repeated(3, 5) && repeated(5, 9))
    {
        return None;
    }
    // Numbers the text says it made up ("seed data … made-up SSNs in the 900 range").
    if super::table::says_made_up(text) {
        return None;
    }
    if area >= 900 {
        let itin_group = matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99);
        if itin_group && sep == Some(Sep::Dash) {
            let conf = if labelled { 0.95 } else { 0.8 };
            return Some(Finding::new(
                FindingKind::NationalId,
                ch.start,
                ch.end,
                conf,
                "us_itin",
            ));
        }
        return None;
    }
    let conf = match sep {
        Some(Sep::Dash) => 0.95,
        Some(_) if labelled => 0.95,
        Some(_) => 0.8,
        None => 0.85,
    };
    Some(Finding::new(
        FindingKind::Ssn,
        ch.start,
        ch.end,
        conf,
        "us_ssn",
    ))
}

// ---------------------------------------------------------------------------------------------
// All-digit national IDs

/// An ID whose check digit fails, when `named` (its own name stands beside it), unless it is
/// made up: digits repeated or counting up or down ("1234 5678 9012"), or a text that calls its
/// data sample, example or test data.
fn unchecked(text: &str, ch: &Chunk, named: bool, detail: &'static str) -> Option<Finding> {
    let span = (ch.start, ch.end);
    let b = text.as_bytes();
    super::failed_check(b, ch.d(), span, named, FindingKind::NationalId, detail)
}

fn cpf(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 11 || !plain_or_parenless(ch) {
        return None;
    }
    let labelled = ctx.around(ch.start, ch.end, context::CPF | context::ANY_ID);
    let formatted = ch.g() == [3, 3, 3, 2] && ch.s() == [Sep::Dot, Sep::Dot, Sep::Dash];
    if !(formatted || (ch.ng == 1 && labelled)) {
        return None;
    }
    let d = ch.d();
    // 123.456.789-09, 529.982.247-25 and 111.444.777-35 are valid and the examples tutorials
    // use.
    if matches!(ch.value(0, 9), 123_456_789 | 529_982_247 | 111_444_777) {
        return None;
    }
    if !checksum::cpf(d) {
        let named = ctx.around(ch.start, ch.end, context::CPF);
        return unchecked(text, ch, named, "br_cpf_unchecked");
    }
    let conf = if formatted { 0.95 } else { 0.9 };
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        conf,
        "br_cpf",
    ))
}

/// How far before a number in its ID's own printed grouping the ID's name may stand, in bytes.
const NAME_CLAUSE_BEFORE: usize = 160;

fn steuer_id(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 11 || !plain_or_parenless(ch) {
        return None;
    }
    let b = text.as_bytes();
    let labelled = ctx.around(ch.start, ch.end, context::TAX_DE | context::ANY_ID);
    let grouped = ch.g() == [2, 3, 3, 3] && ch.uniform(&[Sep::Space]);
    if !(grouped || (ch.ng == 1 && labelled)) {
        return None;
    }
    if !checksum::steuer_id(ch.d()) {
        // Its first digit is never 0. Printed in its own groups, its name may stand a clause
        // before ("meine Steuer-ID sei ungültig, ich hab sie … abgeschrieben: 57 492 018 364").
        let named = ch.d()[0] != 0
            && (ctx.around(ch.start, ch.end, context::TAX_DE)
                || (grouped && ctx.near(ch.start, ch.end, context::TAX_DE, NAME_CLAUSE_BEFORE, 0)));
        return unchecked(text, ch, named, "de_steuer_id_unchecked");
    }
    if !labelled && in_number_table(b, ch.start, ch.end) {
        return None;
    }
    let conf = if labelled { 0.95 } else { 0.75 };
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        conf,
        "de_steuer_id",
    ))
}

fn aadhaar(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 12 || !plain_or_parenless(ch) {
        return None;
    }
    let b = text.as_bytes();
    let d = ch.d();
    let labelled = ctx.around(ch.start, ch.end, context::AADHAAR | context::ANY_ID);
    let grouped = ch.g() == [4, 4, 4] && ch.uniform(&[Sep::Space, Sep::Dash]);
    if d[0] < 2 || !(grouped || (ch.ng == 1 && labelled)) || is_test_card(d) {
        return None;
    }
    if !checksum::verhoeff(d) {
        let named = ctx.around(ch.start, ch.end, context::AADHAAR);
        return unchecked(text, ch, named, "in_aadhaar_unchecked");
    }
    if !labelled && in_number_table(b, ch.start, ch.end) {
        return None;
    }
    let conf = if labelled { 0.95 } else { 0.75 };
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        conf,
        "in_aadhaar",
    ))
}

/// How far before a My Number its name may stand, in bytes.
const MY_NUMBER_NAME_BEFORE: usize = 120;

/// Japanese My Number (個人番号): 12 digits whose last is a mod-11 check digit; only written
/// 4-4-4 or next to its name, since a bare 12-digit number is usually something else.
fn my_number(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 12 || !plain_or_parenless(ch) {
        return None;
    }
    let b = text.as_bytes();
    let d = ch.d();
    // Japanese takes three bytes a character: its name may stand a clause before the number
    // ("マイナンバーを書くところがあるんですが、妻（山口由紀）のは 3729 4810 5564").
    let labelled = ctx.near(
        ch.start,
        ch.end,
        context::MY_NUMBER,
        MY_NUMBER_NAME_BEFORE,
        24,
    );
    let grouped = ch.g() == [4, 4, 4] && ch.uniform(&[Sep::Space, Sep::Dash]);
    if !(labelled && (grouped || ch.ng == 1)) || in_number_table(b, ch.start, ch.end) {
        return None;
    }
    if !checksum::my_number(d) {
        return unchecked(text, ch, true, "jp_my_number_unchecked");
    }
    if d.iter().all(|&x| x == d[0]) {
        return None;
    }
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        0.95,
        "jp_my_number",
    ))
}

/// Portuguese NIF: 9 digits with a mod-11 check digit, only next to its name (`NIF`,
/// `contribuinte`): the check passes for one random number in eleven.
fn pt_nif(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 9 || ch.ng != 1 || !plain_or_parenless(ch) {
        return None;
    }
    let d = ch.d();
    if !matches!(d[0], 1 | 2 | 3 | 5 | 6 | 8 | 9) || !ctx.around(ch.start, ch.end, context::PT_NIF)
    {
        return None;
    }
    if !checksum::pt_nif(d) {
        return unchecked(text, ch, true, "pt_nif_unchecked");
    }
    // 123456789 is the example on every form.
    if ch.value(0, 9) == 123_456_789 {
        return None;
    }
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        0.9,
        "pt_nif",
    ))
}

fn bsn(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 9 || !plain_or_parenless(ch) {
        return None;
    }
    let shape_ok = ch.ng == 1
        || (ch.g() == [4, 2, 3] && ch.uniform(&[Sep::Dot, Sep::Space]))
        || (ch.g() == [3, 3, 3] && ch.uniform(&[Sep::Dot, Sep::Space]));
    if !shape_ok || !ctx.around(ch.start, ch.end, context::BSN | context::ANY_ID) {
        return None;
    }
    // 123456782 and 111222333 pass the 11-proof and appear in every Dutch tutorial.
    let v = ch.value(0, 9);
    if v == 123_456_782 || v == 111_222_333 {
        return None;
    }
    if !checksum::bsn(ch.d()) {
        let named = ctx.around(ch.start, ch.end, context::BSN);
        return unchecked(text, ch, named, "nl_bsn_unchecked");
    }
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        0.9,
        "nl_bsn",
    ))
}

/// How far before a Belgian national number in its printed shape its name may stand, in bytes
/// ("het rijksregisternummer van de vader. Op zijn eID staat: 83.11.07-245.18").
const BE_RRN_NAME_BEFORE: usize = 120;

/// Belgian national number (rijksregisternummer, numéro de registre national, INSZ/NISS):
/// `yy.mm.dd-sss.cc` as the eID prints it, or 11 digits after its name. The check is 97 minus
/// the first nine digits mod 97, with a 2 before them for births from 2000. Month and day may
/// be 00 (a birth date unknown).
fn be_rrn(text: &str, ch: &Chunk, ctx: &Context) -> Option<Finding> {
    if ch.n != 11 || !plain_or_parenless(ch) {
        return None;
    }
    let printed = ch.g() == [2, 2, 2, 3, 2] && ch.s() == [Sep::Dot, Sep::Dot, Sep::Dash, Sep::Dot];
    let named = if printed {
        ctx.near(ch.start, ch.end, context::BE_RRN, BE_RRN_NAME_BEFORE, 24)
    } else {
        ctx.around(ch.start, ch.end, context::BE_RRN)
    };
    if !(printed || (ch.ng == 1 && named)) {
        return None;
    }
    if ch.value(2, 4) > 12 || ch.value(4, 6) > 31 {
        return None;
    }
    let n9 = u64::from(ch.value(0, 9));
    let key = u64::from(ch.value(9, 11));
    if 97 - n9 % 97 != key && 97 - (2_000_000_000 + n9) % 97 != key {
        return unchecked(text, ch, named, "be_rrn_unchecked");
    }
    let conf = if named { 0.95 } else { 0.9 };
    Some(Finding::new(
        FindingKind::NationalId,
        ch.start,
        ch.end,
        conf,
        "be_rrn",
    ))
}

/// How far before a NIR whose key fails its name may stand, in bytes.
const NIR_NAME_BEFORE: usize = 120;

/// French NIR: `s yy mm dd ccc ooo kk`, spaces optional, department 2A/2B for Corsica.
fn nir(text: &str, i: usize, ctx: &Context) -> Option<(usize, Finding)> {
    let b = text.as_bytes();
    if !matches!(at(b, i), b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return None;
    }
    let mut body = [0u8; 13];
    let mut k = 0;
    let mut p = i;
    let mut spaces = 0;
    for (idx, width) in [1usize, 2, 2, 2, 3, 3].into_iter().enumerate() {
        if idx > 0 && at(b, p) == b' ' {
            spaces += 1;
            p += 1;
        }
        for w in 0..width {
            let c = at(b, p);
            let corsica = idx == 3 && w == 1 && body[k - 1] == b'2' && matches!(c, b'A' | b'B');
            if !(c.is_ascii_digit() || corsica) {
                return None;
            }
            body[k] = c;
            k += 1;
            p += 1;
        }
    }
    if at(b, p) == b' ' {
        spaces += 1;
        p += 1;
    }
    let (k1, k2) = (at(b, p), at(b, p + 1));
    if !k1.is_ascii_digit() || !k2.is_ascii_digit() {
        return None;
    }
    let end = p + 2;
    if !right_ok(b, end) || !(spaces == 0 || spaces >= 4) {
        return None;
    }
    let month = u32::from(body[3] - b'0') * 10 + u32::from(body[4] - b'0');
    if !matches!(month, 1..=12 | 20..=42 | 50..=99) {
        return None;
    }
    let key = u64::from(k1 - b'0') * 10 + u64::from(k2 - b'0');
    if checksum::nir_key(&body)? != key {
        // Its own name in the sentence before it ("son n° de sécu … c'est 1 79 05 31 555 087
        // 43"): the number is one, its key mistyped or made up. Its shape is long and rare
        // enough for a wider look back than other IDs get.
        let digits: Vec<u8> = body
            .iter()
            .filter(|c| c.is_ascii_digit())
            .map(|c| c - b'0')
            .collect();
        let named = ctx.near(i, end, context::NIR, NIR_NAME_BEFORE, 24);
        let kind = FindingKind::NationalId;
        return super::failed_check(b, &digits, (i, end), named, kind, "fr_nir_unchecked")
            .map(|f| (end, f));
    }
    let labelled = ctx.around(i, end, context::NIR | context::ANY_ID);
    let conf = match (spaces > 0, labelled) {
        (_, true) => 0.97,
        (true, false) => 0.9,
        (false, false) => 0.75,
    };
    Some((
        end,
        Finding::new(FindingKind::NationalId, i, end, conf, "fr_nir"),
    ))
}

// ---------------------------------------------------------------------------------------------
// Phones

fn starts(d: &[u8], pat: &str) -> bool {
    d.len() >= pat.len() && pat.bytes().zip(d).all(|(p, &x)| p.wrapping_sub(b'0') == x)
}

/// Mobile ranges with their national lengths, trunk `0` included: DE 015x/016x/017x, UK 07
/// (not the 070 personal numbers), NL 06, JP 070/080/090. Grouped like a phone number, such a
/// number is one even without a word for "phone" nearby.
fn national_mobile(national: &[u8]) -> bool {
    let n = national.len();
    // Germany's mobile ranges are 015x, 0160, 0162, 0163 and 017x; 0161 is Manchester's.
    let de = (starts(national, "015")
        || starts(national, "0160")
        || starts(national, "0162")
        || starts(national, "0163")
        || starts(national, "017"))
        && (10..=12).contains(&n);
    let uk = starts(national, "07") && !starts(national, "070") && n == 11;
    let nl = starts(national, "06") && n == 10;
    let jp =
        (starts(national, "070") || starts(national, "080") || starts(national, "090")) && n == 11;
    de || uk || nl || jp
}

/// Ranges regulators reserve for fiction and documentation (Ofcom drama numbers, ARCEP's
/// fiction ranges); `national` includes the trunk `0`.
fn fictional_national(national: &[u8]) -> bool {
    const RANGES: [&str; 9] = [
        "07700900", "02079460", "01632960", "01914980", "02890180", "02920180", "08081570",
        "09098790", "019900",
    ];
    if RANGES.iter().any(|r| starts(national, r)) || starts(national, "063998") {
        return true;
    }
    // Ofcom: 01xx 496 0xxx in every geographic area code of that shape.
    national.len() == 11 && starts(national, "01") && starts(&national[4..], "4960")
}

fn nanp_ok(d: &[u8]) -> bool {
    if d.len() != 10 {
        return false;
    }
    let area = d[..3].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let exchange = d[3..6].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let line = d[6..].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    d[0] >= 2
        && d[3] >= 2
        && !(d[1] == 1 && d[2] == 1)
        && !(d[4] == 1 && d[5] == 1)
        && area != 555
        && !(exchange == 555 && ((100..=199).contains(&line) || line == 1212))
}

/// Whether an international number (`nd`: country code and national number, no trunk zero)
/// is a fixed line, by its country's numbering plan: not a mobile, and not a country whose plan
/// mixes the two (the NANP). Only the countries whose letterheads the detectors read.
fn international_landline(nd: &[u8]) -> bool {
    let after = |cc: &str| (starts(nd, cc) && nd.len() > cc.len()).then(|| &nd[cc.len()..]);
    if let Some(n) = after("49") {
        !(starts(n, "15") || starts(n, "16") || starts(n, "17"))
    } else if let Some(n) = after("44") {
        matches!(n[0], 1 | 2)
    } else if let Some(n) = after("33") {
        matches!(n[0], 1..=5 | 9)
    } else if let Some(n) = after("34") {
        matches!(n[0], 8 | 9)
    } else if let Some(n) = after("39") {
        n[0] == 0
    } else if let Some(n) = after("31") {
        !matches!(n[0], 6 | 8 | 9)
    } else if let Some(n) = after("351") {
        n[0] == 2
    } else if let Some(n) = after("55") {
        n.len() == 10 && matches!(n[2], 2..=5)
    } else if let Some(n) = after("81") {
        !(starts(n, "70") || starts(n, "80") || starts(n, "90") || starts(n, "50"))
    } else if let Some(n) = after("91") {
        matches!(n[0], 1..=5)
    } else if let Some(n) = after("86") {
        n[0] != 1
    } else {
        false
    }
}

/// Country-code length and plausible national-number lengths.
fn country(nd: &[u8]) -> Option<(usize, std::ops::RangeInclusive<usize>)> {
    let two = u32::from(*nd.first()?) * 10 + u32::from(*nd.get(1)?);
    Some(match nd[0] {
        1 | 7 => (1, 10..=10),
        _ => match two {
            20 => (2, 8..=10),
            27 => (2, 9..=9),
            30 => (2, 10..=10),
            31 | 33 | 34 | 40 | 41 | 48 => (2, 9..=9),
            32 | 36 => (2, 8..=9),
            39 => (2, 6..=11),
            43 => (2, 4..=13),
            44 => (2, 9..=10),
            45 | 47 => (2, 8..=8),
            46 => (2, 7..=13),
            49 => (2, 6..=13),
            51..=58 | 60..=66 => (2, 8..=11),
            81 | 84 => (2, 9..=10),
            82 => (2, 8..=10),
            86 => (2, 9..=11),
            90 | 91 | 98 => (2, 10..=10),
            92..=95 => (2, 8..=10),
            _ if matches!(nd[0], 2 | 3 | 4 | 5 | 6 | 8 | 9) => (3, 6..=12),
            _ => return None,
        },
    })
}

fn is_date(ch: &Chunk) -> bool {
    let g = ch.g();
    let dated = ch.uniform(&[Sep::Dot, Sep::Slash, Sep::Dash]);
    dated
        && match g {
            [a, b, c] => {
                (*a <= 2 && *b <= 2 && (*c == 2 || *c == 4)) || (*a >= 4 && *b <= 2 && *c <= 2)
            }
            [a, b] => (*a == 2 && *b == 4) || (*a == 4 && *b == 2),
            _ => false,
        }
}

/// How far before a number a business-line word ("hotline", "Kundenservice", "お問い合わせ")
/// makes it the business's, in bytes.
const BUSINESS_BEFORE: usize = 60;
/// The confidence of a phone number on a business line: reported, but below the finding
/// confidence that decides privacy.
const BUSINESS_CONFIDENCE: f32 = 0.6;

/// Whether the digit values `d` (7 or more) make a number nobody has. "+91 00000 00000", "06
/// 11111111": a subscriber number of one repeated digit is a placeholder, and so is one of zeros
/// and a counter ("+351 000 000 001"), or China's textbook example number.
pub(super) fn made_up_number(d: &[u8]) -> bool {
    let tail = &d[d.len() - 7..];
    // "(11) 5555-0100": the North American fiction range 555-01xx, written to a local length.
    let fiction = d.len() >= 8 && d[d.len() - 8..d.len() - 2] == [5, 5, 5, 5, 0, 1];
    // "99999 00001", "98989 89898": three digits or fewer make a number nobody has.
    let mut seen = [false; 10];
    d.iter().for_each(|&x| seen[usize::from(x)] = true);
    let distinct = seen.iter().filter(|&&x| x).count();
    fiction
        || (d.len() >= 9 && distinct <= 3)
        || d[d.len() - 6..].windows(2).all(|p| p[0] == p[1])
        || tail.iter().filter(|&&x| x == 0).count() >= 6
        || d.ends_with(&[1, 3, 8, 0, 0, 1, 3, 8, 0, 0, 0])
}

fn phone(text: &str, ch: &Chunk, lead: Lead, ctx: &Context) -> Option<Finding> {
    let b = text.as_bytes();
    let n = ch.n;
    if lead != Lead::Free || !(7..=15).contains(&n) || ch.opens != ch.closes || ch.opens > 1 {
        return None;
    }
    let phone_ctx = ctx.around(ch.start, ch.end, context::PHONE);
    if !phone_ctx && ctx.near(ch.start, ch.end, context::NOT_PHONE, 24, 0) {
        return None;
    }
    let d = ch.d();
    // A mobile number with its dashes is one in a table of numbers too: a customer list's row
    // ("C-00412,大野 智子,090-2281-6634,284000").
    let dashed_mobile = d[0] == 0
        && national_mobile(d)
        && ch.s().len() >= 2
        && ch.s().iter().all(|&s| s == Sep::Dash);
    if trailing_price(b, ch.end)
        || is_date(ch)
        || (!phone_ctx && !dashed_mobile && in_number_table(b, ch.start, ch.end))
    {
        return None;
    }
    let g = ch.g();
    let s = ch.s();
    if n == 13 && (starts(d, "978") || starts(d, "979")) {
        return None;
    }
    // A single dot is a decimal point; mixed with other separators, a version or a date.
    if s.contains(&Sep::Dot) && (!ch.uniform(&[Sep::Dot]) || s.len() == 1) {
        return None;
    }
    // ZIP+4 postal codes.
    if g == [5, 4] && s == [Sep::Dash] && !phone_ctx {
        return None;
    }
    let trunk = trunk_zero_group(ch);
    let international = ch.plus || starts(d, "00");
    // Numbers written for abroad mix spaces, dashes and a parenthesised trunk zero freely.
    if ch.grouped() && !ch.uniform_after_first() && !international {
        return None;
    }
    if g == [3, 2, 4] {
        return None;
    }
    // Counting runs ("0171 2345678", "98765 43210") are what people type as an example.
    if d.windows(6)
        .any(|w| w.windows(2).all(|p| p[1] == p[0] + 1) || w.windows(2).all(|p| p[0] == p[1] + 1))
    {
        return None;
    }
    // Unicode code points ("0069 0307 0301") group like phone numbers; phones rarely have two
    // four-digit groups opening with 0.
    let mut offset = usize::from(g[0]);
    let mut code_points = 0;
    for &len in &g[1..] {
        if len == 4 && d.get(offset) == Some(&0) {
            code_points += 1;
        }
        offset += usize::from(len);
    }
    if code_points >= 2 || stepped_groups(ch) {
        return None;
    }
    if made_up_number(d) {
        return None;
    }
    if toll_free(ch, international, trunk) {
        return None;
    }
    // "Hotline (0221 8277 400)", "Rückfragen: Störungsdienst, Tel. …", "お問い合わせ … 電話": a
    // business's line is no person's contact data. It stays a finding, below the decision line.
    // A landline in a letterhead or an invoice's header, whose paragraph names a company's legal
    // form or register number ("株式会社アオバ物流\n〒980-0021 …\nTEL 022-261-4480\n登録番号：T…"),
    // is the company's too. A mobile there may be its owner's or an employee's.
    // A mobile after a business-line word is whoever answers it: "問い合わせは3班班長の佐々木
    // 090-4718-2263 まで". Not one of the UK's 07 shape, which German area codes share
    // ("Störungsdienst, Tel. 07676 9120-55").
    // Osaka's 06 and a Dutch mobile's 06 have the same length: beside Japanese, the landline.
    let osaka = starts(d, "06") && cjk_near(text, ch.start, ch.end);
    let mobile = !international && d[0] == 0 && national_mobile(d) && !starts(d, "07") && !osaka;
    // Landlines dialled without a trunk zero: Spain's 8xx and 9xx ("963 31 48 20"), and
    // Brazil's area code before a local number starting 2-5 ("(31) 3482-7700").
    let trunkless_landline = (ch.n == 9 && matches!(d[0], 8 | 9) && ch.grouped())
        || (ch.n == 10 && g[0] == 2 && matches!(d[2], 2..=5));
    // Dialled from abroad: the number without its trunk zero ("+44 (0)20 …" is dialled +44 20).
    let intl: Option<Vec<u8>> = international.then(|| {
        let mut nd: Vec<u8> = if ch.plus { d.to_vec() } else { d[2..].to_vec() };
        if let Some(pos) = trunk {
            nd.remove(pos);
        }
        nd
    });
    // A landline in international form on a letterhead ("Via Emilia 220 … tel. +39 051 625
    // 4410 - P.IVA …") is as much the company's as one dialled nationally.
    let landline = match &intl {
        Some(nd) => international_landline(nd),
        None => d[0] == 0 || trunkless_landline,
    };
    // Read only for a number that is a phone: the letterhead reads a paragraph.
    let business = || {
        !mobile
            && (ctx.near(ch.start, ch.end, context::BUSINESS_LINE, BUSINESS_BEFORE, 0)
                || (landline && super::address::company_near(text, ctx, ch.start, ch.end)))
    };
    let found = |conf: f32, detail: &'static str| {
        Some(Finding::new(
            FindingKind::Phone,
            ch.start,
            ch.end,
            if business() {
                conf.min(BUSINESS_CONFIDENCE)
            } else {
                conf
            },
            detail,
        ))
    };

    // International: +CC… or 00CC…
    if let Some(nd) = &intl {
        let (cc_len, range) = country(nd)?;
        let nsn = &nd[cc_len..];
        if !range.contains(&nsn.len()) || !(8..=15).contains(&nd.len()) {
            return None;
        }
        if cc_len == 1 && nd[0] == 1 && !nanp_ok(nsn) {
            return None;
        }
        let mut national = vec![0];
        national.extend_from_slice(nsn);
        if (starts(nd, "44") || starts(nd, "33")) && fictional_national(&national) {
            return None;
        }
        if s.contains(&Sep::Dot) && !phone_ctx && !ch.plus {
            return None;
        }
        if !ch.plus && !ch.grouped() && !phone_ctx {
            return None;
        }
        return found(if phone_ctx { 0.97 } else { 0.9 }, "e164");
    }

    // Trunk-prefixed national numbers: UK, DE, FR, IT landlines, NL, IN, JP, …
    if d[0] == 0 {
        if !(9..=12).contains(&n) || fictional_national(d) {
            return None;
        }
        if !ch.grouped() {
            return if phone_ctx {
                found(0.85, "national")
            } else {
                None
            };
        }
        if g.iter().any(|&x| x < 2) {
            return None;
        }
        let fr = g == [2, 2, 2, 2, 2];
        if s.contains(&Sep::Dot) && !fr {
            return None;
        }
        let conf = if phone_ctx {
            0.92
        } else if fr || national_mobile(d) {
            0.85
        } else {
            0.75
        };
        return found(conf, if fr { "fr_national" } else { "national" });
    }

    // NANP: (NXX) NXX-XXXX, NXX-NXX-XXXX, 1-NXX-NXX-XXXX.
    let (nanp_digits, nanp_groups) = if n == 11 && d[0] == 1 && g.first() == Some(&1) {
        (&d[1..], &g[1..])
    } else {
        (d, g)
    };
    if nanp_digits.len() == 10
        && (nanp_groups == [3, 3, 4] || nanp_groups == [10])
        && nanp_ok(nanp_digits)
    {
        if nanp_groups == [10] {
            return if phone_ctx { found(0.8, "nanp") } else { None };
        }
        let tail = &s[s.len() - 2..];
        let paren_area = tail[0] == Sep::Paren && matches!(tail[1], Sep::Dash | Sep::Space);
        let uniform = tail[0] == tail[1] && matches!(tail[0], Sep::Dash | Sep::Dot | Sep::Space);
        if paren_area || uniform {
            return found(if phone_ctx { 0.95 } else { 0.8 }, "nanp");
        }
    }
    if n == 7 && g == [3, 4] && matches!(s, [Sep::Dash] | [Sep::Dot]) && d[0] >= 2 {
        let line = ch.value(3, 7);
        let fictional = ch.value(0, 3) == 555 && (100..=199).contains(&line);
        return if phone_ctx && !fictional {
            found(0.6, "nanp_local")
        } else {
            None
        };
    }

    // Brazil: (11) 91234-5678, 11 91234-5678.
    if (10..=11).contains(&n) && g.len() == 3 && g[0] == 2 && (g[1] == 4 || g[1] == 5) && g[2] == 4
    {
        if s[0] == Sep::Paren && matches!(s[1], Sep::Dash | Sep::Space) {
            return found(if phone_ctx { 0.95 } else { 0.85 }, "br_national");
        }
        if s == [Sep::Space, Sep::Dash] {
            return found(if phone_ctx { 0.92 } else { 0.7 }, "br_national");
        }
    }

    // Mexico: ten digits, written 55 1234 5678 (Mexico City, Guadalajara, Monterrey) or
    // 222 123 4567. Other numbers share the shape, so only next to a word for "phone".
    if n == 10
        && d[0] >= 2
        && phone_ctx
        && matches!(g, [2, 4, 4] | [3, 3, 4])
        && ch.uniform(&[Sep::Space, Sep::Dash])
    {
        return found(0.85, "mx_national");
    }

    // China: 11-digit mobiles 13x–19x, written 139 1234 5678 or run together. 138 0013 800x is
    // the textbooks' sample.
    if n == 11 && d[0] == 1 && d[1] >= 3 && !starts(d, "1380013800") {
        if !ch.grouped() {
            return if phone_ctx {
                found(0.85, "cn_mobile")
            } else if zh_name_before(b, ch.start) {
                // A member or customer list: "1. 林佳怡 13761520834 会员卡余额 …".
                found(0.8, "cn_mobile")
            } else {
                None
            };
        }
        if g == [3, 4, 4] && ch.uniform(&[Sep::Space, Sep::Dash]) {
            return found(if phone_ctx { 0.92 } else { 0.8 }, "cn_mobile");
        }
        return None;
    }

    // Mobile numbers written without a trunk prefix: ES (9 digits, 6–9), IT (10, 3xx), IN (10, 6–9).
    let es = n == 9 && d[0] >= 6;
    let it = n == 10 && d[0] == 3;
    let india = n == 10 && d[0] >= 6;
    if !(es || it || india) {
        return None;
    }
    if !ch.grouped() {
        // Run together, it is a phone only where a phone word says so, and not where it is
        // labelled as a complaint, order or ticket number ("complaint number jo call pe mila:
        // 6031874452").
        return if phone_ctx && !ctx.near(ch.start, ch.end, context::NOT_PHONE, 40, 0) {
            found(0.8, "mobile_national")
        } else {
            None
        };
    }
    let shaped = match g {
        [3, 3, 3] | [3, 2, 2, 2] | [2, 3, 2, 2] => es,
        [3, 7] | [3, 3, 4] | [3, 3, 2, 2] | [3, 4, 3] => it,
        [5, 5] => india && ch.uniform(&[Sep::Space]),
        _ => false,
    };
    if !shaped || !ch.uniform(&[Sep::Space, Sep::Dash]) {
        return None;
    }
    // Grouped the way mobiles are written there (ES 6xx/7xx, IT 3xx, IN 6–9 in two fives),
    // such a number is one without a word for "phone", like `national_mobile`'s.
    let mobile = (es && d[0] <= 7) || it || india;
    found(
        if phone_ctx {
            0.9
        } else if mobile {
            0.85
        } else {
            0.7
        },
        "mobile_national",
    )
}

/// A Chinese name (a common surname and one or two more Han characters) right before `start`,
/// with at most a space, a comma, a colon or a tab between, and maybe a courtesy title after
/// it ("钱立新 先生 13761825049").
fn zh_name_before(b: &[u8], start: usize) -> bool {
    const GAP: [char; 7] = [' ', ',', ':', '\t', '，', '：', '　'];
    let from = start.saturating_sub(24);
    let Some(before) = (from..start).find_map(|i| std::str::from_utf8(&b[i..start]).ok()) else {
        return false;
    };
    let name = before.trim_end_matches(GAP);
    let titled = ["先生", "女士", "小姐"]
        .iter()
        .find_map(|t| name.strip_suffix(t))
        .map(|n| n.trim_end_matches(GAP));
    let han: Vec<char> = titled
        .unwrap_or(name)
        .chars()
        .rev()
        .take_while(|&c| super::salary::is_han(c))
        .collect();
    // With its title, any surname names a person ("王先生", "钱立新 先生"); without, one of the
    // common surnames, since "转账 13761825049" has two Han characters too.
    let name: String = han.iter().rev().collect();
    if super::table::is_placeholder_name(&name) {
        return false;
    }
    if titled.is_some() {
        return (1..=3).contains(&han.len());
    }
    (2..=3).contains(&han.len())
        && han
            .last()
            .is_some_and(|&c| super::salary::ZH_SURNAMES.contains(c))
}

/// Freephone and shared-cost numbers (0800, 0120, 1-800, 900, 400, …) belong to businesses,
/// never to a person: a support hotline in a complaint is no personal data.
fn toll_free(ch: &Chunk, international: bool, trunk: Option<usize>) -> bool {
    const ABROAD: &[&str] = &[
        "1800", "1888", "1877", "1866", "1855", "1844", "1833", "49800", "43800", "41800", "44800",
        "44808", "33800", "33805", "32800", "31800", "34900", "39800", "39803", "351800", "55800",
        "81120", "81800", "911800", "86400", "86800",
    ];
    const HOME: &[&str] = &[
        "0800", "0808", "0805", "0120", "0570", "1800", "1888", "1877", "1866", "1855", "1844",
        "1833",
    ];
    let d = ch.d();
    let digits: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
    if international {
        let mut nd = if ch.plus {
            digits
        } else {
            digits[2..].to_string()
        };
        // "+44 (0)800 …": the trunk zero is not dialled from abroad.
        if let Some(pos) = trunk.filter(|&p| p < nd.len()) {
            nd.remove(pos);
        }
        return ABROAD.iter().any(|p| nd.starts_with(p));
    }
    let n = d.len();
    let g = ch.g();
    // The prefix stands as its own group ("0800 172 1212", "0120-878-365", "1-800-…",
    // "0 800 12 34 56"), or the number is run together: a Japanese mobile "080-0612-2603"
    // starts with the same digits.
    let prefix_grouped = g[0] >= 4 || (g[0] == 1 && g.get(1) == Some(&3));
    let jp_mobile = n == 11 && digits.starts_with("080") && !prefix_grouped;
    (!jp_mobile
        && (prefix_grouped || g.len() == 1)
        && HOME.iter().any(|p| digits.starts_with(p)))
        // US freephone without the 1, written (800) 555-… or 800-555-…
        || (n == 10
            && g == [3, 3, 4]
            && ["800", "888", "877", "866", "855", "844", "833"]
                .iter()
                .any(|p| digits.starts_with(p)))
        // ES 900, IT 800/803, PT 808/707 shared-cost lines (nine digits), CN 400/800 (ten).
        || (n == 9 && ["900", "800", "803", "808", "707"].iter().any(|p| digits.starts_with(p)))
        || (n == 10 && ["400", "800"].iter().any(|p| digits.starts_with(p)) && !g.contains(&5))
}

/// Index (into the digits) of a `(0)` group right after the country code.
fn trunk_zero_group(ch: &Chunk) -> Option<usize> {
    let g = ch.g();
    let s = ch.s();
    if g.len() >= 3 && g[1] == 1 && s[0] == Sep::Paren && s[1] == Sep::Paren {
        let pos = usize::from(g[0]);
        return (ch.d().get(pos) == Some(&0)).then_some(pos);
    }
    None
}

/// Whether the number sits in a row of numbers (code-point tables, hex dumps, CSV columns),
/// where a phone-shaped group is a coincidence.
fn in_number_table(b: &[u8], start: usize, end: usize) -> bool {
    let gap = |c: u8| matches!(c, b' ' | b'\t' | b';' | b',' | b'|');
    let numeric = |t: &[u8]| {
        t.len() >= 2
            && t.iter().all(u8::is_ascii_hexdigit)
            && (t.iter().any(u8::is_ascii_digit)
                || (t.len() == 4 && t.iter().all(|c| !c.is_ascii_lowercase())))
    };
    let p = end + run(b, end, 3, gap);
    let next = &b[p..p + run(b, p, 16, |c| c.is_ascii_alphanumeric())];
    let q = run_back(b, start, 3, gap);
    let prev = &b[run_back(b, q, 16, |c| c.is_ascii_alphanumeric())..q];
    (p > end && numeric(next)) || (q < start && numeric(prev))
}

/// Equal groups counting up or down by a constant step: "01 02 03 04 05", byte dumps.
fn stepped_groups(ch: &Chunk) -> bool {
    let g = ch.g();
    if g.len() < 4 || g.iter().any(|&len| len != g[0]) {
        return false;
    }
    let len = usize::from(g[0]);
    let values: Vec<i64> = (0..g.len())
        .map(|i| i64::from(ch.value(i * len, (i + 1) * len)))
        .collect();
    let step = values[1] - values[0];
    values.windows(2).all(|w| w[1] - w[0] == step)
}
