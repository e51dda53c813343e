//! Credentials with a recognisable shape: vendor token prefixes, PEM and other private-key
//! blocks, JWTs, bot tokens, and URLs with a password in them.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::memmem;

use super::contact;
use super::context::{self, Context};
use super::text::{
    self, DIGIT, LOWER, UPPER, at, before, classes, decode_base64, is_b64, is_b64url,
    is_high_entropy, looks_like_placeholder, run, run_back,
};
use super::{Finding, FindingKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Body {
    /// RFC 4648 base32 alphabet, as in AWS key ids.
    Base32Upper,
    Alnum,
    AlnumUnderscore,
    UpperAlnum,
    B64Url,
    B64UrlDot,
    B64UrlEq,
    B64,
    Hex,
    HexLower,
    HexDash,
    /// Slack tokens: letters, digits, dashes.
    Dashed,
    UrlPath,
}

impl Body {
    fn accepts(self, c: u8) -> bool {
        match self {
            Body::Base32Upper => c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c),
            Body::Alnum => c.is_ascii_alphanumeric(),
            Body::AlnumUnderscore => c.is_ascii_alphanumeric() || c == b'_',
            Body::UpperAlnum => c.is_ascii_uppercase() || c.is_ascii_digit(),
            Body::B64Url => is_b64url(c),
            Body::B64UrlDot => is_b64url(c) || c == b'.',
            Body::B64UrlEq => is_b64url(c) || c == b'=',
            Body::B64 => is_b64(c) || c == b'=',
            Body::Hex => c.is_ascii_hexdigit(),
            Body::HexLower => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
            Body::HexDash => c.is_ascii_hexdigit() || c == b'-',
            Body::Dashed => c.is_ascii_alphanumeric() || c == b'-',
            Body::UrlPath => is_b64url(c) || c == b'/',
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    /// The body alone decides.
    Plain,
    /// The prefix is common in ordinary text, so the body must look random too.
    Random,
    /// `sk-` is shared by several vendors and by placeholders like `sk-your-key-here`.
    SkGeneric,
    Slack,
    Webhook,
    SendGrid,
    Pem,
    Putty,
    Jwt,
    Telegram,
    Discord,
    /// A Razorpay key id is public (checkout pages carry it); the secret paired with it is not.
    Razorpay,
}

#[derive(Debug)]
struct Rule {
    prefix: &'static str,
    kind: FindingKind,
    detail: &'static str,
    body: Body,
    min: usize,
    max: usize,
    conf: f32,
    /// Whether the prefix belongs to the secret (`ghp_…`) or labels it (`AccountKey=`).
    keep_prefix: bool,
    check: Check,
}

const fn key(
    prefix: &'static str,
    detail: &'static str,
    body: Body,
    min: usize,
    max: usize,
    conf: f32,
) -> Rule {
    Rule {
        prefix,
        kind: FindingKind::ApiKey,
        detail,
        body,
        min,
        max,
        conf,
        keep_prefix: true,
        check: Check::Plain,
    }
}

const fn checked(mut rule: Rule, check: Check) -> Rule {
    rule.check = check;
    rule
}

const fn value_only(mut rule: Rule) -> Rule {
    rule.keep_prefix = false;
    rule
}

const fn special(
    prefix: &'static str,
    kind: FindingKind,
    detail: &'static str,
    check: Check,
) -> Rule {
    Rule {
        prefix,
        kind,
        detail,
        body: Body::Alnum,
        min: 0,
        max: 0,
        conf: 0.95,
        keep_prefix: true,
        check,
    }
}

use Body::*;

const RULES: &[Rule] = &[
    key("AKIA", "aws_access_key_id", Base32Upper, 16, 16, 0.97),
    key(
        "ASIA",
        "aws_temporary_access_key_id",
        Base32Upper,
        16,
        16,
        0.95,
    ),
    key("ABIA", "aws_access_key_id", Base32Upper, 16, 16, 0.9),
    key("ACCA", "aws_access_key_id", Base32Upper, 16, 16, 0.9),
    key("ghp_", "github_pat", Alnum, 36, 40, 0.97),
    key("gho_", "github_oauth_token", Alnum, 36, 40, 0.97),
    key("ghu_", "github_user_token", Alnum, 36, 40, 0.97),
    key("ghs_", "github_app_token", Alnum, 36, 40, 0.97),
    key("ghr_", "github_refresh_token", Alnum, 36, 80, 0.97),
    key(
        "github_pat_",
        "github_fine_grained_pat",
        AlnumUnderscore,
        70,
        255,
        0.98,
    ),
    key("sk-ant-", "anthropic_api_key", B64Url, 32, 256, 0.97),
    key("sk-proj-", "openai_project_key", B64Url, 40, 256, 0.97),
    key(
        "sk-svcacct-",
        "openai_service_account_key",
        B64Url,
        40,
        256,
        0.97,
    ),
    key("sk-admin-", "openai_admin_key", B64Url, 40, 256, 0.97),
    key("sk-or-v1-", "openrouter_api_key", HexLower, 64, 64, 0.97),
    checked(
        key("sk-", "sk_api_key", B64Url, 20, 256, 0.85),
        Check::SkGeneric,
    ),
    checked(
        key("xoxb-", "slack_bot_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key("xoxp-", "slack_user_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key("xoxa-", "slack_app_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key("xoxr-", "slack_refresh_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key("xoxs-", "slack_session_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key("xoxe-", "slack_config_token", Dashed, 20, 255, 0.95),
        Check::Slack,
    ),
    checked(
        key("xapp-", "slack_app_level_token", Dashed, 20, 255, 0.97),
        Check::Slack,
    ),
    checked(
        key(
            "hooks.slack.com/services/",
            "slack_webhook_url",
            UrlPath,
            20,
            120,
            0.97,
        ),
        Check::Webhook,
    ),
    checked(
        key(
            "hooks.slack.com/workflows/",
            "slack_webhook_url",
            UrlPath,
            20,
            120,
            0.97,
        ),
        Check::Webhook,
    ),
    checked(
        key(
            "discord.com/api/webhooks/",
            "discord_webhook_url",
            UrlPath,
            40,
            200,
            0.95,
        ),
        Check::Webhook,
    ),
    checked(
        key(
            "discordapp.com/api/webhooks/",
            "discord_webhook_url",
            UrlPath,
            40,
            200,
            0.95,
        ),
        Check::Webhook,
    ),
    key("sk_live_", "stripe_secret_key", Alnum, 24, 247, 0.98),
    key("rk_live_", "stripe_restricted_key", Alnum, 24, 247, 0.98),
    key("sk_test_", "stripe_test_secret_key", Alnum, 24, 247, 0.5),
    key(
        "rk_test_",
        "stripe_test_restricted_key",
        Alnum,
        24,
        247,
        0.5,
    ),
    key("pk_live_", "stripe_publishable_key", Alnum, 24, 247, 0.6),
    checked(
        key("rzp_live_", "razorpay_key_id", Alnum, 14, 14, 0.6),
        Check::Razorpay,
    ),
    checked(
        key("rzp_test_", "razorpay_test_key_id", Alnum, 14, 14, 0.5),
        Check::Razorpay,
    ),
    key("whsec_", "stripe_webhook_secret", B64, 32, 64, 0.9),
    // Mollie: `live_` and thirty letters and digits.
    checked(
        key("live_", "mollie_api_key", Alnum, 30, 30, 0.9),
        Check::Random,
    ),
    // 35 characters after the prefix; a character or two more or less is a key mistyped.
    key("AIza", "google_api_key", B64Url, 33, 37, 0.95),
    key(
        "GOCSPX-",
        "google_oauth_client_secret",
        B64Url,
        28,
        28,
        0.97,
    ),
    checked(
        key(
            "ya29.",
            "google_oauth_access_token",
            B64UrlDot,
            30,
            2048,
            0.9,
        ),
        Check::Random,
    ),
    checked(
        key("SK", "twilio_api_key_sid", HexLower, 32, 32, 0.8),
        Check::Random,
    ),
    checked(
        key("AC", "twilio_account_sid", HexLower, 32, 32, 0.6),
        Check::Random,
    ),
    checked(
        key("SG.", "sendgrid_api_key", B64UrlDot, 66, 66, 0.98),
        Check::SendGrid,
    ),
    key("npm_", "npm_token", Alnum, 36, 36, 0.95),
    key("pypi-AgE", "pypi_token", B64Url, 50, 300, 0.98),
    checked(
        key("hf_", "huggingface_token", Alnum, 30, 40, 0.9),
        Check::Random,
    ),
    value_only(key(
        "AccountKey=",
        "azure_storage_account_key",
        B64,
        86,
        88,
        0.97,
    )),
    value_only(key(
        "SharedAccessKey=",
        "azure_shared_access_key",
        B64,
        43,
        44,
        0.95,
    )),
    key("dop_v1_", "digitalocean_pat", HexLower, 64, 64, 0.98),
    key(
        "doo_v1_",
        "digitalocean_oauth_token",
        HexLower,
        64,
        64,
        0.98,
    ),
    key(
        "dor_v1_",
        "digitalocean_refresh_token",
        HexLower,
        64,
        64,
        0.98,
    ),
    key("shpat_", "shopify_access_token", Hex, 32, 32, 0.98),
    key("shpca_", "shopify_custom_app_token", Hex, 32, 32, 0.98),
    key("shppa_", "shopify_private_app_token", Hex, 32, 32, 0.98),
    key("shpss_", "shopify_shared_secret", Hex, 32, 32, 0.98),
    key("glpat-", "gitlab_pat", B64Url, 20, 64, 0.97),
    key("gldt-", "gitlab_deploy_token", B64Url, 20, 64, 0.95),
    key("glrt-", "gitlab_runner_token", B64Url, 20, 64, 0.95),
    key("glptt-", "gitlab_trigger_token", Hex, 40, 40, 0.95),
    checked(
        key("key-", "mailgun_api_key", HexLower, 32, 32, 0.85),
        Check::Random,
    ),
    key("sq0atp-", "square_access_token", B64Url, 22, 22, 0.95),
    key("sq0csp-", "square_oauth_secret", B64Url, 43, 43, 0.95),
    checked(
        key("EAAA", "square_access_token", B64Url, 60, 60, 0.85),
        Check::Random,
    ),
    key("HRKU-", "heroku_api_key", B64Url, 30, 80, 0.95),
    key("ATATT3", "atlassian_api_token", B64UrlEq, 100, 300, 0.95),
    key("lin_api_", "linear_api_key", Alnum, 40, 40, 0.97),
    key("ntn_", "notion_token", Alnum, 40, 50, 0.9),
    key("hvs.", "vault_token", B64Url, 90, 200, 0.95),
    key("hvb.", "vault_batch_token", B64Url, 90, 300, 0.95),
    checked(
        key("dapi", "databricks_token", HexLower, 32, 32, 0.9),
        Check::Random,
    ),
    key("PMAK-", "postman_api_key", HexDash, 59, 59, 0.97),
    key(
        "glsa_",
        "grafana_service_account_token",
        AlnumUnderscore,
        32,
        50,
        0.95,
    ),
    key("glc_", "grafana_cloud_token", B64, 32, 400, 0.95),
    key("NRAK-", "newrelic_api_key", UpperAlnum, 27, 27, 0.97),
    key("sntrys_", "sentry_token", B64, 50, 300, 0.95),
    key("sntryu_", "sentry_user_token", HexLower, 64, 64, 0.95),
    key("r8_", "replicate_token", Alnum, 37, 37, 0.95),
    key("gsk_", "groq_api_key", Alnum, 52, 52, 0.97),
    key("pplx-", "perplexity_api_key", Alnum, 48, 48, 0.97),
    key("xai-", "xai_api_key", Alnum, 80, 80, 0.97),
    key("dp.pt.", "doppler_token", Alnum, 43, 43, 0.97),
    Rule {
        prefix: "AGE-SECRET-KEY-1",
        kind: FindingKind::PrivateKey,
        detail: "age_secret_key",
        body: UpperAlnum,
        min: 58,
        max: 58,
        conf: 0.98,
        keep_prefix: true,
        check: Check::Plain,
    },
    special(
        "-----BEGIN ",
        FindingKind::PrivateKey,
        "private_key",
        Check::Pem,
    ),
    special(
        "PuTTY-User-Key-File-",
        FindingKind::PrivateKey,
        "putty_private_key",
        Check::Putty,
    ),
    special("eyJ", FindingKind::Jwt, "jwt", Check::Jwt),
    special(
        ":AA",
        FindingKind::ApiKey,
        "telegram_bot_token",
        Check::Telegram,
    ),
    // A Discord bot token opens with the base64 of a numeric user id, so its first two
    // characters are one of these.
    special(
        "MD",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "MT",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "Mj",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "Mz",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "ND",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "NT",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "Nj",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "Nz",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "OD",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
    special(
        "OT",
        FindingKind::ApiKey,
        "discord_bot_token",
        Check::Discord,
    ),
];

/// The prefixes the context automaton looks for, with their rule indices. Two-letter prefixes
/// (Discord's, Twilio's) are left out: they are common in ordinary text, so [`PrefixMatcher`]
/// looks for them only when the vendor is named.
pub(crate) fn common_prefixes() -> impl Iterator<Item = (usize, &'static str)> {
    RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| !is_gated(r))
        .map(|(i, r)| (i, r.prefix))
}

fn is_gated(rule: &Rule) -> bool {
    rule.prefix.len() == 2
}

/// Applies the rules whose prefixes were found, and searches for the gated ones.
#[derive(Debug)]
pub(crate) struct PrefixMatcher {
    gated: Option<(AhoCorasick, Vec<usize>)>,
}

impl PrefixMatcher {
    pub fn new() -> PrefixMatcher {
        let index: Vec<usize> = (0..RULES.len()).filter(|&i| is_gated(&RULES[i])).collect();
        let gated = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(index.iter().map(|&i| RULES[i].prefix))
            .ok()
            .map(|ac| (ac, index));
        PrefixMatcher { gated }
    }

    #[cfg(test)]
    pub fn is_built(&self) -> bool {
        self.gated.is_some()
    }

    pub fn scan(&self, text: &str, ctx: &Context, out: &mut Vec<Finding>) {
        let b = text.as_bytes();
        for &(rule, s, e) in &ctx.prefixes {
            if let Some(rule) = RULES.get(rule) {
                apply(rule, b, s, e, out);
            }
        }
        let vendor_named = ctx.hits.iter().any(|h| h.class & context::VENDOR != 0);
        if let (true, Some((ac, index))) = (vendor_named, &self.gated) {
            for m in ac.find_iter(text) {
                if let Some(rule) = index
                    .get(m.pattern().as_usize())
                    .and_then(|&i| RULES.get(i))
                {
                    apply(rule, b, m.start(), m.end(), out);
                }
            }
        }
    }
}

fn apply(rule: &Rule, b: &[u8], s: usize, e: usize, out: &mut Vec<Finding>) {
    match rule.check {
        Check::Pem => return pem(b, s, e, out),
        Check::Putty => return putty(b, s, out),
        Check::Jwt => return jwt(b, s, out),
        Check::Telegram => return telegram(b, s, out),
        Check::Discord => return discord(b, s, out),
        _ => {}
    }
    if rule.check != Check::Webhook && before(b, s, 1).is_ascii_alphanumeric() {
        return;
    }
    let mut len = run(b, e, rule.max + 2, |c| rule.body.accepts(c));
    // A key that ends a sentence is followed by its full stop.
    while len > 0 && b[e + len - 1] == b'.' {
        len -= 1;
    }
    if len < rule.min || len > rule.max {
        return;
    }
    let end = e + len;
    if at(b, end).is_ascii_alphanumeric() {
        return;
    }
    let body = &b[e..end];
    if looks_like_placeholder(body) {
        return;
    }
    let mut detail = rule.detail;
    let mut conf = rule.conf;
    let mut start = if rule.keep_prefix { s } else { e };
    match rule.check {
        Check::Random => {
            if !is_high_entropy(body) {
                return;
            }
            if rule.prefix == "hf_" && classes(body) & (LOWER | UPPER) != (LOWER | UPPER) {
                return;
            }
        }
        Check::SkGeneric => {
            const SPECIFIC: [&[u8]; 5] = [b"ant-", b"proj-", b"svcacct-", b"admin-", b"or-v1-"];
            if SPECIFIC.iter().any(|p| body.starts_with(p)) {
                return;
            }
            let c = classes(body);
            if c & DIGIT == 0 || c & (LOWER | UPPER) == 0 || !is_high_entropy(body) {
                return;
            }
            if memmem::find(body, b"T3BlbkFJ").is_some() {
                detail = "openai_api_key";
                conf = 0.97;
            }
        }
        Check::Slack => {
            let parts: Vec<&[u8]> = body.split(|&c| c == b'-').collect();
            let numeric = parts
                .iter()
                .filter(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit))
                .count();
            let last_ok = parts
                .last()
                .is_some_and(|p| p.len() >= 16 && text::class_count(p) >= 2);
            if numeric < 2 || !last_ok {
                return;
            }
        }
        Check::Webhook => {
            let segments = body.split(|&c| c == b'/').filter(|p| !p.is_empty()).count();
            if segments < 2 || !is_high_entropy(body) {
                return;
            }
            if b[..s].ends_with(b"https://") {
                start = s - 8;
            }
        }
        Check::Razorpay => razorpay_secret(b, end, rule, out),
        Check::SendGrid
            if at(b, e + 22) != b'.' || body.iter().filter(|&&c| c == b'.').count() != 1 =>
        {
            return;
        }
        _ => {}
    }
    out.push(Finding::new(rule.kind, start, end, conf, detail));
}

fn pem(b: &[u8], s: usize, e: usize, out: &mut Vec<Finding>) {
    let head = &b[e..(e + 64).min(b.len())];
    let Some(label_len) = memmem::find(head, b"-----") else {
        return;
    };
    let label = &b[e..e + label_len];
    if !(label.ends_with(b"PRIVATE KEY") || label.ends_with(b"PRIVATE KEY BLOCK")) {
        return;
    }
    let body_start = e + label_len + 5;
    let window = &b[body_start..(body_start + 32 * 1024).min(b.len())];
    let (body_end, end) = match memmem::find(window, b"-----END ") {
        Some(k) => {
            let m = body_start + k;
            let tail = &b[m + 9..(m + 9 + 64).min(b.len())];
            let close = memmem::find(tail, b"-----").map_or(m + 9, |x| m + 9 + x + 5);
            (m, close)
        }
        None => {
            let len = run(b, body_start, 32 * 1024, |c| {
                is_b64(c) || c == b'=' || c.is_ascii_whitespace() || c == b'\\'
            });
            let mut stop = body_start + len;
            while stop > body_start && (b[stop - 1].is_ascii_whitespace() || b[stop - 1] == b'\\') {
                stop -= 1;
            }
            (stop, stop)
        }
    };
    let body = &b[body_start..body_end];
    let count = body.iter().filter(|&&c| is_b64(c) || c == b'=').count();
    let elided = memmem::find(body, b"...").is_some() || body.contains(&b'<');
    if count < 64 || (elided && count < 200) {
        return;
    }
    let detail = match label {
        b"RSA PRIVATE KEY" => "rsa_private_key",
        b"EC PRIVATE KEY" => "ec_private_key",
        b"DSA PRIVATE KEY" => "dsa_private_key",
        b"OPENSSH PRIVATE KEY" => "openssh_private_key",
        b"ENCRYPTED PRIVATE KEY" => "encrypted_private_key",
        b"PGP PRIVATE KEY BLOCK" => "pgp_private_key",
        b"PRIVATE KEY" => "pkcs8_private_key",
        _ => "private_key",
    };
    out.push(Finding::new(FindingKind::PrivateKey, s, end, 0.99, detail));
}

fn putty(b: &[u8], s: usize, out: &mut Vec<Finding>) {
    let window = &b[s..(s + 16 * 1024).min(b.len())];
    let (Some(_), Some(mac)) = (
        memmem::find(window, b"Private-Lines:"),
        memmem::find(window, b"Private-MAC:"),
    ) else {
        return;
    };
    let line_end = memchr::memchr(b'\n', &window[mac..]).map_or(window.len(), |x| mac + x);
    let mut end = s + line_end;
    while end > s && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    out.push(Finding::new(
        FindingKind::PrivateKey,
        s,
        end,
        0.98,
        "putty_private_key",
    ));
}

/// The jwt.io sample token, reproduced in countless tutorials.
const JWT_IO_SIGNATURE: &[u8] = b"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/// `{"sub":"1234567890","name":"John Doe"`, the jwt.io payload's opening, lower-cased.
const JWT_IO_PAYLOAD_LOWERED: &[u8] = b"eyjzdwiioiixmjm0nty3odkwiiwibmftzsi6ikpvag4grg9li";

/// The start of a lower-cased JWT, which [`context`] reports under the `eyJ` rule.
pub(crate) const LOWERED_JWT: &[u8] = b"eyj";

/// Lower-cased base64 of `"alg"` at each of the three byte alignments.
const LOWERED_ALG: [&[u8]; 3] = [b"imfszy", b"jhbgci", b"iywxni"];

fn jwt(b: &[u8], s: usize, out: &mut Vec<Finding>) {
    let p0 = before(b, s, 1);
    if is_b64url(p0) || p0 == b'.' {
        return;
    }
    let l1 = run(b, s, 4096, is_b64url);
    let p = s + l1;
    if l1 < 10 || at(b, p) != b'.' {
        return;
    }
    let l2 = run(b, p + 1, 64 * 1024, is_b64url);
    let q = p + 1 + l2;
    if l2 < 2 || at(b, q) != b'.' {
        return;
    }
    let l3 = run(b, q + 1, 4096, is_b64url);
    let end = q + 1 + l3;
    if at(b, end) == b'.' && is_b64url(at(b, end + 1)) {
        return;
    }
    if b[s..].starts_with(LOWERED_JWT) {
        return lowered_jwt(b, s, p, q, end, out);
    }
    let Some(header) = decode_base64(&b[s..p]) else {
        return;
    };
    if header.first() != Some(&b'{') || memmem::find(&header, b"\"alg\"").is_none() {
        return;
    }
    let payload = decode_base64(&b[p + 1..q]).unwrap_or_default();
    if payload.first() != Some(&b'{') {
        return;
    }
    let unsigned = memmem::find(&header, b"\"none\"").is_some();
    if l3 < 16 && !unsigned {
        return;
    }
    // The PyJWT and jwt.io documentation samples.
    if &b[q + 1..end] == JWT_IO_SIGNATURE
        || memmem::find(&payload, b"\"John Doe\"").is_some()
        || payload == b"{\"some\":\"payload\"}"
    {
        return;
    }
    out.push(Finding::new(FindingKind::Jwt, s, end, 0.95, "jwt"));
}

/// A JWT whose case was lost ("eyjhbgcioijiuzi1niis…"): it no longer decodes, but a header
/// that spelled `"alg"`, a payload that opened a JSON object and a signature are still a pasted
/// token. `s..p`, `p+1..q` and `q+1..end` are its three segments.
fn lowered_jwt(b: &[u8], s: usize, p: usize, q: usize, end: usize, out: &mut Vec<Finding>) {
    let (header, payload, signature) = (&b[s..p], &b[p + 1..q], &b[q + 1..end]);
    let lowered = b[s..end].iter().all(|c| !c.is_ascii_uppercase());
    let alg = LOWERED_ALG
        .iter()
        .any(|a| memmem::find(header, a).is_some());
    if !lowered
        || !alg
        || !payload.starts_with(LOWERED_JWT)
        || payload.len() < 16
        || signature.len() < 16
        // The jwt.io sample, lower-cased.
        || signature.eq_ignore_ascii_case(JWT_IO_SIGNATURE)
        || payload.starts_with(JWT_IO_PAYLOAD_LOWERED)
        || looks_like_placeholder(signature)
    {
        return;
    }
    out.push(Finding::new(
        FindingKind::Jwt,
        s,
        end,
        0.85,
        "jwt_lowercase",
    ));
}

/// The key secret written right after a Razorpay key id, as in `Client(auth=("rzp_live_…",
/// "…"))` or `key_id:key_secret`: 24 random-looking letters and digits, separated from the id
/// by quotes, commas, colons or spaces only. A live secret is a finding at 0.95, a test one at
/// the test id's confidence.
fn razorpay_secret(b: &[u8], id_end: usize, id: &Rule, out: &mut Vec<Finding>) {
    let gap = run(b, id_end, 8, |c| {
        matches!(c, b'"' | b'\'' | b',' | b':' | b' ' | b'\t')
    });
    if gap == 0 {
        return;
    }
    let s = id_end + gap;
    let len = run(b, s, 25, |c| c.is_ascii_alphanumeric());
    let end = s + len;
    let body = &b[s..end];
    if len != 24 || looks_like_placeholder(body) || !is_high_entropy(body) {
        return;
    }
    let (conf, detail) = if id.prefix == "rzp_live_" {
        (0.95, "razorpay_key_secret")
    } else {
        (id.conf, "razorpay_test_key_secret")
    };
    out.push(Finding::new(FindingKind::ApiKey, s, end, conf, detail));
}

fn telegram(b: &[u8], colon: usize, out: &mut Vec<Finding>) {
    let ds = run_back(b, colon, 11, |c| c.is_ascii_digit());
    if !(8..=10).contains(&(colon - ds)) || before(b, ds, 1).is_ascii_alphanumeric() {
        return;
    }
    let len = run(b, colon + 1, 36, is_b64url);
    let end = colon + 1 + len;
    if len != 35
        || looks_like_placeholder(&b[colon + 1..end])
        || !is_high_entropy(&b[colon + 3..end])
    {
        return;
    }
    out.push(Finding::new(
        FindingKind::ApiKey,
        ds,
        end,
        0.95,
        "telegram_bot_token",
    ));
}

fn discord(b: &[u8], s: usize, out: &mut Vec<Finding>) {
    let p0 = before(b, s, 1);
    if is_b64url(p0) || p0 == b'.' {
        return;
    }
    let l1 = run(b, s, 29, is_b64url);
    let p = s + l1;
    if !(24..=28).contains(&l1) || at(b, p) != b'.' {
        return;
    }
    let l2 = run(b, p + 1, 8, is_b64url);
    let q = p + 1 + l2;
    if !(6..=7).contains(&l2) || at(b, q) != b'.' {
        return;
    }
    let l3 = run(b, q + 1, 41, is_b64url);
    let end = q + 1 + l3;
    if !(27..=40).contains(&l3) {
        return;
    }
    let Some(id) = decode_base64(&b[s..p]) else {
        return;
    };
    if !(17..=20).contains(&id.len()) || !id.iter().all(u8::is_ascii_digit) {
        return;
    }
    if looks_like_placeholder(&b[q + 1..end]) {
        return;
    }
    out.push(Finding::new(
        FindingKind::ApiKey,
        s,
        end,
        0.95,
        "discord_bot_token",
    ));
}

// ---------------------------------------------------------------------------------------------
// Connection strings

/// Passwords that documentation puts in URLs.
fn placeholder_password(user: &[u8], pass: &[u8]) -> bool {
    let lower = pass.to_ascii_lowercase();
    const EXACT: [&[u8]; 18] = [
        b"parola",
        b"clave",
        b"password",
        b"pass",
        b"passwd",
        b"pwd",
        b"pw",
        b"p",
        b"secret",
        b"changeme",
        b"example",
        b"xxx",
        b"%s",
        b"pa55word",
        b"foo",
        b"bar",
        b"baz",
        b"foobar",
    ];
    // "password" in the languages people write their samples in: `usuario:senha@localhost`.
    const MARKERS: [&[u8]; 15] = [
        b"your",
        b"example",
        b"pass",
        b"senha",
        b"contrase",
        b"kennwort",
        b"wachtwoord",
        b"motdepasse",
        b"mot_de_passe",
        b"mot-de-passe",
        b"placeholder",
        b"secret",
        b"changeme",
        b"opensesame",
        b"open%20sesame",
    ];
    matches!(pass.first(), Some(b'$' | b'{' | b'<' | b'[' | b'%' | b':'))
        || pass
            .iter()
            .all(|&c| c == pass[0] && matches!(c, b'*' | b'x' | b'X' | b'.' | b'#'))
        || EXACT.contains(&lower.as_slice())
        || MARKERS.iter().any(|m| text::contains_ci(pass, m))
        || pass.eq_ignore_ascii_case(user)
        || pass.len() < 4
}

/// Other schemes whose URLs carry login credentials; an unknown scheme is more likely a test
/// vector than a connection.
const KNOWN_SCHEMES: &[&[u8]] = &[
    b"ldap",
    b"ldaps",
    b"mssql",
    b"sqlserver",
    b"oracle",
    b"clickhouse",
    b"cassandra",
    b"couchdb",
    b"neo4j",
    b"neo4j+s",
    b"bolt",
    b"nats",
    b"kafka",
    b"mqtt",
    b"mqtts",
    b"ssh",
    b"git+ssh",
    b"git+https",
    b"socks5",
    b"socks5h",
    b"socks4",
    b"imap",
    b"imaps",
    b"pop3",
    b"pop3s",
    b"s3",
    b"rtsp",
    b"sip",
    b"snowflake",
    b"libsql",
    b"cockroachdb",
    b"memcached",
    b"influxdb",
    b"ws",
    b"wss",
    b"elasticsearch",
    b"opensearch",
    b"rabbitmq",
    b"sqlalchemy",
    b"postgresql+psycopg2",
    b"mysql+pymysql",
    b"webdav",
    b"davs",
    b"svn",
    b"svn+ssh",
];

/// A password with an unescaped `/` in it (`mongodb+srv://shop:Qm7r/vT2k@cluster.net/db`): the
/// authority then seems to end at the slash, before its `@`. Read on to the first `@` after the
/// user name's colon when the user name is a plain one, the slash comes after the colon, and a
/// host name follows the `@`. Returns the authority's length and the `@`'s offset in it.
fn slash_in_password(b: &[u8], a: usize) -> Option<(usize, usize)> {
    let len = run(b, a, 512, |c| {
        !(c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'`' | b'<' | b'>'))
    });
    let s = &b[a..a + len];
    let colon = s.iter().position(|&c| c == b':')?;
    let slash = s.iter().position(|&c| c == b'/')?;
    let at = colon + s[colon..].iter().position(|&c| c == b'@')?;
    if colon == 0 || slash < colon || at < slash {
        return None;
    }
    let host_len = s[at + 1..]
        .iter()
        .position(|&c| matches!(c, b'/' | b':' | b'?'))
        .unwrap_or(s.len() - at - 1);
    let host = &s[at + 1..at + 1 + host_len];
    let hostname = host
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        && (host.contains(&b'.') || host == b"localhost");
    hostname.then_some((at + 1 + host_len, at))
}

pub(super) fn connection_strings(text: &str, out: &mut Vec<Finding>) {
    go_mysql_dsns(text, out);
    let b = text.as_bytes();
    for k in memmem::find_iter(b, b"://") {
        let ss = run_back(b, k, 32, |c| {
            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')
        });
        if ss == k || !b[ss].is_ascii_alphabetic() {
            continue;
        }
        let scheme = b[ss..k].to_ascii_lowercase();
        let start = if b[..ss].ends_with(b"jdbc:") {
            ss - 5
        } else {
            ss
        };
        let a = k + 3;
        // `?` ends the authority, but a password may contain one (`user:pa?ss@host`): the
        // user name's own check below rejects `host?q=a:b@c`.
        let alen = run(b, a, 512, |c| {
            !(c.is_ascii_whitespace() || matches!(c, b'/' | b'"' | b'\'' | b'`' | b'<' | b'>'))
        });
        let (authority, at_pos) = match b[a..a + alen].iter().rposition(|&c| c == b'@') {
            Some(at) => (&b[a..a + alen], at),
            None => match slash_in_password(b, a) {
                Some((len, at)) => (&b[a..a + len], at),
                None => continue,
            },
        };
        let userinfo = &authority[..at_pos];
        let Some(colon) = userinfo.iter().position(|&c| c == b':') else {
            continue;
        };
        let (user, pass) = (&userinfo[..colon], &userinfo[colon + 1..]);
        let unreserved = |c: &u8| {
            c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'~' | b'%' | b'+' | b'-')
        };
        if !user.iter().all(unreserved) || !pass.iter().all(u8::is_ascii_graphic) {
            continue;
        }
        let host = &authority[at_pos + 1..];
        let host = &host[..host
            .iter()
            .position(|&c| matches!(c, b':' | b'?'))
            .unwrap_or(host.len())];
        if host.is_empty()
            || placeholder_password(user, pass)
            || contact::is_documentation_domain(host)
        {
            continue;
        }
        let ulen = run(b, a, 4096, |c| {
            !(c.is_ascii_whitespace()
                || matches!(
                    c,
                    b'"' | b'\'' | b'`' | b'<' | b'>' | b')' | b']' | b'}' | b'|' | b'\\'
                ))
        });
        let mut end = a + ulen;
        while end > a && matches!(b[end - 1], b'.' | b',' | b';' | b':') {
            end -= 1;
        }
        let (detail, conf) = match scheme.as_slice() {
            _ if start != ss => ("jdbc_url", 0.95),
            b"postgres" | b"postgresql" | b"pgsql" => ("postgres_url", 0.95),
            b"mysql" | b"mariadb" | b"mysqlx" => ("mysql_url", 0.95),
            b"mongodb" | b"mongodb+srv" => ("mongodb_url", 0.95),
            b"redis" | b"rediss" => ("redis_url", 0.95),
            b"amqp" | b"amqps" => ("amqp_url", 0.95),
            b"ftp" | b"ftps" | b"sftp" => ("ftp_url", 0.95),
            b"smtp" | b"smtps" => ("smtp_url", 0.95),
            b"http" | b"https" => ("http_credentials_url", 0.85),
            s if KNOWN_SCHEMES.contains(&s) => ("url_credentials", 0.9),
            _ => continue,
        };
        out.push(Finding::new(
            FindingKind::ConnectionString,
            start,
            end,
            conf,
            detail,
        ));
    }
}

/// Go's MySQL driver writes its DSN without a scheme: `user:password@tcp(host:3306)/db`
/// (`@unix(/path)` for a socket). The password sits between the first ':' and the '@'.
fn go_mysql_dsns(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    for k in memmem::find_iter(b, b"@tcp(").chain(memmem::find_iter(b, b"@unix(")) {
        let s = run_back(b, k, 256, |c| {
            c.is_ascii_graphic() && !matches!(c, b'"' | b'\'' | b'`' | b'=' | b'(' | b'<' | b'>')
        });
        let userinfo = &b[s..k];
        let Some(colon) = userinfo.iter().position(|&c| c == b':') else {
            continue;
        };
        let (user, pass) = (&userinfo[..colon], &userinfo[colon + 1..]);
        if user.is_empty()
            || pass.is_empty()
            || !user
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
            || placeholder_password(user, pass)
        {
            continue;
        }
        let Some(close) = b[k..].iter().position(|&c| c == b')') else {
            continue;
        };
        let mut end = k + close + 1;
        end += run(b, end, 512, |c| {
            !(c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'`' | b'<' | b'>'))
        });
        out.push(Finding::new(
            FindingKind::ConnectionString,
            s,
            end,
            0.95,
            "mysql_dsn",
        ));
    }
}
