//! Email addresses.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use memchr::memmem;

use super::text::{at, before, contains_ci, starts_with_ci};
use super::{Finding, FindingKind};

/// Domains reserved for documentation (RFC 2606/6761) or used as "your domain here".
const PLACEHOLDER_DOMAINS: &[&[u8]] = &[
    b"domain.com",
    b"yourdomain.com",
    b"yourcompany.com",
    b"company.com",
    b"mydomain.com",
    b"mycompany.com",
    b"yoursite.com",
    b"website.com",
    b"email.com",
    b"test.com",
    b"sample.com",
    b"foo.com",
    b"bar.com",
    b"foobar.com",
    b"acme.com",
    b"acme.org",
    b"acme.corp",
    b"somewhere.com",
    b"host.com",
    b"xyz.com",
    // "company" in the languages we cover: "achats@entreprise.fr", "pedidos@empresa.es".
    b"entreprise.fr",
    b"entreprise.com",
    b"empresa.es",
    b"empresa.com",
    b"empresa.com.br",
    b"empresa.pt",
    b"firma.de",
    b"unternehmen.de",
    b"azienda.it",
    b"bedrijf.nl",
];

/// First labels that mean "example" in the languages we cover.
const EXAMPLE_LABELS: &[&[u8]] = &[
    b"example",
    b"beispiel",
    b"exemple",
    b"ejemplo",
    b"esempio",
    b"voorbeeld",
    b"exemplo",
];

const RESERVED_TLDS: &[&[u8]] = &[b"example", b"test", b"invalid"];

/// TLD-shaped file extensions: `icon@2x.png` is an asset, not an address.
const FILE_EXTENSIONS: &[&[u8]] = &[
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"js", b"ts", b"css", b"json", b"yaml",
    b"yml", b"toml", b"lock", b"txt", b"html", b"exe", b"dll", b"map", b"scss", b"tsx", b"jsx",
    // systemd unit instances: `postgresql@16-main.service`, `getty@tty1.service`.
    b"service", b"socket", b"timer", b"mount", b"slice", b"scope", b"target",
];

const PLACEHOLDER_LOCALS: &[&[u8]] = &[
    b"you",
    b"your",
    b"yourname",
    b"your.name",
    b"your_name",
    b"name",
    b"user",
    b"username",
    b"email",
    b"someone",
    b"somebody",
    b"firstname.lastname",
    b"first.last",
    b"firstname",
    b"john.doe",
    b"jane.doe",
    b"johndoe",
    b"janedoe",
    b"max.mustermann",
    b"test",
    b"foo",
    b"bar",
    b"jean.dupont",
    b"mario.rossi",
    b"juan.perez",
];

/// Role mailboxes belong to an organisation rather than a person.
const ROLE_LOCALS: &[&[u8]] = &[
    b"info",
    b"frontdesk",
    b"reception",
    b"empfang",
    b"accueil",
    b"recepcion",
    b"assistenza",
    b"clienti",
    b"servizioclienti",
    b"supporto",
    b"atendimento",
    b"klantenservice",
    b"kundenservice",
    b"service",
    b"sav",
    b"atencionalcliente",
    b"support",
    b"sales",
    b"contact",
    b"contato",
    b"contacto",
    b"contatto",
    b"comercial",
    b"commerciale",
    b"commercial",
    b"compta",
    b"orcamentos",
    b"geral",
    b"general",
    b"algemeen",
    b"allgemein",
    b"generale",
    b"bestellingen",
    b"crediteuren",
    b"debiteuren",
    b"keiri",
    b"somu",
    b"soumu",
    b"eigyo",
    b"orcamento",
    b"presupuestos",
    b"preventivi",
    b"devis",
    b"quotes",
    b"contabilidade",
    b"contabilita",
    b"contacts",
    b"help",
    b"admin",
    b"hello",
    b"team",
    b"press",
    b"security",
    b"abuse",
    b"postmaster",
    b"webmaster",
    b"billing",
    b"privacy",
    b"jobs",
    b"careers",
    b"office",
    b"service",
    b"kontakt",
    b"hr",
    b"care",
    b"customercare",
    b"customer.care",
    b"customerservice",
    b"customer.service",
    b"customer-service",
    b"kundenservice",
    b"kundendienst",
    b"service-client",
    b"serviceclient",
    b"service.client",
    b"servicioalcliente",
    b"atencionalcliente",
    b"atendimento",
    b"sac",
    b"servizioclienti",
    b"servizio.clienti",
    b"klantenservice",
    b"noreply",
    b"no-reply",
    b"donotreply",
    b"enquiries",
    b"inquiries",
    b"feedback",
    b"complaints",
    b"grievance",
    b"dpo",
    b"datenschutz",
    b"legal",
    b"payments",
    b"accounts",
    b"accounting",
    b"finance",
    b"invoices",
    b"invoice",
    b"orders",
    b"order",
    b"achats",
    b"compras",
    b"pedidos",
    b"ventes",
    b"ventas",
    b"vendas",
    b"vendite",
    b"ordini",
    b"einkauf",
    b"verkauf",
    b"bestellung",
    b"commandes",
    b"facturation",
    b"facturacion",
    b"fatturazione",
    b"faturacao",
    b"rechnung",
    b"buchhaltung",
    b"comptabilite",
    b"contabilidad",
    b"amministrazione",
    b"administracion",
    b"recrutement",
    b"rrhh",
    b"inkoop",
    b"verkoop",
    b"boekhouding",
    b"facturen",
    b"facturas",
    b"fatture",
    b"factures",
    b"faturas",
    b"rechnungen",
    b"administratie",
    b"administration",
    b"verwaltung",
    b"reservas",
    b"reservations",
    b"prenotazioni",
    b"marketing",
    b"logistiek",
    b"logistik",
    b"logistics",
    b"versand",
    b"spedizioni",
    b"expedition",
    b"envios",
    b"vacatures",
    b"recruiting",
    b"personeelszaken",
    b"auftrag",
    b"auftraege",
    b"anfrage",
    b"anfragen",
    b"angebote",
    b"zentrale",
    b"empfang",
    b"presse",
    b"accountspayable",
    b"accounts.payable",
    b"accounts-payable",
    b"accountsreceivable",
    b"accounts.receivable",
    b"purchasing",
    b"procurement",
    b"acquisti",
    // System accounts on a host, as in `ssh deploy@stg-app-03`.
    b"deploy",
    b"root",
    b"ubuntu",
    b"ec2-user",
    b"jenkins",
    b"postgres",
    b"www-data",
];

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
        || (0x80..=0xDF).contains(&c)
}

fn is_domain(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-') || (0x80..=0xDF).contains(&c)
}

pub(super) fn emails(text: &str, out: &mut Vec<Finding>) {
    let first = out.len();
    scan_emails(text, out);
    company_named_mailboxes(text, &mut out[first..]);
    obfuscated_emails(text, out);
}

/// How people write "@" to keep an address from spam harvesters: "friederike.holm (ät) web.de",
/// "jb.marchal @ orange . fr", "k-ishii_0721 あっと docomo.ne.jp", a doubled "@@". Each is read
/// as an address wherever it stands between a mailbox name and a domain. Marks that open with a
/// space are found without it ("@ ", "ät "), so the search's first bytes are rare ones.
const AT_MARKS: &[&str] = &[
    "(at)",
    "[at]",
    "{at}",
    "(AT)",
    "[AT]",
    "{AT}",
    "(ät)",
    "[ät]",
    "ät ",
    "@ ",
    "@@",
    "あっと",
    "アット",
];

/// Marks found by their own substring search: a space-led word's first bytes are too common for
/// the automaton's. "at" spelled out, which prose uses too ("look at github dot com"), is read
/// only when the mailbox name spells a dot out or holds a dot, an underscore or a digit, or the
/// domain is a mail provider's.
const WORD_MARKS: &[(&str, bool)] = &[
    (" arroba ", true),
    (" chiocciola ", true),
    (" at ", false),
    (" AT ", false),
    (" At ", false),
];

/// Dots written out: "dana dot whitcombe at proton dot me", "orange . fr".
const DOT_MARKS: &[&str] = &[
    " dot ",
    "(dot)",
    "[dot]",
    " . ",
    " punto ",
    " punkt ",
    "ドット",
];

/// The last label of a domain read in an obfuscated address.
const TOP_LEVEL: &[&str] = &[
    "com", "net", "org", "edu", "gov", "info", "biz", "io", "me", "co", "uk", "de", "fr", "es",
    "it", "pt", "nl", "be", "at", "ch", "eu", "jp", "cn", "in", "br", "mx", "ar", "us", "ca", "au",
    "nz", "ie", "pl", "se", "dk", "no", "fi", "lu", "app", "dev",
];

/// Mail providers whose domain makes a spelled-out "at" an address's.
const MAIL_PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "proton",
    "protonmail",
    "gmx",
    "web",
    "t-online",
    "orange",
    "free",
    "wanadoo",
    "laposte",
    "libero",
    "virgilio",
    "tiscali",
    "ziggo",
    "kpnmail",
    "telenet",
    "skynet",
    "terra",
    "uol",
    "bol",
    "sapo",
    "docomo",
    "ezweb",
    "softbank",
    "qq",
    "163",
    "126",
    "sina",
    "rediffmail",
    "aol",
    "mail",
    "yandex",
];

/// Words prose puts before "at" that would pass for a mailbox name.
const PROSE_BEFORE_AT: &[&str] = &[
    "work",
    "works",
    "worked",
    "working",
    "look",
    "looking",
    "looked",
    "team",
    "people",
    "intern",
    "interns",
    "engineer",
    "engineers",
    "someone",
    "anyone",
    "here",
    "there",
    "staff",
    "jobs",
];

/// One automaton for the [`AT_MARKS`], and one substring finder for each of the [`WORD_MARKS`].
struct AtMarks {
    marks: Option<AhoCorasick>,
    words: Vec<(memmem::Finder<'static>, bool)>,
}

fn at_marks() -> &'static AtMarks {
    static MARKS: OnceLock<AtMarks> = OnceLock::new();
    MARKS.get_or_init(|| AtMarks {
        // Leftmost-first: the packed SIMD search then does the scan.
        marks: AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(AT_MARKS)
            .ok(),
        words: WORD_MARKS
            .iter()
            .map(|&(w, strong)| (memmem::Finder::new(w.as_bytes()), strong))
            .collect(),
    })
}

fn obfuscated_emails(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let marks = at_marks();
    let symbols = marks
        .marks
        .iter()
        .flat_map(|a| a.find_iter(text))
        // "Qualität ", "spät ": "ät " is a mark only as a word of its own.
        .filter(|m| AT_MARKS[m.pattern().as_usize()] != "ät " || before(b, m.start(), 1) == b' ')
        .map(|m| (m.start(), m.end(), true));
    let words = marks.words.iter().flat_map(|(finder, strong)| {
        finder
            .find_iter(b)
            .map(move |i| (i, i + finder.needle().len(), *strong))
    });
    let mut found = Vec::new();
    for (i, mark_end, strong) in symbols.chain(words) {
        // Spaces may stand around a mark: "holm (ät) web.de".
        let after = mark_end;
        let after = after + b[after..].iter().take_while(|&&c| c == b' ').count();
        let before = i - b[..i].iter().rev().take_while(|&&c| c == b' ').count();
        let Some((domain, e, _)) = obfuscated_domain(text, after) else {
            continue;
        };
        let Some((local, s, spoken_dot)) = obfuscated_local(b, before) else {
            continue;
        };
        // "john at gmail.com", not "we met at gmail.com" or "I work at gmail.com".
        let provider = MAIL_PROVIDERS.contains(&domain.split('.').next().unwrap_or(""))
            && local.len() >= 4
            && !PROSE_BEFORE_AT.contains(&local.as_str());
        let marked_local = local
            .bytes()
            .any(|c| matches!(c, b'.' | b'_') || c.is_ascii_digit());
        if !(strong || spoken_dot || provider || marked_local) {
            continue;
        }
        let Some((conf, detail)) = judge(local.as_bytes(), domain.as_bytes()) else {
            continue;
        };
        let (conf, detail) = if detail == "email" {
            (OBFUSCATED, "obfuscated_email")
        } else {
            (conf, detail)
        };
        found.push(Finding::new(FindingKind::Email, s, e, conf, detail));
    }
    // A real address ("anna@web.de") already found stays as it is.
    for f in found {
        if !out
            .iter()
            .any(|o| o.kind == FindingKind::Email && o.start < f.end && f.start < o.end)
        {
            out.push(f);
        }
    }
}

/// The confidence of an address written to dodge harvesters: somebody's, on purpose.
const OBFUSCATED: f32 = 0.85;

/// The domain after an "at" mark ending at `from`: labels joined by dots, written or spelled,
/// two at least, the last a [`TOP_LEVEL`] name. The domain (dots as '.'), its end, and whether a
/// dot was spelled out.
fn obfuscated_domain(text: &str, from: usize) -> Option<(String, usize, bool)> {
    let b = text.as_bytes();
    let label_at = |p: usize| {
        b[p.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count()
    };
    let mut p = from;
    // Each label's span, at most eight; the domain is built once its last label reads as one.
    let mut labels = [(0usize, 0usize); 8];
    let mut count = 0;
    let mut spoken = false;
    let mut end = from;
    loop {
        let n = label_at(p);
        if n == 0 || n > 63 || count == labels.len() {
            break;
        }
        labels[count] = (p, p + n);
        count += 1;
        p += n;
        end = p;
        if b.get(p) == Some(&b'.') && label_at(p + 1) > 0 {
            p += 1;
            continue;
        }
        match DOT_MARKS
            .iter()
            .find(|m| starts_with_ci(&b[p..], m.as_bytes()))
        {
            Some(m) if label_at(p + m.len()) > 0 => {
                spoken |= m.trim() != ".";
                p += m.len();
            }
            _ => break,
        }
    }
    let (ts, te) = labels[count.checked_sub(1)?];
    if count < 2
        || !TOP_LEVEL
            .iter()
            .any(|t| t.as_bytes().eq_ignore_ascii_case(&b[ts..te]))
    {
        return None;
    }
    let domain = labels[..count]
        .iter()
        .map(|&(s, e)| text[s..e].to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(".");
    Some((domain, end, spoken))
}

/// The mailbox name before an "at" mark starting at `to`: parts of letters, digits, '.', '_',
/// '+' and '-', maybe joined by spelled dots. The name (dots as '.'), its start, and whether a
/// dot was spelled out.
fn obfuscated_local(b: &[u8], to: usize) -> Option<(String, usize, bool)> {
    let is_part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-');
    let mut s = to;
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut spoken = false;
    loop {
        let n = b[..s].iter().rev().take_while(|&&c| is_part(c)).count();
        if n == 0 {
            break;
        }
        parts.push(&b[s - n..s]);
        s -= n;
        match DOT_MARKS
            .iter()
            .find(|m| s >= m.len() && starts_with_ci(&b[s - m.len()..s], m.as_bytes()))
        {
            Some(m) if m.trim() != "." && s > m.len() && is_part(b[s - m.len() - 1]) => {
                spoken = true;
                s -= m.len();
            }
            _ => break,
        }
    }
    let local = parts
        .iter()
        .rev()
        .map(|p| String::from_utf8_lossy(p).to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(".");
    let local = local.trim_matches('.').to_string();
    (local.len() >= 2 && local.bytes().any(|c| c.is_ascii_alphabetic()))
        .then_some((local, s, spoken))
}

/// The shortest company name a mailbox is read as, in bytes: "anna@anna.de" may be a person's.
const COMPANY_NAME_MIN: usize = 6;

/// A mailbox named after the company whose domain another address of the text has: the
/// certified or second mailbox on a letterhead ("info@cartotecnicaemiliana.it – PEC
/// cartotecnicaemiliana@legalmail.it"). It is the company's, as a role mailbox is.
fn company_named_mailboxes(text: &str, found: &mut [Finding]) {
    if found.len() < 2 {
        return;
    }
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '.' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let companies: Vec<String> = found
        .iter()
        .filter_map(|f| {
            let domain = text[f.start..f.end].rsplit_once('@')?.1;
            let mut labels = domain.rsplit('.').skip(1);
            let mut name = labels.next()?;
            // "acme.co.uk", "empresa.com.br": the name is one label further.
            if matches!(
                name,
                "co" | "com" | "org" | "net" | "gov" | "ac" | "gob" | "gouv"
            ) {
                name = labels.next()?;
            }
            Some(squeeze(name))
        })
        .filter(|n| n.len() >= COMPANY_NAME_MIN)
        .collect();
    // Domains with a role mailbox: "auftrag@feldmann-roth.de" beside
    // "buchhaltung@feldmann-roth.de" is another of the company's desks.
    let role_domains: Vec<&str> = found
        .iter()
        .filter(|f| f.detail == "role_email")
        .filter_map(|f| Some(text[f.start..f.end].rsplit_once('@')?.1))
        .collect();
    for f in found.iter_mut() {
        if f.detail != "email" {
            continue;
        }
        let Some((local, domain)) = text[f.start..f.end].rsplit_once('@') else {
            continue;
        };
        // A desk is one plain lower-case word, no dots, digits or capitals.
        let desk = role_domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
            && local.bytes().all(|c| c.is_ascii_lowercase());
        if desk || companies.contains(&squeeze(local)) {
            f.confidence = 0.6;
            f.detail = "role_email";
        }
    }
}

fn scan_emails(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    for at_pos in memchr::memchr_iter(b'@', b) {
        let mut s = at_pos;
        while s > 0 && at_pos - s < 64 && is_local(b[s - 1]) {
            s -= 1;
        }
        // Only two-byte (Latin, Greek, Cyrillic) letters join an address; a CJK character right
        // before it is prose, so step forward to a character start.
        while s < at_pos && (!text.is_char_boundary(s) || b[s] == b'.') {
            s += 1;
        }
        if s == at_pos || b[at_pos - 1] == b'.' {
            continue;
        }
        let prev = if s == 0 { 0 } else { b[s - 1] };
        if (prev == b':' && !b[..s].ends_with(b"mailto:")) || prev == b'/' || prev == b'@' {
            continue;
        }
        let mut e = at_pos + 1;
        while e < b.len() && e - at_pos < 254 && is_domain(b[e]) {
            e += 1;
        }
        while e > at_pos + 1 && (matches!(b[e - 1], b'.' | b'-') || !text.is_char_boundary(e)) {
            e -= 1;
        }
        let domain = &b[at_pos + 1..e];
        let local = &b[s..at_pos];
        let Some(verdict) = judge(local, domain) else {
            continue;
        };
        if at(b, e) == b'@' {
            continue;
        }
        let (conf, detail) = verdict;
        out.push(Finding::new(FindingKind::Email, s, e, conf, detail));
    }
}

fn judge(local: &[u8], domain: &[u8]) -> Option<(f32, &'static str)> {
    let labels: Vec<&[u8]> = domain.split(|&c| c == b'.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l[0] == b'-' || l[l.len() - 1] == b'-')
    {
        return None;
    }
    let tld = labels[labels.len() - 1];
    let tld_ok = (tld.len() >= 2 && tld.len() <= 24 && tld.iter().all(u8::is_ascii_alphabetic))
        || (tld.starts_with(b"xn--") && tld.len() > 4);
    if !tld_ok {
        return None;
    }
    let lower_tld = tld.to_ascii_lowercase();
    let lower_local = local.to_ascii_lowercase();
    if FILE_EXTENSIONS.contains(&lower_tld.as_slice()) {
        return None;
    }
    if is_documentation_domain(domain) {
        return None;
    }
    // `git@github.com:org/repo` is an SSH remote; `chacha20-poly1305@openssh.com` names an
    // SSH algorithm.
    if lower_local == b"git"
        || domain.eq_ignore_ascii_case(b"openssh.com")
        || domain.eq_ignore_ascii_case(b"libssh.org")
    {
        return None;
    }
    // `ci-bot@users.noreply.github.com`, `deploy_bot@…`: a machine's mailbox ("talbot@" is a
    // name's).
    let bot = lower_local == b"bot"
        || [b"-bot".as_slice(), b"_bot", b".bot", b"[bot]"]
            .iter()
            .any(|s| lower_local.ends_with(s));
    if contains_ci(local, b"noreply")
        || contains_ci(local, b"no-reply")
        || contains_ci(local, b"donotreply")
        || contains_ci(domain, b"noreply")
        || bot
    {
        return Some((0.5, "noreply_email"));
    }
    if PLACEHOLDER_LOCALS.contains(&lower_local.as_slice()) {
        return Some((0.55, "email"));
    }
    if ROLE_LOCALS.contains(&lower_local.as_slice()) || company_local(&lower_local) {
        return Some((0.6, "role_email"));
    }
    Some((0.92, "email"))
}

/// Legal forms a company's mailbox may end with: "bortolottisnc@pec.it", "muellergmbh@…".
/// Forms of two letters ("sa", "ag") end too many names.
const LOCAL_LEGAL_FORMS: &[&[u8]] = &[
    b"snc", b"srl", b"spa", b"sas", b"sarl", b"gmbh", b"ltd", b"llc", b"ltda", b"eireli",
];

/// Whether a (lower-case) mailbox name is a company's name with its legal form, after
/// separators: "bortolottisnc", "rossi.srl", "feldmann_gmbh".
fn company_local(lower_local: &[u8]) -> bool {
    let squeezed: Vec<u8> = lower_local
        .iter()
        .copied()
        .filter(|c| !matches!(c, b'.' | b'-' | b'_'))
        .collect();
    LOCAL_LEGAL_FORMS
        .iter()
        .any(|f| squeezed.len() >= f.len() + 4 && squeezed.ends_with(f))
}

/// Reserved and "your domain here" names: `example.com`, `mail.example`, `beispiel.de`,
/// `yourcompany.com`, `foo.test`.
pub(crate) fn is_documentation_domain(domain: &[u8]) -> bool {
    let lower = domain.to_ascii_lowercase();
    let tld = lower.rsplit(|&c| c == b'.').next().unwrap_or_default();
    PLACEHOLDER_DOMAINS.iter().any(|d| {
        lower.ends_with(d) && (lower.len() == d.len() || lower[lower.len() - d.len() - 1] == b'.')
    }) || RESERVED_TLDS.contains(&tld)
        || lower
            .split(|&c| c == b'.')
            .any(|l| EXAMPLE_LABELS.contains(&l))
}
