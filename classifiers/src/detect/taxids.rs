//! Tax and civil IDs of India and Latin America: the Indian PAN (`BKRPS7416M`), the Chilean
//! RUT/RUN (`16.482.937-5`), the Argentine CUIT/CUIL (`20-31457862-9`) and the Mexican CURP
//! (`GOMR850412HDFNRS05`).
//!
//! - A CURP carries a check digit over 17 characters: valid, it is a finding at 0.95.
//! - A RUT with its dots and a valid mod-11 check digit is one at 0.9; without dots
//!   (`16482937-5`) it needs its label ("RUT", "cédula"), since a date or a ticket number with
//!   a dash looks the same. (A Brazilian RG has the dotted shape too, and is a national ID as
//!   well.)
//! - A CUIT/CUIL with its dashes, a valid check digit and a person's prefix (20, 23, 24, 27) is
//!   one at 0.9; a company's prefix (30, 33, 34) is a business ID, no finding. Without dashes it
//!   needs its label.
//! - A PAN has no check digit: its fourth letter says whose it is (`P` a person, `C` a company,
//!   …). A person's PAN is a finding at 0.85, or 0.92 after its label; another holder's only
//!   after its label, at 0.6 (a company's or a trust's PAN is not personal). The documented
//!   sample `ABCDE1234F` is none.

use super::context::{self, Context};
use super::text::at;
use super::{Finding, FindingKind};

/// How far before an ID its label may stand, in bytes.
const LABEL_BACK: usize = 40;

/// PAN holder types (the fourth letter): person, company, HUF, firm, AOP, trust, BOI, local
/// authority, artificial juridical person, government.
const PAN_HOLDERS: &[u8] = b"PCHFATBLJG";

/// Sample values from forms and documentation.
const SAMPLES: &[&[u8]] = &[
    b"ABCDE1234F",
    b"AAAAA0000A",
    b"AAAPA1234A",
    b"ABCPD1234E",
    b"HEGG560427MVZRRL04",
];

/// The ID starting with the upper-case letter at `s` (a word's start), if any.
pub(super) fn upper(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    curp(b, s, ctx).or_else(|| pan(b, s, ctx))
}

/// The ID starting with the digit at `s` (a word's start), if any.
pub(super) fn digit(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    rut(b, s, ctx).or_else(|| cuit(b, s, ctx))
}

/// Whether a label of `class` ends in the [`LABEL_BACK`] bytes before `s` ("RUT: ", "PAN
/// number – ").
fn labelled(ctx: &Context, s: usize, class: u64) -> bool {
    ctx.near(s, s, class, LABEL_BACK, 0)
}

/// Whether the byte at `end` closes a word: nothing alphanumeric, no further digit group.
fn closes(b: &[u8], end: usize) -> bool {
    let c = at(b, end);
    let joined = matches!(c, b'-' | b'.' | b'/') && at(b, end + 1).is_ascii_alphanumeric();
    !(c.is_ascii_alphanumeric() || joined)
}

fn pan(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    let w = b.get(s..s + 10)?;
    let shaped = w[..5].iter().all(u8::is_ascii_uppercase)
        && w[5..9].iter().all(u8::is_ascii_digit)
        && w[9].is_ascii_uppercase();
    if !shaped || !closes(b, s + 10) || !PAN_HOLDERS.contains(&w[3]) || SAMPLES.contains(&w) {
        return None;
    }
    // Dummy values: "AAAPA0000A", "BBBPB1111B", "XYZPX1234Q".
    let mut letters: Vec<u8> = w[..5].to_vec();
    letters.sort_unstable();
    letters.dedup();
    let digits = &w[5..9];
    if letters.len() <= 2 || digits.windows(2).all(|p| p[0] == p[1]) || digits == b"1234" {
        return None;
    }
    let label = labelled(ctx, s, context::IN_PAN);
    let conf = match (w[3] == b'P', label) {
        (true, true) => 0.92,
        (true, false) => 0.85,
        (false, true) => 0.6,
        (false, false) => return None,
    };
    Some(Finding::new(
        FindingKind::NationalId,
        s,
        s + 10,
        conf,
        "in_pan",
    ))
}

/// Up to 11 digit values, on the stack: the scanners run on every word that opens with a digit.
#[derive(Default)]
struct Digits {
    d: [u8; 11],
    n: usize,
}

impl Digits {
    /// Appends the `n` digits at `p` of `b`, if they are all digits and fit.
    fn take(&mut self, b: &[u8], p: usize, n: usize) -> bool {
        match b.get(p..p + n) {
            Some(w) if self.n + n <= self.d.len() && w.iter().all(u8::is_ascii_digit) => {
                for (slot, c) in self.d[self.n..self.n + n].iter_mut().zip(w) {
                    *slot = c - b'0';
                }
                self.n += n;
                true
            }
            _ => false,
        }
    }

    fn get(&self) -> &[u8] {
        &self.d[..self.n]
    }
}

/// The RUT check character of a body: mod 11 with weights 2–7 from the right; 10 is 'K'.
fn rut_check(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .zip([2u32, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(&d, &w)| u32::from(d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => b'0',
        10 => b'K',
        v => b'0' + u8::try_from(v).unwrap_or(0),
    }
}

fn rut(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    let lead = super::text::run(b, s, 9, |c| c.is_ascii_digit());
    let mut body = Digits::default();
    // `16.482.937-5`, `7.654.321-K`: one or two digits, then two dotted groups of three.
    let dotted = (1..=2).contains(&lead)
        && at(b, s + lead) == b'.'
        && body.take(b, s, lead)
        && body.take(b, s + lead + 1, 3)
        && at(b, s + lead + 4) == b'.'
        && body.take(b, s + lead + 5, 3);
    let dash = if dotted {
        s + lead + 8
    } else {
        body = Digits::default();
        if !(7..=8).contains(&lead) || !body.take(b, s, lead) {
            return None;
        }
        s + lead
    };
    if at(b, dash) != b'-' {
        return None;
    }
    let check = at(b, dash + 1).to_ascii_uppercase();
    let end = dash + 2;
    let body = body.get();
    if !(check.is_ascii_digit() || check == b'K') || !closes(b, end) || rut_check(body) != check {
        return None;
    }
    // Sample and repeated values: 12.345.678-5, 11.111.111-1.
    if body.windows(2).all(|p| p[0] == p[1]) || body.starts_with(&[1, 2, 3, 4, 5, 6, 7]) {
        return None;
    }
    let label = labelled(ctx, s, context::CL_RUT);
    (dotted || label).then(|| checked_id(s, end, label, "cl_rut"))
}

fn cuit(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    let mut d = Digits::default();
    // `20-31457862-9` or `20314578629`.
    let dashed = d.take(b, s, 2)
        && at(b, s + 2) == b'-'
        && d.take(b, s + 3, 8)
        && at(b, s + 11) == b'-'
        && d.take(b, s + 12, 1);
    let end = if dashed {
        s + 13
    } else {
        d = Digits::default();
        if !d.take(b, s, 11) {
            return None;
        }
        s + 11
    };
    let d = d.get();
    if !closes(b, end) || !cuit_check(d) {
        return None;
    }
    let person = matches!(d[..2], [2, 0 | 3 | 4 | 7]);
    let label = labelled(ctx, s, context::AR_CUIT);
    let repeated = d[2..10].windows(2).all(|p| p[0] == p[1]);
    (person && (dashed || label) && !repeated).then(|| checked_id(s, end, label, "ar_cuit"))
}

/// An ID whose check digit holds: 0.95 after its label, 0.9 in its written shape alone.
fn checked_id(s: usize, end: usize, label: bool, detail: &'static str) -> Finding {
    let conf = if label { 0.95 } else { 0.9 };
    Finding::new(FindingKind::NationalId, s, end, conf, detail)
}

/// CUIT/CUIL: weights 5 4 3 2 7 6 5 4 3 2 over the first ten digits; the check is 11 minus the
/// sum mod 11 (11 gives 0; 10 is never issued).
fn cuit_check(d: &[u8]) -> bool {
    const W: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = d[..10].iter().zip(W).map(|(&x, w)| u32::from(x) * w).sum();
    match 11 - sum % 11 {
        11 => d[10] == 0,
        10 => false,
        v => u32::from(d[10]) == v,
    }
}

/// CURP: four letters, a birth date `yymmdd`, `H`/`M`/`X`, a state code's two letters, three
/// consonants, a letter or digit that tells the century, and a check digit over the 17 before
/// it.
fn curp(b: &[u8], s: usize, ctx: &Context) -> Option<Finding> {
    let w = b.get(s..s + 18)?;
    let letters = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_uppercase);
    let shaped = letters(0..4)
        && w[4..10].iter().all(u8::is_ascii_digit)
        && matches!(w[10], b'H' | b'M' | b'X')
        && letters(11..16)
        && w[16].is_ascii_alphanumeric()
        && w[17].is_ascii_digit();
    if !shaped || !closes(b, s + 18) || SAMPLES.contains(&w) {
        return None;
    }
    let month = (w[6] - b'0') * 10 + (w[7] - b'0');
    let day = (w[8] - b'0') * 10 + (w[9] - b'0');
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
    let mut sum = 0u32;
    for (i, c) in w[..17].iter().enumerate() {
        let v = ALPHABET.iter().position(|a| a == c)?;
        sum += u32::try_from(v).ok()? * (18 - u32::try_from(i).ok()?);
    }
    if u32::from(w[17] - b'0') != (10 - sum % 10) % 10 {
        // Beside its own name ("CURP: VAGJ910328HJCLRN05"), a check digit that fails is a
        // mistyped or made-up CURP, an ID all the same.
        let digits: Vec<u8> = w[4..10].iter().map(|c| c - b'0').collect();
        return super::failed_check(
            b,
            &digits,
            (s, s + 18),
            ctx.around(s, s + 18, context::MX_CURP),
            FindingKind::NationalId,
            "mx_curp_unchecked",
        );
    }
    Some(Finding::new(
        FindingKind::NationalId,
        s,
        s + 18,
        0.95,
        "mx_curp",
    ))
}
