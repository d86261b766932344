//! Running other programs from the repository root, with the project's tools first on PATH.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// The repository root (the folder above `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one folder below the repository root")
        .to_path_buf()
}

/// Where `cargo xtask build` writes the app and the relay serves it from.
pub fn dist() -> PathBuf {
    root().join("dist")
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else `target/` in the repository root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// `program`, run in the repository root, with `node_modules/.bin` (wasm-opt from npm's
/// binaryen, never Debian's) and then Cargo's bin folder (Trunk, wasm-bindgen) first on PATH,
/// and Trunk's update check off.
pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(root())
        .env("PATH", search_path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// The Cargo that runs this xtask, configured like [`command`].
pub fn cargo() -> Command {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    command(&cargo)
}

fn search_path() -> OsString {
    let mut folders = vec![root().join("node_modules").join(".bin")];
    if let Some(cargo_bin) = cargo_home().map(|home| home.join("bin")) {
        folders.push(cargo_bin);
    }
    if let Some(path) = env::var_os("PATH") {
        folders.extend(env::split_paths(&path));
    }
    env::join_paths(folders).expect("PATH folders contain no separator")
}

fn cargo_home() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

/// Prints and runs `command`; an error when it cannot start or exits with a failure.
pub fn run(command: &mut Command) -> Result<()> {
    let shown = show(command);
    println!("$ {shown}");
    let status = command
        .status()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// The stdout of `command` when it starts and succeeds, quietly; `None` otherwise.
pub fn stdout_of(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `command` as one line, for messages.
pub fn show(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}
