import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/**
 * What the Chromium tests share: launching the browser, opening a page that records what went
 * wrong on it, and filling in the staff pages' login form.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A headless Chromium with the flags every browser test uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

export interface OpenPageOptions {
  /** Accept every confirm()/alert() the page opens (e.g. 接管 and 退回 ask for confirmation). */
  acceptDialogs?: boolean;
}

/** A page that records script errors, console errors, CSP violations and failed requests (HTTP ≥ 400). */
export async function openPage(context: BrowserContext, options: OpenPageOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, problems };
}

/** Opens `url` and submits the staff login form (shared by /agent, /supervisor and /reports) as `who`. */
export async function submitLogin(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Waits until the locator's text contains `text` (or matches it), failing with the last text seen. */
export async function expectText(locator: Locator, text: string | RegExp, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last: string;
  for (;;) {
    last = (await locator.innerText().catch(() => '')) ?? '';
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(text)} in:\n${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
