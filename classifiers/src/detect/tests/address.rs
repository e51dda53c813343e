//! Postal addresses.

use super::super::FindingKind::Address;
use super::{finds, finds_each_below, lacks};

#[test]
fn somebodys_postal_address() {
    let cases = [
        (
            "Change the delivery address on this label to: Mrs Eileen Fairbairn, 14 Rowan Crescent, Harrogate HG2 7QP - caps please",
            "14 Rowan Crescent, Harrogate HG2 7QP",
        ),
        (
            "Absender: Tobias Lenz, Gneisenaustraße 41, 10961 Berlin, Mitgliedsnr. 88301-22",
            "Gneisenaustraße 41, 10961 Berlin",
        ),
        (
            "Fais-moi une lettre de résiliation pour Mme Nadia Benali, 27 rue des Tanneurs, 59000 Lille, abonnée depuis 2019",
            "27 rue des Tanneurs, 59000 Lille",
        ),
        (
            "Come scrivo la busta per mia nonna? Rosa Villa, via Cavour 12, 25121 Brescia.",
            "via Cavour 12, 25121 Brescia",
        ),
        (
            "Mijn adres is Kalverstraat 118, 1012 PK Amsterdam, kun je de brief afmaken?",
            "Kalverstraat 118, 1012 PK Amsterdam",
        ),
        (
            "Rafael Silva\nRua Oscar Freire 40, 01426-001 São Paulo - SP\n\nRevê a carta",
            // The town's first word ends the span.
            "Rua Oscar Freire 40, 01426-001 São",
        ),
        (
            "Ship it to Dana Whitfield, 2417 Larkspur Drive, Columbus, OH 43215 by Friday.",
            "2417 Larkspur Drive, Columbus, OH 43215",
        ),
        (
            "Mi dirección es Calle de Alcalá 123, 28009 Madrid, ¿me ayudas con la carta?",
            "Calle de Alcalá 123, 28009 Madrid",
        ),
        (
            "帮我给卖家写条消息，收货地址改成：上海市徐汇区漕溪北路88号3号楼1502室 李婷，语气客气点",
            "上海市徐汇区漕溪北路88号3号楼1502室",
        ),
        (
            "お届け先：〒150-0041 東京都渋谷区神南1-2-3\n山田様",
            "〒150-0041 東京都渋谷区神南1-2-3",
        ),
        // Where somebody lives, said loosely; house numbers with a floor or a unit.
        (
            "can you help me complain to the landlord? my apartment at 2417 Larkspur Drive, Columbus, OH 43215 has had no heating since monday",
            "2417 Larkspur Drive, Columbus, OH 43215",
        ),
        // The house number before the street, not the unit after it.
        (
            "Ship to Dana Whitfield, 2417 Larkspur Drive, Apt 3B, Columbus, OH 43215",
            "2417 Larkspur Drive, Apt 3B, Columbus, OH 43215",
        ),
        (
            "Wij wonen sinds maart op Bloemgracht 112-II, 1015 TN Amsterdam en de buren boren elke ochtend.",
            "Bloemgracht 112-II, 1015 TN Amsterdam",
        ),
        (
            "Absender: Jana Kühn, Lindenallee 12-14, 50968 Köln",
            "Lindenallee 12-14, 50968 Köln",
        ),
        // a letter's address block, the town on a line of its own
        (
            "Make this letter more formal:\n\nMs Kerry-Ann Whitlock\nFlat B, 62 Alderney Street\nSouthampton\nSO14 0QR\n\nDear Sir,",
            "Flat B, 62 Alderney Street\nSouthampton\nSO14 0QR",
        ),
        (
            "NOTIFICANTE: Paulo Henrique Saraiva\nRua Domingos de Morais, 2187, apto 54\nVila Mariana – São Paulo/SP\nCEP 04035-001\n\nSra. Cristiane,",
            "Rua Domingos de Morais, 2187, apto 54\nVila Mariana – São Paulo/SP\nCEP 04035-001",
        ),
        // a street word alone after the street's name; Austria's staircase and door
        (
            "Ich wohne in der Berliner Straße 12, 10115 Berlin.",
            "Berliner Straße 12, 10115 Berlin",
        ),
        (
            "Mag. Verena Pichler\nSchönbrunner Straße 112/3/14\n1050 Wien",
            "Schönbrunner Straße 112/3/14\n1050 Wien",
        ),
        // Belgian four-digit codes, a Dutch town with its article
        (
            "Mijn adres: Stationsstraat 45, 2800 Mechelen",
            "Stationsstraat 45, 2800 Mechelen",
        ),
        (
            "adres van fam. Bakker-Jansen\nLaan van Meerdervoort 1172-III\n2564 AX  's-Gravenhage",
            "Laan van Meerdervoort 1172-III\n2564 AX  's-Gravenhage",
        ),
        // typed all in lower case, the owner after the address
        (
            "send it to 2271 nw hoyt st apt 4 portland or 97210 attn Gabe Lindqvist",
            "2271 nw hoyt st apt 4 portland or 97210",
        ),
        // the owner's words two lines above
        (
            "SHIP TO:\nMRS K ABERNETHY\nFLAT 2 18 CRANLEY GARDENS\nSOUTH KENSINGTON LONDON\nSW7 3BB",
            "FLAT 2 18 CRANLEY GARDENS\nSOUTH KENSINGTON LONDON\nSW7 3BB",
        ),
        // a Brazilian label: street, district, town, CEP, each on its own line
        (
            "confere a etiqueta:\n\nMaria das Graças Oliveira\nRua Padre Anchieta, 1187 – casa 2\nBairro Mercês\nCuritiba – PR\nCEP 80410-030",
            "Rua Padre Anchieta, 1187 – casa 2\nBairro Mercês\nCuritiba – PR\nCEP 80410-030",
        ),
        // a title and initials before a family name with a particle
        (
            "het nieuwe adres is:\n\nMw. G. de Boer-Smit\nKastanjelaan 27\n3721 RK Bilthoven",
            "Kastanjelaan 27\n3721 RK Bilthoven",
        ),
        // Owner words count in any case, as they do before a Latin address.
        (
            "Shipping ADDRESS: 〒150-0041 東京都渋谷区神南1-2-3",
            "〒150-0041 東京都渋谷区神南1-2-3",
        ),
        // A building and a flat in a residential compound, spaces around the numbers.
        (
            "收件人：黄美玲\n地址：广东省深圳市南山区南头街道荔湾雅苑 7 栋 1604 室",
            "广东省深圳市南山区南头街道荔湾雅苑 7 栋 1604 室",
        ),
        (
            "收货地址：北京市朝阳区望京西园三区 305 号楼 2 单元 1101",
            "北京市朝阳区望京西园三区 305 号楼 2 单元 1101",
        ),
        (
            "我的地址：杭州市西湖区文三路 88 号",
            "杭州市西湖区文三路 88 号",
        ),
        // A Brazilian address in lower case, its CEP without the hyphen.
        (
            "pra minha tia:\nHelena Brandão Queiroz\nr. dr alceu de campos rodrigues 287 ap 54 bl B\nvila nova conceição sp sp cep 04544000",
            "r. dr alceu de campos rodrigues 287 ap 54 bl B\nvila nova conceição sp sp cep 04544000",
        ),
        // A German street named by a preposition.
        (
            "absender:\n\nKatrin Vogel\nAm Bültmannshof 14\n33615 Bielefeld",
            "Am Bültmannshof 14\n33615 Bielefeld",
        ),
        // Indian addresses: Devanagari street words and towns, a municipal house number.
        (
            "कृपया पार्सल इस पते पर भेज दो: फ्लैट 302, साई कृपा अपार्टमेंट, सेक्टर 15, वाशी, नवी मुंबई 400703",
            "फ्लैट 302, साई कृपा अपार्टमेंट, सेक्टर 15, वाशी, नवी मुंबई 400703",
        ),
        (
            "मेरा पता: मकान नं. 45, गली नं. 3, राजेंद्र नगर, पटना, बिहार - 800016",
            "मकान नं. 45, गली नं. 3, राजेंद्र नगर, पटना, बिहार - 800016",
        ),
        (
            "Address: H.No. 12-2-417, Gudimalkapur, Hyderabad 500028",
            "H.No. 12-2-417, Gudimalkapur, Hyderabad 500028",
        ),
        // A block and house number without 丁目, the addressee named on the label's line.
        (
            "宛名ラベル用に整形してください。\n\nふくおかけん 福岡市博多区千代4-22-15 グランベール千代 305 〒812-0044 武藤沙織",
            "福岡市博多区千代4-22-15 グランベール千代 305 〒812-0044 武藤沙織",
        ),
        // A building and room close the line; the addressee's name and 様 stand under it.
        (
            "〒812-0011\n福岡県福岡市博多区博多駅前3丁目19-5 グランフォレスト博多 805号室\n中島 恵理 様",
            "福岡県福岡市博多区博多駅前3丁目19-5 グランフォレスト博多 805号室",
        ),
    ];
    for (text, address) in cases {
        let f = finds(text, Address, address);
        assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn an_address_in_made_up_data_or_a_legal_notice_is_nobodys() {
    finds_each_below(
        &[
            (
                "Beispieldaten (alles fiktiv):\nErika Lange | Heidestraße 17 | 51147 Köln",
                "Heidestraße 17 | 51147 Köln",
            ),
            (
                "Impressum\n\nBackstube Hofmann\nKaiser-Joseph-Straße 214\n79098 Freiburg im Breisgau",
                "Kaiser-Joseph-Straße 214\n79098 Freiburg",
            ),
        ],
        Address,
        0.8,
    );
}

#[test]
fn an_address_nobody_owns_is_left_to_the_model() {
    let f = finds(
        "Our new office is at 45 Market Street, Manchester M1 1AE, opening Monday.",
        Address,
        "45 Market Street, Manchester M1 1AE",
    );
    assert!(f.confidence < 0.8, "{f:?}");
    // A letterhead: the capitalised words before the street are a company's name.
    let f = finds(
        "En-tête :\nAtelier Verneuil SARL – menuiserie\n4 impasse des Charmes, 49100 Angers\nSIRET 812 947 364 00020",
        Address,
        "4 impasse des Charmes, 49100 Angers",
    );
    assert!(f.confidence < 0.8, "{f:?}");
    let f = finds(
        "Absender: Tobias Lenz, Gneisenaustraße 41, 10961 Berlin",
        Address,
        "Gneisenaustraße 41, 10961 Berlin",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    // A company's register number in the same paragraph: its letterhead.
    let f = finds(
        "TECNOSUL SOLUÇÕES INDUSTRIAIS\nCNPJ: 47.567.101/0001-02\nEndereço: Rua Dr. Alfredo Pujol, 1240 – São Paulo/SP – CEP 02017-011",
        Address,
        "Rua Dr. Alfredo Pujol, 1240 – São Paulo/SP – CEP 02017-011",
    );
    assert!(f.confidence < 0.8, "{f:?}");
    // A letter: the sender's block stands apart from the company it is sent to.
    let f = finds(
        "Jan-Philipp Reuter\nKastanienweg 9\n48159 Münster\n\nStadtwerke Münster GmbH\nKundenservice",
        Address,
        "Kastanienweg 9\n48159 Münster",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
}

#[test]
fn sample_addresses_and_look_alikes_are_not_addresses() {
    for text in [
        "Generate a JSON user: Jane Doe, 123 Main St, Anytown, CA 12345, jane@example.com.",
        "Testdaten: Max Mustermann, Musterstraße 1, 12345 Musterstadt.",
        "Fattura di esempio: Mario Rossi, via Roma 1, 00100 Roma, P.IVA 01234567890.",
        "Voorbeeld: Jan Jansen, Voorbeeldstraat 1, 1234 AB Voorbeeldstad.",
        "Order 40217 shipped on 12 May, tracking 10961 Berlin hub, ETA Friday.",
        "The 2024 GDP of France was 2.9 trillion euros, up 1.1%.",
        "Write a regex for UK postcodes like SW1A 1AA.",
        "【記入例】\n氏名　市役所 太郎\n住所　○○市△△町1丁目2番3号",
        "收货地址：××市××区××路88号",
        r#"{"name":"张三","address":"测试省测试市测试路1号"}"#,
        "Marie Martin | 06 39 98 56 78 | 10 avenue Fictive, 69000 Lyon",
        "Invoice SO-493294 totals 1,284.50 EUR incl. 19% VAT. What is the net amount?",
        // A range or a code after a street is not a house number.
        "Road works on Ring 2023-2024, 50968 Köln closed.",
        "Block 2023-2024-2025 of the ledger, Pune 411069 office.",
        "On 12-03-2024 the road was closed near Pune 411069.",
        // A year and a lower-case word after four digits is no postal code and town.
        "Das Hallenbad Mitte war 2022 wegen Sanierung geschlossen. Im Waldbad Ost wurde 2023 die Saison verkürzt.",
    ] {
        lacks(text, Address);
    }
}
