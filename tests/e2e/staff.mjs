// Staff: Kyrgyz names sort and search correctly, validation shows translated messages,
// edits leave history, and a removed record can be shown and restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff, listedNames, stored, durableCount } from './lib/harness.mjs';

const TEACHERS = [
  { full_name: 'Өмүрбекова Жаңыл', roles: ['teacher', 'class_teacher'], subjects: 'Кыргыз тили, Адабият', teaching_since: '2004' },
  { full_name: 'Үсөнов Таалай', roles: ['teacher'], subjects: 'Математика', teaching_since: '2015' },
  { full_name: 'Асанова Айгүл', roles: ['teacher', 'administration'], subjects: 'Орус тили', teaching_since: '1998' },
];
const SORTED = ['Асанова Айгүл', 'Өмүрбекова Жаңыл', 'Үсөнов Таалай'];

test('staff list, search, validation, history, remove and restore', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const ids = [];
  for (const teacher of TEACHERS) ids.push(await addStaff(page, teacher));

  await page.reload();
  assert.deepEqual(await listedNames(page, SORTED), SORTED, 'Kyrgyz alphabet order: А, Ө, Ү');

  const search = byTestId(page, 'search');
  for (const query of ['ЖАҢЫЛ', 'жаныл']) {
    await search.fill(query);
    assert.deepEqual(await listedNames(page, ['Өмүрбекова Жаңыл']), ['Өмүрбекова Жаңыл'], query);
  }
  await search.fill('');
  assert.deepEqual(await listedNames(page, SORTED), SORTED);

  // Validation: nothing is stored, the translated messages show under the fields.
  await byTestId(page, 'add-staff').click();
  await fillStaff(page, { full_name: '   ', teaching_since: '20x4', roles: ['teacher'] });
  const edits = await durableCount(page);
  await byTestId(page, 'save').click();
  const nameError = page.locator('.field:has([name=full_name]) .field-error');
  const yearError = page.locator('.field:has([name=teaching_since]) .field-error');
  assert.equal(await nameError.textContent(), 'Толтуруу керек.');
  assert.equal(await yearError.textContent(), 'Жылды сан менен жазыңыз, мисалы 2004.');
  assert.match(page.url(), /#\/staff\/new$/);
  assert.equal(await durableCount(page), edits);
  assert.deepEqual(await listedNames(page, SORTED), SORTED, 'the invalid form added nobody');

  // Editing adds a history line naming the field.
  await page.evaluate((id) => { location.hash = `#/staff/${id}`; }, ids[1]);
  const history = byTestId(page, 'history').locator('li');
  await history.first().waitFor();
  const lines = await history.count();
  await byTestId(page, 'edit').click();
  await fillStaff(page, { education: 'ОшМУ, математика' });
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'education').filter({ hasText: 'ОшМУ, математика' }).waitFor();
  await assert.doesNotReject(page.waitForFunction((n) => document.querySelectorAll('[data-testid=history] li').length === n + 1, lines));
  assert.match(await history.first().textContent(), /Асанова Гүлнара · өзгөрттү: Билими/);

  // Remove: gone from the list, shown with "removed", restored back.
  await stored(page, () => byTestId(page, 'remove-toggle').click());
  await byTestId(page, 'removed-note').waitFor();
  const left = ['Асанова Айгүл', 'Өмүрбекова Жаңыл'];
  assert.deepEqual(await listedNames(page, left), left);
  await byTestId(page, 'show-removed').check();
  await byTestId(page, 'staff-row').filter({ hasText: 'Үсөнов Таалай' }).waitFor();
  await byTestId(page, 'staff-row').filter({ hasText: 'Үсөнов Таалай' }).locator('a').click();
  await stored(page, () => byTestId(page, 'remove-toggle').click());
  await byTestId(page, 'removed-note').waitFor({ state: 'detached' });
  await page.reload();
  assert.deepEqual(await listedNames(page, SORTED), SORTED);
  assert.deepEqual(page.errors, []);
});
