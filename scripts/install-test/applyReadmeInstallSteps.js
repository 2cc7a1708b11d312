#!/usr/bin/env node
// Applies the install steps the plugin READMEs start with to a Backstage app made by
// @backstage/create-app, so that the install test runs exactly what a user is told to run:
//   - each `yarn --cwd packages/<package> add <name>` line adds <name> to that package, from the
//     packed tarball in place of the registry (the packages are not published from here);
//   - each `backend.add(import('<name>'));` line goes into packages/backend/src/index.ts, before
//     `backend.start();`.
// The Vane packages the tarballs depend on among themselves are pinned to the tarballs through
// the root `resolutions`, as the registry would serve them.
// Usage: applyReadmeInstallSteps.js <app dir> <tarball dir> <README>...
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [appDir, tarballDir, ...readmes] = process.argv.slice(2);
if (!appDir || !tarballDir || readmes.length === 0) {
  throw new Error(
    'usage: applyReadmeInstallSteps.js <app dir> <tarball dir> <README>...',
  );
}

/** The packed tarballs by package name (each tarball's own package.json says its name). */
const tarballs = new Map();
for (const file of fs.readdirSync(tarballDir)) {
  if (!file.endsWith('.tgz')) continue;
  const manifest = path.join(tarballDir, `${file}.package.json`);
  const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  tarballs.set(name, `file:${path.resolve(tarballDir, file)}`);
}

/** The lines of a README's "## Install" section, up to the next heading of that level. */
function installSection(readme) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.indexOf('\n## Install\n');
  if (start < 0) throw new Error(`${readme} has no "## Install" section`);
  const rest = text.slice(start + 1).split('\n');
  const end = rest.findIndex((line, i) => i > 0 && line.startsWith('## '));
  return rest.slice(0, end < 0 ? undefined : end);
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

const backendIndex = path.join(appDir, 'packages/backend/src/index.ts');
let backendSource = fs.readFileSync(backendIndex, 'utf8');
let steps = 0;
for (const readme of readmes) {
  for (const line of installSection(readme).map(l => l.trim())) {
    const add = /^yarn --cwd packages\/([\w-]+) add (@vane\/[\w-]+)$/.exec(
      line,
    );
    if (add) {
      const [, workspace, name] = add;
      const tarball = tarballs.get(name);
      if (!tarball) throw new Error(`${readme}: no packed tarball of ${name}`);
      const manifestPath = path.join(
        appDir,
        'packages',
        workspace,
        'package.json',
      );
      const manifest = readJson(manifestPath);
      manifest.dependencies = { ...manifest.dependencies, [name]: tarball };
      writeJson(manifestPath, manifest);
      console.log(`packages/${workspace}: ${name} from ${tarball}`);
      steps++;
      continue;
    }
    if (/^backend\.add\(import\('@vane\/[\w-]+'\)\);$/.test(line)) {
      if (!backendSource.includes(line)) {
        backendSource = backendSource.replace(
          /^backend\.start\(\);$/m,
          `${line}\n\nbackend.start();`,
        );
        console.log(`packages/backend/src/index.ts: ${line}`);
      }
      steps++;
    }
  }
}
if (!backendSource.includes('backend.start();')) {
  throw new Error(`${backendIndex} has no "backend.start();" line`);
}
fs.writeFileSync(backendIndex, backendSource);

const rootPath = path.join(appDir, 'package.json');
const root = readJson(rootPath);
root.resolutions = { ...root.resolutions, ...Object.fromEntries(tarballs) };
writeJson(rootPath, root);
console.log(`${steps} install steps applied from ${readmes.length} READMEs`);
