// Shared helpers of the end-to-end tests: each test starts its own relay and browser and
// registers their cleanup with `t.after`, so a failing test leaves nothing running.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RELAY_BIN = process.env.KENESH_RELAY_BIN || path.join(root, 'target/debug/kenesh-relay');
const DIST = process.env.KENESH_DIST || path.join(root, 'dist');
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // The address bar's WebUI suggestion pages load in a renderer of their own with each new tab.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** The relay as a child process on a loopback port; `stop` and `start` keep the port. */
export class Relay {
  constructor() {
    this.port = 0;
    this.child = null;
    this.url = null;
  }

  async start() {
    const child = spawn(RELAY_BIN, ['--dist', DIST, '--addr', `127.0.0.1:${this.port}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    });
    this.child = child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.exited = exited;
    let timer;
    const line = await Promise.race([
      new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
      exited.then((code) => { throw new Error(`the relay exited (${code}) before printing its address`); }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('the relay printed no address in 30 s')), 30_000); }),
    ]).finally(() => clearTimeout(timer));
    const match = /^Kenesh is running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
    if (!match) throw new Error(`unexpected first line from the relay: ${line}`);
    this.url = match[1];
    this.port = Number(match[2]);
    return this;
  }

  /** SIGTERM, and SIGKILL if it is not gone within 5 s; resolves once the process exited. */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }
}

/** Headless Chromium with the project's flags; a persistent profile when `userDataDir` is given. */
export async function launch(userDataDir, options = {}) {
  const common = { executablePath: '/usr/bin/chromium', headless: true, args: ARGS };
  if (userDataDir) return chromium.launchPersistentContext(userDataDir, { ...common, ...options });
  return chromium.launch(common);
}

/**
 * Starts a relay and a browser for one test and stops both when it ends, failed or not.
 * `h.context` is a fresh browser context; `h.newContext(options)` makes more.
 */
export async function setup(t, { contextOptions = {}, persistent = false } = {}) {
  const h = { relay: new Relay(), contexts: [] };
  t.after(async () => {
    for (const c of h.contexts) await c.close().catch(() => {});
    if (h.browser) await h.browser.close().catch(() => {});
    await h.relay.stop();
    if (h.profile) await rm(h.profile, { recursive: true, force: true });
  });
  await h.relay.start();
  h.url = h.relay.url;
  const options = { locale: 'ky-KG', ...contextOptions };
  if (persistent) {
    h.profile = await mkdtemp(path.join(tmpdir(), 'kenesh-e2e-'));
    h.context = await launch(h.profile, options);
    h.contexts.push(h.context);
  } else {
    h.browser = await launch();
    h.newContext = async (more = {}) => {
      const c = await h.browser.newContext({ ...options, ...more });
      h.contexts.push(c);
      return c;
    };
    h.context = await h.newContext();
  }
  return h;
}

/**
 * A relay and a browser whose profile lives on a 48 MB tmpfs, so that the disk really fills
 * (`fillDisk`). Mounting needs root: `null` otherwise, and the caller skips. The browser and
 * the relay are stopped and the tmpfs unmounted when the test ends.
 */
export async function smallDisk(t) {
  if (process.getuid?.() !== 0) return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'kenesh-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', dir]);
  const h = { relay: new Relay() };
  t.after(async () => {
    await h.context?.close().catch(() => {});
    await h.relay.stop();
    execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  });
  await h.relay.start();
  h.url = h.relay.url;
  h.context = await launch(dir, { locale: 'ky-KG' });
  return h;
}

/** Fills the origin's storage with a throwaway database until the browser refuses more. */
export const fillDisk = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('filler');
      r.onupgradeneeded = () => r.result.createObjectStore('f');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    // Big blocks first, then ever smaller ones, until not even a small write fits.
    let n = 0;
    let outcome = 'never full';
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8]) {
      for (let tries = 0; tries < 1000; tries++) {
        const block = new Uint8Array(size);
        for (let i = 0; i < size; i += 65536) crypto.getRandomValues(block.subarray(i, Math.min(size, i + 65536)));
        const result = await new Promise((ok) => {
          const tx = db.transaction('f', 'readwrite');
          tx.objectStore('f').put(block, n++);
          tx.oncomplete = () => ok('ok');
          tx.onabort = () => ok(tx.error?.name);
        });
        if (result !== 'ok') {
          outcome = result;
          break;
        }
      }
    }
    db.close();
    return outcome;
  });

/** Opens the app in a new page of `context`, failing the test on any page error. */
export async function open(context, url, hash = '') {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  await page.goto(url + hash);
  return page;
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Fills the first-run form and waits for the shell. */
export async function createSpace(page, { school = 'Ош шаарындагы №5 мектеп', name = 'Асанова Гүлнара', role = 'administrator' } = {}) {
  await page.locator('input[name=school]').fill(school);
  await page.locator('input[name="your-name"]').fill(name);
  await page.locator('select[name=role]').selectOption(role);
  await page.locator('.setup button[type=submit]').click();
  await byTestId(page, 'school-name').filter({ hasText: school }).waitFor();
}

/** How many edits this page has stored in IndexedDB (the app measures each one). */
export const durableCount = (page) =>
  page.evaluate(() => performance.getEntriesByName('kenesh-edit-durable').length);

/** Runs `action`, then waits until one more edit is stored and nothing is pending. */
export async function stored(page, action) {
  const before = await durableCount(page);
  await action();
  await page.waitForFunction((n) => performance.getEntriesByName('kenesh-edit-durable').length > n, before);
  await page.locator('[data-testid=save-state][data-state=saved]').waitFor();
}

/** Fills the staff form with the fields given; `roles` are role codes to tick. */
export async function fillStaff(page, fields) {
  const { roles, ...text } = fields;
  for (const [name, value] of Object.entries(text)) {
    await page.locator(`.staff-form [name="${name}"]`).fill(value);
  }
  for (const code of roles ?? []) {
    await page.locator(`.staff-form input[name=role][value="${code}"]`).check();
  }
}

/** Adds a staff member through the form, waits until it is stored, returns its id. */
export async function addStaff(page, fields) {
  await page.evaluate(() => { location.hash = '#/staff/new'; });
  await page.locator('.staff-form').waitFor();
  await fillStaff(page, fields);
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'staff-name').filter({ hasText: fields.full_name }).waitFor();
  return new URL(page.url()).hash.split('/')[2];
}

/**
 * Ends the page as a crash does, or a tablet's system ending an app in the background: no
 * event of the page runs (closing the tab would let the page write as it is hidden).
 */
export async function crash(page) {
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  await page.close();
}

const ROW_NAMES = '[data-testid=staff-row] td:first-child';

/**
 * The names the staff list shows, in order, once they equal `expected` (or, if they never do
 * within a few seconds, whatever it shows then, for the assertion to report).
 */
export async function listedNames(page, expected) {
  await page.evaluate(() => { if (!/^#\/staff\/?$/.test(location.hash)) location.hash = '#/staff'; });
  await byTestId(page, 'staff-count').waitFor();
  await page.waitForFunction(
    ([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.textContent)) === JSON.stringify(want),
    [ROW_NAMES, expected], { timeout: 5_000 },
  ).catch(() => {});
  return page.locator(ROW_NAMES).allTextContents();
}

/** Resolves once a service worker controls the page. */
export async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** The name of the open space's IndexedDB database. */
export const spaceDb = (page) =>
  page.evaluate(() => 'kenesh-' + JSON.parse(localStorage.getItem('kenesh.identity')).space_id);

/** Runs `body(db)` on the space's IndexedDB database inside the page. */
export const withDb = (page, name, body, arg) =>
  page.evaluate(
    async ([name, body, arg]) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      try {
        return await new Function('db', 'arg', `return (${body})(db, arg)`)(db, arg);
      } finally {
        db.close();
      }
    },
    [name, body.toString(), arg],
  );

// --- Two devices through the relay (library, familiarization) ---

/** Goes to a screen of the app by its hash. */
export const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);

/** Waits until the status line says synced and nothing waits to be sent. */
export async function synced(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=sync-state]');
    return s?.dataset.state === 'synced' && !document.querySelector('[data-testid=unsent]');
  }, null, { timeout: 30_000 });
}

/** Connects the space to the relay that serves the page (Settings), and waits until synced. */
export async function connect(page) {
  await go(page, '#/settings');
  await byTestId(page, 'relay-url').waitFor();
  await byTestId(page, 'connect').click();
  await byTestId(page, 'relay').waitFor();
  await synced(page);
}

/** Makes an invite in Settings and returns its link. */
export async function invite(page) {
  await go(page, '#/settings');
  await byTestId(page, 'create-invite').click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=invite-link]')?.value ?? '').includes('#/join/'));
  return byTestId(page, 'invite-link').inputValue();
}

/** Opens an invite link in a page of `context` and joins as `name`; waits for the space. */
export async function join(context, link, name, school = 'Ош шаарындагы №5 мектеп') {
  const page = await open(context, link);
  await page.locator('input[name="your-name"]').fill(name);
  await byTestId(page, 'join').click();
  await byTestId(page, 'school-name').filter({ hasText: school }).waitFor({ timeout: 30_000 });
  return page;
}

/** The entries of a zip file (.docx, .xlsx) by name, inflated (stored and deflated entries). */
export function unzip(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  assert.ok(eocd >= 0, 'a zip file has an end-of-central-directory record');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
