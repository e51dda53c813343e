//! Salaries of named people: a money amount next to a pay word ("earns", "Gehalt", "年薪",
//! "सैलरी") in a sentence that also names somebody ("Laura Wagner", "佐藤さん", "财务部的李强",
//! "राहुल शर्मा की"). A salary with nobody named ("the average salary in Berlin is €58,000",
//! "年薪 30 万元税后大概是多少？") is not a finding, and neither is a pay word with no amount
//! ("How do I read a payslip?"). The span is the amount, so redaction keeps the sentence and
//! drops the figure.

use super::context::{self, Context};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::text::WordList;
use super::{Finding, FindingKind};

/// How far an amount may follow its pay word ("年収は現在3142万円", "earns $85,000", "Der
/// Jahresbonus von Laura Wagner beträgt 45.000 €"), in characters.
const AFTER_WORD: usize = 48;
/// How far an amount may precede its pay word ("€115.000 lordi l'anno"), in characters.
const BEFORE_WORD: usize = 20;

/// How close an amount with no currency must follow its pay word to count as pay ("RAL
/// 34.000", "cobra 2.150 netos"), in characters: only a figure grouped in thousands qualifies.
const BARE_AFTER_WORD: usize = 3;

/// How far back the sentence holding the pay word is searched for a name, in characters.
const SENTENCE_BACK: usize = 120;

/// Currency signs and codes written before an amount ("S/" is the Peruvian sol).
const CURRENCY_BEFORE: &[&str] = &[
    "R$", "US$", "MX$", "S/.", "S/", "$", "€", "£", "¥", "₹", "₩", "CHF", "USD", "EUR", "GBP",
    "INR", "JPY", "CNY", "RMB", "MXN", "COP", "CLP", "ARS", "PEN", "Rs.", "Rs",
];

/// Currency signs, codes and units written after an amount. "k" and "lakh" count: nobody
/// writes a year or a percentage with them.
const CURRENCY_AFTER: &[&str] = &[
    "万円",
    "円",
    "千元",
    "万元",
    "元",
    "万",
    "千",
    "€",
    "$",
    "£",
    "CHF",
    "USD",
    "EUR",
    "GBP",
    "INR",
    "euros",
    "euro",
    "dollars",
    "pounds",
    "rupees",
    "pesos",
    "soles",
    "reais",
    "लाख",
    "करोड़",
    "lakh",
    "crore",
    "LPA",
    "k",
    "K",
];

/// Institutions and streets named after people: the name that follows is theirs, not a
/// person's ("Hospital Albert Einstein", "Policlinico Gemelli", "Rua Augusto Severo"). A macro,
/// so that [`NOT_NAMES`] holds them too and a name reader asks one set per word.
macro_rules! namesake_words {
    () => {
        "hospital hôpital ospedale policlinico klinikum klinik clinic clinica clínica clinique \
        ziekenhuis kliniek university universität università universidad université universiteit \
        universidade institute instituto istituto institut stiftung fondazione fundação fundación \
        fondation stichting school schule école escuela escola scuola liceo lycée gymnasium college \
        colégio colegio collège viale rua avenida calle avenue rue straße strasse"
    };
}
static NAMESAKES: WordList = WordList::new(namesake_words!());

/// Capitalised words that pair up without being a name: articles and possessives at the start
/// of a sentence, job titles, and place names made of two words.
static NOT_NAMES: WordList = WordList::new(concat!(
    namesake_words!(),
    " the a an my our your his her their this that these those der die das \
    ein eine mein meine unser unsere le la les un une mon ma notre el los las mi nuestro nuestra \
    il lo gli uno una mio mia o os as um uma meu minha nosso nossa de het een mijn ons onze \
    senior junior lead head chief data software sales engineer engineering manager director \
    product project program account marketing executive analyst designer developer consultant \
    nurse teacher officer specialist associate assistant vice president staff principal \
    architect scientist intern domestic national federal state public \
    team department company new san santa los las saint st united north south east west hong \
    silicon valley bay area city county per average median mean typical annual gross net base \
    salary payslip hello hi hey dear hola salve ciao hoi hallo bonjour olá oi what how why when \
    where who which write escribe scrivi schrijf schreib écris escreva frage betreff thema ist \
    hat wird kann soll muss war sind letzten letzte letztes nächsten nächste vorigen \
    papa pope sir madam madame hiring recruiter colleagues customer customers friends everyone all \
    applicant candidate members parents kollegen kolleginnen damen herren \
    winter sommer herbst frühling \
    tag tage tagen woche wochen monat monate monaten jahr jahre jahren stunde stunden minuten \
    act acts gesetz loi ley legge lei wet \
    january february march april may june july august september october \
    november december monday tuesday wednesday thursday friday saturday sunday",
));

/// Kin and role words that name whoever follows them by first name: "mi cuñado Raúl", "my
/// colleague Priya", "unser Nachbar Herbert", "la collega Giulia".
static ROLE_WORDS: WordList = WordList::new(
    "colleague coworker co-worker boss brother sister cousin uncle aunt \
    neighbour neighbor friend flatmate roommate tenant landlord son daughter husband wife nephew \
    niece brother-in-law sister-in-law mum mom dad employee patient client \
    kollege kollegin chef chefin bruder schwester onkel tante nachbar nachbarin freund freundin \
    mitbewohner mitbewohnerin mieter mieterin vermieter sohn tochter neffe nichte schwager \
    schwägerin mitarbeiter mitarbeiterin patientin arbeitnehmer arbeitnehmerin \
    collègue patron patronne frère sœur soeur cousine oncle voisin voisine ami amie colocataire \
    locataire fils fille mari neveu nièce beau-frère belle-sœur employé employée patiente \
    salarié salariée collaborateur collaboratrice \
    compañero compañera colega jefe jefa hermano hermana primo prima tío tía vecino vecina amigo \
    amiga inquilino inquilina hijo hija marido esposa sobrino sobrina cuñado cuñada empleado \
    empleada paciente trabajador trabajadora \
    collega capo fratello sorella cugino cugina zio zia vicino vicina amico amica coinquilino \
    coinquilina figlio figlia moglie nipote cognato cognata dipendente lavoratore lavoratrice \
    chefe irmão irmã tio tia vizinho vizinha filho filha sobrinho sobrinha cunhado cunhada \
    funcionário funcionária colaborador colaboradora empregado empregada \
    baas broer zus neef nicht oom buurman buurvrouw vriend vriendin huisgenoot huurder \
    verhuurder zoon dochter zwager schoonzus werknemer patiënt medewerker medewerkster",
);

/// Particles inside family names ("Lo Presti", "van Dijk", "von Arnim") that place and
/// institution names seldom have: "de", "di", "da" and "del" join "Banco de España" and "Comune
/// di Milano" as often as names.
const PARTICLES: &str = "lo li van von ten ter";

/// Particles that also join place and institution names ("Banco de España"), so [`PARTICLES`]
/// leaves them out; after a title and initials they are a name's: "Mw. G. de Boer-Smit".
const PLACE_PARTICLES: &str = "de der den di da del la le dos das du";

/// Courtesy titles that name whoever follows them.
static TITLES: WordList = WordList::new(
    "mr mr. mrs mrs. ms ms. dr dr. herr frau m. mme mme. sr. sra. sig. sig.ra \
    dhr. mevr. sr sra dhr mevr mw. mw lic. sra. srta. mag. fam. familie famille",
);

/// Chinese surnames, the most common hundred or so.
/// Surnames that also start everyday words (高级, 工程师, 金额, 万元, 方面) are left out.
pub(super) const ZH_SURNAMES: &str = "王李张刘陈杨黄赵周吴徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡\
    余杜叶苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾韦邹孟熊秦邱尹薛闫侯陶贺顾郝龚邵覃戴莫";

/// What may stand right before a Chinese name: "财务部的李强", "部门经理王强", "给李强".
const ZH_BEFORE_NAME: &str = "的是给和与跟把让对为部门组理长员";

/// Characters that are not part of a given name: "每周的工资" is not somebody called 周的,
/// "同事周末" not one called 周末, "候选人姓名" not one called 姓名.
const ZH_NOT_GIVEN: &str = "的是在了和与年月日周天个工资薪奖金元万千百十每末们都也就说会要名";

/// Kin and role words a Chinese name follows directly: "孩子同桌李子轩", "同事张伟", "邻居王阿姨".
const ZH_ROLE_WORDS: &[&str] = &[
    "同事",
    "同桌",
    "同学",
    "邻居",
    "室友",
    "朋友",
    "老板",
    "上司",
    "领导",
    "主管",
    "下属",
    "客户",
    "员工",
    "老师",
    "学生",
    "病人",
    "患者",
    "租客",
    "房东",
    "表哥",
    "表姐",
    "表弟",
    "表妹",
    "堂哥",
    "堂姐",
    "舅舅",
    "姑姑",
    "阿姨",
    "叔叔",
    "老公",
    "老婆",
    "男友",
    "女友",
    "男朋友",
    "女朋友",
    "对象",
    "闺蜜",
    "师傅",
    "同期",
    "前任",
    "亲戚",
    "保安",
    "保姆",
    "司机",
    "护工",
    "我爸",
    "我妈",
    "爸爸",
    "妈妈",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "儿子",
    "女儿",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "丈夫",
    "妻子",
    "前夫",
    "前妻",
    "姐夫",
    "嫂子",
    "小舅子",
    "大舅子",
    "小姨子",
    "妹夫",
    "弟媳",
    "公公",
    "婆婆",
    "岳父",
    "岳母",
    "候选人",
    "出纳",
    "会计",
    "前台",
    "秘书",
    "助理",
    "店员",
    "实习生",
    "新人",
    "护士",
    "厨师",
    "保洁",
    "应聘者",
    "组员",
    "队友",
    "学员",
    "租户",
    "业主",
    "会员",
];

/// Words that make a salary a statistic or a law: "the average salary of a nurse is €38,000",
/// "o decreto que fixa o salário mínimo de 2025 em R$ 1.518".
const AVERAGE: &[&str] = &[
    "minimum wage",
    "mindestlohn",
    "smic",
    "salaire minimum",
    "salario mínimo",
    "salario minimo",
    "salário mínimo",
    "minimumloon",
    "最低工资",
    "最低賃金",
    "न्यूनतम वेतन",
    "average",
    "median",
    "typical",
    "durchschnitt",
    "üblich",
    "moyen",
    "habituel",
    "medio",
    "media",
    "habitual",
    "tipico",
    "tipica",
    "médio",
    "gemiddeld",
    "gebruikelijk",
    "平均",
    "औसत",
];

/// What may follow a Chinese name before its pay word: "李强目前年薪", "王强的月薪", "黄强今年的年终奖".
const ZH_AFTER_NAME: &[&str] = &[
    "的",
    "目前",
    "现在",
    "今年",
    "去年",
    "本月",
    "每月",
    "每年",
    "年薪",
    "月薪",
    "工资",
    "薪水",
    "薪资",
    "年终奖",
    "奖金",
    // "我们组的周婷刚查出来乳腺癌": what a sentence about somebody's health or record says next.
    "刚",
    "最近",
    "被",
    "因为",
    "确诊",
    "查出",
    "已经",
    "上周",
    "昨天",
    "前几天",
    "近期",
    "近日",
    "上个月",
    "这个月",
    "下个月",
    "上月",
    "这月",
    "今天",
    "得了",
    "患有",
    "住院",
    "，",
    "、",
    ",",
    " ",
    "\u{3000}",
    "\n",
];

/// Japanese honorifics after a name: "佐藤さんの年収".
const JA_HONORIFICS: &[&str] = &["さん", "様", "氏", "くん", "ちゃん"];

/// Hindi postpositions after a name: "राहुल शर्मा की सैलरी", "… का सालाना बोनस".
const HI_POSSESSIVE: &[&str] = &[" की ", " का ", " के "];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let mut done_until = 0;
    let mut lookback = super::facts::Lookback::default();
    for h in ctx.hits.iter().filter(|h| h.class & context::SALARY != 0) {
        if h.start < done_until {
            continue;
        }
        let next_only = h.class & context::SALARY_NEXT != 0;
        let within = if next_only { 2 } else { AFTER_WORD };
        let Some((s, e)) = amount_after(text, h.end, within)
            .or_else(|| amount_before(text, h.start))
            .or_else(|| bare_cjk_amount(text, h.start, h.end))
            .or_else(|| {
                if next_only {
                    figure_before(text, h.start)
                } else {
                    None
                }
            })
        else {
            continue;
        };
        let from = sentence_start(text, h.start.min(s));
        let sentence = &text[from..e];
        if AVERAGE
            .iter()
            .any(|w| super::text::contains_ci(sentence.as_bytes(), w.as_bytes()))
        {
            continue;
        }
        // A payslip or an offer under its person's name: "Name: Jana Wolff … Gehalt 4.850,00".
        let confidence = if names_a_person(&text[from..h.start.max(s)]) {
            0.85
        } else if lookback.names_someone(text, from) {
            0.8
        } else {
            continue;
        };
        done_until = e;
        out.push(Finding::new(
            FindingKind::Salary,
            s,
            e,
            confidence,
            "salary",
        ));
    }
}

/// Ends a sentence: a '.' only before a space or the end ("45.000 €" goes on) and not after a
/// courtesy title or an initial ("Ms. Okafor", "J. Smith").
pub(super) fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '\n' | '?' | '!' | ';' | '。' | '？' | '！' | '；' | '।' => true,
        // "Personalnr. 10448", "ca. drei Wochen": a '.' before a digit or a lower-case word
        // closes an abbreviation, not a sentence.
        '.' if text[i + 1..].chars().next().is_none_or(char::is_whitespace)
            && !text[i + 1..]
                .trim_start_matches([' ', '\u{a0}'])
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c.is_lowercase()) =>
        {
            let word_start = text[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic())
                .last()
                .map_or(i, |(j, _)| j);
            text[word_start..i].chars().count() != 1
                && !TITLES.contains_lower(&text[word_start..=i])
        }
        _ => false,
    }
}

/// The first money amount starting within `within` characters of `from`, in the same sentence.
fn amount_after(text: &str, from: usize, within: usize) -> Option<(usize, usize)> {
    for (k, (i, c)) in text[from..].char_indices().enumerate() {
        if k >= within || ends_sentence(text, from + i, c) {
            break;
        }
        let i = from + i;
        let starts_number = c.is_ascii_digit() && !prev_char(text, i).is_some_and(is_word_char);
        let starts_currency = CURRENCY_BEFORE.iter().any(|p| text[i..].starts_with(p))
            && !prev_char(text, i).is_some_and(|p| p.is_ascii_alphabetic());
        if (starts_number || starts_currency)
            && let Some(e) = amount(text, i).or_else(|| {
                if k < BARE_AFTER_WORD && starts_number {
                    grouped(text, i)
                } else {
                    None
                }
            })
        {
            return Some((i, e));
        }
    }
    None
}

/// An amount that ends right before the pay word (spaces between): "€115.000 lordi".
fn amount_before(text: &str, word: usize) -> Option<(usize, usize)> {
    let from = text[..word]
        .char_indices()
        .rev()
        .nth(BEFORE_WORD - 1)
        .map_or(0, |(i, _)| i);
    let mut i = from;
    while i < word {
        if let Some(e) = amount(text, i)
            && e <= word
            && text[e..word].trim().is_empty()
            && !prev_char(text, i).is_some_and(is_word_char)
        {
            return Some((i, e));
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A figure with no currency right before "gross" or "net" ("4.200 brutto", "2480 net", "1.980
/// limpos"): grouped in thousands, or four to seven bare digits that are not a year.
fn figure_before(text: &str, word: usize) -> Option<(usize, usize)> {
    let e = text[..word].trim_end_matches([' ', '\u{a0}']).len();
    if word - e > 1 || e == 0 {
        return None;
    }
    let b = text.as_bytes();
    let mut s = e;
    while s > 0 {
        let c = b[s - 1];
        // "41 000 brut": a space joins a thousands group to the digits before it.
        let space_group = c == b' '
            && s >= 2
            && b[s - 2].is_ascii_digit()
            && b[s..e].iter().take_while(|c| c.is_ascii_digit()).count() == 3;
        if !(c.is_ascii_digit() || matches!(c, b'.' | b',' | b'\'') || space_group) {
            break;
        }
        s -= 1;
    }
    while s < e && !b[s].is_ascii_digit() {
        s += 1;
    }
    if s == e || prev_char(text, s).is_some_and(is_word_char) {
        return None;
    }
    let digits = b[s..e].iter().filter(|c| c.is_ascii_digit()).count();
    let year = digits == 4 && (b"19" == &b[s..s + 2] || b"20" == &b[s..s + 2]);
    let bare = digits == e - s && (4..=7).contains(&digits) && !year;
    (bare || grouped(text, s) == Some(e)).then_some((s, e))
}

/// Chinese and Japanese write monthly and yearly pay as a bare number right after the pay word
/// ("刘洋月薪18500", "月給：280000"): four to seven digits, a copula or colon at most between,
/// and no date, age or count after ("年薪2023年", "月薪3000人").
fn bare_cjk_amount(text: &str, word: usize, word_end: usize) -> Option<(usize, usize)> {
    if text[word..word_end].is_ascii() {
        return None;
    }
    let rest = &text[word_end..];
    let lead: usize = rest
        .chars()
        .take(3)
        .take_while(|c| BARE_LEAD.contains(*c))
        .map(char::len_utf8)
        .sum();
    let s = word_end + lead;
    let b = text.as_bytes();
    let mut p = s;
    let mut digits = 0;
    while p < b.len() {
        if b[p].is_ascii_digit() {
            digits += 1;
            p += 1;
        } else if digits > 0 && b[p] == b',' && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
            p += 1;
        } else {
            break;
        }
    }
    let next = text[p..].chars().next();
    ((4..=7).contains(&digits)
        && !next.is_some_and(|c| c.is_ascii_alphanumeric() || BARE_NOT_AFTER.contains(c)))
    .then_some((s, p))
}

/// What may stand between a CJK pay word and its bare amount: "月薪是18500", "月給：280000",
/// "月薪原来18500", "月薪目前是18500".
const BARE_LEAD: &str = "是为為约約大概：: は原来本现在目前";

/// What makes a bare number after a pay word something other than pay: a year, a date, an age, a
/// count, a percentage, a range.
const BARE_NOT_AFTER: &str = "年月日号號人名歳岁个個%％-/.~～";

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// A letter or digit of a Latin-script word: an amount does not start inside "A123" or "x2",
/// but does right after "年薪" or "सैलरी".
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (c.is_alphabetic() && (c as u32) < 0x0250)
}

/// The end of a money amount starting at `i`: an optional currency before, digits in groups
/// ("85,000", "45.000", "1 200", "3142"), and a currency or unit after unless one came before.
fn amount(text: &str, i: usize) -> Option<usize> {
    let mut p = i;
    let mut marked = false;
    if let Some(c) = CURRENCY_BEFORE.iter().find(|c| text[p..].starts_with(*c)) {
        p += c.len();
        marked = true;
        p += space_len(&text[p..]);
    }
    let digits_start = p;
    let b = text.as_bytes();
    let mut digits = 0;
    while p < b.len() {
        if b[p].is_ascii_digit() {
            digits += 1;
            p += 1;
        } else if digits > 0
            && matches!(b[p], b',' | b'.' | b'\'' | b' ')
            && b.get(p + 1).is_some_and(u8::is_ascii_digit)
        {
            p += 1;
        } else {
            break;
        }
    }
    if digits == 0 || p == digits_start {
        return None;
    }
    let after = p + space_len(&text[p..]);
    if let Some(unit) = CURRENCY_AFTER
        .iter()
        .find(|u| text[after..].starts_with(*u))
    {
        let end = after + unit.len();
        // "85k" but not "85kg"; "5 euros" but not "5 europeans"
        let ascii_unit = unit.is_ascii();
        if !(ascii_unit
            && text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric))
        {
            return Some(end);
        }
    }
    // Amounts without a unit need a currency before them and enough digits to be pay.
    (marked && digits >= 3).then_some(p)
}

/// The end of a bare figure grouped in thousands starting at `i` ("34.000", "2.150", "1,250,000",
/// "85'000"): one to three digits, then groups of three behind one repeated separator, and no
/// decimals, percentage, unit or further digits after ("2.150,50" still ends at "2.150"; "1.5",
/// "2.150%", "34.000km" and the date "12.03.2024" are not figures).
fn grouped(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let lead = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&lead) {
        return None;
    }
    let sep = *b.get(i + lead)?;
    if !matches!(sep, b'.' | b',' | b'\'' | b' ') {
        return None;
    }
    let mut p = i + lead;
    let mut groups = 0;
    while b.get(p) == Some(&sep)
        && b.len() >= p + 4
        && b[p + 1..p + 4].iter().all(u8::is_ascii_digit)
        && !b.get(p + 4).is_some_and(u8::is_ascii_digit)
    {
        p += 4;
        groups += 1;
    }
    let next = text[p..].chars().next();
    (groups > 0
        && !next.is_some_and(|c| c.is_alphanumeric() || c == '%')
        && !(next == Some(sep as char)
            && text[p + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())))
    .then_some(p)
}

fn space_len(s: &str) -> usize {
    s.char_indices()
        .take_while(|&(_, c)| c == ' ' || c == '\u{a0}' || c == '\u{202f}')
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

/// The start of the sentence holding `i`, at most `SENTENCE_BACK` characters back.
pub(super) fn sentence_start(text: &str, i: usize) -> usize {
    let mut start = i;
    for (k, (j, c)) in text[..i].char_indices().rev().enumerate() {
        if k >= SENTENCE_BACK || ends_sentence(text, j, c) {
            break;
        }
        start = j;
    }
    start
}

/// Whether `s` names a person: two capitalised words that are not a title or a place, a
/// courtesy title and a capitalised word, a Chinese surname and given name, a Japanese name
/// with an honorific, or a Hindi name with a possessive.
pub(super) fn names_a_person(s: &str) -> bool {
    latin_name(s) || zh_name(s) || ja_name(s) || hi_name(s) || hi_full_name(s)
}

/// Family names that name somebody only after a role word: common words
/// ("लाल" is red, "रानी" a queen, "दास" a servant) and names too short or rare to be sure of
/// alone. The others, after a given name, make a full name without a role word ("सैलरी स्लिप
/// जाँचो: अनीता राव, सालाना ₹131 लाख").
const HI_SURNAMES_AFTER_ROLE: &[&str] = &[
    "कुमारी",
    "मिश्र",
    "जैन",
    "नायर",
    "अय्यर",
    "दास",
    "सेन",
    "घोष",
    "भट्ट",
    "ठाकुर",
    "राठौर",
    "मलिक",
    "खान",
    "अली",
    "अहमद",
    "सिद्दीकी",
    "बत्रा",
    "गिल",
    "सैनी",
    "शेख",
    "नाथ",
    "प्रसाद",
    "लाल",
    "रानी",
    "बाई",
    "नेगी",
    "रावत",
    "बिष्ट",
    "पिल्लई",
    "मेनन",
    "शाह",
    "देसाई",
    "पाटिल",
    "गोयल",
    "बंसल",
    "मित्तल",
    "झा",
    "ठाकरे",
    "चव्हाण",
];

/// A given name and a family name of [`HI_SURNAMES_ALONE`], in Devanagari.
pub(super) fn hi_full_name(s: &str) -> bool {
    if !has_devanagari(s) {
        return false;
    }
    let mut prev = "";
    for w in s
        .split([' ', ',', '(', ')', '।', ':'])
        .filter(|w| !w.is_empty())
    {
        if HI_SURNAMES_ALONE.contains(&w)
            && prev.chars().count() >= 2
            && prev.chars().all(is_devanagari)
            && !HI_NOT_NAME.contains(&prev)
        {
            return true;
        }
        prev = w;
    }
    false
}

/// "Wagner", "O'Brien", "Jean-Luc", "Erik-Jan": an upper-case letter, then lower case, where
/// a part after a joining mark may open with a capital again; and some lower case in all.
fn is_capitalised(w: &str) -> bool {
    let mut parts = w.split(['\'', '-']);
    let opens = |part: &str, capital: bool| {
        let mut cs = part.chars();
        cs.next()
            .is_some_and(|c| c.is_uppercase() || (!capital && c.is_lowercase()))
            && cs.all(char::is_lowercase)
    };
    parts.next().is_some_and(|first| opens(first, true))
        && parts.all(|part| opens(part, false))
        && w.chars().any(char::is_lowercase)
}

pub(super) fn latin_name(s: &str) -> bool {
    // No capital letter, no name: most text around a keyword is lower case.
    if !s.chars().any(char::is_uppercase) {
        return false;
    }
    let raw: Vec<&str> = s.split(|c: char| c.is_whitespace()).collect();
    let words: Vec<&str> = raw
        .iter()
        .map(|w| w.trim_end_matches([',', ':', ')', '–', '—']))
        .collect();
    let named = |w: &str| is_capitalised(w) && !NOT_NAMES.contains_lower(w);
    // The second word of every pattern below is a name word: look no further where it is not.
    (0..words.len()).any(|i| {
        let b = words[i];
        if !is_capitalised(b) || i == 0 || !named(b) {
            return false;
        }
        // A comma parts two words of a list, not a name: German capitalises every noun
        // ("feste Abläufe, Geduld und …").
        if raw[i - 1].ends_with(',') {
            return false;
        }
        let a = words[i - 1];
        // "Caterina Lo Presti", "Jan van Dijk": a particle between two name words.
        if i >= 2
            && a.len() <= 3
            && super::text::in_list(PARTICLES, &a.to_lowercase())
            && named(words[i - 2].trim_start_matches(['(', '"']))
        {
            return true;
        }
        // "R.J. Hendriks", "J. Smith": initials before a family name.
        if is_initials(a) {
            return true;
        }
        if named(a.trim_start_matches(['(', '"'])) {
            return i < 2 || !NAMESAKES.contains_lower(words[i - 2]);
        }
        // '"Mw. Fenna de Wit …': a quote or bracket may open the title.
        let a = a.trim_start_matches(['(', '"', '“', '„', '«', '\'']);
        TITLES.contains_lower(a) || ROLE_WORDS.contains_lower(a)
    })
}

/// A name that a courtesy title or a kin or role word introduces: "Mrs Okafor", "my colleague
/// Priya", "Patient: Lena Vogt". Stricter than [`latin_name`], which also takes any two
/// capitalised words. A capitalised role word that starts a line or follows an article is a
/// heading ("Patient Information Leaflet", "the Patient Portal"); one that follows another word
/// ("note: Patient Emily Murphy", "meine Kollegin Sabine") or a colon ("Patient: Lena Vogt") is
/// not.
pub(super) fn titled_name(s: &str) -> bool {
    // French sets a space before the colon ("Salariée : Aurélie Fontaine"): the colon belongs
    // to the label before it.
    let joined;
    let s = if s.contains(" :") {
        joined = s.replace(" :", ":");
        joined.as_str()
    } else {
        s
    };
    let mut words = s.split_whitespace().peekable();
    let (mut before, mut prev) = ("", "");
    // After a title and initials ("Mw. G. de Boer-Smit", "Mr J. Okafor"): a family name, maybe
    // after more initials and particles, may follow.
    let mut after_initials = false;
    while let Some(raw_w) = words.next() {
        if after_initials {
            let w = raw_w.trim_end_matches([',', ':', ')', '.', '–', '—']);
            if is_capitalised(w) && !NOT_NAMES.contains_lower(w) {
                return true;
            }
            let lower = raw_w.to_lowercase();
            after_initials = is_initials(raw_w)
                || super::text::in_list(PARTICLES, &lower)
                || super::text::in_list(PLACE_PARTICLES, &lower);
        } else if is_initials(raw_w)
            && !prev.is_empty()
            && TITLES.contains_lower(prev.trim_start_matches(['(', '"']))
        {
            after_initials = true;
        }
        // Most words are lower case: only a capital is worth a closer look.
        if !prev.is_empty() && raw_w.chars().next().is_some_and(char::is_uppercase) {
            let w = raw_w.trim_end_matches([',', ':', ')', '–', '—']);
            let next = words
                .peek()
                .map_or("", |n| n.trim_end_matches([',', ':', ')', '.', '–', '—']));
            if is_capitalised(w) && introduces(before, prev, w, next) {
                return true;
            }
        }
        before = prev;
        prev = raw_w;
    }
    false
}

/// Whether `raw`, after `before`, introduces `w` (followed by `next`) as a name.
fn introduces(before: &str, raw: &str, w: &str, next: &str) -> bool {
    let a = raw.trim_end_matches([',', ':']);
    // "je m'appelle Élodie Fabre": the verb after its elided pronoun.
    let verb = a.rsplit(['\'', '’']).next().unwrap_or(a);
    // "Name: Jana Wolff", "Candidate: Daniel Whitcombe".
    let introduced = TITLES.contains_lower(a)
        || (raw.ends_with(':') && LABELS.contains_lower(a))
        // "Meine Mutter heißt Renate Hoffmann", "a neighbour called Ruth Okafor": a verb that
        // gives a name, before a full name.
        || (NAMING_VERBS.contains_lower(verb)
            && is_capitalised(next)
            && !NOT_NAMES.contains_lower(next))
        // "Dear Ankit Malhotra,": a salutation before a full name, neither word a role ("Dear
        // Hiring Manager").
        || (SALUTATIONS.contains_lower(a)
            && is_capitalised(next)
            && !NOT_NAMES.contains_lower(next))
        || (ROLE_WORDS.contains_lower(a) && {
            // A kin or role word with a first name alone is a character as often as a person
            // ("his daughter Wilma"): here it takes a full name ("my colleague Joost
            // Verhoeven").
            let full = is_capitalised(next) && !NOT_NAMES.contains_lower(next);
            full && (!a.chars().any(char::is_uppercase)
                || raw.ends_with(':')
                || (before.chars().next().is_some_and(char::is_lowercase)
                    && !ARTICLES.contains(before)))
        });
    // "Patient: John Doe" stands for anybody.
    introduced
        && !NOT_NAMES.contains_lower(w)
        && !super::table::is_placeholder_name(&format!("{w} {next}"))
}

/// Verbs that give a name: "heißt", "called", "se llama", "s'appelle", "si chiama", and the
/// writer's own ("ich heiße", "je m'appelle", "me llamo", "mi chiamo", "eu me chamo").
static NAMING_VERBS: WordList = WordList::new(
    "heißt heisst hieß heiße heisse named called llama llamaba llamo appelle appelait appelles \
    chiama chiamava chiamo chama chamava chamo chamada chamado heet heette namens",
);

/// Form labels a name follows: "Name: Jana Wolff", "Candidate: Daniel Whitcombe".
static LABELS: WordList = WordList::new(
    "name naam nom nombre nome candidate candidat candidata candidato bewerber \
    bewerberin sollicitant kandidaat werknemer medewerker titular titolare nominativo",
);

/// Salutations of a letter, before the addressee's name.
static SALUTATIONS: WordList = WordList::new(
    "dear liebe lieber cher chère querida querido estimada estimado caro cara gentile prezado \
    prezada beste geachte",
);

/// Words before a heading rather than a name: "the Patient Portal".
static ARTICLES: WordList = WordList::new("the a an this that our your");

/// "J.", "R.J.", "A.-M.": capital letters each followed by a dot.
fn is_initials(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b.last() == Some(&b'.')
        && b.split(|&c| c == b'.')
            .filter(|p| !p.is_empty())
            .all(|p| matches!(p, [c] | [b'-', c] if c.is_ascii_uppercase()))
}

pub(super) fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097f}').contains(&c)
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

pub(super) fn is_kana(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c)
}

pub(super) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

pub(super) fn zh_name(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    s.char_indices().any(|(i, c)| {
        if !is_han(c) || !ZH_SURNAMES.contains(c) {
            return false;
        }
        // "同桌李子轩昨天…": after a role word, whatever follows the name may follow it. The
        // role word may call the name ("我爸叫周建华").
        let head = ["名字叫", "名叫", "叫做", "叫"]
            .iter()
            .find_map(|v| s[..i].strip_suffix(v))
            .unwrap_or(&s[..i]);
        // A role word as a form's label names whoever follows it: "员工：王海峰".
        let label = head.trim_end_matches([' ', '\u{3000}', ':', '：']);
        let role = ZH_ROLE_WORDS
            .iter()
            .any(|w| head.ends_with(w) || (label.len() < head.len() && label.ends_with(w)));
        if !role && prev_char(s, i).is_some_and(|p| is_han(p) && !ZH_BEFORE_NAME.contains(p)) {
            return false;
        }
        let rest = &s[i + c.len_utf8()..];
        let given: Vec<(usize, char)> = rest.char_indices().take(2).collect();
        (1..=2).any(|n| {
            given.len() >= n
                && given[..n]
                    .iter()
                    .all(|&(_, g)| is_han(g) && !ZH_NOT_GIVEN.contains(g))
                && (role || {
                    let after = &rest[given[n - 1].0 + given[n - 1].1.len_utf8()..];
                    ZH_AFTER_NAME.iter().any(|f| after.starts_with(f)) || bracketed_record(after)
                })
        })
    })
}

/// What a bracket right after a Chinese name holds about its person: "王海峰（工号 SH0417）",
/// "黄敏（出生于…）", "张伟（男，45岁）", "王建平（销售部）", "韩立军（老韩）". Brackets after
/// other words ("调查的范围（学历…）") hold anything else.
fn bracketed_record(after: &str) -> bool {
    let Some(inside) = after.strip_prefix('（').or_else(|| after.strip_prefix('(')) else {
        return false;
    };
    let digits = inside.bytes().take_while(u8::is_ascii_digit).count();
    ["工号", "员工号", "编号", "学号", "男", "女", "出生", "生于"]
        .iter()
        .any(|w| inside.starts_with(w))
        || ((1..=3).contains(&digits) && inside[digits..].starts_with('岁'))
        || inside.find(['）', ')']).is_some_and(|close| {
            let word = &inside[..close];
            let han = word.chars().count();
            word.chars().all(is_han)
                && ((2..=6).contains(&han) && word.ends_with(['部', '科', '组', '处', '室'])
                    || han == 2 && word.starts_with(['老', '小']))
        })
}

pub(super) fn ja_name(s: &str) -> bool {
    // Every reading below needs a Han or kana character; most text, Latin or Cyrillic, has none.
    if !s.chars().any(|c| is_han(c) || is_kana(c)) {
        return false;
    }
    if ja_roster_name(s) {
        return true;
    }
    // One pass finds every honorific and role word, overlapping ones included ("義妹", "妹").
    static MARKERS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let Some(markers) = MARKERS
        .get_or_init(|| AhoCorasick::new(JA_HONORIFICS.iter().chain(JA_ROLE_WORDS)).ok())
        .as_ref()
    else {
        return false;
    };
    markers.find_overlapping_iter(s).any(|m| {
        let i = m.start();
        let Some(w) = JA_ROLE_WORDS.get(m.pattern().as_usize().wrapping_sub(JA_HONORIFICS.len()))
        else {
            // "前科つくんでしょうか", "行くんだ": a verb ending in "く" before the explanatory
            // "ん", not "くん" after a name.
            if s[i..].starts_with("くん")
                && prev_char(s, i).is_some_and(is_hiragana)
                && ["で", "だ", "じゃ"]
                    .iter()
                    .any(|p| s[i + "くん".len()..].starts_with(p))
            {
                return false;
            }
            // "田村 健一 さん": one space may stand between a name and its honorific.
            let i = s[..i].strip_suffix([' ', '\u{3000}']).map_or(i, str::len);
            return prev_char(s, i).is_some_and(|p| is_han(p) || is_kana(p))
                && !JA_NOT_NAMES.iter().any(|w| s[..i].ends_with(w));
        };
        {
            let rest = &s[i + w.len()..];
            let with_no = rest.strip_prefix('の');
            // A one-character kin word ("弟", "母") starts many words ("母国", "夫婦"): it takes
            // its "の" and a particle after the name ("弟の田辺健吾が").
            let single = w.chars().count() == 1;
            if single && (with_no.is_none() || prev_char(s, i).is_some_and(is_han)) {
                return false;
            }
            let rest = with_no.unwrap_or(rest);
            // A full name in kanji, the family and given names maybe apart: "同期の森下拓海",
            // "元夫の小西 隼人".
            let mut han = 0;
            let mut gap = false;
            let mut end = rest.len();
            for (j, c) in rest.char_indices() {
                if is_han(c) {
                    han += 1;
                } else if (c == ' ' || c == '\u{3000}') && han >= 1 && !gap {
                    gap = true;
                } else {
                    end = j;
                    break;
                }
            }
            (3..=5).contains(&han)
                && (!single
                    || (rest
                        .chars()
                        .next()
                        .is_some_and(|c| JA_SURNAME_START.contains(c))
                        && [
                            "が", "は", "、", "（", "(", "に", "と", "を", "も", "，", " ",
                        ]
                        .iter()
                        .any(|p| rest[end..].starts_with(p))))
        }
    })
}

/// A full name heading a line of a roster or of notes, family and given names apart and a colon
/// or bracket after them: "斎藤 大輔：評価A、月給32万円", "・森本　涼（営業部）". The family name
/// starts as the common ones do ([`JA_SURNAME_START`]); two words of prose seldom stand apart
/// like this.
fn ja_roster_name(s: &str) -> bool {
    s.lines().any(|line| {
        // A form's name field: "氏名：田村 浩二", "名前: 森本 涼".
        if let Some(rest) = ["氏名", "名前"]
            .iter()
            .find_map(|l| line.trim_start().strip_prefix(l))
        {
            let Some(name) = rest.trim_start().strip_prefix([':', '：']) else {
                return false;
            };
            let name = name.trim_start_matches([' ', '\u{3000}']);
            let han = name.chars().take_while(|&c| is_han(c)).count();
            let rest = &name[name.char_indices().nth(han).map_or(name.len(), |(k, _)| k)..];
            let given = rest
                .trim_start_matches([' ', '\u{3000}'])
                .chars()
                .take_while(|&c| is_han(c) || is_kana(c))
                .count();
            return rest.len() < name.len() && (2..=6).contains(&(han + given)) && han >= 1;
        }
        let line = line.trim_start_matches(['・', '-', '*', '•', ' ', '\u{3000}']);
        let mut chars = line.char_indices();
        let Some((_, first)) = chars.next() else {
            return false;
        };
        if !JA_SURNAME_START.contains(first) {
            return false;
        }
        let (mut family, mut given, mut gap) = (1, 0, false);
        for (_, c) in chars {
            match c {
                ' ' | '\u{3000}' if !gap && given == 0 => gap = true,
                c if is_han(c) && !gap => family += 1,
                c if (is_han(c) || is_kana(c)) && gap => given += 1,
                ':' | '：' | '（' | '(' => {
                    return gap && family <= 3 && (1..=3).contains(&given);
                }
                _ => return false,
            }
            if family > 3 || given > 3 {
                return false;
            }
        }
        false
    })
}

/// First characters of the most common Japanese family names (佐藤, 鈴木, 高橋, 田中, 伊藤, …):
/// after a one-character kin word, a name starts with one of them and a noun ("母の誕生日会")
/// seldom does.
const JA_SURNAME_START: &str = "佐鈴高田伊渡山中小加吉松井木林斎清森池橋阿石前藤岡長村近坂遠青西福\
    太原三竹金和野菅上武千酒宮工横大内平杉岩丸川今北東桜柴島水浅土安新服増堀榎谷菊久須広\
    永秋古荒野片吉宇尾堤沢河浜星市飯守望月岸関戸河本羽白黒熊樋八矢米村菅原南早辻江袋笠";

/// Role and kin words a Japanese full name follows: "同期の森下拓海", "上司の北村部長".
const JA_ROLE_WORDS: &[&str] = &[
    "同期",
    "上司",
    "部下",
    "同僚",
    "後輩",
    "先輩",
    "バイトの",
    "友人",
    "元夫",
    "元妻",
    "義兄",
    "義姉",
    "義弟",
    "義妹",
    "いとこ",
    "従兄弟",
    "彼氏",
    "彼女",
    "息子",
    "娘",
    "弟",
    "兄",
    "姉",
    "妹",
    "夫",
    "妻",
    "父",
    "母",
    "祖父",
    "祖母",
];

/// Words an honorific follows that name nobody: kin ("おばあちゃん", "お父さん"), and
/// "皆さん", "患者さん", "お客様".
const JA_NOT_NAMES: &[&str] = &[
    "おばあ",
    "おじい",
    "お母",
    "お父",
    "おか",
    "おと",
    "おば",
    "おじ",
    "お兄",
    "お姉",
    "おにい",
    "おねえ",
    "赤",
    "皆",
    "みな",
    "患者",
    "お客",
    "お医者",
    "看護師",
    "先生",
    "店員",
    "奥",
];

/// Every Hindi name reader needs a Devanagari letter; Latin, Cyrillic and CJK text has none.
fn has_devanagari(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_devanagari)
}

fn hi_name(s: &str) -> bool {
    if !has_devanagari(s) {
        return false;
    }
    HI_POSSESSIVE.iter().any(|h| {
        s.match_indices(h).any(|(i, _)| {
            prev_char(s, i).is_some_and(is_devanagari)
                && !HI_NOT_NAMES.iter().any(|w| {
                    s[..i]
                        .strip_suffix(w)
                        .is_some_and(|b| !b.chars().next_back().is_some_and(is_devanagari))
                })
        })
    }) || hi_role_name(s)
}

/// Occupations, times and other nouns a Hindi possessive follows that name nobody: "सॉफ्टवेयर
/// इंजीनियर की सैलरी", "टीचर की सैलरी", "2 से 4 साल का अनुभव".
const HI_NOT_NAMES: &[&str] = &[
    "इंजीनियर",
    "डेवलपर",
    "टीचर",
    "शिक्षक",
    "डॉक्टर",
    "नर्स",
    "ड्राइवर",
    "क्लर्क",
    "एनालिस्ट",
    "डिज़ाइनर",
    "डिजाइनर",
    "अधिकारी",
    "प्रोफेसर",
    "वकील",
    "सिपाही",
    "मज़दूर",
    "मजदूर",
    "फ्रेशर",
    "फ्रेशर्स",
    "इंटर्न",
    "सीईओ",
    "कर्मचारियों",
    "लोगों",
    "पद",
    "नौकरी",
    "जॉब",
    "कंपनी",
    "सरकार",
    "भारत",
    "शहर",
    "ऑफिस",
    "साल",
    "सालों",
    "वर्ष",
    "महीना",
    "महीने",
    "हफ्ते",
    "दिन",
    "घंटे",
];

/// Kin and role words a Hindi full name follows: "मेरी सहकर्मी नेहा सिंह ने", "किरायेदार संजय
/// तिवारी पर", "मेरी सास सुमित्रा देवी".
const HI_ROLE_WORDS: &[&str] = &[
    "सहकर्मी",
    "दोस्त",
    "सहेली",
    "भाई",
    "बहन",
    "भाभी",
    "जीजा",
    "पड़ोसी",
    "पड़ोसन",
    "किरायेदार",
    "किराएदार",
    "मकान मालिक",
    "मरीज़",
    "मरीज",
    "कर्मचारी",
    "बॉस",
    "मैनेजर",
    "दादी",
    "दादा",
    "नानी",
    "नाना",
    "बुआ",
    "मौसी",
    "चाचा",
    "चाची",
    "मामा",
    "मामी",
    "सास",
    "ससुर",
    "बेटा",
    "बेटी",
    "पति",
    "पत्नी",
    "ड्राइवर",
    "पिताजी",
    "पिता",
    "पापा",
    "माँ",
    "माताजी",
    "मम्मी",
    "ससुरजी",
    "सासू माँ",
];

/// Words after a role word that are no name: postpositions, particles, verbs ("दोस्त को बुखार").
const HI_NOT_NAME: &[&str] = &[
    "को",
    "ने",
    "की",
    "का",
    "के",
    "से",
    "में",
    "पर",
    "भी",
    "तो",
    "है",
    "हैं",
    "था",
    "थी",
    "थे",
    "और",
    "या",
    "लोग",
    "जी",
    "साहब",
    "एक",
    "हमेशा",
    "अभी",
    "कल",
    "आज",
];

/// Common family names and the words that end a woman's or man's full name ("देवी", "कुमार"),
/// clear enough to make a full name after any given name ("सैलरी स्लिप जाँचो: अनीता राव, सालाना
/// ₹131 लाख"). With [`HI_SURNAMES_AFTER_ROLE`], the family names a Hindi role word takes: a
/// given name and one of these make a full name; a verb ("मरीज़ पूछ रही है") does not.
const HI_SURNAMES_ALONE: &[&str] = &[
    "शर्मा",
    "वर्मा",
    "सिंह",
    "गुप्ता",
    "कुमार",
    "देवी",
    "यादव",
    "तिवारी",
    "मिश्रा",
    "पांडे",
    "पाण्डेय",
    "पांडेय",
    "जोशी",
    "पटेल",
    "राव",
    "रेड्डी",
    "चौहान",
    "श्रीवास्तव",
    "सक्सेना",
    "अग्रवाल",
    "खन्ना",
    "मेहता",
    "बनर्जी",
    "चटर्जी",
    "मुखर्जी",
    "त्रिपाठी",
    "दुबे",
    "शुक्ला",
    "चौधरी",
    "कपूर",
    "मल्होत्रा",
    "भाटिया",
    "अरोड़ा",
    "रस्तोगी",
    "भटनागर",
    "द्विवेदी",
    "चतुर्वेदी",
    "त्यागी",
    "कुलकर्णी",
    "सिन्हा",
    "भदौरिया",
    "तोमर",
    "राजपूत",
    "चौरसिया",
    "कुशवाहा",
    "मौर्य",
    "दीक्षित",
    "अवस्थी",
    "बाजपेयी",
    "वाजपेयी",
    "त्रिवेदी",
    "उपाध्याय",
    "जायसवाल",
    "गर्ग",
    "सिंघल",
    "जिंदल",
    "सेठी",
    "आहूजा",
    "चावला",
    "कोहली",
    "ग्रोवर",
    "माथुर",
    "निगम",
    "सहगल",
    "मेहरा",
    "ढिल्लों",
    "संधू",
];

/// A family name of either list.
fn is_hi_surname(w: &str) -> bool {
    HI_SURNAMES_ALONE.contains(&w) || HI_SURNAMES_AFTER_ROLE.contains(&w)
}

/// A Hindi role word, then a given name and a family name: "मेरी सहकर्मी नेहा सिंह ने",
/// "किरायेदार संजय तिवारी पर". The Hindi reader of [`super::facts`] takes only this one: a
/// postposition follows any noun.
pub(super) fn hi_role_name(s: &str) -> bool {
    if !has_devanagari(s) {
        return false;
    }
    let given = |w: &str| {
        w.chars().count() >= 2 && w.chars().all(is_devanagari) && !HI_NOT_NAME.contains(&w)
    };
    HI_ROLE_WORDS.iter().any(|r| {
        s.match_indices(r).any(|(i, _)| {
            let rest = &s[i + r.len()..];
            let mut words = rest
                .split([' ', ',', '(', ')', '।'])
                .filter(|w| !w.is_empty());
            // "पिताजी रमेश चंद्र तिवारी": a middle name may stand between.
            rest.starts_with(' ')
                && words.next().is_some_and(given)
                && words.next().is_some_and(|w| {
                    is_hi_surname(w) || (given(w) && words.next().is_some_and(is_hi_surname))
                })
        })
    })
}
