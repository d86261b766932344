//! `library-search`: the library search benchmark of `cargo xtask bench library` (#5).
//! Generates the reference library (2,000 documents from a fixed seed, a few KB of text
//! extracted from each attached file), builds the search index as the list screen does (and
//! updates it after one edit) and times whole searches (index scan, filters, sort) for
//! queries people type: Kyrgyz words with and without their letters, Russian phrases, order
//! numbers written several ways, a word found nowhere (every document scanned) and one
//! letter (almost everything found, then sorted). Prints progress, then the results as one
//! line of JSON.
//!
//! Goal (issue #5): results within 100 ms. Benchmarks report, they never judge.
//!
//! `library-search --write <folder>` instead writes the library for the browser benchmark
//! (`tests/bench/library-search.mjs`): `library.bin` (the Automerge document) and
//! `library-texts.json` (`[[blob id, text], …]`, what the device extracted from the files).

#[path = "../stats.rs"]
#[allow(dead_code)]
mod stats;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::Result;
use kenesh_core::Date;
use kenesh_core::generator::{reference_library, reference_school, reference_work};
use kenesh_core::library::{LibraryDocument, LibraryIndex, LibraryQuery};
use kenesh_core::staff::StaffMember;
use kenesh_core::structure::Association;
use serde_json::json;
use stats::{Percentiles, millis};

const SEED: u64 = 2026;
const DOCUMENTS: usize = 2_000;
const STAFF: usize = 60;
const ACTOR: [u8; 16] = *b"kenesh-bench-lib";
const WARMUP: usize = 3;
const RUNS: usize = 50;
const INDEX_RUNS: usize = 5;

/// What people type, and why it is here.
const QUERIES: [(&str, &str); 9] = [
    ("мугалим", "a common Kyrgyz word"),
    ("ӨНҮКТҮРҮҮ", "Kyrgyz letters in capitals"),
    ("онуктуруу", "the same typed without Kyrgyz letters"),
    ("функционалдык сабаттуулук", "two words"),
    ("повышение квалификации", "a Russian phrase"),
    ("15-п", "an order number"),
    (
        "инклюзивдик билим",
        "a topic: in about a tenth of the titles",
    ),
    ("жокбулсөз", "found nowhere: every document scanned"),
    ("а", "one letter: almost everything found, then sorted"),
];

fn main() -> Result<()> {
    let today = Date::new(2026, 11, 25).expect("a date");
    let started = Instant::now();
    let mut school = reference_school(SEED, STAFF, today, &ACTOR);
    let mut staff: Vec<String> = school.people.all::<StaffMember>()?.into_keys().collect();
    staff.sort();
    let mut work = reference_work(SEED, &staff, 1, today, &ACTOR);
    let mut associations: Vec<String> = work.structure.all::<Association>()?.into_keys().collect();
    associations.sort();
    let mut generated = reference_library(SEED, DOCUMENTS, &staff, &associations, today, &ACTOR);
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, folder] = args.as_slice()
        && flag == "--write"
    {
        let folder = std::path::Path::new(folder);
        std::fs::create_dir_all(folder)?;
        std::fs::write(folder.join("library.bin"), generated.library.save())?;
        let texts: Vec<(&str, &String)> = generated
            .texts
            .iter()
            .map(|(id, text)| (id.as_str(), text))
            .collect();
        std::fs::write(
            folder.join("library-texts.json"),
            serde_json::to_string(&texts)?,
        )?;
        println!(
            "wrote library.bin and library-texts.json to {}",
            folder.display()
        );
        return Ok(());
    }
    let documents: HashMap<String, LibraryDocument> = generated.library.all()?;
    let texts = &generated.texts;
    let text_bytes: usize = texts.values().map(String::len).sum();
    let files: usize = documents.values().map(|d| d.files.len()).sum();
    let per_document: Vec<usize> = documents
        .values()
        .map(|d| {
            d.files
                .iter()
                .filter_map(|f| texts.get(&f.blob))
                .map(String::len)
                .sum()
        })
        .collect();
    let mean_kb = per_document.iter().sum::<usize>() as f64 / per_document.len() as f64 / 1e3;
    println!(
        "generated {} documents, {files} files, {:.1} MB of extracted text in {:.1} s",
        documents.len(),
        text_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..INDEX_RUNS {
        let t = Instant::now();
        let built = LibraryIndex::new(documents.iter(), texts);
        builds.push(t.elapsed());
        index = Some(built);
    }
    let index = index.expect("built");
    let build = Percentiles::of(&builds);
    println!(
        "index built in {} ms (median of {INDEX_RUNS})",
        build.p50_ms
    );
    // One document edited, as the list updates its index after an edit.
    let mut edited = documents.clone();
    let some = edited.keys().min().expect("documents").clone();
    edited
        .get_mut(&some)
        .expect("there")
        .title
        .push_str(" (өзгөртүлдү)");
    let mut updates = Vec::new();
    for _ in 0..INDEX_RUNS {
        let t = Instant::now();
        let updated = index.updated(edited.iter(), texts);
        updates.push(t.elapsed());
        assert_eq!(updated.folded(), 1, "only the edited document is folded");
    }
    let update = Percentiles::of(&updates);
    println!(
        "index updated after one edit in {} ms (median of {INDEX_RUNS})",
        update.p50_ms
    );

    // One order's number as someone types it from another paper: with the sign, capitals.
    let mut ids: Vec<&String> = documents.keys().collect();
    ids.sort();
    let number = ids
        .iter()
        .map(|id| &documents[*id].number)
        .find(|n| n.contains('/'))
        .map(|n| format!("№ {}", n.trim_start_matches(['№', ' ']).to_uppercase()))
        .unwrap_or_default();
    let queries = QUERIES
        .iter()
        .map(|&(q, why)| (q.to_string(), why))
        .chain([(
            number,
            "an order's number typed with the sign and in capitals",
        )]);
    let mut all: Vec<Duration> = Vec::new();
    let mut rows = Vec::new();
    for (query, why) in queries {
        let q = LibraryQuery {
            search: query.clone(),
            ..LibraryQuery::default()
        };
        let found = q.run(documents.iter(), &index).len();
        for _ in 0..WARMUP {
            black_box(q.run(documents.iter(), &index).len());
        }
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            black_box(q.run(black_box(documents.iter()), &index).len());
            samples.push(t.elapsed());
        }
        let p = Percentiles::of(&samples);
        println!(
            "{query:>28}: {found:>5} found, p50 {} ms, p99 {} ms, max {} ms ({why})",
            p.p50_ms, p.p99_ms, p.max_ms
        );
        all.extend(&samples);
        rows.push(json!({
            "query": query,
            "why": why,
            "found": found,
            "latency": p,
        }));
    }
    let overall = Percentiles::of(&all);
    let result = json!({
        "documents": documents.len(),
        "files": files,
        "text_mb": stats::round(text_bytes as f64 / 1e6),
        "text_kb_per_document": stats::round(mean_kb),
        "index_build_ms": build.p50_ms,
        "index_update_ms": update.p50_ms,
        "index_build_max_ms": millis(*builds.iter().max().expect("runs")),
        "runs_per_query": RUNS,
        "queries": rows,
        "all": overall,
    });
    println!("{result}");
    Ok(())
}
