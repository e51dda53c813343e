//! Every shipped example configuration validates (with stand-in keys), so the examples cannot
//! drift from the configuration format.

use std::path::Path;

use strata_gateway::Config;

#[test]
fn every_example_config_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            let cfg = Config::from_toml(&text, &name, &|k| Ok(format!("stand-in-{k}")))
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(!cfg.models.is_empty(), "{name} defines no model");
            seen += 1;
        }
    }
    assert!(
        seen >= 3,
        "expected at least three example configs, found {seen}"
    );
}

/// Non-empty, non-comment lines of the rules, with `[[rules]]` spelled as in a gateway config.
fn rule_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("[[rules]]", "[[policy.rules]]"))
        .collect()
}

#[test]
fn the_example_default_policy_is_the_embedded_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/policy-default.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("[[policy.rules]]").unwrap();
    assert_eq!(
        rule_lines(&text[start..]),
        rule_lines(policies::DEFAULT_RULES),
        "examples/policy-default.toml and policies/src/default-rules.toml differ"
    );
}
