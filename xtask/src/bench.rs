//! `cargo xtask bench [browser|relay|library]`: measures the goals of the app in Chromium
//! (browser), the relay's capacity (relay, see `bench/relay.rs`) and the library search
//! (library, see `bench/library.rs`), and appends the results, dated
//! and with the machine they ran on, to BENCHMARKS.md. With no argument, all three.
//!
//! The measuring is done by the Node scripts in `tests/bench/`, each printing its result as
//! one JSON line; this builds what they need, generates the 2,000-staff space, runs them and
//! writes the report. A slow number is reported, never a failure: only a broken
//! measurement fails.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use kenesh_core::generator::reference_school;
use kenesh_core::{Date, Member};
use serde_json::{Value, json};

use crate::{build, cmd, tools};

mod library;
mod relay;

/// Which benchmarks `cargo xtask bench` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// First load, edit latency and offline open, in Chromium.
    Browser,
    /// Relay appends, idle WebSockets, a new device, beside an automerge-repo sync server.
    Relay,
    /// Library search latency on 2,000 generated documents with extracted text (native).
    Library,
}

pub fn run(which: Option<Which>) -> Result<()> {
    let all = which.is_none();
    if all || which == Some(Which::Browser) {
        browser()?;
    }
    if all || which == Some(Which::Relay) {
        relay::run()?;
    }
    if all || which == Some(Which::Library) {
        library::run()?;
    }
    Ok(())
}

const SEED: u64 = 2026;
const STAFF: usize = 2000;
/// The generated school's "today", fixed so that its snapshots are the same on every run.
const TODAY: (u16, u8, u8) = (2026, 9, 1);
const ACTOR: [u8; 16] = *b"kenesh-bench-dev";
/// A valid space id (32 hex digits) as a user's is: attaching a file seals it for this space.
const SPACE_ID: &str = "000000000000000000000000000bec00";

const KB: f64 = 1000.0;
const GOAL_TRANSFER_KB: f64 = 500.0;
const GOAL_EDIT_P95_MS: f64 = 20.0;
const GOAL_OPEN_MS: f64 = 300.0;

/// Installs what is missing, builds `dist/` and the debug relay that the browser benchmarks
/// serve it with; returns the relay's path.
fn app_and_relay() -> Result<PathBuf> {
    tools::ensure_all()?;
    build::app()?;
    cmd::run(cmd::cargo().args([
        "build",
        "--package",
        "kenesh-relay",
        "--bin",
        "kenesh-relay",
    ]))?;
    Ok(cmd::target_dir().join("debug").join("kenesh-relay"))
}

fn browser() -> Result<()> {
    let relay = app_and_relay()?;
    let space_dir = cmd::target_dir().join("bench");
    let machine = machine(&[(tools::CHROMIUM, &["--version"])]);
    let snapshots = generate(&space_dir)?;

    let node = |script: &str| -> Result<Value> {
        let mut command = cmd::command("node");
        command
            .arg(Path::new("tests").join("bench").join(script))
            .env("KENESH_RELAY_BIN", &relay)
            .env("KENESH_DIST", cmd::dist())
            .env("KENESH_BENCH_SPACE", &space_dir)
            .stderr(Stdio::inherit());
        println!("\n$ {}", cmd::show(&command));
        let output = command.output().context("cannot start node")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            bail!("tests/bench/{script} failed ({}): {stdout}", output.status);
        }
        let last = stdout.lines().last().unwrap_or_default();
        serde_json::from_str(last)
            .with_context(|| format!("tests/bench/{script} printed no JSON result: {stdout}"))
    };
    let first_load = node("first-load.mjs")?;
    let edits = node("edit-latency.mjs")?;
    let open = node("open-offline.mjs")?;

    let section = report(&machine, &first_load, &edits, &open, &snapshots);
    println!("\n{section}");
    append(&section)
}

/// Appends a section to BENCHMARKS.md (writing its header first if the file is new).
fn append(section: &str) -> Result<()> {
    let path = cmd::root().join("BENCHMARKS.md");
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    if text.is_empty() {
        text.push_str(HEADER);
    }
    text.push('\n');
    text.push_str(section);
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("appended to {}", path.display());
    Ok(())
}

/// Generates the reference school with [`STAFF`] members and writes its two snapshots and the
/// identity to open it with; returns the snapshot sizes.
fn generate(folder: &Path) -> Result<Value> {
    let (year, month, day) = TODAY;
    let today = Date::new(year, month, day).expect("a valid date");
    let mut generated = reference_school(SEED, STAFF, today, &ACTOR);
    let member_id = generated
        .space
        .all::<Member>()?
        .into_keys()
        .next()
        .context("the generated space has no member")?;
    let space = generated.space.save();
    let people = generated.people.save();
    fs::create_dir_all(folder)?;
    fs::write(folder.join("space.bin"), &space)?;
    fs::write(folder.join("people.bin"), &people)?;
    let identity = json!({
        "space_id": SPACE_ID,
        "actor": kenesh_core::id::hex(&ACTOR),
        "member_id": member_id,
        "staff": STAFF,
    });
    fs::write(folder.join("identity.json"), identity.to_string())?;
    Ok(json!({ "space": space.len(), "people": people.len() }))
}

/// The machine, as one line of Markdown, with the versions `programs` print.
fn machine(programs: &[(&str, &[&str])]) -> String {
    let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
    let field = |text: &str, name: &str| {
        text.lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split(':').nth(1))
            .map(|value| value.trim().to_owned())
            .unwrap_or_else(|| "?".into())
    };
    let output = |program: &str, args: &[&str]| {
        cmd::stdout_of(Command::new(program).args(args).current_dir(cmd::root()))
            .map(|text| text.trim().to_owned())
            .unwrap_or_else(|| "?".into())
    };
    let memory_kb: f64 = field(&read("/proc/meminfo"), "MemTotal")
        .trim_end_matches(" kB")
        .parse()
        .unwrap_or(0.0);
    let load = read("/proc/loadavg");
    let dirty = !output("git", &["status", "--porcelain"]).is_empty();
    let versions: Vec<String> = programs
        .iter()
        .map(|(program, args)| {
            let version = output(program, args);
            if version.starts_with('v') {
                format!("{program} {version}") // `node --version` prints only `v20.…`
            } else {
                version
            }
        })
        .collect();
    format!(
        "{} CPUs ({}), {:.1} GiB memory, load average {} at start; {}; {}; commit {}{}",
        output("nproc", &[]),
        field(&read("/proc/cpuinfo"), "model name"),
        memory_kb / 1024.0 / 1024.0,
        load.split_whitespace().next().unwrap_or("?"),
        versions.join("; "),
        output("rustc", &["--version"]),
        output("git", &["rev-parse", "--short", "HEAD"]),
        if dirty {
            " with uncommitted changes"
        } else {
            ""
        },
    )
}

fn num(value: &Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

fn verdict(value: f64, goal: f64) -> &'static str {
    if value <= goal { "met" } else { "**not met**" }
}

/// The dated section of BENCHMARKS.md with this run's numbers.
fn report(machine: &str, load: &Value, edits: &Value, open: &Value, snapshots: &Value) -> String {
    let page_kb = num(&load["page_bytes"]) / KB;
    let total_kb = num(&load["total_bytes"]) / KB;
    let open_ms = num(&open["median_ms"]);
    let mut s = String::new();
    let _ = writeln!(s, "## {}\n", now_utc());
    let _ = writeln!(s, "Machine: {machine}.\n");
    let _ = writeln!(s, "| Benchmark | Result | Goal | |\n|---|---|---|---|");
    let _ = writeln!(
        s,
        "| First-load transfer, page | {page_kb:.1} KB | ≤ {GOAL_TRANSFER_KB} KB | {} |",
        verdict(page_kb, GOAL_TRANSFER_KB)
    );
    let _ = writeln!(
        s,
        "| First-load transfer, page + precache | {total_kb:.1} KB | ≤ {GOAL_TRANSFER_KB} KB | {} |",
        verdict(total_kb, GOAL_TRANSFER_KB)
    );
    for (space, label) in [
        ("new", "new space, 1 staff"),
        ("generated", "generated space, 2,000 staff"),
    ] {
        let e = &edits[space];
        let p95 = num(&e["p95_ms"]);
        let _ = writeln!(
            s,
            "| Edit to durable, {label}: p95 (p50 {} ms, max {} ms, n = {}) | {p95} ms | ≤ {GOAL_EDIT_P95_MS} ms | {} |",
            e["p50_ms"],
            e["max_ms"],
            e["n"],
            verdict(p95, GOAL_EDIT_P95_MS)
        );
    }
    let _ = writeln!(
        s,
        "| Open offline to first screen, 2,000 staff: median (max {} ms) | {open_ms} ms | ≤ {GOAL_OPEN_MS} ms | {} |",
        open["max_ms"],
        verdict(open_ms, GOAL_OPEN_MS)
    );
    let _ = writeln!(
        s,
        "\n- The wasm came with `Content-Encoding: {}` (Chromium sent `Accept-Encoding: {}`).",
        text(&load["wasm_encoding"]),
        text(&load["accept_encoding"])
    );
    let _ = writeln!(
        s,
        "- Offline open, medians from navigation start: HTML from the service worker {} ms, \
         wasm fetched {} ms, wasm compiled and `main` run (which draws the first screen \
         itself when the copies of its views are in localStorage) {} ms, stored parts and \
         views read from IndexedDB {} ms, first screen {} ms, that screen drawn {} ms, documents loaded \
         by Automerge behind it {} ms. Runs: {}. The list showed \"{}\" with {} rows drawn. \
         The first open of the space, before the app had stored its views: first screen at \
         {} ms.",
        open["median_html_ms"],
        open["median_wasm_fetched_ms"],
        open["median_app_started_ms"],
        open["median_space_open_ms"],
        open["median_ms"],
        open["median_drawn_ms"],
        open["median_documents_loaded_ms"],
        open["runs"],
        text(&open["count_text"]),
        open["rows"],
        open["cold_ms"]
    );
    let _ = writeln!(
        s,
        "- Offline open after an edit and the tab closed at once (the page writes the first \
         screen's views as it is hidden): first screen, median {} ms; runs: {}.",
        open["closed_tab_median_ms"], open["closed_tab_runs"]
    );
    let _ = writeln!(
        s,
        "- Offline open after an edit the stored view has not caught up with (the page \
         crashed at once): the staff document loads before the first screen{}. First screen, \
         median {} ms; runs: {}.",
        match open["older_view_seeded"].as_bool() {
            Some(true) => ", its records seeded by the older view",
            _ => ", its records read from Automerge (the older view did not seed it)",
        },
        open["older_view_median_ms"],
        open["older_view_runs"]
    );
    let _ = writeln!(
        s,
        "- Generated space (seed {SEED}, {STAFF} staff): snapshots of {} bytes (space) and {} bytes (people).",
        snapshots["space"], snapshots["people"]
    );
    let _ = writeln!(
        s,
        "\nFirst load, each response's transfer size (headers included):\n"
    );
    let _ = writeln!(s, "| Loaded by | File | Bytes |\n|---|---|---:|");
    for request in load["requests"].as_array().into_iter().flatten() {
        let url = text(&request["url"]);
        let path = url.splitn(4, '/').nth(3).unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} | /{path} | {} |",
            text(&request["by"]),
            request["bytes"]
        );
    }
    let _ = writeln!(
        s,
        "\nFiles of dist/ (bytes; gzip level 9 and brotli quality 11 by Node's zlib):\n"
    );
    let _ = writeln!(s, "| File | Raw | gzip | brotli |\n|---|---:|---:|---:|");
    for file in load["files"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            text(&file["file"]),
            file["raw"],
            file["gzip"],
            file["brotli"]
        );
    }
    s
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or("?")
}

/// `YYYY-MM-DD HH:MM UTC`, now.
fn now_utc() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let date = Date::from_unix_ms(seconds * 1000, 0);
    let minutes = seconds.rem_euclid(86_400) / 60;
    format!("{date} {:02}:{:02} UTC", minutes / 60, minutes % 60)
}

const HEADER: &str = "\
# Benchmarks

`cargo xtask bench` installs what is missing, builds `dist/`, runs the three benchmarks below \
in Chromium (`tests/bench/*.mjs`, each against its own relay on a free loopback port and a \
fresh browser profile on disk) and appends a dated section to this file. Benchmarks report; \
they never fail on a slow number, only when a measurement itself breaks. The machine is \
noted with each run: numbers from different machines, or from a busy one, do not compare.

Run them all with `cargo xtask bench` (about six minutes on two cores). One script alone, \
after `cargo xtask bench` has built `dist/` and the relay and written the generated space to \
`target/bench/`: `node tests/bench/first-load.mjs` (or `edit-latency.mjs`, \
`open-offline.mjs`) from the repository root; each prints its result as JSON on its last line.

`cargo xtask bench relay` runs only the relay's benchmarks (`crates/bench`, a native \
binary against the release relay on loopback, beside an automerge-repo sync server that npm \
installs into `target/bench/` at bench time); `cargo xtask bench browser` only the three \
below. Each relay section describes its own method.

- **First-load transfer** (goal ≤ 500 KB, 1 KB = 1,000 bytes): the app is loaded from a \
fresh relay into a fresh profile, and every response's transfer size (headers and encoded \
body, `PerformanceResourceTiming.transferSize`) is summed, once for the page itself and once \
with the service worker's script and its precache, waited for until the worker is active. \
The relay sends the build's precompressed copies (brotli q11, gzip -9) by `Accept-Encoding`; each \
file of `dist/` is also given raw, gzip -9 and brotli q11.
- **Edit to durable** (goal p95 ≤ 20 ms): a staff member's phone is changed 200 times \
through the edit form, in a space created through the setup form with one staff member \
added through the form (that addition counts too), then in the generated 2,000-staff space \
below. The app records each edit as the `performance.measure` `kenesh-edit-durable`, from \
the start of the edit until IndexedDB's transaction completed (`src/store/persist.rs`); p50, \
p95 and max of all of them.
- **Open offline to first screen** (goal ≤ 300 ms): the reference school of \
`kenesh_core::generator::reference_school` with 2,000 staff (fixed seed and date) is \
generated natively, its two snapshots are put into IndexedDB and its identity into \
localStorage after one visit installed the service worker; the relay is then stopped, and \
fifteen fresh pages each open the app (this machine varies by ±100 ms from one open to the \
next). Time from navigation start to the `kenesh-first-screen` \
mark (`src/pages/staff_list.rs`), checked against the list's count of 2,000; median and max, \
with the median of each phase and of when the frame after the mark was drawn.
";
