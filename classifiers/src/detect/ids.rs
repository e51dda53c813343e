//! Identifiers that mix letters and digits: IBAN, UK NINO, IT codice fiscale, ES DNI/NIE, CN
//! resident ID, the tax IDs of [`taxids`], passport numbers (only next to a passport word), and
//! machine-readable zones — in upper case or typed in lower case.

use memchr::memmem;

use super::checksum;
use super::context::{self, Context};
use super::taxids;
use super::text::{at, before, contains_ci, made_up_digits};
use super::{Finding, FindingKind};

pub(super) fn scan_words(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    // People type these in lower case too ("iban de89 3704 …", "mi nif: 85679577t"): a word that
    // could be one is checked again in an upper-cased copy of the text (same byte offsets).
    let mut upper: Option<Vec<u8>> = None;
    let mut lowered = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if matches!(before(b, s, 1), b'_' | b'/' | b'.' | b'-')
            && before(b, s, 2).is_ascii_alphanumeric()
        {
            continue;
        }
        let mut consumed = word(b, s, i, ctx, out);
        if consumed.is_none() && maybe_lowered_id(b, s, i) {
            let u = upper.get_or_insert_with(|| b.to_ascii_uppercase());
            lowered.clear();
            consumed = word(u, s, i, ctx, &mut lowered);
            for mut f in lowered.drain(..) {
                // A checksum over 15+ characters (IBAN, codice fiscale) or a label vouches for a
                // lower-case value; anything else drops below the default decision line.
                let vouched =
                    matches!(f.detail, "iban" | "it_codice_fiscale") || f.confidence >= 0.95;
                if !vouched {
                    f.confidence = f.confidence.min(0.7);
                }
                out.push(f);
            }
        }
        if let Some(end) = consumed {
            i = i.max(end);
        }
    }
}

/// The rules for the word at `s..tok_end` of `b`; the end of what they consumed.
fn word(
    b: &[u8],
    s: usize,
    tok_end: usize,
    ctx: &Context,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    let c0 = b[s];
    if c0.is_ascii_uppercase() {
        iban(b, s, ctx, out)
            .or_else(|| nino(b, s, ctx, out))
            .or_else(|| codice_fiscale(b, s, tok_end, ctx, out))
            .or_else(|| nie(b, s, tok_end, ctx, out))
            .or_else(|| push(taxids::upper(b, s, ctx), out))
    } else if c0.is_ascii_digit() {
        dni(b, s, tok_end, ctx, out)
            .or_else(|| cn_resident_id(b, s, tok_end, ctx, out))
            .or_else(|| de_social_insurance(b, s, tok_end, ctx, out))
            .or_else(|| push(taxids::digit(b, s, ctx), out))
    } else {
        None
    }
}

/// Pushes a finding; its end.
fn push(found: Option<Finding>, out: &mut Vec<Finding>) -> Option<usize> {
    let f = found?;
    let end = f.end;
    out.push(f);
    Some(end)
}

/// Whether a word holding a lower-case letter could start one of these IDs: it holds a digit
/// too (IBAN, codice fiscale, DNI, NIE, CN ID), or it is two letters before a digit (NINO).
fn maybe_lowered_id(b: &[u8], s: usize, tok_end: usize) -> bool {
    let w = &b[s..tok_end];
    w.iter().any(u8::is_ascii_lowercase)
        && (w.iter().any(u8::is_ascii_digit)
            || (w.len() == 2 && at(b, tok_end) == b' ' && at(b, tok_end + 1).is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------------
// IBAN

const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NL", 18),
    (b"NO", 15),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"SA", 24),
    (b"SC", 31),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
];

/// IBANs printed in standards, bank documentation and validator demos.
const EXAMPLE_IBANS: &[&[u8]] = &[
    b"DE89370400440532013000",
    b"DE75512108001245126199",
    b"DE02120300000000202051",
    b"GB82WEST12345698765432",
    b"GB29NWBK60161331926819",
    b"GB33BUKB20201555555555",
    b"FR1420041010050500013M02606",
    b"FR7630006000011234567890189",
    b"NL91ABNA0417164300",
    b"NL02ABNA0123456789",
    b"ES9121000418450200051332",
    b"IT60X0542811101000000123456",
    b"CH9300762011623852957",
    b"BE68539007547034",
    b"AT611904300234573201",
    b"PL61109010140000071219812874",
    b"SE4550000000058398257466",
];

fn iban(b: &[u8], s: usize, ctx: &Context, out: &mut Vec<Finding>) -> Option<usize> {
    let cc = [at(b, s), at(b, s + 1)];
    // The check digits may stand apart from the country: "IT 82 P 03069 …".
    let d = if at(b, s + 2) == b' ' { s + 3 } else { s + 2 };
    if !(cc[0].is_ascii_uppercase()
        && cc[1].is_ascii_uppercase()
        && at(b, d).is_ascii_digit()
        && at(b, d + 1).is_ascii_digit())
    {
        return None;
    }
    let want = IBAN_LENGTHS.iter().find(|(c, _)| **c == cc)?.1;
    let ok = |c: u8| c.is_ascii_digit() || c.is_ascii_uppercase();
    // The word IBAN, an account or a bank word before it: "IBAN: DE89 …", "mets mon compte :
    // BE57…", "Coordinate bancarie … IT 82 P 03069 …".
    let window = s.saturating_sub(IBAN_WORD_BEFORE);
    let named_before = contains_ci(&b[window..s], b"iban")
        || ctx.near(s, s, context::ACCOUNT | context::BANK, IBAN_WORD_BEFORE, 0);
    let mut compact = [0u8; 34];
    let mut k = 0;
    let mut p = s;
    // Grouped otherwise than by four ("IT 82 P 03069 11884 000001827456", "NL 63 INGB 000 7394
    // 218"), as a bank's statement or the Italian layout prints it.
    let mut irregular = false;
    loop {
        while k < want && ok(at(b, p)) {
            compact[k] = b[p];
            k += 1;
            p += 1;
        }
        if k == want {
            break;
        }
        // Printed IBANs group by four; a separator elsewhere means the next word is not ours,
        // unless the IBAN's checksum or its name vouches for it below.
        if matches!(at(b, p), b' ' | b'-') && ok(at(b, p + 1)) {
            // A group without a digit is a bank's letters right after the check digits
            // ("INGB", Italy's "P"), not a word that follows.
            let group = b[p + 1..].iter().take_while(|&&c| ok(c)).count();
            let lettered = !b[p + 1..p + 1 + group].iter().any(u8::is_ascii_digit);
            if lettered && (k != 4 || group > 4) && k % 4 != 0 {
                return None;
            }
            irregular |= k % 4 != 0;
            p += 1;
            continue;
        }
        return None;
    }
    if at(b, p).is_ascii_alphanumeric() {
        return None;
    }
    let code = &compact[..want];
    if EXAMPLE_IBANS.contains(&code) {
        return None;
    }
    let valid = checksum::iban_mod97(code);
    if irregular && !valid && !named_before {
        return None;
    }
    if !valid {
        // After the word IBAN, or printed in groups of four, one of the country's length is an
        // IBAN, a digit mistyped or made up, unless made up on purpose (digits counting up, data
        // called sample).
        let printed = b[s..p].contains(&b' ') || b[s..p].contains(&b'-');
        let named = printed || named_before;
        let digits: Vec<u8> = code[4..]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .map(|c| c - b'0')
            .collect();
        let f = super::failed_check(
            b,
            &digits,
            (s, p),
            named,
            FindingKind::Iban,
            "iban_unchecked",
        )?;
        out.push(f);
        return Some(p);
    }
    out.push(Finding::new(FindingKind::Iban, s, p, 0.97, "iban"));
    Some(p)
}

/// How far before an IBAN the word "IBAN" is looked for, in bytes: the sentence before it.
const IBAN_WORD_BEFORE: usize = 240;

// ---------------------------------------------------------------------------------------------
// UK National Insurance number

fn nino(b: &[u8], s: usize, ctx: &Context, out: &mut Vec<Finding>) -> Option<usize> {
    let (a, c) = (at(b, s), at(b, s + 1));
    if !a.is_ascii_uppercase() || !c.is_ascii_uppercase() {
        return None;
    }
    let first_ok = !b"DFIQUV".contains(&a);
    let second_ok = !b"DFIOQUV".contains(&c);
    const BANNED: [&[u8; 2]; 7] = [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];
    let prefix_ok = first_ok && second_ok && !BANNED.contains(&&[a, c]);
    let mut p = s + 2;
    let mut digits = 0;
    let mut spaced = false;
    while digits < 6 {
        if at(b, p) == b' ' && digits % 2 == 0 {
            p += 1;
            spaced = true;
        }
        if !at(b, p).is_ascii_digit() {
            return None;
        }
        p += 1;
        digits += 1;
    }
    if at(b, p) == b' ' && matches!(at(b, p + 1), b'A'..=b'D') {
        p += 2;
    } else if matches!(at(b, p), b'A'..=b'D') {
        p += 1;
    } else {
        return None;
    }
    if at(b, p).is_ascii_alphanumeric() {
        return None;
    }
    let compact: Vec<u8> = b[s..p].iter().copied().filter(|&x| x != b' ').collect();
    // AB123456C is the example on most forms.
    if compact == b"AB123456C" || compact[2..8].iter().all(|&x| x == compact[2]) {
        return None;
    }
    if !prefix_ok {
        // A prefix never issued ("QT 48 19 62 C"), beside the number's own name: mistyped or
        // made up, an ID all the same, as a failed check digit is.
        let digits: Vec<u8> = compact[2..8].iter().map(|c| c - b'0').collect();
        let named = ctx.around(s, p, context::NINO);
        out.push(super::failed_check(
            b,
            &digits,
            (s, p),
            named,
            FindingKind::NationalId,
            "uk_nino_unchecked",
        )?);
        return Some(p);
    }
    let conf = if ctx.around(s, p, context::NINO | context::ANY_ID) {
        0.95
    } else if spaced {
        0.85
    } else {
        0.75
    };
    out.push(Finding::new(FindingKind::NationalId, s, p, conf, "uk_nino"));
    Some(p)
}

// ---------------------------------------------------------------------------------------------
// Italian codice fiscale

fn omocode_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        _ => b"LMNPQRSTUV".iter().position(|&x| x == c).map(|v| v as u8),
    }
}

/// A codice fiscale at `s`: one word of 16, or the groups of the card typed apart ("MNC FDR 88L
/// 52 F205 T"). A code whose check letter fails counts beside its name, as other IDs do.
fn codice_fiscale(
    b: &[u8],
    s: usize,
    tok_end: usize,
    ctx: &Context,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    // The card prints the surname's and the name's three letters apart: "MNC FDR 88L …".
    let mut t = [0u8; 16];
    let end = code_at(b, s, tok_end, &mut t, |g| {
        matches!(g.len(), 3 | 6) && g.iter().all(u8::is_ascii_uppercase)
    })?;
    let named = ctx.around(s, end, context::IT_CF);
    let f = cf_finding(&t, s, end, named, b)?;
    out.push(f);
    Some(end)
}

/// A code of `t.len()` letters and digits at the word `s..tok_end`: the word itself, or up to
/// six groups one space apart ("MNC FDR 88L 52 F205 T"), copied into `t`, when the first group
/// is one the code's printed layout opens with (`first`). Its end.
fn code_at(
    b: &[u8],
    s: usize,
    tok_end: usize,
    t: &mut [u8],
    first: impl Fn(&[u8]) -> bool,
) -> Option<usize> {
    let len = t.len();
    if tok_end - s == len {
        t.copy_from_slice(&b[s..tok_end]);
        return Some(tok_end);
    }
    if tok_end - s > len || at(b, tok_end) != b' ' || !first(&b[s..tok_end]) {
        return None;
    }
    let mut k = 0;
    let mut p = s;
    for _ in 0..6 {
        let n = b[p..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if k + n > len {
            return None;
        }
        t[k..k + n].copy_from_slice(&b[p..p + n]);
        k += n;
        p += n;
        if k == len {
            return Some(p);
        }
        if at(b, p) != b' ' || !at(b, p + 1).is_ascii_alphanumeric() {
            return None;
        }
        p += 1;
    }
    None
}

fn cf_finding(t: &[u8], s: usize, end: usize, named: bool, text: &[u8]) -> Option<Finding> {
    let letters = |r: std::ops::Range<usize>| t[r].iter().all(u8::is_ascii_uppercase);
    let numeric = |r: std::ops::Range<usize>| t[r].iter().all(|&c| omocode_digit(c).is_some());
    if !(letters(0..6)
        && numeric(6..8)
        && b"ABCDEHLMPRST".contains(&t[8])
        && numeric(9..11)
        && t[11].is_ascii_uppercase()
        && numeric(12..15)
        && t[15].is_ascii_uppercase())
    {
        return None;
    }
    let day = omocode_digit(t[9])? * 10 + omocode_digit(t[10])?;
    if !matches!(day, 1..=31 | 41..=71) {
        return None;
    }
    // Mario Rossi's code is the one every tutorial prints.
    if t == b"RSSMRA85T10A562S" || t == b"RSSMRA80A01H501U" {
        return None;
    }
    // Codes the text says are made up ("CF finti di prova, con nomi inventati").
    if super::table::says_made_up(text) {
        return None;
    }
    if checksum::codice_fiscale_check(t)? != t[15] {
        let digits: Vec<u8> = t.iter().filter_map(|&c| omocode_digit(c)).collect();
        return super::failed_check(
            text,
            &digits,
            (s, end),
            named,
            FindingKind::NationalId,
            "it_codice_fiscale_unchecked",
        );
    }
    Some(Finding::new(
        FindingKind::NationalId,
        s,
        end,
        0.95,
        "it_codice_fiscale",
    ))
}

// ---------------------------------------------------------------------------------------------
// German social insurance number

/// German pension insurance number (Sozialversicherungs-, Rentenversicherungsnummer): an area
/// number, the birth date `ddmmyy`, the birth name's initial, a serial and a check digit
/// ("65 170889 L 02 3", "65170889L023"). The letter stands for its two-digit place in the
/// alphabet; the twelve digits are weighted 2 1 2 5 7 1 2 1 2 1 2 1 and the products' digit sums
/// added, mod 10. Its shape is common enough that it counts only beside its name.
fn de_social_insurance(
    b: &[u8],
    s: usize,
    tok_end: usize,
    ctx: &Context,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    // Printed as area, birth date, letter, serial, check: "65 170889 L 02 3".
    let mut t = [0u8; 12];
    let end = code_at(b, s, tok_end, &mut t, |g| {
        matches!(g.len(), 2 | 8) && g.iter().all(u8::is_ascii_digit)
    })?;
    let digits = |r: std::ops::Range<usize>| t[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..8) && t[8].is_ascii_uppercase() && digits(9..12)) {
        return None;
    }
    let num = |i: usize| (t[i] - b'0') * 10 + (t[i + 1] - b'0');
    if !(1..=31).contains(&num(2)) || !(1..=12).contains(&num(4)) {
        return None;
    }
    if !ctx.around(s, end, context::DE_SV) {
        return None;
    }
    let letter = t[8] - b'A' + 1;
    let mut d: Vec<u8> = t[..8].iter().map(|c| c - b'0').collect();
    d.extend([letter / 10, letter % 10]);
    d.extend(t[9..11].iter().map(|c| c - b'0'));
    const W: [u8; 12] = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
    let sum: u32 = d
        .iter()
        .zip(W)
        .map(|(&x, w)| {
            let p = x * w;
            u32::from(p / 10 + p % 10)
        })
        .sum();
    let f = if sum % 10 == u32::from(t[11] - b'0') {
        Finding::new(FindingKind::NationalId, s, end, 0.95, "de_social_insurance")
    } else {
        super::failed_check(
            b,
            &d,
            (s, end),
            true,
            FindingKind::NationalId,
            "de_social_insurance_unchecked",
        )?
    };
    out.push(f);
    Some(end)
}

// ---------------------------------------------------------------------------------------------
// Spanish DNI / NIE

fn dni(b: &[u8], s: usize, tok_end: usize, ctx: &Context, out: &mut Vec<Finding>) -> Option<usize> {
    if !(0..8).all(|k| at(b, s + k).is_ascii_digit()) {
        return None;
    }
    let mut p = s + 8;
    let mut separated = false;
    if tok_end == p && matches!(at(b, p), b'-' | b' ') && at(b, p + 1).is_ascii_uppercase() {
        separated = at(b, p) == b' ';
        p += 1;
    }
    let letter = at(b, p);
    if !letter.is_ascii_uppercase() || at(b, p + 1).is_ascii_alphanumeric() {
        return None;
    }
    p += 1;
    let number = b[s..s + 8]
        .iter()
        .fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
    // "00000001R", "12345678Z": the examples forms and tests use.
    let digits: Vec<u8> = b[s..s + 8].iter().map(|c| c - b'0').collect();
    if checksum::dni_letter(number) != letter {
        // Beside its own name ("DNI 48291736K"), its letter mistyped: a DNI all the same.
        return unchecked_es_id(b, &digits, (s, p), ctx, "es_dni_unchecked", out);
    }
    if made_up_digits(&digits) {
        return None;
    }
    let labelled = ctx.around(s, p, context::DNI | context::ANY_ID);
    if separated && !labelled {
        return None;
    }
    let conf = if labelled { 0.97 } else { 0.9 };
    out.push(Finding::new(FindingKind::NationalId, s, p, conf, "es_dni"));
    Some(p)
}

/// A DNI or NIE whose letter fails, right beside its own name ("el NIE no es válido. Lo pongo
/// así: Y4827163T"): reported at the decision line, unless made up.
fn unchecked_es_id(
    b: &[u8],
    digits: &[u8],
    span: (usize, usize),
    ctx: &Context,
    detail: &'static str,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    let named = ctx.around(span.0, span.1, context::DNI);
    out.push(super::failed_check(
        b,
        digits,
        span,
        named,
        FindingKind::NationalId,
        detail,
    )?);
    Some(span.1)
}

fn nie(b: &[u8], s: usize, tok_end: usize, ctx: &Context, out: &mut Vec<Finding>) -> Option<usize> {
    if tok_end - s != 9 {
        return None;
    }
    let t = &b[s..tok_end];
    let prefix = match t[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return None,
    };
    if !t[1..8].iter().all(u8::is_ascii_digit) || !t[8].is_ascii_uppercase() {
        return None;
    }
    let number = t[1..8]
        .iter()
        .fold(prefix, |a, &c| a * 10 + u32::from(c - b'0'));
    // "X0000000T", "X1234567L": the examples forms and tests use.
    let digits: Vec<u8> = t[1..8].iter().map(|c| c - b'0').collect();
    if checksum::dni_letter(number) != t[8] {
        return unchecked_es_id(b, &digits, (s, tok_end), ctx, "es_nie_unchecked", out);
    }
    if made_up_digits(&digits) {
        return None;
    }
    let conf = if ctx.around(s, tok_end, context::DNI | context::ANY_ID) {
        0.97
    } else {
        0.9
    };
    out.push(Finding::new(
        FindingKind::NationalId,
        s,
        tok_end,
        conf,
        "es_nie",
    ));
    Some(tok_end)
}

// ---------------------------------------------------------------------------------------------
// Chinese resident identity number

/// The worked examples of the national standard (GB 11643), which documentation and test suites
/// copy: nobody's.
const CN_EXAMPLE_IDS: &[&[u8; 18]] = &[b"11010519491231002X", b"440524188001010014"];

/// 6-digit region (first digit 1–6, 7 and 8 for Taiwan, Hong Kong and Macau), birth date
/// `YYYYMMDD`, 3-digit sequence, MOD 11-2 check character. Run together, or grouped the way
/// forms print it: `330106 19910817 3626`.
fn cn_resident_id(
    b: &[u8],
    s: usize,
    tok_end: usize,
    ctx: &Context,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    let mut t = [0u8; 18];
    let end = if tok_end - s == 18 {
        t.copy_from_slice(&b[s..tok_end]);
        tok_end
    } else if tok_end - s == 6 {
        // Groups of 6, 8 and 4, one space apart, nothing alphanumeric after.
        let end = tok_end + 14;
        let g = b.get(tok_end..end)?;
        if g[0] != b' ' || g[9] != b' ' || b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        t[..6].copy_from_slice(&b[s..tok_end]);
        t[6..14].copy_from_slice(&g[1..9]);
        t[14..].copy_from_slice(&g[10..]);
        end
    } else {
        return None;
    };
    if !t[..17].iter().all(u8::is_ascii_digit) || !(t[17].is_ascii_digit() || t[17] == b'X') {
        return None;
    }
    let mut d = [0u8; 17];
    for (x, c) in d.iter_mut().zip(t) {
        *x = c - b'0';
    }
    let num = |r: std::ops::Range<usize>| d[r].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let (year, month, day) = (num(6..10), num(10..12), num(12..14));
    if !(1..=8).contains(&d[0])
        || !(1900..=2099).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    if checksum::cn_resident_check(&d)? != t[17] {
        // Beside its own name ("身份证号 440106198507213819"), its check character mistyped
        // or made up: an ID all the same, at the decision line.
        let f = super::failed_check(
            b,
            &d[6..],
            (s, end),
            ctx.around(s, end, context::CN_ID),
            FindingKind::NationalId,
            "cn_resident_id_unchecked",
        )?;
        out.push(f);
        return Some(end);
    }
    if CN_EXAMPLE_IDS.contains(&&t) {
        return None;
    }
    let conf = if ctx.around(s, end, context::CN_ID | context::ANY_ID) {
        0.97
    } else {
        0.9
    };
    out.push(Finding::new(
        FindingKind::NationalId,
        s,
        end,
        conf,
        "cn_resident_id",
    ));
    Some(end)
}

// ---------------------------------------------------------------------------------------------
// Passport numbers

/// A passport number only next to a passport word: the formats (6–10 letters and digits) are
/// too generic on their own.
/// How far after its passport word a passport number may stand: in bytes, and in words ("numéro
/// de passeport » : en haut à droite il y a 19AV83217"). The first word holding a digit ends the
/// search.
const PASSPORT_AFTER: usize = 64;
const PASSPORT_WORDS: usize = 8;

pub(super) fn passports(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    for h in ctx.hits.iter().filter(|h| h.class & context::PASSPORT != 0) {
        let limit = (h.end + PASSPORT_AFTER).min(b.len());
        let mut p = h.end;
        let mut words = 0;
        while p < limit && words < PASSPORT_WORDS {
            if !b[p].is_ascii_alphanumeric() {
                p += 1;
                continue;
            }
            let s = p;
            while p < b.len() && b[p].is_ascii_alphanumeric() {
                p += 1;
            }
            words += 1;
            // Typed in groups: "AAF 482 197", "V 5 0 2 8 7 1 3".
            if let Some((joined, end)) = spaced_passport(b, s, p)
                && passport_number(&joined)
            {
                out.push(Finding::new(
                    FindingKind::Passport,
                    s,
                    end,
                    0.85,
                    "passport_number",
                ));
                break;
            }
            let tok = &b[s..p];
            if !tok.iter().any(u8::is_ascii_digit) {
                continue;
            }
            if passport_number(tok) {
                out.push(Finding::new(
                    FindingKind::Passport,
                    s,
                    p,
                    0.85,
                    "passport_number",
                ));
            }
            break;
        }
    }
}

/// The groups of a passport number typed apart, from the word at `s..p`: two groups or more of
/// up to four capitals or digits, one space apart, ten characters at most in all.
fn spaced_passport(b: &[u8], s: usize, p: usize) -> Option<(Vec<u8>, usize)> {
    let group_ok = |g: &[u8]| {
        (1..=4).contains(&g.len())
            && g.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if !group_ok(&b[s..p]) || at(b, p) != b' ' {
        return None;
    }
    let mut joined = b[s..p].to_vec();
    let mut end = p;
    let mut groups = 1;
    while at(b, end) == b' ' {
        let g = b[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let group = &b[end + 1..end + 1 + g];
        if !group_ok(group) || joined.len() + g > 10 {
            break;
        }
        joined.extend_from_slice(group);
        end += 1 + g;
        groups += 1;
    }
    (groups >= 2 && !at(b, end).is_ascii_alphanumeric()).then_some((joined, end))
}

fn passport_number(t: &[u8]) -> bool {
    let digits = t.iter().filter(|c| c.is_ascii_digit()).count();
    (6..=10).contains(&t.len())
        && (digits >= 5 || (digits >= 2 && t.len() >= 8))
        && (t
            .iter()
            .all(|&c| c.is_ascii_digit() || c.is_ascii_uppercase())
            || t.iter()
                .all(|&c| c.is_ascii_digit() || c.is_ascii_lowercase()))
        && !t.iter().all(|&c| c == t[0])
        && memmem::find(t, b"123456").is_none()
        && memmem::find(t, b"XXXX").is_none()
}

// ---------------------------------------------------------------------------------------------
// Machine-readable zones (ICAO 9303)

pub(super) fn mrz(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    if memmem::find(b, b"<<").is_none() {
        return;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for line in b.split(|&c| c == b'\n') {
        let end = start + line.len();
        let mut s = start;
        let mut e = end;
        while s < e && matches!(b[s], b' ' | b'\t' | b'`' | b'>') {
            s += 1;
        }
        while e > s && matches!(b[e - 1], b' ' | b'\t' | b'\r' | b'`') {
            e -= 1;
        }
        lines.push((s, e));
        start = end + 1;
    }
    let is_mrz = |&(s, e): &(usize, usize), len: usize| {
        e - s == len
            && b[s..e]
                .iter()
                .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'<')
    };
    let mut i = 0;
    while i < lines.len() {
        let l = |k: usize| lines.get(i + k).map(|&(s, e)| &b[s..e]);
        let found = if is_mrz(&lines[i], 44) && lines.get(i + 1).is_some_and(|x| is_mrz(x, 44)) {
            match (l(0), l(1)) {
                (Some(a), Some(c)) if a[0] == b'P' => td3(a, c).map(|conf| (2, conf, "mrz_td3")),
                _ => None,
            }
        } else if is_mrz(&lines[i], 30)
            && lines.get(i + 1).is_some_and(|x| is_mrz(x, 30))
            && lines.get(i + 2).is_some_and(|x| is_mrz(x, 30))
        {
            match (l(0), l(1), l(2)) {
                (Some(a), Some(c), Some(d)) if b"IAC".contains(&a[0]) => {
                    td1(a, c, d).map(|conf| (3, conf, "mrz_td1"))
                }
                _ => None,
            }
        } else if is_mrz(&lines[i], 36) && lines.get(i + 1).is_some_and(|x| is_mrz(x, 36)) {
            match (l(0), l(1)) {
                (Some(a), Some(c)) if b"PIACV".contains(&a[0]) => {
                    td2(a, c).map(|conf| (2, conf, "mrz_td2"))
                }
                _ => None,
            }
        } else {
            None
        };
        match found {
            Some((count, mut conf, detail)) => {
                // A zone in data the text calls sample or made up is nobody's.
                if conf == MRZ_FIELDS_OK && super::table::says_sample(b) {
                    conf = 0.6;
                }
                let (s, _) = lines[i];
                let (_, e) = lines[i + count - 1];
                out.push(Finding::new(FindingKind::Mrz, s, e, conf, detail));
                i += count;
            }
            None => i += 1,
        }
    }
}

fn check_ok(field: &[u8], c: u8) -> bool {
    let v = checksum::mrz_check(field);
    match c {
        b'<' => v == Some(0),
        b'0'..=b'9' => v == Some(c - b'0'),
        _ => false,
    }
}

/// ICAO's specimen state and the names specimen documents print.
fn specimen(state: &[u8], names: &[u8]) -> bool {
    state == b"UTO"
        || [
            b"MUSTERMANN".as_slice(),
            b"SPECIMEN",
            b"SAMPLE",
            b"ERIKSSON<<ANNA",
        ]
        .iter()
        .any(|m| memmem::find(names, m).is_some())
}

/// Confidence for a structurally valid zone: high when every check digit holds; when one fails
/// but the birth date, sex and expiry read as a document's (a zone typed by hand, or misread
/// by OCR), still somebody's.
fn verdict(all_ok: bool, fields_ok: bool) -> Option<f32> {
    Some(if all_ok {
        0.97
    } else if fields_ok {
        MRZ_FIELDS_OK
    } else {
        0.6
    })
}

/// The confidence of a zone whose check digits fail but whose fields read right.
const MRZ_FIELDS_OK: f32 = 0.85;

/// Whether `birth`, `sex` and `expiry` read as a document's: two dates `YYMMDD` and M, F, X or
/// '<'.
fn fields_ok(birth: &[u8], sex: u8, expiry: &[u8]) -> bool {
    let date = |d: &[u8]| {
        d.len() == 6
            && d.iter().all(u8::is_ascii_digit)
            && (1..=12).contains(&((d[2] - b'0') * 10 + (d[3] - b'0')))
            && (1..=31).contains(&((d[4] - b'0') * 10 + (d[5] - b'0')))
    };
    date(birth) && date(expiry) && matches!(sex, b'M' | b'F' | b'X' | b'<')
}

fn td3(l1: &[u8], l2: &[u8]) -> Option<f32> {
    if specimen(&l1[2..5], &l1[5..]) || &l2[10..13] == b"UTO" {
        return None;
    }
    let composite: Vec<u8> = [&l2[0..10], &l2[13..20], &l2[21..43]].concat();
    verdict(
        check_ok(&l2[0..9], l2[9])
            && check_ok(&l2[13..19], l2[19])
            && check_ok(&l2[21..27], l2[27])
            && check_ok(&l2[28..42], l2[42])
            && check_ok(&composite, l2[43]),
        fields_ok(&l2[13..19], l2[20], &l2[21..27]),
    )
}

fn td2(l1: &[u8], l2: &[u8]) -> Option<f32> {
    if specimen(&l1[2..5], &l1[5..]) || &l2[10..13] == b"UTO" {
        return None;
    }
    let composite: Vec<u8> = [&l2[0..10], &l2[13..20], &l2[21..35]].concat();
    verdict(
        check_ok(&l2[0..9], l2[9])
            && check_ok(&l2[13..19], l2[19])
            && check_ok(&l2[21..27], l2[27])
            && check_ok(&composite, l2[35]),
        fields_ok(&l2[13..19], l2[20], &l2[21..27]),
    )
}

fn td1(l1: &[u8], l2: &[u8], l3: &[u8]) -> Option<f32> {
    if specimen(&l1[2..5], l3) || &l2[15..18] == b"UTO" {
        return None;
    }
    let composite: Vec<u8> = [&l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]].concat();
    verdict(
        check_ok(&l1[5..14], l1[14])
            && check_ok(&l2[0..6], l2[6])
            && check_ok(&l2[8..14], l2[14])
            && check_ok(&composite, l2[29]),
        fields_ok(&l2[0..6], l2[7], &l2[8..14]),
    )
}
