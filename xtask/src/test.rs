//! `cargo xtask test`: every check CI runs, in order, timed, stopping at the first failure.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::{build, cmd, tools};

/// What a step did when it did not fail.
enum Outcome {
    Passed,
    Skipped(&'static str),
}

type Step = (&'static str, fn() -> Result<Outcome>);

const STEPS: [Step; 8] = [
    ("tools", || tools::ensure_all().map(|()| Outcome::Passed)),
    ("fmt", fmt),
    ("clippy (host)", clippy_host),
    ("clippy (wasm32)", clippy_wasm),
    ("native tests", native_tests),
    ("browser tests", browser_tests),
    ("release build", || build::app().map(|()| Outcome::Passed)),
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
            Ok(Outcome::Passed) => {
                println!("<== {name}: ok ({})", seconds(elapsed));
                done.push(format!("ok       {:>8}  {name}", seconds(elapsed)));
            }
            Ok(Outcome::Skipped(why)) => {
                println!("<== {name}: SKIPPED: {why}");
                done.push(format!("skipped  {:>8}  {name}: {why}", seconds(elapsed)));
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

fn cargo(args: &[&str]) -> Result<Outcome> {
    cmd::run(cmd::cargo().args(args)).map(|()| Outcome::Passed)
}

fn fmt() -> Result<Outcome> {
    cargo(&["fmt", "--all", "--check"])
}

fn clippy_host() -> Result<Outcome> {
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])
}

fn clippy_wasm() -> Result<Outcome> {
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

fn native_tests() -> Result<Outcome> {
    cargo(&[
        "test",
        "--package",
        "kenesh",
        "--package",
        "kenesh-core",
        "--package",
        "kenesh-relay",
        "--package",
        "xtask",
    ])
}

/// wasm-bindgen-test in headless Chromium, through the runner set in .cargo/config.toml.
fn browser_tests() -> Result<Outcome> {
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
    .map(|()| Outcome::Passed)
}

/// Node's test runner on every `tests/e2e/*.mjs`, one file at a time, against the relay
/// serving `dist/`. The tests get the relay's address (`KENESH_URL`), its process id
/// (`KENESH_RELAY_PID`), and what they need to start one of their own (`KENESH_RELAY_BIN`,
/// `KENESH_DIST`), e.g. to stop the server and check that the app still opens offline.
fn end_to_end() -> Result<Outcome> {
    let root = cmd::root();
    let files = e2e_files(&root.join("tests").join("e2e"))?;
    if files.is_empty() {
        return Ok(Outcome::Skipped("tests/e2e has no *.mjs files yet"));
    }
    let relay_bin = relay_binary()?;
    let dist = cmd::dist();
    let relay = Relay::start(&relay_bin, &dist)?;
    println!("relay {} serving {}", relay.url, dist.display());

    // Files are named one by one: given a folder, Node 20 only runs files named like
    // `*.test.mjs` and passes when it finds none.
    let mut node = cmd::command("node");
    node.args(["--test", "--test-concurrency=1"])
        .args(
            files
                .iter()
                .map(|file| file.strip_prefix(&root).unwrap_or(file)),
        )
        .env("KENESH_URL", &relay.url)
        .env("KENESH_RELAY_PID", relay.child.id().to_string())
        .env("KENESH_RELAY_BIN", &relay_bin)
        .env("KENESH_DIST", &dist);
    let result = cmd::run(&mut node);
    drop(relay);
    result.map(|()| Outcome::Passed)
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

/// The relay as a child process, killed when dropped.
struct Relay {
    child: Child,
    url: String,
}

const RUNNING_AT: &str = "Kenesh is running at ";

impl Relay {
    /// Starts the relay on a free loopback port and reads the address it prints.
    fn start(bin: &Path, dist: &Path) -> Result<Self> {
        let mut command = Command::new(bin);
        command
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut relay = Relay {
            child,
            url: String::new(),
        };

        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
            let _ = sender.send(lines.next());
            for line in lines {
                println!("{line}");
            }
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| anyhow!("the relay printed no address within 60 s"))?
            .ok_or_else(|| anyhow!("the relay exited before printing its address"))?;
        relay.url = line
            .strip_prefix(RUNNING_AT)
            .ok_or_else(|| anyhow!("unexpected first line from the relay: {line:?}"))?
            .to_owned();
        Ok(relay)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        // It may already be gone if a test stopped it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
