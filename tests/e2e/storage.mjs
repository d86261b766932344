// Storage trouble loses nothing: a full quota keeps the edit pending with a clear message,
// a corrupt stored chunk is named on screen, skipped, and left as it was, and a document
// written by a newer version of the app stops the space with a message and is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setup, launch, Relay, open, byTestId, createSpace, addStaff, fillStaff, spaceDb, withDb } from './lib/harness.mjs';

/** Fills the origin's storage with a throwaway database until the browser refuses more. */
const fillDisk = (page) =>
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

test('a full disk keeps the edit pending with a message, and Retry stores it', async (t) => {
  // A real full disk: the browser profile lives on a 48 MB tmpfs (mounting needs root).
  if (process.getuid?.() !== 0) return t.skip('needs root to mount a small tmpfs');
  const dir = await mkdtemp(path.join(tmpdir(), 'kenesh-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', dir]);
  const relay = new Relay();
  t.after(async () => {
    await context?.close().catch(() => {});
    await relay.stop();
    execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  });
  await relay.start();
  const context = await launch(dir, { locale: 'ky-KG' });
  const page = await open(context, relay.url);
  await createSpace(page);
  const id = await addStaff(page, { full_name: 'Жумабаев Нурлан', roles: ['teacher'] });

  assert.equal(await fillDisk(page), 'QuotaExceededError');
  await page.evaluate((id) => { location.hash = `#/staff/${id}/edit`; }, id);
  await fillStaff(page, { phone: '+996 555 123 456' });
  await byTestId(page, 'save').click();
  const banner = page.locator('[data-testid=save-state][data-state=quota]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Түзмөктө орун жок/);
  assert.equal(await byTestId(page, 'phone').textContent(), '+996 555 123 456', 'the edit stays on screen');

  // The user frees space and presses Retry: the pending edit is stored.
  await page.evaluate(() => new Promise((ok) => { indexedDB.deleteDatabase('filler').onsuccess = ok; }));
  await banner.getByRole('button').click();
  await page.locator('[data-testid=save-state][data-state=saved]').waitFor();
  await page.reload();
  await byTestId(page, 'phone').filter({ hasText: '+996 555 123 456' }).waitFor();
});

test('a corrupt chunk is named, skipped and kept byte for byte', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  await addStaff(page, { full_name: 'Төлөгөнова Айпери', roles: ['teacher'] });
  const db = await spaceDb(page);
  const garbage = [0x85, 0x6f, 0x4a, 0x83, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const key = '999999999999999-ffffffff-corrupt';
  await withDb(page, db, (db, [key, bytes]) => new Promise((ok, fail) => {
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').add({ doc: 'people', key, bytes: new Uint8Array(bytes) });
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  }), [key, garbage]);

  await page.evaluate(() => { location.hash = '#/staff'; });
  await page.reload();
  const warning = byTestId(page, 'corrupt');
  await warning.waitFor();
  assert.match(await warning.textContent(), new RegExp(`people/${key}`));
  await page.locator('[data-testid=staff-row]', { hasText: 'Төлөгөнова Айпери' }).waitFor();

  // Editing goes on, and the unreadable chunk is never rewritten or deleted.
  await addStaff(page, { full_name: 'Сыдыков Эрлан', roles: ['teacher'] });
  const kept = await withDb(page, db, (db, key) => new Promise((ok, fail) => {
    const r = db.transaction('chunks').objectStore('chunks').get(['people', key]);
    r.onsuccess = () => ok(r.result ? [...r.result.bytes] : null);
    r.onerror = () => fail(r.error);
  }), key);
  assert.deepEqual(kept, garbage);
});

test('a document written by a newer version of the app is refused with a message, and nothing is written', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  await addStaff(page, { full_name: 'Жумабаева Гүлзат', roles: ['teacher'] });
  const db = await spaceDb(page);
  // Made by crates/core/tests/document.rs: a change on the library's genesis raising the schema.
  const hex = readFileSync(new URL('./fixtures/newer-schema-library.hex', import.meta.url), 'utf8').trim();
  const newer = hex.match(/../g).map((b) => parseInt(b, 16));
  const key = '999999999999999-ffffffff-newerapp';
  await withDb(page, db, (db, [key, bytes]) => new Promise((ok, fail) => {
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').add({ doc: 'library', key, bytes: new Uint8Array(bytes) });
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  }), [key, newer]);
  const stored = () => withDb(page, db, (db) => new Promise((ok, fail) => {
    const r = db.transaction('chunks').objectStore('chunks').getAll();
    r.onsuccess = () => ok(r.result.map((c) => [c.doc, c.key, [...c.bytes].join(',')]));
    r.onerror = () => fail(r.error);
  }));
  const before = await stored();

  // The staff list may show first; the library loads after it and stops the space.
  await page.reload();
  const failed = page.locator('.banner.error[role=alert]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /schema 99/);
  assert.match(await failed.textContent(), /Мейкиндикти ачуу мүмкүн болгон жок|Не удалось открыть|could not be opened/);
  await page.waitForTimeout(3_000);
  assert.deepEqual(await stored(), before, 'no chunk written, rewritten or deleted');
});
