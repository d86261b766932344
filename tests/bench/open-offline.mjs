// Open offline to first screen: the app is visited once so its service worker installs; a
// generated space (snapshots written by `cargo xtask bench` into KENESH_BENCH_SPACE: space.bin,
// people.bin, identity.json) is put into IndexedDB and localStorage; the relay is stopped;
// the space is opened once (the "cold" open: nothing but the snapshots is stored yet), and
// the app stores its view of the staff list as it does in use; then RUNS fresh pages open
// the app and the time from navigation start to the `kenesh-first-screen` mark is taken,
// with where it went and when that screen was drawn. Then CLOSED_RUNS times a staff member is
// edited, the tab closed at once and the app opened again. Last, one is edited and the
// page crashes at once, before the app writes its view again (a closed tab writes it as the
// page is hidden): OLDER_RUNS opens with that older view (the staff document loads before
// the first screen, seeded by it) are timed too.
import { crash, generatedSpace, injectSpace, launchProfile, log, quantile, report, round, startRelay } from "./lib/common.mjs";

const RUNS = Number(process.env.KENESH_BENCH_RUNS ?? 15);
const OLDER_RUNS = Number(process.env.KENESH_BENCH_OLDER_RUNS ?? 5);
const CLOSED_RUNS = Number(process.env.KENESH_BENCH_CLOSED_RUNS ?? 5);
const space = generatedSpace();
const staff = Number(space.identity.staff);

const relay = await startRelay();
const context = await launchProfile();

/** A new page of the app, in which the first listed staff member's phone is set and stored. */
async function edited(phone) {
  const editor = await context.newPage();
  await editor.goto(relay.url);
  const member = editor.locator("table tbody tr a[href^='#/staff/']").first();
  await member.waitFor({ timeout: 60_000 });
  await editor.evaluate((hash) => (location.hash = hash), `${await member.getAttribute("href")}/edit`);
  await editor.fill("input[name=phone]", phone);
  await editor.click("[data-testid=save]");
  await editor.waitForFunction(() => performance.getEntriesByName("kenesh-edit-durable").length > 0);
  return editor;
}

/** A new page of the app, once each of the performance marks `waitFor` is set. */
async function openedAfter(waitFor) {
  const page = await context.newPage();
  await page.goto(relay.url);
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), waitFor, {
    timeout: 60_000,
  });
  return page;
}

/** When each of the performance marks `names` was set in `page` (NaN if it was not). */
const marks = (page, names) =>
  page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN), names);
try {
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(relay.url);
  await first.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await first.evaluate(injectSpace, space);
  await first.close();
  await relay.stop();
  log("relay stopped: offline from here");

  // The cold open, then wait (up to 20 s) until the app has stored its view of the staff.
  const cold = await openedAfter(["kenesh-first-screen"]);
  const [cold_ms] = await marks(cold, ["kenesh-first-screen"]);
  const viewStored = await cold.evaluate(async (spaceId) => {
    for (let i = 0; i < 200; i++) {
      const found = await new Promise((resolve) => {
        const open = indexedDB.open(`kenesh-${spaceId}`);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("views")) return resolve(false), db.close();
          const get = db.transaction("views").objectStore("views").get("people");
          get.onsuccess = () => resolve(get.result !== undefined);
          get.onerror = () => resolve(false);
          get.transaction.oncomplete = () => db.close();
        };
        open.onerror = () => resolve(false);
      });
      if (found) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }, space.identity.space_id);
  await cold.close();
  log(`cold open: first screen at ${round(cold_ms)} ms; view stored: ${viewStored}`);

  // Phases: when the wasm has been compiled and instantiated and `main` has run, and when
  // the frame after the first-screen mark has been drawn (style, layout and paint done).
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", () => performance.mark("bench-app-started"));
    const frame = () =>
      performance.getEntriesByName("kenesh-first-screen").length > 0
        ? setTimeout(() => performance.mark("bench-drawn"))
        : requestAnimationFrame(frame);
    requestAnimationFrame(frame);
  });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await openedAfter(["bench-drawn", "kenesh-documents-loaded"]);
    const run = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
      return {
        first_screen_ms: at("kenesh-first-screen"),
        html_ms: performance.getEntriesByType("navigation")[0].responseEnd,
        wasm_fetched_ms: wasm?.responseEnd ?? NaN,
        app_started_ms: at("bench-app-started"),
        space_open_ms: at("kenesh-space-open"),
        documents_loaded_ms: at("kenesh-documents-loaded"),
        drawn_ms: at("bench-drawn"),
        count: document.querySelector("[data-testid=staff-count]")?.textContent ?? "",
        rows: document.querySelectorAll("[data-testid=staff-count] ~ * tbody tr").length,
      };
    });
    if (!new RegExp(`\\b${staff} / ${staff}\\b`).test(run.count)) {
      throw new Error(`the list does not show ${staff} staff: ${JSON.stringify(run.count)}`);
    }
    log(`run ${i + 1}: ${JSON.stringify(run)}`);
    runs.push(run);
    await page.close();
  }

  // An edit, the tab closed at once: the page writes its views as it is hidden, so the next
  // start draws its first screen from their copies, before the stored parts are read.
  const closed = [];
  for (let i = 0; i < CLOSED_RUNS; i++) {
    await (await edited(`+996 555 000 1${i}`)).close();
    const page = await openedAfter(["kenesh-first-screen", "kenesh-space-open"]);
    const [first_screen_ms, space_open_ms] = await marks(page, ["kenesh-first-screen", "kenesh-space-open"]);
    const run = { first_screen_ms, space_open_ms };
    await page.close();
    if (!(run.first_screen_ms < run.space_open_ms)) {
      throw new Error(`after a closed tab the first screen waited for the stored parts: ${JSON.stringify(run)}`);
    }
    log(`after a closed tab, run ${i + 1}: ${JSON.stringify(run)}`);
    closed.push(run.first_screen_ms);
  }

  // An edit the stored view has not caught up with: the page that made it crashes, and so
  // does each open as soon as its first screen is drawn, before the app would write its
  // view again.
  await crash(await edited("+996 555 000 001"));
  const older = [];
  for (let i = 0; i < OLDER_RUNS; i++) {
    const page = await openedAfter(["kenesh-first-screen"]);
    const [first_screen_ms, loaded_ms, seeded_ms] = await marks(page, ["kenesh-first-screen", "kenesh-loaded-people", "kenesh-seeded-staff"]);
    const run = { first_screen_ms, loaded_ms, seeded: !Number.isNaN(seeded_ms) };
    await crash(page);
    if (!(run.loaded_ms < run.first_screen_ms)) {
      throw new Error(`the view was not older than what is stored: ${JSON.stringify(run)}`);
    }
    log(`older view, run ${i + 1}: ${JSON.stringify(run)}`);
    older.push(run);
  }

  const sorted = (key) => runs.map((r) => r[key]).sort((a, b) => a - b);
  const medianOf = (values) => round(quantile([...values].sort((a, b) => a - b), 0.5));
  const median = (key) => medianOf(runs.map((r) => r[key]));
  report({
    runs: runs.map((r) => round(r.first_screen_ms)),
    median_ms: median("first_screen_ms"),
    max_ms: round(sorted("first_screen_ms").at(-1)),
    median_html_ms: median("html_ms"),
    median_wasm_fetched_ms: median("wasm_fetched_ms"),
    median_app_started_ms: median("app_started_ms"),
    median_space_open_ms: median("space_open_ms"),
    median_documents_loaded_ms: median("documents_loaded_ms"),
    cold_ms: round(cold_ms),
    view_stored: viewStored,
    median_drawn_ms: median("drawn_ms"),
    count_text: runs[0].count.trim(),
    rows: runs[0].rows,
    older_view_runs: older.map((r) => round(r.first_screen_ms)),
    older_view_median_ms: medianOf(older.map((r) => r.first_screen_ms)),
    closed_tab_runs: closed.map((ms) => round(ms)),
    closed_tab_median_ms: medianOf(closed),
    older_view_seeded: older.every((r) => r.seeded),
  });
} finally {
  await context.close();
  await relay.stop();
}
