//! Check-digit algorithms against published values.

use super::super::checksum::*;
use super::super::text::{
    decode_base64, entropy, is_high_entropy, is_uuid, looks_like_placeholder,
};

fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|c| c - b'0')
        .collect()
}

#[test]
fn luhn_matches_published_numbers() {
    assert!(luhn(&digits("4111 1111 1111 1111")));
    assert!(luhn(&digits("378282246310005")));
    assert!(luhn(&digits("79927398713")));
    assert!(!luhn(&digits("4111 1111 1111 1112")));
    assert!(!luhn(&digits("79927398710")));
    assert!(!luhn(&[]));
}

#[test]
fn verhoeff_matches_published_numbers() {
    assert!(verhoeff(&digits("2363")));
    assert!(verhoeff(&digits("234123412346")));
    assert!(!verhoeff(&digits("234123412347")));
    assert!(!verhoeff(&digits("2364")));
}

#[test]
fn steuer_id_checks_digit_and_repetition_rule() {
    // The Federal Central Tax Office's documented example.
    assert!(steuer_id(&digits("86095742719")));
    assert!(steuer_id(&digits("51462190313")));
    assert!(!steuer_id(&digits("86095742718")));
    assert!(!steuer_id(&digits("51462190314")));
    // Leading zero, no repeated digit, a digit three times in a row.
    assert!(!steuer_id(&digits("01234567891")));
    assert!(!steuer_id(&digits("12345678903")));
    assert!(!steuer_id(&digits("11123456789")));
}

#[test]
fn cpf_bsn_and_dni() {
    assert!(cpf(&digits("123.456.789-09")));
    assert!(cpf(&digits("783.912.964-15")));
    assert!(!cpf(&digits("783.912.964-16")));
    assert!(!cpf(&digits("111.111.111-11")));
    assert!(bsn(&digits("111222333")));
    assert!(bsn(&digits("123456782")));
    assert!(!bsn(&digits("123456789")));
    assert_eq!(dni_letter(12_345_678), b'Z');
    assert_eq!(dni_letter(34_487_906), b'G');
}

#[test]
fn codice_fiscale_check_character() {
    assert_eq!(codice_fiscale_check(b"RSSMRA85T10A562"), Some(b'S'));
    assert_eq!(codice_fiscale_check(b"BNCGLI92M47F205"), Some(b'R'));
    assert_eq!(codice_fiscale_check(b"bncgli92m47f205"), None);
}

#[test]
fn iban_mod97_on_published_ibans() {
    assert!(iban_mod97(b"DE89370400440532013000"));
    assert!(iban_mod97(b"GB82WEST12345698765432"));
    assert!(iban_mod97(b"FR1420041010050500013M02606"));
    assert!(!iban_mod97(b"DE88370400440532013000"));
    assert!(!iban_mod97(b"DE89"));
}

#[test]
fn mrz_check_digits_of_the_icao_specimen() {
    assert_eq!(mrz_check(b"L898902C3"), Some(6));
    assert_eq!(mrz_check(b"740812"), Some(2));
    assert_eq!(mrz_check(b"120415"), Some(9));
    assert_eq!(mrz_check(b"ZE184226B<<<<<"), Some(1));
    let l2 = b"L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    let composite = [&l2[0..10], &l2[13..20], &l2[21..43]].concat();
    assert_eq!(mrz_check(&composite), Some(0));
    assert_eq!(mrz_check(b"a"), None);
}

#[test]
fn nir_key_including_corsica() {
    assert_eq!(nir_key(b"2550814168025"), Some(38));
    assert_eq!(nir_key(b"1850578006084"), Some(91));
    assert_eq!(nir_key(b"291112A004123"), Some(2));
    assert_eq!(nir_key(b"12345"), None);
}

#[test]
fn text_helpers() {
    assert_eq!(decode_base64(b"aGVsbG8"), Some(b"hello".to_vec()));
    assert_eq!(decode_base64(b"aGVsbG8="), Some(b"hello".to_vec()));
    assert_eq!(decode_base64(b"a$"), None);
    assert!(entropy(b"aaaa").abs() < 1e-6);
    assert!((entropy(b"abcd") - 2.0).abs() < 1e-6);
    assert!(is_uuid(b"550e8400-e29b-41d4-a716-446655440000"));
    assert!(!is_uuid(b"550e8400e29b41d4a716446655440000"));
    assert!(is_high_entropy(b"Q8vrnpgVbQwtgknWew84Q9Zl"));
    assert!(!is_high_entropy(b"aaaaaaaaaaaaaaaaaaaaaaaa"));
    assert!(looks_like_placeholder(b"your-api-key-here"));
    assert!(looks_like_placeholder(b"xxxxxxxxxxxxxxxxxxxx"));
    assert!(looks_like_placeholder(b"1234567890abcdef1234"));
    assert!(!looks_like_placeholder(b"Q8vrnpgVbQwtgknWew84Q9Zl"));
}
