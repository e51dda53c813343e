"""Further privacy seeds: number-heavy prompts without personal data in every language (orders,
ISBNs, versions, prices), more positives for the languages with the fewest seeds, and the
documentation JWT in more contexts."""

TEMPLATES = {
    "en": {
        1: [
            "Here is the token from our prod logs, is it expired? [[jwt]]",
            "My Aadhaar is [[aadhaar]] and PAN [[pan]]; which one goes on the rental agreement?",
            "Passport no. [[passport]], issued to [[name]], expires next month. Draft the renewal checklist.",
            "Reminder for [[name]]: dentist on Friday, then call the bank about account [[account]] (routing [[routing]]).",
        ],
        0: [
            "Why does jwt.io show 'signature verified' for the sample token [[ph_jwt]]?",
            "Write a unit test that decodes the sample token [[ph_jwt]] with PyJWT and checks the 'name' claim is John Doe.",
            "Compute 4521 * 387 and show the long multiplication.",
            "Invoice [[order]] totals 1,284.50 EUR incl. 19% VAT. What is the net amount?",
            "We upgraded from version [[semver]] to [[semver2]] and the build breaks. What changed in semver terms?",
            "Convert these ISBN-10s to ISBN-13: 0306406152, 0131103628.",
            "Sum this column: 1200, 845.5, 3310, 98.25, 7000",
            "What's the UUID version of [[uuid]]?",
            "Our flight LH 401 departs at 17:05 from gate B44. How long before should I be at the airport?",
            "Room 2.114 is booked from 14:00 to 15:30 on 2024-11-05; reschedule the meeting to the next free slot after 16:00.",
        ],
    },
    "de": {
        1: [
            "Mein Arzt hat bei mir ([[name]], geb. [[dob]]) [[condition]] festgestellt. Wie erkläre ich das meinem Chef?",
            "Bitte die Kontaktdaten aktualisieren: [[name]], [[phone]], [[email]].",
        ],
        0: [
            "Wie viel sind 4521 × 387? Bitte schriftlich rechnen.",
            "Rechnung [[order]] beträgt 1.284,50 € inkl. 19 % MwSt. Wie hoch ist der Nettobetrag?",
            "Wir sind von Version [[semver]] auf [[semver2]] gegangen und der Build bricht. Was bedeutet das nach SemVer?",
            "Wo ist mein Paket? Sendungsnummer [[tracking]], Bestellung [[order]].",
            "Welches Buch hat die ISBN [[isbn]]?",
            "Der Commit [[sha]] hat die Tests kaputt gemacht. Wie mache ich ihn rückgängig?",
        ],
    },
    "fr": {
        1: [
            "Mon médecin m'a diagnostiqué ([[name]], né le [[dob]]) [[condition]]. Comment l'annoncer à mon employeur ?",
            "Mets à jour les coordonnées : [[name]], [[phone]], [[email]].",
        ],
        0: [
            "Combien font 4521 × 387 ? Pose la multiplication.",
            "La facture [[order]] s'élève à 1 284,50 € TTC avec 20 % de TVA. Quel est le montant HT ?",
            "Nous sommes passés de la version [[semver]] à [[semver2]] et le build casse. Qu'est-ce que cela signifie en SemVer ?",
            "Quel livre a l'ISBN [[isbn]] ?",
            "Le commit [[sha]] a cassé les tests. Comment l'annuler ?",
        ],
    },
    "es": {
        1: [
            "Mi médico me diagnosticó ([[name]], nacido el [[dob]]) [[condition]]. ¿Cómo se lo cuento a mi jefe?",
            "Actualiza los datos de contacto: [[name]], [[phone]], [[email]].",
        ],
        0: [
            "¿Cuánto es 4521 × 387? Hazlo paso a paso.",
            "La factura [[order]] suma 1.284,50 € con un 21 % de IVA. ¿Cuál es la base imponible?",
            "Pasamos de la versión [[semver]] a la [[semver2]] y falla la compilación. ¿Qué significa en SemVer?",
            "¿Qué libro tiene el ISBN [[isbn]]?",
            "El commit [[sha]] rompió los tests. ¿Cómo lo revierto?",
        ],
    },
    "it": {
        1: [
            "Il medico mi ha diagnosticato ([[name]], nato il [[dob]]) [[condition]]. Come lo comunico al mio capo?",
            "Aggiorna i contatti: [[name]], [[phone]], [[email]].",
        ],
        0: [
            "Quanto fa 4521 × 387? Fai la moltiplicazione in colonna.",
            "La fattura [[order]] è di 1.284,50 € IVA 22% inclusa. Qual è l'imponibile?",
            "Siamo passati dalla versione [[semver]] alla [[semver2]] e la build si rompe. Cosa significa per SemVer?",
            "Quale libro ha l'ISBN [[isbn]]?",
            "Il commit [[sha]] ha rotto i test. Come lo annullo?",
        ],
    },
    "pt": {
        1: [
            "O médico diagnosticou-me ([[name]], nascido em [[dob]]) [[condition]]. Como conto ao meu chefe?",
            "Atualiza os contactos: [[name]], [[phone]], [[email]].",
        ],
        0: [
            "Quanto é 4521 × 387? Faz a conta passo a passo.",
            "A fatura [[order]] soma 1.284,50 € com IVA a 23%. Qual é o valor sem IVA?",
            "Passámos da versão [[semver]] para a [[semver2]] e o build falha. O que significa em SemVer?",
            "Que livro tem o ISBN [[isbn]]?",
            "O commit [[sha]] partiu os testes. Como o reverto?",
        ],
    },
    "nl": {
        1: [
            "Mijn huisarts heeft bij mij ([[name]], geboren [[dob]]) [[condition]] vastgesteld. Hoe vertel ik dat aan mijn werkgever?",
            "Werk de contactgegevens bij: [[name]], [[phone]], [[email]].",
            "Mijn [[natid]]. Waar vul ik dat in op het formulier van de gemeente?",
            "Patiënt [[name]], geboren [[dob]], gebruikt [[medication]] vanwege [[condition]]. Schrijf een verwijsbrief.",
        ],
        0: [
            "Hoeveel is 4521 × 387? Reken het stap voor stap uit.",
            "Factuur [[order]] bedraagt € 1.284,50 inclusief 21% btw. Wat is het bedrag exclusief btw?",
            "We gingen van versie [[semver]] naar [[semver2]] en de build faalt. Wat betekent dat volgens SemVer?",
            "Welk boek heeft ISBN [[isbn]]?",
            "Commit [[sha]] heeft de tests stukgemaakt. Hoe draai ik hem terug?",
        ],
    },
    "ja": {
        1: [
            "医師から[[condition]]と診断されました([[name]]、[[dob]]生まれ)。上司にどう伝えればいいですか？",
            "連絡先を更新してください：[[name]]、[[phone]]、[[email]]",
            "[[name]]さんのパスポート番号は[[passport]]です。更新手続きのチェックリストを作って。",
            "患者：[[name]]、生年月日：[[dob]]、住所：[[address]]。[[medication]]を服用中。紹介状を書いてください。",
            "[[name]]さんの犯罪歴の照会結果：[[offence]]。人事向けに中立的にまとめて。",
        ],
        0: [
            "4521 × 387 はいくつ？筆算で見せて。",
            "請求書[[order]]は税込128,450円(消費税10%)です。税抜き金額は？",
            "バージョン[[semver]]から[[semver2]]に上げたらビルドが壊れました。SemVer的にはどういう意味？",
            "ISBN [[isbn]]の本は何ですか？",
            "コミット[[sha]]でテストが壊れました。取り消す方法は？",
            "リクエストID [[uuid]] がタイムアウトしました。どう追跡すればいい？",
        ],
    },
    "hi": {
        1: [
            "डॉक्टर ने मुझे ([[name]], जन्म [[dob]]) [[condition]] बताया है। अपने बॉस को कैसे बताऊँ?",
            "संपर्क विवरण अपडेट करो: [[name]], [[phone]], [[email]]।",
            "मेरा पासपोर्ट नंबर [[passport]] है और नाम [[name]]। नवीनीकरण के लिए कौन-से दस्तावेज़ चाहिए?",
            "मरीज़: [[name]], पता: [[address]], दवा: [[medication]]। रेफ़रल पत्र लिखो।",
            "[[name]] का बैंक खाता IBAN [[iban]] है, किराया भेजने का तरीका बताओ।",
        ],
        0: [
            "4521 × 387 कितना होता है? चरण-दर-चरण हल करो।",
            "बिल [[order]] की कुल राशि ₹12,845 है जिसमें 18% GST शामिल है। GST से पहले राशि कितनी है?",
            "ISBN [[isbn]] वाली किताब कौन-सी है?",
            "कमिट [[sha]] से टेस्ट टूट गए। इसे कैसे वापस लूँ?",
            "रिक्वेस्ट ID [[uuid]] टाइमआउट हो गई। इसे कैसे ट्रेस करूँ?",
            "वर्ज़न [[semver]] से [[semver2]] पर जाने के बाद बिल्ड टूट गया। SemVer के हिसाब से इसका क्या मतलब है?",
        ],
    },
    "zh": {
        1: [
            "医生诊断我（[[name]]，出生于[[dob]]）患有[[condition]]，我该怎么跟领导说？",
            "更新联系方式：[[name]]，[[phone]]，[[email]]。",
            "[[name]]的护照号是[[passport]]，帮我列一份续签材料清单。",
            "患者：[[name]]，住址：[[address]]，正在服用[[medication]]。请写一封转诊信。",
            "[[name]]的背景调查结果：[[offence]]。请为人事部门做一个中立的总结。",
        ],
        0: [
            "4521 × 387 等于多少？请列竖式计算。",
            "发票[[order]]含税金额 1284.50 元，税率 13%，不含税金额是多少？",
            "从版本[[semver]]升级到[[semver2]]后构建失败了，按语义化版本这意味着什么？",
            "ISBN 为[[isbn]]的是哪本书？",
            "提交[[sha]]把测试弄坏了，怎么回滚？",
            "请求 ID [[uuid]] 超时了，怎么追踪？",
        ],
    },
}
