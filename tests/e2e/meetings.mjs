// Structure, plans and meetings: an association with members, plan items (with a
// translated validation message), a meeting with attendance, minutes and a decision that
// shows on the responsible person's list; the minutes export to a .docx that is read back
// here, and the print view renders the paper layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, open, byTestId, createSpace, addStaff, stored, durableCount, unzip } from './lib/harness.mjs';

const TEACHERS = [
  { full_name: 'Өмүрбекова Жаңыл', roles: ['teacher'], subjects: 'Математика' },
  { full_name: 'Үсөнов Таалай', roles: ['teacher'], subjects: 'Физика' },
  { full_name: 'Асанова Айгүл', roles: ['teacher', 'administration'], subjects: 'Информатика' },
];
const DECISION = 'Өз ара сабакка катышуунун графигин түзүү';

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFromNow = (n) => { const d = new Date(); d.setDate(d.getDate() + n); return iso(d); };
const dotted = (isoDay) => isoDay.split('-').reverse().join('.');

test('association, plan, meeting with attendance and a decision, .docx and print', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const ids = [];
  for (const teacher of TEACHERS) ids.push(await addStaff(page, teacher));

  // An association with a head and members from the staff list.
  await page.evaluate(() => { location.hash = '#/associations/new'; });
  await page.locator('.association-form input[name=name]').fill('Табигый-математикалык цикл');
  await page.locator('.association-form select[name=kind]').selectOption('subject_cycle');
  await page.locator('.association-form select[name=head]').selectOption(ids[0]);
  await page.locator(`.association-form input[name=member][value="${ids[1]}"]`).check();
  await page.locator(`.association-form input[name=member][value="${ids[2]}"]`).check();
  await page.locator('.association-form input[name=subjects]').fill('Математика, Физика');
  await stored(page, () => byTestId(page, 'save').click());
  const row = byTestId(page, 'association-row').filter({ hasText: 'Табигый-математикалык цикл' });
  await row.waitFor();
  assert.match(await row.textContent(), /Өмүрбекова Жаңыл/);
  assert.match(await row.textContent(), /Үсөнов Таалай, Асанова Айгүл/);

  // A plan item whose end is before its start is refused with the Kyrgyz message.
  await page.evaluate(() => { location.hash = '#/plans/new'; });
  const form = page.locator('.plan-form');
  await form.locator('input[name=title]').fill('Ачык сабактардын жумалыгы');
  await form.locator('input[name=section]').fill('Тажрыйба жайылтуу');
  await form.locator('input[name=start]').fill(daysFromNow(10));
  await form.locator('input[name=end]').fill(daysFromNow(5));
  await form.locator(`input[name=responsible][value="${ids[1]}"]`).check();
  const edits = await durableCount(page);
  await byTestId(page, 'save').click();
  const endError = form.locator('.field:has([name=end]) .field-error');
  assert.equal(await endError.textContent(), 'Аяктоо күнү башталуу күнүнөн эрте болбошу керек.');
  assert.equal(await durableCount(page), edits, 'nothing stored');
  await form.locator('input[name=end]').fill(daysFromNow(15));
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'plan-row').filter({ hasText: 'Ачык сабактардын жумалыгы' }).waitFor();

  // The annual plan is copied into the next school year.
  await byTestId(page, 'plan-plan').selectOption('');
  await stored(page, () => byTestId(page, 'copy-plan').click());
  assert.match(await byTestId(page, 'copied').textContent(), /1$/);
  await byTestId(page, 'plan-row').filter({ hasText: 'Ачык сабактардын жумалыгы' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=plan-row]').length === 1);
  assert.match(await byTestId(page, 'plan-row').textContent(), /Пландалган/, 'the next year holds the copy, planned again');

  // A meeting of the association with its agenda.
  await page.evaluate(() => { location.hash = '#/meetings/new'; });
  await page.locator('.meeting select[name=body]').selectOption({ label: 'Табигый-математикалык цикл' });
  await page.locator('.meeting input[name=date]').fill(daysFromNow(0));
  await page.locator('.meeting input[name=agenda-title]').first().fill('Биринчи чейректин жыйынтыгы');
  await page.locator('.meeting select[name=agenda-speaker]').first().selectOption(ids[0]);
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'attendance').waitFor();
  const meetingId = new URL(page.url()).hash.split('/')[2];
  assert.equal(await byTestId(page, 'meeting-number').textContent(), '1');

  // Attendance: two present, one absent with a reason.
  const attendance = (id) => page.locator(`[data-testid=attendance-row][data-person="${id}"]`);
  await stored(page, () => attendance(ids[0]).locator('input[name=present]').check());
  await stored(page, () => attendance(ids[1]).locator('input[name=present]').check());
  await attendance(ids[2]).locator('input[name=reason]').fill('курста');
  await stored(page, () => attendance(ids[2]).locator('input[name=reason]').press('Tab'));

  // The minutes, and a decision for Үсөнов Таалай with a deadline in a week.
  await stored(page, () => page.locator('textarea[name=minutes]').fill('Өмүрбекова Жаңыл чейректин жыйынтыгы боюнча баяндады.'));
  await page.locator('textarea[name=decision-text]').fill(DECISION);
  await page.locator('select[name=decision-responsible]').selectOption(ids[1]);
  await page.locator('input[name=decision-deadline]').fill(daysFromNow(7));
  await stored(page, () => byTestId(page, 'add-decision').click());
  await byTestId(page, 'decision-row').filter({ hasText: DECISION }).waitFor();

  // The decision is on the responsible person's list, and not on another's.
  await page.evaluate((id) => { location.hash = `#/my/${id}`; }, ids[1]);
  await byTestId(page, 'open-decision').filter({ hasText: DECISION }).waitFor();
  assert.equal(await byTestId(page, 'my-plan-item').count(), 2, 'and their plan items, this year and the copy for the next');
  // Tying this device to that person opens "my items" on them.
  await stored(page, () => byTestId(page, 'this-is-me').click());
  await page.evaluate(() => { location.hash = '#/my'; });
  await byTestId(page, 'open-decision').filter({ hasText: DECISION }).waitFor();
  await page.evaluate((id) => { location.hash = `#/my/${id}`; }, ids[2]);
  await byTestId(page, 'decisions-empty').waitFor();
  await page.evaluate(() => { location.hash = '#/decisions'; });
  await byTestId(page, 'open-decision').filter({ hasText: DECISION }).waitFor();
  // Dates on screen are written as on paper, day first: the deadline and the meeting's day.
  const decision = await byTestId(page, 'open-decision').filter({ hasText: DECISION }).textContent();
  for (const day of [daysFromNow(7), daysFromNow(0)]) assert.ok(decision.includes(dotted(day)), `${dotted(day)} in "${decision}"`);

  // The calendar shows the decision on its deadline, next week, filtered to its person.
  await page.evaluate(() => { location.hash = '#/calendar'; });
  await byTestId(page, 'week-view').click();
  await page.locator('.calendar button', { hasText: 'Кийинки' }).click();
  await page.locator('.calendar select').nth(1).selectOption(ids[1]);
  await byTestId(page, 'calendar-entry').filter({ hasText: DECISION }).waitFor();
  await page.locator('.calendar select').nth(1).selectOption(ids[2]);
  await byTestId(page, 'calendar-entry').filter({ hasText: DECISION }).waitFor({ state: 'detached' });

  // After a reload everything is still there; the minutes export to a .docx holding it all.
  await page.reload();
  await page.evaluate((id) => { location.hash = `#/meetings/${id}`; }, meetingId);
  await byTestId(page, 'decision-row').filter({ hasText: DECISION }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    byTestId(page, 'export-docx').click(),
  ]);
  assert.match(download.suggestedFilename(), /^protocol-1-\d{4}-\d{2}-\d{2}\.docx$/);
  const docx = await readFile(await download.path());
  const files = unzip(docx);
  assert.ok(files.has('[Content_Types].xml'), 'a Word package');
  const xml = files.get('word/document.xml').toString('utf8');
  assert.ok(xml.includes(DECISION), 'the decision is in the document');
  assert.ok(xml.includes('ПРОТОКОЛ № 1'));
  assert.ok(xml.includes('Үсөнов Таалай'), 'with its responsible person');
  assert.ok(xml.includes('Асанова Айгүл (курста)'), 'the absent with the reason');
  assert.ok(xml.includes('Өмүрбекова Жаңыл чейректин жыйынтыгы боюнча баяндады.'), 'the minutes');

  // The print view: the paper layout with the school, number, attendance and signatures.
  await byTestId(page, 'print-minutes').click();
  const sheet = byTestId(page, 'minutes-sheet');
  await sheet.waitFor();
  const text = await sheet.textContent();
  for (const part of ['Ош шаарындагы №5 мектеп', 'ПРОТОКОЛ № 1', 'Катышкандар', 'Катышпагандар', 'УГУЛДУ', 'ТОКТОМ КЫЛЫНДЫ', DECISION, 'Төрага', 'Катчы']) {
    assert.ok(text.includes(part), `the printed minutes show ${part}`);
  }
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false, 'the header is not printed');
  assert.deepEqual(page.errors, []);
});

test('an association removed from its form leaves the list, shows among the removed, and is restored', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const head = await addStaff(page, TEACHERS[0]);
  const NAME = 'Тилдер цикли';
  await page.evaluate(() => { location.hash = '#/associations/new'; });
  await page.locator('.association-form input[name=name]').fill(NAME);
  await page.locator('.association-form select[name=head]').selectOption(head);
  await stored(page, () => byTestId(page, 'save').click());
  const row = byTestId(page, 'association-row').filter({ hasText: NAME });
  const showRemoved = page.locator('[data-testid=associations] .filters input[type=checkbox]');

  // Remove: stored, back on the structure, and gone from the list.
  await row.locator('a').click();
  assert.equal(await byTestId(page, 'remove-toggle').textContent(), 'Өчүрүү');
  await stored(page, () => byTestId(page, 'remove-toggle').click());
  await page.waitForFunction(() => location.hash === '#/structure');
  await byTestId(page, 'associations').locator('.empty').waitFor();
  assert.equal(await row.count(), 0);

  // Among the removed it is there; its form offers to restore it.
  await showRemoved.check();
  await row.waitFor();
  await row.locator('a').click();
  assert.equal(await byTestId(page, 'remove-toggle').textContent(), 'Калыбына келтирүү');
  await stored(page, () => byTestId(page, 'remove-toggle').click());
  await page.waitForFunction(() => location.hash === '#/structure');
  // A fresh list: the filter is off again, and the restored association is listed.
  await row.waitFor();
  assert.equal(await showRemoved.isChecked(), false);
});
