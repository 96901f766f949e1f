//! Compiling generated modules with rustc and clippy, against the `scopec-runtime` crate
//! (compiled once per test binary) or with the runtime embedded.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scopec::emit::rust::Runtime;

/// Both ways a module finds its runtime.
pub const RUNTIMES: [Runtime; 2] = [Runtime::Crate, Runtime::Embedded];

/// A short name for a runtime mode, for directory names.
pub fn tag(runtime: Runtime) -> &'static str {
    match runtime {
        Runtime::Crate => "crate",
        Runtime::Embedded => "standalone",
    }
}

pub fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command and fails the test, with its output, when it fails.
pub fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The runtime crate as an optimized rlib, compiled once per test process (each process
/// has its own directory, so parallel test binaries do not race).
pub fn runtime_rlib() -> &'static Path {
    static RLIB: OnceLock<PathBuf> = OnceLock::new();
    RLIB.get_or_init(|| {
        let dir = work_dir(&format!("runtime-{}", std::process::id()));
        let lib = crate::common::root().join("runtime/src/lib.rs");
        run(Command::new("rustc")
            .args(["--edition", "2021", "--crate-type", "rlib", "--crate-name", "scopec_runtime", "-O", "--out-dir"])
            .arg(&dir)
            .arg(lib));
        dir.join("libscopec_runtime.rlib")
    })
}

/// `program` (rustc or clippy-driver) with the runtime crate available when `runtime`
/// needs it.
pub fn compiler(program: &str, runtime: Runtime) -> Command {
    let mut cmd = Command::new(program);
    if runtime == Runtime::Crate {
        cmd.arg("--extern").arg(format!("scopec_runtime={}", runtime_rlib().display()));
    }
    cmd
}

/// A library crate holding the module as `pub mod NAME`, denying every warning.
pub fn lib_source(name: &str) -> String {
    format!("#![deny(warnings)]\n#![forbid(unsafe_code)]\n\npub mod {name} {{\n    include!(\"{name}.rs\");\n}}\n")
}

/// Compiles `code` as a library under rustc (editions 2021 and 2024) and clippy, with
/// every warning denied.
pub fn assert_compiles_clean(name: &str, code: &str, runtime: Runtime) {
    let dir = work_dir(&format!("lint-{name}-{}", tag(runtime)));
    std::fs::write(dir.join(format!("{name}.rs")), code).unwrap();
    std::fs::write(dir.join("lib.rs"), lib_source(name)).unwrap();
    for edition in ["2021", "2024"] {
        run(compiler("rustc", runtime)
            .args(["--edition", edition, "--crate-type", "lib", "-D", "warnings", "--out-dir"])
            .arg(&dir)
            .arg(dir.join("lib.rs")));
    }
    run(compiler("clippy-driver", runtime)
        .args(["--edition", "2021", "--crate-type", "lib", "-D", "warnings", "-D", "clippy::all", "--out-dir"])
        .arg(&dir)
        .arg(dir.join("lib.rs")));
}
