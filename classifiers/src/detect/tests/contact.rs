//! Email addresses.

use super::super::FindingKind::Email;
use super::{clean, finds, finds_detail, finds_each_at, lacks};

#[test]
fn personal_addresses_in_several_languages() {
    // Two letters are somebody's initials as often as a desk's ("ap" for accounts payable).
    let f = finds_detail(
        "Send the invoice to ap@brightwaterlogistics.co.uk",
        Email,
        "ap@brightwaterlogistics.co.uk",
        "email",
    );
    assert!(f.confidence >= 0.8, "{f:?}");
    finds(
        "Email me at greta.lindqvist@posteo.de tomorrow.",
        Email,
        "greta.lindqvist@posteo.de",
    );
    finds(
        "Schreib mir an jonas.weber+rechnung@gmx.net, danke!",
        Email,
        "jonas.weber+rechnung@gmx.net",
    );
    finds(
        "Écrivez à camille_durand@orange.fr pour le devis.",
        Email,
        "camille_durand@orange.fr",
    );
    finds(
        "Mi correo es lucia.fernandez@telefonica.es.",
        Email,
        "lucia.fernandez@telefonica.es",
    );
    finds(
        "La mia email è g.bianchi@libero.it",
        Email,
        "g.bianchi@libero.it",
    );
    finds(
        "Mijn e-mail: pieter.devries@ziggo.nl",
        Email,
        "pieter.devries@ziggo.nl",
    );
    finds(
        "Meu e-mail é ana.souza@uol.com.br",
        Email,
        "ana.souza@uol.com.br",
    );
    finds(
        "メールはtanaka.hiroshi@docomo.ne.jpまで",
        Email,
        "tanaka.hiroshi@docomo.ne.jp",
    );
    finds(
        "मेरा ईमेल rahul.sharma@rediffmail.com है",
        Email,
        "rahul.sharma@rediffmail.com",
    );
    finds(
        "<a href=\"mailto:ops-oncall@corp.acme-internal.io\">",
        Email,
        "ops-oncall@corp.acme-internal.io",
    );
}

#[test]
fn latin_letters_belong_to_the_address() {
    finds(
        "Kontakt: jürgen.müller@müller-bau.de",
        Email,
        "jürgen.müller@müller-bau.de",
    );
}

#[test]
fn role_and_noreply_addresses_score_lower() {
    let role = finds_detail(
        "Write to support@acme-widgets.com",
        Email,
        "support@acme-widgets.com",
        "role_email",
    );
    assert!(role.confidence < 0.7);
    for (text, mailbox) in [
        ("mail sent to care@jio.com twice, no reply", "care@jio.com"),
        (
            "Kundenservice: kundenservice@telekom-shop.de",
            "kundenservice@telekom-shop.de",
        ),
        (
            "écrire à service.client@sncf-voyageurs.fr",
            "service.client@sncf-voyageurs.fr",
        ),
        (
            "CNPJ 27.481.936/0001-38 | contato@paodeouro.com.br",
            "contato@paodeouro.com.br",
        ),
        (
            "E-mail: comercial@serraazulatacado.com.br",
            "comercial@serraazulatacado.com.br",
        ),
        (
            "compta@menuiserie-delaunay.fr pour les factures",
            "compta@menuiserie-delaunay.fr",
        ),
        (
            "orcamentos@marcenariatresirmaos.com.br",
            "orcamentos@marcenariatresirmaos.com.br",
        ),
        (
            "Tel. 244 819 300 | geral@ceramicasdolis.pt",
            "geral@ceramicasdolis.pt",
        ),
        (
            "Facturen: crediteuren@korenschoof.nl",
            "crediteuren@korenschoof.nl",
        ),
        (
            "請求書送付先：keiri@minato-logi.co.jp",
            "keiri@minato-logi.co.jp",
        ),
        (
            "HARTLEY & NOOR DESIGN LTD\naccounts@hartleynoor.co.uk",
            "accounts@hartleynoor.co.uk",
        ),
        // A mailbox named after the company whose domain the letterhead's other address has.
        (
            "Tel. 051 601 4380 – info@cartotecnicaemiliana.it – PEC cartotecnicaemiliana@legalmail.it",
            "cartotecnicaemiliana@legalmail.it",
        ),
        (
            "Bestellungen bitte an einkauf@baeckerei-hohmann.de",
            "einkauf@baeckerei-hohmann.de",
        ),
        (
            "E-mail facturen: facturen@bakkerijvandongen.nl",
            "facturen@bakkerijvandongen.nl",
        ),
        (
            "accounts payable accountspayable@brightwaterlogistics.co.uk",
            "accountspayable@brightwaterlogistics.co.uk",
        ),
        (
            "営業部 受注センター　order@midori-sangyo.co.jp",
            "order@midori-sangyo.co.jp",
        ),
        // A mailbox named with a company's legal form: a certified (PEC) mailbox.
        (
            "tel. centralino 0444 581200 – PEC bortolottisnc@pec.it",
            "bortolottisnc@pec.it",
        ),
        (
            "Rechnungen an mueller.gmbh@t-online.de",
            "mueller.gmbh@t-online.de",
        ),
        // A clinic's front desk, an Italian shop's customer service.
        (
            "Main line (617) 742-0193\nfrontdesk@harbordentalgroup.com",
            "frontdesk@harbordentalgroup.com",
        ),
        (
            "numero verde 800 912 345 – assistenza@elettrocasa.it",
            "assistenza@elettrocasa.it",
        ),
        // Another desk of a domain that has a role mailbox.
        (
            "Lieferungen: lager@feldmann-roth.de, Rechnungsfragen an buchhaltung@feldmann-roth.de",
            "lager@feldmann-roth.de",
        ),
        (
            "ssh deploy@build-02.lagerwerk.net fails with exit 255",
            "deploy@build-02.lagerwerk.net",
        ),
    ] {
        let f = finds_detail(text, Email, mailbox, "role_email");
        assert!(f.confidence < 0.8, "{f:?}");
    }
    let noreply = finds("From: noreply@github.com", Email, "noreply@github.com");
    assert!(noreply.confidence <= 0.5);
    // A machine's mailbox: a no-reply domain or a bot's name.
    for (text, mailbox) in [
        (
            "Author: ci-bot <ci-bot@users.noreply.github.com>",
            "ci-bot@users.noreply.github.com",
        ),
        ("sent by deploy-bot@acme-corp.io", "deploy-bot@acme-corp.io"),
    ] {
        let f = finds_detail(text, Email, mailbox, "noreply_email");
        assert!(f.confidence < 0.8, "{f:?}");
    }
    // A person's mailbox beside their company's, and a short name that may be a person's.
    let f = finds(
        "info@studio-ferri.it, marco.ferri@gmail.com",
        Email,
        "marco.ferri@gmail.com",
    );
    assert!(f.confidence >= 0.9, "{f:?}");
    let f = finds("anna@gmail.com or info@anna.de", Email, "anna@gmail.com");
    assert!(f.confidence >= 0.9, "{f:?}");
    clean("systemd[1]: postgresql@16-main.service: Watchdog timeout");
    let talbot = finds("mail talbot@gmail.com", Email, "talbot@gmail.com");
    assert!(talbot.confidence >= 0.9);
    let personal = finds(
        "From: kim.park@fastmail.com",
        Email,
        "kim.park@fastmail.com",
    );
    assert!(personal.confidence >= 0.9);
}

#[test]
fn documentation_domains_and_placeholders_are_not_emails() {
    clean("Set `user@example.com` as the sender.");
    clean("admin@example.org, test@mail.example, bob@foo.test, a@b.invalid");
    clean("Sign up with you@yourcompany.com or name@domain.com.");
    clean("Schick es an max@beispiel.de");
    clean("Pour les urgences : achats@entreprise.fr ou pedidos@empresa.es");
}

#[test]
fn addresses_written_to_dodge_harvesters() {
    finds_each_at(
        &[
            (
                "dass sie mir direkt an friederike.holm (ät) web.de schreiben soll",
                "friederike.holm (ät) web.de",
            ),
            (
                "email me directly instead — it's dana dot whitcombe at proton dot me — and",
                "dana dot whitcombe at proton dot me",
            ),
            (
                "c'est  jb.marchal @ orange . fr (sans les espaces évidemment)",
                "jb.marchal @ orange . fr",
            ),
            (
                "1042;Van der Linden;Marloes;m.vanderlinden@@ziggo.nl;lid sinds 2019",
                "m.vanderlinden@@ziggo.nl",
            ),
            (
                "「ｋ－ｉｓｈｉｉ＿０７２１ あっと docomo.ne.jp」",
                "ｋ－ｉｓｈｉｉ＿０７２１ あっと docomo.ne.jp",
            ),
            (
                "mail kwame.boateng at gmail.com",
                "kwame.boateng at gmail.com",
            ),
        ],
        Email,
        "obfuscated_email",
        0.85,
    );
    // "at" in prose; a documentation domain.
    clean("look at github dot com for the docs");
    clean("we met at gmail.com's office and I work at gmail.com now");
    clean("write to jane (at) example.com");
}

#[test]
fn look_alikes_are_not_emails() {
    clean("git clone git@github.com:strata/gateway.git");
    clean("<img src=\"logo@2x.png\"> and icon@3x.webp");
    clean("Use the @Override annotation and @media queries; ping @alice on Slack.");
    clean("npm i @types/node@20.11.5");
    clean("Supported: chacha20-poly1305@openssh.com, aes256-gcm@openssh.com");
    clean("user@localhost");
}

#[test]
fn credentials_in_urls_are_not_emails() {
    lacks(
        "postgres://app_user:Xk9#mQ2vLp@db.internal.acme.io:5432/orders",
        Email,
    );
    lacks("https://deploy:Vq7kP2mxZ9@registry.acme.io/v2/", Email);
}
