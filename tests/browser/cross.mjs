// The four-document library in the page, in Debian's chromium via playwright-core.
//
//   node tests/browser/cross.mjs URL SCREENSHOT_PNG
//
// Asks what States committed to on alternatives to detention and checks the answer: its entries
// best first (ranked 1, 2, 3 ..., the scores shown falling with the rank, the relevance words never
// rising), each entry naming its document with its status and year, the three documents all there
// (the Global Compact 2018, the 2022 Progress Declaration, the 2026 draft marked draft), no
// paragraph shown twice, the Compact's actions under their paragraph, and a paragraph saying where
// its language was first agreed. Saves a screenshot of that answer. Then ticks "Adopted texts
// only" and checks the follow-up leaves the draft out. The last stdout line is JSON: {"ok": true, ...}.
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
  const headings = await first.locator('.pc-entry .pc-doc-name').allInnerTexts();
  log(`documents of the entries: ${JSON.stringify(headings)}`);
  const names = ['Global Compact (A/RES/73/195, 2018)', 'Progress Declaration 2022 (A/RES/76/266)',
    'Progress Declaration 2026 (draft)'];
  const missing = names.filter((name) => !headings.some((h) => h.startsWith(name)));
  if (missing.length) throw new Error(`documents missing: ${JSON.stringify(missing)} from ${JSON.stringify(headings)}`);
  // Best first: the entries are ranked 1..n, their scores fall, "strong" never below "fair".
  const ranks = (await first.locator('.pc-entry .pc-rank').allInnerTexts()).map(Number);
  if (ranks.length !== headings.length || ranks.some((r, i) => r !== i + 1)) throw new Error(`ranks: ${JSON.stringify(ranks)}`);
  const cues = await first.locator('.pc-entry-head .pc-rel').allInnerTexts();
  const scores = cues.map((c) => Number((/score (\d\.\d+)/.exec(c) || [])[1]));
  if (scores.length !== ranks.length || scores.some((x, i) => Number.isNaN(x) || (i && x > scores[i - 1]))) {
    throw new Error(`scores do not fall with the rank: ${JSON.stringify(cues)}`);
  }
  const level = { weak: 0, fair: 1, strong: 2 };
  const levels = cues.map((c) => level[c.split(' ')[0]]);
  if (levels.some((x, i) => x === undefined || (i && x > levels[i - 1]))) throw new Error(`relevance rises: ${JSON.stringify(cues)}`);
  const statuses = await first.locator('.pc-doc-name .pc-status').allInnerTexts();
  if (!statuses.map((s) => s.toLowerCase()).includes('draft') || !statuses.map((s) => s.toLowerCase()).includes('adopted')) {
    throw new Error(`status badges: ${JSON.stringify(statuses)}`);
  }
  const cited = await first.locator('.pc-cite').allInnerTexts();
  if (new Set(cited).size !== cited.length) throw new Error(`a paragraph shown twice: ${JSON.stringify(cited)}`);
  const provenance = await first.locator('.pc-prov').allInnerTexts();
  if (!provenance.some((p) => /^First agreed in A\/RES\/73\/195, annex, para\. \d+.*\((?:in part, |with changes, )?2018, earliest in this library\)/.test(p))) {
    throw new Error(`no "First agreed in A/RES/73/195 ... (2018)" line: ${JSON.stringify(provenance.slice(0, 3))}`);
  }
  const subs = await first.locator('.pc-subs .pc-hit .pc-cite').allInnerTexts();
  if (!subs.length || !subs.every((c) => /^A\/RES\/73\/195, annex, para\. 29 \([a-z]\)$/.test(c))) {
    throw new Error(`no sub-paragraphs under their paragraph: ${JSON.stringify(subs)}`);
  }
  result.documents = headings;
  result.provenance = provenance[0];
  // The chat panel keeps to its newest line; for the picture, let it grow to show the answer
  // from its first entry.
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
  const later = await second.locator('.pc-entry .pc-doc-name').allInnerTexts();
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
