#!/usr/bin/env node
// Opens every *.html under SITE_DIR from file:// in headless Chromium and fails a page on
// console errors, page errors, failed requests, any request that is not file:/data:/blob:,
// and any axe-core WCAG 2.0/2.1 A/AA violation. With --width N (a phone: 400) the pages open that
// wide, and each must also not scroll sideways as a whole (a wide table or chart scrolls inside
// its own frame), every table must sit in such a frame or fit, and every visible chart text must
// be drawn at least 11 px high. --only REGEX limits the pages; --screenshots DIR keeps a
// full-page PNG of each (of those matching --screenshots-of REGEX).
// Usage: node check-site.mjs SITE_DIR [--pdf-dir DIR] [--browser PATH] [--jobs N] [--width N]
//          [--only REGEX] [--screenshots DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { havePoppler, reportPdfs } from './check-pdf.mjs';

const require = createRequire(import.meta.url);
const AXE_URL = pathToFileURL(require.resolve('axe-core/axe.min.js')).href;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LOCAL_PROTOCOLS = new Set(['file:', 'data:', 'blob:']);
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGE_TIMEOUT_MS = 30_000;

function usage(msg) {
  console.error(`check-site: ${msg}\nusage: node check-site.mjs SITE_DIR [--pdf-dir DIR] [--browser PATH] [--jobs N] [--width N] [--only REGEX] [--screenshots DIR]`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { site: null, pdfDir: null, browser: process.env.CHROMIUM || null, jobs: 2, width: 1280, only: null, shots: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--pdf-dir') args.pdfDir = value();
    else if (a === '--browser') args.browser = value();
    else if (a === '--jobs') args.jobs = Math.max(1, Number(value()) || 1);
    else if (a === '--width') args.width = Math.max(200, Number(value()) || 1280);
    else if (a === '--only') args.only = new RegExp(value());
    else if (a === '--screenshots') args.shots = value();
    else if (a === '--screenshots-of') args.shotsOf = new RegExp(value());
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (!args.site) args.site = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!args.site) usage('no SITE_DIR given');
  if (!fs.statSync(args.site, { throwIfNoEntry: false })?.isDirectory()) usage(`not a directory: ${args.site}`);
  return args;
}

function findChromium(explicit) {
  if (explicit) return fs.existsSync(explicit) ? explicit : null;
  for (const name of ['chromium', 'chromium-browser']) {
    try { return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim(); } catch { /* next */ }
  }
  return null;
}

// All files under dir whose name ends in ext, as paths relative to dir, sorted.
function findFiles(dir, ext) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.name.toLowerCase().endsWith(ext)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim().slice(0, 300);

// One reusable tab: opening a new tab per file costs ~3x the CPU of navigating an open one.
// Events go to `tab.problems`, which checkPage swaps for each file.
async function openTab(context) {
  const tab = { page: await context.newPage(), problems: [], blocked: new Set() };
  const add = (msg) => tab.problems.push(msg);
  tab.page.on('console', (m) => { if (m.type() === 'error') add(`console error: ${oneLine(m.text())}`); });
  tab.page.on('pageerror', (e) => add(`page error: ${oneLine(e.message)}`));
  tab.page.on('crash', () => { tab.crashed = true; add('page crashed'); });
  tab.page.on('websocket', (ws) => add(`websocket opened: ${ws.url()}`));
  tab.page.on('request', (r) => {
    if (LOCAL_PROTOCOLS.has(new URL(r.url()).protocol)) return;
    tab.blocked.add(r.url());
    add(`network request (not allowed): ${r.method()} ${r.url()}`);
  });
  tab.page.on('requestfailed', (r) => {
    if (!tab.blocked.has(r.url())) add(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });
  return tab;
}

// What a phone shows: no sideways scrolling of the page, tables in their scrolling frame (or
// fitting), chart text at least 11 px. Runs in the page.
function narrowProblems() {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  for (const t of document.querySelectorAll('table')) {
    if (t.getClientRects().length === 0) continue;
    const frame = t.closest('.table-wrap');
    const fits = t.getBoundingClientRect().right <= window.innerWidth + 1;
    if (!fits && !(frame && getComputedStyle(frame).overflowX === 'auto')) {
      out.push(`a table runs off the screen without a scrolling frame: ${(t.caption?.textContent || '').slice(0, 60)}`);
    }
  }
  let small = 0; let smallest = Infinity; let example = '';
  for (const text of document.querySelectorAll('svg text')) {
    if (text.getClientRects().length === 0 || !text.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 1);
    if (size < 10.95) { small++; if (size < smallest) { smallest = size; example = text.textContent.trim().slice(0, 40); } }
  }
  if (small) out.push(`${small} chart text(s) under 11 px (smallest ${smallest.toFixed(1)} px: "${example}")`);
  return out;
}

async function checkPage(tab, file) {
  const problems = (tab.problems = []);
  tab.blocked.clear();
  const { page } = tab;
  try {
    const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    if (response && !response.ok()) problems.push(`page load status ${response.status()}`);
    // By URL rather than inline content: Chromium then reuses its compiled copy of axe.
    await page.addScriptTag({ url: AXE_URL });
    // preload: false stops axe from re-fetching stylesheets by XHR, which file:// pages
    // refuse (CORS) and which would show up as console errors of axe's own making.
    const result = await page.evaluate((tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, preload: false, resultTypes: ['violations'],
    }), AXE_TAGS);
    if (tab.narrow) problems.push(...await page.evaluate(narrowProblems));
    if (tab.shots && (!tab.shotsOf || tab.shotsOf.test(path.relative(tab.site, file)))) {
      const name = path.relative(tab.site, file).replace(/[\\/]/g, '_').replace(/\.html$/, '.png');
      await page.screenshot({ path: path.join(tab.shots, name), fullPage: true });
    }
    for (const v of result.violations) {
      const targets = v.nodes.map((n) => n.target.flat(Infinity).join(' '));
      const shown = targets.slice(0, 5).join(', ') + (targets.length > 5 ? ` (+${targets.length - 5} more)` : '');
      problems.push(`${v.id} (${v.impact}): ${v.help} — ${shown}`);
    }
  } catch (e) {
    problems.push(`could not check page: ${oneLine(e.message)}`);
    tab.crashed = true; // start the next file in a fresh tab
  }
  return problems;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const site = path.resolve(args.site);
  let pdfFailed = 0;
  if (args.pdfDir) {
    if (!havePoppler()) {
      console.error('check-site: pdfinfo/pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)');
      process.exit(2);
    }
    const pdfs = findFiles(args.pdfDir, '.pdf').map((f) => path.join(args.pdfDir, f));
    if (!pdfs.length) { console.log(`FAIL ${args.pdfDir}: no *.pdf files found`); pdfFailed = 1; }
    pdfFailed += reportPdfs(pdfs, {});
  }

  const executablePath = findChromium(args.browser);
  if (!executablePath) {
    console.error(`check-site: Chromium not found${args.browser ? ` at ${args.browser}` : ' on PATH'}. ` +
      'Install it (apt-get install -y chromium) or pass --browser PATH / set CHROMIUM=PATH.');
    process.exit(2);
  }
  const pages = findFiles(site, '.html').filter((p) => !args.only || args.only.test(p));
  if (args.shots) fs.mkdirSync(args.shots, { recursive: true });
  if (!pages.length) {
    console.log(`FAIL ${args.site}: no *.html files found`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }

  const started = Date.now();
  // Playwright launches with a fresh temporary user-data-dir of its own and removes it on close.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  let failed = 0;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: args.width, height: 900 } });
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    // Reported in checkPage; aborted here so that nothing ever leaves the machine.
    await context.route((url) => !LOCAL_PROTOCOLS.has(url.protocol), (route) => route.abort('blockedbyclient'));
    // A few pages at a time in the one context; results are printed in sorted order.
    const results = new Array(pages.length);
    let next = 0;
    const worker = async () => {
      let tab = null;
      while (next < pages.length) {
        const i = next++;
        if (!tab || tab.crashed) {
          await tab?.page.close().catch(() => {});
          tab = await openTab(context);
          Object.assign(tab, { narrow: args.width <= 480, shots: args.shots, shotsOf: args.shotsOf, site });
        }
        results[i] = await checkPage(tab, path.join(site, pages[i]));
      }
    };
    await Promise.all(Array.from({ length: args.jobs }, worker));
    pages.forEach((rel, i) => {
      if (!results[i].length) return;
      failed++;
      console.log(`FAIL ${rel}: ${results[i].length} problem(s)`);
      for (const p of results[i]) console.log(`  ${rel}: ${p}`);
    });
  } finally {
    await browser.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.error(`check-site: ${pages.length} page(s) in ${seconds} s`);
  if (args.width !== 1280) console.error(`check-site: pages ${args.width} px wide`);
  console.log(`browser: ${pages.length - failed} passed, ${failed} failed`);
  process.exit(failed || pdfFailed ? 1 : 0);
}

main().catch((e) => { console.error(`check-site: ${e.stack || e}`); process.exit(2); });
