//! A named person's pay.

use super::super::FindingKind::Salary;
use super::{finds_each_at, lacks};

#[test]
fn pay_of_a_named_person() {
    let cases = [
        (
            "Olivia Hart in marketing earns $92,500 a year; draft a raise letter.",
            "$92,500",
        ),
        (
            "Payroll check: Ms. Okafor, gross £48,200 per year.",
            "£48,200",
        ),
        ("Tom Becker's salary is USD 120,000.", "USD 120,000"),
        // "部门" before a Chinese name.
        ("我们部门王丽萍的工资是18500，她跟我同一年进来的。", "18500"),
        ("Sam Rivera, base salary 85k, wants a review.", "85k"),
        (
            "Das Jahresgehalt von Jonas Brandt beträgt 67.500 €.",
            "67.500 €",
        ),
        (
            "Frau Keller verdient 4.200 EUR brutto im Monat.",
            "4.200 EUR",
        ),
        ("Vérifie : Camille Roux touche 3 100 € par mois.", "3 100 €"),
        (
            "La nómina de Lucía Ortega: 2.450 € brutos al mes.",
            "2.450 €",
        ),
        ("Il premio di Marco Galli: €9.000 lordi.", "€9.000"),
        ("A Beatriz Nunes ganha R$ 7.800,00 por mês.", "R$ 7.800,00"),
        ("Daan Smit verdient 3.900 euro per maand.", "3.900 euro"),
        ("营销部的张伟目前月薪18000元，想调薪。", "18000元"),
        ("请帮我算一下：刘洋今年的年终奖是45万元。", "45万元"),
        ("山田さんの月給は42万円です。", "42万円"),
        ("鈴木様、今年の賞与は85万円となります。", "85万円"),
        ("अमित वर्मा की सैलरी ₹18 लाख है।", "₹18 लाख"),
        // a bare number after a CJK pay word
        ("帮我写个调薪申请，刘洋月薪18500，想涨到21000", "18500"),
        ("我们组王芳的月薪是12,800，比同级低", "12,800"),
        // a name, then when the pay was
        ("王振宇这个月工资税前26,500，扣了五险一金4,128.6", "26,500"),
        ("高橋さんの月給：280000、来月から昇給予定", "280000"),
        // a figure grouped in thousands right after the pay word, no currency
        (
            "Giulia Ferri ha una RAL 41.500 e chiede un aumento.",
            "41.500",
        ),
        ("mi prima Nuria cobra 1.980 netos al mes", "1.980"),
        (
            "Unser Kollege Herbert Lohmann: Bruttolohn 3.850, seit 2019 unverändert.",
            "3.850",
        ),
        ("Dein Bruder Timo verdient 2.700 netto, oder?", "2.700"),
        // a figure right before "gross" or "net"
        (
            "die Yvonne Berghof aus dem Einkauf kriegt jetzt 4.200 brutto",
            "4.200",
        ),
        (
            "ma collègue Coralie Da Costa touche 2480 net et moi 2150",
            "2480",
        ),
        ("a Patrícia Quintas da logística leva 1.980 limpos", "1.980"),
        ("team me Saurabh Nagpal ka in-hand 71,500 hai", "71,500"),
        ("同事蔡文博税前23000，跟我同一批进来的", "23000"),
        ("同期の森下大輝、年収480万で手取り月27万くらい", "480万"),
        // an abbreviation's dot does not end the sentence that names her
        (
            "Bei Frau Anke Roth (Pers.-Nr. 20931) stehen im Mai 4.730 € brutto.",
            "4.730 €",
        ),
        ("le salaire de Lucie Morel passe à 44 500 brut/an", "44 500"),
        ("मेरे दोस्त अमन खन्ना की CTC 18.5 LPA है", "18.5 LPA"),
        // a Hindi given name and family name, no role word
        ("सैलरी स्लिप देखो: सुनीता वर्मा, सालाना ₹14 लाख", "₹14 लाख"),
        // Latin American currencies
        ("el sueldo de Rocío Huamán es S/ 4 800", "S/ 4 800"),
        ("Rocío Huamán Quispe cobra 4800 soles al mes", "4800 soles"),
        // a Japanese roster line: family and given names apart, a colon after them
        (
            "評価面談用のメモです。\n斎藤 大輔：今期評価A、月給32万円に昇給",
            "32万円",
        ),
        ("・森本　涼（営業部）：年俸520万円", "520万円"),
    ];
    finds_each_at(&cases, Salary, "salary", 0.85);
}

/// A payslip or an offer under its person's name: the name lines above the amount.
#[test]
fn pay_under_its_persons_name() {
    let cases = [
        (
            "Auszug Abrechnung Juni\nName: Lea Hoffmann, StKl. 1\nGehalt 3.960,00 €\nAuszahlung 2.511,40 €",
            "3.960,00 €",
        ),
        (
            "Offer summary. Candidate: Owen Pritchard. Role: Data Engineer.\nBase salary £61,000, start 3 March.",
            "£61,000",
        ),
    ];
    finds_each_at(&cases, Salary, "salary", 0.8);
    // A payslip's employee label, a French space before its colon; a Chinese one's name field.
    finds_each_at(
        &[
            (
                "Salariée : Aurélie Fontaine, technicienne qualité\nSalaire de base brut mensuel : 2 480,00 €",
                "2 480,00 €",
            ),
            (
                "姓名：黄志强　部门：研发二部\n基本工资 18,500\n绩效奖金 4,200",
                "18,500",
            ),
        ],
        Salary,
        "salary",
        0.8,
    );
    // A roster line's name a sentence before a bare monthly figure.
    finds_each_at(
        &[(
            "王海涛，研发二部，高级工程师。月薪原来18500，从7月1日起调到21000。",
            "18500",
        )],
        Salary,
        "salary",
        0.8,
    );
    // A role word as a form's label, and the name's employee number or department in brackets.
    finds_each_at(
        &[(
            "员工：王海峰（工号 SH0417）\n部门：供应链管理部\n原月薪：税前 18,500 元",
            "18,500 元",
        )],
        Salary,
        "salary",
        0.8,
    );
    finds_each_at(
        &[("调薪名单\n李国栋（后勤部）下月起月薪 9,800 元", "9,800 元")],
        Salary,
        "salary",
        0.85,
    );
    // A Japanese payslip's name field above its base pay.
    finds_each_at(
        &[(
            "夫の給与明細です。\n\n氏名：田村 浩二\n基本給 312,000円\n残業手当 48,750円",
            "312,000円",
        )],
        Salary,
        "salary",
        0.8,
    );
    // An offer letter to its addressee; "Dear Hiring Manager" is nobody.
    finds_each_at(
        &[(
            "Dear Rohan Kapoor,\nWe are pleased to offer you the role. Your annual salary will be Rs 18,40,000.",
            "Rs 18,40,000",
        )],
        Salary,
        "salary",
        0.8,
    );
    lacks(
        "Dear Hiring Manager,\nI am applying for the role. My salary expectation is €55,000 gross.",
        Salary,
    );
}

#[test]
fn pay_without_a_person_or_without_an_amount() {
    for text in [
        // statistics and ranges
        "What is the average salary of a nurse in Leeds? Around £34,000?",
        "O presidente Luiz Inácio Lula da Silva assinou o decreto que fixa o salário mínimo de 2025 em R$ 1.518.",
        "Der Mindestlohn steigt laut Olaf Scholz auf 12,82 € pro Stunde.",
        "The median salary in New York is $78,000.",
        "Das Durchschnittsgehalt in Hamburg liegt bei 52.000 €.",
        "上海高级数据工程师的平均年薪是50万元吗？",
        "年薪 30 万元税后大概是多少？",
        "年収500万円の人の手取りはいくら？",
        "中間 報告：今期の給与総額は3億円",
        "S/N 4829: the salary module of the HR suite",
        // a Hindi possessive after an occupation or a time
        "बैंगलोर में सॉफ्टवेयर इंजीनियर की सैलरी ₹12 लाख होती है क्या?",
        "React.js डेवलपर की जॉब पोस्ट: 2 से 4 साल का अनुभव, सैलरी 8–12 LPA",
        "10 लाख सालाना सैलरी पर कितना टैक्स लगेगा?",
        "每周的工资是500元，这样合理吗？",
        // brackets after a word that is no name
        "薪资调查的范围（学历、工龄）：月薪 18,500 元以上的岗位",
        // bare numbers after a pay word that are not pay, or with nobody named
        "月薪18500在深圳够生活吗？",
        "刘洋年薪2023年涨了多少？",
        "刘洋月薪3000人民币以上的岗位有多少，统计到2024-06",
        "李强工资1234-5678是工号吗",
        // nobody named
        "I need a salary of at least $90k. Write a negotiation email.",
        "Create a salary band table with made-up numbers: junior $60k, senior $120k.",
        "Sample payslip, made-up data.\nName: Lea Hoffmann\nGehalt 3.960,00 €",
        "Offer letter template\nCandidate: [Name]\nBase salary £61,000",
        "Our Senior Engineer role pays a base salary of $150,000.",
        // a named person, no amount or no money
        "Olivia Hart asked how her salary compares with the market.",
        "Give Olivia Hart a salary increase of 8% next year.",
        "Jonas Brandt verdient mehr als 2023.",
        // title case that is not a name
        "Gross Domestic Product of the United States is $25 trillion.",
        "A fair salary for a Product Manager in Berlin is €80k.",
        "Our Marketing Director role pays a base salary of $150,000.",
        // figures after a pay word that are not pay
        "Giulia Ferri ha una RAL 41.5 punti sopra la media.",
        "Giulia Ferri: stipendio 12.03.2024 arrivato in ritardo.",
        "mi prima Nuria cobra 1.980% de comisión",
        "mi prima Nuria cobra 2 veces al mes",
        "my colleague Dana earns a lot more than 2,500 of us",
        "Lena Vogt: 2024 net profit rose",
        "Lena Vogt zahlt 19 netto",
        // pay words in other senses
        "Tom Becker touched 3 buttons.",
        "Marco Galli gana 3 partidos seguidos.",
    ] {
        lacks(text, Salary);
    }
}
