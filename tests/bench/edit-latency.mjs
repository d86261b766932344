// Edit-to-durable latency. The app records each edit as a `kenesh-edit-durable` measure, from
// the edit's start until IndexedDB's transaction completed; this reports p50, p95 and max of
// EDITS edits of one staff member's phone through the edit form, in two spaces:
// - "new": a space created through the setup form, with one staff member added through the
//   form (that addition is an edit too);
// - "generated": the generated 2,000-staff space of KENESH_BENCH_SPACE, the first listed member.
import { generatedSpace, injectSpace, launchProfile, log, report, startRelay, stats } from "./lib/common.mjs";

const EDITS = Number(process.env.KENESH_BENCH_EDITS ?? 200);

/** Changes the phone of the member shown at `detail` (`#/staff/<id>`) EDITS times. */
async function editPhone(page, detail) {
  for (let i = 0; i < EDITS; i++) {
    await page.evaluate((hash) => (location.hash = hash), `${detail}/edit`);
    await page.fill("input[name=phone]", `+996 555 ${100000 + i}`);
    await page.click("[data-testid=save]");
    await page.waitForFunction((hash) => location.hash === hash, detail);
    if ((i + 1) % 50 === 0) log(`${i + 1} edits`);
  }
}

/** Every `kenesh-edit-durable` duration, once `count` of them are recorded. */
async function durations(page, count) {
  await page.waitForFunction((n) => performance.getEntriesByName("kenesh-edit-durable").length >= n, count, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName("kenesh-edit-durable").map((e) => e.duration));
}

async function newSpace(url) {
  const context = await launchProfile();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.fill("input[name=school]", "Bench school");
    await page.fill("input[name=your-name]", "Bench Admin");
    await page.click("form button[type=submit]");
    await page.waitForSelector("[data-testid=staff-count]");
    await page.evaluate(() => (location.hash = "#/staff/new"));
    await page.fill("input[name=full_name]", "Асанова Айгүл");
    await page.check("input[name=role][value=teacher]");
    await page.click("[data-testid=save]");
    await page.waitForFunction(() => /^#\/staff\/[^/]+$/.test(location.hash) && location.hash !== "#/staff/new");
    await editPhone(page, await page.evaluate(() => location.hash));
    return stats(await durations(page, EDITS + 1));
  } finally {
    await context.close();
  }
}

async function bigSpace(url) {
  const context = await launchProfile();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.evaluate(injectSpace, generatedSpace());
    await page.reload();
    const link = page.locator("table tbody tr a[href^='#/staff/']").first();
    await link.waitFor({ timeout: 60_000 });
    await editPhone(page, await link.getAttribute("href"));
    return stats(await durations(page, EDITS));
  } finally {
    await context.close();
  }
}

const relay = await startRelay();
try {
  report({ new: await newSpace(relay.url), generated: await bigSpace(relay.url) });
} finally {
  await relay.stop();
}
