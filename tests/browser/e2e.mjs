// End-to-end check of the Precedent page in Debian's chromium, driven by playwright-core.
//
//   node tests/browser/e2e.mjs URL UPLOAD_TXT SCREENSHOT_PNG [--rounds 20]
//
// Asks a question and checks a cited paragraph appears (badge, highlights, commitments first),
// opens it in the paragraph view, saves a screenshot, downloads the CSV, copies a citation,
// uploads UPLOAD_TXT and finds a phrase from it (markup in it stays inert), checks a corrupt
// upload gets a message and an example button answers, times submit -> answer over --rounds
// fresh questions, and checks a category filter holds for a follow-up. The last stdout
// line is JSON: {"ok": true, "median_ms": ..., "median_wall_ms": ..., "times_ms": [...]}.
// median_ms is measured in the page (Enter keydown -> the frame after the answer is in the DOM).
// Exit 1 on failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, uploadPath, shotPath] = process.argv.slice(2);
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
if (!url || !uploadPath || !shotPath) {
  console.error('usage: node e2e.mjs URL UPLOAD_TXT SCREENSHOT_PNG [--rounds N]');
  process.exit(2);
}
const TIMEOUT = 30000;
// Timed questions: 20 distinct ones, none asked before in the run (no cached query vectors).
const QUESTIONS = [
  'What did States commit to on remittances?',
  'return and readmission',
  'climate change and disasters',
  'labour migration pathways',
  'xenophobia and hate speech',
  'data and evidence on migration',
  'missing migrants and their families',
  'consular protection abroad',
  'access to basic services for migrants',
  '"whole-of-society approach"',
  'trafficking in persons',
  'smuggling of migrants',
  'skills recognition and mutual recognition of qualifications',
  'What did States commit to on regular pathways?',
  'portability of social security benefits',
  'legal identity and documentation',
  'border management cooperation',
  'reintegration of returning migrants',
  'financing for the Global Compact',
  'the role of local authorities',
];

function log(msg) { console.error(`e2e: ${msg}`); }
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'precedent-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 1100 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { ok: false };
const pageErrors = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { pageErrors.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
  const box = page.locator('#pc-query textarea, #pc-query input').first();
  await box.waitFor({ timeout: TIMEOUT });
  const answers = page.locator('#pc-chat .pc-answer');

  // Timing inside the page: from the Enter keydown to the frame after the new answer is in the DOM.
  await page.evaluate(() => {
    window.__pc = { want: 0, keydown: 0, ms: null };
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__pc.keydown = performance.now(); }, true);
    new MutationObserver(() => {
      const pc = window.__pc;
      if (pc.ms === null && document.querySelectorAll('#pc-chat .pc-answer').length >= pc.want) {
        requestAnimationFrame(() => { if (pc.ms === null) pc.ms = performance.now() - pc.keydown; });
      }
    }).observe(document.body, { subtree: true, childList: true });
  });

  async function ask(question) {
    const before = await answers.count();
    await box.fill(question);
    await page.evaluate((n) => { window.__pc.want = n + 1; window.__pc.ms = null; }, before);
    const t0 = performance.now();
    await box.press('Enter');
    await page.waitForFunction(() => window.__pc.ms !== null, null, { timeout: TIMEOUT, polling: 'raf' });
    const wall = performance.now() - t0;
    const ms = await page.evaluate(() => window.__pc.ms);
    return { ms, wall, html: await answers.nth(before).innerHTML(), text: await answers.nth(before).innerText() };
  }

  // 1. A commitment question: cited paragraphs with badges and highlights.
  const first = await ask('What did States commit to on child detention?');
  if (!/para\. 52/.test(first.text)) throw new Error(`no "para. 52" in the first answer:\n${first.text.slice(0, 500)}`);
  if (!first.html.includes('pc-badge')) throw new Error('no category badge in the answer');
  if (!first.html.includes('<mark>')) throw new Error('no highlighted words in the answer');
  if (!/Commitments/i.test(first.text)) throw new Error('no "Commitments" heading for a commitment question');
  log(`first answer ok (${first.ms.toFixed(0)} ms)`);

  // 2. The paragraph view: choose a citation from the results.
  await page.locator('#pc-cite-pick input').first().click();
  await page.locator('[role="option"]', { hasText: 'para. 52' }).first().click();
  const para = page.locator('#pc-paragraph .pc-focus');
  await para.waitFor({ timeout: TIMEOUT });
  const quote = await page.locator('#pc-quote textarea').inputValue();
  if (!quote.startsWith('Progress Declaration 2026, annex, para. 52')) throw new Error(`quote block: ${quote}`);
  if ((await page.locator('#pc-paragraph .pc-neighbour').count()) < 1) throw new Error('no neighbours shown');
  log('paragraph view ok');

  await page.evaluate(() => {  // show the question and the first hits, not the end of the answer
    const qs = document.querySelectorAll('#pc-chat .pc-question');
    if (qs.length) qs[qs.length - 1].scrollIntoView({ block: 'start' });
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: shotPath, fullPage: true });
  log(`screenshot saved to ${shotPath}`);

  // Downloads of the current results, and the copy button beside a citation.
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }),
    page.locator('#pc-csv').first().click()]);
  const csv = fs.readFileSync(await dl.path(), 'utf8');
  if (!csv.includes('Progress Declaration 2026, annex, para. 52')) throw new Error(`CSV download:\n${csv.slice(0, 300)}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const firstCite = await page.locator('#pc-chat .pc-cite').first().innerText();
  await page.locator('#pc-chat .pc-copy').first().click();
  await page.waitForFunction((c) => navigator.clipboard.readText().then((t) => t === c), firstCite, { timeout: 5000 })
    .catch(() => { throw new Error(`the copy button did not copy "${firstCite}"`); });
  log('downloads and copy ok');

  // 3. Upload a document, then find a phrase from it.
  await page.locator('#pc-upload input[type="file"]').setInputFiles(uploadPath);
  await page.waitForFunction(() => /Added|already in the library/.test(
    document.querySelector('#pc-upload-status')?.innerText || ''), null, { timeout: 120000 });
  log(`upload: ${(await page.locator('#pc-upload-status').innerText()).trim()}`);
  const found = await ask('"zebra crossings for migrants"');
  if (!/Widget Resolution, para\. 2/.test(found.text)) throw new Error(`uploaded paragraph not found:\n${found.text.slice(0, 500)}`);
  const markup = await ask('"stays plain text"');
  if (!markup.text.includes('<img src=x onerror=window.__pwned=1>')) throw new Error('markup was not shown as text');
  const live = await page.evaluate(() => ({
    pwned: Boolean(window.__pwned),
    imgs: document.querySelectorAll('#pc-chat img[src="x"]').length,
    scripts: document.querySelectorAll('#pc-chat script').length,
  }));
  if (live.pwned || live.imgs || live.scripts) throw new Error(`markup in a document came alive: ${JSON.stringify(live)}`);
  log('upload and search ok; markup inert');

  // A bad file gives a message on the page.
  const bad = path.join(profile, 'corrupt.pdf');
  fs.writeFileSync(bad, '%PDF-1.4\n1 0 obj <</Type /Catalog>> not really a PDF\n');
  await page.locator('#pc-upload input[type="file"]').setInputFiles(bad);
  await page.waitForFunction(() => /Could not add corrupt\.pdf/.test(
    document.querySelector('#pc-upload-status')?.innerText || ''), null, { timeout: TIMEOUT });
  log(`bad upload: ${(await page.locator('#pc-upload-status').innerText()).trim()}`);

  // An example question is one click.
  const nEx = await answers.count();
  await page.locator('button.pc-example', { hasText: 'regardless of their migration status' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('#pc-chat .pc-answer').length > n, nEx, { timeout: TIMEOUT });
  if (!/annex, para\. 5\b/.test(await answers.nth(nEx).innerText())) throw new Error('example question: no para. 5');
  log('example button ok');

  // 4. Timing: submit -> answer over a conversation of `rounds` questions.
  await page.locator('button', { hasText: 'New conversation' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#pc-chat .pc-answer').length === 0, null, { timeout: TIMEOUT });
  const times = [];
  const walls = [];
  for (let i = 0; i < rounds; i++) {
    const r = await ask(QUESTIONS[i % QUESTIONS.length]);
    times.push(r.ms);
    walls.push(r.wall);
  }
  result.median_ms = Math.round(median(times));  // in the page: Enter -> answer painted
  result.median_wall_ms = Math.round(median(walls));  // as seen by the driver (adds its round trips)
  result.times_ms = times.map((t) => Math.round(t));

  // 5. Filters beside the chat apply to the question and to the follow-up.
  await page.locator('#pc-cats input').first().click();
  await page.getByRole('option', { name: 'commitment', exact: true }).click();
  await page.keyboard.press('Escape');
  for (const q of ['remittances', 'and on returns?']) {
    const r = await ask(q);
    if (!/Filters: category: commitment/.test(r.text)) throw new Error(`filter not applied to "${q}":\n${r.text.slice(0, 300)}`);
    const cats = await answers.last().locator('.pc-badge:not(.pc-also)').allInnerTexts();
    if (!cats.length || cats.some((c) => c.trim() !== 'commitment')) throw new Error(`"${q}" shows categories ${cats}`);
  }
  log('filters kept for the follow-up');
  if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  result.ok = true;
} catch (e) {
  result.error = String(e && e.stack || e);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
