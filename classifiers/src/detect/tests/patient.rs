//! A patient's record pasted with its header.

use super::super::FindingKind::Health;
use super::{finds_each_at, lacks};

#[test]
fn the_name_on_a_records_header() {
    let cases = [
        (
            "¿Qué significa el PSA alto?\n\nLABORATORIO CENTRAL\nPaciente: GARRIDO SOLER, MANUEL JESÚS\nNHC: 0371842 · Sexo: V · Edad: 64 años\nPSA total 9,8 ng/mL",
            "GARRIDO SOLER, MANUEL JESÚS",
        ),
        (
            "Patient Name : Mrs. KAMALA NAIR\nAge/Sex      : 58 Y / F\nRef. By      : Dr. Iyer",
            "KAMALA NAIR",
        ),
        (
            "检验报告单\n姓名：邵春梅        性别：女     年龄：61岁\n科室：心内科",
            "邵春梅",
        ),
        (
            "人間ドック 結果報告書\n受診者氏名：岡本 由美子 様\n生年月日：昭和31年2月14日",
            "岡本 由美子",
        ),
        (
            "मरीज़ का नाम: श्रीमती सरला द्विवेदी\nउम्र/लिंग: 70 वर्ष / महिला",
            "सरला द्विवेदी",
        ),
        (
            "Patient: Henrik Aalto | DOB 12/03/1961 | Ward 7\nPlan: review bloods",
            "Henrik Aalto",
        ),
        // care homes and day care speak of clients
        (
            "Cliënt: Johan Smits (71). Diagnose: ziekte van Parkinson sinds 2018.",
            "Johan Smits",
        ),
        (
            "Klientin: Erna Hofbauer\nAlter: 84\nPflegegrad 3, Sturzgefahr",
            "Erna Hofbauer",
        ),
    ];
    finds_each_at(&cases, Health, "patient_record", 0.85);
}

#[test]
fn forms_templates_and_samples_are_no_record() {
    for text in [
        // a template's blanks
        "Patient: [name]\nAge: __\nDiagnosis: ______",
        "姓名：______  性别：__  年龄：__\n诊断：",
        // a name and an age are a form, not a health record
        "Name: Anna Schmidt\nAge: 34\nHobbies: tennis, chess",
        "用户表：姓名：王小明 年龄：25 爱好：篮球",
        // made-up data and placeholder names
        "Sample lab report for training. Patient: Jane Roe, Age 40, HbA1c 6.1%",
        "Patient: John Doe\nAge: 45\nDiagnosis: flu",
        // labels inside other words and keys
        "Filename: Annual Report\nAge: 3 days\nDiagnosis: n/a",
        "{\"name\": \"Ward Cunningham\", \"age\": 70}",
        // a client's file without a record field
        "Cliënt: Bakkerij De Graaf BV\nOfferte: 12 taarten",
    ] {
        lacks(text, Health);
    }
}
