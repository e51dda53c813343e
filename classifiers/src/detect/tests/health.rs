//! A named person's health.

use super::super::FindingKind::Health;
use super::{finds, lacks};

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
