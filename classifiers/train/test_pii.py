"""The synthetic personal data must pass the real checksums (so that it looks like the real thing
to the detectors too), and the placeholders must stay the documented ones."""

import random

import pytest

from seeds import pii


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def test_luhn_reference_values():
    assert luhn_ok("4242 4242 4242 4242")
    assert luhn_ok("378282246310005")
    assert not luhn_ok("4242 4242 4242 4241")


def test_iban_reference_values():
    assert pii.iban_valid("DE89 3704 0044 0532 0130 00")
    assert pii.iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not pii.iban_valid("DE88 3704 0044 0532 0130 00")


@pytest.mark.parametrize("seed", range(200))
def test_generated_identifiers_are_valid(seed):
    rng = random.Random(seed)
    card = pii.card_number(rng)
    assert luhn_ok(card)
    assert card.replace(" ", "").replace("-", "") not in {c.replace(" ", "") for c in pii.PLACEHOLDER_CARDS}

    iban = pii.iban(rng)
    assert pii.iban_valid(iban)
    assert iban not in pii.PLACEHOLDER_IBANS

    ssn = pii.ssn(rng)
    area, group, serial = (int(x) for x in ssn.split("-"))
    assert 1 <= area <= 899 and area != 666 and group >= 1 and serial >= 1
    assert ssn not in pii.PLACEHOLDER_SSNS

    aba = pii.aba_routing(rng)
    assert sum(int(d) * w for d, w in zip(aba, [3, 7, 1] * 3)) % 10 == 0

    bsn = pii.nl_bsn(rng)
    assert sum(int(d) * w for d, w in zip(bsn, [9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0

    dni = pii.es_dni(rng)
    assert dni[-1] == "TRWAGMYFPDXBNJZSQVHLCKE"[int(dni[:-1]) % 23]

    nir = pii.fr_nir(rng).replace(" ", "")
    assert int(nir[-2:]) == 97 - int(nir[:-2]) % 97

    cpf = [int(c) for c in pii.br_cpf(rng) if c.isdigit()]
    for n in (9, 10):
        r = sum(d * w for d, w in zip(cpf[:n], range(n + 1, 1, -1))) * 10 % 11
        assert cpf[n] == (0 if r == 10 else r)

    cn = pii.cn_resident_id(rng)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    assert cn[-1] == "10X98765432"[sum(int(d) * w for d, w in zip(cn[:17], weights)) % 11]

    steuer = pii.de_steuer_id(rng).replace(" ", "")
    assert len(steuer) == 11 and steuer[0] != "0"
    counts = sorted((steuer[:10].count(d) for d in set(steuer[:10])), reverse=True)
    assert counts[0] == 2 and counts[1] == 1

    aadhaar = pii.in_aadhaar(rng).replace(" ", "")
    c = 0
    for i, ch in enumerate(reversed(aadhaar)):
        c = pii._VERHOEFF_D[c][pii._VERHOEFF_P[i % 8][int(ch)]]
    assert c == 0

    kind, key = pii.api_key(rng)
    assert key not in pii.PLACEHOLDER_KEYS
    aws_id, _ = pii.aws_key_pair(rng)
    assert aws_id[:4] in ("AKIA", "ASIA") and len(aws_id) == 20 and aws_id != "AKIAIOSFODNN7EXAMPLE"


@pytest.mark.parametrize("seed", range(50))
def test_personal_contact_data_avoids_placeholders(seed):
    rng = random.Random(seed)
    for lang in ("en", "de", "fr", "es", "it", "pt", "nl", "ja", "hi", "zh"):
        email = pii.email_for(rng, lang)
        assert "example." not in email and "@" in email
        phone = pii.phone(rng, lang)
        assert "555-01" not in phone and "555 01" not in phone


def test_isbn13_check_digit():
    rng = random.Random(1)
    for _ in range(100):
        isbn = pii.isbn13(rng).replace("-", "")
        assert sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(isbn)) % 10 == 0
