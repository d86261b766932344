// Storage trouble loses nothing: a full quota keeps the edit pending with a clear message,
// a corrupt stored chunk is named on screen, skipped, and left as it was, and a document
// written by a newer version of the app stops the space with a message and is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, spaceDb, withDb, smallDisk, fillDisk } from './lib/harness.mjs';

/** Stores a chunk of `doc` under `key` in the space's database, as another writer would. */
const addChunk = (page, db, doc, key, bytes) =>
  withDb(page, db, (db, [doc, key, bytes]) => new Promise((ok, fail) => {
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').add({ doc, key, bytes: new Uint8Array(bytes) });
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  }), [doc, key, bytes]);

test('a full disk keeps the edit pending with a message, and Retry stores it', async (t) => {
  // A real full disk: the browser profile lives on a 48 MB tmpfs (mounting needs root).
  const h = await smallDisk(t);
  if (!h) return t.skip('needs root to mount a small tmpfs');
  const page = await open(h.context, h.url);
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
  await addChunk(page, db, 'people', key, garbage);

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
  await addChunk(page, db, 'library', key, newer);
  // As many chunks as make a compaction due: still none may be rewritten or deleted.
  for (let i = 0; i < 64; i++) {
    await addChunk(page, db, 'library', `999999999999999-ffffffff-newer${String(i).padStart(3, '0')}`, newer);
  }
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
