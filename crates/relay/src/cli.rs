//! Command-line flags of the `kenesh-relay` binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Kenesh relay: serves the built Kenesh app on one address.
///
/// On start it prints one line to stdout, `Kenesh is running at http://ADDR/`, with the real
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
    fn defaults_are_loopback_and_dist() {
        let cli = Cli::parse_from(["kenesh-relay"]);
        assert_eq!(cli.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(cli.dist, PathBuf::from("dist"));
    }

    #[test]
    fn port_zero_is_accepted() {
        let cli = Cli::parse_from(["kenesh-relay", "--addr", "127.0.0.1:0"]);
        assert_eq!(cli.addr.port(), 0);
    }
}
