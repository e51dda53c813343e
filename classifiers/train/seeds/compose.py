"""Fills [[slot]] templates from the hand-written pools and the generators below.

Hand-written pools with at least `PARTITION_MIN` values are split into folds: a template of fold
f only draws values of fold f, so a filler never appears on both sides of the train/validation
split."""

from __future__ import annotations

import json
import re

from . import lexicon as lx
from . import material as mt
from . import pii

N_FOLDS = 5
PARTITION_MIN = 10
SLOT = re.compile(r"\[\[([a-z0-9_]+)\]\]")

LANGUAGE_NAMES_EN = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                     "pt": "Portuguese", "nl": "Dutch", "ja": "Japanese", "hi": "Hindi", "zh": "Chinese"}

# Slots that fix the row's format (the first one found wins).
_FORMAT_OF = [
    ("email_with_signature", "email"), ("email_doc", "email"), ("csv_customers", "csv"), ("json_users", "json"),
    ("log_with_pii", "logs"), ("log_sized", "logs"), ("csv_sized", "csv"), ("json_sized", "json"),
    ("code_with_key", "code"), ("code_env", "code"), ("env_real", "env"),
    ("env_example", "env"), ("yaml_secret", "yaml"), ("yaml_doc", "yaml"), ("confidential_doc", "memo"),
    ("public_doc", "memo"), ("letter_", "letter"), ("medical_record", "record"),
    ("docs3", "documents"), ("pem", "pem"), ("article", "article"), ("log", "logs"), ("code", "code"),
    ("csv", "csv"), ("json", "json"),
]

NEUTRAL_POOLS = {
    "plang": ["Python", "JavaScript", "TypeScript", "Go", "Rust", "Java", "C#", "Ruby", "PHP", "Kotlin"],
}


# Kind of pasted material a slot carries. Prose-like kinds are balanced per language (their
# n-grams are language-specific); technical ones across languages.
_KIND_OF = [
    ("sentence", "sentence"), ("typo_sentence", "sentence"), ("letter_", "prose"), ("article", "prose"), ("docs3", "docs"), ("confidential_doc", "prose"),
    ("public_doc", "prose"), ("email_", "email"), ("medical_record", "medical"), ("code_s", "snippet"),
    ("code", "code"), ("log", "log"), ("csv", "csv"), ("json", "json"), ("yaml", "yaml"), ("env_", "env"),
]
PER_LANGUAGE_KINDS = {"sentence", "prose", "docs", "email", "medical"}

# Privacy twins: container slot of a positive -> same kind of paste without personal data.
TWINS = {
    "letter_with_contact": "letter_plain", "medical_record": "medical_record_anon", "csv_customers": "csv_sized",
    "json_users": "json_sized", "log_with_pii": "log_sized", "code_with_key": "code_env", "env_real": "env_example",
    "yaml_secret": "yaml_doc", "email_with_signature": "email_doc", "confidential_doc": "public_doc",
}
PERSONAL_SLOTS = {
    "name", "name2", "first", "first_lower", "last", "email", "phone", "address", "dob", "natid", "ssn", "nino",
    "passport", "card", "expiry", "cvv", "iban", "routing", "account", "salary", "salary2", "aws_id",
    "aws_secret", "api_key", "pem", "jwt", "conn", "password", "cookie", "aadhaar", "pan", *TWINS,
}

# Redacted twins (generate.py): the product replaces each detector finding with a typed
# placeholder. A private prompt whose only private content is values of the detectable kinds
# becomes public once they are all replaced; one that also names a diagnosis, a date of birth, an
# address, a salary, a record, account numbers or a confidential plan stays private.
DETECTABLE_SLOTS = {
    "email", "phone", "ssn", "nino", "passport", "card", "iban", "natid", "aws_id", "aws_secret", "api_key", "pem",
    "jwt", "conn", "password", "cookie", "aadhaar", "pan", "email_with_signature", "csv_customers", "log_with_pii",
    "code_with_key", "env_real", "yaml_secret",
}
RESIDUAL_SLOTS = {
    "dob", "address", "condition", "medication", "salary", "salary2", "offence", "routing", "account", "expiry", "cvv",
    "codename", "letter_with_contact", "medical_record", "json_users", "confidential_doc",
}
CONFIDENTIAL_MARKER = re.compile(
    r"confiden|internal|intern\b|interne|vertraulich|vertrouwelijk|riservat|reservad|社外秘|社内限定|机密|内部|गोपनीय|आंतरिक",
    re.IGNORECASE,
)


def stays_private_when_redacted(template: str) -> bool:
    """Whether a private template keeps private content after its detectable values are replaced."""
    slots = set(SLOT.findall(template))
    if slots & RESIDUAL_SLOTS or not slots & DETECTABLE_SLOTS:
        return True
    return bool(CONFIDENTIAL_MARKER.search(SLOT.sub(" ", template)))


def kind_of(template: str) -> str | None:
    for s in SLOT.findall(template):
        for prefix, kind in _KIND_OF:
            if s.startswith(prefix):
                return kind
    return None


def twin_of(template: str) -> str | None:
    """The negative twin of a positive template whose only personal data sits in containers."""
    slots = SLOT.findall(template)
    if not any(s in TWINS for s in slots):
        return None
    twin = SLOT.sub(lambda m: "[[" + TWINS.get(m.group(1), m.group(1)) + "]]", template)
    if any(s in PERSONAL_SLOTS for s in SLOT.findall(twin)):
        return None
    return twin


def format_of(template: str) -> str:
    slots = SLOT.findall(template)
    for prefix, fmt in _FORMAT_OF:
        for s in slots:
            if s.startswith(prefix):
                return fmt
    return "chat"


def _length(rng, size: str) -> int:
    if size == "s":
        return rng.randint(300, 1200)
    if size == "m":
        return rng.randint(1000, 4000)
    r = rng.random()
    if r < 0.55:
        return rng.randint(2500, 6000)
    if r < 0.85:
        return rng.randint(6000, 11000)
    return rng.randint(11000, 17500)


class Composer:
    def __init__(self, rng, lang: str, fold: int, pools: dict, fallback_pools: dict | None = None):
        self.rng = rng
        self.lang = lang
        self.fold = fold
        self.pools = pools
        self.fallback = fallback_pools or {}
        self.values: dict[str, str] = {}
        self._person = None
        self._person2 = None
        # Values of the kinds the deterministic detectors look for (emails, phones, IDs, cards,
        # IBANs, keys, tokens, passwords), in the order they were generated. The redacted twins
        # of generate.py check that redaction removed every one of them.
        self.detectable: list[str] = []

    def keep(self, value: str) -> str:
        self.detectable.append(value)
        return value

    # -- pools -----------------------------------------------------------------------------
    def pool(self, name: str) -> list[str]:
        values = self.pools.get(name) or NEUTRAL_POOLS.get(name) or self.fallback.get(name)
        if not values:
            raise KeyError(f"no pool or generator for slot {name!r} ({self.lang})")
        if len(values) >= PARTITION_MIN:
            values = [v for i, v in enumerate(values) if i % N_FOLDS == self.fold]
        return values

    def pick(self, name: str) -> str:
        return self.rng.choice(self.pool(name))

    # -- people ------------------------------------------------------------------------------
    def person(self):
        if self._person is None:
            self._person = pii.person(self.rng, self.lang)
        return self._person

    def person2(self):
        if self._person2 is None:
            self._person2 = pii.person(self.rng, self.lang)
        return self._person2

    def _name(self, p):
        first, last = p
        return last + first if self.lang in ("ja", "zh") else f"{first} {last}"

    # -- filling -----------------------------------------------------------------------------
    def fill(self, template: str) -> str:
        text = template
        for _ in range(4):
            if not SLOT.search(text):
                break
            text = SLOT.sub(lambda m: self.value(m.group(1)), text)
        return text

    def value(self, slot: str) -> str:
        if slot not in self.values:
            gen = getattr(self, "g_" + slot, None)
            if gen is not None:
                self.values[slot] = gen()
            elif slot.endswith("2") and not (self.pools.get(slot) or self.fallback.get(slot)):
                # "x2" is a second, different value from the pool of "x"
                first = self.value(slot[:-1])
                options = [v for v in self.pool(slot[:-1]) if v != first] or self.pool(slot[:-1])
                self.values[slot] = self.rng.choice(options)
            else:
                self.values[slot] = self.pick(slot)
        return self.values[slot]

    # -- generated slots: prose ----------------------------------------------------------------
    def g_sentence(self):
        return mt.short_sentence(self.rng, self.lang)

    def g_typo_sentence(self):
        s = mt.short_sentence(self.rng, self.lang)
        for _ in range(5):
            t = mt.with_typos(self.rng, self.lang, s)
            if t != s:
                return t
        return t

    def _article(self, size, lang=None, typos=False):
        lang = lang or self.lang
        text = mt.article(self.rng, lang, _length(self.rng, size))
        return mt.with_typos(self.rng, lang, text) if typos else text

    def g_article_s(self):
        return self._article("s")

    def g_article_m(self):
        return self._article("m")

    def g_article_l(self):
        return self._article("l")

    def g_article_typo_s(self):
        return self._article("s", typos=True)

    def g_article_typo_m(self):
        return self._article("m", typos=True)

    def g_article_typo_l(self):
        return self._article("l", typos=True)

    def g_article_s_any(self):
        return self._article("s", lang=self.rng.choice(lx.LANGS))

    def g_article_m_any(self):
        return self._article("m", lang=self.rng.choice(lx.LANGS))

    def g_email_doc(self):
        return mt.office_email(self.rng, self.lang)

    def g_docs3(self):
        rng = self.rng
        parts = []
        for i in range(3):
            kind = rng.random()
            if kind < 0.6:
                body = mt.article(rng, self.lang, rng.randint(600, 3200))
            elif kind < 0.8:
                body = mt.csv_table(rng, rng.randint(600, 3000))
            else:
                body = mt.app_log(rng, rng.randint(600, 3000))
            parts.append(f"=== {i + 1} ===\n{body}")
        return "\n\n".join(parts)

    # -- generated slots: technical material ----------------------------------------------------
    def g_log_m(self):
        return mt.any_log(self.rng, _length(self.rng, "m"))

    def g_log_l(self):
        return mt.any_log(self.rng, _length(self.rng, "l"))

    def g_code_s(self):
        return mt.code_snippet(self.rng)[1]

    def g_code_m(self):
        return mt.code_file(self.rng, _length(self.rng, "m"))[1]

    def g_code_l(self):
        return mt.code_file(self.rng, _length(self.rng, "l"))[1]

    def g_csv_m(self):
        return mt.csv_table(self.rng, _length(self.rng, "m"))

    def g_csv_l(self):
        return mt.csv_table(self.rng, _length(self.rng, "l"))

    def g_json_m(self):
        return mt.json_doc(self.rng, _length(self.rng, "m"))

    def g_json_l(self):
        return mt.json_doc(self.rng, _length(self.rng, "l"))

    def g_yaml_doc(self):
        return mt.yaml_doc(self.rng)

    # -- generated slots: personal data ----------------------------------------------------------
    def g_name(self):
        return self._name(self.person())

    def g_name2(self):
        return self._name(self.person2())

    def g_first(self):
        return self.person()[0]

    def g_first_lower(self):
        first = self.person()[0]
        if self.lang in ("ja", "zh", "hi"):
            return self.rng.choice(lx.LATIN_FIRST[self.lang])
        return pii._ascii_fold(first).lower()

    def g_last(self):
        return self.person()[1]

    def g_email(self):
        first, last = self.person()
        return self.keep(pii.email_for(self.rng, self.lang, first, last))

    def g_phone(self):
        return self.keep(pii.phone(self.rng, self.lang))

    def g_address(self):
        return pii.address(self.rng, self.lang)

    def g_dob(self):
        return pii.birth_date(self.rng, self.lang)

    def g_natid(self):
        label, value = pii.national_id(self.rng, self.lang)
        sep = "：" if self.lang in ("ja", "zh") else ": "
        return f"{label}{sep}{self.keep(value)}"

    def g_ssn(self):
        return self.keep(pii.ssn(self.rng))

    def g_nino(self):
        return self.keep(pii.uk_nino(self.rng))

    def g_passport(self):
        return self.keep(pii.passport(self.rng, self.lang))

    def g_card(self):
        return self.keep(pii.card_number(self.rng))

    def g_expiry(self):
        return pii.card_expiry(self.rng)

    def g_cvv(self):
        return pii.cvv(self.rng)

    def g_iban(self):
        country = {"de": "DE", "fr": "FR", "es": "ES", "it": "IT", "pt": "PT", "nl": "NL"}.get(self.lang)
        if country is None or self.rng.random() < 0.25:
            country = None
        return self.keep(pii.iban(self.rng, country))

    def g_routing(self):
        return pii.aba_routing(self.rng)

    def g_account(self):
        return pii.bank_account_us(self.rng)

    def g_salary(self):
        return pii.salary(self.rng, self.lang)

    def g_salary2(self):
        return pii.salary(self.rng, self.lang)

    def g_amount(self):
        return str(self.rng.choice([12, 18, 35, 48, 75, 120, 240, 310, 480, 920]) + self.rng.randint(0, 9))

    def g_amount2(self):
        return str(self.rng.randint(40, 900))

    def g_company(self):
        return self.rng.choice(self.pools.get("company") or self.fallback["company"])

    def g_company2(self):
        options = [c for c in (self.pools.get("company") or self.fallback["company"]) if c != self.value("company")]
        return self.rng.choice(options)

    def g_codename(self):
        return self.rng.choice(self.pools.get("codename") or self.fallback["codename"])

    # -- generated slots: credentials -------------------------------------------------------------
    def g_aws_id(self):
        if "aws_secret" not in self.values:
            self._aws = pii.aws_key_pair(self.rng)
        return self.keep(self._aws[0])

    def g_aws_secret(self):
        if "aws_id" not in self.values:
            self._aws = pii.aws_key_pair(self.rng)
        return self.keep(self._aws[1])

    def g_api_key(self):
        return self.keep(pii.api_key(self.rng)[1])

    def g_pem(self):
        return self.keep(pii.pem_block(self.rng))

    def g_jwt(self):
        return self.keep(pii.jwt(self.rng, self.lang))

    def g_conn(self):
        return self.keep(pii.connection_string(self.rng))

    def g_password(self):
        return self.keep(pii.password(self.rng))

    def g_cookie(self):
        return self.keep(pii.session_cookie(self.rng))

    # -- generated slots: containers with personal data -------------------------------------------
    def g_email_with_signature(self):
        first, last = self.person()
        sig = (
            f"{self._name(self.person())}\n{self.rng.choice(['Account Manager', 'Project Lead', 'Office Manager', 'Sales', 'HR Business Partner'])}\n"
            f"{self.rng.choice(['Mobile', 'Tel', 'M'])}: {self.keep(pii.phone(self.rng, self.lang))}\n"
            f"{self.keep(pii.email_for(self.rng, self.lang, first, last))}"
        )
        return mt.office_email(self.rng, self.lang, signature=sig)

    def g_csv_customers(self):
        rng = self.rng
        rows = ["customer_id,name,email,phone,city"]
        for i in range(rng.randint(4, 40) if rng.random() < 0.6 else rng.randint(40, 160)):
            first, last = pii.person(rng, self.lang)
            name = last + first if self.lang in ("ja", "zh") else f"{first} {last}"
            city = rng.choice(lx.CITIES[self.lang])[0].split(",")[0]
            rows.append(f"{10000 + rng.randint(0, 89999)},{name},{self.keep(pii.email_for(rng, self.lang, first, last))},"
                        f"{self.keep(pii.phone(rng, self.lang))},{city}")
            if rng.random() < 0.1:
                rows.append(rows[-1])
        return "\n".join(rows)

    def g_json_users(self):
        rng = self.rng
        users = []
        for _ in range(rng.randint(2, 12) if rng.random() < 0.6 else rng.randint(12, 45)):
            first, last = pii.person(rng, self.lang)
            users.append({
                "id": rng.randint(1000, 99999),
                "name": last + first if self.lang in ("ja", "zh") else f"{first} {last}",
                "email": self.keep(pii.email_for(rng, self.lang, first, last)),
                "phone": self.keep(pii.phone(rng, self.lang)),
                "address": pii.address(rng, self.lang),
                "birth_date": pii.birth_date(rng, "en" if rng.random() < 0.5 else self.lang),
            })
        return json.dumps(users, indent=2, ensure_ascii=False)

    def g_log_with_pii(self):
        rng = self.rng
        extras = []
        for _ in range(rng.randint(1, 4)):
            first, last = pii.person(rng, self.lang)
            kind = rng.randrange(5)
            if kind == 0:
                extras.append(f"INFO  [auth] signup completed email={self.keep(pii.email_for(rng, self.lang, first, last))}")
            elif kind == 1:
                extras.append(f"WARN  [notifier] SMS delivery failed to={self.keep(pii.phone(rng, self.lang))}")
            elif kind == 2:
                extras.append(f"ERROR [mailer] bounce for {self.keep(pii.email_for(rng, self.lang, first, last))}: 550 mailbox unavailable")
            elif kind == 3:
                extras.append(f"DEBUG [payments] charge attempt card={self.keep(pii.card_number(rng).replace(' ', ''))} amount=49.00")
            else:
                email, token = pii.email_for(rng, self.lang, first, last), pii.jwt(rng, self.lang)
                extras.append(f"INFO  [auth] login ok user={self.keep(email)} token={self.keep(token)}")
        return mt.app_log(rng, _length(rng, rng.choice("sml")), extra_lines=extras)

    def g_code_with_key(self):
        rng = self.rng
        aws_id, aws_secret = pii.aws_key_pair(rng)
        kind, key = pii.api_key(rng)
        conn1, conn2, password = pii.connection_string(rng), pii.connection_string(rng), pii.password(rng)
        choices = [
            ("py", f'AWS_ACCESS_KEY_ID = "{aws_id}"\nAWS_SECRET_ACCESS_KEY = "{aws_secret}"\n', [aws_id, aws_secret]),
            ("py", f'client = Client(api_key="{key}")\n', [key]),
            ("py", f'DATABASE_URL = "{conn1}"\nengine = create_engine(DATABASE_URL)\n', [conn1]),
            ("js", f'const API_KEY = "{key}";\nconst client = new Client({{ apiKey: API_KEY }});\n', [key]),
            ("js", f'const pool = new Pool({{ connectionString: "{conn2}" }});\n', [conn2]),
            ("go", f'var token = "{key}"\n', [key]),
            ("java", f'private static final String PASSWORD = "{password}";\n', [password]),
            ("rs", f'const API_TOKEN: &str = "{key}";\n', [key]),
        ]
        lang, line, values = rng.choice(choices)
        self.detectable.extend(values)
        return mt.code_file(rng, _length(rng, rng.choice("sml")), lang=lang, inject=[line])[1]

    def g_env_real(self):
        rng = self.rng
        aws_id, aws_secret = pii.aws_key_pair(rng)
        pairs = [
            ("NODE_ENV=", rng.choice(['production', 'staging']), False),
            ("PORT=", str(rng.choice([3000, 8080, 8000])), False),
            ("DATABASE_URL=", pii.connection_string(rng), True),
            ("AWS_ACCESS_KEY_ID=", aws_id, True),
            ("AWS_SECRET_ACCESS_KEY=", aws_secret, True),
            ("STRIPE_SECRET_KEY=", f"sk_live_{pii.chars(rng, pii.ALNUM, 24)}", True),
            ("SENDGRID_API_KEY=", pii.api_key(rng)[1], True),
            ("JWT_SECRET=", pii.chars(rng, pii.ALNUM, 48), True),
            ("ADMIN_PASSWORD=", pii.password(rng), True),
            ("REDIS_URL=redis://:", pii.password(rng), True, f"@{pii.db_host(rng)}:6379/0"),
            ("LOG_LEVEL=", "info", False),
            ("GITHUB_TOKEN=", f"ghp_{pii.chars(rng, pii.ALNUM, 36)}", True),
        ]
        lines = [(p[0] + p[1] + (p[3] if len(p) > 3 else ""), p[1], p[2]) for p in pairs]
        keep = [lines[0], lines[1]] + rng.sample(lines[2:], rng.randint(2, 6))
        rng.shuffle(keep)
        self.detectable.extend(v for _, v, secret in keep if secret)
        return "\n".join(line for line, _, _ in keep)

    def g_yaml_secret(self):
        rng = self.rng
        kind, key = pii.api_key(rng)
        pw1, pw2 = pii.password(rng), pii.password(rng)
        conn = pii.connection_string(rng)
        blocks = [
            (f"        env:\n          - name: DB_PASSWORD\n            value: \"{pw1}\"\n", pw1),
            (f"      POSTGRES_PASSWORD: {pw2}\n", pw2),
            (f"        env:\n          API_TOKEN: {key}\n", key),
            (f"        env:\n          - name: DATABASE_URL\n            value: {conn}\n", conn),
        ]
        block, value = rng.choice(blocks)
        self.keep(value)
        return mt.yaml_doc(rng, secret_block=block)

    def g_confidential_doc(self):
        rng = self.rng
        head = rng.choice(["CONFIDENTIAL", "INTERNAL — DO NOT DISTRIBUTE", "Strictly confidential", "Company confidential"])
        body = mt.article(rng, "en", _length(rng, rng.choice("sml")))
        fact = rng.choice([
            f"The acquisition of {self.g_company()} at {self.g_amount()}M is expected to be signed on the 14th.",
            f"Q3 revenue was {self.g_amount()}M, below guidance; not to be shared before the earnings call.",
            "Headcount reduction of 9% in the EMEA sales team is planned for the first week of March.",
            f"Our largest customer, {self.g_company()}, will not renew; this has not been announced.",
        ])
        return f"{head}\n\n{fact}\n\n{body}"

    def g_letter_with_contact(self):
        rng = self.rng
        head = [self._name(self.person()), pii.address(rng, self.lang)]
        if rng.random() < 0.8:
            head.append(pii.phone(rng, self.lang))
        if rng.random() < 0.8:
            first, last = self.person()
            head.append(pii.email_for(rng, self.lang, first, last))
        body = mt.article(rng, self.lang, _length(rng, rng.choice("sml")))
        body = body.split("\n\n", 1)[1] if "\n\n" in body else body
        if rng.random() < 0.5:
            body = mt.with_typos(rng, self.lang, body)
        return "\n".join(head) + "\n\n" + body

    def g_medical_record(self):
        rng = self.rng
        lines = [f"Patient: {self._name(self.person())}", f"DOB: {pii.birth_date(rng, self.lang)}",
                 f"Address: {pii.address(rng, self.lang)}"]
        if rng.random() < 0.5:
            lines.append(f"Phone: {pii.phone(rng, self.lang)}")
        for _ in range(rng.randint(2, 14)):
            lines.append(
                f"\n{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}: "
                f"{self.pick('condition')} - follow-up. Current medication: {self.pick('medication')}. "
                f"BP {rng.randint(105, 175)}/{rng.randint(60, 105)}, weight {rng.randint(48, 130)} kg. "
                + rng.choice(["Stable.", "Symptoms worse since last visit.", "Referred to specialist.",
                              "Labs ordered.", "Patient reports poor sleep and low mood.", "Dose adjusted."])
            )
        return "\n".join(lines)

    def g_aadhaar(self):
        return self.keep(pii.in_aadhaar(self.rng))

    def g_pan(self):
        return self.keep(pii.in_pan(self.rng))

    # -- generated slots: negatives -------------------------------------------------------------
    def g_code_env(self):
        rng = self.rng
        snippets = [
            ("py", 'import os\n\nAPI_KEY = os.environ["API_KEY"]\nDATABASE_URL = os.getenv("DATABASE_URL", "postgresql://localhost/dev")\n'),
            ("py", 'class Settings(BaseSettings):\n    stripe_secret_key: SecretStr\n    database_url: PostgresDsn\n\n    model_config = SettingsConfigDict(env_file=".env")\n'),
            ("js", 'const apiKey = process.env.OPENAI_API_KEY;\nif (!apiKey) throw new Error("OPENAI_API_KEY is not set");\n'),
            ("go", 'token := os.Getenv("GITHUB_TOKEN")\nif token == "" {\n\tlog.Fatal("GITHUB_TOKEN missing")\n}\n'),
            ("rs", 'let key = std::env::var("AWS_SECRET_ACCESS_KEY").context("AWS_SECRET_ACCESS_KEY missing")?;\n'),
            ("java", 'String password = System.getenv("DB_PASSWORD");\n'),
        ]
        lang, line = rng.choice(snippets)
        return mt.code_file(rng, _length(rng, rng.choice("sml")), lang=lang, inject=[line])[1]

    def g_env_example(self):
        rng = self.rng
        lines = [
            "NODE_ENV=development",
            f"PORT={rng.choice([3000, 8080, 8000])}",
            rng.choice(["DATABASE_URL=postgresql://user:password@localhost:5432/app",
                        "DATABASE_URL=", "DATABASE_URL=<your-database-url>"]),
            rng.choice(["AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_ACCESS_KEY_ID=", "AWS_ACCESS_KEY_ID=your-access-key-id"]),
            rng.choice(["AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=",
                        "AWS_SECRET_ACCESS_KEY=changeme"]),
            rng.choice(["STRIPE_SECRET_KEY=sk_test_...", "STRIPE_SECRET_KEY=<your-stripe-key>", "STRIPE_SECRET_KEY="]),
            rng.choice(["JWT_SECRET=change-me", "JWT_SECRET=", "JWT_SECRET=dev-secret-do-not-use"]),
            rng.choice(["ADMIN_PASSWORD=changeme", "ADMIN_PASSWORD=", "ADMIN_PASSWORD=${ADMIN_PASSWORD}"]),
            "LOG_LEVEL=debug",
            rng.choice(["SMTP_FROM=noreply@example.com", "SUPPORT_EMAIL=support@example.com"]),
        ]
        keep = [lines[0], lines[1]] + rng.sample(lines[2:], rng.randint(3, 7))
        head = rng.choice(["# Copy to .env and fill in real values\n", "# .env.example\n", ""])
        return head + "\n".join(keep)

    def g_ph_email(self):
        return self.rng.choice(pii.PLACEHOLDER_EMAILS)

    def g_ph_phone(self):
        return self.rng.choice(pii.PLACEHOLDER_PHONES)

    def g_ph_card(self):
        return self.rng.choice(pii.PLACEHOLDER_CARDS)

    def g_ph_iban(self):
        return self.rng.choice(pii.PLACEHOLDER_IBANS)

    def g_ph_ssn(self):
        return self.rng.choice(pii.PLACEHOLDER_SSNS)

    def g_ph_key(self):
        return self.rng.choice(pii.PLACEHOLDER_KEYS[:3])

    def g_ph_jwt(self):
        return pii.PLACEHOLDER_JWT

    def g_ph_name(self):
        return self.rng.choice(pii.PLACEHOLDER_NAMES[self.lang])

    def g_ph_address(self):
        return self.rng.choice(pii.PLACEHOLDER_ADDRESSES)

    def g_isbn(self):
        return pii.isbn13(self.rng)

    def g_uuid(self):
        return pii.uuid4(self.rng)

    def g_sha(self):
        return pii.git_sha(self.rng, self.rng.random() < 0.4)

    def g_order(self):
        return pii.order_number(self.rng)

    def g_tracking(self):
        return pii.tracking_number(self.rng)

    def g_ticket(self):
        return pii.ticket_id(self.rng)

    def g_ip(self):
        return pii.doc_ip(self.rng)

    def g_semver(self):
        return pii.semver(self.rng)

    def g_semver2(self):
        return pii.semver(self.rng)

    # -- twins: the same kind and size of paste as a positive container, without personal data --
    def g_letter_plain(self):
        rng = self.rng
        head = rng.choice([
            f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2024", "Draft v2", "To the editorial team,",
            "Re: community newsletter", "Dear readers,", "Notes for the newsletter",
        ])
        body = mt.article(rng, self.lang, _length(rng, rng.choice("sml")))
        body = body.split("\n\n", 1)[1] if "\n\n" in body else body
        if rng.random() < 0.5:
            body = mt.with_typos(rng, self.lang, body)
        return head + "\n\n" + body

    def g_medical_record_anon(self):
        rng = self.rng
        lines = [f"Patient: {rng.randint(19, 90)}-year-old {rng.choice(['female', 'male'])} (case study, de-identified)"]
        for _ in range(rng.randint(2, 14)):
            lines.append(
                f"\nVisit {rng.randint(1, 30)}: {self.pick('condition')} - follow-up. Medication: {self.pick('medication')}. "
                f"BP {rng.randint(105, 175)}/{rng.randint(60, 105)}, weight {rng.randint(48, 130)} kg. "
                + rng.choice(["Stable.", "Symptoms worse since last visit.", "Referred to specialist.",
                              "Labs ordered.", "Reports poor sleep and low mood.", "Dose adjusted."])
            )
        return "\n".join(lines)

    def g_public_doc(self):
        rng = self.rng
        head = rng.choice(["PRESS RELEASE - for immediate publication", "Public announcement", "Newsletter", "Blog post"])
        fact = rng.choice([
            f"{self.g_company()} today announced a partnership with a regional logistics provider.",
            f"{self.g_company()} published its annual sustainability report.",
            "The company opens a new office in Lisbon this autumn and is hiring.",
            f"{self.g_company()} reported results in line with its published guidance.",
        ])
        return f"{head}\n\n{fact}\n\n" + mt.article(rng, "en", _length(rng, rng.choice("sml")))

    def g_csv_sized(self):
        return mt.csv_table(self.rng, _length(self.rng, self.rng.choice("sml")))

    def g_json_sized(self):
        return mt.json_doc(self.rng, _length(self.rng, self.rng.choice("sml")))

    def g_log_sized(self):
        return mt.any_log(self.rng, _length(self.rng, self.rng.choice("sml")))


# ---------------------------------------------------------------------------------------------
# light, label-neutral variation of chat prompts

WRAPPERS = {
    "en": (["", "", "", "", "Hey, ", "Quick question: ", "Hi! ", "Please help: ", "Hello, "],
           ["", "", "", "", " Thanks!", " Thank you.", " :)", " thx", " Please."]),
    "de": (["", "", "", "Hallo, ", "Kurze Frage: ", "Hi! "], ["", "", "", " Danke!", " Vielen Dank.", " :)"]),
    "fr": (["", "", "", "Bonjour, ", "Petite question : ", "Salut ! "], ["", "", "", " Merci !", " Merci d'avance.", " :)"]),
    "es": (["", "", "", "Hola, ", "Una pregunta: ", "¡Hola! "], ["", "", "", " ¡Gracias!", " Gracias de antemano.", " :)"]),
    "it": (["", "", "", "Ciao, ", "Domanda veloce: ", "Salve, "], ["", "", "", " Grazie!", " Grazie mille.", " :)"]),
    "pt": (["", "", "", "Olá, ", "Pergunta rápida: ", "Oi! "], ["", "", "", " Obrigado!", " Valeu!", " :)"]),
    "nl": (["", "", "", "Hoi, ", "Snelle vraag: ", "Hallo! "], ["", "", "", " Bedankt!", " Alvast bedankt.", " :)"]),
    "ja": (["", "", "", "すみません、", "質問です。"], ["", "", "", "よろしくお願いします。", "ありがとう！"]),
    "hi": (["", "", "", "नमस्ते, ", "एक सवाल: "], ["", "", "", " धन्यवाद!", " शुक्रिया।"]),
    "zh": (["", "", "", "你好，", "请问，"], ["", "", "", "谢谢！", "麻烦了。"]),
}

SYSTEM_PROMPTS = {
    "any": ["You are a helpful assistant.", "You are a helpful assistant. Answer concisely.",
            "You are a friendly assistant for a small business. Be polite and brief.",
            "You are a coding assistant. Prefer short, correct answers with code.",
            "Follow the user's instructions carefully."],
    "de": ["Du bist ein hilfreicher Assistent. Antworte auf Deutsch."],
    "fr": ["Tu es un assistant utile. Réponds en français."],
    "es": ["Eres un asistente útil. Responde en español."],
    "it": ["Sei un assistente disponibile. Rispondi in italiano."],
    "pt": ["Você é um assistente prestativo."],
    "nl": ["Je bent een behulpzame assistent. Antwoord in het Nederlands."],
    "ja": ["あなたは親切なアシスタントです。"],
    "hi": ["आप एक मददगार सहायक हैं।"],
    "zh": ["你是一个乐于助人的助手。"],
}


# Short style instructions, common as system prompts, that say nothing about privacy: the privacy
# corpus puts them in front of public and private prompts alike, so that "be brief" or "Sé breve"
# (a word that also opens private letters) carries no weight.
STYLE_PROMPTS = {
    "any": ["Be brief.", "be concise", "Keep answers short and plain."],
    "de": ["Fasse dich kurz."],
    "fr": ["Sois bref."],
    "es": ["Sé breve.", "Sé breve, por favor."],
    "it": ["Sii breve."],
    "pt": ["Seja breve."],
    "nl": ["Wees beknopt."],
    "ja": ["簡潔に答えてください。"],
    "hi": ["संक्षेप में उत्तर दें।"],
    "zh": ["请简短回答。"],
}


def vary(rng, lang: str, text: str, fmt: str, style_prompts: bool = False) -> str:
    if fmt == "chat" and len(text) < 2000:
        pre, post = WRAPPERS[lang]
        text = rng.choice(pre) + text + rng.choice(post)
        r = rng.random()
        if r < 0.08:
            text = text.lower()
        elif r < 0.1 and len(text) < 120:
            text = text.upper()
    if rng.random() < 0.1:
        pool = SYSTEM_PROMPTS["any"] + SYSTEM_PROMPTS.get(lang, []) * 3
        if style_prompts:
            pool = pool + STYLE_PROMPTS["any"] + STYLE_PROMPTS.get(lang, []) * 3
        text = rng.choice(pool) + "\n" + text
    return text


def has_slots(template: str) -> bool:
    return bool(SLOT.search(template))

