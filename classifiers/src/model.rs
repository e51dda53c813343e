//! The ONNX model (`FEATURES.md` §7) on ONNX Runtime, which is loaded from the shared library
//! of the `onnxruntime` Python wheel at run time rather than linked, so the build needs no
//! native toolchain and no download.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use ort::environment::Environment;
use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::TensorRef;

use crate::ClassifierError;
use crate::features::{DENSE_DIM, Rows};

/// The ONNX Runtime release the crate is built against (`ort`'s `api-31`), pinned in
/// `classifiers/runtime-requirements.txt`.
pub const ONNXRUNTIME_VERSION: &str = "1.31.1";

/// The wheel's library name; the wheel ships only the versioned name.
#[cfg(target_os = "linux")]
const LIBRARY_NAME: &str = "libonnxruntime.so.1.31.1";
#[cfg(target_os = "macos")]
const LIBRARY_NAME: &str = "libonnxruntime.1.31.1.dylib";
#[cfg(windows)]
const LIBRARY_NAME: &str = "onnxruntime.dll";
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
const LIBRARY_NAME: &str = "libonnxruntime.so.1.31.1";

const INPUTS: [&str; 3] = ["idx", "val", "dense"];
const OUTPUT: &str = "scores";
const OUTPUTS: usize = 3;

/// How to get the library, for every "not found" error.
const INSTALL_HINT: &str = "install it into the repository's virtualenv with \
     `.venv/bin/python -m pip install --no-deps onnxruntime==1.31.1` \
     (or run `bash scripts/setup-python.sh`), or set ORT_DYLIB_PATH to the library file";

/// The process-wide ONNX Runtime: the library can be loaded once per process and `ort` allows
/// one environment per process, so every classifier shares this.
#[derive(Debug)]
struct Runtime {
    environment: Environment,
    path: PathBuf,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();
/// Serialises first-time loading; `OnceLock::get_or_try_init` is not stable.
static RUNTIME_INIT: Mutex<()> = Mutex::new(());

/// The library file to load: `explicit`, else `ORT_DYLIB_PATH`, else the first `onnxruntime`
/// wheel found in the usual Python locations.
pub(crate) fn locate_runtime(explicit: Option<&Path>) -> Result<PathBuf, ClassifierError> {
    if let Some(path) = explicit {
        return existing(path, "the configured onnxruntime path");
    }
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        return existing(Path::new(&path), "ORT_DYLIB_PATH");
    }
    let candidates = candidate_paths();
    match candidates.iter().find(|p| p.is_file()) {
        Some(found) => Ok(found.clone()),
        None => Err(ClassifierError::RuntimeNotFound {
            detail: format!(
                "{LIBRARY_NAME} (ONNX Runtime {ONNXRUNTIME_VERSION}) is in none of: {}",
                join_paths(&candidates)
            ),
            hint: INSTALL_HINT,
        }),
    }
}

fn existing(path: &Path, source: &str) -> Result<PathBuf, ClassifierError> {
    if path.is_file() {
        Ok(path.to_path_buf())
    } else {
        Err(ClassifierError::RuntimeNotFound {
            detail: format!("{source} names {}, which is not a file", path.display()),
            hint: INSTALL_HINT,
        })
    }
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a pip install of the wheel puts the library, most specific environment first.
fn candidate_paths() -> Vec<PathBuf> {
    let mut site_dirs: Vec<PathBuf> = Vec::new();
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV").filter(|p| !p.is_empty()) {
        site_dirs.extend(venv_site_packages(Path::new(&venv)));
    }
    // The repository's .venv: binaries live in target/<profile>/ and test binaries in
    // target/<profile>/deps/, and tests run from the crate's directory, so look upwards from
    // both the executable and the working directory.
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        roots.extend(exe_dir.ancestors().map(Path::to_path_buf));
    }
    if let Ok(cwd) = std::env::current_dir() {
        roots.extend(cwd.ancestors().map(Path::to_path_buf));
    }
    let mut seen_roots: Vec<PathBuf> = Vec::new();
    for root in roots {
        if !seen_roots.contains(&root) {
            site_dirs.extend(venv_site_packages(&root.join(".venv")));
            seen_roots.push(root);
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|p| !p.is_empty()) {
        site_dirs.extend(python_dirs(
            &Path::new(&home).join(".local/lib"),
            "site-packages",
        ));
    }
    site_dirs.extend(python_dirs(Path::new("/usr/local/lib"), "site-packages"));
    site_dirs.push(PathBuf::from("/usr/lib/python3/dist-packages"));

    let mut out: Vec<PathBuf> = Vec::new();
    for dir in site_dirs {
        let path = dir.join("onnxruntime").join("capi").join(LIBRARY_NAME);
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

fn venv_site_packages(venv: &Path) -> Vec<PathBuf> {
    if cfg!(windows) {
        vec![venv.join("Lib").join("site-packages")]
    } else {
        python_dirs(&venv.join("lib"), "site-packages")
    }
}

/// `<lib>/python3*/<leaf>`, newest Python first.
fn python_dirs(lib: &Path, leaf: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(lib) else {
        return Vec::new();
    };
    let mut versions: Vec<(u32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let minor = name.to_str()?.strip_prefix("python3")?;
            let minor = minor
                .strip_prefix('.')
                .map_or(Some(0), |m| m.parse::<u32>().ok())?;
            Some((minor, entry.path().join(leaf)))
        })
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.0));
    versions.into_iter().map(|(_, path)| path).collect()
}

/// Loads ONNX Runtime once per process (later calls return the same runtime).
fn runtime(explicit: Option<&Path>) -> Result<&'static Runtime, ClassifierError> {
    // A configured path that does not exist is a configuration error even when another
    // classifier already loaded the library.
    if let Some(path) = explicit {
        existing(path, "the configured onnxruntime path")?;
    }
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let _guard = RUNTIME_INIT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let path = locate_runtime(explicit)?;
    // `init_from` reports a bad file or version as an error; letting `ort` find the library
    // itself would panic instead.
    let builder = ort::init_from(&path).map_err(|e| ClassifierError::RuntimeLoad {
        path: path.clone(),
        message: e.to_string(),
        hint: INSTALL_HINT,
    })?;
    let environment = builder
        .with_name("strata-classifier")
        .with_telemetry(false)
        .build()
        .map_err(|e| ClassifierError::RuntimeLoad {
            path: path.clone(),
            message: e.to_string(),
            hint: INSTALL_HINT,
        })?;
    Ok(RUNTIME.get_or_init(|| Runtime { environment, path }))
}

/// The path ONNX Runtime was loaded from, once a classifier has loaded it.
pub fn loaded_runtime_path() -> Option<&'static Path> {
    RUNTIME.get().map(|r| r.path.as_path())
}

/// The three model outputs (`FEATURES.md` §7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub p_community_or_cloud: f32,
    pub p_cloud: f32,
    pub p_private: f32,
}

/// A few sessions of one model: `Session::run` takes `&mut self`, so each session serves one
/// call at a time and concurrent callers spread over the pool instead of queueing on one lock.
#[derive(Debug)]
pub(crate) struct Model {
    sessions: Box<[Mutex<Session>]>,
    next: AtomicUsize,
}

impl Model {
    pub(crate) fn new(
        onnxruntime: Option<&Path>,
        model: &[u8],
        sessions: usize,
    ) -> Result<Model, ClassifierError> {
        let runtime = runtime(onnxruntime)?;
        let sessions = (0..sessions.max(1))
            .map(|_| new_session(&runtime.environment, model).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Model {
            sessions: sessions.into_boxed_slice(),
            next: AtomicUsize::new(0),
        })
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.sessions.len();
        for k in 0..n {
            if let Ok(guard) = self.sessions[(start + k) % n].try_lock() {
                return guard;
            }
        }
        // A panic inside a run leaves the session itself intact.
        self.sessions[start % n]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn run(&self, rows: &Rows) -> Result<Scores, ClassifierError> {
        let (n, r) = (rows.idx.len(), rows.rows());
        let idx = TensorRef::from_array_view(([n], rows.idx.as_slice())).map_err(model_error)?;
        let val = TensorRef::from_array_view(([r, n], rows.val.as_slice())).map_err(model_error)?;
        let dense = TensorRef::from_array_view(([r, DENSE_DIM], rows.dense.as_slice()))
            .map_err(model_error)?;
        let mut session = self.session();
        // Positional inputs avoid a per-call name map; `new_session` checked their order.
        let outputs = session
            .run(ort::inputs![idx, val, dense])
            .map_err(model_error)?;
        let scores = outputs
            .get(OUTPUT)
            .ok_or_else(|| ClassifierError::Model(format!("the model returned no `{OUTPUT}`")))?;
        let (_, scores) = scores.try_extract_tensor::<f32>().map_err(model_error)?;
        match *scores {
            [p_community_or_cloud, p_cloud, p_private] => Ok(Scores {
                p_community_or_cloud,
                p_cloud,
                p_private,
            }),
            _ => Err(ClassifierError::Model(format!(
                "`{OUTPUT}` has {} values, expected {OUTPUTS}",
                scores.len()
            ))),
        }
    }
}

fn new_session(environment: &Environment, model: &[u8]) -> Result<Session, ClassifierError> {
    // One thread each: the model is a sparse lookup costing microseconds, far less than a
    // thread pool hand-off, and the gateway runs many requests in parallel anyway.
    let session = Session::builder(environment)
        .map_err(model_error)?
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(|e| model_error(ort::Error::from(e)))?
        .with_intra_threads(1)
        .map_err(|e| model_error(ort::Error::from(e)))?
        .with_inter_threads(1)
        .map_err(|e| model_error(ort::Error::from(e)))?
        // Memory patterns are planned per input shape, and every prompt has a different N.
        .with_memory_pattern(false)
        .map_err(|e| model_error(ort::Error::from(e)))?
        .commit_from_memory(model)
        .map_err(model_error)?;
    let inputs: Vec<&str> = session.inputs().iter().map(|i| i.name()).collect();
    if inputs != INPUTS {
        return Err(ClassifierError::Model(format!(
            "the model's inputs are {inputs:?}, expected {INPUTS:?} (FEATURES.md §7)"
        )));
    }
    let outputs: Vec<&str> = session.outputs().iter().map(|o| o.name()).collect();
    if outputs != [OUTPUT] {
        return Err(ClassifierError::Model(format!(
            "the model's outputs are {outputs:?}, expected [{OUTPUT:?}] (FEATURES.md §7)"
        )));
    }
    Ok(session)
}

fn model_error(e: ort::Error) -> ClassifierError {
    ClassifierError::Model(e.to_string())
}
