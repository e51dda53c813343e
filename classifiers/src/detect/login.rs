//! Login pairs in prose: "the login for the staging admin panel is admin / Orchid!557",
//! "credentials: deploy:Vq7#kP2m". The finding covers the password; the user name stays
//! readable, as an assignment's key does.

use super::assign::{self, Filler};
use super::context::{self, Context};
use super::text::{at, before, in_list, run};
use super::{Finding, FindingKind};

/// The words a pair may follow. The keyword automaton finds their start; the whole word must be
/// one of these (`login`, not `loginPage` or `user_id`).
const LOGIN_WORDS: &str = "\
    login logins log-in sign-in signin user username user-name account credential credentials \
    creds zugangsdaten anmeldedaten benutzer benutzername identifiants usuario usuário \
    utilizador utente credenciales credenziali credenciais inloggegevens gebruiker \
    gebruikersnaam";

/// Words that label the value after them rather than name a user: "Account number:
/// A-7F2C19D4" is an account's number, not the password of a user called "number".
const NOT_USERS: [&[u8]; 12] = [
    b"number",
    b"no",
    b"nr",
    b"num",
    b"id",
    b"nummer",
    b"numero",
    b"code",
    b"ref",
    b"reference",
    b"type",
    b"status",
];

/// Words after which a pair may follow as after a copula: "log in *as* admin / …",
/// "login *with* admin / …".
const OPENERS: [&[u8]; 8] = [
    b"as", b"with", b"mit", b"als", b"avec", b"con", b"com", b"met",
];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut done_until = 0;
    for h in ctx.hits.iter().filter(|h| h.class & context::LOGIN != 0) {
        let prev = before(b, h.start, 1);
        if h.start < done_until || prev.is_ascii_alphanumeric() || matches!(prev, b'_' | b'.') {
            continue;
        }
        let Some(rest) = text.get(h.start..) else {
            continue;
        };
        // "log in" and "sign in" are phrases; other keywords are the start of a word.
        let len: usize = rest
            .chars()
            .take(24)
            .take_while(|&c| c.is_alphabetic() || c == '-')
            .map(char::len_utf8)
            .sum::<usize>()
            .max(h.end - h.start);
        let end = h.start + len;
        let next = at(b, end);
        if next.is_ascii_alphanumeric() || next == b'_' || (next == b'.' && at(b, end + 1) > b' ') {
            continue;
        }
        let word = rest[..len].to_lowercase();
        if !(in_list(LOGIN_WORDS, &word) || word.contains(' ')) {
            continue;
        }
        if let Some(f) = pair_after(b, end) {
            done_until = f.end;
            out.push(f);
        }
    }
}

/// Walks the words after a login word, as [`assign`]'s prose does for passwords, and reads a
/// pair where one may start: right after the word, or after a copula or colon.
fn pair_after(b: &[u8], from: usize) -> Option<Finding> {
    let limit = (from + 96).min(b.len());
    let mut p = from;
    let mut words = 0;
    let mut open = true;
    while p < limit {
        let c = at(b, p);
        if c == b'\n' {
            return None;
        }
        if c.is_ascii_whitespace() {
            p += 1;
            continue;
        }
        if matches!(c, b':' | b'=') {
            open = true;
            p += 1;
            continue;
        }
        if open && let Some(f) = pair(b, p) {
            return Some(f);
        }
        let len = run(b, p, 80, |c| !c.is_ascii_whitespace());
        words += 1;
        if words > 10 {
            return None;
        }
        let word = &b[p..p + len];
        open = match assign::filler(word) {
            Filler::Connector(copula) => copula,
            Filler::Word(colon) => colon || OPENERS.iter().any(|o| word.eq_ignore_ascii_case(o)),
            Filler::End | Filler::Value => return None,
        };
        p += len;
    }
    None
}

/// `user / password`, `user : password` or `user:password` at `p`; the password's finding.
fn pair(b: &[u8], p: usize) -> Option<Finding> {
    let user_len = run(b, p, 64, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'@')
    });
    let user = &b[p..p + user_len];
    if !user.first().is_some_and(u8::is_ascii_alphanumeric)
        || !user.iter().any(u8::is_ascii_alphabetic)
        || NOT_USERS.iter().any(|w| user.eq_ignore_ascii_case(w))
    {
        return None;
    }
    // `admin@example.com / P@ssw0rd!` is a documentation example.
    if let Some(at_sign) = user.iter().position(|&c| c == b'@')
        && super::contact::is_documentation_domain(&user[at_sign + 1..])
    {
        return None;
    }
    let sep_at = p + user_len + run(b, p + user_len, 4, |c| c == b' ');
    let sep = at(b, sep_at);
    let spaced_before = sep_at > p + user_len;
    let value_at = sep_at + 1 + run(b, sep_at + 1, 4, |c| c == b' ');
    let spaced_after = value_at > sep_at + 1;
    let tight = !spaced_before && !spaced_after;
    let shape_ok = match sep {
        // `admin/settings` is a path, so a tight slash needs a password no path segment has.
        b'/' => (spaced_before && spaced_after) || tight,
        b':' => !spaced_before || spaced_after,
        _ => false,
    };
    if !shape_ok {
        return None;
    }
    let len = run(b, value_at, 80, |c| !c.is_ascii_whitespace());
    let word = &b[value_at..value_at + len];
    let pass = assign::trim_word(word);
    let s = value_at + (pass.as_ptr() as usize - word.as_ptr() as usize);
    let symbol = pass
        .iter()
        .any(|&c| c.is_ascii_punctuation() && !matches!(c, b'.' | b'-' | b'_' | b'~'));
    if !(6..=64).contains(&pass.len())
        || pass.iter().any(|&c| matches!(c, b'/' | b':'))
        || (sep == b'/' && tight && !symbol)
        || pass.eq_ignore_ascii_case(user)
        || !assign::plausible_password(pass)
    {
        return None;
    }
    let conf = if assign::strong_password(pass) {
        0.85
    } else {
        0.7
    };
    Some(Finding::new(
        FindingKind::Password,
        s,
        s + pass.len(),
        conf,
        "login_pair",
    ))
}

/// Clients that take a password glued to `-p` (`mysql -u app -pS3cret!`, `mysqldump
/// -p'Tr3nt1n0!'`) or after it (`sshpass -p 'S3cret!' ssh …`).
const PASSWORD_FLAG_CLIENTS: [(&str, bool); 5] = [
    ("mysql", true),
    ("mysqldump", true),
    ("mysqladmin", true),
    ("mariadb", true),
    ("sshpass", false),
];

/// Passwords on a command line: the value of the client's `-p` flag on the same line.
pub(super) fn command_line(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    if memchr::memmem::find(b, b" -p").is_none() {
        return;
    }
    for (client, glued) in PASSWORD_FLAG_CLIENTS {
        for (at_client, _) in text.match_indices(client) {
            let end = at_client + client.len();
            if before(b, at_client, 1).is_ascii_alphanumeric() || at(b, end) != b' ' {
                continue;
            }
            let line_end = memchr::memchr(b'\n', &b[end..]).map_or(b.len(), |k| end + k);
            let Some(flag) = memchr::memmem::find(&b[end..line_end], b" -p").map(|k| end + k + 3)
            else {
                continue;
            };
            let mut s = flag;
            if !glued {
                if at(b, s) != b' ' {
                    continue;
                }
                s += run(b, s, 4, |c| c == b' ');
            }
            let quote = at(b, s);
            let quoted = quote == b'\'' || quote == b'"';
            if quoted {
                s += 1;
            }
            let e = s + run(b, s, 128, |c| {
                if quoted {
                    c != quote && c != b'\n'
                } else {
                    c.is_ascii_graphic()
                }
            });
            let value = &b[s..e];
            if value.len() >= 4
                && !value.starts_with(b"$")
                && !super::text::looks_like_placeholder(value)
                && assign::strong_password(value)
            {
                out.push(Finding::new(
                    FindingKind::Password,
                    s,
                    e,
                    0.85,
                    "command_line",
                ));
            }
        }
    }
}
