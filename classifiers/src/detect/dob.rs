//! Dates of birth: a full date right after a label ("DOB 01/24/1985", "geboren am 9. April
//! 1981", "出生于1981年4月9日", `"dateOfBirth": "1985-01-24"`) or right before "生まれ", "出生" or
//! "生的", in Japanese era years too ("昭和17年5月3日生まれ"). A date without a label is left
//! alone: it is far more often a deadline, a release or a log line than somebody's birthday.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use super::context::{self, Context};
use super::text::{at, run, starts_with_ci};
use super::{Finding, FindingKind};

/// Month names and their usual abbreviations in en, de, fr, es, it, pt and nl, lower-cased, and
/// the Hindi names in their usual spellings.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("maio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("set", 9),
    ("setembro", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("outubro", 10),
    ("out", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("जनवरी", 1),
    ("फ़रवरी", 2),
    ("\u{95e}रवरी", 2),
    ("फरवरी", 2),
    ("मार्च", 3),
    ("अप्रैल", 4),
    ("अप्रेल", 4),
    ("मई", 5),
    ("जून", 6),
    ("जुलाई", 7),
    ("अगस्त", 8),
    ("सितंबर", 9),
    ("सितम्बर", 9),
    ("अक्टूबर", 10),
    ("अक्तूबर", 10),
    ("नवंबर", 11),
    ("नवम्बर", 11),
    ("दिसंबर", 12),
    ("दिसम्बर", 12),
];

/// Between a label and its date: punctuation, particles, and a copula ("DOB is …").
const GAPS: &[&str] = &[
    " ", "\t", ":", "=", "-", ",", "(", "\"", "'", "*", "：", "（", "，", "\u{a0}", "\u{3000}",
    "–", "—", "は", "는", "은", "是", "为", "為", "is ", "was ", "ist ", "war ", "est ", "es ",
    "era ", "è ", "é ",
];

/// The label that follows its date instead of preceding it: "1981年4月9日生まれ". The Chinese
/// ones open with the date's last character ("1938年2月11日生的", "…日出生"): every label starting
/// with "日" is one of them (see `context`).
const AFTER_DATE: &str = "生まれ";
const DAY: &str = "日";

/// Japanese eras, the year before each one's first and its last year's number: "昭和17年" is
/// 1925 + 17 = 1942; there was no 昭和65年.
const ERAS: &[(&str, u32, u32)] = &[
    ("明治", 1867, 45),
    ("大正", 1911, 15),
    ("昭和", 1925, 64),
    ("平成", 1988, 31),
    ("令和", 2018, 99),
];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut done_until = 0;
    let mut sample = None;
    for h in ctx.hits.iter().filter(|h| h.class & context::BIRTH != 0) {
        if h.start < done_until {
            continue;
        }
        let label = &b[h.start..h.end];
        // "nato il 4/9/1951" is born; NATO is the alliance.
        if label == b"NATO" {
            continue;
        }
        let span = if label == AFTER_DATE.as_bytes() {
            date_before(b, h.start)
        } else if label.starts_with(DAY.as_bytes()) {
            date_before(b, h.start + DAY.len())
        } else {
            let p = skip_gap(b, h.end);
            date(text, p).map(|e| (p, e)).or_else(|| {
                let noun = NO_LOOKAHEAD
                    .iter()
                    .any(|n| label.eq_ignore_ascii_case(n.as_bytes()));
                (!noun).then(|| date_in_clause(text, h.end)).flatten()
            })
        };
        let Some((s, e)) = span else {
            // A label over a list: "con la data di nascita:\n\nRiccardo Tosi 03.11.2011\n…",
            // a table's "Geb." column.
            let first = out.len();
            listed(text, h.end, out);
            if let Some(last) = out[first..].last() {
                done_until = last.end;
            }
            if out.len() > first && *sample.get_or_insert_with(|| super::table::says_made_up(text))
            {
                for f in &mut out[first..] {
                    f.confidence = 0.6;
                }
            }
            continue;
        };
        done_until = e;
        // A birth date in data the text calls made up ("komplett ausgedacht, nur für die
        // Unit-Tests") is reported, below the decision line.
        let made_up = *sample.get_or_insert_with(|| super::table::says_made_up(text));
        let conf = if is_new_year(&b[s..e]) || made_up {
            0.6
        } else {
            0.85
        };
        out.push(Finding::new(
            FindingKind::DateOfBirth,
            s,
            e,
            conf,
            "date_of_birth",
        ));
    }
}

/// Labels that name the birth as an event, not the person's date ("certidão de nascimento
/// emitida em 14/03/2019", "生日快乐"): only a date right after them counts.
const NO_LOOKAHEAD: &[&str] = &[
    "nacimiento",
    "nascimento",
    "naissance",
    "जन्म",
    "生日",
    "誕生日",
];

/// How far after its label a date of birth may stand in the label's clause, in bytes ("nato a
/// Catania il 4/9/1951", "geboren te Mechelen op 12/06/1974", "生年月日の欄、「H9.11.23」").
const CLAUSE_AHEAD: usize = 60;

/// A full date within [`CLAUSE_AHEAD`] bytes after `from`, before the sentence ends.
fn date_in_clause(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let to = text.floor_char_boundary((from + CLAUSE_AHEAD).min(text.len()));
    for (k, c) in text[from..to].char_indices() {
        let p = from + k;
        if super::salary::ends_sentence(text, p, c) {
            return None;
        }
        let word_start = p == 0 || !b[p - 1].is_ascii_alphanumeric();
        let opens =
            c.is_ascii_alphanumeric() || ERAS.iter().any(|(e, ..)| text[p..].starts_with(e));
        if word_start
            && opens
            && let Some(e) = date(text, p)
        {
            return Some((p, e));
        }
    }
    None
}

/// How many lines of a list under a birth-date label are read.
const LIST_LINES: usize = 40;
/// The longest line of such a list, in bytes.
const LIST_LINE: usize = 120;

/// The dates of a list or table under a birth-date label: each following line (after at most
/// one blank line, until the next blank line) that holds a full date after two letters or more,
/// a name's, as a finding, when two lines or more do.
fn listed(text: &str, label_end: usize, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let Some(nl) = text[label_end..].find('\n') else {
        return;
    };
    let mut p = label_end + nl + 1;
    if text[p..].starts_with('\n') {
        p += 1;
    }
    let mut dates = Vec::new();
    for line in text[p..].split('\n').take(LIST_LINES) {
        let start = p;
        p += line.len() + 1;
        if line.trim().is_empty() {
            break;
        }
        if line.len() > LIST_LINE {
            continue;
        }
        // Letters read so far on the line: a date counts after two, a name's.
        let mut letters = 0;
        let found = line.char_indices().find_map(|(k, c)| {
            let q = start + k;
            let named = letters >= 2;
            letters += usize::from(c.is_alphabetic());
            (named && c.is_ascii_digit() && (q == 0 || !b[q - 1].is_ascii_alphanumeric()))
                .then(|| date(text, q).map(|e| (q, e)))
                .flatten()
        });
        if let Some(span) = found {
            dates.push(span);
        }
    }
    if dates.len() >= 2 {
        out.extend(
            dates.into_iter().map(|(s, e)| {
                Finding::new(FindingKind::DateOfBirth, s, e, LISTED, "date_of_birth")
            }),
        );
    }
}

/// The confidence of a date in a list under a birth-date label.
const LISTED: f32 = 0.8;

/// `01/01/1990`, `1990-01-01`, `1990年1月1日`: the date sample records and forms fill in by
/// default, so it counts for less than another date. (A date spelled with a month name keeps its
/// full confidence.)
fn is_new_year(date: &[u8]) -> bool {
    let parts: Vec<&[u8]> = date
        .split(|c| !c.is_ascii_digit())
        .filter(|part| !part.is_empty() && part.len() <= 4)
        .take(4)
        .collect();
    let one = |part: &[u8]| part.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')) == 1;
    // An era's year ("昭和50年1月1日") comes first too.
    let era_first = date.first().is_some_and(|c| !c.is_ascii_digit());
    match parts.as_slice() {
        [year, m, d] if year.len() == 4 || era_first => one(m) && one(d),
        [d, m, _year] => one(d) && one(m),
        _ => false,
    }
}

fn skip_gap(b: &[u8], from: usize) -> usize {
    let mut p = from;
    while p < from + 32 {
        // A format hint: "Date of birth (DD/MM/YYYY): …".
        if at(b, p) == b'(' {
            let hint = run(b, p + 1, 12, |c| {
                c.is_ascii_alphabetic() || b"/.-".contains(&c)
            });
            if hint >= 6 && at(b, p + 1 + hint) == b')' {
                p += hint + 2;
                continue;
            }
        }
        match GAPS.iter().find(|g| starts_with_ci(&b[p..], g.as_bytes())) {
            Some(g) => p += g.len(),
            None => break,
        }
    }
    p
}

/// The end of the full date starting at `p`, if one does.
fn date(text: &str, p: usize) -> Option<usize> {
    let b = text.as_bytes();
    let end = cjk(b, p)
        .or_else(|| era_initial(b, p))
        .or_else(|| numeric(b, p))
        .or_else(|| day_first(text, p))
        .or_else(|| month_first(text, p))?;
    Some(end)
}

/// "1981年4月9日生まれ": the date that ends just before `label` (a "に" may stand between).
fn date_before(b: &[u8], label: usize) -> Option<(usize, usize)> {
    let mut end = label;
    if b[..end].ends_with("に".as_bytes()) {
        end -= "に".len();
    }
    while end > 0 && b[end - 1] == b' ' {
        end -= 1;
    }
    if !b[..end].ends_with("日".as_bytes()) {
        return None;
    }
    // `yyyy年m月d日` is at most 4 + 3 + 2 + 3 + 2 + 3 bytes, `昭和17年5月3日` 6 + 2 + 3 + 2 + 3 + 2
    // + 3, with a few spaces.
    (end.saturating_sub(30)..end)
        .filter(|&s| {
            (b[s].is_ascii_digit() && !(s > 0 && b[s - 1].is_ascii_digit()))
                || ERAS.iter().any(|(e, ..)| b[s..].starts_with(e.as_bytes()))
        })
        .find(|&s| cjk(b, s) == Some(end))
        .map(|s| (s, end))
}

/// `n` digits (at most `max`, and not followed by another digit) at `p`: `(value, n)`.
fn number(b: &[u8], p: usize, max: usize) -> Option<(u32, usize)> {
    let n = run(b, p, max + 1, |c| c.is_ascii_digit());
    if n == 0 || n > max {
        return None;
    }
    let value = b[p..p + n]
        .iter()
        .fold(0, |acc, &c| acc * 10 + u32::from(c - b'0'));
    Some((value, n))
}

fn spaces(b: &[u8], p: usize) -> usize {
    p + run(b, p, 3, |c| c == b' ')
}

/// The first of `marks` at `p`, skipped.
fn mark(b: &[u8], p: usize, marks: [&str; 2]) -> Option<usize> {
    marks
        .iter()
        .find(|m| b[p.min(b.len())..].starts_with(m.as_bytes()))
        .map(|m| p + m.len())
}

/// `1981年4月9日`, `1981년 4월 9일`, `昭和17年5月3日`, `平成元年1月8日`.
fn cjk(b: &[u8], p: usize) -> Option<usize> {
    let (y, q) = match ERAS.iter().find(|(e, ..)| b[p..].starts_with(e.as_bytes())) {
        Some(&(era, base, last)) => {
            let q = spaces(b, p + era.len());
            if b[q.min(b.len())..].starts_with("元".as_bytes()) {
                (base + 1, q + "元".len())
            } else {
                let (n, len) = number(b, q, 2)?;
                if !(1..=last).contains(&n) {
                    return None;
                }
                (base + n, q + len)
            }
        }
        None => {
            let (y, n) = number(b, p, 4)?;
            if n != 4 {
                return None;
            }
            (y, p + n)
        }
    };
    let q = mark(b, spaces(b, q), ["年", "년"])?;
    let q = spaces(b, q);
    let (m, n) = number(b, q, 2)?;
    let q = mark(b, spaces(b, q + n), ["月", "월"])?;
    let q = spaces(b, q);
    let (d, n) = number(b, q, 2)?;
    let q = mark(b, spaces(b, q + n), ["日", "일"])?;
    valid(y, m, d).then_some(q)
}

/// Japanese eras by their initials, as forms abbreviate a date: "H9.11.23" is 平成9年11月23日.
const ERA_INITIALS: &[(u8, u32, u32)] = &[
    (b'M', 1867, 45),
    (b'T', 1911, 15),
    (b'S', 1925, 64),
    (b'H', 1988, 31),
    (b'R', 2018, 99),
];

/// `H9.11.23`, `S52.4.1`: an era's initial, then year, month and day parted by dots.
fn era_initial(b: &[u8], p: usize) -> Option<usize> {
    let &(_, base, last) = ERA_INITIALS.iter().find(|(c, ..)| at(b, p) == *c)?;
    let (y, ny) = number(b, p + 1, 2)?;
    let q = p + 1 + ny;
    if at(b, q) != b'.' {
        return None;
    }
    let (m, nm) = number(b, q + 1, 2)?;
    let r = q + 1 + nm;
    if at(b, r) != b'.' {
        return None;
    }
    let (d, nd) = number(b, r + 1, 2)?;
    let end = r + 1 + nd;
    ((1..=last).contains(&y) && !at(b, end).is_ascii_alphanumeric() && valid(base + y, m, d))
        .then_some(end)
}

/// Months in Roman numerals, as Spanish and Italian certificates write them: "12-XII-1949".
const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The Roman month at `p` and its length, before `sep`.
fn roman_month(b: &[u8], p: usize, sep: u8) -> Option<(u32, usize)> {
    let n = run(b, p, 5, |c| matches!(c, b'I' | b'V' | b'X'));
    if at(b, p + n) != sep {
        return None;
    }
    let m = ROMAN_MONTHS
        .iter()
        .position(|r| r.as_bytes() == &b[p..p + n])?;
    Some((u32::try_from(m).ok()? + 1, n))
}

/// `24/01/1985`, `01/24/1985`, `09.04.1981`, `9-4-81`, `1981-04-09`: one separator, used
/// twice; day-month or month-day, whichever is a real date.
fn numeric(b: &[u8], p: usize) -> Option<usize> {
    let (x, nx) = number(b, p, 4)?;
    let sep = at(b, p + nx);
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let q = p + nx + 1;
    // "12-XII-1949": the month in Roman numerals, after the day.
    if let Some((m, nm)) = roman_month(b, q, sep) {
        let r = q + nm + 1;
        let (y, ny) = number(b, r, 4)?;
        let end = r + ny;
        return (nx <= 2 && ny == 4 && !at(b, end).is_ascii_alphanumeric() && valid(y, m, x))
            .then_some(end);
    }
    let (y, ny) = number(b, q, 2)?;
    if at(b, q + ny) != sep {
        return None;
    }
    let r = q + ny + 1;
    let (z, nz) = number(b, r, 4)?;
    let end = r + nz;
    let next = at(b, end);
    // `1985-01-24T00:00:00Z` in a JSON record is still the date.
    let iso_time = nx == 4 && next == b'T' && at(b, end + 1).is_ascii_digit();
    if (next.is_ascii_alphanumeric() && !iso_time)
        || (matches!(next, b'/' | b'.' | b'-' | b':') && at(b, end + 1).is_ascii_digit())
    {
        return None;
    }
    let ok = match (nx, nz) {
        (4, 1 | 2) => valid(x, y, z),
        (1 | 2, 4) => valid(z, y, x) || valid(z, x, y),
        (1 | 2, 2) => {
            let year = two_digit_year(z);
            valid(year, y, x) || valid(year, x, y)
        }
        _ => false,
    };
    ok.then_some(end)
}

/// `9 April 1981`, `9. April 1981`, `1er avril 1981`, `9 de abril de 1981`, `09-Apr-1981`.
fn day_first(text: &str, p: usize) -> Option<usize> {
    let b = text.as_bytes();
    let (d, n) = number(b, p, 2)?;
    let mut q = ordinal(b, p + n);
    let gap = run(b, q, 3, |c| c == b' ' || c == b'-' || c == b'/');
    if gap == 0 && at(b, q - 1) != b'.' {
        return None;
    }
    q = preposition(b, q + gap);
    let (m, n) = month(text, q)?;
    q += n;
    if at(b, q) == b'.' {
        q += 1;
    }
    let gap = run(b, q, 3, |c| matches!(c, b' ' | b'-' | b',' | b'/'));
    if gap == 0 {
        return None;
    }
    q = preposition(b, q + gap);
    let (y, n) = number(b, q, 4)?;
    let end = q + n;
    (n == 4 && !at(b, end).is_ascii_alphanumeric() && valid(y, m, d)).then_some(end)
}

/// `April 9, 1981`, `Apr. 9th 1981`.
fn month_first(text: &str, p: usize) -> Option<usize> {
    let b = text.as_bytes();
    let (m, n) = month(text, p)?;
    let mut q = p + n;
    if at(b, q) == b'.' {
        q += 1;
    }
    let gap = run(b, q, 3, |c| c == b' ');
    if gap == 0 {
        return None;
    }
    q += gap;
    let (d, n) = number(b, q, 2)?;
    q = ordinal(b, q + n);
    let gap = run(b, q, 3, |c| c == b' ' || c == b',');
    if gap == 0 {
        return None;
    }
    q += gap;
    let (y, n) = number(b, q, 4)?;
    let end = q + n;
    (n == 4 && !at(b, end).is_ascii_alphanumeric() && valid(y, m, d)).then_some(end)
}

/// Skips a day's ordinal mark: `9.`, `9th`, `1er`, `1º`.
fn ordinal(b: &[u8], p: usize) -> usize {
    if at(b, p) == b'.' {
        return p + 1;
    }
    if b[p..].starts_with("º".as_bytes()) {
        return p + "º".len();
    }
    let letters = run(b, p, 3, |c| c.is_ascii_alphabetic());
    let suffix = b[p..p + letters].to_ascii_lowercase();
    if matches!(suffix.as_slice(), b"st" | b"nd" | b"rd" | b"th" | b"er") {
        p + letters
    } else {
        p
    }
}

/// Skips the Spanish and Portuguese "de " in "9 de abril de 1981".
fn preposition(b: &[u8], p: usize) -> usize {
    if starts_with_ci(&b[p.min(b.len())..], b"de ") {
        p + 3
    } else {
        p
    }
}

/// The month named at `p` and the name's length in bytes.
fn month(text: &str, p: usize) -> Option<(u32, usize)> {
    let rest = text.get(p..)?;
    let len: usize = rest
        .chars()
        .take(10)
        // Devanagari writes a month's vowels and conjuncts with marks ("सितम्बर").
        .take_while(|&c| c.is_alphabetic() || ('\u{900}'..='\u{963}').contains(&c))
        .map(char::len_utf8)
        .sum();
    let name = rest.get(..len)?.to_lowercase();
    MONTHS
        .iter()
        .find(|(m, _)| *m == name)
        .map(|&(_, month)| (month, len))
}

fn two_digit_year(yy: u32) -> u32 {
    if 2000 + yy <= current_year() {
        2000 + yy
    } else {
        1900 + yy
    }
}

fn valid(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1900..=current_year()).contains(&year) && (1..=days).contains(&day)
}

/// This year, read once: nobody alive was born after it. A clock before 2025 is wrong, so the
/// year is at least that.
fn current_year() -> u32 {
    static YEAR: OnceLock<u32> = OnceLock::new();
    *YEAR.get_or_init(|| {
        let days = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        civil_year(days).max(2025)
    })
}

/// The Gregorian year of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_year(days: u64) -> u32 {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + u64::from(mp >= 10);
    u32::try_from(year).unwrap_or(u32::MAX)
}
