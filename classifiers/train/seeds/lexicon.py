"""Names, places and domains per language, for synthetic people. Common names only, so no
combination points at a particular real person."""

LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "ja", "hi", "zh"]

FIRST_NAMES = {
    "en": ["Emily", "James", "Olivia", "Michael", "Sophie", "Daniel", "Hannah", "Ryan", "Grace", "Tyler",
           "Megan", "Connor", "Priya", "Marcus", "Chloe", "Ethan", "Rachel", "Kevin", "Abigail", "Liam"],
    "de": ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Laura", "Tobias", "Julia", "Stefan", "Katharina",
           "Matthias", "Sabine", "Jürgen", "Miriam", "Florian", "Ute", "Dominik", "Jana"],
    "fr": ["Camille", "Louis", "Chloé", "Hugo", "Manon", "Théo", "Léa", "Antoine", "Juliette", "Mathieu",
           "Élodie", "Nicolas", "Aurélie", "Julien", "Margaux", "Sébastien"],
    "es": ["Lucía", "Pablo", "María", "Alejandro", "Carmen", "Javier", "Sofía", "Diego", "Laura", "Sergio",
           "Marta", "Álvaro", "Elena", "Raúl", "Nuria", "Iván"],
    "it": ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Valentina",
           "Davide", "Federica", "Simone", "Elisa", "Giorgio", "Martina"],
    "pt": ["Beatriz", "João", "Mariana", "Pedro", "Inês", "Rafael", "Ana", "Tiago", "Carolina", "Gustavo",
           "Larissa", "Rodrigo", "Fernanda", "Bruno", "Joana"],
    "nl": ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Joris", "Eva", "Thijs", "Anouk", "Ruben", "Noor",
           "Sem", "Iris", "Jeroen", "Maaike"],
    "ja": ["翔太", "美咲", "大輔", "陽菜", "健太", "さくら", "拓海", "結衣", "直樹", "優子", "亮", "真由美"],
    "hi": ["राहुल", "प्रिया", "अमित", "नेहा", "विकास", "पूजा", "संजय", "अनीता", "रोहित", "कविता"],
    "zh": ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "婷", "强"],
}

LAST_NAMES = {
    "en": ["Walker", "Thompson", "Harris", "Bennett", "Sullivan", "Patel", "Morgan", "Reed", "Foster",
           "Hughes", "Coleman", "Brooks", "Murphy", "Nguyen", "Kowalski", "O'Brien", "Fletcher", "Ramirez"],
    "de": ["Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter",
           "Wagner", "Krüger", "Zimmermann", "Hartmann", "Lange", "Vogel", "Brandt"],
    "fr": ["Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Laurent", "Girard", "Rousseau", "Fournier",
           "Mercier", "Lambert", "Fontaine", "Chevalier", "Gauthier"],
    "es": ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Torres", "Domínguez", "Gil",
           "Vázquez", "Ramos", "Serrano", "Molina", "Ortega"],
    "it": ["Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
           "Gallo", "Conti", "De Luca", "Mancini", "Lombardi"],
    "pt": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
           "Fernandes", "Gonçalves", "Almeida", "Ribeiro", "Carvalho"],
    "nl": ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
           "Mulder", "Bos", "Vos", "Peters", "Hendriks"],
    "ja": ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田", "松本", "井上"],
    "hi": ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "पटेल", "मेहता", "जोशी", "अग्रवाल", "राव", "मिश्रा"],
    "zh": ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"],
}

# Romanised names for addresses and logins of people whose names are written in another script.
LATIN_FIRST = {
    "ja": ["shota", "misaki", "daisuke", "hina", "kenta", "sakura", "takumi", "yui", "naoki", "yuko"],
    "hi": ["rahul", "priya", "amit", "neha", "vikas", "pooja", "sanjay", "anita", "rohit", "kavita"],
    "zh": ["wei", "fang", "na", "min", "jing", "lei", "yang", "yan", "yong", "jie"],
}
LATIN_LAST = {
    "ja": ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "nakamura", "kobayashi"],
    "hi": ["sharma", "verma", "gupta", "singh", "patel", "mehta", "joshi", "agarwal"],
    "zh": ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao"],
}

EMAIL_DOMAINS = {
    "any": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"],
    "en": ["aol.com", "comcast.net", "btinternet.com", "sky.com", "verizon.net"],
    "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "freenet.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr"],
    "es": ["hotmail.es", "telefonica.net", "yahoo.es", "movistar.es"],
    "it": ["libero.it", "virgilio.it", "tiscali.it", "alice.it"],
    "pt": ["sapo.pt", "uol.com.br", "bol.com.br", "terra.com.br"],
    "nl": ["ziggo.nl", "kpnmail.nl", "xs4all.nl", "hetnet.nl"],
    "ja": ["docomo.ne.jp", "yahoo.co.jp", "ezweb.ne.jp", "nifty.com"],
    "hi": ["rediffmail.com", "yahoo.co.in"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com"],
}

COMPANY_DOMAINS = [
    "northwind-logistics.com", "brightpath.io", "kessler-bau.de", "atelier-moreau.fr", "grupo-ibersol.es",
    "fratelli-conti.it", "vortexa.com.br", "dijkstra-advies.nl", "tanaka-shoji.co.jp", "lumenhealth.org",
    "acmecorp.net", "helix-analytics.com", "quantaworks.io", "harborview-clinic.com", "sunrise-dental.co.uk",
]

STREETS = {
    "en": ["Maple Avenue", "Oak Street", "Elm Drive", "Willow Lane", "Cedar Court", "Park Road", "High Street",
           "Church Lane", "Riverside Drive", "Lincoln Avenue", "Station Road", "Hillcrest Way"],
    "de": ["Lindenstraße", "Bahnhofstraße", "Hauptstraße", "Gartenweg", "Schillerstraße", "Am Markt",
           "Bergstraße", "Rosenweg", "Kirchgasse", "Goethestraße"],
    "fr": ["rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "boulevard Voltaire",
           "rue des Lilas", "allée des Tilleuls", "rue Pasteur", "chemin des Vignes"],
    "es": ["Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá", "Paseo de Gracia", "Calle Real",
           "Calle del Sol", "Avenida Diagonal", "Calle San Vicente"],
    "it": ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele", "Via Mazzini", "Viale dei Mille",
           "Via Verdi", "Piazza Cavour", "Via dei Tigli"],
    "pt": ["Rua Augusta", "Avenida da Liberdade", "Rua das Flores", "Rua Direita", "Avenida Paulista",
           "Rua do Carmo", "Travessa da Boavista", "Rua Oscar Freire"],
    "nl": ["Kerkstraat", "Dorpsstraat", "Molenweg", "Prinsengracht", "Stationsweg", "Julianastraat",
           "Beatrixlaan", "Lindelaan"],
    "ja": ["世田谷区若林", "中央区日本橋", "北区中里", "中区栄", "港区芝浦", "左京区北白川"],
    "hi": ["एम.जी. रोड", "गांधी नगर", "सेक्टर 15", "लाजपत नगर", "बांद्रा वेस्ट", "इंदिरा नगर"],
    "zh": ["朝阳区建国路", "浦东新区世纪大道", "天河区天河路", "南山区科技园路", "武侯区人民南路", "西湖区文三路"],
}

CITIES = {
    # postcode patterns: "#" is a random digit, "@" a random capital letter
    "en": [("Springfield, IL", "627##"), ("Portland, OR", "972##"), ("Austin, TX", "787##"),
           ("Manchester", "M# #@@"), ("Leeds", "LS# #@@"), ("Bristol", "BS# #@@"), ("Denver, CO", "802##")],
    "de": [("Berlin", "1####"), ("Hamburg", "2####"), ("München", "8####"), ("Köln", "5####"),
           ("Leipzig", "04###"), ("Freiburg im Breisgau", "79###")],
    "fr": [("Paris", "750##"), ("Lyon", "6900#"), ("Marseille", "130##"), ("Toulouse", "310##"),
           ("Nantes", "440##"), ("Lille", "590##")],
    "es": [("Madrid", "280##"), ("Barcelona", "080##"), ("Valencia", "460##"), ("Sevilla", "410##"),
           ("Bilbao", "480##"), ("Zaragoza", "500##")],
    "it": [("Milano", "201##"), ("Roma", "001##"), ("Torino", "101##"), ("Napoli", "801##"),
           ("Bologna", "401##"), ("Firenze", "501##")],
    "pt": [("Lisboa", "1###-###"), ("Porto", "4###-###"), ("Braga", "47##-###"), ("São Paulo - SP", "0####-###"),
           ("Rio de Janeiro - RJ", "2####-###"), ("Curitiba - PR", "8####-###")],
    "nl": [("Amsterdam", "10## @@"), ("Utrecht", "35## @@"), ("Rotterdam", "30## @@"),
           ("Groningen", "97## @@"), ("Eindhoven", "56## @@")],
    "ja": [("東京都", "1##-####"), ("大阪市", "5##-####"), ("名古屋市", "4##-####"),
           ("札幌市", "0##-####"), ("福岡市", "8##-####"), ("京都市", "6##-####")],
    "hi": [("नई दिल्ली", "1100##"), ("मुंबई", "4000##"), ("बेंगलुरु", "5600##"), ("जयपुर", "3020##"),
           ("लखनऊ", "2260##"), ("पुणे", "4110##")],
    "zh": [("北京市", "1000##"), ("上海市", "2000##"), ("广州市", "5100##"), ("深圳市", "5180##"),
           ("成都市", "6100##"), ("杭州市", "3100##")],
}

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

PASSWORD_WORDS = ["sunflower", "bluebird", "kartoffel", "soleil", "mariposa", "girasole", "saudade",
                  "tulpen", "sakura", "dragon", "winter", "falcon", "hamburg", "lisboa", "monkey",
                  "summer", "pinguin", "liberty", "orchid", "thunder"]
