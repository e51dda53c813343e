//! Documents marked confidential or internal: a marking ("CONFIDENTIAL", "VERTRAULICH – nur für
//! die Geschäftsführung", "【社外秘】", "内部资料 严禁外传") set as a label at the head of a line
//! or in brackets, with a document after it. A marking is what its author put on the document;
//! a prompt that only talks about confidentiality ("what does 'confidential' mean in an NDA?",
//! "添加“机密”水印") carries none. The span is the marking. It is not redacted away: removing
//! the word leaves the confidential content (`FindingKind::redactable`).

use memchr::memmem;

use super::context::{self, Context};
use super::{Finding, FindingKind};

/// How much text must follow the marking's line (or, for "INTERNAL ONLY: …", the marking
/// itself) for it to mark a document rather than stand alone, in bytes.
const CONTENT_AFTER: usize = 60;

/// How far a bracket may open before a marking, or close after it, in bytes: a few words, or
/// twenty CJK characters ("【内部机密·仅限渠道部及以上管理层，严禁外传】").
const BRACKET_INSIDE: usize = 64;

/// The longest line still read as a header line ("STRICTLY CONFIDENTIAL - BOARD MEMBERS ONLY -
/// DO NOT FORWARD"), in bytes.
const HEADER_LINE: usize = 120;

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    for h in ctx.hits.iter().filter(|h| h.class & context::MARKING != 0) {
        if marks_document(b, h.start, h.end) {
            out.push(Finding::new(
                FindingKind::Confidential,
                h.start,
                h.end,
                0.85,
                "marking",
            ));
            // One marking says it all.
            return;
        }
    }
}

fn marks_document(b: &[u8], s: usize, e: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &b[..s]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &b[e..]).map_or(b.len(), |i| e + i);
    let line = &b[line_start..line_end];
    let lead = &b[line_start..s];
    let tail = &b[e..line_end];
    // "「社外秘」と「取扱注意」って何が違うの？": a quoted term in a sentence is talked about; a
    // header in corner brackets stands on its own line.
    let quoted = ["「", "『"].iter().any(|q| lead.ends_with(q.as_bytes()))
        && ["」", "』"].iter().any(|q| {
            tail.strip_prefix(q.as_bytes())
                .is_some_and(|t| !t.trim_ascii().is_empty())
        });
    if quoted {
        return false;
    }
    let bracketed = opens_bracket(lead) && closes_bracket(tail);
    let heads_line = is_label_lead(lead) && ends_label(tail);
    let header = line.len() <= HEADER_LINE && is_upper_line(line) && ends_label(tail);
    let set_apart = is_capitals(&b[s..e]) && after_separator(lead) && ends_label(tail);
    // "please help: internal only: q3 revenue came in at …", "Hi! Nur intern: …": a marking
    // with its colon, opening a clause, labels the rest of the line.
    let labels_rest = tail.starts_with(b":") && tail.len() >= CONTENT_AFTER && opens_clause(lead);
    if !(bracketed || heads_line || header || set_apart || labels_rest) {
        return false;
    }
    // The document: the rest of the line after "MARKING:" or the lines below.
    let below = b.len() - line_end;
    tail.len().max(below) >= CONTENT_AFTER
}

/// What may open a line before its marking: Markdown and quoting, and another marking in
/// capitals with its separator ("INTERN – NICHT WEITERLEITEN", "ESTRITAMENTE CONFIDENCIAL").
fn is_label_lead(lead: &[u8]) -> bool {
    let mut rest = lead;
    while let Some(&c) = rest.first() {
        let n = if c.is_ascii_uppercase()
            || matches!(
                c,
                b' ' | b'\t' | b'*' | b'#' | b'_' | b'>' | b'[' | b'(' | b'"' | b'\''
            )
            || matches!(c, b'<' | b'-' | b':' | b'|' | b'/' | b',' | b';')
        {
            1
        } else if rest.starts_with("–".as_bytes()) || rest.starts_with("—".as_bytes()) {
            3
        } else {
            return false;
        };
        rest = &rest[n..];
    }
    lead.len() <= 40
}

/// `[`, `(`, `【`, `〔`, `「`, `［`, `（` before the marking, with at most another marking
/// between them ("【社外秘・取扱注意】", "[INTERNAL – DO NOT DISTRIBUTE]"): nothing in lower case.
fn opens_bracket(lead: &[u8]) -> bool {
    const OPEN: &[&str] = &["[", "(", "【", "〔", "「", "［", "（", "<"];
    OPEN.iter().any(|o| {
        memmem::rfind(lead, o.as_bytes()).is_some_and(|i| {
            let inside = &lead[i + o.len()..];
            inside.len() <= BRACKET_INSIDE
                && !inside.iter().any(|c| c.is_ascii_lowercase() || *c == b'\n')
        })
    })
}

fn closes_bracket(tail: &[u8]) -> bool {
    const CLOSE: &[&str] = &["]", ")", "】", "〕", "」", "］", "）", ">"];
    let within = &tail[..tail.len().min(BRACKET_INSIDE)];
    CLOSE
        .iter()
        .any(|c| memmem::find(within, c.as_bytes()).is_some())
}

/// After a marking that labels what follows: the end of the line, or a separator (`:`, `-`,
/// `–`, `—`, `|`, `/`, `・`, `·`, `,`, `;`, `*`, a closing bracket, a full stop).
fn ends_label(tail: &[u8]) -> bool {
    let t = tail.trim_ascii_start();
    if t.is_empty() {
        return true;
    }
    const SEPARATORS: &[&str] = &[
        ":", "-", "–", "—", "|", "/", "・", "·", ",", ";", "*", "_", "]", ")", "】", "〕", "）",
        "：", "、", "，", "　", ". ",
    ];
    SEPARATORS.iter().any(|s| t.starts_with(s.as_bytes()))
}

/// A marking written in capitals (at least six letters, none lower case): "VERTRAULICH",
/// "CONFIDENTIEL".
fn is_capitals(word: &[u8]) -> bool {
    word.iter().filter(|c| c.is_ascii_uppercase()).count() >= 6
        && !word.iter().any(u8::is_ascii_lowercase)
}

/// A separator right before the marking, as in a title's "Protokoll KW 41 – INTERN /
/// VERTRAULICH", "(réservé au CODIR – CONFIDENTIEL, …)" or "Nota: CONFIDENCIAL – …".
fn after_separator(lead: &[u8]) -> bool {
    let t = lead.trim_ascii_end();
    t.is_empty()
        || ["–", "—", "-", ":", "(", "[", "|", "/", ","]
            .iter()
            .any(|sep| t.ends_with(sep.as_bytes()))
}

/// At most two words between the start of the line or clause (after `:`, `,`, `!`, `?`, `.`,
/// `–`, `-`) and the marking: "please help: internal only:", "Borrador confidencial:", "intern,
/// bitte nicht weiterleiten:", but not "Mark it as internal only:".
fn opens_clause(lead: &[u8]) -> bool {
    let clause_start = lead
        .iter()
        .rposition(|c| matches!(c, b':' | b',' | b'!' | b'?' | b'.' | b'-' | b'\n'))
        .map_or(0, |i| i + 1);
    let clause = &lead[clause_start..];
    let clause = match std::str::from_utf8(clause) {
        Ok(c) => c.trim_start_matches(['–', '—']),
        Err(_) => return false,
    };
    clause.split_whitespace().count() <= 2
}

/// A line whose Latin letters are all capitals (at least six of them): a header.
fn is_upper_line(line: &[u8]) -> bool {
    let upper = line.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = line.iter().filter(|c| c.is_ascii_lowercase()).count();
    upper >= 6 && lower == 0
}
