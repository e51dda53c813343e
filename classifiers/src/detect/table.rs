//! Tables of people: a CSV, TSV or Markdown table whose header has a person's name column
//! ("name", "Mitarbeiter", "姓名") and a pay, diagnosis, birth-date or phone column ("monthly
//! salary", "Diagnose", "月薪(元)", "生年月日", "手机号"), or JSON records with such keys. Each
//! row's value in such a column is a finding of that kind, as RUBRIC counts a named private
//! person with their pay, health or date of birth, and a person's phone number. The header
//! stands far from the values, so the word-driven detectors never see them (a bare
//! "13816274093" or "0612345678" is a phone only by its column).
//!
//! Not findings: tables the text calls sample, dummy or made-up data, rows whose name is a
//! placeholder ("Max Mustermann", "张三"), and product or server tables (no name column, or no
//! such value column).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::{Finding, FindingKind};

/// Longest header line read, in bytes: a header is a short line.
const HEADER_MAX: usize = 600;
/// Longest header cell or record key read, in bytes.
const HEADER_CELL: usize = 48;

/// Header cells naming the person column, compared with the whole normalised cell.
const NAME_HEADERS: &[&str] = &[
    "name",
    "full name",
    "fullname",
    "first name",
    "last name",
    "surname",
    "employee",
    "employee name",
    "staff",
    "patient",
    "patient name",
    "tenant",
    "customer",
    "customer name",
    "student",
    "vorname",
    "nachname",
    "mitarbeiter",
    "mitarbeiterin",
    "mitarbeiter:in",
    "patientin",
    "mieter",
    "nom",
    "prénom",
    "prenom",
    "nom complet",
    "employé",
    "salarié",
    "nombre",
    "apellidos",
    "apellido",
    "nombre completo",
    "empleado",
    "empleada",
    "paciente",
    "nome",
    "cognome",
    "nome completo",
    "dipendente",
    "paziente",
    "sobrenome",
    "funcionário",
    "colaborador",
    "naam",
    "voornaam",
    "achternaam",
    "volledige naam",
    "medewerker",
    "werknemer",
    "patiënt",
    "姓名",
    "名字",
    "员工",
    "员工姓名",
    "患者",
    "患者姓名",
    "氏名",
    "名前",
    "社員名",
    "従業員名",
    "患者名",
    "नाम",
    "कर्मचारी",
    "कर्मचारी का नाम",
    "मरीज़",
    "मरीज",
];

/// Words in a header cell that make its column pay. Latin words are matched as whole words.
const PAY_HEADERS: &[&str] = &[
    "salary",
    "pay",
    "wage",
    "wages",
    "compensation",
    "bonus",
    "gehalt",
    "monatsgehalt",
    "jahresgehalt",
    "bruttogehalt",
    "lohn",
    "bruttolohn",
    "salaire",
    "rémunération",
    "salario",
    "sueldo",
    "nómina",
    "stipendio",
    "ral",
    "retribuzione",
    "salário",
    "remuneração",
    "salaris",
    "loon",
    "brutoloon",
    "maandsalaris",
    "月薪",
    "年薪",
    "工资",
    "薪资",
    "薪水",
    "月給",
    "年収",
    "給与",
    "基本給",
    "वेतन",
    "सैलरी",
    "तनख्वाह",
    "gross",
    "net",
    "brutto",
    "netto",
    "brut",
    "bruto",
    "lordo",
    "ctc",
    "vencimento",
    "vencimentos",
];

/// Words in a header cell that make its column a diagnosis or condition.
const HEALTH_HEADERS: &[&str] = &[
    "diagnosis",
    "diagnoses",
    "medical condition",
    "illness",
    "disease",
    "diagnose",
    "krankheit",
    "erkrankung",
    "diagnostic",
    "maladie",
    "pathologie",
    "diagnóstico",
    "enfermedad",
    "patología",
    "diagnosi",
    "malattia",
    "patologia",
    "doença",
    "ziekte",
    "aandoening",
    "诊断",
    "病情",
    "疾病",
    "病名",
    "診断",
    "診断名",
    "निदान",
    "बीमारी",
];

/// Header cells of a date-of-birth column, compared with the whole normalised cell.
const BIRTH_HEADERS: &[&str] = &[
    "date of birth",
    "dob",
    "birth date",
    "birthdate",
    "birthday",
    "geburtsdatum",
    "geburtstag",
    "date de naissance",
    "fecha de nacimiento",
    "data di nascita",
    "data de nascimento",
    "geboortedatum",
    "出生日期",
    "生日",
    "生年月日",
    "誕生日",
    "जन्म तिथि",
    "जन्मतिथि",
    "geb",
    "geboren",
    "naissance",
    "nacimiento",
    "nascita",
    "nascimento",
];

/// Header words of a phone column, whole words in Latin script, anywhere in a cell otherwise.
const PHONE_HEADERS: &[&str] = &[
    "phone",
    "mobile",
    "cell",
    "tel",
    "telephone",
    "telefon",
    "handy",
    "mobil",
    "téléphone",
    "portable",
    "teléfono",
    "móvil",
    "movil",
    "celular",
    "telefone",
    "telemóvel",
    "telefono",
    "cellulare",
    "telefoon",
    "telefoonnummer",
    "mobiel",
    "手机",
    "电话",
    "電話",
    "携帯",
    "फ़ोन",
    "फोन",
    "मोबाइल",
];

/// Words that say data is invented, not merely an example or a sample: "sample" and "example"
/// are also a blood sample and "for example" in real records.
const MADE_UP_WORDS: &[&str] = &[
    "made up",
    "made-up",
    "fictional",
    "fictitious",
    "fake",
    "dummy",
    "test data",
    "fiktiv",
    "ausgedacht",
    "erfunden",
    "testdaten",
    "fictif",
    "fictive",
    "inventées",
    "inventés",
    "données de test",
    "ficticio",
    "ficticia",
    "inventado",
    "inventados",
    "datos de prueba",
    "fittizi",
    "fittizio",
    "inventati",
    "inventate",
    "fictício",
    "fictícios",
    "verzonnen",
    "testdata",
    "虚构",
    "假数据",
    // Not "假的" alone: "请假的" (asking for leave) holds it.
    "是假的",
    "假名字",
    "不是真人",
    "测试数据",
    "ダミー",
    "架空",
    "テストデータ",
    // A form's worked example under its heading ("【記入例】\n氏名　市役所 太郎"); not
    // "記入例っぽく", asking for one.
    "【記入例】",
    "डमी",
    "काल्पनिक",
    "नकली",
];

/// Words by which a text calls its data examples or samples ("Beispieldaten", "示例").
const EXAMPLE_WORDS: &[&str] = &[
    "sample",
    "example",
    "mock",
    "beispiel",
    "exemple",
    "ejemplo",
    "esempio",
    "exemplo",
    "voorbeeld",
    "示例",
    "样例",
    "サンプル",
    "नमूना",
];

/// Names that documentation and forms use for nobody in particular.
const PLACEHOLDER_NAMES: &[&str] = &[
    "john doe",
    "jane doe",
    "john smith",
    "max mustermann",
    "erika mustermann",
    "jean dupont",
    "mario rossi",
    "juan pérez",
    "fulano",
    "fulano de tal",
    "jan jansen",
    "张三",
    "李四",
    "王五",
    "山田太郎",
    "山田花子",
    "test",
    "n/a",
    "-",
    "xxx",
];

#[derive(Clone, Copy)]
enum Column {
    Pay,
    Health,
    Birth,
    Phone,
}

impl Column {
    fn kind(self) -> FindingKind {
        match self {
            Column::Pay => FindingKind::Salary,
            Column::Health => FindingKind::Health,
            Column::Birth => FindingKind::DateOfBirth,
            Column::Phone => FindingKind::Phone,
        }
    }

    /// Whether a row's cell holds a value of this column rather than a blank or a dash.
    fn holds(self, cell: &str) -> bool {
        match self {
            Column::Pay => cell.bytes().filter(u8::is_ascii_digit).count() >= 3,
            Column::Birth => cell.bytes().filter(u8::is_ascii_digit).count() >= 4,
            // A number as phones are written: 7 to 15 digits, with the usual marks.
            Column::Phone => {
                let digits: Vec<u8> = cell
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .map(|c| c - b'0')
                    .collect();
                (7..=15).contains(&digits.len())
                    && !placeholder_phone(&digits)
                    && cell
                        .bytes()
                        .all(|c| c.is_ascii_digit() || b" +-()./".contains(&c))
            }
            Column::Health => {
                cell.chars().any(char::is_alphabetic)
                    && !matches!(
                        cell.to_lowercase().as_str(),
                        "none"
                            | "n/a"
                            | "keine"
                            | "aucune"
                            | "ninguna"
                            | "nessuna"
                            | "nenhuma"
                            | "geen"
                            | "无"
                            | "なし"
                            | "कोई नहीं"
                    )
            }
        }
    }
}

/// A number the phone detector calls made up ([`super::numeric::made_up_number`]), or one in
/// the ranges its per-country readers keep for fiction and textbooks, which a bare column value
/// never reaches: the US 555-0100 to 555-0199 and China's 138 0013 800x. Short numbers of three
/// digits or fewer count too: in a column, nothing else vouches for them.
fn placeholder_phone(digits: &[u8]) -> bool {
    let mut seen = [false; 10];
    digits.iter().for_each(|&d| seen[usize::from(d)] = true);
    super::numeric::made_up_number(digits)
        || digits[digits.len() - 7..].starts_with(&[5, 5, 5, 0, 1])
        || digits.starts_with(&[1, 3, 8, 0, 0, 1, 3, 8, 0, 0])
        || seen.iter().filter(|&&s| s).count() <= 3
}

pub(super) fn scan(text: &str, out: &mut Vec<Finding>) {
    let mut sample: Option<bool> = None;
    records(text, &mut sample, out);
    // A table has a header line and at least one row under it.
    if !text.contains('\n') {
        return;
    }
    let mut lines = Lines { text, at: 0 };
    while let Some((_, line)) = lines.next() {
        if line.len() > HEADER_MAX {
            continue;
        }
        let Some(delim) = delimiter(line) else {
            continue;
        };
        let header = cells(line, delim);
        // A header is a row of short labels: a sentence with commas is none.
        if header.len() < 2 || header.iter().any(|&(s, e)| e - s > HEADER_CELL) {
            continue;
        }
        let Some(name_col) = header.iter().position(|&(s, e)| is_name_label(&line[s..e])) else {
            continue;
        };
        let labels: Vec<String> = header
            .iter()
            .map(|&(s, e)| normalise(&line[s..e]))
            .collect();
        let value_cols: Vec<(usize, Column)> = labels
            .iter()
            .enumerate()
            .filter(|&(c, _)| c != name_col)
            .filter_map(|(c, l)| Some((c, column(l)?)))
            .collect();
        if value_cols.is_empty() {
            continue;
        }
        if *sample.get_or_insert_with(|| says_sample(text)) {
            return;
        }
        // The rows: every following line with as many cells, up to the first that has not
        // (which may open the next table).
        let mut rows = Lines { text, at: lines.at };
        while let Some((row_start, row)) = rows.next() {
            if is_rule(row) {
                lines.at = rows.at;
                continue;
            }
            let row_cells = cells(row, delim);
            if row_cells.len() != header.len() {
                break;
            }
            lines.at = rows.at;
            let (ns, ne) = row_cells[name_col];
            if !is_name(&row[ns..ne]) {
                continue;
            }
            for &(c, col) in &value_cols {
                let (s, e) = row_cells[c];
                if col.holds(&row[s..e]) {
                    out.push(Finding::new(
                        col.kind(),
                        row_start + s,
                        row_start + e,
                        0.85,
                        "table",
                    ));
                }
            }
        }
    }
}

/// JSON records of people: an object with a name key ("name", "nachname", "氏名") holding a name
/// and a pay, diagnosis or birth-date key ("annual_salary", "brutto", "diagnosis", "dob").
/// Objects are read innermost, on one line or several.
fn records(text: &str, sample: &mut Option<bool>, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'{', &b[from..]) {
        let open = from + k;
        // The innermost object: up to the first '}' with no '{' before it.
        let Some(len) = b[open + 1..].iter().position(|&c| c == b'{' || c == b'}') else {
            return;
        };
        let close = open + 1 + len;
        from = close;
        if b[close] != b'}' {
            continue;
        }
        let pairs = key_values(text, open + 1, close);
        let named = pairs
            .iter()
            .any(|&(key, (s, e))| is_name_label(key) && is_name(&text[s..e]));
        if !named {
            continue;
        }
        let found: Vec<Finding> = pairs
            .iter()
            .filter(|&&(key, _)| key.len() <= HEADER_CELL)
            .filter_map(|&(key, (s, e))| {
                let col = column(&normalise(key))?;
                col.holds(&text[s..e])
                    .then(|| Finding::new(col.kind(), s, e, 0.85, "record"))
            })
            .collect();
        if !found.is_empty() {
            if *sample.get_or_insert_with(|| says_sample(text)) {
                return;
            }
            out.extend(found);
        }
    }
}

/// The `"key": value` pairs of an object's body `text[from..to]`: each key and the span of its
/// value, without quotes. Values that are objects or arrays are skipped.
fn key_values(text: &str, from: usize, to: usize) -> Vec<(&str, (usize, usize))> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let Some(k) = memchr::memchr(b'"', &b[i..to]) else {
            break;
        };
        let key_start = i + k + 1;
        let Some(key_len) = memchr::memchr(b'"', &b[key_start..to]) else {
            break;
        };
        let key_end = key_start + key_len;
        let mut j = key_end + 1;
        while j < to && b[j] == b' ' {
            j += 1;
        }
        if j >= to || b[j] != b':' {
            i = key_end + 1;
            continue;
        }
        j += 1;
        while j < to && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
            j += 1;
        }
        let (vs, ve, next) = if j < to && b[j] == b'"' {
            let vs = j + 1;
            let mut ve = vs;
            while ve < to && !(b[ve] == b'"' && b[ve - 1] != b'\\') {
                ve += 1;
            }
            (vs, ve.min(to), ve + 1)
        } else {
            let ve = b[j..to]
                .iter()
                .position(|&c| matches!(c, b',' | b'\n' | b'\r' | b']'))
                .map_or(to, |p| j + p);
            let trimmed = text[j..ve].trim_end().len();
            (j, j + trimmed, ve)
        };
        if text.is_char_boundary(key_start) && text.is_char_boundary(key_end) && vs < ve {
            out.push((&text[key_start..key_end], (vs, ve)));
        }
        i = next;
    }
    out
}

/// The text's lines with their byte offsets, without the line break.
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |k| start + k);
        self.at = end + 1;
        Some((start, self.text[start..end].trim_end_matches('\r')))
    }
}

/// The delimiter of a table line: `|` for Markdown, else the most frequent of tab, `;` and `,`.
fn delimiter(line: &str) -> Option<u8> {
    let b = line.as_bytes();
    let count = |d: u8| memchr::memchr_iter(d, b).count();
    if line.trim_start().starts_with('|') && count(b'|') >= 3 {
        return Some(b'|');
    }
    [b'\t', b';', b',']
        .into_iter()
        .map(|d| (count(d), d))
        .filter(|&(n, _)| n >= 1)
        .max_by_key(|&(n, _)| n)
        .map(|(_, d)| d)
}

/// Byte spans of a line's cells, trimmed of spaces and quotes; a `"…"` cell may hold the
/// delimiter. Markdown's outer pipes open and close no cell.
fn cells(line: &str, delim: u8) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'"' {
            quoted = !quoted;
        } else if c == delim && !quoted {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, b.len()));
    if delim == b'|' {
        if out
            .first()
            .is_some_and(|&(s, e)| line[s..e].trim().is_empty())
        {
            out.remove(0);
        }
        if out
            .last()
            .is_some_and(|&(s, e)| line[s..e].trim().is_empty())
        {
            out.pop();
        }
    }
    out.into_iter()
        .map(|(s, e)| {
            let cell = &line[s..e];
            let lead = cell.len() - cell.trim_start_matches([' ', '\t', '"', '*', '`']).len();
            let trimmed = cell.trim_end_matches([' ', '\t', '"', '*', '`']);
            (s + lead, (s + trimmed.len()).max(s + lead))
        })
        .collect()
}

/// A header cell as its label reads: in lower case, without a unit or note in brackets ("月薪(元)",
/// "Salary (EUR)") and with `_` and `-` read as spaces ("full_name", "date-of-birth").
fn label_chars(cell: &str) -> impl Iterator<Item = char> + '_ {
    let cut = cell.find(['(', '（', '[']).unwrap_or(cell.len());
    cell[..cut]
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
}

fn normalise(cell: &str) -> String {
    label_chars(cell).collect()
}

/// Whether a header cell or key names the person column, compared as [`label_chars`] reads it
/// without building the string: most cells are not labels at all.
fn is_name_label(cell: &str) -> bool {
    if cell.len() > HEADER_CELL {
        return false;
    }
    let Some(first) = label_chars(cell).next() else {
        return false;
    };
    // The first byte sorts out nearly every label, and comparing one byte calls nothing.
    let lead = first.encode_utf8(&mut [0; 4]).as_bytes()[0];
    NAME_HEADERS.iter().any(|label| {
        if label.as_bytes().first() != Some(&lead) {
            return false;
        }
        let mut got = label_chars(cell);
        label.chars().all(|want| got.next() == Some(want)) && got.next().is_none()
    })
}

/// The kind of value column a normalised header cell names.
fn column(cell: &str) -> Option<Column> {
    if BIRTH_HEADERS.contains(&cell) {
        return Some(Column::Birth);
    }
    let has = |words: &[&str]| {
        words.iter().any(|w| {
            if w.is_ascii() {
                cell.split(|c: char| !c.is_alphanumeric())
                    .any(|part| part == *w)
            } else {
                cell.contains(w)
            }
        })
    };
    if has(PAY_HEADERS) {
        Some(Column::Pay)
    } else if has(HEALTH_HEADERS) {
        Some(Column::Health)
    } else if has(PHONE_HEADERS) {
        Some(Column::Phone)
    } else {
        None
    }
}

/// A Markdown table's rule line: `|---|:--:|`.
fn is_rule(line: &str) -> bool {
    line.contains('-')
        && line
            .bytes()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t' | b'+' | b'='))
}

/// Whether a row's name cell holds a person's name: letters, no digits, a capital first letter
/// unless the script has none ("Lena Vogt", "河野 雅史", not "api-gateway"), not a placeholder.
fn is_name(cell: &str) -> bool {
    let first = cell.chars().find(|c| c.is_alphabetic());
    first.is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
        && cell.chars().count() <= 60
        && !cell.chars().any(|c| c.is_ascii_digit())
        && !is_placeholder_name(cell)
}

/// "John Doe", "Max Mustermann", "张三": a name that stands for anybody.
pub(super) fn is_placeholder_name(name: &str) -> bool {
    PLACEHOLDER_NAMES.contains(&name.to_lowercase().as_str())
}

/// Whether `text` holds one of `words`, ignoring ASCII case; `automaton` caches their matcher.
/// Bytes will do: an ID reader may hold the text upper-cased (ASCII only, offsets unchanged).
fn says_any(text: &[u8], words: &[&str], automaton: &OnceLock<Option<AhoCorasick>>) -> bool {
    match automaton.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .ok()
    }) {
        Some(ac) => ac.is_match(text),
        None => words
            .iter()
            .any(|w| super::text::contains_ci(text, w.as_bytes())),
    }
}

/// Whether the text says its data is invented ([`MADE_UP_WORDS`]).
pub(super) fn says_made_up(text: impl AsRef<[u8]>) -> bool {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    says_any(text.as_ref(), MADE_UP_WORDS, &AUTOMATON)
}

/// Whether the text calls its data invented, an example or a sample.
pub(super) fn says_sample(text: impl AsRef<[u8]>) -> bool {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let text = text.as_ref();
    says_made_up(text) || says_any(text, EXAMPLE_WORDS, &AUTOMATON)
}
