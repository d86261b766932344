// Library search in the browser (#5): the generated space of `cargo xtask bench` plus the
// reference library that `library-search --write` put beside it (KENESH_BENCH_SPACE:
// library.bin, 2,000 documents, and library-texts.json, the text extracted from their files)
// are stored in IndexedDB as this device's; the library list is opened (the index is built
// then: every field and file text folded) and each query is typed into the search box RUNS
// times; the time is from the input event to the frame after the list was updated (the
// results on screen). Then a 20 MB PDF (made in the page: a page of text and a 20 MB image)
// is attached to a document, timing the attach and the longest task that held the page
// (read, text extracted, hashed, sealed, stored). The app's own WebAssembly in Chromium, no
// network. KENESH_BENCH_RUNS sets the runs per query; KENESH_BENCH_QUERIES (comma-separated)
// replaces the queries, for a quicker look.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generatedSpace, injectSpace, launchProfile, log, report, startRelay, stats } from "./lib/common.mjs";

const RUNS = Number(process.env.KENESH_BENCH_RUNS ?? 10);
const folder = process.env.KENESH_BENCH_SPACE ?? "target/bench";
const QUERIES = process.env.KENESH_BENCH_QUERIES ? process.env.KENESH_BENCH_QUERIES.split(",") : [
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
  page.on("crash", () => log("the page crashed"));
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
  // Attach a 20 MB PDF to the first document of the list.
  await typeAndWait("");
  await page.locator("[data-testid=library-row] a").first().click();
  await page.locator("[data-testid=attach-file]").waitFor();
  const attach = await page.evaluate(async () => {
    let x = 2026;
    const image = new Uint8Array(20 * 1024 * 1024);
    for (let i = 0; i < image.length; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      image[i] = x >>> 24;
    }
    const content = "BT /F1 12 Tf 72 760 Td (Attached for the benchmark) Tj ET";
    const head = [
      "%PDF-1.4\n",
      "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
      "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>\nendobj\n",
      `4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`,
      "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n",
      `6 0 obj\n<< /Type /XObject /Subtype /Image /Width 4096 /Height 2048 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${image.length} >>\nstream\n`,
    ];
    // The cross-reference table: each object's offset (the parts before the image are ASCII).
    const offsets = [];
    let at = 0;
    for (const part of head) {
      if (/^\d+ 0 obj/.test(part)) offsets.push(at);
      at += part.length;
    }
    const xref = at + image.length + "\nendstream\nendobj\n".length;
    const tail = [
      "\nendstream\nendobj\n",
      `xref\n0 7\n0000000000 65535 f \n`,
      ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
      `trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ].join("");
    const file = new File([...head, image, tail], "attach-bench.pdf", { type: "application/pdf" });
    const input = document.querySelector("[data-testid=attach-file]");
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: "longtask" });
    const t0 = performance.now();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const problem = await new Promise((done) => {
      const check = () => {
        if (document.querySelector('[data-testid=file-row][data-file="attach-bench.pdf"]')) return done(null);
        const problem = document.querySelector("[data-testid=file-problem]");
        if (problem) return done(problem.textContent);
        setTimeout(check, 20);
      };
      check();
    });
    if (problem) throw new Error(`the file was not attached: ${problem}`);
    const ms = performance.now() - t0;
    tasks.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    return { mb: file.size / 1e6, ms, longest_task_ms: Math.max(0, ...tasks) };
  });
  log(`attached a ${attach.mb.toFixed(1)} MB PDF in ${Math.round(attach.ms)} ms; the longest task ${Math.round(attach.longest_task_ms)} ms`);

  report({
    attach_mb: Math.round(attach.mb * 10) / 10,
    attach_ms: Math.round(attach.ms),
    attach_longest_task_ms: Math.round(attach.longest_task_ms),
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
