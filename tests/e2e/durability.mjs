// An edit is kept even when the tab is closed right after saving, before "saved" shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, fillStaff } from './lib/harness.mjs';

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
