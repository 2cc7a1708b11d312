import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { buildCrds } from './buildCrds';
import { renderCrdsYaml } from './renderCrdsYaml';

describe('CRDs', () => {
  it('crds/*.yaml and deploy/crds.yaml are the output of the schemas in canary-common (run `yarn generate:crds` in plugins/canary-backend after changing them)', () => {
    for (const [file, content] of Object.entries(renderCrdsYaml())) {
      const committed = fs.readFileSync(
        path.join(resolvePackagePath('@vane/plugin-canary-backend'), file),
        'utf8',
      );
      expect(committed).toBe(content);
    }
  });

  it('enforce the ranges, enums and required fields of the schema at apply time', () => {
    const [canary] = buildCrds();
    const spec = canary.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    expect(spec.required).toEqual(['targetRef', 'service']);
    expect(spec.properties.analysis.properties.stepWeight).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 100,
    });
    expect(spec.properties.service.properties.targetPort).toEqual({
      'x-kubernetes-int-or-string': true,
    });
    expect(
      spec.properties.analysis.properties.webhooks.items.properties.type.enum,
    ).toEqual([
      '',
      'confirm-rollout',
      'pre-rollout',
      'rollout',
      'confirm-traffic-increase',
      'confirm-promotion',
      'post-rollout',
      'rollback',
      'event',
    ]);
  });

  it("accept Flagger's deprecated forms, which the engine normalises", () => {
    const [canary] = buildCrds();
    const spec = canary.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    expect(spec.properties.canaryAnalysis.properties.stepWeight).toBeDefined();
    expect(
      spec.properties.analysis.properties.metrics.items.properties.threshold,
    ).toEqual({ type: 'number' });
  });

  it("print Flagger's columns, the analysis ones from canaryAnalysis too (a v1alpha3-style Canary)", () => {
    const [canary] = buildCrds();
    const columns = canary.spec.versions[0].additionalPrinterColumns;
    expect(
      columns.find((c: { name: string }) => c.name === 'Interval').jsonPath,
    ).toBe(".spec['analysis','canaryAnalysis'].interval");
    expect(columns.map((c: { name: string }) => c.name.toUpperCase())).toEqual([
      'STATUS',
      'WEIGHT',
      'FAILEDCHECKS',
      'INTERVAL',
      'MIRROR',
      'STEPWEIGHT',
      'STEPWEIGHTS',
      'MAXWEIGHT',
      'LASTTRANSITIONTIME',
    ]);
  });
});
