//! `cargo xtask`: the project's commands, plain Rust instead of shell scripts.
//!
//! - `tools`: installs what is missing (wasm32 target, Trunk, wasm-bindgen-cli, npm packages,
//!   Chromium), never rebuilding what is already there at the right version;
//! - `build`: the release build of the web app into `dist/`, offline;
//! - `serve`: build, then the relay serving `dist/`;
//! - `test`: everything CI checks, step by step, stopping at the first failure;
//! - `bench`: build, measure the goals in the browser and the relay's capacity, append the
//!   results to BENCHMARKS.md (`bench browser` or `bench relay` for one half).

mod bench;
mod build;
mod cmd;
mod serve;
mod test;
mod tools;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Kenesh project commands"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Install what building and testing need, only what is missing: the wasm32 target,
    /// Trunk, wasm-bindgen-cli (the version in Cargo.lock), npm packages, Chromium.
    Tools,
    /// Install tools, then build the web app (release, offline) into dist/.
    Build,
    /// Build the web app, then serve it with the relay and print its address.
    Serve {
        /// Address for the relay to listen on, IP:PORT (port 0 picks a free one).
        #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// fmt, clippy (host and wasm32), native tests, browser tests, end-to-end tests.
    Test,
    /// Build, then measure first-load transfer, edit-to-durable latency and opening a
    /// 2,000-staff space offline in Chromium (browser), and the relay's appends, idle
    /// WebSockets and a new device's bootstrap beside an automerge-repo sync server (relay);
    /// print them and append them to BENCHMARKS.md. Both when no half is named.
    Bench {
        #[arg(value_enum)]
        which: Option<bench::Which>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Tools => tools::ensure_all(),
        Command::Build => {
            tools::ensure_all()?;
            build::app()
        }
        Command::Serve { addr } => serve::run(&addr),
        Command::Test => test::run(),
        Command::Bench { which } => bench::run(which),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn commands_are_consistent() {
        Cli::command().debug_assert();
    }
}
