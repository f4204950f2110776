// Debian's chromium, headless, with the flags this closed network needs, in a throwaway profile.
// Shared by e2e.mjs and cross.mjs: `const { context, close, profile } = await launch({ width, height })`
// (files a test writes may go in `profile`; `close()` removes it).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launch(viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'precedent-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close, profile };
}
