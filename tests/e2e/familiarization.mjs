// Familiarization with a library document (#5) end to end through a real relay: the
// administrator requires that an association read an order by a deadline; a member of that
// association, on a device joined through the relay, finds it in "to read" (and counted in
// the navigation), acknowledges it with one action; the administrator's sheet shows who read
// it and when, and who has not yet; the sheet exported to .xlsx is read back here.
// Both browsers run in Bishkek time, so days of acknowledgement are local days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, open, byTestId, createSpace, addStaff, stored, go, connect, invite, join, synced, unzip } from './lib/harness.mjs';

const SCHOOL = 'Ош шаарындагы №5 мектеп';
const ADMIN = 'Асанова Гүлнара';
const READER = 'Бакиров Нурлан';
const OTHER = 'Өмүрова Жаңыл';
const OUTSIDE = 'Ысаков Таалай';
const ASSOCIATION = 'Табигый-математикалык цикл';
const TITLE = 'Ички тартип эрежелерин бекитүү жөнүндө';
const ZONE = 'Asia/Bishkek';

/** Today in Bishkek as [year, month, day]. */
function bishkekToday() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date());
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return [get('year'), get('month'), get('day')];
}
const pad = (n) => String(n).padStart(2, '0');

/** The rows of a worksheet's XML as arrays of cell texts (inline strings, or values). */
function sheetRows(xml) {
  const rows = [];
  for (const [, row] of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const cells = [];
    for (const [, attrs, body] of row.matchAll(/<c([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const ref = /r="([A-Z]+)\d+"/.exec(attrs)?.[1];
      const column = ref ? ref.charCodeAt(0) - 65 : cells.length;
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(body ?? '')?.[1] ?? /<v>(.*?)<\/v>/s.exec(body ?? '')?.[1] ?? '';
      cells[column] = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    }
    rows.push(Array.from(cells, (c) => c ?? ''));
  }
  return rows;
}

test('an association is asked to read an order; a member acknowledges on their device; the sheet shows it and exports to .xlsx', async (t) => {
  const h = await setup(t, { contextOptions: { timezoneId: ZONE } });
  const a = await open(h.context, h.url);
  await createSpace(a, { school: SCHOOL, name: ADMIN });
  const reader = await addStaff(a, { full_name: READER, roles: ['teacher'] });
  const other = await addStaff(a, { full_name: OTHER, roles: ['teacher'] });
  await addStaff(a, { full_name: OUTSIDE, roles: ['teacher'] });

  // The association: Жаңыл heads it, Нурлан is a member; Таалай is not in it.
  await go(a, '#/associations/new');
  await a.locator('.association-form input[name=name]').fill(ASSOCIATION);
  await a.locator('.association-form select[name=head]').selectOption(other);
  await a.locator(`.association-form input[name=member][value="${reader}"]`).check();
  await stored(a, () => byTestId(a, 'save').click());
  await byTestId(a, 'association-row').filter({ hasText: ASSOCIATION }).waitFor();

  // An order, then its requirement: the association, by a deadline in ten days.
  await go(a, '#/library/new');
  const form = a.locator('.library-form');
  await form.waitFor();
  await form.locator('[name=title]').fill(TITLE);
  await form.locator('select[name=kind]').selectOption('internal_order');
  await form.locator('[name=number]').fill('№ 15-П');
  await form.locator('[name=date]').fill('2026-09-01');
  await stored(a, () => byTestId(a, 'save').click());
  await byTestId(a, 'document-title').filter({ hasText: TITLE }).waitFor();
  const id = new URL(a.url()).hash.split('/')[2];
  await byTestId(a, 'fam-none').waitFor();

  await byTestId(a, 'fam-require').click();
  const req = byTestId(a, 'fam-form');
  await req.locator('select[name=fam-kind]').selectOption('associations');
  // Nothing chosen: a translated message, nothing saved.
  await byTestId(a, 'fam-save').click();
  await req.locator('.field-error[role=alert]').first().waitFor();
  assert.equal(await byTestId(a, 'fam-none').count(), 1, 'no requirement saved from a bad form');
  const association = await req.locator('input[name=fam-association]').first().getAttribute('value');
  await req.locator(`input[name=fam-association][value="${association}"]`).check();
  const deadline = new Date(Date.now() + 10 * 86_400_000);
  const deadlineIso = deadline.toISOString().slice(0, 10);
  await req.locator('input[name=fam-deadline]').fill(deadlineIso);
  await stored(a, () => byTestId(a, 'fam-save').click());
  await byTestId(a, 'fam-progress').filter({ hasText: '0 / 2' }).waitFor();
  assert.match(await byTestId(a, 'fam-audience').textContent(), new RegExp(ASSOCIATION));
  const [y, m, d] = deadlineIso.split('-');
  assert.equal((await byTestId(a, 'fam-deadline').textContent()).trim(), `${d}.${m}.${y}`);

  // Нурлан's device joins through the relay and ties itself to his staff record.
  await connect(a);
  const b = await join(await h.newContext(), await invite(a), READER);
  await go(b, '#/my');
  await b.locator('select[name=person]').selectOption(reader);
  await stored(b, () => byTestId(b, 'this-is-me').click());
  const item = b.locator(`[data-testid=to-read-item][data-id="${id}"]`);
  await item.waitFor({ timeout: 30_000 });
  assert.match(await item.textContent(), new RegExp(TITLE));
  assert.equal(await byTestId(b, 'to-read-count').textContent(), '1', 'counted in the navigation');

  // One action: "I have read it", from the document page.
  await item.locator('a').click();
  await byTestId(b, 'document-title').filter({ hasText: TITLE }).waitFor();
  await stored(b, () => byTestId(b, 'acknowledge').click());
  const [year, month, day] = bishkekToday();
  const today = `${pad(day)}.${pad(month)}.${year}`;
  await byTestId(b, 'fam-acknowledged').filter({ hasText: today }).waitFor();
  await go(b, '#/my');
  await byTestId(b, 'to-read-empty').waitFor();
  assert.equal(await byTestId(b, 'to-read-count').count(), 0, 'nothing left to count');
  await synced(b);

  // The administrator's sheet: Нурлан read it today, Жаңыл has not yet; Таалай is not asked.
  await go(a, `#/library/${id}/sheet`);
  const row = a.locator(`[data-testid=sheet-row][data-person="${reader}"]`);
  await row.locator('td.col3').filter({ hasText: today }).waitFor({ timeout: 30_000 });
  const rows = await byTestId(a, 'sheet-row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(rows, [
    ['1', READER, ASSOCIATION, today, ''],
    ['2', OTHER, ASSOCIATION, '', ''],
  ]);
  assert.match(await byTestId(a, 'sheet-document').textContent(), /«Ички тартип эрежелерин бекитүү жөнүндө» № 15-П датасы 01\.09\.2026/);
  assert.equal(await a.locator(`[data-testid=sheet-row][data-person="${other}"]`).getAttribute('class'), 'pending');
  await go(a, `#/library/${id}`);
  await byTestId(a, 'fam-progress').filter({ hasText: '1 / 2' }).waitFor();

  // Exported to .xlsx and read back: the names, and the date as Excel's day number.
  await go(a, `#/library/${id}/sheet`);
  const [download] = await Promise.all([a.waitForEvent('download'), byTestId(a, 'export-xlsx').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const files = unzip(await readFile(await download.path()));
  assert.match(files.get('xl/workbook.xml').toString('utf8'), /name="ТААНЫШУУ БАРАГЫ"/);
  const table = sheetRows(files.get('xl/worksheets/sheet1.xml').toString('utf8'));
  const serial = String(Date.UTC(year, month - 1, day) / 86_400_000 + 25_569);
  assert.deepEqual(table[0], ['№', 'Аты-жөнү', 'Кызматы / бирикмеси', 'Таанышкан күнү', 'Колу']);
  assert.deepEqual(table[1].slice(0, 4), ['1', READER, ASSOCIATION, serial]);
  assert.deepEqual(table[2].slice(0, 3), ['2', OTHER, ASSOCIATION]);
  assert.equal(table[2][3] ?? '', '', 'not read yet: no date');
  assert.ok(table.some((r) => r[1]?.includes(TITLE)), 'the document is named under the table');
  assert.deepEqual(a.errors, [], 'no page error on the first device');
  assert.deepEqual(b.errors, [], 'no page error on the second device');
});
