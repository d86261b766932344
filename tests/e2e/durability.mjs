// An edit is kept even when the tab is closed right after saving, before "saved" shows; many
// edits are compacted into a snapshot once they pause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, spaceDb, stored, withDb } from './lib/harness.mjs';

test('closing the tab right after an edit keeps the edit', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const id = await addStaff(page, { full_name: 'Үсөнов Таалай', roles: ['teacher'] });

  await page.evaluate((id) => { location.hash = `#/staff/${id}/edit`; }, id);
  await fillStaff(page, { education: 'ЖАМУ, физика' });
  await byTestId(page, 'save').click();
  await page.close();

  const again = await open(h.context, h.url, `#/staff/${id}`);
  await byTestId(again, 'staff-name').waitFor();
  assert.equal(await byTestId(again, 'education').textContent(), 'ЖАМУ, физика');
});

test('many edits are compacted into one snapshot once the edits pause, not during them, and nothing is lost', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const id = await addStaff(page, { full_name: 'Үсөнова Гүлнур', roles: ['teacher'] });
  const db = await spaceDb(page);
  const parts = () => withDb(page, db, (db) => new Promise((ok, fail) => {
    const tx = db.transaction(['snapshots', 'chunks']);
    const snapshot = tx.objectStore('snapshots').get('people');
    const chunks = tx.objectStore('chunks').count(IDBKeyRange.bound(['people'], ['people', []]));
    tx.oncomplete = () => ok({ snapshot: snapshot.result?.key ?? null, chunks: chunks.result });
    tx.onerror = () => fail(tx.error);
  }));
  const before = await parts();

  // 70 edits in a row, each stored before the next: more than the 64 chunks that make a
  // compaction due, but no pause, so each edit writes only its own chunk.
  for (let i = 0; i < 70; i++) {
    await page.evaluate((id) => { location.hash = `#/staff/${id}/edit`; }, id);
    await fillStaff(page, { phone: `+996 700 ${100000 + i}` });
    await stored(page, () => byTestId(page, 'save').click());
  }
  const burst = await parts();
  assert.equal(burst.snapshot, before.snapshot, 'no compaction during the edits');
  assert.equal(burst.chunks, before.chunks + 70);

  // Once the edits pause the chunks are replaced by one new snapshot.
  let after = await parts();
  for (const deadline = Date.now() + 15_000; after.chunks > 0 && Date.now() < deadline; after = await parts()) {
    await page.waitForTimeout(250);
  }
  assert.equal(after.chunks, 0);
  assert.notEqual(after.snapshot, before.snapshot);

  await page.reload();
  await page.evaluate((id) => { location.hash = `#/staff/${id}`; }, id);
  await byTestId(page, 'phone').filter({ hasText: '+996 700 100069' }).waitFor();
});
