//! Properties of the detector as a whole: metadata, ordering, spans, robustness.

use super::super::{Category, Detector, FindingKind};
use super::{Rng, detector, found};

#[test]
fn kind_metadata() {
    let tags: Vec<&str> = FindingKind::ALL
        .iter()
        .map(|k| k.placeholder_tag())
        .collect();
    assert_eq!(
        tags,
        [
            "EMAIL",
            "PHONE",
            "SSN",
            "CARD",
            "IBAN",
            "NATIONAL_ID",
            "PASSPORT",
            "MRZ",
            "API_KEY",
            "PRIVATE_KEY",
            "JWT",
            "PASSWORD",
            "CONNECTION_STRING",
            "SECRET",
            "DOB",
            "SALARY",
            "CONFIDENTIAL",
            "ADDRESS",
            "BANK_ACCOUNT",
            "HEALTH",
            "CRIMINAL_RECORD",
            "DISCIPLINARY",
            "DEBT"
        ]
    );
    for kind in FindingKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
    }
    assert_eq!(FindingKind::Email.category(), Category::Contact);
    assert_eq!(FindingKind::Mrz.category(), Category::GovernmentId);
    assert_eq!(FindingKind::Iban.category(), Category::Payment);
    assert_eq!(FindingKind::HighEntropySecret.category(), Category::Secret);
    assert_eq!(FindingKind::DateOfBirth.category(), Category::Personal);
    assert_eq!(FindingKind::Salary.category(), Category::Personal);
    assert_eq!(FindingKind::Confidential.category(), Category::Confidential);
    assert_eq!(FindingKind::Address.category(), Category::Contact);
    assert_eq!(FindingKind::BankAccount.category(), Category::Payment);
    assert_eq!(FindingKind::Health.category(), Category::Personal);
    assert_eq!(FindingKind::CriminalRecord.category(), Category::Personal);
    assert_eq!(FindingKind::Disciplinary.category(), Category::Personal);
    assert_eq!(FindingKind::Debt.category(), Category::Personal);
    // Only a marking stays behind its placeholder: the document under it is still confidential.
    let kept: Vec<FindingKind> = FindingKind::ALL
        .into_iter()
        .filter(|k| !k.redactable())
        .collect();
    assert_eq!(kept, [FindingKind::Confidential]);
    assert_eq!(
        serde_json::to_string(&Category::GovernmentId).unwrap(),
        "\"government_id\""
    );
}

#[test]
fn detector_is_shareable_and_fully_built() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Detector>();
    let d = Detector::default();
    assert!(d.context.is_built());
    assert!(d.prefixes.is_built());
    assert!(d.detect("").is_empty());
}

#[test]
fn finding_serializes_with_snake_case_kind() {
    let text = "mail greta.lindqvist@posteo.de";
    let f = &detector().detect(text)[0];
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["kind"], "email");
    assert_eq!(json["start"], 5);
    assert_eq!(json["end"], text.len());
    assert_eq!(json["detail"], "email");
}

const DOCUMENT: &str = "\
Hallo Team, anbei die Daten für das Onboarding von Greta Lindqvist (greta.lindqvist@posteo.de,
Handy 0171 4829365). IBAN: DE56 2268 9678 1380 4220 53, Steuer-ID 51462190313.
Paiement : carte 4968 8719 3932 5243 — numéro de sécurité sociale 1 85 05 78 006 084 91.
Pasaporte: PAA481927. 電話番号は090-4821-7395です。

```yaml
database:
  url: postgres://app_user:Xk9#mQ2vLp@db.internal.acme.io:5432/orders
  password: \"correct-Horse-42\"
github_token: ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1
```

Release 2.14.0 ships on 2024-06-14; see commit 6d58c3ee68140a1c9b4684ae673d710727561ddf and
ISBN 978-3-16-148410-0. Test with 4242 4242 4242 4242 and user@example.com.
";

#[test]
fn a_mixed_document() {
    let hits = found(DOCUMENT);
    let expected = [
        (FindingKind::Email, "greta.lindqvist@posteo.de"),
        (FindingKind::Phone, "0171 4829365"),
        (FindingKind::Iban, "DE56 2268 9678 1380 4220 53"),
        (FindingKind::NationalId, "51462190313"),
        (FindingKind::CreditCard, "4968 8719 3932 5243"),
        (FindingKind::NationalId, "1 85 05 78 006 084 91"),
        (FindingKind::Passport, "PAA481927"),
        (FindingKind::Phone, "090-4821-7395"),
        (
            FindingKind::ConnectionString,
            "postgres://app_user:Xk9#mQ2vLp@db.internal.acme.io:5432/orders",
        ),
        (FindingKind::Password, "correct-Horse-42"),
        (
            FindingKind::ApiKey,
            "ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1",
        ),
    ];
    assert_eq!(hits, expected);
}

#[test]
fn findings_are_sorted_disjoint_and_on_char_boundaries() {
    let text = DOCUMENT.repeat(3);
    let findings = detector().detect(&text);
    assert!(!findings.is_empty());
    for pair in findings.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{pair:?}");
    }
    for f in &findings {
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!((0.0..=1.0).contains(&f.confidence));
        assert!(!f.detail.is_empty());
    }
}

#[test]
fn arbitrary_input_never_panics_and_spans_stay_valid() {
    let alphabet =
        "0123456789 -./()+@:=_\"'\n<>#ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefxyzé電話€ßआ万元円$,";
    let mut rng = Rng(0xdecaf);
    for round in 0..400 {
        let len = 1 + rng.below(300) as usize;
        let mut text = rng.string(alphabet, len);
        if round % 4 == 0 {
            // Seed real formats so the deeper paths run on mangled input too.
            let seeds = [
                "4968 8719 3932 5243",
                "DE56 2268 9678 1380 4220 53",
                "password=",
                "eyJhbGciOiJIUzI1NiJ9.",
                "-----BEGIN RSA PRIVATE KEY-----",
                "postgres://a:b@",
                "P<D<<",
                ":AA",
                "+49 30 ",
                "Anna Weber earns $",
                "的李强目前年薪",
                "さんの月給は",
                "€115.000 lordi",
                "API-Schlüssel: ",
                "rzp_live_Kx82mQv4TzLp9R\", \"",
                "CONFIDENTIAL\n",
                "14 Rowan Crescent, Harrogate HG2 7QP",
                "Gneisenaustraße 41, 10961 ",
                "Drive, Columbus, OH 43215-",
                "徐汇区漕溪北路88号",
                "〒150-0041 ",
            ];
            let at = text
                .char_indices()
                .nth(rng.below(len as u64) as usize)
                .map_or(0, |(i, _)| i);
            text.insert_str(at, seeds[rng.below(seeds.len() as u64) as usize]);
        }
        let findings = detector().detect(&text);
        let mut last = 0;
        for f in &findings {
            assert!(
                f.start >= last && f.start < f.end && f.end <= text.len(),
                "{text:?}: {f:?}"
            );
            assert!(
                text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
                "{text:?}: {f:?}"
            );
            last = f.end;
        }
    }
}

#[test]
fn long_inputs_without_findings() {
    let prose = "The quick brown fox jumps over the lazy dog 1234 times in 2024. ".repeat(500);
    assert!(detector().detect(&prose).is_empty());
    let digits = "1".repeat(10_000);
    assert!(detector().detect(&digits).is_empty());
    let lts = "<".repeat(10_000);
    assert!(detector().detect(&lts).is_empty());
}

#[test]
fn many_findings_are_all_kept_in_order() {
    let line =
        "greta.lindqvist@posteo.de, card 4968 8719 3932 5243, IBAN DE56 2268 9678 1380 4220 53\n";
    let text = line.repeat(3000);
    let findings = detector().detect(&text);
    assert_eq!(findings.len(), 9000);
    assert!(findings.windows(2).all(|w| w[0].end <= w[1].start));
}
