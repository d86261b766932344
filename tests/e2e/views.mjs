// Opening draws the first screen from the stored view of the staff list, before Automerge
// loads the documents; a view that no longer matches what is stored, or cannot be read, is
// never shown: the documents load first (an older view still seeds the loaded document, so
// that only records changed since are read from Automerge). The views the first screen reads are also copied
// into localStorage, so that it is drawn before IndexedDB has answered; a copy older than
// what is stored is replaced as soon as the stored parts are read. Both are written again
// a while after an edit, or as the page is hidden (a tab closed at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, listedNames, spaceDb, withDb, crash } from './lib/harness.mjs';

const NAMES = ['Үсөнов Таалай', 'Өмүрова Гүлзат', 'Абдыкадырова Бегимай'];
/** The list's order: the Kyrgyz alphabet (а … о ө … у ү). */
const SORTED = ['Абдыкадырова Бегимай', 'Өмүрова Гүлзат', 'Үсөнов Таалай'];

/** The list after one more teacher is added to NAMES. */
const MORE = ['Абдыкадырова Бегимай', 'Жумабаев Нурлан', 'Өмүрова Гүлзат', 'Үсөнов Таалай'];

/** A new space with the teachers of NAMES: the harness, its page and its database's name. */
async function spaceWithStaff(t) {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  for (const full_name of NAMES) await addStaff(page, { full_name, roles: ['teacher'] });
  return { h, page, db: await spaceDb(page) };
}

/** The stored view of the staff document, or null. */
const storedView = (page, db) =>
  withDb(page, db, (db) => new Promise((ok, fail) => {
    const get = db.transaction('views').objectStore('views').get('people');
    get.onsuccess = () => ok(get.result ? { parts: get.result.parts, size: get.result.bytes.length } : null);
    get.onerror = () => fail(get.error);
  }));

/** Waits until the stored view names exactly the parts stored now. */
async function viewIsCurrent(page, db) {
  for (let i = 0; i < 100; i++) {
    const current = await withDb(page, db, (db) => new Promise((ok) => {
      const tx = db.transaction(['views', 'snapshots', 'chunks']);
      const view = tx.objectStore('views').get('people');
      const snapshot = tx.objectStore('snapshots').get('people');
      const chunks = tx.objectStore('chunks').getAll(IDBKeyRange.bound(['people'], ['people', []]));
      tx.oncomplete = () => {
        const parts = [snapshot.result, ...chunks.result].filter(Boolean).map((p) => p.key);
        ok(view.result !== undefined && JSON.stringify(view.result.parts) === JSON.stringify(parts));
      };
    }));
    if (current) return;
    await page.waitForTimeout(100);
  }
  assert.fail('the app did not store a current view of the staff list');
}

/** The first screen's copy of the staff view in localStorage (its raw text), or null. */
const copiedView = (page, db) => page.evaluate((db) => localStorage.getItem(`kenesh.first-view.${db}/people`), db);

/** Waits until the first screen's copy of the staff view names the parts its stored view does. */
async function copyIsCurrent(page, db) {
  await viewIsCurrent(page, db);
  const { parts } = await storedView(page, db);
  for (let i = 0; i < 50; i++) {
    const copy = JSON.parse((await copiedView(page, db)) ?? 'null');
    if (copy && JSON.stringify(copy.parts) === JSON.stringify(parts)) return copy;
    await page.waitForTimeout(100);
  }
  assert.fail('the app did not copy the current staff view into localStorage');
}

/** When the first screen was drawn and when the staff document was loaded, in page time. */
const phases = (page) =>
  page.evaluate(async () => {
    while (performance.getEntriesByName('kenesh-loaded-people').length === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { firstScreen: at('kenesh-first-screen'), loaded: at('kenesh-loaded-people') };
  });

/** When the first screen was drawn and when the space was open (its stored parts read). */
const openPhases = (page) =>
  page.evaluate(async () => {
    while (performance.getEntriesByName('kenesh-space-open').length === 0) await new Promise((r) => setTimeout(r, 20));
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { firstScreen: at('kenesh-first-screen'), open: at('kenesh-space-open') };
  });

test('the staff list opens from its stored view, then the documents load behind it', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await viewIsCurrent(page, db);
  assert.ok((await storedView(page, db)).size > 0);
  await page.close();

  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, SORTED), SORTED);
  const { firstScreen, loaded } = await phases(again);
  assert.ok(firstScreen < loaded, `first screen at ${firstScreen} ms, documents loaded at ${loaded} ms`);
  // Editing works on the loaded document, and the record's history is there.
  await byTestId(again, 'staff-row').filter({ hasText: 'Өмүрова Гүлзат' }).locator('a').click();
  await byTestId(again, 'edit').click();
  await fillStaff(again, { education: 'ОшМУ' });
  await byTestId(again, 'save').click();
  await byTestId(again, 'staff-name').waitFor();
  assert.equal(await byTestId(again, 'education').textContent(), 'ОшМУ');
});

test('edits stored after the view was written are shown: the older view only seeds the loaded document', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await viewIsCurrent(page, db);
  // Edit one teacher, add another and let the page crash at once: the chunks are stored,
  // the view (written 2 s after, or as the page is hidden) is not.
  await page.evaluate(() => { location.hash = '#/staff'; });
  await byTestId(page, 'staff-row').filter({ hasText: 'Өмүрова Гүлзат' }).locator('a').click();
  await byTestId(page, 'edit').click();
  await fillStaff(page, { full_name: 'Өмүрова Гүлзат Асановна' });
  await byTestId(page, 'save').click();
  await byTestId(page, 'staff-name').waitFor();
  await addStaff(page, { full_name: 'Жумабаев Нурлан', roles: ['teacher'] });
  await crash(page);

  const again = await open(h.context, h.url, '#/staff');
  const expected = ['Абдыкадырова Бегимай', 'Жумабаев Нурлан', 'Өмүрова Гүлзат Асановна', 'Үсөнов Таалай'];
  assert.deepEqual(await listedNames(again, expected), expected);
  const { firstScreen, loaded } = await phases(again);
  assert.ok(loaded < firstScreen, 'with an older view the staff document loads before the first screen');
  // The older view's records seeded the loaded document.
  assert.ok(await again.evaluate(() => performance.getEntriesByName('kenesh-seeded-staff').length === 1));
});

test('closing the tab right after an edit writes the views: the next start draws its first screen from the copy', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await copyIsCurrent(page, db);
  // Closed well inside the 2 s after which the views would be written again.
  await addStaff(page, { full_name: 'Жумабаев Нурлан', roles: ['teacher'] });
  assert.equal(await copiedView(page, db), null, 'storing the edit removed the copy');
  await page.close();

  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, MORE), MORE);
  const at = await openPhases(again);
  assert.ok(at.firstScreen < at.open, `first screen at ${at.firstScreen} ms, space open at ${at.open} ms`);
  assert.deepEqual(again.errors, []);
});

test('a stored view that cannot be read is skipped and the documents load', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await viewIsCurrent(page, db);
  // Damage the view's bytes but keep its parts, so it still looks current; without the
  // first screen's copy, which would be drawn first.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kenesh.first-view.')).forEach((k) => localStorage.removeItem(k)));
  await withDb(page, db, (db) => new Promise((ok, fail) => {
    const tx = db.transaction('views', 'readwrite');
    const store = tx.objectStore('views');
    const get = store.get('people');
    get.onsuccess = () => store.put({ ...get.result, bytes: get.result.bytes.slice(0, 20) });
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  }));
  await page.close();

  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, SORTED), SORTED);
});

test('the first screen is drawn from the copy in localStorage, before the stored parts are read', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await copyIsCurrent(page, db);
  // Storing an edit removes the copy first: it names parts that are no longer all.
  await addStaff(page, { full_name: 'Жумабаев Нурлан', roles: ['teacher'] });
  assert.equal(await copiedView(page, db), null);
  await copyIsCurrent(page, db);
  await page.close();

  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, MORE), MORE);
  const at = await openPhases(again);
  assert.ok(at.firstScreen < at.open, `first screen at ${at.firstScreen} ms, space open at ${at.open} ms`);
  // Other screens wait for the space, then work as ever.
  await byTestId(again, 'staff-row').filter({ hasText: 'Жумабаев Нурлан' }).locator('a').click();
  await byTestId(again, 'staff-name').filter({ hasText: 'Жумабаев Нурлан' }).waitFor();
  assert.deepEqual(again.errors, []);
});

test('a copy older than what is stored is replaced once the stored parts are read', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  await copyIsCurrent(page, db);
  const old = await copiedView(page, db);
  await addStaff(page, { full_name: 'Жумабаев Нурлан', roles: ['teacher'] });
  await copyIsCurrent(page, db);
  // As if another tab had copied its older view just after this one stored the edit.
  await page.evaluate(([db, old]) => localStorage.setItem(`kenesh.first-view.${db}/people`, old), [db, old]);
  await page.close();

  // The names listed each time the list changes, to see what was shown before the staff
  // document loaded (after that, the document itself is read).
  await h.context.addInitScript(() => {
    window.listed = [];
    new MutationObserver(() => {
      const names = [...document.querySelectorAll('[data-testid=staff-row] td:first-child')].map((e) => e.textContent);
      const loaded = performance.getEntriesByName('kenesh-loaded-people').length > 0;
      if (names.length > 0 && !loaded) window.listed.push(names);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, MORE), MORE);
  await again.waitForFunction(() => performance.getEntriesByName('kenesh-loaded-people').length > 0);
  const listed = await again.evaluate(() => window.listed);
  assert.deepEqual(listed.at(0), SORTED, 'the first screen is drawn from the (older) copy');
  assert.deepEqual(listed.at(-1), MORE, 'what is stored replaces the copy before the documents load');
  assert.match(await byTestId(again, 'staff-count').textContent(), /\b4 \/ 4\b/);
});

test('a copy that cannot be read is skipped: the first screen waits for the stored parts', async (t) => {
  const { h, page, db } = await spaceWithStaff(t);
  const copy = await copyIsCurrent(page, db);
  await page.evaluate(([db, copy]) => {
    localStorage.setItem(`kenesh.first-view.${db}/people`, JSON.stringify({ ...copy, view: '%%% not base64' }));
  }, [db, copy]);
  await page.close();

  const again = await open(h.context, h.url, '#/staff');
  assert.deepEqual(await listedNames(again, SORTED), SORTED);
  assert.deepEqual(again.errors, []);
});
