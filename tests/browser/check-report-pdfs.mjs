#!/usr/bin/env node
// Checks the PDFs `maalrapport pdf` printed into SITE_DIR against their pages: every seminar
// report and city handout has its PDF beside it (seminars/<slug>/<slug>.pdf,
// seminars/<slug>/<city>/<slug>-<city>.pdf), and each PDF passes check-pdf.mjs's checks (A4,
// tagged, title, language of the page) with its page count within bounds and its text holding
// the page's title, every indicator title on the page and, for a handout, the city's name.
// With --handout-max-kb / --report-max-kb each PDF's size is bounded too; every PDF's page count
// and size are printed (the README's figures come from here).
// Usage: node check-report-pdfs.mjs SITE_DIR [--report-pages MIN:MAX] [--handout-pages MIN:MAX]
//          [--handout-max-kb N] [--report-max-kb N]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { havePoppler, checkPdf } from './check-pdf.mjs';

function usage(msg) {
  console.error(`check-report-pdfs: ${msg}\n` +
    'usage: node check-report-pdfs.mjs SITE_DIR [--report-pages MIN:MAX] [--handout-pages MIN:MAX] [--handout-max-kb N] [--report-max-kb N]');
  process.exit(2);
}

const args = { site: null, report: [1, 1000], handout: [1, 1000], reportKb: Infinity, handoutKb: Infinity };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const range = () => {
    const m = /^(\d+):(\d+)$/.exec(argv[++i] ?? '');
    if (!m) usage(`${a} needs MIN:MAX`);
    return [Number(m[1]), Number(m[2])];
  };
  if (a === '--report-pages') args.report = range();
  else if (a === '--handout-pages') args.handout = range();
  else if (a === '--handout-max-kb') args.handoutKb = Number(argv[++i]);
  else if (a === '--report-max-kb') args.reportKb = Number(argv[++i]);
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (!args.site) args.site = a;
  else usage(`unexpected argument ${a}`);
}
if (!args.site) usage('no SITE_DIR given');
if (!havePoppler()) {
  console.error('check-report-pdfs: pdfinfo/pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)');
  process.exit(2);
}

const decode = (s) => s.replace(/<[^>]*>/g, '').replace(/&#x2F;/g, '/').replace(/&#39;|&#x27;/g, "'")
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();

// What a printed page must show: its <h1>, every indicator heading, the city of a handout.
function expectations(html) {
  const want = [];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  if (h1) want.push(decode(h1[1]));
  for (const m of html.matchAll(/<h[2-6] id="ind-[^"]*-title">([\s\S]*?)<\/h[2-6]>/g)) want.push(decode(m[1]));
  const city = /<h2 id="overblik">Overblik for ([^<]*)<\/h2>/.exec(html);
  if (city) want.push(decode(city[1]));
  return [...new Set(want)];
}

const site = path.resolve(args.site);
const seminars = path.join(site, 'seminars');
const jobs = [];
for (const slug of fs.existsSync(seminars) ? fs.readdirSync(seminars).sort() : []) {
  const dir = path.join(seminars, slug);
  if (!fs.existsSync(path.join(dir, 'index.html'))) continue;
  jobs.push({ page: path.join(dir, 'index.html'), pdf: path.join(dir, `${slug}.pdf`), bounds: args.report, maxKb: args.reportKb });
  for (const city of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const page = path.join(dir, city, 'index.html');
    if (fs.existsSync(page)) jobs.push({ page, pdf: path.join(dir, city, `${slug}-${city}.pdf`), bounds: args.handout, maxKb: args.handoutKb });
  }
}
if (!jobs.length) usage(`no seminar pages under ${seminars}`);

let failed = 0;
for (const job of jobs) {
  const rel = path.relative(site, job.pdf);
  const html = fs.readFileSync(job.page, 'utf8');
  const lang = /<html lang="([^"]+)"/.exec(html)?.[1];
  const want = expectations(html);
  const problems = !fs.existsSync(job.pdf) ? ['missing: the page has no PDF beside it']
    : checkPdf(job.pdf, { minPages: job.bounds[0], maxPages: job.bounds[1], contains: want, lang });
  if (!/Hent som PDF/.test(html)) problems.push('the page does not link to its PDF ("Hent som PDF")');
  let facts = '';
  if (fs.existsSync(job.pdf)) {
    const kb = Math.ceil(fs.statSync(job.pdf).size / 1024);
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [job.pdf], { encoding: 'utf8' }))?.[1];
    facts = `${pages} pages, ${kb} KB`;
    if (kb > job.maxKb) problems.push(`${kb} KB > ${job.maxKb} KB`);
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${rel} (${facts}): ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  ${rel}: ${p}`);
  } else {
    console.log(`ok   ${rel} (${facts}, ${want.length} texts found)`);
  }
}
console.log(`report-pdfs: ${jobs.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
