// First run shows the setup form; a created space opens straight away on the next load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace } from './lib/harness.mjs';

test('create a space, then reload opens straight into it', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);

  await page.locator('.setup form').waitFor();
  assert.equal(await byTestId(page, 'school-name').count(), 0, 'no shell before the space exists');

  await createSpace(page, { school: 'Бишкек шаарындагы №61 гимназия', name: 'Токтогулова Нургүл', role: 'council_member' });
  assert.equal(await byTestId(page, 'school-name').textContent(), 'Бишкек шаарындагы №61 гимназия');
  assert.equal(await page.locator('.setup').count(), 0, 'the setup form is gone');

  await page.reload();
  await byTestId(page, 'school-name').filter({ hasText: 'Бишкек шаарындагы №61 гимназия' }).waitFor();
  assert.equal(await page.locator('.setup').count(), 0, 'no setup form after a reload');

  await page.evaluate(() => { location.hash = '#/settings'; });
  assert.equal(await byTestId(page, 'me').textContent(), 'Токтогулова Нургүл');
  assert.deepEqual(page.errors, []);
});
