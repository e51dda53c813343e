//! IBAN, NINO, codice fiscale, DNI/NIE, passports and MRZ.

use super::super::FindingKind::{Iban, Mrz, NationalId, Passport};
use super::super::checksum;
use super::{clean, finds, finds_detail, lacks};

// ---------------------------------------------------------------------------------------------
// IBAN

#[test]
fn ibans_of_many_countries_grouped_and_compact() {
    for (sentence, iban) in [
        (
            "Bitte überweisen Sie auf DE56 2268 9678 1380 4220 53.",
            "DE56 2268 9678 1380 4220 53",
        ),
        (
            "Mon IBAN : FR73 9737 2342 21K6 3194 5370 226",
            "FR73 9737 2342 21K6 3194 5370 226",
        ),
        (
            "Pay into GB07HSQO23591091347792 by Friday",
            "GB07HSQO23591091347792",
        ),
        (
            "Mi cuenta: ES78 4666 5869 2640 7584 1347",
            "ES78 4666 5869 2640 7584 1347",
        ),
        (
            "Il mio IBAN è IT23K0590063909122972883099",
            "IT23K0590063909122972883099",
        ),
        (
            "Rekeningnummer NL08 GTWL 5791 1681 49",
            "NL08 GTWL 5791 1681 49",
        ),
        ("BE91 2066 4254 2446", "BE91 2066 4254 2446"),
        ("Konto AT32 3867 5892 8640 1778", "AT32 3867 5892 8640 1778"),
        (
            "IBAN CH11 4352 5957 1815 1732 5",
            "CH11 4352 5957 1815 1732 5",
        ),
        (
            "Przelew na PL03061985326858977188234455",
            "PL03061985326858977188234455",
        ),
        (
            "Minha conta BR58 6114 8436 0076 5113 6993 178T 7",
            "BR58 6114 8436 0076 5113 6993 178T 7",
        ),
        (
            "NIB PT79 6630 9946 2417 5524 4080 9",
            "PT79 6630 9946 2417 5524 4080 9",
        ),
        ("IE93IACM17640927609115", "IE93IACM17640927609115"),
        ("konto NO64 8825 7633 134.", "NO64 8825 7633 134"),
    ] {
        let f = finds(sentence, Iban, iban);
        assert!(f.confidence >= 0.95);
    }
}

#[test]
fn ibans_that_fail_the_check_or_are_published_examples() {
    // Beside the word IBAN, a failed check is a mistyped or made-up IBAN: reported at the
    // decision line.
    let f = finds_detail(
        "IBAN DE57 2268 9678 1380 4220 53",
        Iban,
        "DE57 2268 9678 1380 4220 53",
        "iban_unchecked",
    );
    assert!((f.confidence - 0.8).abs() < f32::EPSILON, "{f:?}");
    clean("Beispiel-IBAN: DE57 2268 9678 1380 4220 53");
    // Printed in groups of four, it needs no word; zeros pad real account numbers.
    finds_detail(
        "me l'ha dettata al telefono: IT47 K030 6909 6061 0000 0063 412, intestato a Lucia Ferraresi",
        Iban,
        "IT47 K030 6909 6061 0000 0063 412",
        "iban_unchecked",
    );
    clean("IBAN DE57 1234 5678 9012 3456 78");
    finds_detail(
        "DE57 2268 9678 1380 4220 53",
        Iban,
        "DE57 2268 9678 1380 4220 53",
        "iban_unchecked",
    );
    clean("DE57226896781380422053");
    clean("IBAN DE56 2268 9678 1380 4220 5");
    clean("Example: DE89 3704 0044 0532 0130 00 or GB82 WEST 1234 5698 7654 32");
    // Typed in lower case, a failed check stays below the decision line.
    let f = finds(
        "de57 2268 9678 1380 4220 53",
        Iban,
        "de57 2268 9678 1380 4220 53",
    );
    assert!(f.confidence < 0.8, "{f:?}");
    clean("XDE56226896781380422053");
    clean("Write a regex that validates IBANs like DE + 20 digits.");
}

#[test]
fn ibans_grouped_otherwise_than_by_four() {
    // As the Italian layout and a bank's statement print them: its checksum, or its name or a
    // bank word before it, vouches for the grouping.
    finds(
        "Coordinate bancarie beneficiario:\nIT 07 X 05428 11101 000000654321",
        Iban,
        "IT 07 X 05428 11101 000000654321",
    );
    finds_detail(
        "IBAN: NL 63 INGB 000 7394 218\nOmschrijving: retour",
        Iban,
        "NL 63 INGB 000 7394 218",
        "iban_unchecked",
    );
    // A word after an account number is no bank's letters: "acc no 71839204 name".
    lacks("sort 40-11-62 acc no 71839204 name J R Okonkwo", Iban);
}

#[test]
fn iban_followed_by_more_digits_is_not_cut_short() {
    lacks("DE56 2268 9678 1380 4220 5399", Iban);
}

// ---------------------------------------------------------------------------------------------
// UK NINO

#[test]
fn national_insurance_numbers() {
    finds_detail(
        "National Insurance number: JG 25 27 63 B",
        NationalId,
        "JG 25 27 63 B",
        "uk_nino",
    );
    finds("NINO JG252763B", NationalId, "JG252763B");
    let bare = finds("ref JG252763B", NationalId, "JG252763B");
    assert!(bare.confidence < 0.9);
}

#[test]
fn nino_prefix_rules_and_examples() {
    clean("NINO AB123456C");
    clean("NINO QQ123456C");
    clean("NINO GB123456A");
    clean("NINO DF123456A");
    clean("NINO JO123456A");
    clean("NINO JG252763E");
}

// ---------------------------------------------------------------------------------------------
// Codice fiscale

#[test]
fn codice_fiscale() {
    finds_detail(
        "Il mio codice fiscale è BNCGLI92M47F205R.",
        NationalId,
        "BNCGLI92M47F205R",
        "it_codice_fiscale",
    );
    finds("CF: VRDLCU78B15H501Z", NationalId, "VRDLCU78B15H501Z");
    // Omocodia: a digit replaced by a letter to resolve a collision.
    finds("codice BNCGLI92M47F20RM", NationalId, "BNCGLI92M47F20RM");
}

#[test]
fn codice_fiscale_in_made_up_data() {
    clean("Ho creato questi CF finti di prova, con nomi inventati: PLTPPP80A01H501X");
}

#[test]
fn codice_fiscale_look_alikes() {
    clean("Esempio: RSSMRA85T10A562S");
    clean("CF BNCGLI92M47F205S");
    clean("cf bncgli92m47f205s");
    // Month letter Z does not exist.
    let mut code = *b"BNCGLI92Z47F205_";
    code[15] = checksum::codice_fiscale_check(&code).unwrap();
    clean(std::str::from_utf8(&code).unwrap());
}

// ---------------------------------------------------------------------------------------------
// DNI / NIE

#[test]
fn spanish_dni_and_nie() {
    finds_detail(
        "Mi DNI es 34487906G y vivo en Madrid.",
        NationalId,
        "34487906G",
        "es_dni",
    );
    finds("DNI: 34487906-G", NationalId, "34487906-G");
    finds("DNI 34487906 G", NationalId, "34487906 G");
    finds_detail("NIE Y6692437A", NationalId, "Y6692437A", "es_nie");
    finds("tengo el 34487906G", NationalId, "34487906G");
}

#[test]
fn dni_look_alikes() {
    // The test values forms and demos use pass the letter check.
    clean("un DNI con formato correcto pero de prueba (tipo 00000001R)");
    clean("expect(validarDocumento('X0000000T')).toBe(true);");
    clean("DNI de ejemplo 12345678Z");
    clean("NIE X1234567L");
    // A wrong letter beside the ID's own name is a mistyped ID, at the decision line; without
    // the name, or in sample data, nothing.
    for (text, value, detail) in [
        ("DNI 34487906H", "34487906H", "es_dni_unchecked"),
        (
            "la web me dice que el NIE no es válido. Lo pongo así: Y4827163T",
            "Y4827163T",
            "es_nie_unchecked",
        ),
    ] {
        let f = finds_detail(text, NationalId, value, detail);
        assert!((f.confidence - 0.8).abs() < f32::EPSILON, "{f:?}");
    }
    clean("el código 34487906H no existe");
    clean("datos de ejemplo: DNI 34487906H");
    // A spaced letter without a label is just the next word.
    clean("Ticket 34487906 G is open");
}

// ---------------------------------------------------------------------------------------------
// Passports

#[test]
fn passport_numbers_next_to_a_passport_word() {
    finds_detail(
        "Passport number: C4X7HT2R9",
        Passport,
        "C4X7HT2R9",
        "passport_number",
    );
    finds(
        "Meine Reisepassnummer lautet C4X7HT2R9.",
        Passport,
        "C4X7HT2R9",
    );
    finds("Numéro de passeport : 18AV12345", Passport, "18AV12345");
    finds("Mi pasaporte es PAA481927", Passport, "PAA481927");
    finds(
        "Il numero del passaporto è YA7310482",
        Passport,
        "YA7310482",
    );
    finds("Paspoortnummer NX9R4KT17", Passport, "NX9R4KT17");
    finds("Número do passaporte: FZ907213", Passport, "FZ907213");
    finds("パスポート番号はTK8841927です", Passport, "TK8841927");
    finds("मेरा पासपोर्ट नंबर J8369854 है", Passport, "J8369854");
    // A few words between the word and the number.
    finds(
        "« numéro de passeport » : en haut à droite il y a 19AV83217 mais",
        Passport,
        "19AV83217",
    );
    // Typed in groups.
    finds(
        "Datos del pasaporte argentino: AAF 482 197, emitido el 03/05/2019",
        Passport,
        "AAF 482 197",
    );
    finds(
        "पासपोर्ट सं.: V 5 0 2 8 7 1 3\nजारी",
        Passport,
        "V 5 0 2 8 7 1 3",
    );
    lacks("Passport photos: 2 PM on Friday", Passport);
}

#[test]
fn passport_look_alikes() {
    clean("C4X7HT2R9 is the build tag");
    clean("My passport expires in 2027.");
    clean("passport number 123456789");
    clean("passport no. XXXX12345");
    clean("How do I renew a passport? Form DS-82 takes 6 weeks.");
}

// ---------------------------------------------------------------------------------------------
// MRZ

const TD3_1: &str = "P<D<<SCHNEIDER<<LUKAS<JONAS<<<<<<<<<<<<<<<<<";
const TD3_2: &str = "C4X7HT2R92DEU8803148M3109225<<<<<<<<<<<<<<04";

#[test]
fn mrz_td3_with_valid_check_digits() {
    let text = format!("Here is my passport scan:\n{TD3_1}\n{TD3_2}\nthanks");
    let f = finds_detail(&text, Mrz, &format!("{TD3_1}\n{TD3_2}"), "mrz_td3");
    assert!(f.confidence >= 0.95);
    // Indented in a code block, with Windows line ends.
    let text = format!("```\n  {TD3_1}\r\n  {TD3_2}\r\n```");
    finds(&text, Mrz, &format!("{TD3_1}\r\n  {TD3_2}"));
}

#[test]
fn mrz_td1_identity_card() {
    let text = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n9205255F2908111D<<<<<<<<<<<<<0\nWEBER<<ANNA<LENA<<<<<<<<<<<<<<";
    finds_detail(text, Mrz, text, "mrz_td1");
}

#[test]
fn mrz_td2_identity_card() {
    let text = "I<FRAMARTIN<<CLAIRE<ELISE<<<<<<<<<<<\nX4RTBPFW46FRA9102033F2705181<<<<<<<0";
    let f = finds_detail(text, Mrz, text, "mrz_td2");
    assert!(f.confidence >= 0.95);
}

#[test]
fn mrz_with_broken_check_digits() {
    // Typed by hand or misread: the check digits fail, but the birth date, sex and expiry read
    // as a passport's. Still somebody's.
    let typed = "C4X7HT2R93DEU8803148M3109225<<<<<<<<<<<<<<01";
    let text = format!("{TD3_1}\n{typed}");
    let f = finds(&text, Mrz, &text);
    assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{f:?}");
    // The same zone in data the text calls sample.
    let text = format!("Sample data for the parser test:\n{TD3_1}\n{typed}");
    let f = finds(&text, Mrz, &format!("{TD3_1}\n{typed}"));
    assert!(f.confidence < 0.7, "{f:?}");
    // A birth month 13: no document's fields.
    let garbled = "C4X7HT2R93DEU8813148M3109225<<<<<<<<<<<<<<01";
    let text = format!("{TD3_1}\n{garbled}");
    let f = finds(&text, Mrz, &text);
    assert!(f.confidence < 0.7, "{f:?}");
}

#[test]
fn icao_specimen_and_ascii_art_are_not_mrz() {
    clean(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    );
    clean(
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    );
    clean("template: x << 2 << 3");
}

#[test]
fn ids_typed_in_lower_case_are_found() {
    let f = finds(
        "de56 2268 9678 1380 4220 53",
        Iban,
        "de56 2268 9678 1380 4220 53",
    );
    assert!(f.confidence >= 0.95);
    let f = finds("cf bncgli92m47f205r", NationalId, "bncgli92m47f205r");
    assert!(f.confidence >= 0.95);
    let f = finds(
        "is this national insurance number right? lh 80 37 12 c",
        NationalId,
        "lh 80 37 12 c",
    );
    assert!(f.confidence >= 0.95);
    let f = finds(
        "hola, mi nif: 85679577t, nacido en 1977",
        NationalId,
        "85679577t",
    );
    assert!(f.confidence >= 0.95);
    // Without a label a lower-case look-alike stays below the default decision line.
    let f = finds("ref lh 80 37 12 c", NationalId, "lh 80 37 12 c");
    assert!(f.confidence < 0.8, "{f:?}");
    let f = finds(
        "すみません、パスポート番号はmi1450396です。",
        Passport,
        "mi1450396",
    );
    assert!(f.confidence >= 0.8);
    // Mixed case is neither a typed-in code nor an upper-case one.
    lacks("my passport number is Mi1450396", Passport);
}

#[test]
fn chinese_resident_ids_need_date_and_check() {
    let f = finds_detail(
        "我的身份证号：510107197904204308，出生日期1979年。",
        NationalId,
        "510107197904204308",
        "cn_resident_id",
    );
    assert!(f.confidence >= 0.95);
    let f = finds("id 44030519980511893X ok", NationalId, "44030519980511893X");
    assert!(f.confidence >= 0.9);
    // Grouped 6-8-4 as forms print it.
    let f = finds_detail(
        "姓名 林佳慧\n身份证 330106 19910817 3626\n户籍 浙江杭州",
        NationalId,
        "330106 19910817 3626",
        "cn_resident_id",
    );
    assert!(f.confidence >= 0.95);
    finds(
        "id 440305 19980511 893X",
        NationalId,
        "440305 19980511 893X",
    );
    clean("身份证 330106 19910817 36261");
    // A wrong check character beside its name is a mistyped ID; without it, nothing. An
    // impossible month or region 9 is no ID at all.
    for text in ["身份证 330106 19910817 3627", "身份证号 510107197904204309"] {
        let f = finds_detail(
            text,
            NationalId,
            text.split_once(' ').map_or("", |(_, v)| v),
            "cn_resident_id_unchecked",
        );
        assert!(f.confidence < 0.95, "{f:?}");
    }
    clean("330106 19910817 3627");
    clean("身份证号 510107197913204308");
    clean("order 910107197904204305 shipped");
    // The standard's worked examples, and a mistyped one in data called sample.
    clean("国标文档里的示例：11010519491231002X 和 440524188001010014");
    clean("示例数据 身份证号 510107197904204309");
}

#[test]
fn chinese_passports_next_to_the_word() {
    finds(
        "陈娜的护照号是E05023153，帮我列一份清单。",
        Passport,
        "E05023153",
    );
}
