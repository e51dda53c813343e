//! Passwords and secrets introduced by a key, in config formats, code and prose.

use super::super::FindingKind::{ApiKey, HighEntropySecret, Jwt, Password};
use super::{clean, finds, finds_detail, found, lacks};

#[test]
fn passwords_in_config_formats() {
    finds_detail(
        "DB_PASSWORD=Tr0ub4dor&3x",
        Password,
        "Tr0ub4dor&3x",
        "password_assignment",
    );
    finds("export PGPASSWORD=Hv8-qLz2mW", Password, "Hv8-qLz2mW");
    // A Wi-Fi network's pre-shared key in wpa_supplicant.conf.
    finds(
        "network={\n    ssid=\"Livebox-7A3C\"\n    psk=\"rT9mq!2fXhL8#dWz\"\n    key_mgmt=WPA-PSK\n}",
        Password,
        "rT9mq!2fXhL8#dWz",
    );
    finds(
        "database:\n  user: app\n  password: \"correct-Horse-42\"\n",
        Password,
        "correct-Horse-42",
    );
    finds("database:\n  password: Wq9vXk2m\n", Password, "Wq9vXk2m");
    finds(
        "{\"user\": \"app\", \"password\": \"Zq8!vN3e\"}",
        Password,
        "Zq8!vN3e",
    );
    finds("[mysql]\npassword = Kx7#pLm2q\n", Password, "Kx7#pLm2q");
    finds(
        "spring.datasource.password=Summer2024!",
        Password,
        "Summer2024!",
    );
    finds("<password>Qw3rty!9</password>", Password, "Qw3rty!9");
    finds(
        "Server=sql01;Database=crm;User Id=sa;Password=Mss9!qLx2;",
        Password,
        "Mss9!qLx2",
    );
    finds(
        "jdbc:mysql://db/shop?user=app&password=Jx82kLq0",
        Password,
        "Jx82kLq0",
    );
}

#[test]
fn values_of_named_environment_fields() {
    // Postman environment
    let postman =
        r#"{ "key": "key_secret", "value": "Yh3kP9sWv2QmZx7LcR4tNb8d", "enabled": true }"#;
    let f = finds(postman, HighEntropySecret, "Yh3kP9sWv2QmZx7LcR4tNb8d");
    assert!(f.confidence >= 0.8, "{f:?}");
    // ECS task definition
    finds(
        r#"{"name": "DB_PASSWORD", "value": "Kx7#pLm2qR"}"#,
        Password,
        "Kx7#pLm2qR",
    );
    // Kubernetes env list
    finds(
        "env:\n  - name: DB_PASSWORD\n    value: \"Hv8-qLz2mW!\"\n",
        Password,
        "Hv8-qLz2mW!",
    );
    // a reference stays a reference
    clean("env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: pw}\n");
    clean(r#"{"name": "DB_PASSWORD", "value": "${DB_PASSWORD}"}"#);
}

#[test]
fn passwords_in_code_and_commands() {
    finds(
        "conn = psycopg2.connect(host=\"db\", password=\"Pg-7xQ2mLw\")",
        Password,
        "Pg-7xQ2mLw",
    );
    finds("const password = 'n0tS0s3cure!';", Password, "n0tS0s3cure!");
    finds("String password = \"J4va-Pa$$\";", Password, "J4va-Pa$$");
    finds("$password = \"Php7!secure\";", Password, "Php7!secure");
    finds(
        "mysql --user=root --password N0tS0S3cret",
        Password,
        "N0tS0S3cret",
    );
    finds("if (password === \"letMe1n!\") {", Password, "letMe1n!");
    // A value with letters, a digit and a symbol is a password even where a bare word would be
    // a variable: an Ansible inventory line.
    let f = finds(
        "web01.example-shop.it ansible_user=deploy ansible_become_password=Radicchio#Tardivo24",
        Password,
        "Radicchio#Tardivo24",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    let all = super::detector().detect("password = user_pass2");
    assert!(all.iter().all(|f| f.confidence < 0.8), "{all:?}");
}

#[test]
fn passwords_in_prose_across_languages() {
    finds_detail(
        "My password is Hx72!kwq, don't share it.",
        Password,
        "Hx72!kwq",
        "password_prose",
    );
    finds(
        "Mein Passwort ist Sommer2024! und bleibt es.",
        Password,
        "Sommer2024!",
    );
    finds(
        "Das WLAN-Passwort lautet K4ffee#Haus",
        Password,
        "K4ffee#Haus",
    );
    finds("mon mot de passe est Soleil#77", Password, "Soleil#77");
    let f = finds(
        "mon mot de passe gmail c'est Chouquette1987! et je crois",
        Password,
        "Chouquette1987!",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    let f = finds(
        "会社のVPNのパスワード Sakura#2024spring にしてるんだけど",
        Password,
        "Sakura#2024spring",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    finds("mi contraseña es Hola1234", Password, "Hola1234");
    finds("la mia password è Roma2023!", Password, "Roma2023!");
    finds("mijn wachtwoord is Fiets!42", Password, "Fiets!42");
    finds("minha senha é Brasil@2024", Password, "Brasil@2024");
    finds("パスワードはabc123xyzです", Password, "abc123xyz");
    finds("मेरा पासवर्ड abc@12345 है", Password, "abc@12345");
}

#[test]
fn passwords_read_from_the_environment_or_templated_are_not_findings() {
    for line in [
        "password = os.environ[\"DB_PASSWORD\"]",
        "password = os.getenv('DB_PASSWORD')",
        "password: ${DB_PASSWORD}",
        "password = process.env.DB_PASSWORD",
        "const password = process.env.DB_PASSWORD;",
        "password: \"{{ vault_db_password }}\"",
        "password: ${{ secrets.DB_PASSWORD }}",
        "password: !vault |",
        "password = %(db_password)s",
        "PASSWORD=$(cat /run/secrets/db)",
        "password: <your-password>",
        "password=changeme",
        "DB_PASSWORD=troque-esta-senha",
        "PGPASSWORD=cambia_esto",
        "DB_PASSWORD=changer_moi",
        "wachtwoord: verander_mij",
        "passwort: bitte-aendern",
        "mot_de_passe = \"a-remplacer\"",
        "password: \"********\"",
        "PASSWORD=",
        "password: ''",
        "password = settings.DATABASE_PASSWORD",
        "password = get_password()",
        "password = input(\"Password: \")",
        "password=password",
        "password: xxx",
        "password: example",
    ] {
        clean(line);
    }
}

#[test]
fn types_schemas_and_settings_about_passwords_are_not_findings() {
    for line in [
        "password: str = Field(..., min_length=12)",
        "pub password: String,",
        "password: Option<String>,",
        "password: string;",
        "password VARCHAR(255) NOT NULL",
        "\"password\": {\"type\": \"string\", \"format\": \"password\"}",
        "password_min_length: 12",
        "password_hash = bcrypt.hashpw(pw, salt)",
        "pub const NSS_BUFLEN_PASSWD: usize = 1024;",
        "pub const B_MAIL_WRONG_PASSWORD: status_t = B_MAIL_ERROR_BASE + 2;",
        "<input type=\"password\" name=\"password\">",
        "max_tokens: 4096",
        "token_type: bearer",
        "tokenizer: o200k_base",
        "next_page_token: CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA",
        "primary_key: id",
        "cache_key = f\"user:{user_id}\"",
    ] {
        clean(line);
    }
}

#[test]
fn prose_about_passwords_is_not_a_password() {
    clean("Forgot password: click here to reset it.");
    clean("Your password must be at least 12 characters long.");
    clean("We hash passwords with argon2id, never sha256.");
    clean("    pass\n    return token");
    clean("expect(\"has_authority means set_password shouldn't fail\")");
    clean("MacOS will return an error if you pass a zero-sized buffer.");
    clean("How do I reset my Gmail password?");
}

#[test]
fn secrets_assigned_to_secret_keys() {
    let f = finds_detail(
        "CLIENT_SECRET=Q8vrnpgVbQwtgknWew84Q9ZlJCa3",
        HighEntropySecret,
        "Q8vrnpgVbQwtgknWew84Q9ZlJCa3",
        "secret_assignment",
    );
    assert!(f.confidence >= 0.85);
    finds(
        "{\"webhook_secret\": \"6d58c3ee68140a1c9b4684ae673d710727561ddf\"}",
        HighEntropySecret,
        "6d58c3ee68140a1c9b4684ae673d710727561ddf",
    );
    finds(
        "x-api-key: DUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
        HighEntropySecret,
        "DUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
    );
    finds(
        "session_token = \"a8Fq2LmZ0xPv7RtY3nKc9WbE\"",
        HighEntropySecret,
        "a8Fq2LmZ0xPv7RtY3nKc9WbE",
    );
    finds(
        "SECRET_KEY_BASE=9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
        HighEntropySecret,
        "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
    );
}

#[test]
fn key_words_of_other_languages() {
    for (text, value) in [
        (
            "Hier mein API-Schlüssel: Q8vrnpgVbQwtgknWew84Q9ZlJCa3 – wie baue ich den ein?",
            "Q8vrnpgVbQwtgknWew84Q9ZlJCa3",
        ),
        (
            "API-sleutel: DUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
            "DUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
        ),
        (
            "APIキー: a8Fq2LmZ0xPv7RtY3nKc9WbE を設定して",
            "a8Fq2LmZ0xPv7RtY3nKc9WbE",
        ),
        (
            "API密钥=a8Fq2LmZ0xPv7RtY3nKc9WbE",
            "a8Fq2LmZ0xPv7RtY3nKc9WbE",
        ),
    ] {
        finds_detail(text, HighEntropySecret, value, "secret_assignment");
    }
    clean("Mein API-Schlüssel steht in der Umgebungsvariable.");
    clean("API-Schlüssel: ${API_KEY}");
    clean("Schlüsselbund: Haustür, Keller");
}

#[test]
fn aws_secret_and_heroku_key_by_their_key_names() {
    finds_detail(
        "aws_secret_access_key = 4rlcfS643T3Yd2Wl3xB35lFq6e+hpgxx46jD/wCP",
        ApiKey,
        "4rlcfS643T3Yd2Wl3xB35lFq6e+hpgxx46jD/wCP",
        "aws_secret_access_key",
    );
    finds_detail(
        "\"SecretAccessKey\": \"4rlcfS643T3Yd2Wl3xB35lFq6e+hpgxx46jD/wCP\"",
        ApiKey,
        "4rlcfS643T3Yd2Wl3xB35lFq6e+hpgxx46jD/wCP",
        "aws_secret_access_key",
    );
    // A secret may start with `/`, which elsewhere marks a path.
    finds_detail(
        "  516  export AWS_SECRET_ACCESS_KEY=/L/pRsMvxCi4FuGfgrK8MTtxrcjEerw52q0fr/7y",
        ApiKey,
        "/L/pRsMvxCi4FuGfgrK8MTtxrcjEerw52q0fr/7y",
        "aws_secret_access_key",
    );
    clean("AWS_SECRET_ACCESS_KEY=/srv/app/config/aws/credentials/default");
    clean("AWS_SECRET_ACCESS_KEY=/run/secrets/aws_secret_access_key_prod");
    finds_detail(
        "HEROKU_API_KEY=3f1c9a2e-7b4d-4e8a-9c21-5d6e7f8a9b0c",
        ApiKey,
        "3f1c9a2e-7b4d-4e8a-9c21-5d6e7f8a9b0c",
        "heroku_api_key",
    );
}

#[test]
fn high_entropy_tokens_next_to_key_words_in_prose() {
    finds_detail(
        "my api key is 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a, keep it safe",
        HighEntropySecret,
        "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
        "keyword_proximity",
    );
    finds(
        "Here is the access token:\nDUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
        HighEntropySecret,
        "DUyW4aybtFYRbD7cck7jt0OS6ZXDukVN",
    );
}

#[test]
fn non_secrets_next_to_key_words() {
    clean("request_id: 550e8400-e29b-41d4-a716-446655440000");
    clean(
        "The key's sha256 checksum is e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    clean("commit 6d58c3ee68140a1c9b4684ae673d710727561ddf changed the token refresh");
    clean(
        "token icon: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
    );
    clean("the key is config.database.connection_string");
    clean("the secret is Pkcs1PrivateDecryptingKey");
    clean("SignatureScheme::ECDSA_NISTP256_SHA256 signs with the private key");
    clean("api_key: ${API_KEY}");
    clean("api_key = os.environ[\"OPENAI_API_KEY\"]");
    clean("const apiKey = process.env.OPENAI_API_KEY;");
    clean("secret_file: /run/secrets/db_password");
    clean("private_key_path: ~/.ssh/id_ed25519");
    clean("token_url: https://oauth2.googleapis.com/token");
    clean("auth: true");
}

#[test]
fn authorization_headers() {
    finds_detail(
        "Authorization: Basic ZGVwbG95OlZxNyNrUDJtIXhaOQ==",
        Password,
        "ZGVwbG95OlZxNyNrUDJtIXhaOQ==",
        "basic_auth",
    );
    // RFC 7617's Aladdin example and user:password.
    clean("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    clean("Authorization: Basic dXNlcjpwYXNzd29yZA==");
    finds_detail(
        "-H \"Authorization: Bearer 8f3kA9xQ2mLz7Rv1Tb6Yc0Nw\"",
        HighEntropySecret,
        "8f3kA9xQ2mLz7Rv1Tb6Yc0Nw",
        "bearer_token",
    );
    clean("Authorization: Bearer $TOKEN");
    clean("Authorization: Bearer <your-token>");
    clean("Authorization: Bearer YOUR_API_KEY");
    clean("The bearer of this letter is a friend.");
}

#[test]
fn the_specific_format_wins_over_the_assignment() {
    let text = "STRIPE_KEY=sk_test_wSeT8T0KUpoE2TxfGuc97VE8";
    assert_eq!(
        found(text),
        vec![(ApiKey, "sk_test_wSeT8T0KUpoE2TxfGuc97VE8")]
    );
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzgyNzM0In0.T9wGm2xTl0iUzqWViNtLxwlLctrI7MtPcUV6n9BMaHa";
    let text = format!("Authorization: Bearer {jwt}");
    assert_eq!(found(&text), vec![(Jwt, jwt)]);
    lacks(
        "OPENAI_API_KEY=sk-proj-EeBzRhYxjidC8HCcnBTKe805DiWllfoyTsNOwxE_hAwdCV9M",
        HighEntropySecret,
    );
}

#[test]
fn token_qualifiers_are_whole_words() {
    // "e" is a substring of the pagination qualifiers but not one of them.
    finds(
        "e_token = a8Fq2LmZ0xPv7RtY3nKc9WbE",
        HighEntropySecret,
        "a8Fq2LmZ0xPv7RtY3nKc9WbE",
    );
    clean("next_token = a8Fq2LmZ0xPv7RtY3nKc9WbE");
}

#[test]
fn ado_net_passwords_may_hold_ampersands() {
    let f = finds(
        "Server=10.129.155.126;Database=customers;User Id=root;Password=ub&#u&Ex*UETOP2;",
        Password,
        "ub&#u&Ex*UETOP2",
    );
    assert!(f.confidence >= 0.8);
}

#[test]
fn passwords_in_sentences_after_a_copula() {
    for (text, value) in [
        (
            "The wifi password for the office guest network is Dragon.1455. Make a sign.",
            "Dragon.1455",
        ),
        (
            "Het wachtwoord van het gastennetwerk op kantoor is Bluebird#01. Maak er een bordje van.",
            "Bluebird#01",
        ),
        (
            "请问，我的人事系统密码是Falcon#18，帮我登录下载工资条。",
            "Falcon#18",
        ),
        ("my password is zFvzPsL8VJ7Joy", "zFvzPsL8VJ7Joy"),
        // Text-message French, and a value Chinese runs on from without a space.
        (
            "le mot de passe c Gribouille*1958 , note le dans ton carnet",
            "Gribouille*1958",
        ),
        (
            "你的VPN账号就是工号 tangxin07，初始密码 Kq#2024hr!7m，登上去以后先改密码。",
            "Kq#2024hr!7m",
        ),
        // An adjective after the key, as Romance languages place it.
        (
            "usuario del ERP jmorcillo, contraseña provisional Gv7$kRw2!nQe (que la cambie)",
            "Gv7$kRw2!nQe",
        ),
    ] {
        let f = finds_detail(text, Password, value, "password_prose");
        assert!(f.confidence >= 0.8, "{text}: {f:?}");
    }
    // Filler words must end in a copula before the value.
    lacks(
        "The password for the admin account lives in Vault under ops/Key2024x",
        Password,
    );
    // A weak value stays below the default decision line.
    let f = finds("my password is hunter42", Password, "hunter42");
    assert!(f.confidence < 0.8);
    // A value with a symbol needs no copula.
    let f = finds(
        "Wifi: Duinroos_Gast, wachtwoord Vuurtoren!Brandaris88. De fietsen staan achter.",
        Password,
        "Vuurtoren!Brandaris88",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
}

#[test]
fn passwords_in_sentences_in_more_languages() {
    for (text, value) in [
        // The password word right after a Latin one, without a space.
        ("我的WiFi密码是lanmao2019!，帮我看看安全吗", "lanmao2019!"),
        ("WiFiのパスワードは sakura2020!", "sakura2020!"),
        (
            "Hallo! Het wachtwoord van het gastennetwerk op kantoor is hamburg2023. Maak er een bordje voor de receptie van.",
            "hamburg2023",
        ),
        (
            "Mijn wachtwoord voor het HR-portaal is KqWOWs6IYKWzv, kun je inloggen en mijn loonstrook downloaden?",
            "KqWOWs6IYKWzv",
        ),
        (
            "Mijn wachtwoord voor het HR-portaal is Orchid#39, kun je inloggen en mijn loonstrook downloaden? Alvast bedankt.",
            "Orchid#39",
        ),
        (
            "A palavra-passe do wifi de visitantes do escritório é bN#h95FPYuqVnDPnyiq%Ji. Faz um pequeno aviso para a receção. :)",
            "bN#h95FPYuqVnDPnyiq%Ji",
        ),
        (
            "Oi! A palavra-passe do wifi de visitantes do escritório é 5awJsm%yF&XIxbqG7wNc. Faz um pequeno aviso para a receção.",
            "5awJsm%yF&XIxbqG7wNc",
        ),
        (
            "La contraseña del wifi de invitados de la oficina es Thunder_6108. Haz un cartel pequeño.",
            "Thunder_6108",
        ),
        (
            "Mi contraseña del portal de RR. HH. es GvSLFWj29ARe1blj, ¿puedes entrar?",
            "GvSLFWj29ARe1blj",
        ),
        (
            "LA MIA PASSWORD DEL PORTALE HR È SOLEIL.9713, PUOI ENTRARE?",
            "SOLEIL.9713",
        ),
        (
            "la mia password del portale hr è *b*7vtoz4jj1, puoi entrare?",
            "*b*7vtoz4jj1",
        ),
        (
            "Le mot de passe du wifi invités au bureau est &xEP#htPji%1G66qpBk9Ej#. Fais une affiche.",
            "&xEP#htPji%1G66qpBk9Ej#",
        ),
        ("La parola d'ordine del server è Roma2023!x", "Roma2023!x"),
        ("mon mdp est Soleil#77", "Soleil#77"),
        (
            "Das Kennwort für das Gäste-WLAN lautet summer2016.",
            "summer2016",
        ),
        ("A senha do wifi é 2023hamburg", "2023hamburg"),
        ("비밀번호는 Abc123!입니다", "Abc123!"),
        ("パスワードは「abc123xyz!」です", "abc123xyz!"),
        ("The wifi password for guests: Dragon.1455", "Dragon.1455"),
        ("The password is **Dragon.1455**.", "Dragon.1455"),
    ] {
        let f = finds_detail(text, Password, value, "password_prose");
        assert!(f.confidence >= 0.8, "{text}: {f:?}");
    }
}

#[test]
fn a_password_after_pass_and_a_copula() {
    finds(
        "l'utente è studio_condivisa e la pass è Ferro&Sudore_2024 , indirizzo come sempre",
        Password,
        "Ferro&Sudore_2024",
    );
}

#[test]
fn sentences_about_passwords_in_more_languages_are_not_passwords() {
    for text in [
        "the password is stored in the environment",
        "Das Passwort ist falsch.",
        "the password is required",
        "The password is at least 12 characters long.",
        "mot de passe oublié ?",
        "Het wachtwoord is verlopen, stuur me een nieuwe link.",
        "A senha é obrigatória para entrar.",
        "La contraseña es incorrecta.",
        "wifi密码忘了怎么办",
        "WiFiパスワードの変え方を教えて",
        "the password is <password>",
        "the password is ********",
        "the password is your_password",
        "the password is changeme",
        "the password is $DB_PASSWORD",
        "the password field is required. my username is jsmith2020",
        "O passe do metro é Navegante2024.",
        "the pass is valid until Friday",
        "Wie kann ich das WLAN-Passwort ändern?",
    ] {
        clean(text);
    }
    // Digits inside a word are not the word-and-number shape: below the decision line.
    let f = finds("the password is sha256hash", Password, "sha256hash");
    assert!(f.confidence < 0.8);
}

#[test]
fn login_pairs() {
    for (text, value) in [
        (
            "Login for the staging admin panel is admin / Orchid!557.",
            "Orchid!557",
        ),
        (
            "login for the staging admin panel is admin / lisboa#735.",
            "lisboa#735",
        ),
        (
            "Quick question: Login for the staging admin panel is admin / 05BRtNoyWtmYzC.",
            "05BRtNoyWtmYzC",
        ),
        (
            "Login for the staging admin panel is admin / sunflower1975.",
            "sunflower1975",
        ),
        (
            "Login for the staging admin panel is admin / summer2016.",
            "summer2016",
        ),
        ("Username/password: admin / Orchid!557", "Orchid!557"),
        ("credentials: deploy:Vq7#kP2m", "Vq7#kP2m"),
        ("Die Zugangsdaten sind admin / Sommer2024!", "Sommer2024!"),
        ("identifiants : jdupont : Soleil#77", "Soleil#77"),
        ("usuario: admin/Lisboa#735", "Lisboa#735"),
        ("The account is j.doe@acme.io / Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("Login with admin / Admin123!", "Admin123!"),
        (
            "Log in as deploy / Vq7#kP2m! and restart the worker",
            "Vq7#kP2m!",
        ),
    ] {
        let f = finds_detail(text, Password, value, "login_pair");
        assert!(f.confidence >= 0.8, "{text}: {f:?}");
    }
    // A short word-and-number password is still reported, below the decision line.
    let f = finds("login: admin / kiwi42x", Password, "kiwi42x");
    assert!(f.confidence < 0.8);
}

#[test]
fn login_look_alikes() {
    for text in [
        "login is admin only",
        "the login page is /admin/login",
        "user / group permissions",
        "login: admin/settings",
        "login: admin/settings2",
        "login: admin / admin",
        "Login for the panel is admin / <password>",
        "login: root / ********",
        "user: admin:changeme",
        "the account balance is 100 / 200",
        "user_login = admin/Orchid557",
        "Log in at 10:30 with your account: https://example.com/login",
        "The user is admin / the group is wheel2",
        "login: admin@example.com / P@ssw0rd!",
        "Log in as demo@example.org / Demo#2024",
        // a label and its value
        "Account number: A-7F2C19D4\nBill reference: 004471826",
        "User ID: Xk-7731QZ, plan: basic",
    ] {
        clean(text);
    }
}

#[test]
fn passwords_on_a_command_line() {
    use super::{finds_detail, lacks};
    for (text, value) in [
        (
            "marco@db:~$ mysqldump -u backup_user -p'Tr3nt1n0!Sci#2024' --single-transaction magazzino",
            "Tr3nt1n0!Sci#2024",
        ),
        ("mysql -h 10.0.4.12 -u app -pKx9!vLq27 shop", "Kx9!vLq27"),
        (
            "sshpass -p 'Wint3r#Gate' ssh deploy@10.0.0.5",
            "Wint3r#Gate",
        ),
    ] {
        finds_detail(
            text,
            super::super::FindingKind::Password,
            value,
            "command_line",
        );
    }
    for text in [
        "mysql -u root -p shop",
        "mysqldump -u backup -p\"$DB_PASSWORD\" shop > dump.sql",
        "mysql -u app -pyourpassword shop",
        "sshpass -p password ssh user@host",
    ] {
        lacks(text, super::super::FindingKind::Password);
    }
}
