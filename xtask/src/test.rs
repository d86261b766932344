//! `cargo xtask test`: every check CI runs, in order, timed, stopping at the first failure.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::{build, cmd, tools};

type Step = (&'static str, fn() -> Result<()>);

const STEPS: [Step; 8] = [
    ("tools", tools::ensure_all),
    ("fmt", fmt),
    ("clippy (host)", clippy_host),
    ("clippy (wasm32)", clippy_wasm),
    ("native tests", native_tests),
    ("browser tests", browser_tests),
    ("release build", build::app),
    ("end-to-end tests", end_to_end),
];

pub fn run() -> Result<()> {
    let started = Instant::now();
    let mut done = Vec::new();
    for (number, (name, step)) in STEPS.iter().enumerate() {
        println!("\n==> [{}/{}] {name}", number + 1, STEPS.len());
        let start = Instant::now();
        let result = step();
        let elapsed = start.elapsed();
        match result {
            Ok(()) => {
                println!("<== {name}: ok ({})", seconds(elapsed));
                done.push(format!("ok       {:>8}  {name}", seconds(elapsed)));
            }
            Err(error) => {
                println!("<== {name}: FAILED ({})", seconds(elapsed));
                done.push(format!("FAILED   {:>8}  {name}", seconds(elapsed)));
                summary(&done, started);
                return Err(error.context(format!("step `{name}` failed")));
            }
        }
    }
    summary(&done, started);
    Ok(())
}

fn summary(done: &[String], started: Instant) {
    println!("\nsummary:");
    for line in done {
        println!("  {line}");
    }
    println!("  total    {:>8}", seconds(started.elapsed()));
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}

fn cargo(args: &[&str]) -> Result<()> {
    cmd::run(cmd::cargo().args(args))
}

fn fmt() -> Result<()> {
    cargo(&["fmt", "--all", "--check"])
}

fn clippy_host() -> Result<()> {
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
}

fn clippy_wasm() -> Result<()> {
    cargo(&[
        "clippy",
        "--package",
        "kenesh-core",
        "--package",
        "kenesh-platform",
        "--package",
        "kenesh",
        "--target",
        tools::WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
}

fn native_tests() -> Result<()> {
    cargo(&[
        "test",
        "--package",
        "kenesh",
        "--package",
        "kenesh-core",
        "--package",
        "kenesh-protocol",
        "--package",
        "kenesh-relay",
        "--package",
        "kenesh-bench",
        "--package",
        "xtask",
    ])
}

/// wasm-bindgen-test in headless Chromium, through the runner set in .cargo/config.toml.
fn browser_tests() -> Result<()> {
    cmd::run(
        cmd::cargo()
            .args([
                "test",
                "--package",
                "kenesh-platform",
                "--target",
                tools::WASM_TARGET,
            ])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER),
    )
}

/// Node's test runner on every `tests/e2e/*.mjs`, one file at a time. Each test starts its
/// own relay (`KENESH_RELAY_BIN`) serving `KENESH_DIST`, so it can stop it to go offline.
fn end_to_end() -> Result<()> {
    let root = cmd::root();
    let files = e2e_files(&root.join("tests").join("e2e"))?;
    if files.is_empty() {
        bail!("tests/e2e has no *.mjs files");
    }
    // Files are named one by one: given a folder, Node 20 only runs files named like
    // `*.test.mjs` and passes when it finds none.
    let mut node = cmd::command("node");
    node.args(["--test", "--test-concurrency=1"])
        .args(
            files
                .iter()
                .map(|file| file.strip_prefix(&root).unwrap_or(file)),
        )
        .env("KENESH_RELAY_BIN", relay_binary()?)
        .env("KENESH_DIST", cmd::dist());
    cmd::run(&mut node)
}

fn e2e_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|extension| extension == "mjs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Builds the relay (already built by the native tests, so this is quick) and returns the
/// path Cargo reports for its executable.
fn relay_binary() -> Result<PathBuf> {
    let mut build = cmd::cargo();
    build
        .args([
            "build",
            "--package",
            "kenesh-relay",
            "--bin",
            "kenesh-relay",
        ])
        .arg("--message-format=json-render-diagnostics")
        .stdout(Stdio::piped());
    let shown = cmd::show(&build);
    println!("$ {shown}");
    let output = build
        .output()
        .with_context(|| format!("cannot start `{shown}`"))?;
    if !output.status.success() {
        bail!("`{shown}` failed ({})", output.status);
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == "kenesh-relay"
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| anyhow!("`{shown}` reported no kenesh-relay executable"))
}
