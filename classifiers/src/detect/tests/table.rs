//! Tables of people with their pay, diagnosis, date of birth or phone number.

use super::super::FindingKind::{DateOfBirth, Health, Phone, Salary};
use super::{found, lacks};

/// The values of `kind` found in `text`, in order.
fn values(text: &str, kind: super::super::FindingKind) -> Vec<&str> {
    found(text)
        .into_iter()
        .filter(|&(k, _)| k == kind)
        .map(|(_, v)| v)
        .collect()
}

#[test]
fn pay_column_of_a_csv_table() {
    let text = "帮我按部门算一下平均工资\n\n姓名,部门,岗位,月薪(元),绩效\n周晓明,研发部,高级工程师,28500,A\n\
                吴婷,研发部,测试工程师,16800,B\n\n另外帮我排序";
    assert_eq!(values(text, Salary), ["28500", "16800"]);
}

#[test]
fn each_kind_of_column_in_each_layout() {
    let tsv = "Name\tTeam\tSalary (EUR)\tDate of birth\nLena Vogt\tOps\t61,000\t1988-04-17\n\
               Omar Haddad\tData\t72,500\t1991-11-02\n";
    assert_eq!(values(tsv, Salary), ["61,000", "72,500"]);
    assert_eq!(values(tsv, DateOfBirth), ["1988-04-17", "1991-11-02"]);

    let markdown = "Résume ce tableau :\n\n| Nom | Service | Diagnostic |\n|---|---|---|\n\
                    | Claire Marchand | Cardio | insuffisance cardiaque |\n\
                    | Hugo Lefèvre | Pneumo | BPCO stade 2 |\n\nMerci";
    assert_eq!(
        values(markdown, Health),
        ["insuffisance cardiaque", "BPCO stade 2"]
    );

    let semicolons = "nome;cognome;RAL\nGiulia;Ferri;\"41.500\"\nLuca;Bassi;38.200\n";
    assert_eq!(values(semicolons, Salary), ["41.500", "38.200"]);
}

#[test]
fn phone_column_of_a_table_of_people() {
    let csv = "下面是我们门店的VIP客户名单\n\n姓名,手机号,累计消费(元)\n赵丽君,13816274093,18650\n\
               孙浩然,15921738460,9420\n";
    assert_eq!(values(csv, Phone), ["13816274093", "15921738460"]);
    let dutch = "naam;telefoon;stad\nAnna Berg;0612345678;Utrecht\nJoris Smit;06-48213377;Delft\n";
    assert_eq!(values(dutch, Phone), ["0612345678", "06-48213377"]);
    let records = "[{\"name\": \"Lena Vogt\", \"phone\": \"0171 2345678\"}]";
    assert_eq!(values(records, Phone), ["0171 2345678"]);
    for text in [
        // placeholders, invented data, product tables, blanks
        "name,phone\nAnna Berg,+1 415 555 0134\n",
        "Sample data:\nname,phone\nAnna Berg,0612345678\n",
        "Name,Phone model,Price\nPixel Pro,8,899\n",
        "name,phone\nAnna Berg,n/a\nJoris Smit,ask reception\n",
    ] {
        assert!(values(text, Phone).is_empty(), "{text}");
    }
}

#[test]
fn json_records_of_people() {
    let one_line = "Calcule l'écart :\n[\n  {\"nom\": \"Perrin\", \"prenom\": \"Claire\", \"naissance\": \"1986-04-17\", \"brut_annuel\": 42600},\n  {\"nom\": \"Gautier\", \"prenom\": \"Anton\", \"naissance\": \"1988-11-02\", \"brut_annuel\": 46800}\n]";
    assert_eq!(values(one_line, Salary), ["42600", "46800"]);
    assert_eq!(values(one_line, DateOfBirth), ["1986-04-17", "1988-11-02"]);

    let pretty = "{\n  \"employees\": [\n    {\n      \"name\": \"河野 雅史\",\n      \"annual_salary\": 7350000,\n      \"diagnosis\": \"適応障害\"\n    }\n  ]\n}";
    assert_eq!(values(pretty, Salary), ["7350000"]);
    assert_eq!(values(pretty, Health), ["適応障害"]);
}

#[test]
fn records_that_are_not_people_or_not_real() {
    for text in [
        "{\"name\": \"api-gateway\", \"replicas\": 3, \"salary_budget\": 1200000}",
        "{\"product\": \"Desk lamp\", \"price\": 39.90}",
        "Sample fixture: {\"name\": \"Alice Brown\", \"salary\": 52000}",
        "{\"name\": \"John Doe\", \"salary\": 52000}",
        "fn main() { let salary = 52000; println!(\"{salary}\"); }",
    ] {
        lacks(text, Salary);
    }
}

#[test]
fn tables_that_name_nobody_or_say_they_are_invented() {
    for text in [
        // no name column
        "region,quarter,salary_budget\nNorth,Q1,1200000\nSouth,Q1,980000\n",
        // no value column
        "name,team,city\nLena Vogt,Ops,Berlin\nOmar Haddad,Data,Hamburg\n",
        // product tables
        "Name,Price,Stock\nDesk lamp,39.90,120\nOffice chair,189.00,14\n",
        // invented
        "Here is some dummy data for my SQL exercise:\nname,salary\nAlice Brown,52000\nBob Green,61000\n",
        "Erzeuge Testdaten wie diese:\nName;Gehalt\nJonas Weber;4200\n",
        "名前,年収\n山田太郎,5200000\n",
        // blanks and dashes
        "name,diagnosis\nLena Vogt,-\nOmar Haddad,none\n",
        // a header without rows
        "name,salary\n\nThat is the header of my sheet, which formula sums the second column?",
    ] {
        lacks(text, Salary);
        lacks(text, Health);
        lacks(text, DateOfBirth);
    }
}
