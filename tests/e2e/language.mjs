// The language switch translates the interface and is remembered; the first language
// follows the browser's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace } from './lib/harness.mjs';

const LABELS = {
  ky: { nav: 'Педагогдор', add: 'Педагог кошуу', create: 'Мейкиндикти түзүү' },
  ru: { nav: 'Педагоги', add: 'Добавить педагога', create: 'Создать пространство' },
  en: { nav: 'Staff', add: 'Add staff member', create: 'Create space' },
};

const labels = async (page) => ({
  nav: await page.locator('.app-nav a').first().textContent(),
  add: await byTestId(page, 'add-staff').textContent(),
});

async function showsLanguage(page, code) {
  await page.waitForFunction((c) => document.documentElement.lang === c, code, { timeout: 5_000 }).catch(() => {});
  await byTestId(page, 'add-staff').waitFor();
  const { nav, add } = LABELS[code];
  assert.deepEqual(await labels(page), { nav, add }, code);
  assert.equal(await byTestId(page, 'lang').inputValue(), code);
}

test('switch to Russian and English; the choice survives a reload', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  await showsLanguage(page, 'ky');
  for (const code of ['ru', 'en']) {
    await byTestId(page, 'lang').selectOption(code);
    await showsLanguage(page, code);
    await page.reload();
    await showsLanguage(page, code);
  }
});

test('the first language follows the browser', async (t) => {
  const h = await setup(t);
  for (const [locale, code] of [['ru-RU', 'ru'], ['en-US', 'en'], ['ky-KG', 'ky']]) {
    const context = await h.newContext({ locale });
    const page = await open(context, h.url);
    await page.locator('.setup button[type=submit]').filter({ hasText: LABELS[code].create }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), code, locale);
  }
});
