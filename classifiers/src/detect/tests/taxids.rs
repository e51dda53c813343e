//! Indian PAN, Chilean RUT, Argentine CUIT/CUIL, Mexican CURP.

use super::super::FindingKind::NationalId;
use super::{clean, finds_detail, finds_each_at, lacks};

#[test]
fn indian_pan_by_holder_type_and_label() {
    finds_each_at(
        &[
            ("PAN – BKRPS7416M", "BKRPS7416M"),
            ("मेरा पैन नंबर AXKPB4817L है", "AXKPB4817L"),
        ],
        NationalId,
        "in_pan",
        0.92,
    );
    // A person's PAN (fourth letter P) without its label still reads as one.
    finds_each_at(
        &[("ITR ke liye BKRPS7416M diya", "BKRPS7416M")],
        NationalId,
        "in_pan",
        0.85,
    );
    // A company's PAN is a business ID: only after its label, below the decision line.
    let company = finds_detail(
        "Company PAN: AAECS4821M",
        NationalId,
        "AAECS4821M",
        "in_pan",
    );
    assert!(company.confidence < 0.8);
    for text in [
        "invoice ref AAECS4821M",
        "sample PAN: ABCDE1234F",
        "dummy rows: AAAPA0000A, BBBPB0000B",
        "PAN format is AAAAA9999A",
        "build id XKRPS7416MZ",
    ] {
        lacks(text, NationalId);
    }
}

#[test]
fn chilean_rut_needs_its_check_digit_and_dots_or_label() {
    finds_each_at(
        &[
            (
                "me piden el rut, es 16.482.937-5, con puntos?",
                "16.482.937-5",
            ),
            ("RUT: 16482937-5", "16482937-5"),
        ],
        NationalId,
        "cl_rut",
        0.95,
    );
    finds_each_at(
        &[
            ("titular 16.482.937-5", "16.482.937-5"),
            ("RUN 7.654.321-6", "7.654.321-6"),
        ],
        NationalId,
        "cl_rut",
        0.9,
    );
    for text in [
        "rut 16.482.937-4",
        "ticket 16482937-5",
        "Gehalt brutto 16482937-5",
        "RUT 12.345.678-5",
        "RUT 11.111.111-1",
    ] {
        lacks(text, NationalId);
    }
}

#[test]
fn argentine_cuit_of_a_person_not_a_company() {
    finds_each_at(
        &[
            ("mi CUIL es 20-31457862-8", "20-31457862-8"),
            ("CUIT 27285190431", "27285190431"),
        ],
        NationalId,
        "ar_cuit",
        0.95,
    );
    finds_each_at(
        &[("factura a 20-31457862-8", "20-31457862-8")],
        NationalId,
        "ar_cuit",
        0.9,
    );
    for text in [
        "CUIT de la empresa 30-71234567-1",
        "mi CUIL es 20-31457862-7",
        "pedido 20314578628",
    ] {
        lacks(text, NationalId);
    }
}

#[test]
fn mexican_curp_with_its_check_digit() {
    finds_each_at(
        &[("mi CURP es GOMR850412HDFNRS05", "GOMR850412HDFNRS05")],
        NationalId,
        "mx_curp",
        0.95,
    );
    // Beside its name, a check digit that fails is a mistyped CURP: at the decision line.
    finds_each_at(
        &[("mi CURP es GOMR850412HDFNRS06", "GOMR850412HDFNRS06")],
        NationalId,
        "mx_curp_unchecked",
        0.8,
    );
    for text in [
        "folio GOMR850412HDFNRS06",
        "ejemplo: HEGG560427MVZRRL04",
        "GOMR851312HDFNRS05",
    ] {
        clean(text);
    }
}
