// Sync through the real relay: two colleagues edit offline (different records, and the same
// field of one record), come back online and converge; the conflict is shown with who wrote
// each value and resolved; a third colleague joins by an invite link and sees everything.
// And with no relay: the whole space as one encrypted file, merged on a colleague's device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, listedNames, stored, controlled, go } from './lib/harness.mjs';

const SCHOOL = 'Ош шаарындагы №5 мектеп';
const ADMIN = 'Асанова Гүлнара';
const COLLEAGUE = 'Бакиров Нурлан';
const THIRD = 'Садыкова Бермет';
const SHARED = 'Токтогулова Айжан';

/** Waits until the status line says synced and nothing waits to be sent. */
async function synced(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=sync-state]');
    return s?.dataset.state === 'synced' && !document.querySelector('[data-testid=unsent]');
  }, null, { timeout: 20_000 });
}

/** Connects the first device's space to the relay that serves the page. */
async function connect(page, relayUrl) {
  await go(page, '#/settings');
  const url = byTestId(page, 'relay-url');
  await url.waitFor();
  assert.equal(await url.inputValue(), relayUrl.replace(/\/$/, ''), 'the default relay is the page\'s own origin');
  await byTestId(page, 'connect').click();
  await byTestId(page, 'relay').waitFor();
  await synced(page);
}

/** Makes an invite in Settings: returns its link; the QR code is drawn beside it. */
async function invite(page) {
  await go(page, '#/settings');
  const link = byTestId(page, 'invite-link');
  const before = await link.count() ? await link.inputValue() : '';
  await byTestId(page, 'create-invite').click();
  await page.waitForFunction((old) => {
    const value = document.querySelector('[data-testid=invite-link]')?.value ?? '';
    return value.includes('#/join/') && value !== old;
  }, before);
  assert.equal(await byTestId(page, 'invite-qr').locator('svg').count(), 1, 'a QR code of the link');
  return link.inputValue();
}

/** Opens an invite link in a fresh context and joins as `name`. */
async function join(context, link, name) {
  const page = await open(context, link);
  await page.locator('input[name="your-name"]').fill(name);
  await byTestId(page, 'join').click();
  const joined = byTestId(page, 'school-name').filter({ hasText: SCHOOL });
  await joined.or(byTestId(page, 'join-failed')).waitFor({ timeout: 30_000 })
    .catch((e) => { throw new Error(`joining: ${e.message}; page errors: ${page.errors.join('; ')}`); });
  if (!await joined.isVisible()) throw new Error(`joining failed: ${await byTestId(page, 'join-failed').textContent()}`);
  assert.deepEqual(page.errors, [], 'joining raised no page error');
  return page;
}

async function editPhone(page, id, phone) {
  await go(page, `#/staff/${id}/edit`);
  await page.locator('.staff-form [name=phone]').waitFor();
  await fillStaff(page, { phone });
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'phone').filter({ hasText: phone }).waitFor();
}

/** The conflict on the phone field as the record shows it: [value · who] lines. */
async function phoneConflict(page, id) {
  await go(page, `#/staff/${id}`);
  const values = page.locator('[data-testid=conflict][data-field=phone] [data-testid=conflict-value]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=conflict][data-field=phone] [data-testid=conflict-value]').length === 2, null, { timeout: 20_000 });
  return values.evaluateAll((items) => items.map((li) =>
    `${li.querySelector('.value').textContent} · ${li.querySelector('.who').textContent}`).sort());
}

test('offline edits on two devices converge, the conflict is resolved, a third device joins', async (t) => {
  const h = await setup(t);
  const ctxA = h.context;
  const a = await open(ctxA, h.url);
  await createSpace(a, { school: SCHOOL, name: ADMIN });
  const shared = await addStaff(a, { full_name: SHARED, roles: ['teacher'], phone: '+996 555 00 00 00' });
  await connect(a, h.url);

  const ctxB = await h.newContext();
  const b = await join(ctxB, await invite(a), COLLEAGUE);
  assert.deepEqual(await listedNames(b, [SHARED]), [SHARED], 'the new device has the space');
  await synced(b);
  await synced(a);

  // Both offline: different records, and the same field of one record.
  await ctxA.setOffline(true);
  await ctxB.setOffline(true);
  await editPhone(a, shared, '+996 700 11 11 11');
  await addStaff(a, { full_name: 'Алиев Бакыт', roles: ['teacher'] });
  await editPhone(b, shared, '+996 700 22 22 22');
  await addStaff(b, { full_name: 'Жумабаева Асел', roles: ['teacher'] });
  for (const page of [a, b]) {
    await page.waitForFunction(() => document.querySelector('[data-testid=sync-state]')?.dataset.state === 'offline', null, { timeout: 20_000 });
    const waiting = Number(await byTestId(page, 'unsent').getAttribute('data-count'));
    assert.ok(waiting >= 2, `changes wait to be sent (${waiting})`);
  }

  // Both online: both converge.
  await ctxA.setOffline(false);
  await ctxB.setOffline(false);
  const all = ['Алиев Бакыт', 'Жумабаева Асел', SHARED];
  for (const [name, page] of [['A', a], ['B', b]]) {
    await go(page, '#/staff');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=staff-row]').length === n, all.length, { timeout: 30_000 })
      .catch(async (e) => { throw new Error(`${name}: ${await byTestId(page, 'sync-state').textContent()}: ${e.message}`); });
    assert.deepEqual(await listedNames(page, all), all, `${name} has every record`);
    await synced(page);
  }

  // The conflict shows both values with who wrote each, on both devices.
  const expected = [`+996 700 11 11 11 · ${ADMIN}`, `+996 700 22 22 22 · ${COLLEAGUE}`];
  for (const [name, page] of [['A', a], ['B', b]]) {
    assert.deepEqual(await phoneConflict(page, shared), expected, `${name} shows the conflict`);
  }

  // A keeps B's value: resolved on both.
  const keep = a.locator('[data-testid=conflict][data-field=phone] [data-testid=conflict-value]', { hasText: COLLEAGUE }).locator('[data-testid=keep]');
  await stored(a, () => keep.click());
  for (const [name, page] of [['A', a], ['B', b]]) {
    await go(page, `#/staff/${shared}`);
    await page.waitForFunction(() => !document.querySelector('[data-testid=conflicts]') &&
      document.querySelector('[data-testid=phone]')?.textContent === '+996 700 22 22 22', null, { timeout: 20_000 });
    await synced(page);
  }

  // A third device joins by a new invite and sees everything, resolved.
  const c = await join(await h.newContext(), await invite(a), THIRD);
  assert.deepEqual(await listedNames(c, all), all, 'the third device has every record');
  await go(c, `#/staff/${shared}`);
  await byTestId(c, 'phone').filter({ hasText: '+996 700 22 22 22' }).waitFor();
  assert.equal(await byTestId(c, 'conflicts').count(), 0);

  // An invite works once.
  const used = await invite(a);
  await join(await h.newContext(), used, 'Бирөө');
  const again = await open(await h.newContext(), used);
  await again.locator('input[name="your-name"]').fill('Дагы бирөө');
  await byTestId(again, 'join').click();
  await byTestId(again, 'join-failed').waitFor();
  assert.match(await byTestId(again, 'join-failed').textContent(), /Бул чакыруу колдонулган/);
  // A browser that has a space says so and stays in it.
  const seen = await open(ctxB, used);
  await byTestId(seen, 'join-has-space').waitFor();
  await byTestId(seen, 'school-name').filter({ hasText: SCHOOL }).waitFor();

  for (const page of [a, b, c]) assert.deepEqual(page.errors, []);
});

test('with no relay, the space moves as one encrypted file; a broken file changes nothing', async (t) => {
  const h = await setup(t);
  const a = await open(h.context, h.url);
  await createSpace(a, { school: SCHOOL, name: ADMIN });
  await addStaff(a, { full_name: SHARED, roles: ['teacher'] });
  await connect(a, h.url);
  const b = await join(await h.newContext(), await invite(a), COLLEAGUE);
  assert.deepEqual(await listedNames(b, [SHARED]), [SHARED]);

  // The relay is gone: the school has none today (the service worker serves the app).
  await controlled(b);
  await h.relay.stop();
  await addStaff(a, { full_name: 'Осмонова Нургүл', roles: ['teacher'] });
  await go(a, '#/settings');
  const [download] = await Promise.all([a.waitForEvent('download'), byTestId(a, 'export').click()]);
  assert.match(download.suggestedFilename(), /^kenesh-\d{4}-\d{2}-\d{2}\.kenesh$/);
  const file = await download.path();

  // A broken file: a clear message, nothing lost or changed.
  await go(b, '#/settings');
  await byTestId(b, 'import').setInputFiles({ name: 'broken.kenesh', mimeType: 'application/octet-stream', buffer: Buffer.from('not a Kenesh file at all') });
  await byTestId(b, 'file-failed').waitFor();
  assert.match(await byTestId(b, 'file-failed').textContent(), /Бул файл бул мектептин мейкиндигинин экспорту эмес/);
  assert.deepEqual(await listedNames(b, [SHARED]), [SHARED], 'nothing changed');

  // The real file merges in and stays after a reload.
  await go(b, '#/settings');
  await byTestId(b, 'import').setInputFiles(file);
  await byTestId(b, 'import-done').waitFor();
  const both = ['Осмонова Нургүл', SHARED];
  assert.deepEqual(await listedNames(b, both), both, 'the colleague\'s record merged');
  await b.reload();
  assert.deepEqual(await listedNames(b, both), both, 'and it is stored');
  for (const page of [a, b]) assert.deepEqual(page.errors, []);
});

/** This device's identity as the app keeps it (space id, relay token). */
const identityOf = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kenesh.identity')));

/** The relay's log head, read with a member's token. */
async function head(url, identity) {
  const res = await fetch(`${url}api/spaces/${identity.space_id}/log?after=0&limit=1`, {
    headers: { Authorization: `Bearer ${identity.relay.token}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()).head;
}

test('an entry that cannot be opened, or that was being applied when the page died, is skipped and named; a revoked member is refused', async (t) => {
  const h = await setup(t);
  const a = await open(h.context, h.url);
  await createSpace(a, { school: SCHOOL, name: ADMIN });
  await connect(a, h.url);
  const ctxB = await h.newContext();
  const b = await join(ctxB, await invite(a), COLLEAGUE);
  await synced(b);

  // Damaged or foreign data in the log (the relay cannot tell): reported, not applied.
  const idA = await identityOf(a);
  const res = await fetch(`${h.url}api/spaces/${idA.space_id}/log`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${idA.relay.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ batch: 'tampered', entries: ['AQIDBAUGBwgJ'] }),
  });
  assert.equal(res.status, 200);
  const { first: tampered } = await res.json();
  for (const page of [a, b]) {
    await page.waitForFunction((seq) => document.querySelector('[data-testid=sync-skipped]')?.textContent.includes(String(seq)), tampered, { timeout: 20_000 });
  }

  // B's page dies while applying the next entry (the marker it writes first is left).
  const idB = await identityOf(b);
  await b.close();
  await addStaff(a, { full_name: SHARED, roles: ['teacher'] });
  await synced(a);
  const crashed = await head(h.url, idA);
  assert.ok(crashed > tampered);
  await ctxB.addInitScript(({ db, seq }) => {
    if (localStorage.getItem('test.crash-marker')) return;
    localStorage.setItem('test.crash-marker', '1');
    const req = indexedDB.open(db, 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('values', 'readwrite');
      const bytes = new TextEncoder().encode(JSON.stringify({ from: seq, to: seq }));
      tx.objectStore('values').put({ name: 'applying', bytes });
      tx.oncomplete = () => req.result.close();
    };
  }, { db: `kenesh-sync-${idB.space_id}`, seq: crashed });

  // On the next start the entry is skipped, named, and sync goes on.
  const again = await open(ctxB, h.url);
  await again.waitForFunction((seq) => document.querySelector('[data-testid=sync-skipped]')?.textContent.includes(String(seq)), crashed, { timeout: 20_000 });
  await synced(again);
  assert.deepEqual(await listedNames(again, []), [], 'the skipped entry was not applied');

  // An administrator revokes one member: that device is refused from then on.
  await go(a, '#/settings');
  await byTestId(a, 'show-members').click();
  await byTestId(a, 'member').filter({ hasText: COLLEAGUE }).locator('[data-testid=revoke]').click();
  await a.locator('[data-testid=member][data-revoked=true]', { hasText: COLLEAGUE }).waitFor();
  assert.equal(await byTestId(a, 'member').filter({ hasText: ADMIN }).locator('[data-testid=revoke]').count(), 0, 'no revoking oneself');
  await addStaff(again, { full_name: 'Жаңы мугалим', roles: ['teacher'] });
  await again.waitForFunction(() => document.querySelector('[data-testid=sync-state]')?.dataset.state === 'revoked', null, { timeout: 20_000 });
  assert.ok(Number(await byTestId(again, 'unsent').getAttribute('data-count')) > 0, 'the edit stays on the device');
  for (const page of [a, again]) assert.deepEqual(page.errors, []);
});
