//! Postal addresses: a house number and a street, then a postal code in its country's shape
//! (UK `HG2 7QP`, US `IL 62704`, five digits and a town for DE/FR/ES/IT, `1234 AB` for NL,
//! `1000-001` for PT, `01310-100` for BR, a PIN after an Indian town), or a Chinese
//! `…区…路88号` and a Japanese `〒150-0041` / `…区…3丁目`. An address is somebody's when a name
//! or a courtesy title stands right before it ("Mrs Eileen Fairbairn, 14 Rowan Crescent, …",
//! "Absender: Tobias Lenz, Gneisenaustraße 41, …") or a word says it is where somebody lives or
//! receives post ("my address", "habite au", "收货地址"): then it is a finding at 0.85. An
//! address alone may be a shop's or an office's (0.6, the model decides); sample addresses
//! ("123 Main St, Anytown", "Musterstraße 1, 12345 Musterstadt") are none.

use super::context::{self, Context};
use super::salary::{is_devanagari, is_han, names_a_person, titled_name};
use super::text::{WordList, contains_ci, run};
use super::{Finding, FindingKind};

/// How far before its postal code a street may start, in bytes.
const STREET_BACK: usize = 90;
/// How far before its postal code a letter's address block may start, in bytes.
const BLOCK_BACK: usize = 3 * BLOCK_LINE;
/// How far before its street word a house number may start ("1600 Pennsylvania Avenue"), in
/// bytes.
const HOUSE_BEFORE: usize = 30;
/// The longest line of a letter's address block, in bytes.
const BLOCK_LINE: usize = 64;
/// How far before the street a name or an address word may stand, in bytes.
const OWNER_BACK: usize = 80;
/// How far after the address, on its line, a name or an owner word may stand, in bytes.
const OWNER_AHEAD: usize = 60;

/// Street words of the languages that write the house number after the street
/// ("Rua Oscar Freire 40", "via Cavour 12"), whole (lower case, without a final '.'); with
/// [`NUMBER_FIRST`], every street word.
const NUMBER_AFTER: &[&str] = &[
    "str",
    "r",
    "calle",
    "c/",
    "avenida",
    "avda",
    "plaza",
    "paseo",
    "camino",
    "carrer",
    "via",
    "viale",
    "piazza",
    "corso",
    "vicolo",
    "largo",
    "rua",
    "av",
    "travessa",
    "praça",
    "alameda",
    "estrada",
    "sector",
    "nagar",
    "marg",
    "colony",
    "flat",
    "h.no",
    "plot",
    "block",
    "phase",
    "gali",
    "सेक्टर",
    "फ्लैट",
    "मकान",
    "गली",
    "नगर",
    "मार्ग",
    "रोड",
    "कॉलोनी",
    "ब्लॉक",
    "प्लॉट",
    "फेज़",
    "फेज",
    "मोहल्ला",
    "अपार्टमेंट",
    "सोसाइटी",
];

/// Street words of the languages that write the house number before the street ("14 Rowan
/// Crescent", "27 rue des Tanneurs"), whole (lower case, without a final '.').
const NUMBER_FIRST: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "dr",
    "way",
    "close",
    "crescent",
    "court",
    "ct",
    "place",
    "pl",
    "terrace",
    "gardens",
    "grove",
    "boulevard",
    "blvd",
    "square",
    "row",
    "mews",
    "parkway",
    "rue",
    "bd",
    "chemin",
    "allée",
    "impasse",
    "quai",
    "cours",
];

/// Street words that also stand alone after a street's name, or open it ("Berliner Straße",
/// "Laan van Meerdervoort"), whole (lower case).
const STREET_WORDS_ALONE: &[&str] = &[
    "straße", "strasse", "gasse", "allee", "platz", "laan", "straat", "steenweg", "plein",
    "gracht", "kade",
];

/// Street words that end a compound ("Gneisenaustraße", "Kalverstraat", "Lindenallee").
const STREET_SUFFIXES: &[&str] = &[
    "straße", "strasse", "str.", "weg", "allee", "gasse", "platz", "ring", "damm", "ufer",
    "straat", "laan", "plein", "gracht", "kade", "singel", "dijk",
];

/// Words saying an address is where somebody lives or receives post.
const OWNER_WORDS: &[&str] = &[
    "address",
    "adresse",
    "anschrift",
    "wohne",
    "wohnt",
    "absender",
    "empfänger",
    "habite",
    "domicile",
    "destinataire",
    "dirección",
    "direccion",
    "domicilio",
    "vive en",
    "vivo en",
    "indirizzo",
    "abito",
    "abita",
    "residente",
    "morada",
    "moro ",
    "mora ",
    "endereço",
    "adres",
    "woon",
    "lives at",
    "live at",
    "living at",
    "my flat",
    "our flat",
    "my apartment",
    "our apartment",
    "my house",
    "our house",
    "moved to",
    "wohnen",
    "habitons",
    "chez moi",
    "vivimos",
    "abitiamo",
    "moramos",
    "wonen",
    "ship to",
    "deliver to",
    "send it to",
    "attn",
    "destinatári",
    "destinatario",
    "home",
    "收货",
    "地址",
    "住在",
    "住址",
    "寄到",
    "住所",
    "お届け先",
    "届け先",
    "宛名",
    "宛先",
    "発送先",
    "配送先",
    "送付先",
    "收件",
    "送り先",
    "पता",
    "पते",
    "घर",
    "रहता",
    "रहती",
    "रहते",
];

/// Sample addresses: documentation and form placeholders.
const PLACEHOLDERS: &[&str] = &[
    "main st",
    "anytown",
    "musterstr",
    "musterstadt",
    "beispiel",
    "voorbeeld",
    "example",
    "sample",
    "exemple",
    "ejemplo",
    "esempio",
    "prova",
    "exemplo",
    "calle falsa",
    "12345",
    "00000",
    "1234 ab",
    "via roma 1,",
    "fake",
    "test",
    "fictive",
    "fictif",
    "fictional",
    "fiktiv",
    "ficticia",
    "ficticio",
    "fittizia",
    "fittizio",
    "fictícia",
    "fictício",
    "fictief",
];

/// Sample words in Chinese and Japanese addresses: 测试 (test), 示例 (example), 某 (some).
const CJK_PLACEHOLDERS: &[&str] = &["测试", "示例", "样例", "某某", "テスト", "サンプル"];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    // Whether the text calls its data made up, read once and only for a text with an address.
    let mut sample = None;
    let mut done_until = 0;
    let mut i = 0;
    // Every postal code holds a digit: visit the starts of digit runs only. A UK postcode's
    // outward code opens one or two letters before its first digit.
    while let Some(k) = b[i..].iter().position(u8::is_ascii_digit) {
        let j = i + k;
        let run_end = j + digits_at(b, j);
        let word_start = j == 0 || !b[j - 1].is_ascii_alphanumeric();
        let found = if word_start {
            postal_code(text, j)
        } else {
            (1..=2)
                .filter_map(|back| j.checked_sub(back))
                .filter(|&s| s == 0 || !b[s - 1].is_ascii_alphanumeric())
                .find_map(|s| uk_postcode(b, s))
        };
        i = run_end;
        let Some((pc_start, end)) = found else {
            continue;
        };
        if let Some(start) = street_before(text, pc_start).filter(|&s| s >= done_until) {
            done_until = end;
            report(text, ctx, &mut sample, start, end, out);
            i = i.max(end);
        }
    }
    cjk(text, ctx, &mut sample, out);
}

fn report(
    text: &str,
    ctx: &Context,
    sample: &mut Option<bool>,
    start: usize,
    end: usize,
    out: &mut Vec<Finding>,
) {
    let span = text[start..end].to_lowercase();
    if PLACEHOLDERS.iter().any(|p| span.contains(p)) {
        return;
    }
    let from = text.floor_char_boundary(start.saturating_sub(OWNER_BACK));
    // A name or an address word right before the address: on its line or the line above, or
    // the two lines above an address that opens its line ("SHIP TO:\nMRS K ABERNETHY\nFLAT 2
    // …").
    let line_end = if text[..start].ends_with('\n') {
        start - 1
    } else {
        start
    };
    let before = &text[last_lines(text, from.min(line_end), line_end)..start];
    // Or after it, on its last line: "… RJ 22775-040 — destinatária Ana Beatriz Coelho", "…
    // 97210 attn Gabe Lindqvist".
    let after_end = text[end..]
        .find('\n')
        .map_or(text.len(), |n| end + n)
        .min(text.ceil_char_boundary((end + OWNER_AHEAD).min(text.len())));
    let after = &text[end..after_end];
    let owner = owned(text, ctx, sample, before, start, end)
        || (!after.trim().is_empty() && owned(text, ctx, sample, after, start, end));
    push(out, start, end, owner);
}

/// Whether `before` names the address's owner: a person's name, or a word for where somebody
/// lives or receives post. Near a company's legal form or register number, capitalised words
/// and "address" are a company's letterhead ("HARTLEY & NOOR DESIGN LTD\nUnit 5, 14 Canal
/// Street, Manchester M1 3HE", "注册地址：…张江路665号"); a courtesy title still names a person.
fn owned(
    text: &str,
    ctx: &Context,
    sample: &mut Option<bool>,
    before: &str,
    start: usize,
    end: usize,
) -> bool {
    // Data the text calls made up ("Beispieldaten … alles fiktiv") is nobody's.
    if *sample.get_or_insert_with(|| super::table::says_sample(text)) {
        return false;
    }
    titled_name(before)
        || ((names_a_person(before)
            || OWNER_WORDS
                .iter()
                .any(|w| contains_ci(before.as_bytes(), w.as_bytes())))
            && !company_near(text, ctx, start, end))
}

/// How far before and after an address a company's legal form or register number makes it the
/// company's, in bytes: a letterhead's few lines.
const COMPANY_BACK: usize = 300;
const COMPANY_AHEAD: usize = 200;

/// Legal forms of companies, compared whole and ignoring case.
static LEGAL_FORMS: WordList = WordList::new(
    "gmbh sarl sas sasu eurl spa s.p.a. srl s.r.l. s.l. s.l.u. s.a. ltd ltd. ltda ltda. lda \
    lda. limited llc llp inc inc. plc corp corp. b.v. n.v. eireli pvt pvt.",
);

/// Short legal forms, compared as written: lower-cased they are words ("sa", "ag", "bv").
const SHORT_LEGAL_FORMS: &[&str] = &["SA", "AG", "KG", "UG", "OHG", "SL", "SLU", "BV", "NV"];

/// Company registers and their numbers' labels, and other marks of a company's own paper (its
/// opening hours, a holder's abbreviated legal form "カ）"); read anywhere, ignoring case. The
/// Chinese and Japanese legal forms are [`CJK_LEGAL_FORMS`].
const COMPANY_WORDS: &[&str] = &[
    "cnpj",
    "nipc",
    "siret",
    "siren",
    "rcs ",
    "company no",
    "company number",
    "registered office",
    "registered in england",
    "vat reg.",
    "vat reg no",
    "vat registration",
    "vat no",
    "ust-id",
    "handelsregister",
    "kvk",
    "partita iva",
    "p.iva",
    "p. iva",
    "registro mercantil",
    "cif:",
    " cif ",
    "gstin",
    // India's company number opens with L or U ("CIN: U45200…"); Italy's CIN is a letter.
    "cin: u",
    "cin: l",
    "inscrição estadual",
    "capital social",
    "capitale sociale",
    "stammkapital",
    "sede legale",
    "siège social",
    "domicilio social",
    // Opening hours are a shop's or an office's, not a home's.
    "opening hours",
    "öffnungszeiten",
    "horaires d'ouverture",
    "horario",
    "horário",
    "orario",
    "openingstijden",
    "営業時間",
    "营业时间",
    "定休",
    "公司地址",
    // A company's name as a bank account's holder abbreviates it: "カ）ミナトデザイン".
    "カ）",
    "（株）",
    "㈱",
    "统一社会信用代码",
    "法人番号",
];

/// Whether the paragraph around an address (up to a blank line, at most [`COMPANY_BACK`] bytes
/// before and [`COMPANY_AHEAD`] after) names a company: a letter's sender block stands apart
/// from its addressee's ("Jan-Philipp Reuter\nKastanienweg 9\n48159 Münster\n\nStadtwerke
/// Münster GmbH"). In a company's legal notice ("Impressum") every address and line is the
/// company's.
pub(super) fn company_near(text: &str, ctx: &Context, start: usize, end: usize) -> bool {
    company_in(text, ctx, start, end, true)
}

/// Whether the paragraph around a bank account gives a company's register or tax number, or
/// another mark of its issuer ([`COMPANY_WORDS`]), as an invoice's footer does. A legal form
/// alone does not count: it names the bank ("Barclays Bank UK PLC") or the client ("To: Bright
/// Fox Productions Ltd", "株式会社ハルカゼ出版 御中") as often as the account's holder.
pub(super) fn company_register_near(text: &str, ctx: &Context, start: usize, end: usize) -> bool {
    company_in(text, ctx, start, end, false)
}

/// Chinese and Japanese legal forms, read anywhere.
const CJK_LEGAL_FORMS: &[&str] = &["有限公司", "株式会社", "合同会社"];

/// [`company_near`], and with `legal_forms` false [`company_register_near`].
fn company_in(text: &str, ctx: &Context, start: usize, end: usize, legal_forms: bool) -> bool {
    if ctx.has(context::LEGAL_NOTICE) {
        return true;
    }
    let near = paragraph(text, start, end);
    let has = |w: &&str| contains_ci(near.as_bytes(), w.as_bytes());
    COMPANY_WORDS.iter().any(has)
        || (legal_forms
            && (CJK_LEGAL_FORMS.iter().any(has)
                || near
                    .split(|c: char| c.is_whitespace() || ",;()–—|".contains(c))
                    .any(|w| SHORT_LEGAL_FORMS.contains(&w) || LEGAL_FORMS.contains_lower(w))))
}

/// The paragraph around `start..end`: up to a blank line, at most [`COMPANY_BACK`] bytes before
/// and [`COMPANY_AHEAD`] after.
fn paragraph(text: &str, start: usize, end: usize) -> &str {
    let from = text.floor_char_boundary(start.saturating_sub(COMPANY_BACK));
    let to = text.ceil_char_boundary((end + COMPANY_AHEAD).min(text.len()));
    let from = text[from..start].rfind("\n\n").map_or(from, |i| from + i);
    let to = text[end..to].find("\n\n").map_or(to, |i| end + i);
    &text[from..to]
}

fn push(out: &mut Vec<Finding>, start: usize, end: usize, owned: bool) {
    let conf = if owned { 0.85 } else { 0.6 };
    out.push(Finding::new(
        FindingKind::Address,
        start,
        end,
        conf,
        "postal_address",
    ));
}

/// Where the last two lines of `text[from..to]` start (`from` if it holds fewer).
fn last_lines(text: &str, from: usize, to: usize) -> usize {
    text[from..to]
        .rmatch_indices('\n')
        .nth(1)
        .map_or(from, |(nl, _)| from + nl + 1)
}

/// The start of a postal code's street: a house number and a street word in the stretch
/// before it (this line or the one above, at most `STREET_BACK` bytes).
fn street_before(text: &str, pc: usize) -> Option<usize> {
    // Devanagari takes three bytes a letter: the same few words reach twice as far back.
    let back = if text[..pc].chars().rev().take(12).any(is_devanagari) {
        2 * STREET_BACK
    } else {
        STREET_BACK
    };
    let from = text.floor_char_boundary(pc.saturating_sub(back));
    // Not across a blank line or more than one line break, except in a letter's address block,
    // whose town, and before it a district, may stand on lines of their own between the street
    // and the postal code ("62 Alderney Street\nSouthampton\nSO14 0QR", "Rua Domingos de Morais,
    // 2187\nVila Mariana – São Paulo/SP\nCEP 04035-001", "Rua Padre Anchieta, 1187\nBairro
    // Mercês\nCuritiba – PR\nCEP 80410-030").
    street_in(text, last_lines(text, from, pc), pc).or_else(|| {
        let from = text.floor_char_boundary(pc.saturating_sub(BLOCK_BACK));
        (2..=3).find_map(|lines| street_in(text, block_start(text, from, pc, lines)?, pc))
    })
}

/// Where a letter's address block of `lines` short lines before `to` starts (the postal code's
/// line is not counted), none blank.
fn block_start(text: &str, from: usize, to: usize, lines: usize) -> Option<usize> {
    let (nl, _) = text[from..to].rmatch_indices('\n').nth(lines)?;
    let start = from + nl + 1;
    text[start..to]
        .split('\n')
        .take(lines)
        .all(|l| !l.trim().is_empty() && l.len() <= BLOCK_LINE)
        .then_some(start)
}

/// The start of a street in `text[window_start..pc]`, as [`street_before`] reads it.
fn street_in(text: &str, window_start: usize, pc: usize) -> Option<usize> {
    let window = &text[window_start..pc];
    let mut street = None;
    let mut numbers = Vec::new();
    let mut offset = 0;
    let mut prev_word: Option<(usize, &str)> = None;
    for word in window.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
        // Quotes and brackets around a word are not part of it: `"address": "29 Church Lane`.
        let edge = |c: char| c.is_whitespace() || ",()\"'“”„«»".contains(c);
        let trimmed = word.trim_start_matches(edge);
        let at = window_start + offset + (word.len() - trimmed.len());
        offset += word.len();
        let w = trimmed.trim_end_matches(edge).to_lowercase();
        if w.is_empty() {
            continue;
        }
        let bare = w.trim_end_matches('.');
        let number_first = NUMBER_FIRST.contains(&bare);
        // German streets named by a preposition and a place: "Am Bültmannshof 14", "An der
        // Alster 12", "Zur Linde 3" (capitalised: lower case, these are ordinary words).
        let preposition = matches!(
            trimmed.trim_end_matches(edge),
            "Am" | "Im" | "An" | "Auf" | "Zum" | "Zur"
        );
        // A street word standing alone after the street's name: "Berliner Straße 12",
        // "Schönbrunner Straße 112/3/14", "Laan van Meerdervoort 1172".
        let alone = STREET_WORDS_ALONE.contains(&bare);
        let is_street = number_first
            || preposition
            || alone
            || NUMBER_AFTER.contains(&bare)
            || STREET_SUFFIXES
                .iter()
                .any(|s| w.ends_with(s) && w.chars().count() > s.chars().count() + 2);
        if is_street && street.is_none() {
            let named_before = alone
                && prev_word.is_some_and(|(_, p): (usize, &str)| {
                    p.chars().next().is_some_and(char::is_uppercase)
                });
            let start = if named_before {
                prev_word.map_or(at, |(s, _)| s)
            } else {
                at
            };
            street = Some((start, number_first));
        }
        prev_word = Some((at, trimmed.trim_end_matches(edge)));
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &w[digits..];
        if (1..=4).contains(&digits) && house_suffix(rest) {
            numbers.push(at);
        }
    }
    let (s, number_first) = street?;
    // The house number: the nearest one on the side where the street's language writes it
    // ("2417 Larkspur Drive, Apt 3B", "27 rue des Tanneurs"; "Bahnhofstraße 9", "Rua Oscar
    // Freire 40"), else the nearest on the other side.
    let before = numbers
        .iter()
        .copied()
        .filter(|&n| n < s && s - n <= HOUSE_BEFORE)
        .max();
    let after = numbers.iter().copied().filter(|&n| n > s).min();
    let n = if number_first {
        before.or(after)
    } else {
        after.or(before)
    }?;
    Some(s.min(n))
}

/// What may follow a house number's digits (lower case): nothing, a letter ("12a"), or a
/// floor, unit or second number after '-' or '/' ("112-ii", "12-14", "7/3", "41-h"), or two
/// (an Indian municipal number, "12-2-417"), but not a year range ("2023-2024").
fn house_suffix(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b {
        [] => true,
        [c] => c.is_ascii_lowercase(),
        [b'-' | b'/', unit @ ..] => {
            let mut parts = unit.split(|&c| c == b'-' || c == b'/');
            let short =
                |p: &[u8]| (1..=3).contains(&p.len()) && p.iter().all(u8::is_ascii_alphanumeric);
            // Austria's staircase and door: "112/3/14".
            let third = |p: Option<&[u8]>| p.is_none_or(|p| b[0] == b'/' && short(p));
            parts.next().is_some_and(short)
                && parts.next().is_none_or(short)
                && third(parts.next())
                && parts.next().is_none()
        }
        _ => false,
    }
}

/// A postal code starting with the digit at `i` and the town after it: `(start, end)`.
fn postal_code(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let n = digits_at(b, i);
    let e = i + n;
    let next = b.get(e).copied().unwrap_or(b' ');
    match n {
        // PT 1000-001, BR 01310-100.
        4 | 5 if next == b'-' && digits_at(b, e + 1) == 3 => {
            let code_end = e + 4;
            Some((i, town_after(text, code_end, false).unwrap_or(code_end)))
        }
        // NL 1234 AB Town.
        4 if b[i] != b'0' => {
            let mut p = e;
            if b.get(p) == Some(&b' ') {
                p += 1;
            }
            let letters = b[p..].iter().take_while(|c| c.is_ascii_uppercase()).count();
            if letters == 2 && !b.get(p + 2).is_some_and(u8::is_ascii_alphanumeric) {
                return town_after(text, p + 2, false).map(|end| (i, end));
            }
            // BE, AT, CH, DK: "2800 Mechelen", "1050 Wien".
            if next.is_ascii_alphanumeric() {
                return None;
            }
            town_after(text, e, false).map(|end| (i, end))
        }
        5 if next.is_ascii_alphanumeric() => None,
        5 => {
            // US: ", IL 62704" (ZIP+4 too).
            let state = i >= 3
                && b[i - 1] == b' '
                && (b[i - 3..i - 1].iter().all(u8::is_ascii_uppercase)
                    || US_STATES.contains(&&b[i - 3..i - 1]))
                && (i < 4 || !b[i - 4].is_ascii_alphanumeric());
            if state {
                let end = if next == b'-' && digits_at(b, e + 1) == 4 {
                    e + 5
                } else {
                    e
                };
                return Some((i - 3, end));
            }
            town_after(text, e, true).map(|end| (i, end))
        }
        // BR: a CEP typed without its hyphen after its label ("sp sp cep 04544000").
        8 if !next.is_ascii_alphanumeric()
            && text[text.floor_char_boundary(i.saturating_sub(8))..i]
                .trim_end_matches([' ', ':', '.'])
                .to_ascii_lowercase()
                .ends_with("cep") =>
        {
            Some((i, e))
        }
        // IN: "Pune 411069", "Pune - 411069".
        6 if !next.is_ascii_alphanumeric() => {
            let before = text[..i].trim_end_matches([' ', '-', ',']);
            let town = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            // "Pune 411069", "नवी मुंबई 400703", "पटना, बिहार - 800016".
            (town
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_devanagari(c))
                && town.len() >= 3)
                .then_some((i, e))
        }
        _ => None,
    }
}

/// US states' postal codes, as typed in lower case ("portland or 97210").
const US_STATES: &[&[u8]] = &[
    b"al", b"ak", b"az", b"ar", b"ca", b"co", b"ct", b"de", b"dc", b"fl", b"ga", b"hi", b"id",
    b"il", b"in", b"ia", b"ks", b"ky", b"la", b"me", b"md", b"ma", b"mi", b"mn", b"ms", b"mo",
    b"mt", b"ne", b"nv", b"nh", b"nj", b"nm", b"ny", b"nc", b"nd", b"oh", b"ok", b"or", b"pa",
    b"ri", b"sc", b"sd", b"tn", b"tx", b"ut", b"vt", b"va", b"wa", b"wv", b"wi", b"wy",
];

/// UK postcodes: `SW1A 1AA`, `M1 1AE`, `HG2 7QP`.
fn uk_postcode(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let area = b[i..].iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&area) {
        return None;
    }
    let mut p = i + area;
    if !b.get(p).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    p += 1;
    if b.get(p)
        .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        p += 1;
    }
    if b.get(p) != Some(&b' ') {
        return None;
    }
    p += 1;
    let inward = b.get(p).is_some_and(u8::is_ascii_digit)
        && b.get(p + 1).is_some_and(u8::is_ascii_uppercase)
        && b.get(p + 2).is_some_and(u8::is_ascii_uppercase)
        && !b.get(p + 3).is_some_and(u8::is_ascii_alphanumeric);
    inward.then_some((i, p + 3))
}

/// A capitalised town name after a postal code ("10961 Berlin", "59000 Lille", "1012 AB
/// Amsterdam", "Rio de Janeiro - RJ"): the end of its first word.
fn town_after(text: &str, from: usize, lower_case: bool) -> Option<usize> {
    let rest = &text[from..];
    let lead = rest.len() - rest.trim_start_matches([' ', '-']).len();
    if lead == 0 || lead > 3 {
        return None;
    }
    let word_start = from + lead;
    let word: &str = text[word_start..]
        .split(|c: char| !c.is_alphabetic() && c != '-' && c != '\'')
        .next()
        .unwrap_or("");
    // "'s-Gravenhage", "'t Zandt".
    let name = word
        .strip_prefix("'s-")
        .or_else(|| word.strip_prefix("'t"))
        .unwrap_or(word);
    // A town typed in lower case, as the whole address is ("33600 pessac"), has three letters
    // or more, after a five-digit code (after four, "2023 die" is a year).
    let capital = name.chars().next().is_some_and(char::is_uppercase);
    let letters = name.chars().count();
    let lower = lower_case && name.chars().next().is_some_and(char::is_lowercase) && letters >= 3;
    ((capital && letters >= 2) || lower).then_some(word_start + word.len())
}

fn digits_at(b: &[u8], i: usize) -> usize {
    run(b, i, usize::MAX, |c| c.is_ascii_digit())
}

/// `上海市徐汇区漕溪北路88号`, `〒150-0041 東京都渋谷区神南1-2-3`, `渋谷区神南3丁目`.
/// How far back from its building's number a Chinese address may open, in bytes: a province, a
/// city, a district and a compound's name.
const ADDRESS_RUN_BACK: usize = 90;

/// The longest building name and room number after a Japanese address's 丁目 and house number,
/// in bytes.
const JA_BUILDING_LINE: usize = 90;

fn cjk(text: &str, ctx: &Context, sample: &mut Option<bool>, out: &mut Vec<Finding>) {
    const DISTRICT: &[char] = &['区', '县', '市', '町', '村', '郡'];
    const STREET: &[&str] = &["路", "街", "道", "巷", "胡同", "弄"];
    if text.is_ascii() {
        return;
    }
    let mut marks: Vec<usize> = ["号", "〒", "丁", "栋", "幢", "-"]
        .iter()
        .flat_map(|m| memchr::memmem::find_iter(text.as_bytes(), m.as_bytes()))
        .collect();
    marks.sort_unstable();
    let mut done_until = 0;
    for i in marks {
        if i < done_until {
            continue;
        }
        let (start, end) = if text[i..].starts_with('〒') {
            // 〒ddd-dddd and the rest of the line.
            let b = text.as_bytes();
            let p = i + '〒'.len_utf8();
            let p = p + usize::from(b.get(p) == Some(&b' '));
            if digits_at(b, p) != 3 || b.get(p + 3) != Some(&b'-') || digits_at(b, p + 4) != 4 {
                continue;
            }
            let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            let end = text[i..line_end]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(p + 8, |(k, c)| i + k + c.len_utf8());
            (i, end)
        } else {
            // A number right before 号 or 丁目, a street (or, for 丁目, a district) before it;
            // or before a building's 栋 or 号楼 in a residential compound, a district before it
            // ("南山区南头街道荔湾雅苑 7 栋 1604 室"). Spaces may stand around the number
            // ("文三路 88 号").
            let is_chome = text[i..].starts_with("丁目");
            let is_building = text[i..].starts_with(['栋', '幢']) || text[i..].starts_with("号楼");
            // "博多区千代4-22-15": a Japanese block and house number without 丁目, right after
            // the neighbourhood's name.
            let is_block = text[i..].starts_with('-')
                && text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit)
                && text[..i]
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .chars()
                    .next_back()
                    .is_some_and(is_han);
            if (text[i..].starts_with('丁') && !is_chome)
                || (text[i..].starts_with('-') && !is_block)
            {
                continue;
            }
            let before = text[..i].trim_end_matches(' ');
            let i = before.len();
            let num_len = before.len()
                - before
                    .trim_end_matches(|c: char| {
                        c.is_ascii_digit() || ('一'..='十').contains(&c) || c == '〇'
                    })
                    .len();
            if num_len == 0 {
                continue;
            }
            let head = text.floor_char_boundary(i.saturating_sub(36));
            let near = &text[head..i - num_len];
            let ok = if is_chome || is_building || is_block {
                near.contains(DISTRICT)
            } else {
                STREET.iter().any(|s| near.contains(s)) && near.contains(DISTRICT)
            };
            if !ok {
                continue;
            }
            // The address opens at the first CJK character of the run before it, which may reach
            // back past the district's window ("广东省深圳市南山区南头街道荔湾雅苑 7 栋",
            // "福岡県福岡市博多区博多駅前3丁目").
            let wide = if is_building || is_chome || is_block {
                text.floor_char_boundary(i.saturating_sub(ADDRESS_RUN_BACK))
            } else {
                head
            };
            let run_start = text[wide..i - num_len]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_han(c) || c.is_ascii_digit() || c == ' ')
                .last()
                .map_or(i - num_len, |(k, _)| wide + k);
            let run_start =
                run_start + (text[run_start..].len() - text[run_start..].trim_start().len());
            let mut end = text[i..]
                .char_indices()
                .find(|&(_, c)| c != ' ')
                .map_or(i, |(k, _)| i + k)
                + if is_chome {
                    "丁目".len()
                } else if is_block {
                    0
                } else {
                    '号'.len_utf8()
                };
            // "3号楼1502室", "1-2-3": the rest of the unit.
            let tail: usize = text[end..]
                .char_indices()
                .take_while(|(_, c)| c.is_ascii_digit() || "号楼栋幢单元室层-－ ".contains(*c))
                .last()
                .map_or(0, |(k, c)| k + c.len_utf8());
            end += text[end..end + tail].trim_end().len();
            // "3丁目19-5 グランフォレスト博多 805号室": a building's name and room close a
            // Japanese address's line.
            if is_chome || is_block {
                let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                let rest = &text[end..line_end];
                if rest.len() <= JA_BUILDING_LINE && !rest.contains(['。', '、', '？', '！', '，'])
                {
                    end += rest.trim_end().len();
                }
            }
            (run_start, end)
        };
        // A form's filled-in sample: "○○市△△町1丁目2番3号", "测试省测试市测试路1号".
        let lead = &text[text.floor_char_boundary(start.saturating_sub(12))..end];
        if lead.contains(['○', '△', '□', '◯', '×', '＊'])
            || CJK_PLACEHOLDERS.iter().any(|p| lead.contains(p))
        {
            continue;
        }
        // Three bytes a character: the same few words reach further back.
        let from = text.floor_char_boundary(start.saturating_sub(2 * OWNER_BACK));
        let around = &text[from..text.floor_char_boundary((end + 30).min(text.len()))];
        done_until = end;
        push(
            out,
            start,
            end,
            owned(text, ctx, sample, around, start, end),
        );
    }
}
