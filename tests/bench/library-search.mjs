// Library search in the browser (#5): the generated space of `cargo xtask bench` plus the
// reference library that `library-search --write` put beside it (KENESH_BENCH_SPACE:
// library.bin, 2,000 documents, and library-texts.json, the text extracted from their files)
// are stored in IndexedDB as this device's; the library list is opened (the index is built
// then: every field and file text folded) and each query is typed into the search box RUNS
// times; the time is from the input event to the frame after the list was updated (the
// results on screen). The app's own WebAssembly in Chromium, no network.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generatedSpace, injectSpace, launchProfile, log, report, startRelay, stats } from "./lib/common.mjs";

const RUNS = Number(process.env.KENESH_BENCH_RUNS ?? 10);
const folder = process.env.KENESH_BENCH_SPACE ?? "target/bench";
const QUERIES = [
  "мугалим",
  "ӨНҮКТҮРҮҮ",
  "онуктуруу",
  "функционалдык сабаттуулук",
  "повышение квалификации",
  "15-п",
  "инклюзивдик билим",
  "жокбулсөз",
  "а",
];

const space = generatedSpace();
space.snapshots.library = readFileSync(join(folder, "library.bin")).toString("base64");
const texts = JSON.parse(readFileSync(join(folder, "library-texts.json"), "utf8"));

const relay = await startRelay();
const context = await launchProfile();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  await page.goto(relay.url);
  await page.evaluate(injectSpace, space);
  await page.goto(`${relay.url}/#/library`);
  await page.locator("[data-testid=library-count]").waitFor({ timeout: 120_000 });
  // The blob store (created by the app) gets the extracted texts, as attaching did.
  const stored = await page.evaluate(async ({ spaceId, texts }) => {
    for (let i = 0; i < 300; i++) {
      const db = await new Promise((ok, fail) => {
        const open = indexedDB.open(`kenesh-${spaceId}`);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      if (db.objectStoreNames.contains("blob_texts")) {
        await new Promise((ok, fail) => {
          const tx = db.transaction("blob_texts", "readwrite");
          for (const [id, text] of texts) tx.objectStore("blob_texts").put({ id, text });
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        db.close();
        return texts.length;
      }
      db.close();
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the app created no blob_texts store");
  }, { spaceId: space.identity.space_id, texts });
  log(`stored ${stored} extracted texts`);

  // Open the list afresh: documents and texts load, the index is built.
  const opened = performance.now();
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=library-row]").length > 0, null, { timeout: 120_000 });
  const firstRows = performance.now() - opened;
  log(`list shown ${Math.round(firstRows)} ms after the reload began`);

  const search = page.locator("[data-testid=library-search]");
  const typeAndWait = (q) =>
    page.evaluate(async (q) => {
      const input = document.querySelector("[data-testid=library-search]");
      const count = document.querySelector("[data-testid=library-count]");
      const before = count.textContent;
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { ms: performance.now() - t0, count: count.textContent, changed: count.textContent !== before };
    }, q);
  await search.waitFor();
  // The texts are in the index once a phrase found only in files' text is found.
  await page.waitForFunction(() => {
    const input = document.querySelector("[data-testid=library-search]");
    if (input.value !== "повышение квалификации") {
      input.value = "повышение квалификации";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return !/^\D*0\s*\//.test(document.querySelector("[data-testid=library-count]").textContent);
  }, null, { timeout: 120_000, polling: 200 });
  const indexed = performance.now() - opened;
  log(`texts searchable ${Math.round(indexed)} ms after the reload began`);

  const results = [];
  const all = [];
  for (const q of QUERIES) {
    const samples = [];
    let shown = "";
    for (let i = 0; i < RUNS + 2; i++) {
      await typeAndWait("");
      const r = await typeAndWait(q);
      shown = r.count;
      if (i >= 2) samples.push(r.ms); // two warm-up runs
    }
    const s = stats(samples);
    log(`${q.padStart(28)}: ${shown.trim()} — p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, max ${s.max_ms} ms`);
    results.push({ query: q, shown: shown.match(/\d+\s*\/\s*\d+/)?.[0] ?? shown.trim(), latency: s });
    all.push(...samples);
  }
  report({
    documents: 2000,
    texts: texts.length,
    list_first_rows_ms: Math.round(firstRows),
    texts_searchable_ms: Math.round(indexed),
    runs_per_query: RUNS,
    queries: results,
    all: stats(all),
    chromium: context.browser()?.version() ?? "?",
  });
} finally {
  await context.close();
  await relay.stop();
}
