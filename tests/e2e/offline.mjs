// After one visit the app opens and works with the server process stopped: everything it
// loads comes from the service worker, and edits made offline survive a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, listedNames, stored, controlled } from './lib/harness.mjs';

test('opens and edits with the relay stopped', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const id = await addStaff(page, { full_name: 'Өмүрбекова Жаңыл', roles: ['teacher'], subjects: 'Кыргыз тили' });
  await controlled(page);

  await h.relay.stop();
  assert.notEqual((await fetch(h.url).catch((e) => e)).ok, true, 'the relay is really down');

  await page.reload();
  assert.deepEqual(await listedNames(page, ['Өмүрбекова Жаңыл']), ['Өмүрбекова Жаңыл'], 'opens from the service worker with the data');

  await addStaff(page, { full_name: 'Үсөнов Таалай', roles: ['teacher'], teaching_since: '2015' });
  await page.evaluate((id) => { location.hash = `#/staff/${id}/edit`; }, id);
  await fillStaff(page, { phone: '+996 555 12 34 56' });
  await stored(page, () => byTestId(page, 'save').click());

  await page.reload();
  const both = ['Өмүрбекова Жаңыл', 'Үсөнов Таалай'];
  assert.deepEqual(await listedNames(page, both), both, 'the staff added offline is there after a reload');
  await page.evaluate((id) => { location.hash = `#/staff/${id}`; }, id);
  assert.equal(await byTestId(page, 'phone').textContent(), '+996 555 12 34 56');

  // A new tab loads everything from the service worker (the relay is down, so it must).
  const fresh = await h.context.newPage();
  const responses = [];
  fresh.on('response', (r) => responses.push(r));
  await fresh.goto(h.url);
  assert.deepEqual(await listedNames(fresh, both), both);
  assert.ok(responses.length >= 4, `html, js, wasm and css were loaded (${responses.length})`);
  const network = responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
  assert.deepEqual(network, [], 'nothing came from the network');

  // The relay comes back on the same address and the app keeps its data.
  await h.relay.start();
  await fresh.reload();
  assert.deepEqual(await listedNames(fresh, both), both);
  assert.deepEqual(page.errors, []);
});
