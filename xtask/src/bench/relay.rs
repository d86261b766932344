//! `cargo xtask bench relay`: the relay's benchmarks (issue #3), measured by the
//! `kenesh-bench` binary against the release `kenesh-relay` on loopback, with an
//! automerge-repo sync server installed from npm beside it when the registry answers.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::cmd;

/// The sync server measured; pinned so that runs compare. npm resolves its dependencies
/// (automerge-repo, its WebSocket adapter and file storage, automerge).
const SYNC_SERVER: &str = "@automerge/automerge-repo-sync-server@0.2.8";

pub fn run() -> Result<()> {
    cmd::run(cmd::cargo().args([
        "build",
        "--release",
        "--package",
        "kenesh-relay",
        "--package",
        "kenesh-bench",
    ]))?;
    let target = cmd::target_dir();
    let release = target.join("release");
    let machine = super::machine(&[("node", &["--version"])]);

    let mut command = Command::new(release.join("kenesh-bench"));
    command
        .current_dir(cmd::root())
        .env("KENESH_RELAY_BIN", release.join("kenesh-relay"));
    let folder = target.join("bench").join("automerge-repo");
    match install(&folder) {
        Ok(()) => command.env("KENESH_AUTOMERGE_REPO", &folder),
        Err(error) => {
            println!("automerge-repo is not measured: {error:#}");
            command.env("KENESH_AUTOMERGE_REPO_MISSING", format!("{error:#}"))
        }
    };
    let result = measure(command)?;
    let section = report(&machine, &result);
    println!("\n{section}");
    super::append(&section)
}

/// Installs the sync server from npm into `folder` (under target/, never committed and
/// not in the project's package.json). Registry access happens here, at bench time only.
fn install(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder)?;
    let manifest = folder.join("package.json");
    if !manifest.exists() {
        std::fs::write(&manifest, "{\"private\":true}\n")?;
    }
    let mut npm = cmd::command("npm");
    npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(folder)
        .arg(SYNC_SERVER)
        .stdout(Stdio::null());
    println!("$ {}", cmd::show(&npm));
    let output = npm.output().context("cannot start npm")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("no message");
        bail!(
            "npm install {SYNC_SERVER} failed ({}): {reason}",
            output.status
        );
    }
    Ok(())
}

/// Runs the bench binary, showing its progress, and reads its last line as JSON.
fn measure(mut command: Command) -> Result<Value> {
    println!("\n$ {}", cmd::show(&command));
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot start kenesh-bench")?;
    let mut last = String::new();
    for line in BufReader::new(child.stdout.take().context("no stdout")?).lines() {
        let line = line?;
        println!("{line}");
        last = line;
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("kenesh-bench failed ({status})");
    }
    serde_json::from_str(&last)
        .with_context(|| format!("kenesh-bench printed no JSON result: {last}"))
}

fn num(value: &Value) -> String {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 => format!("{n}"),
        Some(n) => format!("{n:.2}"),
        None => "?".into(),
    }
}

/// The dated section of BENCHMARKS.md with this run's numbers.
fn report(machine: &str, r: &Value) -> String {
    let k = &r["kenesh"];
    let a = &r["automerge_repo"];
    let mut s = String::new();
    let _ = writeln!(s, "## {} — relay\n", super::now_utc());
    let _ = writeln!(s, "Machine: {machine}.\n");
    let _ = writeln!(
        s,
        "`cargo xtask bench relay`: the release `kenesh-relay` on 127.0.0.1 with a temporary \
         SQLite file (WAL, `synchronous=FULL`) and `--rate 0`, driven over HTTP/1 and \
         WebSocket by the native `kenesh-bench` binary (`crates/bench`, tokio) on the same two \
         cores; open files limit {}. Each level runs {} s of warm-up, then {} s measured.\n",
        num(&r["open_files"]),
        num(&r["warmup_s"]),
        num(&r["measure_s"])
    );

    let _ = writeln!(
        s,
        "**Appends with concurrent writers.** Each writer is a member with its own token and connection; it pushes one entry (a real edit of the generated school sealed by the sync engine, {} bytes on average) and waits for the answer, which the relay sends once the entry is durable. One space, so every writer appends to the same log.\n",
        num(&k["appends"][0]["entry_bytes"])
    );
    let automerge = a["appends"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(
        s,
        "| Writers | Kenesh entries/s | p50 | p99 | max | automerge-repo changes/s | p50 | p99 | max |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (i, row) in k["appends"].as_array().into_iter().flatten().enumerate() {
        let kr = &row["result"];
        let ar = automerge.get(i).cloned().unwrap_or(Value::Null);
        let _ = writeln!(
            s,
            "| {} | {} | {} ms | {} ms | {} ms | {} | {} | {} | {} |",
            num(&kr["writers"]),
            num(&kr["per_second"]),
            num(&kr["latency"]["p50_ms"]),
            num(&kr["latency"]["p99_ms"]),
            num(&kr["latency"]["max_ms"]),
            or_dash(&ar["per_second"]),
            ms_or_dash(&ar["latency"]["p50_ms"]),
            ms_or_dash(&ar["latency"]["p99_ms"]),
            ms_or_dash(&ar["latency"]["max_ms"]),
        );
    }

    let _ = writeln!(
        s,
        "\n**Idle WebSocket connections and notify latency.** N listeners connect (each sends a member token; 20 tokens shared), sit idle 3 s, then the server's resident memory (`VmRSS`) is read; then 20 times one client pushes an entry and the time from the start of that push to the message's arrival at each of the N listeners is taken (N × 20 samples). For automerge-repo each listener is a peer that requested one shared document and synced it; the writer changes that document.\n"
    );
    let automerge = a["idle"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(
        s,
        "| Server | Connections | Connect time | RSS before | RSS with N | per connection | notify p50 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let idle_row = |s: &mut String, name: &str, row: &Value| {
        if let Some(error) = row["error"].as_str() {
            let _ = writeln!(
                s,
                "| {name} | {} | failed: {} | | | | | | |",
                num(&row["connections"]),
                error.replace('|', "/")
            );
            return;
        }
        let _ = writeln!(
            s,
            "| {name} | {} | {} s | {} MiB | {} MiB | {} KiB | {} ms | {} ms | {} ms |",
            num(&row["connections"]),
            num(&row["connect_seconds"]),
            num(&row["rss_before_mib"]),
            num(&row["rss_mib"]),
            num(&row["per_connection_kib"]),
            num(&row["notify"]["p50_ms"]),
            num(&row["notify"]["p99_ms"]),
            num(&row["notify"]["max_ms"]),
        );
    };
    for (i, row) in k["idle"].as_array().into_iter().flatten().enumerate() {
        idle_row(&mut s, "Kenesh", row);
        if let Some(row) = automerge.get(i) {
            idle_row(&mut s, "automerge-repo", row);
        }
    }

    let d = &k["new_device"];
    let h = &d["history"];
    let _ = writeln!(
        s,
        "\n**New device opens a large space** (natively in `kenesh-bench`, release build, not in the browser). The writer generated the reference school (`kenesh_core::generator`, {} staff) and {} school years of {} edits in all (phones, categories, people leaving, joining and coming back), pushing after each edit through the core `SyncEngine`: {} entries in the log, pushed in {} s; it uploaded a snapshot ({} bytes) at seq {}, a year before the end. The relay's file: {} bytes. A new device then fetches over HTTP (loopback: no network time), opens the envelopes (SpaceCipher), loads the documents (`SyncEngine::bootstrap`, `apply_pulled`) and reads every staff record once; it is checked to end with the writer's heads.\n",
        num(&h["staff"]),
        num(&h["years"]),
        num(&h["edits"]),
        num(&h["entries"]),
        num(&h["push_seconds"]),
        num(&h["snapshot_bytes"]),
        num(&h["snapshot_seq"]),
        num(&h["relay_file_bytes"]),
    );
    let _ = writeln!(
        s,
        "| Opened from | Entries | Ciphertext | Fetch | Decrypt alone | Load (decrypt + apply) | Read records | Total (fetch + load + read) |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    for o in d["opened"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "| {} | {} | {} KB | {} ms | {} ms | {} ms | {} ms ({} records) | {} ms |",
            o["from"].as_str().unwrap_or("?"),
            num(&o["entries"]),
            num(&Value::from(
                (o["bytes"].as_f64().unwrap_or(0.0) / 1000.0).round()
            )),
            num(&o["fetch_ms"]),
            num(&o["decrypt_ms"]),
            num(&o["load_ms"]),
            num(&o["read_ms"]),
            num(&o["records"]),
            num(&o["total_ms"]),
        );
    }

    let _ = writeln!(s);
    match a["missing"].as_str() {
        Some(reason) => {
            let _ = writeln!(s, "automerge-repo was not measured: {reason}.");
        }
        None => {
            let v = &a["versions"];
            let _ = writeln!(
                s,
                "automerge-repo side: `@automerge/automerge-repo-sync-server` {} (automerge-repo {}, automerge {}) on Node {}, installed from npm into `target/bench/automerge-repo` at bench time, file storage in a temporary folder; driven by `crates/bench/src/automerge_repo/peer.rs`, a minimal peer of its WebSocket protocol (CBOR `join`/`peer`, then Automerge sync messages) on the same tokio stack as the Kenesh clients. Each automerge-repo writer edits its own document and waits until the server's sync message reports heads that include its change.",
                text(&v["sync_server"]),
                text(&v["automerge_repo"]),
                text(&v["automerge"]),
                text(&v["node"]),
            );
            s.push_str(COMPARABLE);
        }
    }
    s
}

/// What the side-by-side numbers do and do not compare, from how each server works.
const COMPARABLE: &str = "
What compares and what does not:

- Both servers run on the same two cores as the clients, which share one tokio runtime; Node \
is single-threaded, the relay runs on tokio's multi-threaded runtime.
- An append is not the same promise. The relay answers a push only after SQLite committed it \
with `synchronous=FULL` (an fsync), so every Kenesh latency includes a disk flush. The \
automerge-repo server confirms a change as soon as it applied it in memory; its file storage \
writes the document later (debounced, 100 ms) without fsync, so a confirmed change can be \
lost in a crash.
- The relay stores opaque ciphertext and never merges; the sync server holds every document \
in plaintext and runs Automerge's sync protocol per peer and document, which is CPU per \
change per peer. Kenesh writers share one log (one school space); each automerge-repo \
writer has its own document, which spares the server fanning every change out to every \
writer (the favourable case for it).
- Notify: the relay sends each listener `{\"head\":N}` (a few bytes) and the device then \
pulls the entry, a round trip not counted here; the sync server sends the change itself. \
Arrival is timed when the message arrives, before the listener applies it.
- Memory: RSS of the whole server process (Node's includes its heap and the documents); \
per connection is the growth divided by the count, so it includes each server's buffers.
- Not compared: the new-device bootstrap (the sync server has no snapshot or encryption; \
syncing the same document from it is left for a later run).
";

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or("?")
}

fn or_dash(value: &Value) -> String {
    if value.is_null() {
        "–".into()
    } else {
        num(value)
    }
}

fn ms_or_dash(value: &Value) -> String {
    if value.is_null() {
        "–".into()
    } else {
        format!("{} ms", num(value))
    }
}
