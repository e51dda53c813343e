//! A named person's sensitive facts, as RUBRIC counts them: a diagnosis, a condition, a
//! pregnancy or sick leave ("Rachel Okafor was diagnosed with type 2 diabetes", "Frau Keller ist
//! schwanger", "佐藤さんはうつ病で休職中", "राहुल शर्मा की कीमोथेरेपी"); a criminal record ("Jens
//! Maier ist vorbestraft", "中村翔太くんが罰金刑を受けた"); a dismissal or disciplinary measure
//! ("Leanne Pritchard was dismissed for gross misconduct", "licenziato per giusta causa"); a debt
//! ("Kieran Doyle still owes me 2,300", "Lohnpfändung", "网贷逾期"). Each is a keyword in a
//! sentence that names somebody. The same fact with nobody named ("what are the symptoms of
//! hepatitis B?", "can an employer ask about a criminal record?", "my knee hurts") is no
//! finding. The span is the keyword, so redaction keeps the sentence and drops the fact.

use super::context::{self, Context};
use super::salary::{
    ends_sentence, hi_full_name, hi_role_name, ja_name, latin_name, sentence_start, titled_name,
    zh_name,
};
use super::text::WordList;
use super::{Finding, FindingKind};

/// How far after the condition word its sentence is read for a name, in characters ("… was
/// diagnosed last week, says Laura Wagner").
const SENTENCE_AHEAD: usize = 80;

/// How far before a fact's sentence the person a record is about may be named, in bytes: a report
/// pasted under its person's name ("我爸王建国，…体检报告：\n\n“…考虑肺癌…”", "田村 健一 さん（48歳）
/// \n・HbA1c 8.2%\n・判定：要精密検査（糖尿病の疑い）").
const RECORD_BACK: usize = 400;

/// Words that make the sentence about a population, a document type, fiction or a public figure
/// rather than a private person: "the average age at diagnosis", "a template for a sick note",
/// "in my novel, Eleanor Vance is diagnosed …", "King Charles's cancer diagnosis". Whole words.
static NOT_A_PERSON: WordList = WordList::new(
    "average statistics percent template example fictional character \
    novel story tale king queen prince princess president minister senator pope actor actress \
    singer footballer announced announcing publicly public former politician mayor ceo chief \
    chairman chairwoman governor \
    celebrity rapper news article reported journalist openly footballer \
    durchschnitt vorlage beispiel roman geschichte erzählung figur könig präsident öffentlich \
    angekündigt bekanntgegeben fußballer nationalmannschaft berichtet berichtete \
    moyenne modèle exemple personnage nouvelle récit histoire roi reine président publiquement \
    annoncé annoncée élysée ouvertement footballeur \
    promedio plantilla ejemplo personaje novela relato cuento rey reina presidente públicamente \
    anunció anunciado abiertamente futbolista selección \
    media modello esempio personaggio romanzo racconto re regina pubblicamente \
    annunciato annunciata apertamente calciatore \
    média modelo exemplo personagem história conto rei rainha publicamente \
    anunciou anunciado abertamente divulgado divulgados divulgada divulgadas boletins jogador \
    seleção \
    gemiddeld voorbeeld verhaal personage koning koningin publiekelijk aangekondigd openlijk \
    voetballer bondscoach elftal spreekbeurt \
    vatican vaticano vaticana pontefice papst pape paus \
    historian historians biography biographer century historien historiens biographie siècle \
    historiker biografie jahrhundert historiador historiadores biografía siglo biografia secolo \
    século historicus historici eeuw",
);

/// The same for Chinese and Japanese, matched anywhere in the sentence.
const NOT_A_PERSON_CJK: &[&str] = &[
    "平均",
    "例文",
    "テンプレ",
    "チェックリスト",
    "〇〇",
    "＿＿",
    "ひな形",
    "雛形",
    "ひな型",
    "記入例",
    "模板",
    "小説",
    "小说",
    "公表",
    "公开",
    "会見",
    "总统",
    "首相",
];

/// Words that make a request one for fiction: "write a short story about Eleanor, who is
/// diagnosed …", "Protagonista: la subinspectora Lucía Carmona, recién diagnosticada de
/// párkinson". Whole words, read in the opening of the text, where the request stands. Words
/// that are also common verbs ("cuento", "relato": I tell) or mean "history" ("storia",
/// "histoire"; "Geschichte" stays, "Krankengeschichte" being one word) or "new" are left out.
static FICTION: WordList = WordList::new(
    "story stories novel chapter fiction protagonist screenplay villain incipit role-play roleplay \
    geschichte kurzgeschichte erzählung kapitel protagonistin krimi bösewicht schurke szene \
    figuren theaterstück drehbuch rollenspiel \
    récit chapitre personnage personnages scène scénario \
    novela capítulo protagonista personaje personajes villano escena guion \
    racconto romanzo capitolo personaggio personaggi copione \
    personagem personagens vilão roteiro \
    verhaal hoofdstuk personage personages hoofdpersoon toneelstuk rollenspel",
);

/// The same for Chinese, Japanese and Hindi, matched anywhere in the opening.
const FICTION_CJK: &[&str] = &[
    "小说",
    "续写",
    "故事",
    "小説",
    "物語",
    "ストーリー",
    "登場人物",
    "कहानी",
    "उपन्यास",
];

/// How much of the text's opening is read for a request for fiction, in bytes.
const FICTION_HEAD: usize = 400;

/// The confidence of a fact in a request for fiction: reported, below the decision line.
const FICTION_CONFIDENCE: f32 = 0.6;

fn asks_for_fiction(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(FICTION_HEAD.min(text.len()))];
    // "Alles erfunden, die Figuren gibt es nicht", "un juicio inventado": the request says its
    // people are made up.
    says_any(head, &FICTION, FICTION_CJK)
        || asks_to_continue_a_story(head)
        || super::table::says_made_up(head)
}

/// How far after "continue" its story may be named, in bytes: "continua esta história",
/// "continúa la historia", "continua la storia", "continue l'histoire", "seguí este cuento".
const CONTINUE_AHEAD: usize = 24;

/// Whether `head` asks to go on with a story. Alone, "história", "historia", "storia" and
/// "histoire" are as often history, or a medical one ("historia clínica"), as a story.
fn asks_to_continue_a_story(head: &str) -> bool {
    let lower = head.to_lowercase();
    ["continu", "prosegu", "seguí", "sigue"].iter().any(|verb| {
        lower.match_indices(verb).any(|(i, _)| {
            let after = &lower[i..lower.floor_char_boundary((i + CONTINUE_AHEAD).min(lower.len()))];
            [
                "histó", "histor", "storia", "story", "cuento", "relato", "racconto", "récit",
            ]
            .iter()
            .any(|w| after.contains(w))
                && !["clínic", "clinic", "médic", "medic"]
                    .iter()
                    .any(|w| after.contains(w))
        })
    })
}

/// Whether `s` holds one of `words` as a whole word (ignoring case) or one of `cjk` anywhere.
pub(super) fn says_any(s: &str, words: &WordList, cjk: &[&str]) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && words.contains_lower(w))
        || cjk.iter().any(|w| s.contains(w))
}

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let first = out.len();
    scan_class(text, ctx, context::HEALTH, FindingKind::Health, out);
    scan_class(
        text,
        ctx,
        context::DISCIPLINARY,
        FindingKind::Disciplinary,
        out,
    );
    scan_class(text, ctx, context::DEBT, FindingKind::Debt, out);
    scan_class(
        text,
        ctx,
        context::CRIMINAL,
        FindingKind::CriminalRecord,
        out,
    );
    // Characters' diagnoses and records are nobody's.
    if out.len() > first && asks_for_fiction(text) {
        for f in &mut out[first..] {
            f.confidence = f.confidence.min(FICTION_CONFIDENCE);
        }
    }
}

/// Reports each keyword of `class` in a sentence that names somebody as a finding of `kind`.
fn scan_class(text: &str, ctx: &Context, class: u64, kind: FindingKind, out: &mut Vec<Finding>) {
    let mut done_until = 0;
    let mut lookback = Lookback::default();
    for h in ctx.hits.iter().filter(|h| h.class & class != 0) {
        if h.start < done_until {
            continue;
        }
        let from = sentence_start(text, h.start);
        let to = sentence_end(text, h.end);
        // One sentence is read once, found or not: a medical text repeats its words.
        done_until = to;
        let sentence = &text[from..to];
        // The condition itself is no name: "Multiple Sclerosis", "Type 2 Diabetes". A Chinese
        // name is read with the word after it, which may be the keyword: "张丽华确诊抑郁症".
        if (names_someone(&text[from..h.start])
            || zh_name(&text[from..h.end])
            || names_someone(&text[h.end..to]))
            && !about_no_one(sentence)
        {
            out.push(Finding::new(kind, h.start, h.end, 0.85, kind.as_str()));
        } else if lookback.names_someone(text, from) && !about_no_one(sentence) {
            out.push(Finding::new(kind, h.start, h.end, 0.8, kind.as_str()));
        }
    }
}

/// The end of the sentence holding `i`, at most `SENTENCE_AHEAD` characters ahead.
fn sentence_end(text: &str, i: usize) -> usize {
    for (k, (j, c)) in text[i..].char_indices().enumerate() {
        if k >= SENTENCE_AHEAD || ends_sentence(text, i + j, c) {
            return i + j;
        }
    }
    text.len()
}

/// Whether the text before a point names, within [`RECORD_BACK`] bytes, the person a record is
/// about. Only the firmer name readers count here, not two capitalised words, which a heading
/// also is ("Patient Information Leaflet"). A text that says its data is made up names nobody
/// this way.
///
/// A long text asks this once per fact sentence; the windows overlap, and a stretch already
/// read without a name is not read again (but for the last [`PAIR_OVERLAP`] bytes, where a name
/// may run on into the new text).
#[derive(Default)]
pub(super) struct Lookback {
    /// `[start, end)` read before without finding a name.
    clear: (usize, usize),
}

/// How far a name may reach back over the end of a stretch already read, in bytes.
const PAIR_OVERLAP: usize = 64;

impl Lookback {
    pub(super) fn names_someone(&mut self, text: &str, from: usize) -> bool {
        let start = text.floor_char_boundary(from.saturating_sub(RECORD_BACK));
        let (cs, ce) = self.clear;
        let read_from = if cs <= start && start <= ce && ce <= from {
            text.floor_char_boundary(ce.saturating_sub(PAIR_OVERLAP))
                .max(start)
        } else {
            start
        };
        let part = &text[read_from..from];
        if !(titled_name(part)
            || zh_name(part)
            || ja_name(part)
            || hi_role_name(part)
            || hi_full_name(part))
        {
            self.clear = (start, from);
            return false;
        }
        let before = &text[start..from];
        !about_no_one(before) && !super::table::says_sample(text)
    }
}

/// A name as [`super::salary`] reads one: two capitalised words, a courtesy title and a name, a
/// Chinese surname and given name, a Japanese name with an honorific, a Hindi given and family
/// name. Hindi postpositions, which salary also reads, follow any noun ("कैंसर के साथ") and are
/// not enough here.
fn names_someone(s: &str) -> bool {
    latin_name(s) || zh_name(s) || ja_name(s) || hi_role_name(s) || hi_full_name(s)
}

fn about_no_one(sentence: &str) -> bool {
    says_any(sentence, &NOT_A_PERSON, NOT_A_PERSON_CJK)
}
