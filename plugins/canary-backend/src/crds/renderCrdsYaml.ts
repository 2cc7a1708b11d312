import { stringify } from 'yaml';
import { buildCrds } from './buildCrds';

/** The file names under crds/ and their YAML, as `yarn generate:crds` writes them. */
export function renderCrdsYaml(): Record<string, string> {
  const header =
    '# Generated from @vane/plugin-canary-common by `yarn workspace @vane/plugin-canary-backend generate:crds`. Do not edit.\n';
  const [canary, metricTemplate] = buildCrds();
  return {
    'canary.yaml': header + stringify(canary, { lineWidth: 0 }),
    'metrictemplate.yaml': header + stringify(metricTemplate, { lineWidth: 0 }),
  };
}
