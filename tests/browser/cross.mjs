// The four-document library in the page, in Debian's chromium via playwright-core.
//
//   node tests/browser/cross.mjs URL SCREENSHOT_PNG
//
// Asks what States committed to on alternatives to detention and checks the answer is grouped
// by document, oldest first, each document with its status and year (the Global Compact 2018,
// the 2022 Progress Declaration, the 2026 draft marked draft), and that a paragraph says where its
// language was first agreed. Saves a screenshot of that answer. Then ticks "Adopted texts only"
// and checks the follow-up leaves the draft out. The last stdout line is JSON: {"ok": true, ...}.
import { launch } from './launch.mjs';

const [url, shotPath] = process.argv.slice(2);
if (!url || !shotPath) {
  console.error('usage: node cross.mjs URL SCREENSHOT_PNG');
  process.exit(2);
}
const TIMEOUT = 60000;
const log = (msg) => console.error(`cross: ${msg}`);

const { context, close } = await launch({ width: 1440, height: 1000 });
const result = { ok: false };
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
  const box = page.locator('#pc-query textarea, #pc-query input').first();
  await box.waitFor({ timeout: TIMEOUT });
  const answers = page.locator('#pc-chat .pc-answer');

  async function ask(question, n) {
    await box.fill(question);
    await box.press('Enter');
    await page.waitForFunction((k) => document.querySelectorAll('#pc-chat .pc-answer').length >= k, n,
      { timeout: TIMEOUT });
    return answers.nth(n - 1);
  }

  const first = await ask('What did States commit to on alternatives to detention?', 1);
  const headings = await first.locator('.pc-doc-name').allInnerTexts();
  log(`documents: ${JSON.stringify(headings)}`);
  const order = ['Global Compact (A/RES/73/195, 2018)', 'Progress Declaration 2022 (A/RES/76/266)',
    'Progress Declaration 2026 (draft)'];
  const at = order.map((name) => headings.findIndex((h) => h.startsWith(name)));
  if (at.some((i) => i < 0)) throw new Error(`documents missing from ${JSON.stringify(headings)}`);
  if (!(at[0] < at[1] && at[1] < at[2])) throw new Error(`documents not oldest first: ${JSON.stringify(headings)}`);
  const statuses = await first.locator('.pc-doc-name .pc-status').allInnerTexts();
  if (!statuses.map((s) => s.toLowerCase()).includes('draft') || !statuses.map((s) => s.toLowerCase()).includes('adopted')) {
    throw new Error(`status badges: ${JSON.stringify(statuses)}`);
  }
  const provenance = await first.locator('.pc-prov').allInnerTexts();
  if (!provenance.some((p) => /^First agreed in A\/RES\/73\/195, annex, para\. \d+.*\(2018\)/.test(p))) {
    throw new Error(`no "First agreed in A/RES/73/195 ... (2018)" line: ${JSON.stringify(provenance.slice(0, 3))}`);
  }
  if (!(await first.locator('.pc-subs .pc-hit').count())) throw new Error('no sub-paragraphs under their paragraph');
  result.documents = headings;
  result.provenance = provenance[0];
  // The chat scrolls to its end; show the answer from its top (the oldest text first).
  // The chat panel keeps to its newest line; for the picture, let it grow to show the answer
  // from its first (oldest) document.
  await page.evaluate(() => document.querySelectorAll('#pc-chat, #pc-chat *').forEach((e) => {
    if (/(auto|scroll)/.test(getComputedStyle(e).overflowY)) {
      e.style.overflowY = 'visible'; e.style.height = 'auto'; e.style.maxHeight = 'none';
    }
  }));
  await page.locator('#pc-chat').evaluate((e) => { e.style.height = 'auto'; e.style.maxHeight = 'none'; });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shotPath, clip: { x: 0, y: 0, width: 1440, height: 1300 } });
  log(`screenshot saved to ${shotPath}`);

  await page.locator('#pc-adopted input[type="checkbox"]').check();
  const second = await ask('and on child detention?', 2);
  const later = await second.locator('.pc-doc-name').allInnerTexts();
  if (!later.length || later.some((h) => /draft/i.test(h))) throw new Error(`adopted texts only shows ${JSON.stringify(later)}`);
  log(`adopted texts only: ${JSON.stringify(later)}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  result.ok = true;
} catch (e) {
  result.error = String(e && e.stack ? e.stack : e);
} finally {
  await close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
