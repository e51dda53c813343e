//! Loading ONNX Runtime: a missing or broken library is a clean error that says how to install
//! it, and a failed attempt does not spoil a later one. One test, because the library is loaded
//! once per process and the order matters.

use std::path::PathBuf;

use classifiers::{Classifier, ClassifierConfig, ClassifierError};

fn with_runtime(path: PathBuf) -> ClassifierConfig {
    ClassifierConfig {
        onnxruntime_path: Some(path),
        ..ClassifierConfig::default()
    }
}

#[test]
fn a_missing_runtime_is_a_helpful_error_and_the_real_one_loads() {
    let missing = PathBuf::from("/nonexistent/strata/libonnxruntime.so.1.31.1");
    let err = Classifier::new(with_runtime(missing)).expect_err("a missing library");
    assert!(
        matches!(err, ClassifierError::RuntimeNotFound { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    for needle in [
        "/nonexistent/strata",
        "pip install --no-deps onnxruntime==1.31.1",
        "ORT_DYLIB_PATH",
    ] {
        assert!(message.contains(needle), "{needle:?} not in {message:?}");
    }

    let not_a_library = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
    let err = Classifier::new(with_runtime(not_a_library)).expect_err("not a library");
    assert!(
        matches!(err, ClassifierError::RuntimeLoad { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("Cargo.toml"), "{err}");

    let classifier = Classifier::new(ClassifierConfig::default()).expect("the installed runtime");
    let loaded = classifiers::loaded_runtime_path().expect("loaded");
    assert!(
        loaded.ends_with("onnxruntime/capi/libonnxruntime.so.1.31.1"),
        "{}",
        loaded.display()
    );
    assert!(classifier.classify_text("hi").is_ok());

    // Once loaded, a configured path must still exist.
    let err = Classifier::new(with_runtime(PathBuf::from(
        "/nonexistent/libonnxruntime.so",
    )))
    .expect_err("a missing library");
    assert!(
        matches!(err, ClassifierError::RuntimeNotFound { .. }),
        "{err:?}"
    );
}
