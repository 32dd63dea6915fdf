#!/usr/bin/env node
// Checks PDFs with poppler-utils (pdfinfo, pdftotext): A4 pages, tagged, title set,
// page count within bounds, given text present, and the document language.
// Usage: node check-pdf.mjs PDF... [--min-pages N] [--max-pages N] [--contains TEXT]... [--lang CODE]
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const A4 = [595.28, 841.89];
const TOLERANCE = 2;

function run(cmd, args) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function havePoppler() {
  try { run('pdfinfo', ['-v']); run('pdftotext', ['-v']); return true; } catch (e) { return e.code !== 'ENOENT'; }
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

// Returns a list of problems (empty = passed).
export function checkPdf(file, { minPages, maxPages, contains = [], lang } = {}) {
  let info;
  try { info = run('pdfinfo', [file]); } catch (e) { return [`pdfinfo failed: ${squash(String(e.stderr || e.message))}`]; }
  const field = (name) => (info.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'm')) || [])[1]?.trim() ?? '';
  const problems = [];
  const pages = Number(field('Pages'));
  if (field('Tagged') !== 'yes') problems.push(`not tagged (Tagged: ${field('Tagged') || '?'})`);
  if (!field('Title')) problems.push('no Title in the document info');
  if (minPages !== undefined && pages < minPages) problems.push(`${pages} pages < --min-pages ${minPages}`);
  if (maxPages !== undefined && pages > maxPages) problems.push(`${pages} pages > --max-pages ${maxPages}`);
  // Every page's size, not only the first one's.
  const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), file]);
  for (const m of sizes.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    const [w, h] = [Number(m[2]), Number(m[3])];
    if (Math.abs(w - A4[0]) > TOLERANCE || Math.abs(h - A4[1]) > TOLERANCE) {
      problems.push(`page ${m[1]} is ${w} x ${h} pts, not A4 portrait (595 x 842)`);
    }
  }
  // pdfinfo does not show the catalog's /Lang; Chromium writes it as a plain
  // string in an uncompressed object.
  if (lang) {
    const found = fs.readFileSync(file).toString('latin1').match(/\/Lang\s*\(([^)]*)\)/);
    if (!found) problems.push('no document language (/Lang)');
    else if (found[1] !== lang) problems.push(`language is ${found[1]}, expected ${lang}`);
  }
  if (contains.length) {
    // A title wrapped in a narrow column may break after a hyphen ("ikke-|ordinære"),
    // and pdftotext then joins the line, with or without the hyphen: compare without them.
    const joined = (s) => squash(s).replace(/- ?/g, '');
    const text = joined(run('pdftotext', ['-enc', 'UTF-8', file, '-']));
    for (const want of contains) {
      if (!text.includes(joined(want))) problems.push(`text not found: "${want}"`);
    }
  }
  return problems;
}

// Prints FAIL lines and the summary line; returns the number of failed PDFs.
export function reportPdfs(files, opts) {
  let failed = 0;
  for (const file of files) {
    const problems = checkPdf(file, opts);
    if (problems.length) {
      failed++;
      console.log(`FAIL ${file}: ${problems.length} problem(s)`);
      for (const p of problems) console.log(`  ${file}: ${p}`);
    }
  }
  console.log(`pdf: ${files.length - failed} passed, ${failed} failed`);
  return failed;
}

function main(argv) {
  const files = [];
  const opts = { contains: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--min-pages') opts.minPages = Number(value());
    else if (a === '--max-pages') opts.maxPages = Number(value());
    else if (a === '--contains') opts.contains.push(value());
    else if (a === '--lang') opts.lang = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (!files.length) usage('no PDF given');
  if (!havePoppler()) {
    console.error('check-pdf: pdfinfo/pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)');
    process.exit(2);
  }
  process.exit(reportPdfs(files, opts) ? 1 : 0);
}

function usage(msg) {
  console.error(`check-pdf: ${msg}\nusage: node check-pdf.mjs PDF... [--min-pages N] [--max-pages N] [--contains TEXT]... [--lang CODE]`);
  process.exit(2);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
