#!/usr/bin/env node
/* global process, console */
// Builds the web pages (web/ → web/dist) with Vite: `npm run build:web`. With --if-stale (what
// `npm start` runs) it builds only when web/dist is missing or older than a file under web/ or the
// lockfile, so a fresh clone gets its pages and an unchanged one starts at once. The new build is
// written beside the old one and swapped in whole (a running service never reads half of one), under
// a lock, so two starts at once build once. Without Vite (an install without devDependencies) it says
// so and leaves the pages as they are: the service runs anyway.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist');
const marker = path.join(dist, '.built');
const lock = path.join(web, '.build-lock');
const ifStale = process.argv.includes('--if-stale');

/** The newest modification time of the build's inputs (this script among them). */
function newestInput() {
  let newest = Math.max(statSync(path.join(root, 'package-lock.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  for (const rel of readdirSync(web, { recursive: true, encoding: 'utf8' })) {
    if (rel === 'dist' || rel.startsWith(`dist${path.sep}`) || rel.startsWith('.')) continue;
    newest = Math.max(newest, statSync(path.join(web, rel)).mtimeMs);
  }
  return newest;
}

const fresh = () => existsSync(marker) && statSync(marker).mtimeMs >= newestInput();

function takeLock() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    // A lock whose builder is gone is stale (a pid not written yet reads as 0: wait for it).
    const pid = Number(readQuietly(path.join(lock, 'pid')).trim()) || 0;
    if (pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another build holds ${lock}; remove it if no build runs`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

function readQuietly(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

if (ifStale && fresh()) process.exit(0);
// Always the production build (minified React, no dev runtime), whoever runs this: vitest's global
// setup runs it with NODE_ENV=test, which Vite would otherwise carry into the bundle.
process.env.NODE_ENV = 'production';
let vite;
try {
  vite = await import('vite');
} catch {
  console.error('orderly: the web pages are not built and Vite is not installed (npm ci installs it); /console and /shop answer 503 until `npm run build:web`');
  process.exit(0);
}
takeLock();
try {
  if (!(ifStale && fresh())) {
    const started = Date.now();
    const tmp = path.join(web, `.dist-${process.pid}`);
    await vite.build({ configFile: path.join(web, 'vite.config.ts'), mode: 'production', build: { outDir: tmp, emptyOutDir: true } });
    writeFileSync(path.join(tmp, '.built'), new Date().toISOString());
    const old = path.join(web, `.dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(tmp, dist);
    rmSync(old, { recursive: true, force: true });
    console.error(`orderly: built the web pages into web/dist in ${Date.now() - started} ms`);
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
