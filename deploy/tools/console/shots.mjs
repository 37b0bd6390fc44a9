// Screenshots of every console page, of whatever the gateway at the given address holds (the README's are of the
// documented trades' replay): node shots.mjs [gateway] [folder]. Debian's Chromium (/usr/bin/chromium, or RX_CHROMIUM).
import { chromium } from 'playwright-core';

const gateway = process.argv[2] ?? 'http://127.0.0.1:5080';
const folder = process.argv[3] ?? '../../../docs/console';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function token(body) {
  const response = await fetch(`${gateway}/api/dev/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST /api/dev/tokens: ${response.status} (the gateway must run in demo mode)`);
  return (await response.json()).token;
}

// One issuance proposed and left for a second regulator, so the registry desk shows a four-eyes action waiting.
async function proposeIssuance() {
  const response = await fetch(`${gateway}/api/issuances`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token({ subject: 'regulator-2', role: 'regulator' })}` },
    body: JSON.stringify({ instrumentId: 'CCER-2024', participantId: 'carbon-investor', quantity: 500, project: 'An illustrative CCER project' }),
  });
  if (response.status !== 202) throw new Error(`POST /api/issuances: ${response.status} ${await response.text()}`);
}

const browser = await chromium.launch({
  executablePath: process.env.RX_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function session(role, subject, participant, language = 'en') {
  const context = await browser.newContext({ baseURL: gateway, viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', error => { throw error; });
  await page.goto('/console/');
  await page.evaluate(value => localStorage.setItem('rx.console.language', value), language);
  await page.goto('/console/');
  await page.getByTestId('role').selectOption(role);
  await page.getByTestId('subject').fill(subject);
  if (participant) await page.getByTestId('participant').fill(participant);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('who').waitFor();
  return page;
}

async function shot(page, hash, name, ready) {
  await page.goto(`/console/${hash}`);
  if (ready) await ready(page);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
  console.log(`${folder}/${name}.png`);
}

const signIn = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await signIn.goto(`${gateway}/console/`);
await signIn.getByTestId('sign-in').waitFor();
await signIn.screenshot({ path: `${folder}/sign-in.png` });
console.log(`${folder}/sign-in.png`);

await proposeIssuance();
const regulator = await session('regulator', 'regulator-1');
await shot(regulator, '#/market?instrument=CEA-2024', 'market', p => p.getByTestId('tape').locator('tr').first().waitFor());
await shot(regulator, `#/accounts?participant=hebei-steel&date=${today}`, 'accounts', p => p.getByTestId('statement').waitFor());
await shot(regulator, '#/audit', 'audit', async p => {
  await p.getByTestId('chain-accounts').getByText('INTACT').waitFor();
  await p.locator('input[name=participant]').fill('hebei-steel');
  await p.getByTestId('search').click();
  await p.getByTestId('cut').waitFor();
});
await shot(regulator, '#/registry?lineage=CCER-2024&first=1&last=2000&compliance=hebei-steel&period=2025', 'registry',
  p => p.getByText('From issuance to retirement').waitFor());
const trader = await session('trader', 'trader-hebei', 'hebei-steel');
await shot(trader, '#/trader', 'trader', p => p.getByTestId('orders').locator('tbody tr').first().waitFor());
const chinese = await session('regulator', 'regulator-1', null, 'zh');
await shot(chinese, '#/market?instrument=CEA-2024', 'market-zh', p => p.getByTestId('tape').locator('tr').first().waitFor());
await browser.close();
