// Installable (Chrome reports no installability errors, the manifest has its icons) and
// printable (the navigation is hidden, the record is not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, controlled } from './lib/harness.mjs';

test('Chrome reports no installability errors', async (t) => {
  // A persistent profile: in an incognito-like context Chrome reports `in-incognito`.
  const h = await setup(t, { persistent: true });
  const page = await open(h.context, h.url);
  await controlled(page);
  const cdp = await h.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);

  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const response = await page.request.get(new URL(href, page.url()).href);
  assert.equal(response.status(), 200);
  const manifest = await response.json();
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    assert.ok(icon, `an icon of ${size}`);
    const image = await page.request.get(new URL(icon.src, response.url()).href);
    assert.equal(image.status(), 200, icon.src);
  }
});

test('print hides the navigation and keeps the record', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  await addStaff(page, { full_name: 'Асанова Айгүл', roles: ['teacher'], phone: '+996 555 12 34 56' });
  assert.ok(await page.locator('.app-nav').isVisible(), 'the navigation shows on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-nav').isVisible(), false, 'no navigation in print');
  assert.ok(await byTestId(page, 'staff-name').isVisible());
  assert.ok(await byTestId(page, 'phone').isVisible());
});
