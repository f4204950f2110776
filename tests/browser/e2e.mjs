// End-to-end check of the Precedent page in Debian's chromium, driven by playwright-core.
//
//   node tests/browser/e2e.mjs URL UPLOAD_TXT SCREENSHOT_PNG [--rounds 20] [--compare-shot PNG]
//                              [--answer-shot PNG]
//
// Checks the page asks nothing of any other server and loads no font file (it is drawn in the
// machine's fonts, one typeface for plain and bold text). Asks a question and checks a cited
// paragraph appears (badge, highlights, commitments first), opens it in the paragraph view, saves
// a screenshot, asks a second question and checks it is shown from its top with nothing drawn
// over it (--answer-shot: a screenshot of the page scrolled to it), downloads the CSV and the
// JSON and checks they hold the whole conversation, each answer under its question, copies a citation,
// uploads UPLOAD_TXT and finds a phrase from it (markup in it stays inert), checks a corrupt
// upload gets a message, a 41 MB file (upload box and draft file) gets the page's own refusal in
// MB and is never sent, and an example button answers, times submit -> answer over --rounds
// fresh questions, and checks a category filter holds for a follow-up. Then the Compare tab:
// pastes a Declaration paragraph, an edited one and an invented one (with markup), checks the
// citation and the 100% / 0% figures, the word changes and the report download, saves a second
// screenshot (--compare-shot), and compares a draft file and a corrupt one. The last stdout
// line is JSON: {"ok": true, "median_ms": ..., "median_wall_ms": ..., "times_ms": [...]}.
// median_ms is measured in the page (Enter keydown -> the frame after the answer is in the DOM).
// Exit 1 on failure.
import { launch } from './launch.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, uploadPath, shotPath] = process.argv.slice(2);
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
const shotArg = process.argv.indexOf('--compare-shot');
const compareShot = shotArg > 0 ? process.argv[shotArg + 1] : null;
const answerArg = process.argv.indexOf('--answer-shot');
const answerShot = answerArg > 0 ? process.argv[answerArg + 1] : null;
if (!url || !uploadPath || !shotPath) {
  console.error('usage: node e2e.mjs URL UPLOAD_TXT SCREENSHOT_PNG [--rounds N]');
  process.exit(2);
}
const TIMEOUT = 30000;
const CITE52 = 'Progress Declaration 2026, annex, para. 52';
const P52 = 'We commit to prioritize non-custodial alternatives to detention in line with obligations under '
  + 'international law, and to take an approach in full respect for human rights to any detention of migrants.';
const P20_EDITED = 'We welcome the expansion of integrated approaches to border management in full respect for '
  + 'human rights and international law, underpinned by the modernization of border management systems. '
  + 'We recognize, however, that serious challenges persist.';
const INVENTED = 'Deep-sea mining royalties shall be shared among coastal States through a seabed authority '
  + 'fund <img src=x onerror=window.__pwned=1> [click](javascript:window.__pwned=1).';
const DRAFT = `1. ${P52}\n\n2. ${P20_EDITED}\n\n3. ${INVENTED}\n`;
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

const { context, close, profile } = await launch({ width: 1440, height: 1100 });
const result = { ok: false };
const pageErrors = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { pageErrors.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  // Nothing from another server (Google Fonts and the like) and no font file at all.
  const origin = new URL(url).origin;
  const elsewhere = [];
  const fontFiles = [];
  context.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== origin) elsewhere.push(r.url());
    if (r.resourceType() === 'font' || /\.(woff2?|ttf|otf)(\?|$)/.test(r.url())) fontFiles.push(r.url());
  });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
  const box = page.locator('#pc-query textarea, #pc-query input').first();
  await box.waitFor({ timeout: TIMEOUT });
  const answers = page.locator('#pc-chat .pc-answer');

  // Timing inside the page: from the Enter keydown to the frame after the new answer is in the DOM.
  await page.evaluate(() => {
    window.__pc = { want: 0, last: '', keydown: 0, ms: null };
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__pc.keydown = performance.now(); }, true);
    // A new answer: one more answer in the chat, or (once the page keeps only its latest messages)
    // as many as before with a different last one.
    const arrived = (pc) => {
      const all = document.querySelectorAll('#pc-chat .pc-answer');
      return all.length >= pc.want || (all.length === pc.want - 1 && all.length > 0
        && all[all.length - 1].innerHTML !== pc.last);
    };
    new MutationObserver(() => {
      const pc = window.__pc;
      if (pc.ms === null && arrived(pc)) {
        requestAnimationFrame(() => { if (pc.ms === null) pc.ms = performance.now() - pc.keydown; });
      }
    }).observe(document.body, { subtree: true, childList: true });
  });

  async function ask(question) {
    const before = await answers.count();
    const last = before ? await answers.last().innerHTML() : '';
    await box.fill(question);
    await page.evaluate(([n, html]) => { window.__pc.want = n + 1; window.__pc.last = html; window.__pc.ms = null; },
      [before, last]);
    const t0 = performance.now();
    await box.press('Enter');
    await page.waitForFunction(() => window.__pc.ms !== null, null, { timeout: TIMEOUT, polling: 'raf' });
    const wall = performance.now() - t0;
    const ms = await page.evaluate(() => window.__pc.ms);
    return { ms, wall, html: await answers.last().innerHTML(), text: await answers.last().innerText() };
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

  // One typeface for plain and bold text, from the machine: no web font loaded, none asked for.
  const fonts = await page.evaluate(() => {
    const family = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).fontFamily : null; };
    return { text: family('#pc-chat .pc-text'), cite: family('#pc-chat .pc-cite'), doc: family('#pc-chat .pc-doc-name'),
      heading: family('.prose h3, h3'), button: family('#pc-send'),
      loaded: [...document.fonts].filter((f) => f.status !== 'unloaded').map((f) => `${f.family} ${f.weight}`) };
  });
  if (new Set([fonts.text, fonts.cite, fonts.doc, fonts.heading, fonts.button]).size !== 1 || !fonts.text) {
    throw new Error(`plain and bold text in different fonts: ${JSON.stringify(fonts)}`);
  }
  if (fonts.loaded.length) throw new Error(`web fonts loaded: ${fonts.loaded.join(', ')}`);
  if (/Source Sans|IBM Plex/.test(fonts.text)) throw new Error(`a web font is asked for: ${fonts.text}`);
  log(`fonts ok: ${fonts.text}`);

  // A second question: shown from its top, nothing drawn over it (the chat's icon bar stood over
  // the top of the answer as it scrolled).
  const SECOND = 'search and rescue cooperation';
  await ask(SECOND);
  await page.locator('#pc-chat').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  const view = await page.evaluate(() => {
    const chat = document.querySelector('#pc-chat');
    const qs = chat.querySelectorAll('.pc-question');
    const q = qs[qs.length - 1];
    const answer = [...chat.querySelectorAll('.pc-answer')].pop();
    const covered = [];
    for (const el of [q, answer.querySelector('.pc-doc-name'), answer.querySelector('.pc-cite')]) {
      const box = el.closest('.message-row') || el;
      const r = el.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      for (let x = b.left + 2; x < b.right - 2; x += 8) {
        for (const y of [r.top + 2, r.top + r.height / 2, r.bottom - 2]) {
          const top = document.elementFromPoint(x, y);
          if (top && !box.contains(top)) covered.push(`${el.className} at ${Math.round(x)},${Math.round(y)}: ${top.tagName}.${top.className}`);
        }
      }
    }
    return { covered, question: q.textContent, qTop: q.getBoundingClientRect().top - chat.getBoundingClientRect().top,
      docTop: answer.querySelector('.pc-doc-name').getBoundingClientRect().bottom, height: window.innerHeight };
  });
  if (view.question !== SECOND) throw new Error(`the last question shown is ${view.question}`);
  if (view.covered.length) throw new Error(`drawn over the answer: ${view.covered.slice(0, 5).join('; ')}`);
  if (view.qTop < 0 || view.qTop > 120 || view.docTop > view.height) {
    throw new Error(`the new answer is not shown from its top: ${JSON.stringify(view)}`);
  }
  if (answerShot) {
    await page.screenshot({ path: answerShot });
    log(`screenshot saved to ${answerShot}`);
  }
  log('a new answer is shown from its top, nothing over it');

  // Downloads hold the whole conversation, each answer under its question; the copy button
  // beside a citation copies it.
  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.locator(id).first().click()]);
    return { name: d.suggestedFilename(), body: fs.readFileSync(await d.path(), 'utf8') };
  };
  const { name: csvName, body: csv } = await download('#pc-csv');
  if (csvName !== 'precedent-conversation-2-questions.csv') throw new Error(`CSV download named ${csvName}`);
  if (!csv.includes('Progress Declaration 2026, annex, para. 52')) throw new Error(`CSV download:\n${csv.slice(0, 300)}`);
  const firstRow = csv.indexOf('\nWhat did States commit to on child detention?,');
  const secondRow = csv.indexOf(`\n${SECOND},`);
  if (firstRow < 0 || secondRow < firstRow || csv.indexOf('\nWhat did States commit to on child detention?,', secondRow) >= 0) {
    throw new Error(`CSV does not hold the two answers in order:\n${csv.slice(0, 400)}`);
  }
  const { name: jsonName, body: json } = await download('#pc-json');
  const convo = JSON.parse(json);
  if (jsonName !== 'precedent-conversation-2-questions.json' || convo.questions !== 2
    || convo.answers.map((a) => a.query).join('|') !== `What did States commit to on child detention?|${SECOND}`
    || !convo.answers.every((a) => a.hits.length)) {
    throw new Error(`JSON download ${jsonName}: ${json.slice(0, 300)}`);
  }
  log(`downloads ok: ${csvName}, ${jsonName}`);
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

  // A file over the limit is refused by the page, in its own words and in MB (Gradio's refusal
  // said "maximum allowed size of 41943040 bytes"), before anything is sent.
  const huge = path.join(profile, 'huge.pdf');
  fs.writeFileSync(huge, Buffer.alloc(41 * 1024 * 1024, 32));
  for (const [box, says] of [['#pc-upload', 'Could not add huge.pdf: the file is too large (41.0 MB; the limit is 20 MB). Nothing was changed.'],
    ['#pc-draft-file', 'Could not read huge.pdf: the file is too large (41.0 MB; the limit is 20 MB).']]) {
    const sent = [];
    const watch = (r) => { if (/\/upload(\?|$)/.test(r.url())) sent.push(r.url()); };
    page.on('request', watch);
    if (box === '#pc-draft-file') await page.locator('button[role="tab"]', { hasText: 'Compare a draft' }).click();
    await page.locator(`${box} input[type="file"]`).setInputFiles(huge);
    await page.waitForFunction(() => document.querySelector('#pc-limit-note'), null, { timeout: TIMEOUT });
    const note = (await page.locator('#pc-limit-note').innerText()).trim();
    await page.waitForTimeout(500);
    const toasts = await page.locator('.toast-wrap').innerText();
    page.off('request', watch);
    if (note !== says) throw new Error(`${box}: the page said "${note}"`);
    if (/bytes|Mb\b|maximum allowed/i.test(toasts)) throw new Error(`${box}: Gradio said "${toasts}"`);
    if (sent.length) throw new Error(`${box}: the file was sent anyway (${sent.join(', ')})`);
    await page.locator('#pc-limit-note').click();  // closes it
    await page.waitForFunction(() => !document.querySelector('#pc-limit-note'), null, { timeout: TIMEOUT });
    if (box === '#pc-draft-file') await page.locator('button[role="tab"]', { hasText: 'Search' }).click();
  }
  log('a file over the limit: the page\'s own message, in MB');

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
    // a paragraph is of each category its clauses carry ("recognition", also "commitment")
    const heads = answers.last().locator('.pc-head');
    const cats = [];
    for (let i = 0; i < await heads.count(); i++) {
      cats.push((await heads.nth(i).locator('.pc-badge').allInnerTexts()).map((c) => c.trim()));
    }
    if (!cats.length || cats.some((c) => !c.includes('commitment'))) throw new Error(`"${q}" shows categories ${JSON.stringify(cats)}`);
  }
  log('filters kept for the follow-up');

  // 6. Compare a draft: one paragraph copied from the Declaration, one edited, one invented.
  await page.locator('button[role="tab"]', { hasText: 'Compare a draft' }).click();
  const draftBox = page.locator('#pc-draft textarea');
  await draftBox.waitFor({ timeout: TIMEOUT });
  await draftBox.fill(DRAFT);
  const report = page.locator('#pc-compare-out');
  // The library holds only the shipped draft: by default nothing counts as agreed language, and
  // the report says why; with 'Count drafts too' the draft is precedent, named as a draft.
  await page.locator('#pc-compare-run').click();
  await page.waitForFunction(() => /no adopted text in the library/i.test(
    document.querySelector('#pc-compare-out')?.innerText || ''), null, { timeout: 120000 });
  await page.locator('#pc-cmp-drafts input[type="checkbox"]').check();
  const t0 = performance.now();
  await page.locator('#pc-compare-run').click();
  await page.locator('#pc-compare-out .pc-cmp-para').nth(2).waitFor({ timeout: 120000 });
  const drafted = await report.locator('.pc-cmp-drafts').innerText();
  if (!/Drafts counted too/.test(drafted)) throw new Error(`drafts not named as such: ${drafted}`);
  result.compare_ms = Math.round(performance.now() - t0);
  const paras = page.locator('#pc-compare-out .pc-cmp-para');
  const copied = await paras.nth(0).innerText();
  const edited = await paras.nth(1).innerText();
  const invented = await paras.nth(2).innerText();
  // the library holds only the 2026 draft, counted on request: its words are a draft's, never "agreed"
  if (!copied.includes(CITE52) || !/100% agreed or draft/.test(copied)) throw new Error(`copied paragraph:\n${copied}`);
  if (!/0% agreed/.test(invented) || !/No match/.test(invented) || invented.includes(CITE52)) {
    throw new Error(`invented paragraph:\n${invented}`);
  }
  if (!invented.includes('<img src=x onerror=window.__pwned=1>')) throw new Error('draft markup not shown as text');
  if (!/annex, para\. 20/.test(edited) || !(await paras.nth(1).locator('ins').count())) {
    throw new Error(`edited paragraph: no para. 20 or no inserted words:\n${edited}`);
  }
  const markTitle = await paras.nth(0).locator('mark.draft').first().getAttribute('title');
  if (markTitle !== `drafts only, not agreed language: ${CITE52}`) throw new Error(`draft span title: ${markTitle}`);
  if (await paras.nth(0).locator('mark.agreed').count()) throw new Error('a draft\'s words marked agreed');
  const summary = await report.locator('.pc-cmp-summary').innerText();
  if (!/% agreed or draft language in the draft/.test(summary)) throw new Error(`summary: ${summary}`);
  const alive = await page.evaluate(() => ({
    pwned: Boolean(window.__pwned),
    imgs: document.querySelectorAll('#pc-compare-out img').length,
    links: document.querySelectorAll('#pc-compare-out a').length,
  }));
  if (alive.pwned || alive.imgs || alive.links) throw new Error(`markup in a draft came alive: ${JSON.stringify(alive)}`);
  log(`compare ok (${result.compare_ms} ms): ${summary.split('\n')[0]}`);
  if (compareShot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: compareShot, fullPage: true });
    log(`screenshot saved to ${compareShot}`);
  }
  for (const [id, want] of [['#pc-cmp-html', CITE52], ['#pc-cmp-jsonl', '"coverage": 1.0']]) {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.locator(id).first().click()]);
    const body = fs.readFileSync(await d.path(), 'utf8');
    if (!body.includes(want)) throw new Error(`${id} download has no ${want}:\n${body.slice(0, 300)}`);
  }
  log('compare downloads ok');

  // A draft file is compared in place; a corrupt one gets a message.
  const draftFile = path.join(profile, 'my-draft.txt');
  fs.writeFileSync(draftFile, `${P52}\n\n${INVENTED}\n`);
  await page.locator('#pc-draft-file input[type="file"]').setInputFiles(draftFile);
  await page.waitForFunction(() => /agreed or draft language in my-draft\.txt/.test(
    document.querySelector('#pc-compare-out')?.innerText || ''), null, { timeout: 120000 });
  // The file is read once and the box emptied (the page keeps no draft file, nor serves it back).
  await page.waitForFunction(() => !document.querySelector('#pc-draft-file button[aria-label="Clear"]'),
    null, { timeout: TIMEOUT });
  const corrupt = path.join(profile, 'draft.pdf');
  fs.writeFileSync(corrupt, '%PDF-1.4\n1 0 obj <</Type /Catalog>> not really a PDF\n');
  await page.locator('#pc-draft-file input[type="file"]').setInputFiles(corrupt);
  await page.waitForFunction(() => /Could not read draft\.pdf/.test(
    document.querySelector('#pc-compare-out')?.innerText || ''), null, { timeout: TIMEOUT });
  log(`compare a file ok; corrupt file: ${(await report.innerText()).trim()}`);

  if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  if (elsewhere.length) throw new Error(`requests to other servers: ${elsewhere.join(', ')}`);
  if (fontFiles.length) throw new Error(`font files requested: ${fontFiles.join(', ')}`);
  result.ok = true;
} catch (e) {
  result.error = String(e && e.stack || e);
} finally {
  await close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
