/* Writes crds/*.yaml from the schemas in canary-common: `yarn generate:crds` in this package. */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { renderCrdsYaml } from './renderCrdsYaml';

const dir = resolvePackagePath('@vane/plugin-canary-backend', 'crds');
fs.mkdirSync(dir, { recursive: true });
for (const [file, content] of Object.entries(renderCrdsYaml())) {
  fs.writeFileSync(path.join(dir, file), content);
  process.stdout.write(`wrote ${path.join(dir, file)}\n`);
}
