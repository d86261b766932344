// Two tabs edit different fields of one teacher: both edits are kept, in both tabs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, stored } from './lib/harness.mjs';

const PHONE = '+996 700 11 22 33';
const EDUCATION = 'КМУ, кыргыз филологиясы';

async function shows(page, phone, education) {
  await page.waitForFunction(([p, e]) =>
    document.querySelector('[data-testid=phone]')?.textContent === p &&
    document.querySelector('[data-testid=education]')?.textContent === e, [phone, education], { timeout: 5_000 }).catch(() => {});
  return [await byTestId(page, 'phone').textContent(), await byTestId(page, 'education').textContent()];
}

test('two tabs editing different fields of one teacher keep both edits', async (t) => {
  const h = await setup(t);
  const one = await open(h.context, h.url);
  await createSpace(one);
  const id = await addStaff(one, { full_name: 'Асанова Айгүл', roles: ['teacher'], phone: '+996 555 00 00 00', education: 'ОшМУ' });

  const edit = `#/staff/${id}/edit`;
  const two = await open(h.context, h.url, edit);
  await one.evaluate((hash) => { location.hash = hash; }, edit);
  for (const page of [one, two]) await page.locator('.staff-form [name=phone]').waitFor();

  await fillStaff(one, { phone: PHONE });
  await stored(one, () => byTestId(one, 'save').click());
  await fillStaff(two, { education: EDUCATION });
  await stored(two, () => byTestId(two, 'save').click());

  for (const [name, page] of [['tab 1', one], ['tab 2', two]]) {
    assert.deepEqual(await shows(page, PHONE, EDUCATION), [PHONE, EDUCATION], name);
  }
  for (const [name, page] of [['tab 1', one], ['tab 2', two]]) {
    await page.reload();
    assert.deepEqual(await shows(page, PHONE, EDUCATION), [PHONE, EDUCATION], `${name} after a reload`);
  }
});

test('a tab that read the database early still gets an edit another tab stored before it listened', async (t) => {
  const h = await setup(t);
  const one = await open(h.context, h.url);
  await createSpace(one);
  const id = await addStaff(one, { full_name: 'Токтосунова Нуржамал', roles: ['teacher'], phone: '+996 555 10 10 10' });

  // The second tab's early script reads the database, and its wasm waits until released.
  const two = await h.context.newPage();
  await two.addInitScript(() => {
    const gate = new Promise((resolve) => { window.releaseWasm = resolve; });
    for (const name of ['instantiateStreaming', 'instantiate']) {
      const original = WebAssembly[name];
      WebAssembly[name] = (...args) => gate.then(() => original.apply(WebAssembly, args));
    }
  });
  await two.goto(`${h.url}#/staff/${id}`);
  await two.waitForFunction(() => window.keneshEarlyOpen
    ?.then((db) => db?.keneshEarlyRead)
    .then((read) => { window.earlyReadDone = read !== null; }) && window.earlyReadDone === true);

  await one.evaluate((hash) => { location.hash = hash; }, `#/staff/${id}/edit`);
  await one.locator('.staff-form [name=phone]').waitFor();
  await fillStaff(one, { phone: PHONE });
  await stored(one, () => byTestId(one, 'save').click());

  await two.evaluate(() => window.releaseWasm());
  await two.waitForFunction((p) => document.querySelector('[data-testid=phone]')?.textContent === p, PHONE, { timeout: 10_000 });
});
