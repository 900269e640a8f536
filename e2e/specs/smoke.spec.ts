import { assert, type Spec } from '../lib/fixtures';

/** The front page loads, has one main heading, and passes an axe scan. */
const smoke: Spec = async ({ baseUrl, newPage, axe, step }) => {
  const page = await newPage();

  await step('the front page loads with a main heading', async () => {
    const res = await page.goto(`${baseUrl}/`);
    assert(res?.ok(), `GET / answered ${res?.status()}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
    const h1s = await page.getByRole('heading', { level: 1 }).count();
    assert(h1s >= 1, 'the page has no h1');
    const lang = await page.locator('html').getAttribute('lang');
    assert(lang === 'nl' || lang === 'en', `html lang is ${JSON.stringify(lang)}, expected nl or en`);
  });

  await step('the front page passes axe (WCAG 2.1 AA)', async () => {
    await axe(page, 'the front page');
  });
};

export default smoke;
