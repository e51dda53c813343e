//! Dates of birth next to a label.

use super::super::FindingKind::DateOfBirth;
use super::{finds_each_at, found, lacks};

#[test]
fn labelled_dates_of_birth() {
    let cases = [
        (
            "Background check result for Connor Sullivan, DOB 01/24/1985: a restraining order from 2021.",
            "01/24/1985",
        ),
        ("刘杰（出生于1981年4月9日）的出院小结", "1981年4月9日"),
        ("Date of birth: 9 April 1981", "9 April 1981"),
        // Abbreviated form labels.
        ("F. nac.: 14/03/1987", "14/03/1987"),
        ("Data de nasc.: 14/03/1987", "14/03/1987"),
        ("Nascimento: 14/03/1987", "14/03/1987"),
        ("D.O.B. April 9, 1981", "April 9, 1981"),
        ("I was born on 28 April 1997. Which box?", "28 April 1997"),
        ("passport for Olivia Morgan, born 1990-02-25.", "1990-02-25"),
        ("born on April 9th, 1981", "April 9th, 1981"),
        (
            "Steuer-ID 51462190313, geboren am 08.11.2002.",
            "08.11.2002",
        ),
        ("Geburtsdatum: 9. April 1981", "9. April 1981"),
        (
            "Mon NIR, né le 04/01/1967. Où dois-je l'indiquer ?",
            "04/01/1967",
        ),
        ("Élodie Moreau, née le 1er avril 1981", "1er avril 1981"),
        ("date de naissance : 9 avril 1981", "9 avril 1981"),
        (
            "fecha de nacimiento: 9 de abril de 1981",
            "9 de abril de 1981",
        ),
        (
            "Paciente Carmen Navarro, nacida el 15/07/1994, acude",
            "15/07/1994",
        ),
        ("data di nascita: 9 aprile 1981", "9 aprile 1981"),
        ("codice fiscale RSSMRA, nato il 25/01/1957.", "25/01/1957"),
        ("data de nascimento: 09/04/1981", "09/04/1981"),
        (
            "meu filho Bruno Pereira, nascido em 27/12/2001, ao",
            "27/12/2001",
        ),
        ("geboortedatum 12-10-1974", "12-10-1974"),
        ("Noor Visser (geboren 16-03-1993): opgenomen", "16-03-1993"),
        ("Sem de Vries, geboren op 9 april 1981", "9 april 1981"),
        ("生年月日：1981年4月9日", "1981年4月9日"),
        ("1981年4月9日生まれの田中さん", "1981年4月9日"),
        ("出生日期：1981-04-09", "1981-04-09"),
        ("मरीज़ विकास गुप्ता, जन्म 08/12/1992, मिर्गी", "08/12/1992"),
        ("जन्म तिथि: 09/04/1981", "09/04/1981"),
        // Hindi month names, with their vowel signs and conjuncts
        (
            "नाम: अंकिता मिश्रा\nजन्म तिथि: 23 जुलाई 1998\nसमय: सुबह 4:15",
            "23 जुलाई 1998",
        ),
        ("रोहित वर्मा की जन्मतिथि 5 सितम्बर 1987 है", "5 सितम्बर 1987"),
        ("जन्म तिथि - 14 फ़रवरी 2001", "14 फ़रवरी 2001"),
        ("생년월일: 1981년 4월 9일", "1981년 4월 9일"),
        ("Date of birth (DD/MM/YYYY): 09/04/1981", "09/04/1981"),
        ("DOB 01/24/85", "01/24/85"),
        (
            "{\"name\": \"Connor Sullivan\", \"dateOfBirth\": \"1985-01-24T00:00:00Z\"}",
            "1985-01-24",
        ),
        ("date_of_birth: 1985-01-24", "1985-01-24"),
        ("DOB: 29.02.1984", "29.02.1984"),
        ("**DOB:** 01/24/1985", "01/24/1985"),
        // A place between the verb of birth and the date.
        (
            "Salvatore Greco, nato a Catania il 4/9/1951, residente ad Acireale",
            "4/9/1951",
        ),
        (
            "Ze heet Godelieve Peeters, geboren te Mechelen op 12/06/1974, dus",
            "12/06/1974",
        ),
        (
            "eu, Sofia Mendes, nascida a 7 de março de 1990, natural de Braga",
            "7 de março de 1990",
        ),
        ("mi compañera Itziar (nació el 18.04.1984)", "18.04.1984"),
        // A Roman month, a month's abbreviation between slashes, a Japanese era's initial.
        (
            "en su acta dice que nació el 12-XII-1949, en Tlaquepaque",
            "12-XII-1949",
        ),
        ("DATA DE NASCIMENTO 23/SET/1938", "23/SET/1938"),
        ("生年月日の欄、「H9.11.23」って略して書いた", "H9.11.23"),
        // Full-width digits.
        ("生年月日：１９８５年４月９日", "１９８５年４月９日"),
    ];
    finds_each_at(&cases, DateOfBirth, "date_of_birth", 0.85);
}

#[test]
fn a_list_of_names_and_dates_under_a_birth_date_label() {
    let text = "elenco dei partecipanti con la data di nascita.\n\nRiccardo Tosi 03.11.2011\nAurora De Luca 17.02.2012\nMattia Sanna 29.06.2011";
    let cases = [
        (text, "03.11.2011"),
        (text, "17.02.2012"),
        (text, "29.06.2011"),
    ];
    finds_each_at(&cases, DateOfBirth, "date_of_birth", 0.8);
    let table =
        "Name | Geb. | Klasse\nKaya Demir | 14.09.2012 | 6b\nJonas Pfeiffer | 02.01.2013 | 6b";
    finds_each_at(&[(table, "14.09.2012")], DateOfBirth, "date_of_birth", 0.8);
    // One dated line is no list; made-up rows count below the line.
    lacks(
        "Geburtsdatum (TT.MM.JJJJ) bitte angeben.\nAbgabe bis 12.03.2024 im Sekretariat",
        DateOfBirth,
    );
    let made_up = "Beispieldaten, alles ausgedacht. Geburtsdatum:\nErika Muster 12.08.1964\nHans Probe 03.02.1971";
    let f = super::finds(made_up, DateOfBirth, "12.08.1964");
    assert!(f.confidence < 0.8, "{f:?}");
}

#[test]
fn new_years_day_is_the_default_of_sample_records() {
    let cases = [
        ("\"dob\": \"01/01/1990\"", "01/01/1990"),
        ("date_of_birth: 1990-01-01", "1990-01-01"),
        ("DOB 1/1/90", "1/1/90"),
        ("生年月日：1990年1月1日", "1990年1月1日"),
    ];
    finds_each_at(&cases, DateOfBirth, "date_of_birth", 0.6);
    let others = [
        ("DOB 01/11/1990", "01/11/1990"),
        ("DOB 11/01/1990", "11/01/1990"),
        ("date of birth: 1 January 1990", "1 January 1990"),
    ];
    finds_each_at(&others, DateOfBirth, "date_of_birth", 0.85);
    // Data the text calls made up.
    let made_up = [(
        "Die Daten sind komplett ausgedacht:\n\"geburtsdatum\": \"1964-08-12\"",
        "1964-08-12",
    )];
    finds_each_at(&made_up, DateOfBirth, "date_of_birth", 0.6);
    // A lab report's "Sample taken" does not make its patient's birth date an example.
    let report = [(
        "Patient: Raymond Okonjo-Hale\nDOB: 19/04/1951   Sex: M\nSample taken: 04/11/2024 08:52",
        "19/04/1951",
    )];
    finds_each_at(&report, DateOfBirth, "date_of_birth", 0.85);
}

#[test]
fn dates_and_labels_that_are_not_a_date_of_birth() {
    for text in [
        "DOB: MM/DD/YYYY",
        "Add a date of birth field to the signup form.",
        "He was born in 1985.",
        "Geburtsdatum (dd.mm.yyyy):",
        "The release shipped on 01/24/1985.",
        "DOB 02/30/1985",
        "DOB: 29.02.1985",
        "DOB 13/13/1985",
        "DOB 01/24/2190",
        "born on 24 January 1850",
        "geboren am 9. Foo 1981",
        "Geburtsdatum: 1985",
        "date of birth: April 1981",
        "born on 1985-01-24-7",
        "dob = models.DateField()",
        "el nacimiento de mi hija está previsto para el 14/03/2027",
        "certidão de nascimento emitida em 14/03/2019",
        // Italian "né" is "nor"; NATO is no birth.
        "senza penali né costi entro il 31 marzo 2025",
        "NATO was founded on 4 April 1949.",
    ] {
        lacks(text, DateOfBirth);
    }
    assert!(found("生年月日を入力してください").is_empty());
}

#[test]
fn dates_of_birth_in_japanese_eras_and_before_chinese_labels() {
    let cases = [
        (
            "母：山口和子、昭和17年5月3日生まれ、今は要支援2",
            "昭和17年5月3日",
        ),
        ("生年月日：平成元年1月8日", "平成元年1月8日"),
        (
            "我奶奶李桂芳1938年2月11日生的，阿尔茨海默症中期",
            "1938年2月11日",
        ),
        ("他1990年5月3日出生在上海", "1990年5月3日"),
        // A birthday with its year.
        ("我女朋友林诗涵生日是1997年11月23日", "1997年11月23日"),
        ("娘の誕生日は2015年4月3日です", "2015年4月3日"),
    ];
    finds_each_at(&cases, DateOfBirth, "date_of_birth", 0.85);
    for text in [
        "本合同自2023年3月5日生效",
        "生日快乐！我的生日是5月1日",
        "2023年3月5日生产的批次",
        "令和9年1月1日に施行",
        "昭和99年5月3日生まれ",
    ] {
        lacks(text, DateOfBirth);
    }
}
