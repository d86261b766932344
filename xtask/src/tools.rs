//! `cargo xtask tools`: installs what building and testing need, only what is missing or at
//! the wrong version, so a second run does nothing and takes a few seconds.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail, ensure};

use crate::cmd;

/// Trunk 0.22 needs a newer rustc than this project's toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Everything, cheapest checks first.
pub fn ensure_all() -> Result<()> {
    wasm_target()?;
    chromium()?;
    npm_packages()?;
    trunk()?;
    wasm_bindgen()?;
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed = cmd::stdout_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .context(
            "`rustup target list --installed` failed: rustup is needed for the wasm32 target",
        )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("ok: Rust target {WASM_TARGET}");
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Debian's Chromium and its WebDriver, for the browser and end-to-end tests. Never a
/// browser downloaded by Playwright.
fn chromium() -> Result<()> {
    let present = || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present() {
        wait_while_running("apt or dpkg", |args| {
            matches!(program_name(args), "apt" | "apt-get" | "dpkg" | "aptitude")
        });
    }
    if present() {
        println!("ok: {CHROMIUM} and {CHROMEDRIVER}");
        return Ok(());
    }
    let apt_get = |args: &[&str]| {
        let mut command = if is_root() {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    cmd::run(&mut apt_get(&["update"]))?;
    cmd::run(&mut apt_get(&[
        "install",
        "-y",
        "chromium",
        "chromium-driver",
    ]))?;
    ensure!(
        present(),
        "apt-get installed chromium and chromium-driver, but {CHROMIUM} or {CHROMEDRIVER} is missing"
    );
    Ok(())
}

fn is_root() -> bool {
    cmd::stdout_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// wasm-opt (npm's binaryen) and playwright-core, exactly as package-lock.json says.
fn npm_packages() -> Result<()> {
    let root = cmd::root();
    let lock = root.join("package-lock.json");
    // npm writes this copy of the lock file on every install.
    let installed = root.join("node_modules").join(".package-lock.json");
    let locked = modified(&lock).with_context(|| format!("{} is missing", lock.display()))?;
    if modified(&installed).is_some_and(|installed| installed >= locked) {
        println!("ok: node_modules matches package-lock.json");
        return Ok(());
    }
    cmd::run(cmd::command("npm").args(["ci", "--no-audit", "--no-fund"]))
        .context("npm ci failed (Node.js 20 or newer with npm is needed)")
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

fn trunk() -> Result<()> {
    let present = || installed_version("trunk").as_deref() == Some(TRUNK_VERSION);
    if !present() {
        wait_for_cargo_install("trunk");
    }
    if present() {
        println!("ok: trunk {TRUNK_VERSION}");
        return Ok(());
    }
    cmd::run(cmd::cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// wasm-bindgen-cli must be exactly the `wasm-bindgen` of Cargo.lock: Trunk and the test
/// runner refuse a different one.
fn wasm_bindgen() -> Result<()> {
    let lock_path = cmd::root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("cannot read {}", lock_path.display()))?;
    let version = locked_version(&lock, "wasm-bindgen")?;
    let present = || {
        ["wasm-bindgen", "wasm-bindgen-test-runner"]
            .iter()
            .all(|program| installed_version(program).as_deref() == Some(version.as_str()))
    };
    if !present() {
        wait_for_cargo_install("wasm-bindgen-cli");
    }
    if present() {
        println!("ok: wasm-bindgen-cli {version}");
        return Ok(());
    }
    let install = |locked: bool| {
        let mut command = cmd::cargo();
        command.args(["install", "wasm-bindgen-cli", "--version", &version]);
        if locked {
            command.arg("--locked");
        }
        cmd::run(&mut command)
    };
    // Its lock file has named a crate version the registry no longer served.
    install(true).or_else(|error| {
        println!("{error:#}; retrying without --locked");
        install(false)
    })
}

/// The version `program --version` reports, if it runs.
fn installed_version(program: &str) -> Option<String> {
    let output = cmd::stdout_of(cmd::command(program).arg("--version"))?;
    reported_version(&output, program).map(str::to_owned)
}

/// `0.21.14` from `trunk 0.21.14`.
fn reported_version<'a>(output: &'a str, program: &str) -> Option<&'a str> {
    let mut words = output.split_whitespace();
    if words.next()? != program {
        return None;
    }
    words.next()
}

/// The one version of `package` in a Cargo.lock.
fn locked_version(lock: &str, package: &str) -> Result<String> {
    let mut versions = Vec::new();
    let mut in_package = false;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = false;
        } else if let Some(name) = line.strip_prefix("name = ") {
            in_package = name.trim_matches('"') == package;
        } else if let Some(version) = line.strip_prefix("version = ")
            && in_package
        {
            versions.push(version.trim_matches('"').to_owned());
            in_package = false;
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("Cargo.lock has no `{package}` package"),
        _ => bail!("Cargo.lock has several `{package}` versions: {versions:?}"),
    }
}

/// Waits while another `cargo install CRATE` runs, so that its result is reused instead of
/// compiling the same tool twice at once.
fn wait_for_cargo_install(krate: &str) {
    wait_while_running(&format!("cargo install {krate}"), |args| {
        program_name(args) == "cargo"
            && args.iter().any(|arg| arg == "install")
            && args.iter().any(|arg| arg == krate)
    });
}

fn program_name(args: &[String]) -> &str {
    args.first()
        .map(|program| program.rsplit('/').next().unwrap_or(program))
        .unwrap_or_default()
}

/// Waits (at most an hour) while another process whose command line `matches` is running.
/// Looks at /proc, so on systems without it this returns at once.
fn wait_while_running(what: &str, matches: impl Fn(&[String]) -> bool) {
    let start = Instant::now();
    let mut announced = false;
    while start.elapsed() < Duration::from_secs(3600) && other_process_matches(&matches) {
        if !announced {
            println!("waiting for another {what} to finish...");
            announced = true;
        }
        thread::sleep(Duration::from_secs(5));
    }
    if announced {
        println!("... done waiting for {what} ({:.0?})", start.elapsed());
    }
}

fn other_process_matches(matches: &impl Fn(&[String]) -> bool) -> bool {
    let me = std::process::id().to_string();
    let Ok(entries) = fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let pid = entry.file_name();
        let pid = pid.to_string_lossy();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let Ok(cmdline) = fs::read(entry.path().join("cmdline")) else {
            return false;
        };
        let args: Vec<String> = cmdline
            .split(|&b| b == 0)
            .filter(|arg| !arg.is_empty())
            .map(|arg| String::from_utf8_lossy(arg).into_owned())
            .collect();
        matches(&args)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
"#;

    #[test]
    fn finds_the_locked_version() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen-macro").unwrap(),
            "0.2.130"
        );
    }

    #[test]
    fn a_missing_or_doubled_package_is_an_error() {
        assert!(locked_version(LOCK, "trunk").is_err());
        let doubled =
            format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&doubled, "wasm-bindgen").is_err());
    }

    #[test]
    fn the_lock_of_this_repository_names_wasm_bindgen() {
        let lock = fs::read_to_string(cmd::root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_ok());
    }

    #[test]
    fn reads_the_reported_version() {
        assert_eq!(
            reported_version("trunk 0.21.14\n", "trunk"),
            Some("0.21.14")
        );
        assert_eq!(
            reported_version("wasm-bindgen 0.2.130", "wasm-bindgen"),
            Some("0.2.130")
        );
        assert_eq!(reported_version("trunk\n", "trunk"), None);
        assert_eq!(reported_version("other 1.0", "trunk"), None);
        assert_eq!(reported_version("", "trunk"), None);
    }

    #[test]
    fn names_the_program_of_a_command_line() {
        let args = |line: &str| line.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            program_name(&args("/root/.cargo/bin/cargo install trunk")),
            "cargo"
        );
        assert_eq!(
            program_name(&args("apt-get install -y chromium")),
            "apt-get"
        );
        assert_eq!(program_name(&[]), "");
    }
}
