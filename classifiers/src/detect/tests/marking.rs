//! Confidentiality markings.

use super::super::FindingKind::Confidential;
use super::{clean, finds, lacks};

const MEMO: &str = "The acquisition of Quanta Works is expected to be signed on the 14th; the price stays \
                    between us until the announcement.";

#[test]
fn markings_set_as_labels() {
    let cases = [
        (format!("Summarise this for the board:\n\nCONFIDENTIAL\n\n{MEMO}"), "CONFIDENTIAL"),
        (format!("Company confidential\n{MEMO}"), "Company confidential"),
        // Pasted from Windows: the line ends in "\r\n".
        (format!("CONFIDENTIAL\r\n\r\n{MEMO}"), "CONFIDENTIAL"),
        (format!("INTERNAL ONLY: {MEMO}"), "INTERNAL ONLY"),
        // a full stop ends the label as well as a colon does
        (
            format!("INTERNAL – DO NOT FORWARD. Embargoed until Thursday.\n{MEMO}"),
            "DO NOT FORWARD",
        ),
        (format!("【内部·勿外传】\n{MEMO}"), "勿外传"),
        // a marking with its colon at the start of a clause labels the rest of the line
        (format!("please help: internal only: {MEMO}"), "internal only"),
        (format!("Hola, Solo uso interno: {MEMO}"), "Solo uso interno"),
        (format!("Borrador confidencial: {MEMO}"), "confidencial"),
        (format!("Hello, INTERNAL ONLY. {MEMO}"), "INTERNAL ONLY"),
        (
            format!("STRICTLY CONFIDENTIAL - BOARD MEMBERS ONLY - DO NOT FORWARD\n{MEMO}"),
            "STRICTLY CONFIDENTIAL",
        ),
        (format!("**Vertraulich** – nur für die Geschäftsführung\n{MEMO}"), "Vertraulich"),
        (format!("INTERN – NICHT WEITERLEITEN – Entwurf\n{MEMO}"), "NICHT WEITERLEITEN"),
        (format!("[Confidentiel]\n{MEMO}"), "Confidentiel"),
        (format!("ESTRITAMENTE CONFIDENCIAL — apenas Conselho\n{MEMO}"), "ESTRITAMENTE CONFIDENCIAL"),
        (format!("VERTROUWELIJK – ALLEEN VOOR MT\n{MEMO}"), "VERTROUWELIJK"),
        (
            "以下を要約して。\n\n【社外秘・取扱注意】2024年度 第2四半期 業績見込み。売上高は期初計画に対し106億円の未達。".to_owned(),
            "社外秘",
        ),
        (
            "把下面这份文件压缩成要点：\n\n【内部资料 严禁外传】\n关于公司B轮融资及业务调整的说明，投前估值人民币18亿元。".to_owned(),
            "内部资料",
        ),
        (
            "内部资料，请勿外传。请帮我把下面的会议纪要整理成要点：公司计划在明年第二季度收购深圳恒川电子。".to_owned(),
            "内部资料",
        ),
        (
            "社内限り：来期の人員計画で、コールセンター部門の派遣契約を3月末で打ち切ることが決まりました。".to_owned(),
            "社内限り",
        ),
        // in capitals after a separator, at the end of a title or inside a sentence
        (format!("Protokoll Vertriebsrunde KW 41 – INTERN / VERTRAULICH\n{MEMO}"), "VERTRAULICH"),
        (
            format!("Point activité (réservé au comité de direction – CONFIDENTIEL, ne pas diffuser)\n{MEMO}"),
            "CONFIDENTIEL",
        ),
        (format!("3. Stabilimento di Pordenone – RISERVATO, NON DIVULGARE\n{MEMO}"), "RISERVATO"),
        (
            "【内部机密·仅限渠道部及以上管理层，严禁外传、截图】\n这份是下个月新品发布前的渠道沟通要点，帮我改写成讲稿。".to_owned(),
            "内部机密",
        ),
    ];
    for (text, marking) in &cases {
        let f = finds(text, Confidential, marking);
        assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn talk_about_confidentiality_is_no_marking() {
    for text in [
        "What does 'confidential' mean in an NDA, and how long does it last?",
        "「社外秘」と「取扱注意」と「関係者外秘」って何が違うの？英語でどう訳すのがいいか、例文もいくつか教えてください。",
        "Write a confidentiality clause for a freelance design contract.",
        "How do I add a CONFIDENTIAL watermark to every page in Word?",
        "Confidential vs internal vs restricted: what is the difference between these classification levels?",
        "Confidential: how should I label documents?",
        "Should salary data be marked confidential or internal? Our policy is unclear and HR keeps asking.",
        "This email and any attachments are confidential and intended solely for the addressee. If you received it in error, delete it.",
        "機密保持契約（NDA）を結ぶ前に確認すべきポイントを教えてください。取引先から雛形が送られてきました。",
        "社外秘の資料をチャットに貼っても大丈夫ですか？会社の規程ではどう判断すればいいでしょう。",
        "添加“机密”水印的方法是什么？我想在 Word 里给每一页都加上，最好能批量处理所有文件。",
        "CONFIDENTIAL",
        "Is a payslip – CONFIDENTIAL by law? My employer emails them unencrypted.",
        "Intern, 6 months, Berlin: what should I ask in the interview about the team and mentoring?",
        "Should I mark it as internal only: yes or no? I need to decide before the meeting at ten.",
    ] {
        lacks(text, Confidential);
    }
    clean("Internal server error 500 after the deploy: what should I check first in the logs?");
}
