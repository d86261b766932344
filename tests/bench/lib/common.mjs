// Shared by the benchmark scripts: the relay as a child process, Chromium, small statistics.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

export const relayBin = resolve(process.env.KENESH_RELAY_BIN ?? "target/debug/kenesh-relay");
export const dist = resolve(process.env.KENESH_DIST ?? "dist");

/**
 * Starts the relay on a free loopback port, in a fresh folder of its own (for whatever it
 * stores); resolves to { url, stop() }. `stop()` kills it: the app is then really offline.
 */
export function startRelay() {
  const folder = mkdtempSync(join(tmpdir(), "kenesh-bench-relay-"));
  const child = spawn(relayBin, ["--dist", dist, "--addr", "127.0.0.1:0"], {
    cwd: folder,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((done) =>
    child.once("exit", () => done(rmSync(folder, { recursive: true, force: true }))),
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the relay printed no address in 30 s")), 30_000);
    child.once("error", reject);
    exited.then(() => reject(new Error("the relay exited before printing its address")));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      const match = line.match(/Kenesh is running at (\S+)/);
      if (match) resolve({ url: match[1], stop });
      else stop().then(() => reject(new Error(`unexpected relay output: ${line}`)));
    });
  });
}

/**
 * Chromium with a fresh profile on disk (as a user's is: IndexedDB really writes to disk);
 * resolves to the browser context, whose `close()` also removes the profile.
 */
export async function launchProfile() {
  const profile = mkdtempSync(join(tmpdir(), "kenesh-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      // Chromium 156 draws its address bar's suggestions with WebUI pages that it loads in a
      // renderer of their own while each new tab opens (some 300 module requests): on two
      // cores that took 50-90 ms from the app's own open (BENCHMARKS.md). An installed app's
      // window has no address bar.
      "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
    ],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/**
 * Ends `page` as a crash does: no event of the page runs (a closed tab writes the app's views
 * as the page is hidden).
 */
export async function crash(page) {
  const crashed = page.waitForEvent("crash");
  (await page.context().newCDPSession(page)).send("Page.crash").catch(() => {});
  await crashed;
  await page.close();
}

/** The value at quantile q (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const round = (x, digits = 1) => Number(x.toFixed(digits));

/** Prints the result as the last line of stdout, for `cargo xtask bench`. */
export function report(result) {
  console.log(JSON.stringify(result));
}

export const log = (...args) => console.error(...args);

/**
 * The generated space written by `cargo xtask bench` into KENESH_BENCH_SPACE: its identity
 * (`space_id`, `actor`, `member_id`, `staff`) and its two snapshots in base64.
 */
export function generatedSpace() {
  const folder = process.env.KENESH_BENCH_SPACE ?? "target/bench";
  const read = (name) => readFileSync(join(folder, name));
  return {
    identity: JSON.parse(read("identity.json").toString("utf8")),
    snapshots: { space: read("space.bin").toString("base64"), people: read("people.bin").toString("base64") },
  };
}

/**
 * In the page (`page.evaluate(injectSpace, generatedSpace())`): the space's snapshots into
 * IndexedDB with the stores of crates/platform/src/doc_store.rs (version 1), and its identity
 * into localStorage, as if this device had created it.
 */
export async function injectSpace({ identity, snapshots }) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(`kenesh-${identity.space_id}`, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore("snapshots", { keyPath: "doc" });
      open.result.createObjectStore("chunks", { keyPath: ["doc", "key"] });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction("snapshots", "readwrite");
    for (const [doc, base64] of Object.entries(snapshots)) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      tx.objectStore("snapshots").put({ doc, key: "000000000000000-00000000-0000000000000000", bytes });
    }
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const { space_id, actor, member_id } = identity;
  localStorage.setItem("kenesh.identity", JSON.stringify({ space_id, actor, member_id }));
}

/** p50, p95, max and mean of durations in ms. */
export function stats(durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50_ms: round(quantile(sorted, 0.5)),
    p95_ms: round(quantile(sorted, 0.95)),
    max_ms: round(sorted.at(-1)),
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}
