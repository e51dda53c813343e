//! A named person's health, criminal record, dismissal and debt.

use super::super::FindingKind::{CriminalRecord, Debt, Disciplinary, Health};
use super::{finds, finds_each_at, finds_each_at_least, lacks};

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
        // a Chinese name right before its keyword, or a time word after it
        (
            "各位同事：张丽华近期确诊重度抑郁症，目前在门诊治疗。",
            "确诊",
        ),
        ("张丽华确诊抑郁症，下周开始休假。", "确诊"),
        (
            "my cousin Dilnoza is pregnant again, what should I buy her?",
            "pregnant",
        ),
        (
            "la vicina Marisa è incinta, le preparo qualcosa?",
            "incinta",
        ),
        // a Hindi role word before a full name
        ("मेरी सहकर्मी अंजलि वर्मा ने बताया कि उन्हें मिर्गी है", "मिर्गी"),
        (
            "Mein Kollege Tobias Ebert hat eine bipolare Störung, wie spreche ich das an?",
            "bipolare Störung",
        ),
        // conditions in every language: strokes, cancers, disorders, admissions
        (
            "My colleague Dave Hollis had a stroke on Sunday, can you draft a card?",
            "had a stroke",
        ),
        (
            "Meine Kollegin Andrea Voss hat Brustkrebs, was schenke ich ihr?",
            "Brustkrebs",
        ),
        (
            "Mon voisin Gérard Lemoine est en réanimation depuis hier.",
            "en réanimation",
        ),
        (
            "Mi suegra Carmen Lozano está hospitalizada desde el martes.",
            "hospitalizada",
        ),
        (
            "Il mio collega Stefano Bruni è ricoverato al Niguarda.",
            "ricoverato",
        ),
        ("部下の森田 拓也さんが脳出血で倒れました。", "脳出血"),
        ("我同事陈建国查出淋巴瘤，大家想凑钱。", "淋巴瘤"),
        // A leave request is no made-up data ("请假的").
        (
            "帮我把请假的话改一下：我妈陈桂芳体检CT有个影子，医生怀疑是肺癌。",
            "癌",
        ),
        // A kin word that calls the name.
        ("我爸叫周建华，今年62岁，上周确诊了肺腺癌。", "确诊"),
        // a quote before the title
        (
            "\"Mw. Lotte de Graaf is per 3 juni arbeidsongeschikt.\"",
            "arbeidsongeschikt",
        ),
    ] {
        let f = finds(text, Health, condition);
        assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn a_condition_after_a_chinese_name_or_a_hindi_full_name() {
    finds_each_at(
        &[
            ("我们组的周婷刚查出来乳腺癌早期，下周二手术", "癌"),
            ("पिताजी रमेश चंद्र तिवारी (62) को कोलन कैंसर बताया है", "कैंसर"),
        ],
        Health,
        "health",
        0.85,
    );
    lacks("每周刚好有乳腺癌筛查活动", Health);
    lacks("पिताजी को कैंसर के बारे में पढ़ना है", Health);
}

#[test]
fn conditions_of_nobody_in_particular() {
    for text in [
        // nobody named
        "What is the usual starting dose of metformin for type 2 diabetes?",
        "Hello, What are the early signs of epilepsy in children?",
        "my mum has diabetes, what should she eat?",
        "Meine Mutter (74) nimmt seit ca. drei Wochen Ramipril gegen Bluthochdruck.",
        "Kurze Frage: Eine Patientin mit HIV fragt, ob sie Nachtschichten machen darf.",
        "मिर्गी वाली 38 साल की मरीज़ पूछ रही है कि क्या वह गाड़ी चला सकती है",
        "मेरे दोस्त को बुखार है, कैंसर की जाँच करानी चाहिए क्या?",
        "おばあちゃんが入院したので、今年はわたしが草とりをしました。",
        "我同事周末说怀孕的人不能做CT，是真的吗？",
        "a friend of mine has diabetes, My friend says it runs in families",
        // A list of German nouns is no "Surname, Given" name.
        "Mein jüngerer Bruder hat eine Autismus-Spektrum-Störung und ich habe gelernt, dass feste Abläufe, Geduld und Ruhe helfen.",
        // fiction and public figures
        "In my novel, Eleanor Vance is diagnosed with early-onset Alzheimer's at 52.",
        "Summarise how King Charles's cancer diagnosis was announced in February 2024.",
        "Résume l'histoire du cancer de François Mitterrand, caché pendant son mandat.",
        "En quelle année Jacques Chirac a fait son AVC et comment l'Élysée l'a annoncé ?",
        "Louis van Gaal vertelde in 2022 openlijk dat hij prostaatkanker had.",
        "Mijn zoon houdt een spreekbeurt over Johan Cruijff, die in 2016 aan longkanker overleed.",
        "Faz um resumo do que foi divulgado sobre a cirurgia do Lula e a internação no Sírio-Libanês.",
        "Seguí este cuento policial: la Tana Ruggieri tosía por la tuberculosis.",
        // statistics and templates
        "Write a sick note template for Max Mustermann, example only.",
        "欠席届のひな形を作ってください。\n児童氏名（　　　）\n理由：□体調不良　□通院",
    ] {
        lacks(text, Health);
    }
}

#[test]
fn a_named_persons_criminal_record() {
    let cases = [
        // A Hindi given and family name in the sentence.
        (
            "नया किराएदार आया है, मनोज भदौरिया, उस पर इंदौर में धोखाधड़ी का केस दर्ज हुआ था।",
            "धोखाधड़ी",
        ),
        // A role word before the name.
        (
            "我们公司新招的出纳周海涛，老乡说他2018年因为挪用资金被判了两年。",
            "被判",
        ),
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
        ("我表哥孙浩然去年被判刑两年，现在出来了想找工作", "被判"),
        (
            "my flatmate Jordan Pike got a driving ban for drink driving",
            "driving ban",
        ),
        (
            "collega Ivano Bortolin: patente ritirata sabato, tasso alcolemico 1,3",
            "patente ritirata",
        ),
        ("隣の大森さんが飲酒運転で捕まったらしい", "飲酒運転"),
    ];
    finds_each_at(&cases, CriminalRecord, "criminal_record", 0.85);
}

#[test]
fn a_candidates_record() {
    let f = finds(
        "背调结果出来了，候选人孙伟2019年因为醉驾被判拘役两个月，简历上没写。",
        CriminalRecord,
        "醉驾",
    );
    assert!(f.confidence >= 0.8);
}

#[test]
fn restraining_orders_and_sentences() {
    let cases = [
        (
            "My ex Darren Holt has a restraining order but he keeps texting my sister.",
            "restraining order",
        ),
        (
            "Su cuñado Iván Ferrer tiene una orden de alejamiento desde marzo.",
            "orden de alejamiento",
        ),
        (
            "Der Vermieter Uwe Kranz hat ein Kontaktverbot gegen seinen Nachbarn.",
            "Kontaktverbot",
        ),
        ("邻居家新来的司机赵德明以前判过三年，要不要告诉大家", "判过"),
        ("我小舅子吴志刚前几年判过一年，现在想考驾照", "判过"),
        (
            "兄の村井康介が昨日、窃盗で逮捕されたと連絡がありました",
            "窃盗",
        ),
        (
            "le nouveau gardien, Franck Morel, a fait 2 ans de prison pour vol",
            "ans de prison",
        ),
    ];
    finds_each_at(&cases, CriminalRecord, "criminal_record", 0.85);
}

/// A report pasted under its person's name: the name a few lines above the finding.
#[test]
fn a_record_under_its_persons_name() {
    let cases = [
        (
            "我妈李秀兰上周做了胃镜，报告如下，帮我看看：\n\n“胃窦见一溃疡，病理提示胃癌可能，建议进一步检查。”",
            "癌",
        ),
        (
            "総務課 中川 恵子 さん（52歳）\n・血圧 160/100\n・判定：要治療（高血圧）",
            "高血圧",
        ),
        (
            "Patient: Marta Kowalczyk, ward 4\nBloods this morning: HbA1c 9.1%\nPlan: start insulin, review Friday.",
            "insulin",
        ),
        // A name given by a verb a sentence before.
        (
            "Meine Mutter heißt Renate Hoffmann, sie ist 79. Sie wurde im August nach einem Schlaganfall behandelt.",
            "Schlaganfall",
        ),
        // The writer's own name, a sentence before.
        (
            "Contexte : je m'appelle Élodie Fabre, je suis dans l'équipe compta. Le neurologue m'a confirmé une sclérose en plaques.",
            "sclérose en plaques",
        ),
        // A nurse's handover under the resident's titled name.
        (
            "Mme Odette Rivière, ch. 12, 87 ans. DT2 insulinodépendante, glycémie à jeun 2,41 g/l.",
            "insulinodépendante",
        ),
        // A kin word and a name, then a report quoted at length.
        (
            "Minha irmã Luana Cavalcanti de Melo (29 anos) recebeu hoje o laudo da ressonância: \"múltiplas lesões desmielinizantes periventriculares e justacorticais, algumas com realce pós-contraste, compatível com esclerose múltipla\".",
            "esclerose múltipla",
        ),
        // A Hindi full name a sentence before, the given name alone after.
        (
            "मैं अनन्या श्रीवास्तव (कक्षा 6-B) की मम्मी हूं। पिछले हफ्ते अनन्या को टाइप 1 डायबिटीज़ डायग्नोज़ हुई है।",
            "डायबिटीज़",
        ),
    ];
    finds_each_at(&cases, Health, "health", 0.8);
    let cases = [(
        "Betreff: Herr Albrecht Sommer\n\nWir haben heute das Gespräch geführt.\nErgebnis: Abmahnung wegen wiederholter Verspätung.",
        "Abmahnung",
    )];
    finds_each_at(&cases, Disciplinary, "disciplinary", 0.8);
}

#[test]
fn records_under_a_heading_or_of_nobody() {
    for text in [
        "Patient Information Leaflet\n\nWhat is type 2 diabetes?\nIt is a condition in which the body cannot use insulin properly.",
        "My Diary, Week 3\n\nToday the nurse explained how insulin pens work.",
        "Chapter 2 of my novel: Mrs Whitfield\n\nAt the hospital she learns it is cancer.",
    ] {
        lacks(text, Health);
    }
}

#[test]
fn characters_in_requested_fiction_are_below_the_decision_line() {
    for (text, kind, fact) in [
        (
            "Escríbeme el primer capítulo de una novela negra. Protagonista: la subinspectora Lucía Carmona, 48 años, recién diagnosticada de párkinson.",
            Health,
            "diagnosticada",
        ),
        (
            "Schreib die Geschichte weiter:\n\nDrinnen lag Paul Reuter, 63, seit Jahren Diabetiker – das Insulin auf dem Tisch.",
            Health,
            "Diabetiker",
        ),
        (
            "我在写一个短篇悬疑小说，帮我续写下一章：\n\n林晚确诊白血病的第三个月，她的丈夫失踪了。",
            Health,
            "确诊",
        ),
        // So is a mystery's opening.
        (
            "Sto scrivendo un giallo, mi dai un parere su questo incipit?\n\nSi chiamava Livio Benussi. Il medico legale dice che era malato di cancro.",
            Health,
            "cancro",
        ),
        // A scene the text calls made up.
        (
            "Für unser Theaterprojekt: Alles erfunden.\nFiguren:\n- Rosi Kalinke, 52, hat 23.000 € Schulden.",
            Debt,
            "Schulden",
        ),
        // A campaign's villain is a character too.
        (
            "Na minha campanha de Tormenta20 o vilão é o Barão Aldebrando, um coletor de impostos que foi preso por desviar ouro do reino.",
            CriminalRecord,
            "foi preso",
        ),
        // A request to go on with a story is one for fiction, in any language.
        (
            "Continua esta história, mais uns três parágrafos:\n\n\"A D. Albertina Sousa tinha oitenta anos e uma diabetes teimosa.\"",
            Health,
            "diabetes",
        ),
    ] {
        let f = finds(text, kind, fact);
        assert!(f.confidence < 0.8, "{text}: {f:?}");
    }
    // "Krankengeschichte" is a medical history, not a story, and so is a "historia clínica".
    finds_each_at_least(
        &[
            (
                "Continúa la historia clínica de Marta Ruiz Gil: diabetes tipo 2 desde 2019.",
                "diabetes",
            ),
            (
                "Krankengeschichte von Paul Reuter: seit Jahren Diabetes, Insulin.",
                "Diabetes",
            ),
        ],
        Health,
        0.8,
    );
}

#[test]
fn records_of_nobody_in_particular_or_of_public_figures() {
    for text in [
        // "सजावट" (decoration) is no "सजा" (sentence), whoever is thanked for it.
        "सुमित शर्मा — पंडाल की पूरी सजावट आपकी देखरेख में हुई।",
        // A form's blank name, a surname-like word ("范围").
        "请起草一份背景调查授权书模板，候选人姓名、身份证号都留空（用“________”）。有无犯罪记录也要写。",
        "内容包括授权调查的范围（学历、工作经历、有无犯罪记录）、调查方式",
        "Can an employer ask whether I have a criminal record?",
        "Wie lange bleibt eine Vorstrafe im Führungszeugnis?",
        "Summarise this news article: Former Mayor Daniel Brooks was convicted of bribery.",
        "In my novel, Eleanor Vance is arrested at the border.",
        "前科があると海外旅行できないって本当？",
        // a one-character kin word starts ordinary words too
        "母の誕生日会が逮捕劇の映画の日と重なった",
        // a verb before the explanatory "ん" is no name with "くん"
        "40キロオーバーで赤切符を切られました。これって前科つくんでしょうか…",
    ] {
        lacks(text, CriminalRecord);
    }
}

#[test]
fn a_named_persons_dismissal_or_warning() {
    let cases = [
        (
            "teams msg pls: Leanne Moss was dismissed friday for gross misconduct",
            "dismissed",
        ),
        (
            "Herr Brandner hat heute eine Abmahnung bekommen, formuliere die Notiz.",
            "Abmahnung",
        ),
        (
            "mail all'IT: togliere gli accessi a Kevin Dall'Olio, licenziato per giusta causa",
            "licenziato",
        ),
        (
            "demitiram o Wellington Prates por justa causa hoje",
            "demitiram",
        ),
        (
            "部下の田村健一さんが懲戒処分を受けた件で報告書を書きたい",
            "懲戒",
        ),
        ("同事吴志强上周被开除了，群里怎么通知比较好", "开除"),
    ];
    finds_each_at(&cases, Disciplinary, "disciplinary", 0.85);
}

#[test]
fn a_named_persons_debt() {
    let cases = [
        (
            "Context: Kieran Doyle (my brother) still owes me 2,300 from last year.",
            "owes me",
        ),
        (
            "unser Kollege Sascha Wilms hat ne Lohnpfändung, darf das Lohnbüro das erzählen?",
            "Lohnpfändung",
        ),
        (
            "mi ex, Rubén Sastre Gil, me debe 4 meses de pensión",
            "me debe",
        ),
        (
            "buurman Gert-Jan Postma heeft 18k schuld bij de belastingdienst",
            "schuld bij",
        ),
        ("我堂哥刘建波在好几个网贷平台借了二十多万", "网贷"),
        ("同期の森下拓海が借金を抱えているらしい", "借金"),
    ];
    finds_each_at(&cases, Debt, "debt", 0.85);
}

#[test]
fn dismissals_and_debts_of_nobody_in_particular() {
    for text in [
        "Can I be dismissed for gross misconduct without a written warning?",
        "Wie lange bleibt eine Abmahnung in der Personalakte?",
        "How do I get out of debt if I earn 2,000 a month?",
        "Mein Bruder hat Schulden, wie kann ich ihm helfen?",
        "Summarise this news article: Former CEO Adam Price was dismissed by the board.",
        "借金を早く返すコツはありますか？",
    ] {
        lacks(text, Disciplinary);
        lacks(text, Debt);
    }
}
