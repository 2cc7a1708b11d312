/*
 * Writes crds/*.yaml from the schemas in canary-common, and docs/flagger-fields.md from
 * FLAGGER_FIELDS: `yarn generate:crds` in this package.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { renderCrdsYaml } from './renderCrdsYaml';
import { renderFlaggerFieldTable } from './renderFlaggerFieldTable';

const root = resolvePackagePath('@vane/plugin-canary-backend');
for (const [file, content] of Object.entries({
  ...renderCrdsYaml(),
  'docs/flagger-fields.md': renderFlaggerFieldTable(),
})) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  process.stdout.write(`wrote ${path.join(root, file)}\n`);
}
