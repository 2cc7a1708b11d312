import { stringify } from 'yaml';
import { buildCrds } from './buildCrds';

/**
 * The generated files, by path inside this package, as `yarn generate:crds` writes them: one file
 * per CRD under crds/, and both in deploy/crds.yaml beside the engine's RBAC.
 */
export function renderCrdsYaml(): Record<string, string> {
  const header =
    '# Generated from @vane/plugin-canary-common by `yarn workspace @vane/plugin-canary-backend generate:crds`. Do not edit.\n';
  const [canary, metricTemplate] = buildCrds();
  const canaryYaml = stringify(canary, { lineWidth: 0 });
  const metricTemplateYaml = stringify(metricTemplate, { lineWidth: 0 });
  return {
    'crds/canary.yaml': header + canaryYaml,
    'crds/metrictemplate.yaml': header + metricTemplateYaml,
    'deploy/crds.yaml': `${header}${canaryYaml}---\n${metricTemplateYaml}`,
  };
}
