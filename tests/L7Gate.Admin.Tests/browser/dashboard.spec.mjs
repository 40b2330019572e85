// Drives the L7Gate dashboard in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core).
// Usage: node dashboard.spec.mjs <admin base url> <api key> <screenshot path> <expectations json>
// Prints one line per check; exits 0 when every check passed, 1 otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [, , baseUrl, apiKey, screenshot, expectationsJson] = process.argv;
const expected = JSON.parse(expectationsJson);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const userDataDir = mkdtempSync(join(tmpdir(), 'l7gate-chromium-'));

// Without the background-networking flags Chromium keeps dialling Google's hosts, and on a closed network its
// connections hang; a fresh profile keeps runs independent.
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const check = (ok, what) => {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) throw new Error('check failed: ' + what);
};

let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args, viewport: { width: 1280, height: 900 }, timeout: 60000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));

  await page.goto(new URL('/admin/', baseUrl).href);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 15000 });

  // Clusters and destinations, coloured by health and admin state.
  for (const cluster of expected.clusters) {
    const card = page.locator(`[data-cluster="${cluster.id}"]`);
    check(await card.count() === 1, `cluster ${cluster.id} shown`);
    for (const destination of cluster.destinations) {
      const row = card.locator(`tr[data-destination="${destination}"]`);
      check(await row.count() === 1, `destination ${cluster.id}/${destination} shown`);
      check(await row.getAttribute('data-admin-state') === 'Active', `destination ${cluster.id}/${destination} starts Active`);
    }
  }

  // Failover instances with state and VIPs.
  for (const instance of expected.failover) {
    const row = page.locator(`#failover tr[data-instance="${instance.name}"]`);
    check(await row.count() === 1, `failover instance ${instance.name} shown`);
    check(await row.getAttribute('data-state') === instance.state, `failover instance ${instance.name} is ${instance.state}`);
    const text = await row.innerText();
    for (const vip of instance.vips) check(text.includes(vip), `failover instance ${instance.name} shows VIP ${vip}`);
  }

  // The rate chart has data once /admin/stats came back.
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas[data-rate-for]');
    return c && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0);
  }, null, { timeout: 15000 });
  check(true, 'request-rate chart drawn');

  // Drain: without a key the page asks for one; with it the destination turns Draining.
  const target = expected.drain;
  const targetRow = () => page.locator(`[data-cluster="${target.cluster}"] tr[data-destination="${target.destination}"]`);
  await targetRow().locator('button[data-action="drain"]').click();
  await page.waitForSelector('#message:not([hidden])');
  check((await page.locator('#message').innerText()).includes('API key'), 'drain without a key asks for the key');

  await page.fill('#api-key', apiKey);
  await page.click('#key-save');
  await targetRow().locator('button[data-action="drain"]').click();
  await page.waitForFunction(
    ([c, d]) => document.querySelector(`[data-cluster="${c}"] tr[data-destination="${d}"]`)?.getAttribute('data-admin-state') === 'Draining',
    [target.cluster, target.destination], { timeout: 10000 });
  check(true, `clicking Drain turned ${target.cluster}/${target.destination} Draining in the page`);

  // And the server agrees.
  const response = await fetch(new URL('/admin/status', baseUrl), { headers: { Authorization: 'Bearer ' + apiKey } });
  const status = await response.json();
  const state = status.clusters.find(c => c.clusterId === target.cluster)
    .destinations.find(d => d.destinationId === target.destination).adminState;
  check(state === 'Draining', `API reports ${target.cluster}/${target.destination} as ${state}`);

  check(consoleErrors.length === 0, 'no script errors in the page' + (consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''));

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  check(true, 'screenshot saved to ' + screenshot);
  process.exitCode = 0;
} catch (error) {
  console.log('FAIL ' + (error && error.message ? error.message : error));
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
