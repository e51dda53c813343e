//! Cards, SSNs, all-digit national IDs and phone numbers.

use super::super::FindingKind::{CreditCard, NationalId, Phone, Ssn};
use super::{
    Rng, clean, detector, finds, finds_detail, finds_each_at, finds_each_at_least,
    finds_each_below, found, lacks, with_luhn,
};

// ---------------------------------------------------------------------------------------------
// Cards

#[test]
fn cards_of_each_network() {
    finds_detail(
        "Please charge my Visa 4968 8719 3932 5243, exp 04/27.",
        CreditCard,
        "4968 8719 3932 5243",
        "visa",
    );
    finds_detail(
        "Mastercard: 5197-9704-8832-1320",
        CreditCard,
        "5197-9704-8832-1320",
        "mastercard",
    );
    finds_detail(
        "new MC range 2706 2434 8471 4240",
        CreditCard,
        "2706 2434 8471 4240",
        "mastercard",
    );
    finds_detail(
        "Amex 3777 198977 35957 on file",
        CreditCard,
        "3777 198977 35957",
        "amex",
    );
    finds_detail(
        "Discover card 6011 8778 3379 6670",
        CreditCard,
        "6011 8778 3379 6670",
        "discover",
    );
    finds_detail(
        "JCB 3559 6055 0731 1509",
        CreditCard,
        "3559 6055 0731 1509",
        "jcb",
    );
    finds_detail(
        "Diners 3637 683843 0835",
        CreditCard,
        "3637 683843 0835",
        "diners",
    );
    finds_detail(
        "银联 UnionPay 6268 9922 7477 3490",
        CreditCard,
        "6268 9922 7477 3490",
        "unionpay",
    );
    finds_detail(
        "19-digit Visa 4537 1390 2176 7704 247",
        CreditCard,
        "4537 1390 2176 7704 247",
        "visa",
    );
}

#[test]
fn cards_in_other_languages_and_ungrouped_with_a_label() {
    finds(
        "Meine Kreditkarte: 4968871939325243, gültig bis 04/27",
        CreditCard,
        "4968871939325243",
    );
    finds(
        "Ma carte bancaire est 5197 9704 8832 1320",
        CreditCard,
        "5197 9704 8832 1320",
    );
    finds(
        "Mi tarjeta es 4968-8719-3932-5243",
        CreditCard,
        "4968-8719-3932-5243",
    );
    finds(
        "カード番号は4968-8719-3932-5243です",
        CreditCard,
        "4968-8719-3932-5243",
    );
    let bare = finds(
        "pay with 4968871939325243 please",
        CreditCard,
        "4968871939325243",
    );
    assert!(
        bare.confidence < 0.9,
        "an unlabelled, ungrouped number is less certain"
    );
}

#[test]
fn published_test_cards_are_not_findings() {
    for n in [
        "4242 4242 4242 4242",
        "4111 1111 1111 1111",
        "4000 0000 0000 9995",
        "4000 0025 0000 3155",
        "4000 0027 6000 3184",
        "4548 8120 4940 0004",
        "4012 8888 8888 1881",
        "5555 5555 5555 4444",
        "5105 1051 0510 5100",
        "2223 0031 2200 3222",
        "3782 822463 10005",
        "3714 496353 98431",
        "6011 1111 1111 1117",
        "3530 1113 3330 0000",
        "6200 0000 0000 0005",
        "4000 0566 5566 5556",
    ] {
        clean(&format!("Use the test card {n} in the sandbox."));
    }
}

#[test]
fn a_card_in_its_groups_beside_a_card_word_whose_check_fails() {
    finds_each_at(
        &[
            (
                "why was this declined?? card 4716 2308 9153 6642 exp 08/27",
                "4716 2308 9153 6642",
            ),
            (
                "meine Kreditkarte eingegeben: 5412 7534 9102 6638, gültig bis 11/26",
                "5412 7534 9102 6638",
            ),
        ],
        CreditCard,
        "card_unchecked",
        0.8,
    );
    finds_each_at(
        &[
            (
                "卡号 6225 7684 3019 2257，有效期 08/27",
                "6225 7684 3019 2257",
            ),
            (
                "kaartnummer 4571 3298 0654 1127\nvervaldatum 09/27",
                "4571 3298 0654 1127",
            ),
            // The expiry date right after the number.
            (
                "here's the full number, 4921 8830 5517 2046, exp 09/27. Both charges were on 14 March",
                "4921 8830 5517 2046",
            ),
            (
                "Voilà ce que j'ai saisi : 4974 0312 8865 1290, exp 09/27, cryptogramme 418.",
                "4974 0312 8865 1290",
            ),
            // The security code and expiry under the number name it.
            (
                "klopt dit formaat?\n\n5412 7590 3316 8247\ngeldig tot 09/27\ncvc 318",
                "5412 7590 3316 8247",
            ),
            // Ungrouped, its expiry or security code named right after it.
            (
                "is this valid? 4539771206648813 exp 0927 cvc 418 — my visa debit",
                "4539771206648813",
            ),
            (
                r#"{"card":{"number":"5131420788163307","exp_month":"11","exp_year":"26"}}"#,
                "5131420788163307",
            ),
        ],
        CreditCard,
        "card_unchecked",
        0.8,
    );
    // Not grouped, no card word, a documentation number or sample data: nothing.
    clean("card 4716230891536642");
    clean("order 4716230891536642 exported");
    clean("ref 4716 2308 9153 6642");
    clean("card number format: 4111 1111 1111 1112");
    clean("fake data for the form: card 4716 2308 9153 6642");
    // A date that is no expiry (no month 14), or an expiry after another number first.
    clean("tracking 4716 2308 9153 6642 delivered 14/03/2024");
    clean("parcel 4716 2308 9153 6642 weighs 3 kg, due 09/27");
}

#[test]
fn card_look_alikes_are_not_cards() {
    clean("Invalid checksum: 4940 6805 1961 2357");
    // Luhn-valid but no issuer starts with 9.
    clean("card 9634 5049 1574 2965");
    clean("Order #4968871939325243 has shipped.");
    clean("order id 4968871939325243");
    // Wrong grouping for a card.
    clean("4968 87193 93252 43");
    // Long integers in a table of numbers.
    clean("(4951948911778577463, 2037035976334486086),");
    clean("values: 4968871939325243, 1234, 5678");
}

#[test]
fn luhn_invalid_numbers_never_pass_the_check() {
    let mut rng = Rng(0x5eed);
    for _ in 0..300 {
        let body = format!("4{}", rng.string("0123456789", 14));
        let valid = with_luhn(&body);
        let last = valid.as_bytes()[15] - b'0';
        let invalid = format!("{body}{}", (last + 1 + rng.below(9) as u8) % 10);
        let grouped = format!(
            "{} {} {} {}",
            &invalid[0..4],
            &invalid[4..8],
            &invalid[8..12],
            &invalid[12..16]
        );
        // Beside a card word only as a card whose check failed, and without one not at all.
        let text = format!("card number {grouped}");
        for f in detector().detect(&text) {
            if f.kind == CreditCard {
                assert_eq!(f.detail, "card_unchecked", "{text}");
                assert!(f.confidence < 0.95, "{text}: {f:?}");
            }
        }
        lacks(&format!("number {grouped}"), CreditCard);
        let good = format!(
            "{} {} {} {}",
            &valid[0..4],
            &valid[4..8],
            &valid[8..12],
            &valid[12..16]
        );
        let sentence = format!("card number {good}");
        let hits = found(&sentence);
        let dominated = {
            let mut counts = [0; 10];
            valid
                .bytes()
                .for_each(|c| counts[usize::from(c - b'0')] += 1);
            counts.iter().any(|&c| c >= 10)
        };
        assert!(
            dominated || hits.contains(&(CreditCard, good.as_str())),
            "{good}: {hits:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// SSN / ITIN

#[test]
fn ssns_in_valid_ranges() {
    finds_detail("My SSN is 079-05-4929.", Ssn, "079-05-4929", "us_ssn");
    finds("SSN: 836 67 1432", Ssn, "836 67 1432");
    finds("social security number 079054929", Ssn, "079054929");
    let f = finds("Employee 079-05-4929 joined", Ssn, "079-05-4929");
    assert!(f.confidence >= 0.9);
}

#[test]
fn ssns_outside_valid_ranges_or_published_are_not_ssns() {
    for n in [
        "123-45-6789",
        "078-05-1120",
        "219-09-9999",
        "000-12-3456",
        "666-12-3456",
        "123-00-4567",
        "123-45-0000",
        "111-11-1111",
    ] {
        lacks(&format!("SSN {n}"), Ssn);
    }
    lacks("SSN 900-12-3456", Ssn);
    lacks("SSN 987-65-4321", Ssn);
    // Nine plain digits need a label.
    clean("reference 079054929 attached");
}

#[test]
fn itins_are_national_ids() {
    finds_detail(
        "ITIN 912-78-1234 for the filing",
        NationalId,
        "912-78-1234",
        "us_itin",
    );
    // Numbers the text says it made up.
    clean("seed data for staging: made-up SSNs in the 900 range, like 900-71-3342");
    clean("fake SSN for the form: 219-45-7812");
}

// ---------------------------------------------------------------------------------------------
// All-digit national IDs

#[test]
fn german_tax_id() {
    finds_detail(
        "Meine Steuer-ID ist 51462190313.",
        NationalId,
        "51462190313",
        "de_steuer_id",
    );
    finds(
        "Steueridentifikationsnummer: 51 462 190 313",
        NationalId,
        "51 462 190 313",
    );
    let grouped = finds(
        "bitte 51 462 190 313 eintragen",
        NationalId,
        "51 462 190 313",
    );
    assert!(grouped.confidence < 0.9);
    clean("Rechnungsbetrag 51462190313 Cent");
}

#[test]
fn brazilian_cpf() {
    finds_detail(
        "Meu CPF é 783.912.964-15",
        NationalId,
        "783.912.964-15",
        "br_cpf",
    );
    finds("CPF: 78391296415", NationalId, "78391296415");
    clean("CPF de exemplo: 123.456.789-09");
    clean("Maria Exemplo da Silva - 529.982.247-25");
    clean("Aluno Teste Um - 111.444.777-35");
    clean("CPF 111.111.111-11");
    clean("78391296415");
}

#[test]
fn dutch_bsn_needs_its_label() {
    finds_detail("Mijn BSN is 671923997.", NationalId, "671923997", "nl_bsn");
    finds("burgerservicenummer: 671923997", NationalId, "671923997");
    clean("BSN 123456782");
    clean("het nummer 671923997");
}

#[test]
fn indian_aadhaar() {
    finds_detail(
        "मेरा आधार नंबर 6724 7296 3257 है",
        NationalId,
        "6724 7296 3257",
        "in_aadhaar",
    );
    finds("Aadhaar: 672472963257", NationalId, "672472963257");
    clean("Aadhaar 1724 7296 3257");
    clean("672472963257");
}

#[test]
fn a_failed_check_digit_beside_the_ids_own_name() {
    // Mistyped or made-up digits, but an ID all the same: reported at the decision line. A
    // NIR's name may stand a sentence before it.
    for (text, value, detail) in [
        (
            "Aadhaar 6724 7296 3258",
            "6724 7296 3258",
            "in_aadhaar_unchecked",
        ),
        (
            "उनका नाम सविता देवी है, आधार नंबर 5832 7419 2063.",
            "5832 7419 2063",
            "in_aadhaar_unchecked",
        ),
        ("CPF 783.912.964-16", "783.912.964-16", "br_cpf_unchecked"),
        (
            "Steuer-ID: 51462190314",
            "51462190314",
            "de_steuer_id_unchecked",
        ),
        // In its own printed groups, its name a clause before.
        (
            "meine Steuer-ID sei ungültig, ich hab sie aber direkt vom Brief vom Bundeszentralamt abgeschrieben: 57 492 018 364",
            "57 492 018 364",
            "de_steuer_id_unchecked",
        ),
        ("BSN 671923998", "671923998", "nl_bsn_unchecked"),
        (
            "個人番号：2969 0019 8253",
            "2969 0019 8253",
            "jp_my_number_unchecked",
        ),
        ("O meu NIF: 171578873.", "171578873", "pt_nif_unchecked"),
        (
            "入住人 黄志勇，身份证号 440106198507213819，入住 10月1日",
            "440106198507213819",
            "cn_resident_id_unchecked",
        ),
        (
            "姓名：黄志强\n公民身份号码：44030519580917351X",
            "44030519580917351X",
            "cn_resident_id_unchecked",
        ),
        (
            "ils demandent son n° de sécu \"13 chiffres + clé\". Le sien c'est 1 79 05 31 555 087 43 (Thomas Girardin)",
            "1 79 05 31 555 087 43",
            "fr_nir_unchecked",
        ),
        // A Belgian national number as the eID prints it, its name a sentence before.
        (
            "Ze vragen het rijksregisternummer van de vader. Op zijn eID staat: 83.11.07-245.18 (Jonas Wouters).",
            "83.11.07-245.18",
            "be_rrn_unchecked",
        ),
        // Spaced as on the card, or after a label that names only a document.
        (
            "C.F. MNC FDR 88L 52 F205 T\nResidente a Milano",
            "MNC FDR 88L 52 F205 T",
            "it_codice_fiscale_unchecked",
        ),
        (
            "姓名：陈晓雯\n证件号码：320582 19940716 352X",
            "320582 19940716 352X",
            "cn_resident_id_unchecked",
        ),
        // A NINO prefix never issued, beside its name.
        (
            "National Insurance number — QT 48 19 62 C",
            "QT 48 19 62 C",
            "uk_nino_unchecked",
        ),
        // A German pension insurance number, copied from a payslip's scan.
        (
            "Name, Vorname    Lorenz , Wiebke\nSV - Nr.    65 170889 L 02 3\nKrankenkasse   AOK",
            "65 170889 L 02 3",
            "de_social_insurance_unchecked",
        ),
    ] {
        finds_each_at(&[(text, value)], NationalId, detail, 0.8);
    }
    // A My Number's name may stand a clause before it.
    finds_detail(
        "配偶者の欄にマイナンバーを書くところがあるんですが、妻（山口由紀）のは 2969 0019 8252 です。",
        NationalId,
        "2969 0019 8252",
        "jp_my_number",
    );
    // Only beside the ID's own name: a generic "ID number" or none at all is not enough.
    clean("ID number 5832 7419 2063");
    clean("ref QT 48 19 62 C");
    clean("Lieferschein 65 170889 L 02 3");
    clean("ref 5832 7419 2063");
    lacks("Kundennummer 51462190314", NationalId);
    // Made up: digits counting up or repeated, or data the text calls sample or test data.
    clean("Aadhaar format: 1234 5678 9012");
    clean("Aadhaar 9876 5432 1098");
    clean("BSN 111111111");
    clean("Generate fake test data like: Aadhaar 5832 7419 2063");
    clean("CPF de exemplo: 529.118.347-60");
}

#[test]
fn belgian_national_numbers() {
    // The check holds, for a birth before 2000 and after.
    finds_each_at(
        &[
            ("rijksregisternummer 85.07.30-033.28", "85.07.30-033.28"),
            ("numéro national : 02.03.15-123.04", "02.03.15-123.04"),
        ],
        NationalId,
        "be_rrn",
        0.95,
    );
    // Its printed shape alone, the check holding.
    finds_each_at(
        &[("ref 85.07.30-033.28", "85.07.30-033.28")],
        NationalId,
        "be_rrn",
        0.9,
    );
    // No month 13; the check failing with no name; 11 digits with no name.
    clean("85.13.30-033.28");
    clean("ref 85.07.30-033.29");
    clean("order 85073003328 shipped");
}

#[test]
fn german_social_insurance_numbers() {
    // Area 12, born 01.01.80, initial M, serial 01, check 3.
    finds_each_at(
        &[(
            "Sozialversicherungsnummer 12 010180 M 01 3",
            "12 010180 M 01 3",
        )],
        NationalId,
        "de_social_insurance",
        0.95,
    );
}

#[test]
fn french_nir_including_corsica() {
    finds_detail(
        "Numéro de sécurité sociale : 1 85 05 78 006 084 91",
        NationalId,
        "1 85 05 78 006 084 91",
        "fr_nir",
    );
    finds(
        "NIR 2 91 11 2A 004 123 02",
        NationalId,
        "2 91 11 2A 004 123 02",
    );
    finds("n° 185057800608491", NationalId, "185057800608491");
    // A wrong key beside its name is a mistyped NIR; no month 13 is one at all.
    finds_detail(
        "Numéro de sécurité sociale : 1 85 05 78 006 084 92",
        NationalId,
        "1 85 05 78 006 084 92",
        "fr_nir_unchecked",
    );
    clean("1 85 05 78 006 084 92");
    clean("1 85 13 78 006 084 91");
}

// ---------------------------------------------------------------------------------------------
// Phones

#[test]
fn phones_north_america() {
    finds_detail(
        "Call me at (212) 867-5309 tomorrow.",
        Phone,
        "(212) 867-5309",
        "nanp",
    );
    finds("Office: 212-867-5309", Phone, "212-867-5309");
    finds("or 212.867.5309", Phone, "212.867.5309");
    finds_detail("US line +1 212 867 5309", Phone, "+1 212 867 5309", "e164");
    finds("phone 1-617-555-2368", Phone, "1-617-555-2368");
}

#[test]
fn phones_europe() {
    finds(
        "Ring me on 020 7485 2916 after six.",
        Phone,
        "020 7485 2916",
    );
    finds("Mobile: 07911 482917", Phone, "07911 482917");
    finds(
        "UK office +44 (0)20 7485 2916",
        Phone,
        "+44 (0)20 7485 2916",
    );
    finds("Meine Handynummer: 0171 4829365", Phone, "0171 4829365");
    finds("Tel.: 030/48291736", Phone, "030/48291736");
    finds("Ruf mich an: +49 89 4829173", Phone, "+49 89 4829173");
    finds_detail(
        "Appelez-moi au 06 47 21 93 58.",
        Phone,
        "06 47 21 93 58",
        "fr_national",
    );
    finds("Tél. 01.42.68.53.00", Phone, "01.42.68.53.00");
    finds("portable +33 6 47 21 93 58", Phone, "+33 6 47 21 93 58");
    finds("Llámame al 647 21 93 58", Phone, "647 21 93 58");
    finds("móvil +34 647 219 358", Phone, "+34 647 219 358");
    finds("Chiamami al 347 482 9173", Phone, "347 482 9173");
    finds("ufficio +39 06 4829 1736", Phone, "+39 06 4829 1736");
    finds("Bel me op 06-48291736", Phone, "06-48291736");
    finds("kantoor +31 20 482 9173", Phone, "+31 20 482 9173");
}

#[test]
fn phones_asia_and_brazil() {
    finds("मेरा फ़ोन नंबर 98471 62039 है", Phone, "98471 62039");
    finds("WhatsApp +91 98471 62039", Phone, "+91 98471 62039");
    finds_detail(
        "Ligue para (11) 94821-7365",
        Phone,
        "(11) 94821-7365",
        "br_national",
    );
    finds("celular +55 11 94821-7365", Phone, "+55 11 94821-7365");
    finds_detail(
        "Saludos,\nIng. Rodrigo Esparza\nCel. 55 4187 2093",
        Phone,
        "55 4187 2093",
        "mx_national",
    );
    finds("mi celular es 222 318 4096", Phone, "222 318 4096");
    // Without a word for "phone", the shape is anyone's.
    clean("Lote 55 4187 2093 recibido");
    finds("電話番号は090-4821-7395です", Phone, "090-4821-7395");
    finds(
        "会社 03-4829-1736（携帯ではありません）",
        Phone,
        "03-4829-1736",
    );
}

#[test]
fn grouped_mobile_numbers_need_no_phone_word() {
    finds_each_at_least(
        &[
            ("Ihre Nummer ist 0171 4829305, sag ab.", "0171 4829305"),
            ("reach Tom on 07911 482917 tonight", "07911 482917"),
            ("Sanne: 06-48291736", "06-48291736"),
            ("佐藤さん 090-4821-7395 に折り返して", "090-4821-7395"),
            (
                "un mensaje para mi vecina Pilar (612 48 93 07)",
                "612 48 93 07",
            ),
            ("scrivi a Giulia, 347 218 4593, per domani", "347 218 4593"),
            ("uska number 98104 37261 hai", "98104 37261"),
            // A customer list's row: a mobile with its dashes between numbers.
            (
                "顧客ID,氏名,電話,累計購入額\nC-00412,大野 智子,090-2281-6634,284000",
                "090-2281-6634",
            ),
            // Typed at full width.
            (
                "正しくは０８０ー４７１２ー９３５８です",
                "０８０ー４７１２ー９３５８",
            ),
        ],
        Phone,
        0.8,
    );
    // A landline without a phone word stays below the decision line.
    let f = finds("Zentrale 030 4829173", Phone, "030 4829173");
    assert!(f.confidence < 0.8, "{f:?}");
}

#[test]
fn plain_digits_need_a_phone_word() {
    finds("phone: 2128675309", Phone, "2128675309");
    finds("Telefon 01714829365", Phone, "01714829365");
    clean("id 2128675309");
    clean("2128675309");
    // Labelled as something else, in a text about calls.
    clean("- complaint number jo call pe mila: 6031874452");
    clean("I called twice; booking ref 9845120376, still no refund");
    clean("Kassenbon liegt vor (Bon-Nr. 0087 / 2214 / 5531)");
    finds("call me on 9845120376 after 6", Phone, "9845120376");
}

#[test]
fn fictional_numbers_are_not_phones() {
    clean("Call 555-0123 for a good time.");
    clean("Call (555) 010-0199 or (212) 555-0147");
    clean("Call (555) 123-4567");
    clean("Ring 020 7946 0958 or 07700 900123");
    clean("Tel +44 20 7946 0321");
    clean("Ligne de test : 01 99 00 12 34");
    clean("telefone (11) 5555-0100, CPF 000.000.000-00");
}

#[test]
fn freephone_numbers_are_businesses() {
    for text in [
        "Die Hotline 0800 172 1212 hat mich dreimal weggedrückt.",
        "Dá pra fazer pelo 0800 011 9911 ou tem que ir na agência?",
        "サポート窓口（0120-878-365）に電話したがつながらない",
        "called their support line 1-800-275-2273 for an hour",
        "call (888) 412-5530 to cancel",
        "Helpline: +44 800 028 1234",
        "ligue para o 0800 727 0111",
        "Llamé al 900 100 500 y nadie contesta",
        "Numero verde 800 123 456",
        "客服电话 400-820-8820 一直占线",
        "toll free 1800 425 3800 par call kiya",
    ] {
        lacks(text, Phone);
    }
    // A mobile is still a mobile, also where its digits open like a freephone number.
    finds("call me on +49 171 4829305", Phone, "+49 171 4829305");
    finds("携帯 080-0612-2603 に連絡して", Phone, "080-0612-2603");
}

#[test]
fn dates_times_versions_and_addresses_are_not_phones() {
    clean("Released 2024-06-14, patched 14.06.2024 and 06/14/2024.");
    clean("Meeting at 10:30 on 12.05.2024 10:45:00");
    clean("Bump to version 1.22.3 and 2.0.0-rc.1");
    clean("Server 192.168.100.200:8080, fallback 10.0.0.1");
    clean("IPv6 2001:db8:85a3::8a2e:370:7334");
    clean("tz offset Aug 09 2013 -0900");
    clean("chrono max +262142-12-31");
}

#[test]
fn prices_identifiers_and_tables_are_not_phones() {
    clean("Total: $1 234 567 or 1 234 567 € or EUR 030 123 456");
    clean("ISBN 978-3-16-148410-0 and ISBN 0-306-40615-2");
    clean("uuid 550e8400-e29b-41d4-a716-446655440000");
    clean("commit 6d58c3ee68140a1c9b4684ae673d710727561ddf");
    clean("Order 030123456789 and invoice 0301234567");
    clean("Issue #0301234567");
    clean("SARL au capital de 20 000 € – RCS Angers 739 205 185");
    clean("TVA intracom. FR41 812447903");
    clean("timestamp 1717000000 (epoch)");
    clean("0644 0622 0656; 0627 0644");
    clean("tracking 1Z999AA10123456784");
    clean("Ports 65280-65534 are reserved");
    clean("pi is 3.14159265358979");
}

#[test]
fn counting_runs_are_example_numbers() {
    for n in [
        "030 1234567",
        "06 12 34 56 78",
        "090-1234-5678",
        "98765 43210",
        "(11) 91234-5678",
        "+49 30 12345678",
    ] {
        clean(&format!("Tel.: {n}"));
    }
}

#[test]
fn repeated_digit_subscribers_are_placeholders() {
    for n in [
        "+91 00000 00000",
        "+31 6 00000000",
        "06 11111111",
        "0171 0000000",
        "+351 000 000 001",
        "+91 00000 00002",
        "+39 000 0000001",
        "138 0013 8000",
    ] {
        clean(&format!("Tel.: {n}"));
    }
    finds("Tel.: +31 6 20481007", Phone, "+31 6 20481007");
}

#[test]
fn code_point_lists_are_not_phones() {
    clean("LATIN SMALL LETTER I WITH DOT ABOVE AND ACUTE;0069 0307 0301");
    clean("<Buffer 01 02 03 04 05>");
}

#[test]
fn chinese_mobiles() {
    let f = finds_detail(
        "住在成都市，电话18813508801，请整理成联系人卡片。",
        Phone,
        "18813508801",
        "cn_mobile",
    );
    assert!(f.confidence >= 0.85);
    let f = finds("call 139 7655 7449 tomorrow", Phone, "139 7655 7449");
    assert!(f.confidence >= 0.9);
    let f = finds("Contact: 139 7655 7449", Phone, "139 7655 7449");
    assert!(f.confidence >= 0.8);
    // Run together and unlabelled, eleven digits are an order number as often as a phone.
    clean("batch 18813508801 was processed");
    clean("用户编号18813508801已处理");
    // After a Chinese name, as in a member list, it is that person's mobile.
    let f = finds_detail(
        "1. 郑雨桐 15902847613 会员卡余额 ¥260",
        Phone,
        "15902847613",
        "cn_mobile",
    );
    assert!(f.confidence >= 0.8);
    // With a courtesy title, any surname: "钱" is also money.
    for (text, mobile) in [
        ("1. 钱立新 先生 13761825049 预算300万", "13761825049"),
        ("王先生13761825049，明天回电", "13761825049"),
    ] {
        let f = finds_detail(text, Phone, mobile, "cn_mobile");
        assert!(f.confidence >= 0.8, "{text}: {f:?}");
    }
    clean("转账给13761825049的订单已处理");
    // Sample names and the textbook sample number.
    clean("1. 李四 13761825049 会员");
    clean("{\"name\": \"李强\", \"phone\": \"13800138001\"}");
}

#[test]
fn japanese_my_number_needs_its_name_and_check_digit() {
    let f = finds_detail(
        "私の個人番号：2969 0019 8252、生年月日は1972年です。",
        NationalId,
        "2969 0019 8252",
        "jp_my_number",
    );
    assert!(f.confidence >= 0.9);
    finds("マイナンバーは296900198252です", NationalId, "296900198252");
    lacks("shipment 2969 0019 8252 left the depot", NationalId);
}

#[test]
fn portuguese_nif_next_to_its_name() {
    let f = finds_detail(
        "Oi! O meu NIF: 171578872, nascido em 1993.",
        NationalId,
        "171578872",
        "pt_nif",
    );
    assert!(f.confidence >= 0.9);
    clean("NIF 123456789");
    lacks("encomenda 171578872 enviada", NationalId);
}

#[test]
fn a_number_called_mine_is_a_phone() {
    finds_each_at_least(
        &[
            ("mijn nummer: 06 0651 9166.", "06 0651 9166"),
            ("il mio numero: 334 3654269.", "334 3654269"),
        ],
        Phone,
        0.8,
    );
}

#[test]
fn a_business_line_is_below_the_decision_line() {
    finds_each_below(
        &[
            (
                "Rückfragen: Störungsdienst der Gemeindewerke, Tel. 07676 9120-55 (rund um die Uhr).",
                "07676 9120-55",
            ),
            (
                "Die Hotline (0221 8277 400) sagt nur, ich soll schriftlich widersprechen.",
                "0221 8277 400",
            ),
            (
                "４　お問い合わせ\n上下水道局　工務課　電話 0276-47-1850（平日）",
                "0276-47-1850",
            ),
            // Osaka's 06, ten digits like a Dutch mobile, on a Japanese letterhead.
            (
                "株式会社ミナトデザイン工房\n〒530-0047 大阪府大阪市北区西天満4-8-17\nTEL 06-6312-4470",
                "06-6312-4470",
            ),
            // An invoice's letterhead: a legal form and a register number in the paragraph.
            (
                "請求書\n\n株式会社アオバ物流\n〒980-0021 宮城県仙台市青葉区中央2丁目4-11\nTEL 022-261-4480\n登録番号：T7011001073498",
                "022-261-4480",
            ),
            // Landlines dialled without a trunk zero, in a letterhead: Spain, Brazil.
            (
                "REFORMAS TURIA, S.L.\nCIF: B97482152\nTel. 963 31 48 20 · info@reformasturia.es",
                "963 31 48 20",
            ),
            (
                "PADARIA PÃO DE OURO LTDA\nCNPJ 27.481.936/0001-38\nTel. (31) 3482-7700",
                "(31) 3482-7700",
            ),
            // Manchester's 0161 is a landline, not a German 016x mobile.
            (
                "Harrow & Finch Joinery Ltd, Company No. 10938472. Tel 0161 480 2277",
                "0161 480 2277",
            ),
            // Landlines written for abroad, in a letterhead: Italy, Germany, France.
            (
                "Ferretti Arredamenti S.r.l. - Via Emilia 220, 40068 San Lazzaro di Savena (BO) - tel. +39 051 625 4410 - P.IVA 03928410371",
                "+39 051 625 4410",
            ),
            (
                "Müller Haustechnik GmbH · Tel. +49 711 2381 4470 · HRB 734521",
                "+49 711 2381 4470",
            ),
            (
                "Boulangerie Martin SARL, SIRET 812 345 678 00019, tél. +33 4 78 42 17 90",
                "+33 4 78 42 17 90",
            ),
        ],
        Phone,
        0.8,
    );
    // A VAT number's digits after its country prefix are no phone.
    lacks(
        "N° TVA intracommunautaire : FR43 812447305\nTél. : voir ci-dessous",
        Phone,
    );
    // A company's WhatsApp line on its letterhead.
    let f = finds(
        "Fone (15) 3224-7180 | WhatsApp comercial (15) 99813-4402",
        Phone,
        "(15) 99813-4402",
    );
    assert!(f.confidence < 0.8, "{f:?}");
    // Three digits or fewer make a number nobody has.
    lacks(
        "फ़ोन नंबर ऐसे जो किसी के असली न हों (जैसे 99999 00001 टाइप)",
        Phone,
    );
    // Portugal's shared-cost 808 lines are a business's, like freephone.
    lacks("Para acompanhar pode ligar para o 808 53 53 53.", Phone);
    // A person's number stays a finding, even in a message to a hotline.
    let f = finds(
        "Bitte rufen Sie mich zurück, meine Handynummer ist 0171 4839 2210. Die Hotline war besetzt.",
        Phone,
        "0171 4839 2210",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    // A mobile after a business-line word is whoever answers it.
    let f = finds(
        "・問い合わせは3班班長の佐々木 090-4718-2263 まで（平日は19時以降）",
        Phone,
        "090-4718-2263",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    // A mobile in a company's paragraph may be its owner's.
    let f = finds(
        "PADARIA PÃO DE OURO LTDA\nCNPJ 27.481.936/0001-38\ncelular do dono (31) 98482-7700",
        Phone,
        "(31) 98482-7700",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    let f = finds(
        "Müller Haustechnik GmbH\nInhaber Jens Müller, mobil 0171 4839 2210",
        Phone,
        "0171 4839 2210",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    // So may one written for abroad; a landline without a company is a person's.
    finds_each_at_least(
        &[
            (
                "Ferretti Arredamenti S.r.l. - P.IVA 03928410371 - cell. titolare +39 347 625 4410",
                "+39 347 625 4410",
            ),
            ("my number is +39 051 625 4410, call me", "+39 051 625 4410"),
        ],
        Phone,
        0.8,
    );
}
