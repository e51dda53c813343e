//! Credentials introduced by a key: `password=…`, `"api_key": "…"`, `<password>…</password>`,
//! `--password …`, `Authorization: Basic …`, `Bearer …`, and prose such as "my password is …"
//! or "the token is <random string>".
//!
//! The finding covers the value only, so a redacted prompt still shows which setting it was.

use super::context::{self, Context, Hit};
use super::text::{
    self, DIGIT, LOWER, SYMBOL, UPPER, at, before, class_count, classes, decode_base64,
    is_high_entropy, is_uuid, line_prefix, looks_like_placeholder, run,
};
use super::{Finding, FindingKind};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Key {
    Password,
    Secret,
    AwsSecret,
    Authorization,
}

const PASSWORD_WORDS: &str = "\
    password passwd pwd pass passphrase passwort kennwort contraseña contrasena passe \
    motdepasse mdp senha wachtwoord d'ordine d’ordine パスワード पासवर्ड 密码 密碼 口令 비밀번호 psk";

const SECRET_WORDS: &str = "\
    secret token apikey credential credentials secretkey accesskey privatekey authtoken auth \
    sessid phpsessid jsessionid sessionid aspsessionid";

const COMPOUND_TAILS: &[&str] = &[
    "password",
    "passwd",
    "passwort",
    "kennwort",
    "wachtwoord",
    "secret",
    "token",
    "apikey",
    "sessid",
    "sessionid",
];

/// Segments that may follow the secret word without changing what the value is.
const SUFFIXES: &str = "\
    value base str string raw b64 base64 hex prod production live dev staging new old \
    current confirm confirmation again repeat";

/// `<qualifier>_key` names a credential only for these qualifiers; `primary_key`, `sort_key`,
/// `cache_key` and friends do not.
const KEY_QUALIFIERS: &str = "\
    api access secret private auth signing sign encryption encrypt master client app \
    application service license subscription account admin sas shared storage session \
    webhook consumer bot deploy integration personal rest write read server jwt hmac aes \
    crypt token openai anthropic stripe sendgrid twilio mailgun github gitlab slack aws \
    azure gcp google heroku datadog dd sentry algolia mapbox firebase supabase pinecone \
    cohere mistral groq hf huggingface replicate deepseek gemini claude llm cloudflare cf \
    vercel resend postmark mailchimp segment posthog pusher paypal braintree square plaid \
    shopify discord telegram notion airtable linear jira atlassian okta twitter facebook \
    maps openrouter together perplexity xai voyage elevenlabs deepgram";

/// `<qualifier>_token` that is not a credential: pagination cursors and tokenizer vocabulary.
const TOKEN_NOT: &str = "\
    page next pagination continuation cursor sync max min num count total eos bos pad unk \
    sep cls mask special start end stop prev last first input output";

/// Values that are types, literals, or names rather than secrets.
const NOT_VALUES: &str = "\
    password passwd pass pwd secret token key apikey api_key null nil none undefined true \
    false yes no on off test testing foo bar baz string str text required optional hidden \
    masked empty default secretstr secretstring option bytes varchar char int integer number \
    bool boolean any object list vec field charfield passwordfield column type input value \
    env environment auto sha1 sha256 sha512 md5 bcrypt argon2 argon2id pbkdf2 scrypt plain \
    plaintext basic bearer oauth oauth2 jwt session cookie header query body secret123 \
    password123 admin123 mypassword mysecret s3cr3t hunter2 foobar qwerty letmein 123456 \
    12345678 abc123";

const REFERENCE_PREFIXES: &[&str] = &[
    ":", "`", "$", "%", "{", "<", "[", "!", "&", "*", "@", "os.", "process.", "env.", "env[",
    "env(", "getenv", "secrets.", "vault:", "ssm:", "arn:", "enc[", "ref+", "sops", "file:", "/",
    "~/", "./", "../", "http://", "https://",
];

const REFERENCE_MARKERS: &[&str] = &[
    "getenv",
    "environ",
    "process.env",
    "example",
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "redacted",
    "<",
    ">",
    "xxxx",
    "****",
    "...",
    "…",
    "your",
    "todo",
    "fixme",
    "dummy",
    "sample",
];

pub(super) fn scan(text: &str, ctx: &Context, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut done_until = 0;
    for h in ctx
        .hits
        .iter()
        .filter(|h| h.class & context::ASSIGN_KEYS != 0)
    {
        if h.start < done_until {
            continue;
        }
        if h.class & context::BEARER != 0 {
            bearer(b, h.end, out);
            continue;
        }
        let (is, ie, flag) = identifier(b, h.start, h.end);
        done_until = ie;
        let segments = segments(&b[is..ie]);
        let key = classify(&segments).or_else(|| {
            // Prose spells the qualifier as a separate word: "my API key is …".
            (segments.len() == 1 && segments[0] == "key" && qualified_by_previous_word(b, is))
                .then_some(Key::Secret)
        });
        let Some(key) = key else {
            continue;
        };
        match value(b, is, ie, flag) {
            Some(v) if key == Key::Authorization => authorization(b, v, out),
            Some(v) => assigned(text, key, &segments, v, out),
            None => prose(b, key, h, is, ie, ctx, out),
        }
    }
}

/// The identifier around a keyword hit (`DB_PASSWORD`, `spring.datasource.password`,
/// `x-api-key`), and whether it is a `--flag`.
fn identifier(b: &[u8], s: usize, e: usize) -> (usize, usize, bool) {
    let ident = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    let mut is = s;
    while is > 0 && s - is < 64 && ident(b[is - 1]) {
        is -= 1;
    }
    let ie = e + run(b, e, 64, ident);
    let flag = b[is..].starts_with(b"--");
    let mut lo = is;
    let mut hi = ie;
    while lo < s && matches!(b[lo], b'.' | b'-') {
        lo += 1;
    }
    while hi > e && matches!(b[hi - 1], b'.' | b'-') {
        hi -= 1;
    }
    (lo, hi, flag)
}

/// Key words of other languages that end an identifier ("API-Schlüssel", "APIキー", "WiFi密码"),
/// and the English word each stands for.
const FOREIGN_KEY_WORDS: &[(&str, &str)] = &[
    ("schlüssel", "key"),
    ("schluessel", "key"),
    ("sleutel", "key"),
    ("キー", "key"),
    ("密钥", "key"),
    ("秘钥", "key"),
    ("金鑰", "key"),
    ("कुंजी", "key"),
    ("パスワード", "password"),
    ("密码", "password"),
    ("密碼", "password"),
    ("口令", "password"),
    ("पासवर्ड", "password"),
    ("비밀번호", "password"),
    ("トークン", "token"),
    ("令牌", "token"),
    ("टोकन", "token"),
];

/// Lowercased words of an identifier, split at `_ - .`, spaces and camelCase humps; a key word
/// of another language at the end becomes its English word ("apiキー" → `api`, `key`).
fn segments(id: &[u8]) -> Vec<String> {
    let mut segs = ascii_segments(id);
    if let Some(last) = segs.pop() {
        match FOREIGN_KEY_WORDS
            .iter()
            .find(|(foreign, _)| last.ends_with(foreign))
        {
            Some((foreign, english)) => {
                let head = &last[..last.len() - foreign.len()];
                if !head.is_empty() {
                    segs.push(head.to_owned());
                }
                segs.push((*english).to_owned());
            }
            None => segs.push(last),
        }
    }
    segs
}

fn ascii_segments(id: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut prev_lower = false;
    for &c in id {
        if matches!(c, b'_' | b'-' | b'.' | b' ') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(|s| String::from_utf8_lossy(&s).into_owned())
        .collect()
}

fn classify(segs: &[String]) -> Option<Key> {
    let n = segs.len();
    let last = segs.last()?.as_str();
    let has_suffix =
        n >= 2 && (text::in_list(SUFFIXES, last) || last.bytes().all(|c| c.is_ascii_digit()));
    let (word, quals) = if has_suffix {
        (segs[n - 2].as_str(), &segs[..n - 2])
    } else {
        (last, &segs[..n - 1])
    };
    let aws = segs.iter().any(|s| s == "aws") && segs.iter().any(|s| s == "secret");
    // Run-together names: `PGPASSWORD`, `clientsecret`, `accesstoken`.
    let word = COMPOUND_TAILS
        .iter()
        .find(|t| word.len() > t.len() && word.ends_with(*t))
        .copied()
        .unwrap_or(word);
    if text::in_list(PASSWORD_WORDS, word) {
        return Some(Key::Password);
    }
    if word == "authorization" {
        return Some(Key::Authorization);
    }
    // Public keys and their tokens are meant to be shared.
    if segs.iter().any(|s| s == "public") {
        return None;
    }
    if aws || segs.concat().contains("secretaccesskey") {
        return Some(Key::AwsSecret);
    }
    if text::in_list(SECRET_WORDS, word) {
        if word == "token" && quals.last().is_some_and(|q| text::in_list(TOKEN_NOT, q)) {
            return None;
        }
        return Some(Key::Secret);
    }
    if word == "key" && quals.iter().any(|q| text::in_list(KEY_QUALIFIERS, q)) {
        return Some(Key::Secret);
    }
    None
}

fn qualified_by_previous_word(b: &[u8], is: usize) -> bool {
    if before(b, is, 1) != b' ' {
        return false;
    }
    let e = is - 1;
    let s = text::run_back(b, e, 24, |c| c.is_ascii_alphabetic());
    let word = String::from_utf8_lossy(&b[s..e].to_ascii_lowercase()).into_owned();
    text::in_list(KEY_QUALIFIERS, &word)
}

/// How a value is written, which decides how much a bare word can be trusted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    /// In quotes or between XML tags: the text is literally the value.
    Quoted,
    /// `KEY=value` ending its line (env files, properties, compose lists), a query or
    /// connection-string parameter (`?password=…`, `;Password=…`), or `--flag=value`.
    Data,
    /// `key: value` opening a line: YAML.
    Yaml,
    /// Anything else — `password = x` in code, keyword arguments, `--password x` — where a
    /// bare word is more likely a variable than a password.
    Code,
}

#[derive(Clone, Copy, Debug)]
struct Value {
    start: usize,
    end: usize,
    style: Style,
}

/// The value assigned to the identifier at `is..ie`, if an assignment follows it.
/// Environment lists give a variable's name and its value as two fields: `{"key":
/// "key_secret", "value": "…"}` (Postman), `{"name": "DB_PASSWORD", "value": "…"}` (ECS), `- name:
/// DB_PASSWORD` then `value: …` on the next line (Kubernetes). Where the name is such a field's
/// value, the position right after the `value` key that follows it.
fn value_field(b: &[u8], is: usize, p: usize, quoted: bool) -> Option<usize> {
    let line_start = b[..is]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let head = b[line_start..is].to_ascii_lowercase();
    let head = head.trim_ascii_end();
    let head = head.strip_suffix(b"\"").unwrap_or(head).trim_ascii_end();
    if !(head.ends_with(b"name\":") || head.ends_with(b"key\":") || head.ends_with(b"name:")) {
        return None;
    }
    let mut q = p;
    if quoted {
        q += run(b, q, 8, |c| c == b' ' || c == b'\t');
        if at(b, q) != b',' {
            return None;
        }
        q += 1;
    }
    q += run(b, q, 24, |c| c.is_ascii_whitespace());
    let open = at(b, q);
    let field_quoted = matches!(open, b'"' | b'\'');
    if field_quoted {
        q += 1;
    }
    if !b
        .get(q..q + 5)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"value"))
    {
        return None;
    }
    q += 5;
    if field_quoted {
        if at(b, q) != open {
            return None;
        }
        q += 1;
    }
    (at(b, q) == b':' || at(b, q) == b' ').then_some(q)
}

fn value(b: &[u8], is: usize, ie: usize, flag: bool) -> Option<Value> {
    let mut p = ie;
    let open_quote = before(b, is, 1);
    let key_quoted = matches!(open_quote, b'"' | b'\'' | b'`') && at(b, p) == open_quote;
    if key_quoted {
        p += 1;
    }
    if let Some(after) = value_field(b, is, p, key_quoted) {
        p = after;
    }
    if open_quote == b'<' && at(b, p) == b'>' {
        // An XML element: the value runs to the closing tag of the same name.
        let len = run(b, p + 1, 256, |c| c != b'<' && c != b'\n');
        let close = p + 1 + len;
        let closing = b[close..].starts_with(b"</") && b[close + 2..].starts_with(&b[is..ie]);
        return closing.then_some(Value {
            start: p + 1,
            end: close,
            style: Style::Quoted,
        });
    }
    let spaced_before = run(b, p, 16, |c| c == b' ' || c == b'\t');
    p += spaced_before;
    let op_len = match (at(b, p), at(b, p + 1), at(b, p + 2)) {
        (b'=', b'=', b'=') => 3,
        (b':', b'=', _) | (b'=', b'>', _) | (b'=', b'=', _) | (b'<', b'-', _) => 2,
        (b':', b':', _) => return None,
        (b'=', _, _) | (b':', _, _) => 1,
        _ if flag && p > ie => 0,
        _ => return None,
    };
    let (colon, equals) = (
        op_len == 1 && at(b, p) == b':',
        op_len == 1 && at(b, p) == b'=',
    );
    p += op_len;
    let spaced_after = run(b, p, 16, |c| c == b' ' || c == b'\t');
    // reST roles and the like: "Pass :meth:`peek`".
    if colon && spaced_before > 0 && spaced_after == 0 {
        return None;
    }
    p += spaced_after;
    let q = at(b, p);
    if matches!(q, b'"' | b'\'' | b'`') {
        let s = p + 1;
        let mut e = s;
        while e < b.len() && e - s < 512 && b[e] != q && b[e] != b'\n' {
            e += if b[e] == b'\\' { 2 } else { 1 };
        }
        return (at(b, e) == q).then_some(Value {
            start: s,
            end: e,
            style: Style::Quoted,
        });
    }
    // `&` separates query parameters (`?user=u&password=p`) but is an ordinary character in
    // an env file's value and in a `;`-separated connection string's.
    let in_query = matches!(before(b, is, 1), b'?' | b'&' | b';');
    let amp_ends = matches!(before(b, is, 1), b'?' | b'&');
    let len = run(b, p, 256, |c| {
        !(c.is_ascii_whitespace()
            || matches!(
                c,
                b',' | b';' | b')' | b'}' | b']' | b'>' | b'"' | b'\'' | b'<' | b'\\'
            )
            || (c == b'&' && amp_ends))
    });
    if len == 0 {
        return None;
    }
    let end = p + len;
    let after = end + run(b, end, 64, |c| c == b' ' || c == b'\t');
    let ends_line = matches!(at(b, after), b'\n' | b'\r' | b'#' | 0);
    let tight = equals && spaced_before == 0 && spaced_after == 0;
    let style = if (tight && (in_query || (ends_line && bare_line(b, is)))) || (flag && equals) {
        Style::Data
    } else if colon && spaced_before == 0 && !key_quoted && ends_line && bare_line(b, is) {
        Style::Yaml
    } else {
        Style::Code
    };
    Some(Value {
        start: p,
        end,
        style,
    })
}

/// Nothing but indentation, a list dash or a declaration word before the key on its line.
fn bare_line(b: &[u8], is: usize) -> bool {
    let pre = line_prefix(b, is).trim_ascii();
    pre.is_empty() || [b"-".as_slice(), b"export", b"set", b"ENV", b"SET"].contains(&pre)
}

/// Values that stand for a secret rather than being one: environment lookups, template
/// variables, type names, attribute access, placeholders.
pub(super) fn is_reference(v: &[u8], quoted: bool) -> bool {
    let lower = v.to_ascii_lowercase();
    let l = String::from_utf8_lossy(&lower);
    if v.is_empty()
        || REFERENCE_PREFIXES.iter().any(|p| l.starts_with(p))
        || REFERENCE_MARKERS.iter().any(|m| l.contains(m))
        || text::says_change_me(&lower)
        || text::in_list(NOT_VALUES, &l)
        || v.iter().all(|&c| c == v[0])
    {
        return true;
    }
    if ["password", "passwd", "secret", "token", "api_key", "apikey"]
        .iter()
        .any(|k| l.contains(k))
    {
        return true;
    }
    if !quoted {
        let attribute = v.contains(&b'.')
            && v.split(|&c| c == b'.').all(|seg| {
                seg.first()
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                    && seg.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
            });
        if attribute || v.contains(&b'(') || v.contains(&b'[') {
            return true;
        }
    }
    false
}

/// Scalar types in the languages people paste.
const TYPE_NAMES: &str = "\
    u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64 float double long short byte \
    void unknown never uint uint32 uint64 int32 int64 ident expr ty tt literal path";

/// An unquoted value that is code rather than data: a type (`usize`, `Cell<usize>`,
/// `AllowCredentials`), a path (`private::IdentAny`), a private name (`_bindgen_ty_5`) or a
/// numeric constant (`0x04`, `1024`).
fn is_code_value(b: &[u8], v: Value) -> bool {
    let raw = &b[v.start..v.end];
    let lower = String::from_utf8_lossy(&raw.to_ascii_lowercase()).into_owned();
    let identifier = raw.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_');
    let numeric = raw.iter().all(u8::is_ascii_digit)
        || (raw.len() > 2 && lower.starts_with("0x") && raw[2..].iter().all(u8::is_ascii_hexdigit));
    let generic = matches!(at(b, v.end), b'<' | b'(' | b'[') || b[v.end..].starts_with(b"::");
    // `NAME: Type = value` declares a type, not a value.
    let annotation = at(b, v.end + run(b, v.end, 8, |c| c == b' ')) == b'=';
    numeric
        || memchr::memmem::find(raw, b"::").is_some()
        || (identifier
            && (raw.first() == Some(&b'_')
                || raw.contains(&b'_')
                || is_camel_case(raw)
                || text::in_list(TYPE_NAMES, &lower)
                || generic
                || annotation))
}

/// Names built from words: every `_ - .` separated part is letters then digits
/// (`take_until_and_consume1`, `ECDSA_NISTP256_SHA256`), or a long single-case run spells a word.
fn identifier_like(t: &[u8]) -> bool {
    let parts: Vec<&[u8]> = t.split(|&c| matches!(c, b'_' | b'-' | b'.')).collect();
    let worded = parts.len() >= 2
        && parts.iter().all(|p| {
            let letters = p.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            p[letters..].iter().all(u8::is_ascii_digit)
        });
    let mut run_len = 0;
    let mut longest = 0;
    let mut prev_case = 0u8;
    for &c in t {
        let case = if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_uppercase() {
            2
        } else {
            0
        };
        run_len = if case != 0 && case == prev_case {
            run_len + 1
        } else {
            usize::from(case != 0)
        };
        prev_case = case;
        longest = longest.max(run_len);
    }
    // CamelCase names: capitalised words ("SyncX509WorkloadIdentityAuth") cover most of it.
    let mut humps = 0;
    let mut covered = 0;
    let mut i = 0;
    while i < t.len() {
        if t[i].is_ascii_uppercase() {
            let lower = t[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase())
                .count();
            if lower >= 2 {
                humps += 1;
                covered += lower + 1;
            }
            i += lower + 1;
        } else {
            i += 1;
        }
    }
    worded || longest >= 8 || (humps >= 3 && covered * 10 >= t.len() * 7)
}

/// `AllowCredentials`, `Token`: capitalised words with digits at most at the end, the shape of a
/// type name. Random tokens interleave case and digits.
fn is_camel_case(v: &[u8]) -> bool {
    if !v.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let letters_end = v.iter().position(u8::is_ascii_digit).unwrap_or(v.len());
    let (letters, digits) = v.split_at(letters_end);
    digits.iter().all(u8::is_ascii_digit)
        && letters.iter().all(u8::is_ascii_alphabetic)
        && letters
            .windows(2)
            .all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
        && letters.last().is_some_and(u8::is_ascii_lowercase)
}

/// Random strings change character class (case, digit, symbol) at most positions; names and
/// identifiers (`Pkcs1PrivateDecryptingKey`, `ECDSA_NISTP256_SHA256`) change rarely.
fn random_looking(t: &[u8]) -> bool {
    let class = |c: u8| {
        if c.is_ascii_lowercase() {
            0
        } else if c.is_ascii_uppercase() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            3
        }
    };
    let changes = t.windows(2).filter(|w| class(w[0]) != class(w[1])).count();
    is_high_entropy(t) && changes * 100 >= t.len().saturating_sub(1) * 35 && !identifier_like(t)
}

/// Forty base64 characters, not a placeholder: the shape of an AWS secret access key.
fn aws_secret_body(raw: &[u8]) -> bool {
    raw.len() == 40 && raw.iter().all(|&c| text::is_b64(c)) && !looks_like_placeholder(raw)
}

fn assigned(text: &str, key: Key, segs: &[String], v: Value, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let raw = &b[v.start..v.end];
    let filtered = raw.iter().any(u8::is_ascii_whitespace)
        || is_reference(raw, v.style == Style::Quoted)
        || (v.style == Style::Code && is_code_value(b, v));
    if key == Key::AwsSecret && aws_secret_body(raw) {
        // A secret may start with `/`, which otherwise marks a path: there it takes both cases,
        // a digit and randomness, which a path of words between slashes
        // (`/srv/app/config/aws/credentials/default`) lacks.
        let secret = if raw[0] == b'/' {
            classes(raw) & (LOWER | UPPER | DIGIT) == (LOWER | UPPER | DIGIT)
                && is_high_entropy(raw)
        } else {
            !filtered
        };
        if secret {
            out.push(Finding::new(
                FindingKind::ApiKey,
                v.start,
                v.end,
                0.95,
                "aws_secret_access_key",
            ));
        }
        return;
    }
    if filtered {
        return;
    }
    let c = classes(raw);
    let has_digit = c & DIGIT != 0;
    match key {
        Key::Password => {
            let chars = text.get(v.start..v.end).map_or(0, |s| s.chars().count());
            // "pass" and "pwd" also name passes and directories; they need a password-like value.
            let ambiguous = segs.iter().any(|s| s == "pass" || s == "pwd");
            let ok = match v.style {
                Style::Quoted | Style::Data => true,
                Style::Yaml => passwordish(raw) || (chars >= 6 && !ambiguous),
                Style::Code => passwordish(raw),
            };
            if !(4..=128).contains(&chars) || !ok {
                return;
            }
            let conf = if v.style == Style::Code && !symbolic(raw) {
                0.75
            } else {
                0.85
            };
            out.push(Finding::new(
                FindingKind::Password,
                v.start,
                v.end,
                conf,
                "password_assignment",
            ));
        }
        Key::Secret | Key::AwsSecret => {
            if is_uuid(raw) {
                let (kind, conf, detail) = if segs.iter().any(|s| s == "heroku") {
                    (FindingKind::ApiKey, 0.85, "heroku_api_key")
                } else {
                    (FindingKind::HighEntropySecret, 0.6, "secret_assignment")
                };
                out.push(Finding::new(kind, v.start, v.end, conf, detail));
                return;
            }
            if looks_like_placeholder(raw) || is_path_like(raw) {
                return;
            }
            // Short random strings almost always contain a digit; names and words do not.
            let digit_ok = has_digit || raw.len() >= 32;
            let conf = match v.style {
                Style::Code if random_looking(raw) && has_digit => 0.8,
                Style::Code => return,
                _ if is_high_entropy(raw) && digit_ok && !identifier_like(raw) => 0.9,
                _ if raw.len() >= 12
                    && has_digit
                    && c & (LOWER | UPPER) != 0
                    && !identifier_like(raw) =>
                {
                    0.65
                }
                _ => return,
            };
            out.push(Finding::new(
                FindingKind::HighEntropySecret,
                v.start,
                v.end,
                conf,
                "secret_assignment",
            ));
        }
        Key::Authorization => {}
    }
}

/// Letters with a digit, or both cases with a symbol: a bare English word or identifier is not.
pub(super) fn passwordish(v: &[u8]) -> bool {
    let c = classes(v);
    c & (LOWER | UPPER) != 0
        && (c & DIGIT != 0 || c & (LOWER | UPPER | SYMBOL) == (LOWER | UPPER | SYMBOL))
}

fn is_path_like(v: &[u8]) -> bool {
    const EXTENSIONS: [&[u8]; 8] = [
        b".pem", b".key", b".json", b".p12", b".pfx", b".txt", b".crt", b".env",
    ];
    memchr::memmem::find(v, b"://").is_some() || EXTENSIONS.iter().any(|e| v.ends_with(e))
}

/// `Authorization: Basic …` / `Token …` / a bare key. `Bearer …` has its own keyword hit.
fn authorization(b: &[u8], v: Value, out: &mut Vec<Finding>) {
    let scheme_len = run(b, v.start, 16, |c| c.is_ascii_alphabetic());
    let scheme = &b[v.start..v.start + scheme_len];
    if scheme.eq_ignore_ascii_case(b"bearer") {
        return;
    }
    let tok_start = if at(b, v.start + scheme_len) == b' ' {
        v.start + scheme_len + 1
    } else {
        v.start
    };
    let len = run(b, tok_start, 4096, |c| {
        text::is_b64url(c) || matches!(c, b'.' | b'~' | b'+' | b'/' | b'=')
    });
    let tok = &b[tok_start..tok_start + len];
    if scheme.eq_ignore_ascii_case(b"basic") && tok_start > v.start {
        if let Some(f) = basic(tok, tok_start) {
            out.push(f);
        }
        return;
    }
    if len >= 16 && is_high_entropy(tok) && !looks_like_placeholder(tok) && !is_reference(tok, true)
    {
        out.push(Finding::new(
            FindingKind::HighEntropySecret,
            tok_start,
            tok_start + len,
            0.85,
            "authorization_header",
        ));
    }
}

fn basic(tok: &[u8], start: usize) -> Option<Finding> {
    let decoded = decode_base64(tok)?;
    let colon = decoded.iter().position(|&c| c == b':')?;
    if colon == 0 || colon + 1 >= decoded.len() || !decoded.iter().all(|c| (0x20..0x7f).contains(c))
    {
        return None;
    }
    let (user, pass) = (&decoded[..colon], &decoded[colon + 1..]);
    // RFC 7617's example and the usual user:password stand-ins.
    if decoded == b"Aladdin:open sesame"
        || pass.eq_ignore_ascii_case(user)
        || is_reference(pass, true)
        || looks_like_placeholder(&decoded)
    {
        return None;
    }
    Some(Finding::new(
        FindingKind::Password,
        start,
        start + tok.len(),
        0.9,
        "basic_auth",
    ))
}

fn bearer(b: &[u8], e: usize, out: &mut Vec<Finding>) {
    if at(b, e) != b' ' {
        return;
    }
    let s = e + run(b, e, 4, |c| c == b' ');
    let len = run(b, s, 4096, |c| {
        text::is_b64url(c) || matches!(c, b'.' | b'~' | b'+' | b'/' | b'=')
    });
    let tok = &b[s..s + len];
    if len < 16 || looks_like_placeholder(tok) || is_reference(tok, true) {
        return;
    }
    if text::entropy(tok) < 3.0 || class_count(tok) < 2 || classes(tok) & DIGIT == 0 {
        return;
    }
    out.push(Finding::new(
        FindingKind::HighEntropySecret,
        s,
        s + len,
        0.9,
        "bearer_token",
    ));
}

/// Words that may stand between a key word and its value in a sentence.
pub(super) const CONNECTORS: &str = "\
    is ist lautet es est c'est c’est cest c era è e é was war are sind zijn são sont sono now jetzt \
    ahora maintenant ora nu agora to = : - → -> は है my the der das le la el il het de o a mein mon \
    mi mio mijn meu minha new neue nouveau nuevo nuova nieuwe nova novo temporary \
    provisional provisoria provisório provisória provisoire temporaire temporal temporária \
    provvisoria temporanea tijdelijk tijdelijke vorläufig vorläufiges initial inicial iniziale";

fn prose(b: &[u8], key: Key, h: &Hit, is: usize, ie: usize, ctx: &Context, out: &mut Vec<Finding>) {
    // In prose the key is a word of its own: `{password}` or `password)` is code.
    let next = at(b, ie.max(h.end));
    let prev = before(b, h.start, 1);
    if !(next.is_ascii_whitespace() || matches!(next, b':' | b'=') || next >= 0x80)
        || matches!(prev, b'{' | b'$' | b'(' | b'.' | b'[')
    {
        return;
    }
    // "pass" and "pwd" are verbs and shell commands in prose far more often than labels, and
    // "passe" alone is a pass or a move; "palavra-passe" is a password. After "pass" only a
    // copula and a strong value make one: "la pass è Ferro&Sudore_2024".
    let id = b[is..ie.max(h.end)].to_ascii_lowercase();
    let last = id.rsplit(|&c| matches!(c, b'-' | b'_' | b'.')).next();
    if key == Key::Password && id.as_slice() == b"passe" {
        return;
    }
    let strict = key == Key::Password && matches!(last, Some(b"pass" | b"pwd"));
    // `set_password shouldn't fail` is code talking about a password.
    if b[..ie]
        .iter()
        .rev()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        .any(|&c| c == b'_')
    {
        return;
    }
    match key {
        Key::Password => password_prose(b, ie.max(h.end), strict, out),
        Key::Secret | Key::AwsSecret => secret_prose(b, ie.max(h.end), ctx, out),
        Key::Authorization => {}
    }
}

/// Words after which the value itself follows: "… is Dragon.1455", "密码是…".
pub(super) const COPULAS: &str = "\
    is ist est c'est c’est cest c es è é era was war lautet are sind zijn são sont sono = : は 是 为 \
    為 है";

/// Japanese puts the verb after the value: "パスワード Sakura#2024 にしてる", "… に設定した".
const AFTER_VALUE: [&str; 4] = ["にして", "にした", "に設定", "に変更"];

/// Particles written without a space: "パスワードは", "비밀번호는", "密码是", and opening quotes.
const PARTICLES: [&str; 10] = ["は", "는", "은", "：", "是", "为", "為", "“", "«", "「"];

/// What a word between a key and its value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Filler {
    /// A connector; `true` when it introduces the value ("is", "lautet", "=").
    Connector(bool),
    /// A plain word ("wifi", "HR-portaal", "username/password:"); `true` when it ends in a colon.
    Word(bool),
    /// The word ends the sentence: nothing after it belongs to the key.
    End,
    /// Anything else: the candidate value.
    Value,
}

pub(super) fn filler(word: &[u8]) -> Filler {
    let lower = String::from_utf8_lossy(word).to_lowercase();
    let colon = lower.ends_with(':') || lower.ends_with('：');
    let w = lower.trim_end_matches([':', '：', ',', '.']);
    if text::in_list(CONNECTORS, w) {
        return Filler::Connector(text::in_list(COPULAS, w) || colon);
    }
    let inner = lower.trim_end_matches([':', '：', ',']);
    let wordlike = |s: &str| {
        s.chars().any(char::is_alphabetic)
            && s.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '/' | '\'' | '\u{2019}'))
    };
    if wordlike(inner) {
        return Filler::Word(colon);
    }
    let stem = inner.trim_end_matches(['.', '!', '?', ';']);
    if wordlike(&stem.replace('.', "")) {
        // "RR. HH." and "z.B." abbreviate; "network." ends the sentence.
        let caps = inner.len() <= 5
            && inner.ends_with('.')
            && word.iter().all(|&c| !c.is_ascii_lowercase());
        return if caps || stem.contains('.') {
            Filler::Word(false)
        } else {
            Filler::End
        };
    }
    Filler::Value
}

/// A password stated in prose after its key. `strict`: only a strong value after a copula counts
/// (after "pass", which is as often a verb).
fn password_prose(b: &[u8], from: usize, strict: bool, out: &mut Vec<Finding>) {
    let limit = (from + 96).min(b.len());
    let mut p = from;
    // Words skipped between the key and its value, connectors included.
    let mut skipped = 0;
    // Plain words among them ("the wifi password *for the guest network* is …") are allowed
    // when a copula then introduces the value.
    let mut fillers = 0usize;
    let mut after_copula = false;
    while p < limit {
        // Japanese, Korean, Chinese and Hindi attach particles without spaces.
        for particle in PARTICLES {
            if b[p..].starts_with(particle.as_bytes()) {
                p += particle.len();
                after_copula |= !matches!(particle, "“" | "«" | "「");
            }
        }
        let c = at(b, p);
        if c == b'\n' {
            return;
        }
        if c.is_ascii_whitespace() || matches!(c, b':' | b'=') {
            after_copula |= matches!(c, b':' | b'=');
            p += 1;
            continue;
        }
        let len = run(b, p, 80, |c| !c.is_ascii_whitespace());
        if len == 0 {
            return;
        }
        let word = &b[p..p + len];
        match filler(word) {
            kind @ (Filler::Connector(introduces) | Filler::Word(introduces)) => {
                skipped += 1;
                fillers += usize::from(matches!(kind, Filler::Word(_)));
                if skipped > 10 {
                    return;
                }
                after_copula = introduces;
                p += len;
                continue;
            }
            Filler::End => return,
            Filler::Value => {}
        }
        if fillers > 0 && !after_copula {
            return;
        }
        // Chinese and Japanese run on without a space after the value: "Kq#2024hr!7m，登上去…".
        let word = match word.iter().position(|&c| c >= 0x80) {
            Some(k) if k > 0 => &word[..k],
            _ => word,
        };
        let bare = trim_word(word);
        let offset = bare.as_ptr() as usize - word.as_ptr() as usize;
        let s = p + offset;
        let e = s + bare.len();
        // Hyphenated words ("zero-sized"), paths and code are not passwords.
        let hyphenated = bare
            .split(|&x| matches!(x, b'-' | b'_'))
            .all(|part| part.iter().all(u8::is_ascii_alphabetic));
        let looks = (6..=64).contains(&bare.len())
            && !hyphenated
            && !bare.iter().any(|&x| matches!(x, b'/' | b':' | b'\''))
            && !bare
                .split(|&x| x == b'@')
                .nth(1)
                .is_some_and(|d| d.contains(&b'.'))
            && plausible_password(bare);
        if looks {
            // "The password is Dragon.1455": a copula and a strong value leave little doubt.
            let rest = &b[e..];
            let space = rest.iter().take_while(|&&c| c == b' ').count();
            let verb_after = AFTER_VALUE
                .iter()
                .any(|v| rest[space..].starts_with(v.as_bytes()));
            let stated = (after_copula || verb_after) && strong_password(bare);
            if strict && !(after_copula && strong_password(bare)) {
                return;
            }
            let conf = if stated || symbolic(bare) { 0.85 } else { 0.7 };
            out.push(Finding::new(
                FindingKind::Password,
                s,
                e,
                conf,
                "password_prose",
            ));
        }
        return;
    }
}

/// A value stated as a password in prose: printable ASCII, letters with a digit or a symbol
/// ([`passwordish`]), and neither code nor a placeholder. Generated passwords may open with a
/// symbol (`&xEP#htPji%1G66`, `*b*7vtoz4jj1`) when they are strong; references open with `$`,
/// `%`, `@`, `{` or `<` and stay out.
pub(super) fn plausible_password(v: &[u8]) -> bool {
    let lead = v.iter().take_while(|c| b"&*!#?^~+=".contains(c)).count();
    let core = &v[lead..];
    v.iter().all(u8::is_ascii_graphic)
        && core.first().is_some_and(u8::is_ascii_alphanumeric)
        && passwordish(v)
        && (lead == 0 || strong_password(v))
        && !v.iter().any(|&x| matches!(x, b'\\' | b'(' | b'<' | b'{'))
        && !is_reference(core, false)
}

/// Three character classes, twelve characters of two, or a word followed or preceded by a
/// number (`hamburg2023`, `sunflower1975`): what people actually choose, and rarely anything
/// else after "the password is". `hunter42` is too short to say.
/// Letters, a digit and a symbol no identifier or expression holds ("Radicchio#Tardivo24",
/// "Vuurtoren!Brandaris88"): a password, whatever surrounds it.
fn symbolic(v: &[u8]) -> bool {
    v.len() >= 8
        && v.iter().any(u8::is_ascii_alphabetic)
        && v.iter().any(u8::is_ascii_digit)
        && v.iter().any(|c| b"!#$%&*+?^~".contains(c))
        && !v.iter().any(|c| b"()[]{}<>\"'`,;".contains(c))
}

pub(super) fn strong_password(v: &[u8]) -> bool {
    let classes = class_count(v);
    if classes >= 3 || (v.len() >= 12 && classes >= 2) {
        return true;
    }
    // `(first run, second run)` when the value is exactly two such runs.
    let split = |first: fn(&u8) -> bool, second: fn(&u8) -> bool| {
        let n = v.iter().take_while(|c| first(c)).count();
        let m = v[n..].iter().take_while(|c| second(c)).count();
        (n > 0 && n + m == v.len()).then_some((n, m))
    };
    let word_number = split(u8::is_ascii_alphabetic, u8::is_ascii_digit)
        .or_else(|| split(u8::is_ascii_digit, u8::is_ascii_alphabetic).map(|(d, l)| (l, d)));
    v.len() >= 10 && word_number.is_some_and(|(word, number)| word >= 4 && number >= 2)
}

pub(super) fn trim_word(w: &[u8]) -> &[u8] {
    let mut s = 0;
    let mut e = w.len();
    while s < e && matches!(w[s], b'"' | b'\'' | b'`' | b'(' | b'[') {
        s += 1;
    }
    while e > s
        && matches!(
            w[e - 1],
            b'"' | b'\'' | b'`' | b')' | b']' | b'.' | b',' | b';'
        )
    {
        e -= 1;
    }
    // Closing particles: "abc123です", "abc123”".
    while e > s && w[e - 1] >= 0x80 {
        e -= 1;
    }
    // Markdown emphasis: "**Dragon.1455**".
    while e - s > 2 && w[s] == b'*' && w[e - 1] == b'*' {
        s += 1;
        e -= 1;
    }
    &w[s..e]
}

fn secret_prose(b: &[u8], from: usize, ctx: &Context, out: &mut Vec<Finding>) {
    let limit = (from + 48).min(b.len());
    let tokenish = |c: u8| text::is_b64url(c) || matches!(c, b'+' | b'/' | b'=' | b'.' | b'~');
    let mut p = from;
    while p < limit {
        if !tokenish(b[p]) {
            p += 1;
            continue;
        }
        let len = run(b, p, 4096, tokenish);
        let mut e = p + len;
        while e > p && matches!(b[e - 1], b'.' | b',') {
            e -= 1;
        }
        let tok = &b[p..e];
        if tok.len() < 20 {
            p += len;
            continue;
        }
        let data_url = b[..p].ends_with(b"base64,") || tok.starts_with(b"data:");
        let hash_like = text::is_hex(tok) && ctx.around(p, e, context::HASH);
        let separators = tok
            .iter()
            .filter(|&&c| matches!(c, b'-' | b'_' | b'.' | b'/'))
            .count();
        let random = random_looking(tok)
            && classes(tok) & DIGIT != 0
            && separators * 6 <= tok.len()
            && !is_uuid(tok)
            && !looks_like_placeholder(tok)
            && !is_path_like(tok);
        if random && !data_url && !hash_like {
            out.push(Finding::new(
                FindingKind::HighEntropySecret,
                p,
                e,
                0.7,
                "keyword_proximity",
            ));
        }
        return;
    }
}
