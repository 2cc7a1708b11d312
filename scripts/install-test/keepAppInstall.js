#!/usr/bin/env node
// Keeps a new app's installed dependencies for the next install test, and brings them back:
//   keepAppInstall.js save <app dir> <kept dir>     moves them out of the app (after a passed run)
//   keepAppInstall.js restore <app dir> <kept dir>  moves them into a freshly created app
// "Them" is what `yarn install` made: node_modules (root and workspaces), yarn's install state
// and yarn.lock. With them in place the next `yarn install` relinks only what changed (the Vane
// tarballs) instead of linking and building ~2500 packages (better-sqlite3 and other native
// addons compile for minutes). Moves are renames (one filesystem), so both directions are instant.
// The lockfile is kept without the @vane/* entries: their tarballs are packed afresh every run,
// and a file: tarball whose checksum changed would fail the install.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [mode, appDir, keptDir] = process.argv.slice(2);
if (!['save', 'restore'].includes(mode) || !appDir || !keptDir) {
  throw new Error('usage: keepAppInstall.js save|restore <app dir> <kept dir>');
}

/** What is kept, relative to the app (workspace node_modules only where yarn made one). */
const keptPaths = [
  'node_modules',
  'packages/app/node_modules',
  'packages/backend/node_modules',
  '.yarn/install-state.gz',
  'yarn.lock',
];

function withoutVaneEntries(lockfile) {
  return lockfile
    .split('\n\n')
    .filter(block => !/^"?@vane\//m.test(block.trimStart()))
    .join('\n\n');
}

if (mode === 'save') {
  fs.rmSync(keptDir, { recursive: true, force: true });
  for (const kept of keptPaths) {
    const from = path.join(appDir, kept);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(keptDir, kept)), { recursive: true });
    fs.renameSync(from, path.join(keptDir, kept));
  }
  const lock = path.join(keptDir, 'yarn.lock');
  fs.writeFileSync(lock, withoutVaneEntries(fs.readFileSync(lock, 'utf8')));
  console.log(`kept the app's install in ${keptDir}`);
} else if (fs.existsSync(keptDir)) {
  for (const kept of keptPaths) {
    const from = path.join(keptDir, kept);
    if (!fs.existsSync(from)) continue;
    const to = path.join(appDir, kept);
    fs.rmSync(to, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
  fs.rmSync(keptDir, { recursive: true, force: true });
  console.log(`restored the app's install from ${keptDir}`);
} else {
  console.log(`no kept install in ${keptDir}: installing from scratch`);
}
