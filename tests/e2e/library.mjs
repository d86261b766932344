// The library (#5) end to end through a real relay: an order with a PDF is added and is
// there after a reload; a colleague's device joined through the relay sees it and opens the
// PDF (fetched from the relay, decrypted, its hash checked); a file it never opened is not
// there offline ("connect to download") until its section is kept offline, after which it
// opens with the network off; an oversized or unsupported file gets the translated message
// and leaves the document as it was. A file taken off its document leaves the device a week
// later; a file a document names stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, stored, spaceDb, withDb, go, connect, invite, join, synced, smallDisk, fillDisk } from './lib/harness.mjs';

const SCHOOL = 'Ош шаарындагы №5 мектеп';
const ADMIN = 'Асанова Гүлнара';
const COLLEAGUE = 'Бакиров Нурлан';

/**
 * A small valid one-page PDF whose page shows `text` (ASCII), made here: no download.
 * `pad` bytes of a comment make it larger.
 */
function makePdf(text, pad = 0) {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = `%PDF-1.4\n${pad ? `%${'k'.repeat(pad)}\n` : ''}`;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Adds a document through the form with one file; returns its id. */
async function addDocument(page, { title, number, date, issuedBy, file }) {
  await go(page, '#/library/new');
  const form = page.locator('.library-form');
  await form.waitFor();
  await form.locator('[name=title]').fill(title);
  await form.locator('select[name=kind]').selectOption('internal_order');
  await form.locator('[name=number]').fill(number);
  await form.locator('[name=date]').fill(date);
  await form.locator('[name=issued_by]').fill(issuedBy);
  if (file) await form.locator('input[type=file]').setInputFiles(file);
  await stored(page, () => byTestId(page, 'save').click());
  await byTestId(page, 'document-title').filter({ hasText: title }).waitFor();
  return new URL(page.url()).hash.split('/')[2];
}

/** The row of a file on the document page. */
const fileRow = (page, name) => page.locator(`[data-testid=file-row][data-file="${name}"]`);

/** Opens a file's preview and returns the bytes the PDF frame shows. */
async function openedBytes(page, name) {
  await fileRow(page, name).locator('[data-testid=open-file]').click();
  const frame = byTestId(page, 'preview-pdf');
  await frame.waitFor({ timeout: 30_000 });
  const src = await frame.getAttribute('src');
  assert.ok(src.startsWith('blob:'), `the PDF is shown from the device (${src})`);
  return Buffer.from(await page.evaluate(async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())], src));
}

/** What the blob stores hold: [blobs, meta, texts] counts. */
const blobCounts = async (page) =>
  withDb(page, await spaceDb(page), (db) => Promise.all(['blobs', 'blob_meta', 'blob_texts'].map((s) => new Promise((ok) => {
    const r = db.transaction(s).objectStore(s).count();
    r.onsuccess = () => ok(r.result);
  }))));

test('an order with a PDF: stored, synced through the relay, opened on another device, kept offline; bad files refused', async (t) => {
  const h = await setup(t);
  const a = await open(h.context, h.url);
  await createSpace(a, { school: SCHOOL, name: ADMIN });
  await connect(a);

  const pdf15 = makePdf('Order No 15-P: the annual plan of methodical work');
  const pdf16 = makePdf('Order No 16-P: certification of teachers');
  const order = await addDocument(a, {
    title: 'Методикалык иштин жылдык планы жөнүндө',
    number: '№ 15-П',
    date: '2026-09-01',
    issuedBy: 'Мектептин директору',
    file: { name: 'buyruk-15.pdf', mimeType: 'application/pdf', buffer: pdf15 },
  });
  assert.match(await fileRow(a, 'buyruk-15.pdf').locator('[data-testid=file-here]').textContent(), /ушул түзмөктө/);
  const second = await addDocument(a, {
    title: 'Педагогдорду аттестациялоо жөнүндө',
    number: '№ 16-П',
    date: '2026-09-02',
    issuedBy: 'Мектептин директору',
    file: { name: 'buyruk-16.pdf', mimeType: 'application/pdf', buffer: pdf16 },
  });

  // After a reload the document and its file are there, and the file opens.
  await a.reload();
  await go(a, `#/library/${order}`);
  await byTestId(a, 'document-number').filter({ hasText: '№ 15-П' }).waitFor();
  assert.deepEqual(await openedBytes(a, 'buyruk-15.pdf'), pdf15, 'the stored PDF is the one added');
  // The list finds it by its number written another way, and shows the section's storage.
  await go(a, '#/library');
  await byTestId(a, 'library-search').fill('15п');
  await a.waitForFunction(() => document.querySelectorAll('[data-testid=library-row]').length === 1);
  // … and by the text inside its PDF.
  await byTestId(a, 'library-search').fill('certification');
  await a.locator('[data-testid=library-row]', { hasText: 'аттестациялоо' }).waitFor();
  assert.equal(await a.locator('[data-testid=library-row]').count(), 1);
  const section = a.locator('[data-testid=storage-section][data-kind=internal_order]');
  assert.match(await section.textContent(), /\d+(\.\d)? КБ/);
  await synced(a);

  // A colleague's device joins through the relay: the documents, not the files.
  const ctxB = await h.newContext();
  const b = await join(ctxB, await invite(a), COLLEAGUE);
  await synced(b);
  await go(b, '#/library');
  await b.waitForFunction(() => document.querySelectorAll('[data-testid=library-row]').length === 2, null, { timeout: 30_000 });
  await go(b, `#/library/${order}`);
  const row = fileRow(b, 'buyruk-15.pdf');
  await row.waitFor();
  assert.match(await row.locator('[data-testid=file-here]').textContent(), /түзмөктө жок/);
  // Opening fetches it from the relay, checks it, keeps it.
  assert.deepEqual(await openedBytes(b, 'buyruk-15.pdf'), pdf15, 'the PDF from the relay is the one added');
  await row.locator('[data-testid=file-here]').filter({ hasText: 'ушул түзмөктө' }).waitFor();

  // Offline, a file never opened here is not on this device: a clear message.
  await ctxB.setOffline(true);
  await go(b, `#/library/${second}`);
  await fileRow(b, 'buyruk-16.pdf').locator('[data-testid=open-file]').click();
  const problem = fileRow(b, 'buyruk-16.pdf').locator('[data-testid=file-open-problem]');
  await problem.waitFor();
  assert.match(await problem.textContent(), /Бул файл ушул түзмөктө жок. Жүктөп алуу үчүн интернетке туташыңыз./);
  await ctxB.setOffline(false);

  // Keep the orders' section offline: its files come down while online …
  await go(b, '#/library');
  const keep = b.locator('[data-testid=storage-section][data-kind=internal_order] [data-testid=keep-offline]');
  await keep.check();
  await go(b, `#/library/${second}`);
  await fileRow(b, 'buyruk-16.pdf').locator('[data-testid=file-here]').filter({ hasText: 'ушул түзмөктө' }).waitFor({ timeout: 30_000 });
  // … and open with the network off, after a reload too (the preference is kept).
  await ctxB.setOffline(true);
  assert.deepEqual(await openedBytes(b, 'buyruk-16.pdf'), pdf16, 'the kept PDF opens offline');
  await ctxB.setOffline(false);
  await go(b, '#/library');
  assert.equal(await keep.isChecked(), true, 'the section stays kept offline');

  // Bad files on the first device: translated messages, the document as it was.
  await go(a, `#/library/${order}`);
  await fileRow(a, 'buyruk-15.pdf').waitFor();
  const before = await blobCounts(a);
  const attach = byTestId(a, 'attach-file');
  await attach.setInputFiles({ name: 'жыйынтык.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(26 * 1024 * 1024, 1) });
  await byTestId(a, 'file-problem').filter({ hasText: 'Файл өтө чоң: 25 МБ-дан ашпашы керек.' }).waitFor();
  await attach.setInputFiles({ name: 'buzuk.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF at all') });
  await byTestId(a, 'file-problem').filter({ hasText: 'Файл бузулган же чындыгында PDF' }).waitFor();
  await attach.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not a document') });
  await byTestId(a, 'file-problem').filter({ hasText: 'Мындай файлды кошууга болбойт' }).waitFor();
  assert.equal(await a.locator('[data-testid=file-row]').count(), 1, 'the document keeps its one file');
  assert.deepEqual(await blobCounts(a), before, 'nothing was stored');
  // The message follows the language.
  await byTestId(a, 'lang').selectOption('ru');
  await byTestId(a, 'file-problem').filter({ hasText: 'Такой файл нельзя прикрепить' }).waitFor();
  assert.deepEqual(a.errors, [], 'no page error on the first device');
  assert.deepEqual(b.errors, [], 'no page error on the second device');
});

test('a full disk while a file is stored: a message, nothing of the file kept, the document unchanged', async (t) => {
  // A real full disk: the browser profile lives on a 48 MB tmpfs (mounting needs root).
  const h = await smallDisk(t);
  if (!h) return t.skip('needs root to mount a small tmpfs');
  const page = await open(h.context, h.url);
  await createSpace(page);
  const id = await addDocument(page, {
    title: 'Ички тартип эрежелери',
    number: '№ 3',
    date: '2026-08-30',
    issuedBy: 'Мектептин директору',
  });
  assert.equal(await page.locator('[data-testid=file-row]').count(), 0);

  assert.equal(await fillDisk(page), 'QuotaExceededError');
  const file = { name: 'ereje.pdf', mimeType: 'application/pdf', buffer: makePdf('Internal rules', 2 * 1024 * 1024) };
  await byTestId(page, 'attach-file').setInputFiles(file);
  await byTestId(page, 'file-problem').filter({ hasText: 'Түзмөктө орун жетпеди: файл сакталган жок, документ өзгөргөн жок.' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=file-row]').count(), 0, 'the document names no file');
  assert.deepEqual(await blobCounts(page), [0, 0, 0], 'nothing of the file is stored');

  // Space freed: the same file goes in, and stays after a reload.
  await page.evaluate(() => new Promise((ok) => { indexedDB.deleteDatabase('filler').onsuccess = ok; }));
  await stored(page, () => byTestId(page, 'attach-file').setInputFiles(file));
  await fileRow(page, 'ereje.pdf').waitFor();
  await page.reload();
  await page.evaluate((id) => { location.hash = `#/library/${id}`; }, id);
  await fileRow(page, 'ereje.pdf').locator('[data-testid=file-here]').filter({ hasText: 'ушул түзмөктө' }).waitFor();
  assert.deepEqual(await blobCounts(page), [1, 1, 1]);

  // The file taken off the document, after the user confirms; it stays off after a reload.
  const asked = new Promise((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); dialog.dismiss(); }));
  await fileRow(page, 'ereje.pdf').locator('[data-testid=remove-file]').click();
  assert.equal(await asked, 'Бул файлды документтен алып салуу керекпи?');
  assert.equal(await page.locator('[data-testid=file-row]').count(), 1, 'kept when the user says no');
  page.once('dialog', (dialog) => dialog.accept());
  await fileRow(page, 'ereje.pdf').locator('[data-testid=remove-file]').click();
  await fileRow(page, 'ereje.pdf').waitFor({ state: 'detached' });
  await page.reload();
  await page.evaluate((id) => { location.hash = `#/library/${id}`; }, id);
  await byTestId(page, 'attach-file').waitFor();
  assert.equal(await page.locator('[data-testid=file-row]').count(), 0, 'the document names no file');
  assert.deepEqual(page.errors, []);
});

test('a file taken off its document leaves the device a week later; files documents name stay', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  const named = makePdf('Order No 20-P: the school calendar');
  const id = await addDocument(page, {
    title: 'Окуу жылынын календары жөнүндө',
    number: '№ 20-П',
    date: '2026-08-28',
    issuedBy: 'Мектептин директору',
    file: { name: 'kalendar.pdf', mimeType: 'application/pdf', buffer: named },
  });
  await stored(page, () => byTestId(page, 'attach-file').setInputFiles({ name: 'karalama.pdf', mimeType: 'application/pdf', buffer: makePdf('A draft') }));
  await fileRow(page, 'karalama.pdf').waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await fileRow(page, 'karalama.pdf').locator('[data-testid=remove-file]').click();
  await fileRow(page, 'karalama.pdf').waitFor({ state: 'detached' });

  /** Reloads the document's page and waits until the device's files are read (and tidied). */
  const reopen = async () => {
    await page.reload();
    await go(page, `#/library/${id}`);
    await fileRow(page, 'kalendar.pdf').locator('[data-testid=file-here]').filter({ hasText: 'ушул түзмөктө' }).waitFor();
  };
  // Taken off today: still on the device (a form may store a file before its record names it).
  await reopen();
  assert.deepEqual(await blobCounts(page), [2, 2, 2]);

  // Eight days later (both files stored then): the file no document names is gone, bytes,
  // meta and text; the named one stays and opens.
  await withDb(page, await spaceDb(page), (db) => new Promise((ok, fail) => {
    const tx = db.transaction('blob_meta', 'readwrite');
    const metas = tx.objectStore('blob_meta');
    metas.getAll().onsuccess = (e) => {
      for (const m of e.target.result) metas.put({ ...m, stored: m.stored - 8 * 24 * 3600 * 1000 });
    };
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  }));
  await reopen();
  assert.deepEqual(await blobCounts(page), [1, 1, 1]);
  assert.deepEqual(await openedBytes(page, 'kalendar.pdf'), named);
  assert.deepEqual(page.errors, []);
});
