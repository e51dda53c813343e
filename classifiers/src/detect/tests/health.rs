//! A named person's health and criminal record.

use super::super::FindingKind::{CriminalRecord, Health};
use super::{finds, finds_detail, lacks};

#[test]
fn a_named_persons_condition() {
    for (text, condition) in [
        (
            "Rachel Okafor was diagnosed with type 2 diabetes last month; write the HR note.",
            "diagnosed",
        ),
        (
            "Mein Sohn Lukas Brandtner (Klasse 7b) hat Epilepsie, bitte informieren Sie die Lehrer.",
            "Epilepsie",
        ),
        (
            "Mme Nadia Benali est enceinte de cinq mois, prévoir son remplacement.",
            "enceinte",
        ),
        (
            "El trabajador Javier Ortega Ruiz está de baja médica hasta el lunes.",
            "baja médica",
        ),
        (
            "a aluna Beatriz Nogueira Santos foi diagnosticada com TDAH",
            "diagnosticada",
        ),
        (
            "部下の佐藤健太さんがうつ病と診断されて、来月から休職します。",
            "うつ病",
        ),
        ("请假条：王强的化疗安排在下周一", "化疗"),
        ("我同事赵一鸣上周确诊了乙肝，我们要不要去体检？", "确诊"),
        (
            "my cousin Dilnoza is pregnant again, what should I buy her?",
            "pregnant",
        ),
        (
            "la vicina Marisa è incinta, le preparo qualcosa?",
            "incinta",
        ),
    ] {
        let f = finds(text, Health, condition);
        assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn conditions_of_nobody_in_particular() {
    for text in [
        // nobody named
        "What is the usual starting dose of metformin for type 2 diabetes?",
        "Hello, What are the early signs of epilepsy in children?",
        "my mum has diabetes, what should she eat?",
        "Kurze Frage: Eine Patientin mit HIV fragt, ob sie Nachtschichten machen darf.",
        "मिर्गी वाली 38 साल की मरीज़ पूछ रही है कि क्या वह गाड़ी चला सकती है",
        "おばあちゃんが入院したので、今年はわたしが草とりをしました。",
        "我同事周末说怀孕的人不能做CT，是真的吗？",
        "a friend of mine has diabetes, My friend says it runs in families",
        // fiction and public figures
        "In my novel, Eleanor Vance is diagnosed with early-onset Alzheimer's at 52.",
        "Summarise how King Charles's cancer diagnosis was announced in February 2024.",
        "Résume l'histoire du cancer de François Mitterrand, caché pendant son mandat.",
        // statistics and templates
        "Write a sick note template for Max Mustermann, example only.",
    ] {
        lacks(text, Health);
    }
}

#[test]
fn a_named_persons_criminal_record() {
    let cases = [
        (
            "Background check: Kevin Doyle was convicted of burglary in 2019.",
            "convicted",
        ),
        (
            "Der Bewerber Jens Maier ist vorbestraft, wie formuliere ich die Absage?",
            "vorbestraft",
        ),
        (
            "Mon voisin M. Garnier a un casier judiciaire, dois-je prévenir le syndic ?",
            "casier judiciaire",
        ),
        (
            "娘の彼氏の高木蓮くんが、去年傷害で罰金刑を受けたらしい",
            "罰金刑",
        ),
        ("我表哥孙浩然去年被判刑两年，现在出来了想找工作", "判刑"),
    ];
    for (text, value) in cases {
        let f = finds_detail(text, CriminalRecord, value, "criminal_record");
        assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn records_of_nobody_in_particular_or_of_public_figures() {
    for text in [
        "Can an employer ask whether I have a criminal record?",
        "Wie lange bleibt eine Vorstrafe im Führungszeugnis?",
        "Summarise this news article: Former Mayor Daniel Brooks was convicted of bribery.",
        "In my novel, Eleanor Vance is arrested at the border.",
        "前科があると海外旅行できないって本当？",
    ] {
        lacks(text, CriminalRecord);
    }
}
