//! Server processes under test: started as children, their address read from their first
//! line of stdout, their memory read from `/proc`, killed when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};

pub struct Server {
    child: Child,
    /// What the server printed first, after the expected prefix.
    pub first_line: String,
}

impl Server {
    /// Starts `command` and waits (up to 60 s) for a line of stdout starting with `prefix`.
    /// Stderr is kept (the server's own logs show with the bench's).
    pub fn start(mut command: Command, prefix: &str) -> Result<Server> {
        command.stdout(Stdio::piped()).stderr(Stdio::inherit());
        let shown = format!("{command:?}");
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start {shown}"))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let _ = sender.send(line); // after the first, only drained
            }
        });
        let mut server = Server {
            child,
            first_line: String::new(),
        };
        loop {
            match receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(Ok(line)) => {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        server.first_line = rest.trim().to_owned();
                        return Ok(server);
                    }
                }
                _ => bail!("{shown} did not print `{prefix}…` within 60 s"),
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory (`VmRSS`) in bytes.
    pub fn rss(&self) -> Result<u64> {
        rss(self.pid())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `VmRSS` of a process, in bytes.
pub fn rss(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("cannot read /proc/{pid}/status"))?;
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .context("no VmRSS in /proc/PID/status")?;
    Ok(kb * 1024)
}

/// A port free on loopback now (for servers that cannot be given port 0).
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// Raises this process's soft limit of open files to its hard limit (children inherit
/// it): thousands of WebSockets need thousands of descriptors on both ends. Returns the
/// limit now in force.
pub fn raise_open_files() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 0;
        }
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
    }
    limit.rlim_cur
}
