// First-load transfer: a fresh relay and a fresh browser profile load the app; every
// response's transfer size (headers + encoded body, PerformanceResourceTiming.transferSize)
// is summed for the page itself and for the service worker's precache, which is waited for.
// Also each file of dist/ raw, gzip (level 9) and brotli (quality 11).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { dist, launchProfile, log, report, startRelay } from "./lib/common.mjs";

function distFiles(folder = dist) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return distFiles(path);
    if (/\.(br|gz)$/.test(name)) return []; // the build's precompressed copies
    const bytes = readFileSync(path);
    return [{
      file: relative(dist, path),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    }];
  });
}

const entries = () =>
  [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
    url: e.name,
    bytes: e.transferSize,
  }));

const relay = await startRelay();
const context = await launchProfile();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  let wasmEncoding = null;
  let acceptEncoding = null;
  page.on("response", async (response) => {
    if (response.url().endsWith(".wasm")) {
      wasmEncoding = (await response.allHeaders())["content-encoding"] ?? "identity";
      acceptEncoding = (await response.request().allHeaders())["accept-encoding"] ?? null;
    }
  });
  await page.goto(relay.url, { waitUntil: "load" });
  // `ready` resolves once a worker is active, that is after its install (the precache).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const pageEntries = (await page.evaluate(entries)).map((e) => ({ ...e, by: "page" }));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const precache = (await worker.evaluate(entries)).map((e) => ({ ...e, by: "precache" }));
  // The worker's own script has no timing entry anywhere: the worker fetches it again.
  const swScript = await worker.evaluate(async () => {
    const url = new URL("sw.js", location.href).href;
    await (await fetch(url, { cache: "no-store" })).arrayBuffer();
    const entry = performance.getEntriesByName(url).at(-1);
    return { url, bytes: entry.transferSize, by: "worker script" };
  });
  const requests = [...pageEntries, swScript, ...precache];
  const sum = (list) => list.reduce((total, e) => total + e.bytes, 0);
  const pageBytes = sum(pageEntries);
  const total = sum(requests);
  if (!wasmEncoding) throw new Error("the page loaded no .wasm");
  for (const r of requests) log(`${r.by.padEnd(13)} ${String(r.bytes).padStart(8)}  ${r.url}`);
  report({
    page_bytes: pageBytes,
    total_bytes: total,
    wasm_encoding: wasmEncoding,
    accept_encoding: acceptEncoding,
    requests,
    files: distFiles(),
  });
} finally {
  await context.close();
  await relay.stop();
}
