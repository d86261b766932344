//! A temporary folder laid out like Trunk's output, with a secret file next to it that no
//! request may reach.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

pub mod oneshot;
pub mod process;
pub mod random;
pub mod ws;

pub const INDEX_HTML: &str = "<!doctype html><html><head><title>Kenesh</title>\
    <link rel=\"manifest\" href=\"/manifest.webmanifest\"></head><body></body></html>\n";
pub const SECRET: &str = "SECRET-OUTSIDE-DIST";
pub const HASHED_JS: &str = "kenesh-1a2b3c4d5e6f7a8b.js";
pub const HASHED_WASM: &str = "kenesh-1a2b3c4d5e6f7a8b_bg.wasm";

pub struct Site {
    root: TempDir,
}

impl Site {
    /// `ROOT/dist/` holds the app; `ROOT/Cargo.toml` and `ROOT/secret.txt` hold [`SECRET`].
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let dist = root.path().join("dist");
        fs::create_dir_all(dist.join("icons")).unwrap();
        for (name, contents) in Self::files() {
            fs::write(dist.join(name), contents).unwrap();
        }
        fs::write(root.path().join("Cargo.toml"), SECRET).unwrap();
        fs::write(root.path().join("secret.txt"), SECRET).unwrap();
        Self { root }
    }

    pub fn dist(&self) -> PathBuf {
        self.root.path().join("dist")
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// Every file of the fake app, by its path under dist.
    pub fn files() -> Vec<(&'static str, Vec<u8>)> {
        let js = "export function greet(name) { return `Salam, ${name}!`; }\n".repeat(64);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend((0..4096u32).map(|i| (i % 7) as u8));
        let manifest = r#"{"name":"Kenesh","short_name":"Kenesh","start_url":"/","display":"standalone","icons":[]}"#;
        vec![
            ("index.html", INDEX_HTML.as_bytes().to_vec()),
            (
                "sw.js",
                "self.addEventListener('fetch', () => {});\n"
                    .repeat(8)
                    .into_bytes(),
            ),
            ("manifest.webmanifest", manifest.as_bytes().to_vec()),
            (HASHED_JS, js.into_bytes()),
            (HASHED_WASM, wasm),
            (
                "style-0f3c9e2d1b4a5c6d.css",
                "body { margin: 0; }\n".repeat(16).into_bytes(),
            ),
            (
                "icons/icon-192.png",
                b"\x89PNG\r\n\x1a\nnot really a picture".to_vec(),
            ),
        ]
    }

    pub fn file(name: &str) -> Vec<u8> {
        Self::files()
            .into_iter()
            .find(|(file, _)| *file == name)
            .map(|(_, contents)| contents)
            .expect("a fixture file")
    }
}
