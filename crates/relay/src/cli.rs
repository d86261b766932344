//! Command-line flags of the `kenesh-relay` binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::Limits;

/// Kenesh relay: serves the built Kenesh app and its sync API on one address.
///
/// The sync API stores each school space's encrypted entries, blobs and snapshot in one
/// SQLite file (--data); the relay cannot read them. On start it prints one line to stdout, `Kenesh is running at http://ADDR/`, with the real
/// address (useful with port 0). Logs go to stderr; set RUST_LOG (e.g. `debug`) for more.
#[derive(Debug, Clone, Parser)]
#[command(name = "kenesh-relay", version)]
pub struct Cli {
    /// Address to listen on, IP:PORT. Port 0 picks a free port; the line printed on start
    /// shows the real one. Use 0.0.0.0:PORT to let other devices on the network connect.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Folder of the built app (what `cargo xtask build` writes), served at `/`. It must
    /// contain index.html.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,

    /// SQLite file holding the spaces (created if missing, with `-wal` and `-shm` files
    /// beside it). Back it up with the relay stopped, or with `sqlite3 FILE .backup`.
    #[arg(long, value_name = "FILE", default_value = "kenesh-relay.sqlite3")]
    pub data: PathBuf,

    /// Most WebSocket connections held at once; beyond that new ones are answered 503.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_connections)]
    pub max_connections: usize,

    /// Requests per second each access token may make on average; beyond it the relay
    /// answers 429. 0 turns the limit off.
    #[arg(long, value_name = "PER_SECOND", default_value_t = Limits::default().rate)]
    pub rate: f64,

    /// Requests a token may make at once after a quiet spell (the bucket of --rate).
    #[arg(long, value_name = "N", default_value_t = Limits::default().burst)]
    pub burst: u32,
}

impl Cli {
    /// The limits these flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            max_connections: self.max_connections,
            rate: self.rate,
            burst: self.burst,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_are_loopback_dist_and_a_file_here() {
        let cli = Cli::parse_from(["kenesh-relay"]);
        assert_eq!(cli.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(cli.dist, PathBuf::from("dist"));
        assert_eq!(cli.data, PathBuf::from("kenesh-relay.sqlite3"));
        assert_eq!(cli.limits(), Limits::default());
    }

    #[test]
    fn limits_are_flags() {
        let cli = Cli::parse_from([
            "kenesh-relay",
            "--max-connections",
            "3",
            "--rate",
            "0",
            "--burst",
            "9",
        ]);
        assert_eq!(
            cli.limits(),
            Limits {
                max_connections: 3,
                rate: 0.0,
                burst: 9
            }
        );
    }

    #[test]
    fn port_zero_is_accepted() {
        let cli = Cli::parse_from(["kenesh-relay", "--addr", "127.0.0.1:0"]);
        assert_eq!(cli.addr.port(), 0);
    }
}
