// A 10-inch tablet in both orientations: the staff list fits the width, "add" is in reach,
// a card's number is labelled and a form's plain button does not look like a field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, byTestId, createSpace, addStaff, listedNames } from './lib/harness.mjs';

for (const [orientation, viewport] of [['portrait', { width: 800, height: 1280 }], ['landscape', { width: 1280, height: 800 }]]) {
  test(`staff list on a tablet, ${orientation}`, async (t) => {
    const h = await setup(t, { contextOptions: { viewport, hasTouch: true } });
    const page = await open(h.context, h.url);
    await createSpace(page);
    await addStaff(page, {
      full_name: 'Өмүрбекова Жаңыл Бейшеналиевна', roles: ['teacher', 'class_teacher', 'additional_education_teacher'],
      subjects: 'Кыргыз тили, Кыргыз адабияты, Манас таануу', teaching_since: '1995', phone: '+996 555 12 34 56',
    });
    assert.equal((await listedNames(page, ['Өмүрбекова Жаңыл Бейшеналиевна'])).length, 1);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
    assert.ok(scrollWidth <= innerWidth, `no horizontal scroll: ${scrollWidth} > ${innerWidth}`);
    assert.ok(await byTestId(page, 'add-staff').isVisible());
    const box = await byTestId(page, 'add-staff').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= innerWidth && box.y + box.height <= viewport.height, 'the add button is on screen');
    // Held upright, rows are cards without column headers: the years of experience say what they are.
    const experience = await byTestId(page, 'staff-experience').innerText();
    if (orientation === 'portrait') assert.match(experience, /^Стажы: \d+$/);
    else assert.match(experience, /^\d+$/);
    // A form's plain button keeps its own width: stretched like the inputs, it reads as a text field.
    await page.evaluate(() => { location.hash = '#/settings'; });
    const form = page.locator('form').filter({ has: page.locator('input[name=school]') });
    const [formBox, saveBox] = [await form.boundingBox(), await form.locator('button[type=submit]').boundingBox()];
    assert.ok(saveBox.width < formBox.width / 2, `the save button is ${saveBox.width} of ${formBox.width} px wide`);
  });
}
