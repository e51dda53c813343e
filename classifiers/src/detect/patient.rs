//! A patient's record pasted with its header: a lab report, a discharge summary, an imaging or a
//! screening report ("Paciente: MARTÍNEZ LORENTE, JOSÉ ANTONIO · NHC: 0482913 · Edad: 67 años",
//! "姓名：龚桂兰  性别：女  年龄：67岁", "受診者氏名：長谷川 恵子 様 / 生年月日：…", "Patient Name :
//! Mr. OMPRAKASH SRIVASTAVA  Age/Sex : 63 Y / M"). Such a header names its person, and the
//! record under it is their health, with or without a condition word. A patient label with a
//! name after it and a record field near it (age, sex, date of birth, a hospital number, a
//! reference range, lab units) make a finding of kind health on the name, so redaction removes
//! the name and keeps the values. A plain name label ("Name:", "姓名：") counts only next to a
//! clinical field: a form with a name and an age is not a health record. Templates ("Patient:
//! [name]", "姓名：______"), placeholder names and texts that say their data is made up are no
//! finding.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::context::{self, Context};
use super::salary::{is_devanagari, is_han};
use super::{Finding, FindingKind};

/// How far before a patient label, and after its name, a record field may stand, in bytes.
const FIELD_BEFORE: usize = 300;
const FIELD_AFTER: usize = 500;

// The labels themselves are keywords of the shared automaton (`context::PATIENT_LABEL`,
// `context::NAME_LABEL`): one pass over the text finds them with every other keyword.

/// Fields of a person's record: with a patient label, they make a record.
const RECORD_FIELDS: &[&str] = &[
    "age",
    "edad",
    "idade",
    "età",
    "alter",
    "âge",
    "leeftijd",
    "sex",
    "sexo",
    "sesso",
    "geschlecht",
    "sexe",
    "geslacht",
    "dob",
    "d.o.b",
    "date of birth",
    "fecha de nacimiento",
    "data de nascimento",
    "data di nascita",
    "geburtsdatum",
    "date de naissance",
    "geboortedatum",
    "性别",
    "年龄",
    "年齢",
    "性別",
    "生年月日",
    "उम्र",
    "आयु",
    "लिंग",
];

/// Fields only a clinical record has: with any name label, they make a record.
const CLINICAL_FIELDS: &[&str] = &[
    "nhc",
    "uhid",
    "mrn",
    "nhs number",
    "hospital number",
    "ward",
    "reference range",
    "ref. range",
    "ref range",
    "valores de referencia",
    "valor de referência",
    "valores de referência",
    "referenzbereich",
    "intervalle de référence",
    "valori di riferimento",
    "referentiewaarde",
    "mg/dl",
    "mmol/l",
    "g/dl",
    "µmol/l",
    "hba1c",
    "diagnosis",
    "diagnóstico",
    "diagnostic",
    "diagnose",
    "diagnosi",
    "referred by",
    "ref. by",
    "médico solicitante",
    "参考范围",
    "参考值",
    "基準値",
    "基準範囲",
    "床号",
    "门诊号",
    "住院号",
    "检查号",
    "科室",
    "送检",
    "标本",
    "检验",
    "化验",
    "报告单",
    "诊断",
    "診断",
    "検査",
    "निदान",
];

/// Courtesy titles skipped before the name.
const TITLES: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "dr.",
    "sr.",
    "sra.",
    "srta.",
    "sr",
    "sra",
    "m.",
    "mme",
    "herr",
    "frau",
    "sig.",
    "sig.ra",
    "dhr.",
    "mevr.",
    "श्री",
    "श्रीमती",
    "सुश्री",
];

/// Words a template puts where the name goes.
const BLANKS: &[&str] = &[
    "name",
    "nombre",
    "nome",
    "nom",
    "naam",
    "xxx",
    "xxxx",
    "n/a",
    "na",
    "tbd",
    "patient",
    "paciente",
    "surname",
    "apellidos",
    "cognome",
    "nachname",
    "vorname",
];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let labels = context::PATIENT_LABEL | context::NAME_LABEL;
    let mut found = Vec::new();
    for h in ctx.hits.iter().filter(|h| h.class & labels != 0) {
        let Some(after) = colon_after(text, h.end) else {
            continue;
        };
        let Some((s, e)) = name_after(text, after) else {
            continue;
        };
        let patient = h.class & context::PATIENT_LABEL != 0;
        if recorded(text, h.start, e, patient) {
            found.push((s, e));
        }
    }
    if found.is_empty() || super::table::says_sample(text) {
        return;
    }
    for (s, e) in found {
        out.push(Finding::new(
            FindingKind::Health,
            s,
            e,
            0.85,
            "patient_record",
        ));
    }
}

/// The end of the colon right after a label, spaces allowed before it ("Patient Name :").
fn colon_after(text: &str, label_end: usize) -> Option<usize> {
    let rest = &text[label_end..];
    let t = rest.trim_start_matches([' ', '\t']);
    let skipped = rest.len() - t.len();
    [":", "："]
        .iter()
        .find(|c| t.starts_with(**c))
        .map(|c| label_end + skipped + c.len())
}

/// Whether a record field stands near the label at `[s, …)` whose name ends at `e`: a clinical
/// field for any label, a record field for a patient label.
fn recorded(text: &str, s: usize, e: usize, patient: bool) -> bool {
    let Some((fields, clinical)) = field_automata() else {
        return false;
    };
    let from = text.ceil_char_boundary(s.saturating_sub(FIELD_BEFORE));
    let window = &text[from..text.floor_char_boundary(e + FIELD_AFTER)];
    if patient {
        fields.is_match(window)
    } else {
        clinical.is_match(window)
    }
}

fn field_automata() -> Option<&'static (AhoCorasick, AhoCorasick)> {
    static AUTOMATA: OnceLock<Option<(AhoCorasick, AhoCorasick)>> = OnceLock::new();
    AUTOMATA
        .get_or_init(|| {
            let build = |words: &[&str]| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(words)
                    .ok()
            };
            let all: Vec<&str> = RECORD_FIELDS
                .iter()
                .chain(CLINICAL_FIELDS)
                .copied()
                .collect();
            Some((build(&all)?, build(CLINICAL_FIELDS)?))
        })
        .as_ref()
}

/// The person's name right after a label's colon: two to six Latin words ("MARTÍNEZ LORENTE,
/// JOSÉ ANTONIO", "Marta Kowalczyk"), two to five Han characters ("龚桂兰", "長谷川 恵子"), or two
/// to four Devanagari words ("ओमप्रकाश मिश्रा"), after a courtesy title if there is one.
fn name_after(text: &str, after: usize) -> Option<(usize, usize)> {
    let mut s = after
        + (text[after..].len()
            - text[after..]
                .trim_start_matches([' ', '\t', '\u{3000}'])
                .len());
    // The title goes with the label, not the name.
    loop {
        let rest = &text[s..];
        let word_end = rest.find([' ', '\t', '\n']).unwrap_or(rest.len());
        let word = rest[..word_end].to_lowercase();
        if word_end == 0 || word_end == rest.len() || !TITLES.contains(&word.as_str()) {
            break;
        }
        s += word_end;
        s += text[s..].len() - text[s..].trim_start_matches([' ', '\t']).len();
    }
    let rest = &text[s..];
    let first = rest.chars().next()?;
    if is_han(first) {
        return han_name(rest).map(|n| (s, s + n));
    }
    if is_devanagari(first) {
        return words_name(rest, 2..=4, is_devanagari).map(|n| (s, s + n));
    }
    if first.is_alphabetic() {
        return words_name(rest, 2..=6, char::is_alphabetic).map(|n| (s, s + n));
    }
    None
}

/// Two to five Han characters, with at most one space among them: the name's length in bytes.
fn han_name(rest: &str) -> Option<usize> {
    let mut han = 0;
    let mut end = 0;
    let mut gap = false;
    for (i, c) in rest.char_indices() {
        if is_han(c) {
            han += 1;
            end = i + c.len_utf8();
        } else if matches!(c, ' ' | '\u{3000}') && !gap && han > 0 {
            gap = true;
        } else {
            break;
        }
    }
    (2..=5).contains(&han).then_some(end)
}

/// Words of letters (with `-`, `'` and `.` inside, a `,` after) up to the end of the field: a tab,
/// two spaces, `|`, `·`, `/` or the end of the line. Every word has two letters or more and none
/// is a template's blank.
fn words_name(
    rest: &str,
    count: std::ops::RangeInclusive<usize>,
    letter: impl Fn(char) -> bool,
) -> Option<usize> {
    let field_end = ["\n", "\t", "  ", "|", "·", "/", "(", "，", "　", ";"]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .unwrap_or(rest.len());
    let field = rest[..field_end].trim_end_matches([' ', ',', '.']);
    let words: Vec<&str> = field.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let named = count.contains(&words.len())
        && words.iter().all(|w| {
            let w = w.trim_end_matches('.');
            w.chars().filter(|&c| letter(c)).count() >= 2
                && w.chars()
                    .all(|c| letter(c) || matches!(c, '-' | '\'' | '.'))
                && !BLANKS.contains(&w.to_lowercase().as_str())
        })
        && !super::table::is_placeholder_name(field);
    named.then_some(field.len())
}
