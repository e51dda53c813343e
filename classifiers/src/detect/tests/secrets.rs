//! Vendor tokens, private keys, JWTs, bot tokens and connection strings.

use super::super::FindingKind::{ApiKey, ConnectionString, Jwt, PrivateKey};
use super::{clean, detector, finds, finds_detail, found, lacks};

#[test]
fn cloud_and_forge_tokens() {
    finds_detail(
        "aws_access_key_id = AKIAI5R4ZCUMC3D23FFO",
        ApiKey,
        "AKIAI5R4ZCUMC3D23FFO",
        "aws_access_key_id",
    );
    finds_detail(
        "export GITHUB_TOKEN=ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1",
        ApiKey,
        "ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1",
        "github_pat",
    );
    finds_detail(
        "token: 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",
        ApiKey,
        "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",
        "github_fine_grained_pat",
    );
    finds_detail(
        "CI_TOKEN glpat-LQ2jvwwyNfvMYrB52K-O",
        ApiKey,
        "glpat-LQ2jvwwyNfvMYrB52K-O",
        "gitlab_pat",
    );
    finds_detail(
        "GOOGLE_API_KEY=AIzagKS4s7fZFAggQv_oO7CXowplDGbyr4bAdan",
        ApiKey,
        "AIzagKS4s7fZFAggQv_oO7CXowplDGbyr4bAdan",
        "google_api_key",
    );
    // Two characters too many, as a key mistyped in a script tag.
    finds_detail(
        "<script src=\"https://maps.googleapis.com/maps/api/js?key=AIzaSyC4x9Rt2LmQ7vWk0pZ8nJe3sYd6HfGb1UoXe&callback=initMap\">",
        ApiKey,
        "AIzaSyC4x9Rt2LmQ7vWk0pZ8nJe3sYd6HfGb1UoXe",
        "google_api_key",
    );
    finds_detail(
        "DO_TOKEN=dop_v1_33322238bd8800253d3f30ee88629a8b297fc19a2890bb48be2b9d3d4abb403b",
        ApiKey,
        "dop_v1_33322238bd8800253d3f30ee88629a8b297fc19a2890bb48be2b9d3d4abb403b",
        "digitalocean_pat",
    );
    finds_detail(
        "heroku HRKU-xeT4FFKa_SN-Ti459pwJLz-sPTZQpH8R8YatoONiHsOuJNdIn8KQQBybR5Nz",
        ApiKey,
        "HRKU-xeT4FFKa_SN-Ti459pwJLz-sPTZQpH8R8YatoONiHsOuJNdIn8KQQBybR5Nz",
        "heroku_api_key",
    );
}

#[test]
fn ai_vendor_keys() {
    finds_detail(
        "OPENAI_API_KEY=\"sk-proj-EeBzRhYxjidC8HCcnBTKe805DiWllfoyTsNOwxE_hAwdCV9M\"",
        ApiKey,
        "sk-proj-EeBzRhYxjidC8HCcnBTKe805DiWllfoyTsNOwxE_hAwdCV9M",
        "openai_project_key",
    );
    finds_detail(
        "client = OpenAI(api_key=\"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\")",
        ApiKey,
        "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",
        "openai_api_key",
    );
    let key = "sk-ant-api03-kKLy3IcGLCYy_Or2hTB1HMHSr-3KcHIGyiHGe4GtFk1LATtA61StH14jDf3vDDboKgGgCPW4K4xweDQ2Uo0IKyo72HElSAA";
    finds_detail(
        &format!("ANTHROPIC_API_KEY={key}"),
        ApiKey,
        key,
        "anthropic_api_key",
    );
    finds_detail(
        "HF_TOKEN=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",
        ApiKey,
        "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",
        "huggingface_token",
    );
    finds_detail(
        "deepseek sk-3f9c2b7e81d44a6c9e0b5f1a7d2c8e44",
        ApiKey,
        "sk-3f9c2b7e81d44a6c9e0b5f1a7d2c8e44",
        "sk_api_key",
    );
}

#[test]
fn saas_tokens() {
    finds_detail(
        "SLACK_BOT_TOKEN=xoxb-885491069662-9301432998098-dYAchehSZOw49NxKFgZC9LQA",
        ApiKey,
        "xoxb-885491069662-9301432998098-dYAchehSZOw49NxKFgZC9LQA",
        "slack_bot_token",
    );
    let hook = "https://hooks.slack.com/services/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";
    finds_detail(
        &format!("curl -X POST {hook} -d @msg.json"),
        ApiKey,
        hook,
        "slack_webhook_url",
    );
    finds_detail(
        "stripe.api_key = \"sk_live_UKrpO6XyRWi6umL4aLfBDf2f\"",
        ApiKey,
        "sk_live_UKrpO6XyRWi6umL4aLfBDf2f",
        "stripe_secret_key",
    );
    finds_detail(
        "MOLLIE_KEY=live_Hc7tQwR3mKx9vBz2LpN8sUaE4dYf6G",
        ApiKey,
        "live_Hc7tQwR3mKx9vBz2LpN8sUaE4dYf6G",
        "mollie_api_key",
    );
    clean("set live_streaming_enabled_for_all_the_users = true");
    clean("olive_oil_production_statistics_by_region_2023");
    finds_detail(
        "TWILIO_API_KEY=SK7ef0749400af2372ae2e69baf97aa11d",
        ApiKey,
        "SK7ef0749400af2372ae2e69baf97aa11d",
        "twilio_api_key_sid",
    );
    let sg = "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";
    finds_detail(
        &format!("SENDGRID_API_KEY={sg}"),
        ApiKey,
        sg,
        "sendgrid_api_key",
    );
    finds_detail(
        "//registry.npmjs.org/:_authToken=npm_OjadS1aiAev75kwBJ4CRY9ETDwpqIXTXEnEj",
        ApiKey,
        "npm_OjadS1aiAev75kwBJ4CRY9ETDwpqIXTXEnEj",
        "npm_token",
    );
    let pypi = "pypi-AgEIcHlwaS5vcmcZRibIETcTFrO3xs-GHgt-O-X9nb4fBb4qEDoHnPiqQ0VB_yA4KbjT-slRxRM";
    finds_detail(&format!("password = {pypi}"), ApiKey, pypi, "pypi_token");
    finds_detail(
        "shopify 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",
        ApiKey,
        "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",
        "shopify_access_token",
    );
    finds_detail(
        "MAILGUN=key-c0dc1e6ac1dde5cd9b7dab4cf1d043fc",
        ApiKey,
        "key-c0dc1e6ac1dde5cd9b7dab4cf1d043fc",
        "mailgun_api_key",
    );
    finds_detail(
        "square sq0atp--Oj69FYnh4TK3LFFqFPlWG",
        ApiKey,
        "sq0atp--Oj69FYnh4TK3LFFqFPlWG",
        "square_access_token",
    );
}

#[test]
fn stripe_test_and_publishable_keys_score_low() {
    let test = finds(
        "STRIPE_KEY=sk_test_wSeT8T0KUpoE2TxfGuc97VE8",
        ApiKey,
        "sk_test_wSeT8T0KUpoE2TxfGuc97VE8",
    );
    assert!(test.confidence <= 0.5);
    let publishable = finds(
        "pk_live_s7xPnZY4FDXtAiEfd5qhlCEK",
        ApiKey,
        "pk_live_s7xPnZY4FDXtAiEfd5qhlCEK",
    );
    assert!(publishable.confidence < 0.7);
}

#[test]
fn razorpay_secret_next_to_its_key_id() {
    // The key id alone is public: checkout pages carry it.
    let id = finds(
        "razorpay key id rzp_live_Kx82mQv4TzLp9R",
        ApiKey,
        "rzp_live_Kx82mQv4TzLp9R",
    );
    assert!(id.confidence < 0.7);
    let code = "client = razorpay.Client(auth=(\"rzp_live_Kx82mQv4TzLp9R\", \"f7Hq3WbN9xLc2ZvT8mRk1YsD\"))";
    let secret = finds_detail(
        code,
        ApiKey,
        "f7Hq3WbN9xLc2ZvT8mRk1YsD",
        "razorpay_key_secret",
    );
    assert!(secret.confidence >= 0.9);
    finds_detail(
        "curl -u rzp_live_Kx82mQv4TzLp9R:f7Hq3WbN9xLc2ZvT8mRk1YsD https://api.razorpay.com/v1/orders",
        ApiKey,
        "f7Hq3WbN9xLc2ZvT8mRk1YsD",
        "razorpay_key_secret",
    );
    let test = finds(
        "auth=(\"rzp_test_Kx82mQv4TzLp9R\", \"f7Hq3WbN9xLc2ZvT8mRk1YsD\")",
        ApiKey,
        "f7Hq3WbN9xLc2ZvT8mRk1YsD",
    );
    assert!(test.confidence <= 0.5);
    // A placeholder or a word after the id is no secret.
    let placeholder = "auth=(\"rzp_live_Kx82mQv4TzLp9R\", \"YOUR_KEY_SECRET_GOES_HERE\")";
    let all = detector().detect(placeholder);
    assert!(all.iter().all(|f| f.confidence < 0.7), "{all:?}");
}

#[test]
fn azure_keys_cover_the_value_only() {
    let key =
        "Q8vrnpgVbQwtgknWew84Q9ZlJCa3V5t8NgJ1xQUY/Pq/ko3vDyEvNFPxX0o4iJaWZntd2clBx/7wJ6jyD9odxV==";
    let conn = format!(
        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={key};EndpointSuffix=core.windows.net"
    );
    finds_detail(&conn, ApiKey, key, "azure_storage_account_key");
    // The storage emulator's published key.
    clean(
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    );
}

#[test]
fn bot_tokens() {
    let tg = "9799545329:AALEdO0Wdn23e3S6GaIHXVBjViHKsoTvGeQ";
    finds_detail(
        &format!("TELEGRAM_BOT_TOKEN={tg}"),
        ApiKey,
        tg,
        "telegram_bot_token",
    );
    let discord = "NDQ5NzEwNTk3NTMwNDc1NDE0.1MkFbu.PW1dNodIZHQM6En1ohYN3FxH_h3nvxQ1Vh5tx0";
    finds_detail(
        &format!("import discord\nclient.run('{discord}')"),
        ApiKey,
        discord,
        "discord_bot_token",
    );
    // Same shape, but the first segment is not a base64 user id.
    finds(&format!("DISCORD_TOKEN={discord}"), ApiKey, discord);
    clean("discord: NDQ5NzEwNTk3NTMwaGVsbG8h.1MkFbu.PW1dNodIZHQM6En1ohYN3FxH_h3nvxQ1Vh5tx0");
    // Without the vendor named, two-letter prefixes are not searched for.
    clean(&format!("run('{discord}')"));
}

#[test]
fn documentation_placeholders_are_not_keys() {
    clean(
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    clean("api_key = \"sk-your-key-here\"  # or sk-...xxxx");
    clean("OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    clean("token: xoxb-your-token");
    clean("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
    clean("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    clean("ghp_1234567890abcdefghijklmnopqrstuvwxyz");
    clean("Keys look like sk-proj-... or AKIA followed by 16 characters.");
    clean("Task-force meeting; ask-me-anything; the SK hynix report");
}

const PEM_BODY: &str = "GRUp++kRZjOs7i9Pwqkd9kXpI0hnb+sNphFXH7OvGKmdtgkQrf+GQsoIwjVT1HVsDub5M/zKA/aNifuP23R5jLvKwJ4vRBylIzAshZfStTqf6WxiALUkWeUlwhFLpqvk0QktEXAiIRrl76e87K2IrFNFlWTTqyG2bS+YM1lkyXHNAakP0xcMawffX9PHWozWqDGNU7QrH2ByzuHR0F3+6etSoaqbYiQwwehYC0hp2pJ0cBNj";

#[test]
fn private_key_blocks() {
    for (label, detail) in [
        ("RSA PRIVATE KEY", "rsa_private_key"),
        ("EC PRIVATE KEY", "ec_private_key"),
        ("OPENSSH PRIVATE KEY", "openssh_private_key"),
        ("PRIVATE KEY", "pkcs8_private_key"),
        ("ENCRYPTED PRIVATE KEY", "encrypted_private_key"),
        ("PGP PRIVATE KEY BLOCK", "pgp_private_key"),
    ] {
        let block = format!(
            "-----BEGIN {label}-----\n{}\n{}\n-----END {label}-----",
            &PEM_BODY[..64],
            &PEM_BODY[64..]
        );
        let f = finds_detail(
            &format!("Here is the key:\n{block}\nWhy does ssh reject it?"),
            PrivateKey,
            &block,
            detail,
        );
        assert!(f.confidence >= 0.95);
    }
}

#[test]
fn service_account_json_private_key() {
    let key = format!(
        "-----BEGIN PRIVATE KEY-----\\n{}\\n{}\\n-----END PRIVATE KEY-----",
        &PEM_BODY[..64],
        &PEM_BODY[64..]
    );
    let json = format!(
        "{{\"type\": \"service_account\", \"project_id\": \"acme-prod\", \"private_key\": \"{key}\\n\", \"client_email\": \"svc@acme-prod.iam.gserviceaccount.com\"}}"
    );
    finds(&json, PrivateKey, &key);
}

#[test]
fn truncated_and_public_blocks_are_not_private_keys() {
    clean("-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----");
    clean("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----");
    clean(&format!(
        "-----BEGIN PUBLIC KEY-----\n{PEM_BODY}\n-----END PUBLIC KEY-----"
    ));
    clean(&format!(
        "-----BEGIN CERTIFICATE-----\n{PEM_BODY}\n-----END CERTIFICATE-----"
    ));
    clean("What does -----BEGIN RSA PRIVATE KEY----- mean in a PEM file?");
}

#[test]
fn other_private_key_formats() {
    let age = "AGE-SECRET-KEY-1EWY8QWFJ8GILCAFW8370WQJ9SQNSICU3NFYIWY41P5B5N0U0QRR3CH81PD";
    finds_detail(
        &format!("# identity\n{age}\n"),
        PrivateKey,
        age,
        "age_secret_key",
    );
    let putty = format!(
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIB\nPrivate-Lines: 1\n{}\nPrivate-MAC: 6f1d2e3c4b5a69788796a5b4c3d2e1f0",
        &PEM_BODY[..60]
    );
    finds_detail(&putty, PrivateKey, &putty, "putty_private_key");
}

const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzgyNzM0IiwibmFtZSI6IkdyZXRhIExpbmRxdmlzdCIsImlhdCI6MTcxNzAwMDAwMCwiZXhwIjoxNzE3MDg2NDAwfQ.T9wGm2xTl0iUzqWViNtLxwlLctrI7MtPcUV6n9BMaHa";

#[test]
fn jwts() {
    let f = finds(&format!("Authorization: Bearer {JWT}"), Jwt, JWT);
    assert!(f.confidence >= 0.9);
    finds(&format!("Cookie: session={JWT}; Path=/"), Jwt, JWT);
    finds(&format!("decode this token {JWT}."), Jwt, JWT);
}

#[test]
fn jwt_look_alikes() {
    clean(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    );
    // Header without "alg".
    clean("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ1XzgyNzM0In0.T9wGm2xTl0iUzqWViNtLxwlLctrI7MtPcUV6n9BMaHa");
    // Two segments only.
    clean("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzgyNzM0In0");
    clean("A JWT has three base64url parts: header (eyJ...), payload and signature.");
}

#[test]
fn connection_strings_with_passwords() {
    for (url, detail) in [
        (
            "postgres://app_user:Xk9#mQ2vLp@db.internal.acme.io:5432/orders",
            "postgres_url",
        ),
        (
            "postgresql://reporting:Gh7vQ2pLx9@10.2.3.4/analytics?sslmode=require",
            "postgres_url",
        ),
        (
            "mysql://root:Sup3r-S3cret!@mysql.prod:3306/shop",
            "mysql_url",
        ),
        (
            "mongodb+srv://admin:s3cUr3Pa55w0rd@cluster0.ab1cd.mongodb.net/test?retryWrites=true",
            "mongodb_url",
        ),
        ("redis://:p4ssW0rdR3dis@cache:6379/0", "redis_url"),
        (
            "amqp://orders:Rb7mQx2kLw@rabbit.internal:5672/vhost",
            "amqp_url",
        ),
        ("ftp://backup:Ftp-9xQ2m@files.acme.io/nightly", "ftp_url"),
        ("smtps://mailer:Zx81-qLm2@smtp.acme.io:465", "smtp_url"),
        (
            "https://deploy:Vq7kP2mxZ9@registry.acme.io/v2/",
            "http_credentials_url",
        ),
        // An unescaped slash in the password.
        (
            "mongodb+srv://tienda_admin:Qm7r/vT2kLx9@cluster-prod.x8k2pq.mongodb.net/tienda?w=majority",
            "mongodb_url",
        ),
    ] {
        finds_detail(
            &format!("DATABASE_URL={url}\n"),
            ConnectionString,
            url,
            detail,
        );
    }
    let jdbc = "jdbc:postgresql://etl:K2m9Vq7xLp@warehouse:5432/dw";
    finds_detail(
        &format!("url = \"{jdbc}\""),
        ConnectionString,
        jdbc,
        "jdbc_url",
    );
}

#[test]
fn go_mysql_dsns() {
    finds_detail(
        r#"dsn := "mall_rw:Hz8mall2024rw@tcp(rm-bp1x8k2m7q.mysql.rds.aliyuncs.com:3306)/mall?charset=utf8mb4""#,
        ConnectionString,
        "mall_rw:Hz8mall2024rw@tcp(rm-bp1x8k2m7q.mysql.rds.aliyuncs.com:3306)/mall?charset=utf8mb4",
        "mysql_dsn",
    );
    clean(r#"dsn := "user:password@tcp(127.0.0.1:3306)/dbname""#);
}

#[test]
fn connection_strings_with_placeholders_or_no_password() {
    clean("postgres://user:password@localhost/db");
    clean("mysql://root:<password>@host/db");
    clean("redis://:${REDIS_PASSWORD}@redis:6379");
    clean("amqp://guest:guest@localhost:5672");
    clean("mongodb://admin:****@cluster0/db");
    clean("postgres://app:{password}@db:5432/orders");
    clean("postgres://app@db:5432/orders and https://github.com/strata/gateway");
    clean("postgres://postgres:mysecretpassword@db.example.com/postgres");
    clean("https://Aladdin:opensesame@proxy.acme.io:8887");
    // "password" in Portuguese, Spanish, German, Dutch.
    clean("DATABASE_URL=postgres://usuario:senha@localhost:5432/agenda");
    clean("mysql://usuario:contrasena@db:3306/tienda");
    clean("postgres://benutzer:Passwort@db/app");
    clean("postgres://gebruiker:wachtwoord@db/app");
    lacks("javascript://:bowser@x/", ConnectionString);
    // A path with a colon and an at sign is no password.
    lacks(
        "see https://wiki.acme.io/page:Setup/owner@team and reply",
        ConnectionString,
    );
    lacks("https://acme.io/a:b/c@d", ConnectionString);
}

#[test]
fn secret_inside_a_config_line_is_reported_once() {
    let text = "export GITHUB_TOKEN=ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1";
    assert_eq!(found(text).len(), 1);
}

#[test]
fn a_key_ending_a_sentence_keeps_its_full_stop_outside() {
    let key = "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";
    finds_detail(
        &format!("Voici ma clé d'API : {key}. Comment l'utiliser ?"),
        ApiKey,
        key,
        "sendgrid_api_key",
    );
}

#[test]
fn a_password_may_hold_a_question_mark() {
    let url = "amqp://postgres:sunflower1972?@pg-06.internal.lumenhealth.org:5672/";
    finds(&format!("Perché non va? {url}"), ConnectionString, url);
    let url = "postgres://app:K8vq2Rx7Lp@db.internal.acme.io:5432/app?sslmode=require";
    finds(&format!("use {url} please"), ConnectionString, url);
    // A query string with an address in it is not a credential.
    clean("see https://shop.acme.io/find?email=ana:x@acme.io for details");
}

#[test]
fn lower_cased_jwts() {
    let token = "eyjhbgcioijfuzi1niisinr5cci6ikpxvcj9.eyjzdwiioii1mje2yzk0ywyyotzlmjcwotuzowmwmzgilcjlbwfpbci6imdyzxrhlmxpbmrxdmlzdebwb3n0zw8uzguilcjlehaioje3mtcwody0mdb9.pu3kgcuwux1teyze1in7ltkep3ifyxlxf0su1kk8nvw0yl4xib5p_tqg7ui5mx9cfcmz_a_lkyu81lsvtfrxfa";
    let f = finds_detail(
        &format!("decode this jwt and tell me when it expires: {token}"),
        Jwt,
        token,
        "jwt_lowercase",
    );
    assert!((f.confidence - 0.85).abs() < f32::EPSILON);
    let lowered = JWT.to_lowercase();
    finds(&format!("Authorization: bearer {lowered}"), Jwt, &lowered);
}

#[test]
fn lower_cased_jwt_look_alikes() {
    // The jwt.io sample, lower-cased, stays a documentation example.
    clean(
        "eyjhbgcioijiuzi1niisinr5cci6ikpxvcj9.eyjzdwiioiixmjm0nty3odkwiiwibmftzsi6ikpvag4grg9liiwiawf0ijoxnte2mjm5mdiyfq.sflkxwrjsmekkf2qt4fwpmejf36pok6yjv_adqssw5c",
    );
    // Header without "alg", two segments, a short signature, a word that merely starts so.
    clean("eyj0exaioijkv1qifq.eyjzdwiioij1xzgynzm0in0.t9wgm2xtl0iuzqwvintlxwllctri7mtpcuv6n9bmaha");
    clean("eyjhbgcioijiuzi1niisinr5cci6ikpxvcj9.eyjzdwiioij1xzgynzm0in0");
    clean("eyjhbgcioijiuzi1niisinr5cci6ikpxvcj9.eyjzdwiioij1xzgynzm0in0.abc");
    clean("heyjude.eyjfoo.eyjbar is not a token");
}
