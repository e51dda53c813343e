//! Nearby words. One case-insensitive automaton finds every keyword the detectors use, in one
//! pass: words that make a number a phone number or an ID (in the languages the detectors
//! claim), words that make it something else (order, ISBN, checksum), and the keys that
//! introduce passwords and secrets.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::secrets;
use super::text::{at, before};

pub(crate) const PHONE: u32 = 1;
pub(crate) const PASSPORT: u32 = 1 << 1;
pub(crate) const SSN: u32 = 1 << 2;
pub(crate) const CARD: u32 = 1 << 3;
pub(crate) const TAX_DE: u32 = 1 << 4;
pub(crate) const NIR: u32 = 1 << 5;
pub(crate) const DNI: u32 = 1 << 6;
pub(crate) const BSN: u32 = 1 << 7;
pub(crate) const AADHAAR: u32 = 1 << 8;
pub(crate) const CPF: u32 = 1 << 9;
pub(crate) const NINO: u32 = 1 << 10;
/// "ID number", "tax ID", "Ausweis": strengthens any national-ID format.
pub(crate) const ANY_ID: u32 = 1 << 11;
/// Order, invoice, tracking, ISBN, version, port, amount: a number here is not a phone.
pub(crate) const NOT_PHONE: u32 = 1 << 12;
/// Checksums and commit hashes: a hex string here is not a secret.
pub(crate) const HASH: u32 = 1 << 13;
pub(crate) const PASSWORD_KEY: u32 = 1 << 14;
pub(crate) const SECRET_KEY: u32 = 1 << 15;
pub(crate) const BEARER: u32 = 1 << 16;
pub(crate) const AUTHORIZATION: u32 = 1 << 17;
/// Vendors whose token prefixes are too short to look for everywhere.
pub(crate) const VENDOR: u32 = 1 << 18;
pub(crate) const MY_NUMBER: u32 = 1 << 19;
pub(crate) const CN_ID: u32 = 1 << 20;
pub(crate) const PT_NIF: u32 = 1 << 21;
/// "login", "username", "credentials": a `user / password` pair may follow.
pub(crate) const LOGIN: u32 = 1 << 22;
/// "date of birth", "geboren am", "出生于": a date of birth may follow.
pub(crate) const BIRTH: u32 = 1 << 23;
/// "salary", "verdient", "年薪", "सैलरी": a named person's pay may be near.
pub(crate) const SALARY: u32 = 1 << 24;
/// Pay words that qualify only an amount right next to them ("gross £48,200", "45.000 €
/// brutto"): farther away they are other words ("Gross Domestic Product … is $25 trillion").
pub(crate) const SALARY_NEXT: u32 = 1 << 25;
/// "CONFIDENTIAL", "VERTRAULICH", "社外秘", "内部资料": a document's marking, if set as a label.
pub(crate) const MARKING: u32 = 1 << 26;
/// "account", "Kontonummer", "conta", "口座番号", "账号", "खाता": a bank account number may follow.
pub(crate) const ACCOUNT: u32 = 1 << 27;
/// "bank", "banco", "銀行", "बैंक": an account number near it is a bank account's.
pub(crate) const BANK: u32 = 1 << 28;
/// "routing", "sort code", "IFSC", "BLZ", "agência": a bank code may follow. The word alone
/// is no bank: "ir na agência" is a post office as often as a bank.
pub(crate) const BANK_CODE: u32 = 1 << 29;
/// "diagnosed", "schwanger", "chimiothérapie", "糖尿病", "乙肝", "कीमोथेरेपी": a named person's
/// health may be near.
pub(crate) const HEALTH: u32 = 1 << 30;
/// "convicted", "vorbestraft", "casier judiciaire", "前科", "犯罪记录": a named person's criminal
/// record may be near.
pub(crate) const CRIMINAL: u32 = 1 << 31;

pub(crate) const ASSIGN_KEYS: u32 = PASSWORD_KEY | SECRET_KEY | BEARER | AUTHORIZATION;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bound {
    /// A whole word: no ASCII letter or digit on either side.
    Word,
    /// A word start; anything may follow ("Telefonnummer", "phones").
    Prefix,
    /// Anywhere, including inside identifiers (`DB_PASSWORD`); the consumer checks the shape.
    Free,
}

use Bound::{Free, Prefix, Word};

const KEYWORDS: &[(&str, u32, Bound)] = &[
    // Phone, by language.
    ("phone", PHONE, Prefix),
    ("telephone", PHONE, Prefix),
    ("tel", PHONE, Word),
    ("tél", PHONE, Word),
    ("tlf", PHONE, Word),
    ("mobile", PHONE, Prefix),
    ("mobil", PHONE, Word),
    ("mob", PHONE, Word),
    ("cell", PHONE, Word),
    ("cellphone", PHONE, Prefix),
    ("call", PHONE, Word),
    ("call me", PHONE, Prefix),
    ("calling", PHONE, Word),
    ("fax", PHONE, Word),
    ("whatsapp", PHONE, Prefix),
    ("sms", PHONE, Word),
    ("text me", PHONE, Word),
    ("my number", PHONE, Word),
    ("contact number", PHONE, Prefix),
    ("hotline", PHONE, Prefix),
    ("telefon", PHONE, Prefix),
    ("handy", PHONE, Word),
    ("rufnummer", PHONE, Prefix),
    ("ruf mich", PHONE, Prefix),
    ("anrufen", PHONE, Prefix),
    ("erreichbar", PHONE, Prefix),
    ("reachable", PHONE, Prefix),
    ("reach me", PHONE, Prefix),
    ("téléphone", PHONE, Prefix),
    ("portable", PHONE, Word),
    ("appelez", PHONE, Prefix),
    ("appeler", PHONE, Prefix),
    ("joindre", PHONE, Prefix),
    ("teléfono", PHONE, Prefix),
    ("telefono", PHONE, Prefix),
    ("móvil", PHONE, Word),
    ("movil", PHONE, Word),
    ("celular", PHONE, Prefix),
    ("llámame", PHONE, Prefix),
    ("llamar", PHONE, Prefix),
    ("cellulare", PHONE, Prefix),
    ("chiamami", PHONE, Prefix),
    ("chiamare", PHONE, Prefix),
    ("telefoon", PHONE, Prefix),
    ("mobiel", PHONE, Prefix),
    ("bel me", PHONE, Prefix),
    ("bellen", PHONE, Prefix),
    ("telefone", PHONE, Prefix),
    ("ligue", PHONE, Word),
    ("ligar", PHONE, Word),
    ("電話", PHONE, Free),
    ("携帯", PHONE, Free),
    ("ケータイ", PHONE, Free),
    ("連絡先", PHONE, Free),
    ("\u{095E}\u{094B}\u{0928}", PHONE, Free),
    ("\u{092B}\u{093C}\u{094B}\u{0928}", PHONE, Free),
    ("फोन", PHONE, Free),
    ("मोबाइल", PHONE, Free),
    ("संपर्क", PHONE, Free),
    ("电话", PHONE, Free),
    ("手机", PHONE, Free),
    ("手機", PHONE, Free),
    ("联系方式", PHONE, Free),
    ("전화", PHONE, Free),
    ("my phone", PHONE, Prefix),
    ("mijn nummer", PHONE, Word),
    ("mijn telefoonnummer", PHONE, Prefix),
    ("meine nummer", PHONE, Word),
    ("mon numéro", PHONE, Word),
    ("mi número", PHONE, Word),
    ("mi numero", PHONE, Word),
    ("il mio numero", PHONE, Word),
    ("meu número", PHONE, Word),
    ("meu numero", PHONE, Word),
    // Passport.
    ("passport", PASSPORT, Prefix),
    ("reisepass", PASSPORT, Prefix),
    ("passnummer", PASSPORT, Prefix),
    ("passeport", PASSPORT, Prefix),
    ("pasaporte", PASSPORT, Prefix),
    ("passaporto", PASSPORT, Prefix),
    ("passaporte", PASSPORT, Prefix),
    ("paspoort", PASSPORT, Prefix),
    ("パスポート", PASSPORT, Free),
    ("旅券", PASSPORT, Free),
    ("पासपोर्ट", PASSPORT, Free),
    ("护照", PASSPORT, Free),
    ("護照", PASSPORT, Free),
    ("여권", PASSPORT, Free),
    // Government IDs.
    ("ssn", SSN, Word),
    ("social security", SSN | NIR, Prefix),
    ("soc sec", SSN, Prefix),
    ("itin", SSN, Word),
    ("steuer-id", TAX_DE, Prefix),
    ("steuerid", TAX_DE, Prefix),
    ("steuer id", TAX_DE, Prefix),
    ("steuer-identifikationsnummer", TAX_DE, Prefix),
    ("steueridentifikationsnummer", TAX_DE, Prefix),
    ("identifikationsnummer", TAX_DE, Prefix),
    ("idnr", TAX_DE, Word),
    ("id-nr", TAX_DE, Word),
    ("steuernummer", TAX_DE, Prefix),
    ("nir", NIR, Word),
    ("sécurité sociale", NIR, Prefix),
    ("securite sociale", NIR, Prefix),
    ("sécu", NIR, Word),
    ("secu", NIR, Word),
    ("insee", NIR, Word),
    ("carte vitale", NIR, Prefix),
    ("dni", DNI, Word),
    ("nie", DNI, Word),
    ("nif", DNI | PT_NIF, Word),
    ("contribuinte", PT_NIF, Prefix),
    ("número fiscal", PT_NIF, Prefix),
    ("documento nacional", DNI, Prefix),
    ("bsn", BSN, Word),
    ("burgerservicenummer", BSN, Prefix),
    ("sofinummer", BSN, Prefix),
    ("sofi-nummer", BSN, Prefix),
    ("aadhaar", AADHAAR, Prefix),
    ("aadhar", AADHAAR, Prefix),
    ("uidai", AADHAAR, Word),
    ("आधार", AADHAAR, Free),
    ("cpf", CPF, Word),
    ("cadastro de pessoa", CPF, Prefix),
    ("national insurance", NINO, Prefix),
    ("nino", NINO, Word),
    ("ni number", NINO, Word),
    ("national id", ANY_ID, Prefix),
    ("id number", ANY_ID, Prefix),
    ("identity number", ANY_ID, Prefix),
    ("personal number", ANY_ID, Prefix),
    ("tax id", ANY_ID, Prefix),
    ("tax number", ANY_ID, Prefix),
    ("taxpayer", ANY_ID, Prefix),
    ("ausweis", ANY_ID, Prefix),
    ("personalausweis", ANY_ID, Prefix),
    ("identifiant", ANY_ID, Prefix),
    ("identificación", ANY_ID, Prefix),
    ("identificacion", ANY_ID, Prefix),
    ("codice fiscale", ANY_ID, Prefix),
    ("identiteit", ANY_ID, Prefix),
    ("マイナンバー", MY_NUMBER | ANY_ID, Free),
    ("個人番号", MY_NUMBER | ANY_ID, Free),
    ("身份证", CN_ID | ANY_ID, Free),
    ("身份證", CN_ID | ANY_ID, Free),
    ("居民身份", CN_ID | ANY_ID, Free),
    ("resident id", CN_ID, Prefix),
    ("पहचान", ANY_ID, Free),
    // Payment.
    ("card", CARD, Prefix),
    ("credit", CARD, Prefix),
    ("kreditkarte", CARD, Prefix),
    ("karte", CARD, Prefix),
    ("carte", CARD, Prefix),
    ("tarjeta", CARD, Prefix),
    ("carta", CARD, Prefix),
    ("cartão", CARD, Prefix),
    ("visa", CARD, Word),
    ("mastercard", CARD, Prefix),
    ("amex", CARD, Word),
    ("カード", CARD, Free),
    ("कार्ड", CARD, Free),
    // Numbers that are not phone numbers.
    ("order", NOT_PHONE, Prefix),
    ("invoice", NOT_PHONE, Prefix),
    ("tracking", NOT_PHONE, Prefix),
    ("shipment", NOT_PHONE, Prefix),
    ("isbn", NOT_PHONE, Prefix),
    ("issn", NOT_PHONE, Prefix),
    ("ref", NOT_PHONE, Word),
    ("reference", NOT_PHONE, Prefix),
    ("ticket", NOT_PHONE, Prefix),
    ("transaction", NOT_PHONE, Prefix),
    ("txn", NOT_PHONE, Word),
    ("sku", NOT_PHONE, Word),
    ("serial", NOT_PHONE, Prefix),
    ("part number", NOT_PHONE, Prefix),
    ("account", NOT_PHONE | LOGIN | ACCOUNT, Prefix),
    ("version", NOT_PHONE, Prefix),
    ("build", NOT_PHONE, Word),
    ("timestamp", NOT_PHONE, Prefix),
    ("epoch", NOT_PHONE, Prefix),
    ("id", NOT_PHONE, Word),
    ("amount", NOT_PHONE, Prefix),
    ("total", NOT_PHONE, Prefix),
    ("price", NOT_PHONE, Prefix),
    ("preis", NOT_PHONE, Prefix),
    ("prix", NOT_PHONE, Word),
    ("precio", NOT_PHONE, Prefix),
    ("prezzo", NOT_PHONE, Prefix),
    ("bestellung", NOT_PHONE, Prefix),
    ("bestellnummer", NOT_PHONE, Prefix),
    ("rechnung", NOT_PHONE, Prefix),
    ("sendungsnummer", NOT_PHONE, Prefix),
    ("commande", NOT_PHONE, Prefix),
    ("facture", NOT_PHONE, Prefix),
    ("pedido", NOT_PHONE, Prefix),
    ("factura", NOT_PHONE, Prefix),
    ("ordine", NOT_PHONE, Prefix),
    ("fattura", NOT_PHONE, Prefix),
    ("bestelling", NOT_PHONE, Prefix),
    ("factuur", NOT_PHONE, Prefix),
    ("receipt", NOT_PHONE, Prefix),
    ("kassenbon", NOT_PHONE, Prefix),
    ("bon-nr", NOT_PHONE, Prefix),
    ("beleg", NOT_PHONE, Prefix),
    ("quittung", NOT_PHONE, Prefix),
    ("auftrag", NOT_PHONE, Prefix),
    ("scontrino", NOT_PHONE, Prefix),
    ("ricevuta", NOT_PHONE, Prefix),
    ("recibo", NOT_PHONE, Prefix),
    ("complaint", NOT_PHONE, Prefix),
    ("booking", NOT_PHONE, Prefix),
    ("pnr", NOT_PHONE, Word),
    ("claim", NOT_PHONE, Prefix),
    ("docket", NOT_PHONE, Word),
    ("beschwerde", NOT_PHONE, Prefix),
    ("réclamation", NOT_PHONE, Prefix),
    ("reclamo", NOT_PHONE, Prefix),
    ("reclamação", NOT_PHONE, Prefix),
    ("klacht", NOT_PHONE, Prefix),
    ("शिकायत", NOT_PHONE, Free),
    ("投诉", NOT_PHONE, Free),
    ("订单", NOT_PHONE, Free),
    ("单号", NOT_PHONE, Free),
    ("注文", NOT_PHONE, Free),
    ("請求", NOT_PHONE, Free),
    // Hash-like context.
    ("sha", HASH, Word),
    ("sha1", HASH, Prefix),
    ("sha-1", HASH, Prefix),
    ("sha256", HASH, Prefix),
    ("sha-256", HASH, Prefix),
    ("sha384", HASH, Prefix),
    ("sha512", HASH, Prefix),
    ("sha-512", HASH, Prefix),
    ("md5", HASH, Word),
    ("checksum", HASH, Prefix),
    ("hash", HASH, Prefix),
    ("digest", HASH, Prefix),
    ("commit", HASH, Prefix),
    ("fingerprint", HASH, Prefix),
    ("integrity", HASH, Prefix),
    ("etag", HASH, Word),
    ("revision", HASH, Word),
    ("rev", HASH, Word),
    ("crc", HASH, Prefix),
    ("uuid", HASH, Prefix),
    ("guid", HASH, Prefix),
    // Keys that introduce credentials.
    ("password", PASSWORD_KEY, Free),
    ("passwd", PASSWORD_KEY, Free),
    ("pwd", PASSWORD_KEY, Free),
    ("pass", PASSWORD_KEY, Free),
    ("passphrase", PASSWORD_KEY, Free),
    ("passwort", PASSWORD_KEY, Free),
    ("kennwort", PASSWORD_KEY, Free),
    ("contraseña", PASSWORD_KEY, Free),
    ("contrasena", PASSWORD_KEY, Free),
    ("mot de passe", PASSWORD_KEY, Free),
    ("mdp", PASSWORD_KEY, Word),
    ("palavra-passe", PASSWORD_KEY, Free),
    ("palavra passe", PASSWORD_KEY, Free),
    ("parola d'ordine", PASSWORD_KEY, Free),
    ("parola d\u{2019}ordine", PASSWORD_KEY, Free),
    ("motdepasse", PASSWORD_KEY, Free),
    ("senha", PASSWORD_KEY, Free),
    ("wachtwoord", PASSWORD_KEY, Free),
    ("パスワード", PASSWORD_KEY, Free),
    ("पासवर्ड", PASSWORD_KEY, Free),
    ("密码", PASSWORD_KEY, Free),
    ("密碼", PASSWORD_KEY, Free),
    ("口令", PASSWORD_KEY, Free),
    ("비밀번호", PASSWORD_KEY, Free),
    ("secret", SECRET_KEY, Free),
    ("token", SECRET_KEY, Free),
    ("key", SECRET_KEY, Free),
    ("apikey", SECRET_KEY, Free),
    ("credential", SECRET_KEY | LOGIN, Free),
    ("auth", SECRET_KEY, Free),
    ("sessid", SECRET_KEY, Free),
    ("sessionid", SECRET_KEY, Free),
    // "API-Schlüssel", "APIキー", "API密钥": the same keys in other languages (`assign` reads
    // them as `key` and `token`).
    ("schlüssel", SECRET_KEY, Free),
    ("schluessel", SECRET_KEY, Free),
    ("sleutel", SECRET_KEY, Free),
    ("キー", SECRET_KEY, Free),
    ("トークン", SECRET_KEY, Free),
    ("密钥", SECRET_KEY, Free),
    ("秘钥", SECRET_KEY, Free),
    ("金鑰", SECRET_KEY, Free),
    ("令牌", SECRET_KEY, Free),
    ("कुंजी", SECRET_KEY, Free),
    ("टोकन", SECRET_KEY, Free),
    ("bearer", BEARER, Word),
    // Words a login pair follows; `account` and `credential` are listed above.
    ("login", LOGIN, Prefix),
    ("log-in", LOGIN, Prefix),
    ("log in", LOGIN, Word),
    ("sign in", LOGIN, Word),
    ("sign-in", LOGIN, Prefix),
    ("signin", LOGIN, Prefix),
    ("user", LOGIN, Prefix),
    ("creds", LOGIN, Word),
    ("zugangsdaten", LOGIN, Prefix),
    ("anmeldedaten", LOGIN, Prefix),
    ("benutzer", LOGIN, Prefix),
    ("identifiants", LOGIN, Word),
    ("usuario", LOGIN, Prefix),
    ("usuário", LOGIN, Prefix),
    ("utilizador", LOGIN, Prefix),
    ("utente", LOGIN, Prefix),
    ("credenciales", LOGIN, Word),
    ("credenziali", LOGIN, Word),
    ("credenciais", LOGIN, Word),
    ("inloggegevens", LOGIN, Word),
    ("gebruiker", LOGIN, Prefix),
    // Labels of a date of birth; "生まれ" follows the date instead.
    ("date of birth", BIRTH, Word),
    ("dob", BIRTH, Word),
    ("d.o.b.", BIRTH, Word),
    ("d.o.b", BIRTH, Word),
    ("date_of_birth", BIRTH, Prefix),
    ("dateofbirth", BIRTH, Prefix),
    ("birth date", BIRTH, Word),
    ("birth_date", BIRTH, Prefix),
    ("birthdate", BIRTH, Prefix),
    ("born on", BIRTH, Word),
    ("born", BIRTH, Word),
    ("geburtsdatum", BIRTH, Word),
    ("geboren am", BIRTH, Word),
    ("geb. am", BIRTH, Word),
    ("geb.", BIRTH, Word),
    ("geboren", BIRTH, Word),
    ("date de naissance", BIRTH, Word),
    ("né le", BIRTH, Word),
    ("née le", BIRTH, Word),
    ("fecha de nacimiento", BIRTH, Word),
    ("nacido el", BIRTH, Word),
    ("nacida el", BIRTH, Word),
    ("data di nascita", BIRTH, Word),
    ("nato il", BIRTH, Word),
    ("nata il", BIRTH, Word),
    ("data de nascimento", BIRTH, Word),
    ("nascido em", BIRTH, Word),
    ("nascida em", BIRTH, Word),
    ("geboortedatum", BIRTH, Word),
    ("geboren op", BIRTH, Word),
    ("出生于", BIRTH, Free),
    ("出生於", BIRTH, Free),
    ("出生日期", BIRTH, Free),
    ("生年月日", BIRTH, Free),
    ("生まれ", BIRTH, Free),
    ("जन्म तिथि", BIRTH, Free),
    ("जन्मतिथि", BIRTH, Free),
    ("जन्म की तारीख", BIRTH, Free),
    ("जन्म", BIRTH, Free),
    ("생년월일", BIRTH, Free),
    // Pay words; compounds ("Jahresgehalt", "jaarbonus", "Bruttolohn") need `Free`.
    ("salary", SALARY, Prefix),
    ("salaries", SALARY, Word),
    ("wage", SALARY, Prefix),
    ("earns", SALARY, Word),
    ("earning", SALARY, Word),
    ("compensation", SALARY, Word),
    ("gross", SALARY | SALARY_NEXT, Word),
    ("bonus", SALARY, Free),
    ("gehalt", SALARY, Free),
    ("lohn", SALARY, Word),
    ("bruttolohn", SALARY, Prefix),
    ("brutto", SALARY | SALARY_NEXT, Prefix),
    ("verdient", SALARY, Word),
    ("salaire", SALARY, Prefix),
    ("rémunération", SALARY, Prefix),
    ("gagne", SALARY, Word),
    ("touche", SALARY, Word),
    ("brut", SALARY | SALARY_NEXT, Word),
    ("salario", SALARY, Prefix),
    ("sueldo", SALARY, Prefix),
    ("nómina", SALARY, Word),
    ("nóminas", SALARY, Word),
    ("cobra", SALARY, Word),
    ("gana", SALARY, Word),
    ("brutos", SALARY | SALARY_NEXT, Word),
    ("stipendio", SALARY, Prefix),
    ("busta paga", SALARY, Word),
    ("ral", SALARY, Word),
    ("retribuzione", SALARY, Prefix),
    ("guadagna", SALARY, Word),
    ("lordi", SALARY | SALARY_NEXT, Word),
    ("lordo", SALARY | SALARY_NEXT, Word),
    ("salário", SALARY, Prefix),
    ("ordenado", SALARY, Word),
    ("remuneração", SALARY, Word),
    ("ganha", SALARY, Word),
    ("bruto", SALARY | SALARY_NEXT, Word),
    ("salaris", SALARY, Free),
    ("loonstrook", SALARY, Word),
    ("年薪", SALARY, Free),
    ("月薪", SALARY, Free),
    ("工资", SALARY, Free),
    ("薪水", SALARY, Free),
    ("薪资", SALARY, Free),
    ("年终奖", SALARY, Free),
    ("奖金", SALARY, Free),
    ("年収", SALARY, Free),
    ("月収", SALARY, Free),
    ("月給", SALARY, Free),
    ("給与", SALARY, Free),
    ("給料", SALARY, Free),
    ("賞与", SALARY, Free),
    ("年俸", SALARY, Free),
    ("ボーナス", SALARY, Free),
    ("सैलरी", SALARY, Free),
    ("वेतन", SALARY, Free),
    ("तनख्वाह", SALARY, Free),
    ("तनख़्वाह", SALARY, Free),
    ("बोनस", SALARY, Free),
    ("सालाना", SALARY, Free),
    // Markings of confidential documents, by language.
    ("confidential", MARKING, Word),
    ("strictly confidential", MARKING, Word),
    ("company confidential", MARKING, Word),
    ("private and confidential", MARKING, Word),
    ("privileged and confidential", MARKING, Word),
    ("internal only", MARKING, Word),
    ("internal use only", MARKING, Word),
    ("for internal use only", MARKING, Word),
    ("do not distribute", MARKING, Word),
    ("do not forward", MARKING, Word),
    ("not for distribution", MARKING, Word),
    ("vertraulich", MARKING, Word),
    ("streng vertraulich", MARKING, Word),
    ("nur für den internen gebrauch", MARKING, Word),
    ("nur intern", MARKING, Word),
    ("nicht weitergeben", MARKING, Word),
    ("nicht weiterleiten", MARKING, Word),
    ("confidentiel", MARKING, Word),
    ("strictement confidentiel", MARKING, Word),
    ("diffusion restreinte", MARKING, Word),
    ("usage interne", MARKING, Word),
    ("ne pas diffuser", MARKING, Word),
    ("confidencial", MARKING, Word),
    ("estrictamente confidencial", MARKING, Word),
    ("uso interno", MARKING, Word),
    ("no distribuir", MARKING, Word),
    ("estritamente confidencial", MARKING, Word),
    ("não divulgar", MARKING, Word),
    ("não distribuir", MARKING, Word),
    ("riservato", MARKING, Word),
    ("strettamente riservato", MARKING, Word),
    ("riservata", MARKING, Word),
    ("confidenziale", MARKING, Word),
    ("non divulgare", MARKING, Word),
    ("vertrouwelijk", MARKING, Word),
    ("strikt vertrouwelijk", MARKING, Word),
    ("intern gebruik", MARKING, Word),
    ("niet doorsturen", MARKING, Word),
    ("niet verspreiden", MARKING, Word),
    ("社外秘", MARKING, Free),
    ("部外秘", MARKING, Free),
    ("極秘", MARKING, Free),
    ("取扱注意", MARKING, Free),
    ("関係者外秘", MARKING, Free),
    ("社内限り", MARKING, Free),
    ("機密", MARKING, Free),
    ("内部资料", MARKING, Free),
    ("内部文件", MARKING, Free),
    ("严禁外传", MARKING, Free),
    ("不得外传", MARKING, Free),
    ("机密", MARKING, Free),
    ("绝密", MARKING, Free),
    ("गोपनीय", MARKING, Free),
    // Bank accounts: account words, bank words, bank-code words.
    ("acct", ACCOUNT | NOT_PHONE, Word),
    ("a/c", ACCOUNT | NOT_PHONE, Word),
    ("konto", ACCOUNT | NOT_PHONE, Word),
    ("kontonummer", ACCOUNT | BANK | NOT_PHONE, Prefix),
    ("kto", ACCOUNT | NOT_PHONE, Word),
    ("compte", ACCOUNT, Word),
    ("cuenta", ACCOUNT, Word),
    ("conto", ACCOUNT, Word),
    ("c/c", ACCOUNT | BANK, Word),
    ("conta", ACCOUNT, Word),
    ("rekening", ACCOUNT, Word),
    ("rekeningnummer", ACCOUNT | BANK | NOT_PHONE, Prefix),
    ("口座番号", ACCOUNT | BANK | NOT_PHONE, Free),
    ("口座", ACCOUNT | BANK, Free),
    ("账号", ACCOUNT, Free),
    ("账户", ACCOUNT, Free),
    ("卡号", ACCOUNT, Free),
    ("银行卡", ACCOUNT | BANK, Free),
    ("खाता", ACCOUNT, Free),
    ("अकाउंट", ACCOUNT, Free),
    ("bank", BANK, Prefix),
    ("banque", BANK, Prefix),
    ("banco", BANK, Prefix),
    ("banca", BANK, Word),
    ("sparkasse", BANK, Free),
    ("volksbank", BANK, Free),
    ("checking", BANK, Word),
    ("savings", BANK, Word),
    ("corrente", BANK, Word),
    ("corriente", BANK, Word),
    ("swift", BANK, Word),
    ("bic", BANK, Word),
    ("rib", BANK, Word),
    ("銀行", BANK, Free),
    ("支店", BANK, Free),
    ("银行", BANK, Free),
    ("开户行", BANK, Free),
    ("支行", BANK, Free),
    ("बैंक", BANK, Free),
    ("routing", BANK_CODE | NOT_PHONE, Word),
    ("aba", BANK_CODE | NOT_PHONE, Word),
    ("rtn", BANK_CODE | NOT_PHONE, Word),
    ("sort code", BANK_CODE | NOT_PHONE, Word),
    ("sort-code", BANK_CODE | NOT_PHONE, Word),
    ("sortcode", BANK_CODE | NOT_PHONE, Word),
    ("ifsc", BANK_CODE, Word),
    ("blz", BANK_CODE | NOT_PHONE, Word),
    ("bankleitzahl", BANK_CODE | NOT_PHONE, Word),
    ("agência", BANK_CODE | NOT_PHONE, Word),
    ("agencia", BANK_CODE | NOT_PHONE, Word),
    ("ag.", BANK_CODE, Word),
    // A person's health, by language.
    ("diagnosed", HEALTH, Word),
    ("diagnosis", HEALTH, Word),
    ("cancer", HEALTH, Word),
    ("chemotherapy", HEALTH, Word),
    ("chemo", HEALTH, Word),
    ("tumour", HEALTH, Word),
    ("tumor", HEALTH, Word),
    ("diabetes", HEALTH, Word),
    ("diabetic", HEALTH, Word),
    ("hepatitis", HEALTH, Word),
    ("hiv", HEALTH, Word),
    ("epilepsy", HEALTH, Word),
    ("epileptic", HEALTH, Word),
    ("depression", HEALTH, Word),
    ("bipolar", HEALTH, Word),
    ("schizophrenia", HEALTH, Word),
    ("dementia", HEALTH, Word),
    ("alzheimer's", HEALTH, Word),
    ("parkinson's", HEALTH, Word),
    ("multiple sclerosis", HEALTH, Word),
    ("pregnant", HEALTH, Word),
    ("pregnancy", HEALTH, Word),
    ("miscarriage", HEALTH, Word),
    ("herniated disc", HEALTH, Word),
    ("sick note", HEALTH, Word),
    ("sick leave", HEALTH, Word),
    ("psychiatric", HEALTH, Word),
    ("antidepressants", HEALTH, Word),
    ("insulin", HEALTH, Word),
    ("dialysis", HEALTH, Word),
    ("cirrhosis", HEALTH, Word),
    ("anorexia", HEALTH, Word),
    ("bulimia", HEALTH, Word),
    ("burnout", HEALTH, Word),
    ("burn-out", HEALTH, Word),
    ("hospitalised", HEALTH, Word),
    ("hospitalized", HEALTH, Word),
    ("diagnostiziert", HEALTH, Word),
    ("krebs", HEALTH, Word),
    ("chemotherapie", HEALTH, Word),
    ("epilepsie", HEALTH, Word),
    ("depressionen", HEALTH, Word),
    ("schwanger", HEALTH, Word),
    ("schwangerschaft", HEALTH, Word),
    ("fehlgeburt", HEALTH, Word),
    ("bandscheibenvorfall", HEALTH, Word),
    ("krankgeschrieben", HEALTH, Word),
    ("krankschreibung", HEALTH, Word),
    ("arbeitsunfähigkeitsbescheinigung", HEALTH, Word),
    ("demenz", HEALTH, Word),
    ("dialyse", HEALTH, Word),
    ("diagnostiqué", HEALTH, Word),
    ("diagnostiquée", HEALTH, Word),
    ("chimiothérapie", HEALTH, Word),
    ("chimio", HEALTH, Word),
    ("diabète", HEALTH, Word),
    ("hépatite", HEALTH, Word),
    ("épilepsie", HEALTH, Word),
    ("dépression", HEALTH, Word),
    ("enceinte", HEALTH, Word),
    ("grossesse", HEALTH, Word),
    ("fausse couche", HEALTH, Word),
    ("hernie discale", HEALTH, Word),
    ("arrêt maladie", HEALTH, Word),
    ("démence", HEALTH, Word),
    ("insuline", HEALTH, Word),
    ("diagnosticado", HEALTH, Word),
    ("diagnosticada", HEALTH, Word),
    ("cáncer", HEALTH, Word),
    ("quimioterapia", HEALTH, Word),
    ("quimio", HEALTH, Word),
    ("epilepsia", HEALTH, Word),
    ("depresión", HEALTH, Word),
    ("embarazada", HEALTH, Word),
    ("embarazo", HEALTH, Word),
    ("aborto espontáneo", HEALTH, Word),
    ("hernia discal", HEALTH, Word),
    ("baja médica", HEALTH, Word),
    ("demencia", HEALTH, Word),
    ("insulina", HEALTH, Word),
    ("diálisis", HEALTH, Word),
    ("diagnosticato", HEALTH, Word),
    ("diagnosticata", HEALTH, Word),
    ("cancro", HEALTH, Word),
    ("tumore", HEALTH, Word),
    ("chemioterapia", HEALTH, Word),
    ("diabete", HEALTH, Word),
    ("epatite", HEALTH, Word),
    ("epilessia", HEALTH, Word),
    ("depressione", HEALTH, Word),
    ("incinta", HEALTH, Word),
    ("gravidanza", HEALTH, Word),
    ("aborto spontaneo", HEALTH, Word),
    ("ernia del disco", HEALTH, Word),
    ("certificato medico", HEALTH, Word),
    ("demenza", HEALTH, Word),
    ("dialisi", HEALTH, Word),
    ("câncer", HEALTH, Word),
    ("hepatite", HEALTH, Word),
    ("depressão", HEALTH, Word),
    ("grávida", HEALTH, Word),
    ("gravidez", HEALTH, Word),
    ("hérnia de disco", HEALTH, Word),
    ("atestado médico", HEALTH, Word),
    ("baixa médica", HEALTH, Word),
    ("demência", HEALTH, Word),
    ("diálise", HEALTH, Word),
    ("gediagnosticeerd", HEALTH, Word),
    ("kanker", HEALTH, Word),
    ("chemokuur", HEALTH, Word),
    ("suikerziekte", HEALTH, Word),
    ("depressie", HEALTH, Word),
    ("zwanger", HEALTH, Word),
    ("zwangerschap", HEALTH, Word),
    ("miskraam", HEALTH, Word),
    ("ziekgemeld", HEALTH, Word),
    ("dementie", HEALTH, Word),
    ("診断", HEALTH, Free),
    ("がん", HEALTH, Free),
    ("抗がん剤", HEALTH, Free),
    ("糖尿病", HEALTH, Free),
    ("肝炎", HEALTH, Free),
    ("てんかん", HEALTH, Free),
    ("うつ病", HEALTH, Free),
    ("妊娠", HEALTH, Free),
    ("流産", HEALTH, Free),
    ("ヘルニア", HEALTH, Free),
    ("休職", HEALTH, Free),
    ("認知症", HEALTH, Free),
    ("人工透析", HEALTH, Free),
    ("入院", HEALTH, Free),
    ("确诊", HEALTH, Free),
    ("诊断", HEALTH, Free),
    ("癌症", HEALTH, Free),
    ("化疗", HEALTH, Free),
    ("乙肝", HEALTH, Free),
    ("癫痫", HEALTH, Free),
    ("抑郁症", HEALTH, Free),
    ("怀孕", HEALTH, Free),
    ("流产", HEALTH, Free),
    ("椎间盘突出", HEALTH, Free),
    ("病假", HEALTH, Free),
    ("痴呆", HEALTH, Free),
    ("透析", HEALTH, Free),
    ("住院", HEALTH, Free),
    ("艾滋病", HEALTH, Free),
    ("निदान", HEALTH, Free),
    ("कैंसर", HEALTH, Free),
    ("कीमोथेरेपी", HEALTH, Free),
    ("डायबिटीज", HEALTH, Free),
    ("डायबिटीज़", HEALTH, Free),
    ("मधुमेह", HEALTH, Free),
    ("हेपेटाइटिस", HEALTH, Free),
    ("मिर्गी", HEALTH, Free),
    ("डिप्रेशन", HEALTH, Free),
    ("अवसाद", HEALTH, Free),
    ("गर्भवती", HEALTH, Free),
    ("प्रेगनेंट", HEALTH, Free),
    ("गर्भपात", HEALTH, Free),
    ("डायलिसिस", HEALTH, Free),
    // A person's criminal record, by language.
    ("convicted", CRIMINAL, Word),
    ("conviction", CRIMINAL, Word),
    ("convictions", CRIMINAL, Word),
    ("criminal record", CRIMINAL, Word),
    ("arrested", CRIMINAL, Word),
    ("pleaded guilty", CRIMINAL, Word),
    ("pled guilty", CRIMINAL, Word),
    ("suspended sentence", CRIMINAL, Word),
    ("prison sentence", CRIMINAL, Word),
    ("jail time", CRIMINAL, Word),
    ("served time", CRIMINAL, Word),
    ("on probation", CRIMINAL, Word),
    ("drink-driving", CRIMINAL, Word),
    ("drunk driving", CRIMINAL, Word),
    ("dui", CRIMINAL, Word),
    ("vorbestraft", CRIMINAL, Word),
    ("vorstrafe", CRIMINAL, Word),
    ("vorstrafen", CRIMINAL, Word),
    ("verurteilt", CRIMINAL, Word),
    ("bewährungsstrafe", CRIMINAL, Word),
    ("festgenommen", CRIMINAL, Word),
    ("verhaftet", CRIMINAL, Word),
    ("haftstrafe", CRIMINAL, Word),
    ("casier judiciaire", CRIMINAL, Word),
    ("condamné", CRIMINAL, Word),
    ("condamnée", CRIMINAL, Word),
    ("condamnation", CRIMINAL, Word),
    ("garde à vue", CRIMINAL, Word),
    ("avec sursis", CRIMINAL, Word),
    ("antecedentes penales", CRIMINAL, Word),
    ("condenado", CRIMINAL, Word),
    ("condenada", CRIMINAL, Word),
    ("detenido", CRIMINAL, Word),
    ("detenida", CRIMINAL, Word),
    ("arrestado", CRIMINAL, Word),
    ("arrestada", CRIMINAL, Word),
    ("libertad condicional", CRIMINAL, Word),
    ("precedenti penali", CRIMINAL, Word),
    ("fedina penale", CRIMINAL, Word),
    ("condannato", CRIMINAL, Word),
    ("condannata", CRIMINAL, Word),
    ("arrestato", CRIMINAL, Word),
    ("arrestata", CRIMINAL, Word),
    ("pregiudicato", CRIMINAL, Word),
    ("arresti domiciliari", CRIMINAL, Word),
    ("antecedentes criminais", CRIMINAL, Word),
    ("ficha criminal", CRIMINAL, Word),
    ("detido", CRIMINAL, Word),
    ("detida", CRIMINAL, Word),
    ("strafblad", CRIMINAL, Word),
    ("veroordeeld", CRIMINAL, Word),
    ("gearresteerd", CRIMINAL, Word),
    ("taakstraf", CRIMINAL, Word),
    ("voorwaardelijke straf", CRIMINAL, Word),
    ("前科", CRIMINAL, Free),
    ("罰金刑", CRIMINAL, Free),
    ("逮捕", CRIMINAL, Free),
    ("執行猶予", CRIMINAL, Free),
    ("有罪判決", CRIMINAL, Free),
    ("懲役", CRIMINAL, Free),
    ("犯罪记录", CRIMINAL, Free),
    ("判刑", CRIMINAL, Free),
    ("被捕", CRIMINAL, Free),
    ("拘留", CRIMINAL, Free),
    ("坐牢", CRIMINAL, Free),
    ("缓刑", CRIMINAL, Free),
    ("服刑", CRIMINAL, Free),
    ("आपराधिक रिकॉर्ड", CRIMINAL, Free),
    ("आपराधिक मामला", CRIMINAL, Free),
    ("गिरफ्तार", CRIMINAL, Free),
    ("authorization", AUTHORIZATION, Free),
    ("discord", VENDOR, Free),
    ("twilio", VENDOR, Free),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub class: u32,
}

/// The keyword hits of one text, sorted by start.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub hits: Vec<Hit>,
    /// Token prefixes found in the same pass: `(rule index, start, end)`.
    pub prefixes: Vec<(usize, usize, usize)>,
}

impl Context {
    /// Whether a keyword of `mask` ends at most `before` bytes ahead of `start` or begins at most
    /// `after` bytes past `end`.
    pub fn near(&self, start: usize, end: usize, mask: u32, before: usize, after: usize) -> bool {
        let lo = start.saturating_sub(before);
        let first = self.hits.partition_point(|h| h.end < lo);
        self.hits[first..]
            .iter()
            .take_while(|h| h.start <= end + after)
            .any(|h| h.class & mask != 0 && (h.end <= start || h.start >= end))
    }

    /// The usual window: the label sits before the value on the same line or just after it.
    pub fn around(&self, start: usize, end: usize, mask: u32) -> bool {
        self.near(start, end, mask, 64, 24)
    }
}

/// One pass over the text finds both the keywords above (ASCII case-insensitively) and the
/// token prefixes of [`secrets`] (case-sensitively, checked after the match): a second
/// automaton pass would cost as much again.
#[derive(Debug)]
pub(crate) struct ContextMatcher {
    automaton: Option<AhoCorasick>,
    /// Rule index of each prefix pattern, which follow the keywords in pattern order.
    prefix_rules: Vec<(usize, &'static str)>,
}

impl ContextMatcher {
    pub fn new() -> ContextMatcher {
        let prefix_rules: Vec<(usize, &'static str)> = secrets::common_prefixes().collect();
        let patterns = KEYWORDS
            .iter()
            .map(|k| k.0)
            .chain(prefix_rules.iter().map(|p| p.1));
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(patterns)
            .ok();
        ContextMatcher {
            automaton,
            prefix_rules,
        }
    }

    #[cfg(test)]
    pub fn is_built(&self) -> bool {
        self.automaton.is_some()
    }

    pub fn scan(&self, text: &str) -> Context {
        let Some(ac) = &self.automaton else {
            return Context::default();
        };
        let b = text.as_bytes();
        let mut ctx = Context::default();
        for m in ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let index = m.pattern().as_usize();
            let Some(&(_, class, bound)) = KEYWORDS.get(index) else {
                // A JWT typed or pasted in lower case keeps its shape; `secrets` decides.
                if let Some(&(rule, prefix)) = self.prefix_rules.get(index - KEYWORDS.len())
                    && (&b[s..e] == prefix.as_bytes()
                        || (prefix == "eyJ" && &b[s..e] == secrets::LOWERED_JWT))
                {
                    ctx.prefixes.push((rule, s, e));
                    // Mailgun's `key-` hides the keyword it starts with.
                    if prefix == "key-" {
                        ctx.hits.push(Hit {
                            start: s,
                            end: s + 3,
                            class: SECRET_KEY,
                        });
                    }
                }
                continue;
            };
            let (l, r) = (before(b, s, 1), at(b, e));
            let ok = match bound {
                // `VRING_CALL` is an identifier, not the word "call".
                Word => {
                    !(l.is_ascii_alphanumeric()
                        || l == b'_'
                        || r.is_ascii_alphanumeric()
                        || r == b'_')
                }
                // `user_phone` still labels a phone number.
                Prefix => !l.is_ascii_alphanumeric(),
                Free => true,
            };
            if ok {
                ctx.hits.push(Hit {
                    start: s,
                    end: e,
                    class,
                });
            }
        }
        ctx
    }
}
