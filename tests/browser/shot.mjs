import { chromium } from 'playwright-core';
const [,, file, width, selector, out, nth] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
await p.goto('file://' + file);
const el = p.locator(selector).nth(Number(nth || 0));
await el.screenshot({ path: out });
await b.close();
