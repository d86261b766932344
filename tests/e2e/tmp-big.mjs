import { test } from 'node:test';
import { setup, open, byTestId, createSpace, go, stored } from './lib/harness.mjs';
import { randomFillSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

function bigPdf(imageBytes, textPages) {
  const img = Buffer.alloc(imageBytes); randomFillSync(img);
  const parts = [];
  let out = Buffer.from('%PDF-1.4\n', 'latin1');
  const offsets = [];
  const push = (b) => { out = Buffer.concat([out, typeof b === 'string' ? Buffer.from(b, 'latin1') : b]); };
  const objs = [];
  const kids = [];
  let n = 1;
  objs.push([n++, '<< /Type /Catalog /Pages 2 0 R >>']);
  const pagesIdx = n++;
  const fontIdx = n++;
  const imgIdx = n++;
  for (let p = 0; p < textPages; p++) {
    const content = Array.from({ length: 40 }, (_, i) => `BT /F1 10 Tf 40 ${800 - i * 18} Td (Line ${i} of page ${p}: methodical work plan of the school) Tj ET`).join('\n');
    const cIdx = n++; const pIdx = n++;
    objs.push([cIdx, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    objs.push([pIdx, `<< /Type /Page /Parent ${pagesIdx} 0 R /MediaBox [0 0 595 842] /Contents ${cIdx} 0 R /Resources << /Font << /F1 ${fontIdx} 0 R >> /XObject << /Im1 ${imgIdx} 0 R >> >> >>`]);
    kids.push(pIdx);
  }
  objs.push([pagesIdx, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`]);
  objs.push([fontIdx, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
  objs.sort((a, b) => a[0] - b[0]);
  const all = [];
  for (const [i, body] of objs) all[i] = body;
  for (let i = 1; i < n; i++) {
    offsets[i] = out.length;
    if (i === imgIdx) {
      push(`${i} 0 obj\n<< /Type /XObject /Subtype /Image /Width 1000 /Height 1000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${img.length} >>\nstream\n`);
      push(img); push('\nendstream\nendobj\n');
    } else push(`${i} 0 obj\n${all[i]}\nendobj\n`);
  }
  const xref = out.length;
  let x = `xref\n0 ${n}\n0000000000 65535 f \n`;
  for (let i = 1; i < n; i++) x += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  push(x + `trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return out;
}

test('big file add', async (t) => {
  const h = await setup(t);
  const page = await open(h.context, h.url);
  await createSpace(page);
  await go(page, '#/library/new');
  const form = page.locator('.library-form');
  await form.waitFor();
  await form.locator('[name=title]').fill('Big');
  await form.locator('select[name=kind]').selectOption('internal_order');
  await form.locator('[name=date]').fill('2026-09-01');
  await form.locator('[name=issued_by]').fill('Директор');
  await byTestId(page, 'save').click();
  await byTestId(page, 'document-title').waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  for (const [img, pages] of [[20e6, 10]]) {
    await cdp.send('Profiler.start');
    const pdf = bigPdf(img, pages);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await byTestId(page, 'attach-file').setInputFiles({ name: `big-${pages}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`[data-testid=file-row][data-file="big-${pages}.pdf"]`).waitFor({ timeout: 60000 });
    const long = await page.evaluate(() => window.__long);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync('/tmp/kenesh/profile.json', JSON.stringify(profile));
    console.log(`${(pdf.length / 1e6).toFixed(1)} MB, ${pages} text pages: attached in ${Date.now() - t0} ms; long tasks ${JSON.stringify(long)}`);
  }
});
