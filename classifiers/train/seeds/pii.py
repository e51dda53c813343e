"""Synthetic personal data that passes the real checksums, and the well-known documentation
placeholders that must not count as personal data. Every value is generated; none belongs to
anyone."""

from __future__ import annotations

import base64
import json
import string
import unicodedata

from . import lexicon as lx

DIGITS = string.digits
UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"


def digits(rng, n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def chars(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------------------------------------
# payment data


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


_TEST_CARDS = {
    "4242424242424242",
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "4000056655665556",
    "5105105105105100",
}


def card_number(rng) -> str:
    while True:
        kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
        if kind == "visa":
            body = "4" + digits(rng, 14)
        elif kind == "mc":
            body = "5" + rng.choice("12345") + digits(rng, 13)
        elif kind == "mc2":
            body = "2" + rng.choice(["221", "3", "4", "5", "6"])
            body = body + digits(rng, 15 - len(body))
        elif kind == "amex":
            body = "3" + rng.choice("47") + digits(rng, 12)
        else:
            body = "6011" + digits(rng, 11)
        number = body + luhn_check_digit(body)
        if number not in _TEST_CARDS and len(set(number)) > 4:
            break
    style = rng.random()
    if style < 0.45:
        if len(number) == 15:
            return f"{number[:4]} {number[4:10]} {number[10:]}"
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    if style < 0.6:
        return "-".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def card_expiry(rng) -> str:
    return f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}"


def cvv(rng) -> str:
    return digits(rng, 3)


_IBAN_BBAN = {
    # country: list of (alphabet, count) pieces
    "DE": [(DIGITS, 18)],
    "AT": [(DIGITS, 16)],
    "CH": [(DIGITS, 17)],
    "FR": [(DIGITS, 10), (UPPER + DIGITS, 11), (DIGITS, 2)],
    "ES": [(DIGITS, 20)],
    "IT": [(UPPER, 1), (DIGITS, 10), (DIGITS, 12)],
    "PT": [(DIGITS, 21)],
    "NL": [(UPPER, 4), (DIGITS, 10)],
    "BE": [(DIGITS, 12)],
    "GB": [(UPPER, 4), (DIGITS, 14)],
    "IE": [(UPPER, 4), (DIGITS, 14)],
    "LU": [(DIGITS, 3), (UPPER + DIGITS, 13)],
}

_IBAN_BANKS = {
    "NL": ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"],
    "GB": ["BARC", "LOYD", "HBUK", "NWBK", "MIDL", "MONZ"],
    "IE": ["AIBK", "BOFI", "IPBS"],
}


def iban_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def iban_valid(iban: str) -> bool:
    s = iban.replace(" ", "")
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


_EXAMPLE_IBANS = {
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "FR7630006000011234567890189",
    "NL91ABNA0417164300",
    "GB29NWBK60161331926819",
    "ES9121000418450200051332",
}


def iban(rng, country: str | None = None) -> str:
    country = country or rng.choice(sorted(_IBAN_BBAN))
    while True:
        pieces = []
        for i, (alphabet, n) in enumerate(_IBAN_BBAN[country]):
            if i == 0 and country in _IBAN_BANKS:
                pieces.append(rng.choice(_IBAN_BANKS[country]))
            else:
                pieces.append(chars(rng, alphabet, n))
        bban = "".join(pieces)
        value = country + iban_check_digits(country, bban) + bban
        if value not in _EXAMPLE_IBANS:
            break
    if rng.random() < 0.7:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def aba_routing(rng) -> str:
    body = rng.choice(["0", "1", "2", "3"]) + digits(rng, 7)
    s = sum(int(d) * k for d, k in zip(body, [3, 7, 1, 3, 7, 1, 3, 7]))
    return body + str((10 - s % 10) % 10)


def bank_account_us(rng) -> str:
    return digits(rng, rng.randint(9, 12))


# ---------------------------------------------------------------------------------------------
# government identifiers


def ssn(rng) -> str:
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        group = rng.randint(1, 99)
        serial = rng.randint(1, 9999)
        value = f"{area:03d}-{group:02d}-{serial:04d}"
        if value not in ("123-45-6789", "078-05-1120"):
            return value


def uk_nino(rng) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d = digits(rng, 6)
    return f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"


def de_steuer_id(rng) -> str:
    # Ten digits where one digit appears twice, then the ISO 7064 MOD 11,10 check digit.
    while True:
        pool = rng.sample(DIGITS, 9)
        dup = rng.choice(pool)
        body = pool + [dup]
        rng.shuffle(body)
        if body[0] != "0":
            break
    product = 10
    for ch in body:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    check = (11 - product) % 10
    b = "".join(body) + str(check)
    return f"{b[:2]} {b[2:5]} {b[5:8]} {b[8:]}" if rng.random() < 0.5 else b


def fr_nir(rng) -> str:
    sex = rng.choice("12")
    yy = f"{rng.randint(40, 99):02d}" if rng.random() < 0.7 else f"{rng.randint(0, 5):02d}"
    mm = f"{rng.randint(1, 12):02d}"
    dept = f"{rng.randint(1, 95):02d}"
    commune = f"{rng.randint(1, 999):03d}"
    order = f"{rng.randint(1, 999):03d}"
    body = sex + yy + mm + dept + commune + order
    key = 97 - int(body) % 97
    return f"{sex} {yy} {mm} {dept} {commune} {order} {key:02d}"


def es_dni(rng) -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


_CF_ODD = {
    **dict(zip(DIGITS, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21])),
    **dict(
        zip(
            UPPER,
            [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
        )
    ),
}


def it_codice_fiscale(rng) -> str:
    consonants = "BCDFGHLMNPRSTVZ"
    vowels = "AEIOU"
    name = "".join(rng.choice(consonants) for _ in range(3)) + "".join(
        rng.choice(consonants + vowels) for _ in range(3)
    )
    yy = f"{rng.randint(40, 99):02d}"
    month = rng.choice("ABCDEHLMPRST")
    day = rng.randint(1, 31) + (40 if rng.random() < 0.5 else 0)
    town = rng.choice("ABCDEFGHLM") + f"{rng.randint(1, 999):03d}"
    body = name + yy + month + f"{day:02d}" + town
    total = 0
    for i, ch in enumerate(body):
        if i % 2 == 0:
            total += _CF_ODD[ch]
        else:
            total += int(ch) if ch.isdigit() else ord(ch) - 65
    return body + UPPER[total % 26]


def nl_bsn(rng) -> str:
    while True:
        body = digits(rng, 8)
        if body[0] == "0":
            continue
        s = sum(int(d) * w for d, w in zip(body, range(9, 1, -1)))
        last = s % 11
        if last < 10:
            return body + str(last)


def jp_my_number(rng) -> str:
    body = digits(rng, 11)
    # Weights apply from the right: Q = n + 1 for n = 1..6, n - 5 for n = 7..11.
    total = 0
    for n in range(1, 12):
        p = int(body[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    check = 0 if r <= 1 else 11 - r
    v = body + str(check)
    return f"{v[:4]} {v[4:8]} {v[8:]}"


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
_VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def in_aadhaar(rng) -> str:
    body = rng.choice("23456789") + digits(rng, 10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(i + 1) % 8][int(ch)]]
    v = body + str(_VERHOEFF_INV[c])
    return f"{v[:4]} {v[4:8]} {v[8:]}"


def in_pan(rng) -> str:
    return chars(rng, UPPER, 3) + "P" + chars(rng, UPPER, 1) + digits(rng, 4) + chars(rng, UPPER, 1)


def br_cpf(rng) -> str:
    base = [int(d) for d in digits(rng, 9)]
    for _ in range(2):
        n = len(base) + 1
        s = sum(d * w for d, w in zip(base, range(n, 1, -1)))
        r = (s * 10) % 11
        base.append(0 if r == 10 else r)
    d = "".join(map(str, base))
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def pt_nif(rng) -> str:
    body = rng.choice("123") + digits(rng, 7)
    s = sum(int(d) * w for d, w in zip(body, range(9, 1, -1)))
    r = s % 11
    return body + str(0 if r < 2 else 11 - r)


def cn_resident_id(rng) -> str:
    region = rng.choice(["110101", "310104", "440305", "510107", "330106", "320102"])
    year = rng.randint(1955, 2004)
    body = f"{region}{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(rng, 3)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[s % 11]


def passport(rng, lang: str) -> str:
    if lang == "de":
        return "C" + chars(rng, "CFGHJKLMNPRTVWXYZ0123456789", 8)
    if lang == "fr":
        return digits(rng, 2) + chars(rng, UPPER, 2) + digits(rng, 5)
    if lang == "ja":
        return chars(rng, "MT", 1) + chars(rng, UPPER, 1) + digits(rng, 7)
    if lang == "hi":
        return chars(rng, UPPER, 1) + digits(rng, 7)
    if lang == "zh":
        return "E" + digits(rng, 8)
    if lang in ("es", "it", "pt", "nl"):
        return chars(rng, UPPER, 3) + digits(rng, 6)
    return digits(rng, 9)


def national_id(rng, lang: str) -> tuple[str, str]:
    """(label in the language, value) of the main national identifier of a language's country."""
    if lang == "de":
        return rng.choice(["Steuer-ID", "Steueridentifikationsnummer", "Steuer-IdNr."]), de_steuer_id(rng)
    if lang == "fr":
        return rng.choice(["numéro de sécurité sociale", "NIR", "n° de sécu"]), fr_nir(rng)
    if lang == "es":
        return rng.choice(["DNI", "NIF"]), es_dni(rng)
    if lang == "it":
        return "codice fiscale", it_codice_fiscale(rng)
    if lang == "pt":
        if rng.random() < 0.5:
            return "CPF", br_cpf(rng)
        return "NIF", pt_nif(rng)
    if lang == "nl":
        return rng.choice(["BSN", "burgerservicenummer"]), nl_bsn(rng)
    if lang == "ja":
        return rng.choice(["マイナンバー", "個人番号"]), jp_my_number(rng)
    if lang == "hi":
        if rng.random() < 0.6:
            return "आधार", in_aadhaar(rng)
        return "PAN", in_pan(rng)
    if lang == "zh":
        return "身份证号", cn_resident_id(rng)
    if rng.random() < 0.75:
        return rng.choice(["SSN", "Social Security number", "social security no."]), ssn(rng)
    return "National Insurance number", uk_nino(rng)


# ---------------------------------------------------------------------------------------------
# contact data


def person(rng, lang: str) -> tuple[str, str]:
    first = rng.choice(lx.FIRST_NAMES[lang])
    last = rng.choice(lx.LAST_NAMES[lang])
    return first, last


def full_name(rng, lang: str) -> str:
    first, last = person(rng, lang)
    if lang in ("ja", "zh"):
        return last + first
    return f"{first} {last}"


def _ascii_fold(s: str) -> str:
    s = s.replace("ß", "ss")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def email_for(rng, lang: str, first: str | None = None, last: str | None = None) -> str:
    if first is None or last is None:
        first, last = person(rng, lang)
    if lang in ("ja", "zh", "hi"):
        first, last = rng.choice(lx.LATIN_FIRST[lang]), rng.choice(lx.LATIN_LAST[lang])
    f = _ascii_fold(first).lower().replace(" ", "")
    l = _ascii_fold(last).lower().replace(" ", "").replace("'", "")
    pattern = rng.choice(["{f}.{l}", "{f}{l}", "{f0}{l}", "{f}_{l}{n}", "{l}.{f}", "{f}{n}"])
    local = pattern.format(f=f, l=l, f0=f[:1], n=rng.randint(1, 99))
    domain = rng.choice(lx.EMAIL_DOMAINS[lang] + lx.EMAIL_DOMAINS["any"])
    if rng.random() < 0.2:
        domain = rng.choice(lx.COMPANY_DOMAINS)
    return f"{local}@{domain}"


def phone(rng, lang: str) -> str:
    d = lambda n: digits(rng, n)  # noqa: E731
    if lang == "en":
        if rng.random() < 0.6:
            area = rng.choice(["212", "312", "415", "617", "646", "206", "303", "512", "702", "919"])
            exch = str(rng.randint(201, 989))
            while exch == "555":
                exch = str(rng.randint(201, 989))
            return rng.choice([f"({area}) {exch}-{d(4)}", f"+1 {area} {exch} {d(4)}", f"{area}-{exch}-{d(4)}"])
        return rng.choice([f"+44 7{rng.randint(400, 999)} {d(6)}", f"07{rng.randint(400, 999)} {d(6)}"])
    if lang == "de":
        return rng.choice([f"+49 15{rng.choice('12579')} {d(8)}", f"017{rng.randint(0, 9)} {d(7)}", f"0{rng.choice(['30', '40', '89', '221', '69'])} {d(7)}"])
    if lang == "fr":
        a = rng.choice("67")
        return rng.choice([f"0{a} {d(2)} {d(2)} {d(2)} {d(2)}", f"+33 {a} {d(2)} {d(2)} {d(2)} {d(2)}"])
    if lang == "es":
        return rng.choice([f"+34 6{d(2)} {d(3)} {d(3)}", f"6{d(2)} {d(2)} {d(2)} {d(2)}"])
    if lang == "it":
        return rng.choice([f"+39 3{d(2)} {d(3)} {d(4)}", f"3{d(2)} {d(7)}"])
    if lang == "pt":
        return rng.choice([f"+351 91{d(1)} {d(3)} {d(3)}", f"+55 11 9{d(4)}-{d(4)}", f"(21) 9{d(4)}-{d(4)}"])
    if lang == "nl":
        return rng.choice([f"+31 6 {d(8)}", f"06-{d(8)}", f"06 {d(4)} {d(4)}"])
    if lang == "ja":
        return rng.choice([f"090-{d(4)}-{d(4)}", f"080-{d(4)}-{d(4)}", f"03-{d(4)}-{d(4)}", f"+81 90 {d(4)} {d(4)}"])
    if lang == "hi":
        return rng.choice([f"+91 9{d(4)} {d(5)}", f"9{d(9)}", f"+91-8{d(9)}"])
    if lang == "zh":
        return rng.choice([f"13{d(1)} {d(4)} {d(4)}", f"+86 15{d(1)} {d(4)} {d(4)}", f"18{d(9)}"])
    return d(10)


def address(rng, lang: str) -> str:
    street = rng.choice(lx.STREETS[lang])
    city, postcode_fmt = rng.choice(lx.CITIES[lang])
    pc = "".join(rng.choice(DIGITS) if c == "#" else (rng.choice(UPPER) if c == "@" else c) for c in postcode_fmt)
    n = rng.randint(1, 180)
    if lang == "en":
        if rng.random() < 0.5:
            return f"{n} {street}, Apt {rng.randint(1, 40)}{rng.choice('ABCD')}, {city} {pc}"
        return f"{n} {street}, {city} {pc}"
    if lang in ("de", "nl"):
        return f"{street} {n}, {pc} {city}"
    if lang == "fr":
        return f"{n} {street}, {pc} {city}"
    if lang in ("es", "it", "pt"):
        return f"{street} {n}, {pc} {city}"
    if lang == "ja":
        return f"〒{pc} {city}{street}{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    if lang == "zh":
        return f"{city}{street}{n}号{rng.randint(1, 30)}栋{rng.randint(101, 2405)}室"
    if lang == "hi":
        return f"{n}, {street}, {city} {pc}"
    return f"{n} {street}, {city}"


def birth_date(rng, lang: str) -> str:
    y, m, d = rng.randint(1942, 2006), rng.randint(1, 12), rng.randint(1, 28)
    if lang == "en":
        return rng.choice([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {lx.MONTHS_EN[m - 1]} {y}"])
    if lang in ("ja", "zh"):
        return f"{y}年{m}月{d}日"
    if lang == "de":
        return f"{d:02d}.{m:02d}.{y}"
    if lang == "nl":
        return f"{d:02d}-{m:02d}-{y}"
    return f"{d:02d}/{m:02d}/{y}"


def salary(rng, lang: str) -> str:
    amount = rng.randrange(28_000, 240_000, 500)
    if lang == "en":
        return rng.choice([f"${amount:,}", f"£{amount:,}", f"USD {amount:,}"])
    if lang == "ja":
        return f"{amount * 150 // 10000}万円"
    if lang == "zh":
        return f"{amount * 7 // 1000}千元"
    if lang == "hi":
        return f"₹{amount * 80 // 100000} लाख"
    s = f"{amount:,}".replace(",", ".")
    if lang == "pt" and rng.random() < 0.5:
        return f"R$ {s},00"
    return f"{s} €" if rng.random() < 0.5 else f"€{s}"


# ---------------------------------------------------------------------------------------------
# credentials


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def aws_key_pair(rng) -> tuple[str, str]:
    key_id = rng.choice(["AKIA", "ASIA"]) + chars(rng, UPPER + "234567", 16)
    secret = chars(rng, ALNUM + "+/", 40)
    return key_id, secret


def api_key(rng) -> tuple[str, str]:
    """(kind, key) in a real provider format."""
    kind = rng.choice(
        ["github", "github_pat", "slack", "stripe", "google", "openai", "anthropic", "sendgrid",
         "twilio", "npm", "gitlab", "hf", "mailgun", "slack_webhook", "stripe_rk"]
    )
    if kind == "github":
        return kind, "ghp_" + chars(rng, ALNUM, 36)
    if kind == "github_pat":
        return kind, "github_pat_" + chars(rng, ALNUM, 22) + "_" + chars(rng, ALNUM, 59)
    if kind == "slack":
        return kind, f"xoxb-{digits(rng, 12)}-{digits(rng, 13)}-{chars(rng, ALNUM, 24)}"
    if kind == "stripe":
        return kind, "sk_live_" + chars(rng, ALNUM, rng.choice([24, 99]))
    if kind == "stripe_rk":
        return kind, "rk_live_" + chars(rng, ALNUM, 24)
    if kind == "google":
        return kind, "AIza" + chars(rng, ALNUM + "-_", 35)
    if kind == "openai":
        return kind, "sk-proj-" + chars(rng, ALNUM + "-_", 48) + "T3BlbkFJ" + chars(rng, ALNUM + "-_", 48)
    if kind == "anthropic":
        return kind, "sk-ant-api03-" + chars(rng, ALNUM + "-_", 93) + "AA"
    if kind == "sendgrid":
        return kind, "SG." + chars(rng, ALNUM + "-_", 22) + "." + chars(rng, ALNUM + "-_", 43)
    if kind == "twilio":
        return kind, "SK" + chars(rng, HEX, 32)
    if kind == "npm":
        return kind, "npm_" + chars(rng, ALNUM, 36)
    if kind == "gitlab":
        return kind, "glpat-" + chars(rng, ALNUM + "-_", 20)
    if kind == "hf":
        return kind, "hf_" + chars(rng, string.ascii_letters, 34)
    if kind == "mailgun":
        return kind, "key-" + chars(rng, HEX, 32)
    return kind, f"https://hooks.slack.com/services/T{chars(rng, UPPER + DIGITS, 8)}/B{chars(rng, UPPER + DIGITS, 10)}/{chars(rng, ALNUM, 24)}"


def password(rng) -> str:
    style = rng.random()
    if style < 0.4:
        w = rng.choice(lx.PASSWORD_WORDS)
        return w.capitalize() + rng.choice(["!", "#", "$", "@", "_", "."]) + digits(rng, rng.randint(2, 4))
    if style < 0.7:
        return chars(rng, ALNUM + "!#%&*", rng.randint(12, 24))
    return rng.choice(lx.PASSWORD_WORDS) + str(rng.randint(1970, 2024)) + rng.choice(["!", "?", "", "*"])


def pem_block(rng) -> str:
    kind = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
    n_lines = {"EC PRIVATE KEY": 3, "OPENSSH PRIVATE KEY": 7}.get(kind, rng.randint(12, 25))
    lines = [chars(rng, ALNUM + "+/", 64) for _ in range(n_lines)]
    if kind == "OPENSSH PRIVATE KEY":
        lines[0] = "b3BlbnNzaC1rZXktdjEAAAAA" + lines[0][24:]
    lines.append(chars(rng, ALNUM + "+/", rng.randint(8, 60)) + rng.choice(["", "=", "=="]))
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"


def jwt(rng, lang: str = "en") -> str:
    header = {"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    first, last = person(rng, lang)
    payload = {
        "sub": rng.choice([digits(rng, 8), chars(rng, HEX, 24)]),
        "email": email_for(rng, lang, first, last),
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
    }
    if rng.random() < 0.5:
        payload["name"] = f"{first} {last}"
    if rng.random() < 0.5:
        payload["exp"] = payload["iat"] + 3600
    sig = chars(rng, ALNUM + "-_", 43 if header["alg"] == "HS256" else 86)
    return _b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + _b64url(
        json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    ) + "." + sig


def db_host(rng) -> str:
    return rng.choice(
        [
            f"db-{rng.choice(['prod', 'primary', 'main', 'eu1', 'billing'])}.{rng.choice(lx.COMPANY_DOMAINS)}",
            f"{rng.choice(['pg', 'mysql', 'mongo'])}-{digits(rng, 2)}.internal.{rng.choice(lx.COMPANY_DOMAINS)}",
            f"{chars(rng, string.ascii_lowercase, 8)}.{rng.choice(['eu-west-1', 'us-east-1', 'eu-central-1'])}.rds.amazonaws.com",
            f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        ]
    )


def connection_string(rng) -> str:
    user = rng.choice(["app", "admin", "svc_billing", "postgres", "root", "etl", "reporting", "webapp"])
    pw = password(rng)
    host = db_host(rng)
    db = rng.choice(["orders", "customers", "billing", "app_prod", "analytics", "crm"])
    kind = rng.choice(["pg", "mysql", "mongo", "redis", "amqp", "mssql", "jdbc"])
    if kind == "pg":
        return f"postgresql://{user}:{pw}@{host}:5432/{db}"
    if kind == "mysql":
        return f"mysql://{user}:{pw}@{host}:3306/{db}"
    if kind == "mongo":
        return f"mongodb+srv://{user}:{pw}@cluster0.{chars(rng, string.ascii_lowercase + DIGITS, 5)}.mongodb.net/{db}?retryWrites=true&w=majority"
    if kind == "redis":
        return f"redis://:{pw}@{host}:6379/0"
    if kind == "amqp":
        return f"amqp://{user}:{pw}@{host}:5672/"
    if kind == "mssql":
        return f"Server={host};Database={db};User Id={user};Password={pw};"
    return f"jdbc:postgresql://{host}:5432/{db}?user={user}&password={pw}"


def session_cookie(rng) -> str:
    return rng.choice(
        [
            f"sessionid={chars(rng, string.ascii_lowercase + DIGITS, 32)}",
            f"connect.sid=s%3A{chars(rng, ALNUM + '-_', 32)}.{chars(rng, ALNUM + '%', 43)}",
            f"JSESSIONID={chars(rng, HEX.upper(), 32)}",
            f"_session_id={chars(rng, HEX, 32)}",
            f"PHPSESSID={chars(rng, string.ascii_lowercase + DIGITS, 26)}",
        ]
    )


def bearer(rng) -> str:
    return rng.choice([jwt(rng), "ya29." + chars(rng, ALNUM + "-_", 120), chars(rng, ALNUM, 40)])


# ---------------------------------------------------------------------------------------------
# placeholders and non-personal identifiers (negatives)

PLACEHOLDER_EMAILS = [
    "user@example.com", "jane.doe@example.com", "john.doe@example.org", "alice@example.net",
    "bob@example.com", "test@example.com", "name@example.com", "you@example.com",
    "noreply@example.com", "admin@example.org", "someone@example.com", "max.mustermann@example.de",
    "your.name@example.com", "foo@bar.example", "user1@example.test", "dev@localhost",
]
PLACEHOLDER_PHONES = [
    "555-0100", "555-0123", "555-0142", "555-0199", "(555) 010-0188", "+1-202-555-0173",
    "+1 (212) 555-0108", "+44 20 7946 0958", "020 7946 0321", "+44 113 496 0000",
    "0123 456789", "+49 30 123456789", "XXX-XXX-XXXX", "+1 555 0100",
]
PLACEHOLDER_CARDS = [
    "4242 4242 4242 4242", "4111 1111 1111 1111", "5555 5555 5555 4444", "4000 0566 5566 5556",
    "378282246310005", "4242424242424242", "4000 0000 0000 0002", "XXXX-XXXX-XXXX-1234",
]
PLACEHOLDER_IBANS = [
    "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR76 3000 6000 0112 3456 7890 189",
    "NL91 ABNA 0417 1643 00", "GB29 NWBK 6016 1331 9268 19", "ES91 2100 0418 4502 0005 1332",
]
PLACEHOLDER_SSNS = ["123-45-6789", "000-00-0000", "XXX-XX-XXXX", "078-05-1120", "987-65-4320"]
PLACEHOLDER_KEYS = [
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk-...", "<YOUR_API_KEY>", "YOUR_API_KEY_HERE",
    "xoxb-your-token", "AIza...", "sk-proj-XXXXXXXX", "changeme", "${API_KEY}", "<token>",
    "REPLACE_ME", "your-secret-here", "dummy-key-for-tests",
]
PLACEHOLDER_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
    "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
PLACEHOLDER_NAMES = {
    "en": ["John Doe", "Jane Doe", "John Smith", "A. N. Other", "Joe Bloggs", "Alice", "Bob"],
    "de": ["Max Mustermann", "Erika Mustermann", "Hans Muster"],
    "fr": ["Jean Dupont", "Marie Martin", "M. Untel"],
    "es": ["Juan Pérez", "Fulano de Tal", "Juan Español"],
    "it": ["Mario Rossi", "Tizio Caio", "Maria Bianchi"],
    "pt": ["Fulano de Tal", "João da Silva", "Zé Ninguém"],
    "nl": ["Jan Jansen", "Piet Pietersen", "Jan Modaal"],
    "ja": ["山田太郎", "山田花子", "鈴木一郎"],
    "hi": ["राम कुमार", "श्याम शर्मा"],
    "zh": ["张三", "李四", "王五"],
}
PLACEHOLDER_ADDRESSES = [
    "123 Main Street, Anytown, USA 12345", "1 Example Road, Sampletown", "Musterstraße 1, 12345 Musterstadt",
    "742 Evergreen Terrace, Springfield", "221B Baker Street, London", "1600 Amphitheatre Parkway, Mountain View, CA",
    "10 Downing Street, London", "Rue de l'Exemple 1, 75000 Paris",
]


def isbn13(rng) -> str:
    body = "978" + digits(rng, 9)
    s = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    v = body + str((10 - s % 10) % 10)
    return f"{v[:3]}-{v[3]}-{v[4:8]}-{v[8:12]}-{v[12]}" if rng.random() < 0.6 else v


def uuid4(rng) -> str:
    h = chars(rng, HEX, 32)
    h = h[:12] + "4" + h[13:16] + rng.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def git_sha(rng, short: bool = False) -> str:
    return chars(rng, HEX, 7 if short else 40)


def order_number(rng) -> str:
    return rng.choice(
        [
            f"ORD-{rng.randint(2019, 2025)}-{digits(rng, 6)}",
            f"#{digits(rng, 7)}",
            f"PO{digits(rng, 8)}",
            f"INV-{digits(rng, 5)}",
            f"{rng.choice(['A', 'B', 'W'])}{digits(rng, 3)}-{digits(rng, 7)}-{digits(rng, 7)}",
            f"SO-{digits(rng, 6)}",
        ]
    )


def tracking_number(rng) -> str:
    return rng.choice(
        [
            "1Z" + chars(rng, UPPER + DIGITS, 16),
            digits(rng, 12),
            chars(rng, UPPER, 2) + digits(rng, 9) + rng.choice(["DE", "GB", "FR", "NL", "CN", "US"]),
            "JJD" + digits(rng, 18),
        ]
    )


def ticket_id(rng) -> str:
    return rng.choice([f"{rng.choice(['JIRA', 'OPS', 'PLAT', 'BUG', 'INC', 'SEC'])}-{rng.randint(10, 9999)}", f"#{rng.randint(100, 48000)}"])


def doc_ip(rng) -> str:
    return rng.choice(["192.0.2.", "198.51.100.", "203.0.113.", "10.0.0.", "10.12.3.", "172.16.4."]) + str(rng.randint(1, 254))


def semver(rng) -> str:
    return f"{rng.randint(0, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


def non_personal_id(rng) -> tuple[str, str]:
    kind = rng.choice(["isbn", "uuid", "sha", "order", "tracking", "ticket", "semver", "sku"])
    if kind == "isbn":
        return "ISBN", isbn13(rng)
    if kind == "uuid":
        return "UUID", uuid4(rng)
    if kind == "sha":
        return "commit", git_sha(rng, rng.random() < 0.5)
    if kind == "order":
        return "order", order_number(rng)
    if kind == "tracking":
        return "tracking", tracking_number(rng)
    if kind == "ticket":
        return "ticket", ticket_id(rng)
    if kind == "semver":
        return "version", semver(rng)
    return "SKU", f"{chars(rng, UPPER, 3)}-{digits(rng, 4)}-{chars(rng, UPPER, 2)}"
