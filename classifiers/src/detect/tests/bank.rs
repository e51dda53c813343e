//! Bank account numbers outside an IBAN, and the bank codes written with them.

use super::super::FindingKind::BankAccount;
use super::{finds, finds_detail, lacks};

#[test]
fn account_numbers_with_a_bank_around_them() {
    for (text, account, conf) in [
        (
            "Reminder for James Ramirez: call the bank about account 3220572983 (routing 065433337).",
            "3220572983",
            0.9,
        ),
        (
            "Rent goes to Leah Morton, sort code 20-45-77, account number 63849102, ref MAY.",
            "63849102",
            0.9,
        ),
        (
            "Rohit Sharma ka account number 50100234567812 hai, IFSC HDFC0001234, transfer kar do",
            "50100234567812",
            0.9,
        ),
        (
            "Bitte überweisen an Kontonummer 4012839500, BLZ 430 609 67, Empfänger J. Brandt",
            "4012839500",
            0.9,
        ),
        (
            "Dados: Banco do Brasil, agência 3391-7, conta corrente 56789-0, favorecida Ana Souza",
            "56789-0",
            0.9,
        ),
        (
            "振込先：みずほ銀行 渋谷支店 普通 口座番号 4829173 名義 タナカ ハナコ",
            "4829173",
            0.85,
        ),
        (
            "pay by bank transfer to K. Mensah, Monzo, sort code 04-00-04, acc 71530482",
            "71530482",
            0.9,
        ),
        (
            "Banco: Banorte | Titular: Rosa Quintero | CLABE: 072180004619372588",
            "072180004619372588",
            0.85,
        ),
        (
            "振込先 りそな銀行 京都支店 普通 3817264 ヤマシタ ケンジ",
            "3817264",
            0.85,
        ),
        (
            "工资卡开户行：招商银行深圳科技园支行，账号：7559 2801 3647",
            "7559 2801 3647",
            0.85,
        ),
        (
            "मेरा बैंक खाता संख्या 3920 1847 5566 है, इसमें पैसे भेज दो",
            "3920 1847 5566",
            0.85,
        ),
        // Chinese banks' 19 digits, an Italian branch before its account
        (
            "开户行：中国工商银行杭州西湖支行\n账号：1202 0212 0900 5837 461",
            "1202 0212 0900 5837 461",
            0.85,
        ),
        (
            "Banca: Intesa Sanpaolo\nConto corrente n. 1000/00040218763",
            "1000/00040218763",
            0.85,
        ),
    ] {
        let f = finds_detail(text, BankAccount, account, "account_number");
        assert!((f.confidence - conf).abs() < f32::EPSILON, "{text}: {f:?}");
    }
}

#[test]
fn bank_codes_go_with_their_account() {
    let text =
        "Reminder for James Ramirez: call the bank about account 3220572983 (routing 065433337).";
    finds_detail(text, BankAccount, "065433337", "routing_number");
    let text = "Rent goes to Leah Morton, sort code 20-45-77, account number 63849102, ref MAY.";
    finds_detail(text, BankAccount, "20-45-77", "sort_code");
    let text =
        "Rohit Sharma ka account number 50100234567812 hai, IFSC HDFC0001234, transfer kar do";
    finds_detail(text, BankAccount, "HDFC0001234", "ifsc");
    let text = "Bitte überweisen an Kontonummer 4012839500, BLZ 430 609 67, Empfänger J. Brandt";
    finds(text, BankAccount, "430 609 67");
    let text =
        "Dados: Banco do Brasil, agência 3391-7, conta corrente 56789-0, favorecida Ana Souza";
    finds(text, BankAccount, "3391-7");
    // A French RIB: bank and branch codes, an account number holding a letter, its key.
    let text = "Titulaire : M. Quentin Marchal\nCode banque 20041 – Code guichet 01005 – N° de compte 0418276K022 – Clé RIB 37";
    finds_detail(text, BankAccount, "0418276K022", "account_number");
    finds_detail(text, BankAccount, "20041", "code_banque");
    finds_detail(text, BankAccount, "01005", "code_guichet");
    finds_detail(text, BankAccount, "37", "cle_rib");
    // "sort" without its noun; Austria's five-digit BLZ and an account grouped by dots; a
    // Spanish account's bank; Portugal's 21-digit NIB.
    let text = "texted me \"sort 40-11-62 acc no 71839204 name J R Okonkwo, no rush\"";
    finds_detail(text, BankAccount, "40-11-62", "sort_code");
    finds_detail(text, BankAccount, "71839204", "account_number");
    let text = "\"Kto 1.276.904, BLZ 20111, Erste Bank, lautend auf Josef Hinterberger\"";
    finds_detail(text, BankAccount, "1.276.904", "account_number");
    finds_detail(text, BankAccount, "20111", "blz");
    let text = "Entidad 2100   Oficina 3927   D.C. 61   Nº cuenta 0201574328";
    finds_detail(text, BankAccount, "2100", "es_entidad");
    finds_detail(text, BankAccount, "0201574328", "account_number");
    let text = "op rekening 38.72.91.456 bij de Rabobank Westland";
    finds_detail(text, BankAccount, "38.72.91.456", "account_number");
    let text = "Banca: Credem\nABI 03032 – CAB 12800\nC/C n. 010000004715\nCIN: M\nIntestatario: Alessio Ferraris";
    finds_detail(text, BankAccount, "03032", "it_abi");
    finds_detail(text, BankAccount, "12800", "it_cab");
    let text = "O meu NIB é 0033 0000 45218739061 05, titular Joana Ribeiro Pires.";
    finds_detail(
        text,
        BankAccount,
        "0033 0000 45218739061 05",
        "account_number",
    );
    // An account type with a routing number beside it.
    let text = "Direct deposit: routing 041000124 / checking 7310 2294 6615";
    finds_detail(text, BankAccount, "7310 2294 6615", "account_number");
    finds_detail(text, BankAccount, "041000124", "routing_number");
}

#[test]
fn a_companys_or_a_samples_account_is_below_the_line() {
    // An invoice's footer with the company's register or tax number.
    for (text, value) in [
        (
            "Pay to: Brightwater Tiles Ltd, Lloyds Bank\nSort code 30-94-57  Account no. 61308842\nVAT Reg. GB 284 6617 02",
            "61308842",
        ),
        (
            "Favorecido: Escola Speak Up Idiomas Ltda\nBanco Bradesco (237) – Ag. 3114 – C/C 0048273-5\nChave PIX (CNPJ): 31.582.604/0001-09",
            "0048273-5",
        ),
        (
            "l'esempio che c'è su tutti i siti delle banche: ABI 05428, CAB 11101 e conto 000000123456",
            "000000123456",
        ),
    ] {
        let f = finds(text, BankAccount, value);
        assert!(f.confidence < 0.8, "{text}: {f:?}");
    }
    // The writer's own account beside a company's details, or a legal form that names the
    // bank or the client: a person's.
    for (text, value) in [
        (
            "Bitte an mein Konto 4012839500 bei der Sparkasse, BLZ 430 609 67 überweisen. Handelsregister HRB 1234 steht unten.",
            "4012839500",
        ),
        (
            "Payee: Marcus T. Whitfield\nBank: Wells Fargo Bank, N.A.\nABA routing: 121000248\nAccount (checking): 7820419356",
            "7820419356",
        ),
    ] {
        let f = finds(text, BankAccount, value);
        assert!(f.confidence >= 0.8, "{text}: {f:?}");
    }
}

#[test]
fn accounts_without_a_bank_and_codes_without_an_account() {
    for text in [
        // other kinds of account
        "AWS account 480213579146 hosts the staging bucket; why is the policy denied?",
        "customer account 88213409 - my internet has been down since Monday, write a complaint",
        "the account has 3 users and 2 admins",
        "Transfer 2500 from my savings account to checking.",
        // a date after the account word is no branch and account
        "conto corrente aperto il 12/05/2024 in banca",
        // an account type with no bank code: people check many numbers
        "still checking 1500000 rows against the bank export, takes ages",
        // samples
        "My bank account number is 12345678, is that a valid format?",
        "Bank account: 00000000 (placeholder for the form)",
        // a bill's account, and a bank-code word with no code
        "A conta da Sabesp é a nº 202503-44718. Dá pra pedir revisão ou tenho que ir na agência?",
        // ordinary words and balances
        "普通の銀行口座と比べて、ネット銀行の金利は普通 0.02% くらい？",
        "ゆうちょ銀行の普通預金に 1500000円 あるけど、定期に移すべき？",
        // an amount grouped by dots, and "sort" before a word
        "Saldo na conta: 1.250,00 no banco",
        "sort 12 accounts by bank name",
        // a French account number with a letter needs its bank codes beside it
        "Mon compte 0418276K022 chez Free Mobile, la facture est fausse",
        // a bank code alone names a branch, not a person
        "Which routing number is on a cheque, 021000021? And where is the account number?",
        "Is IFSC HDFC0001234 the Bandra branch?",
        // a routing number with a bad check digit is not one
        "bank wire: account 3220572983, routing 123456789",
    ] {
        if text.contains("routing 123456789") {
            lacks_code(text);
            continue;
        }
        lacks(text, BankAccount);
    }
}

/// Only the account is found: the routing number fails its check.
#[track_caller]
fn lacks_code(text: &str) {
    let f = finds(text, BankAccount, "3220572983");
    assert!((f.confidence - 0.85).abs() < f32::EPSILON, "{f:?}");
    let all = super::detector().detect(text);
    assert!(
        !all.iter().any(|f| &text[f.start..f.end] == "123456789"),
        "{all:?}"
    );
}
