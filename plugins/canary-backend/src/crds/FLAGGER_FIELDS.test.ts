import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  FLAGGER_FIELD_REFUSALS,
  FLAGGER_METRIC_TEMPLATE_REFUSALS,
} from '@vane/plugin-canary-common';
import fs from 'node:fs';
import path from 'node:path';
import { buildCrds } from './buildCrds';
import { FLAGGER_FIELDS, FlaggerFieldRow } from './FLAGGER_FIELDS';
import { renderFlaggerFieldTable } from './renderFlaggerFieldTable';

const packageRoot = resolvePackagePath('@vane/plugin-canary-backend');
const repoRoot = path.resolve(packageRoot, '../..');

/** The fields of a CRD's schema, as the table names them: `spec.analysis.metrics[].name`. */
function crdFields(schema: any, at = ''): string[] {
  if (schema.items && !schema.properties) {
    return schema.items.properties ? crdFields(schema.items, `${at}[]`) : [at];
  }
  if (!schema.properties) return [at];
  return Object.entries(schema.properties).flatMap(([name, child]) =>
    crdFields(child, at ? `${at}.${name}` : name),
  );
}

const [canaryCrd, metricTemplateCrd] = buildCrds();
const CRD_FIELDS = {
  Canary: crdFields(canaryCrd.spec.versions[0].schema.openAPIV3Schema),
  MetricTemplate: crdFields(
    metricTemplateCrd.spec.versions[0].schema.openAPIV3Schema,
  ),
};

const covers = (row: FlaggerFieldRow, field: string) =>
  row.field === field ||
  (row.subtree === true &&
    (field.startsWith(`${row.field}.`) || field.startsWith(`${row.field}[`)));

describe("the table of Flagger's fields (docs/flagger-fields.md)", () => {
  it('is the rendering of FLAGGER_FIELDS (run `yarn generate:crds` in plugins/canary-backend after changing it)', () => {
    expect(
      fs.readFileSync(path.join(packageRoot, 'docs/flagger-fields.md'), 'utf8'),
    ).toBe(renderFlaggerFieldTable());
  });

  it.each(['Canary', 'MetricTemplate'] as const)(
    'has a row for every field of the %s CRD',
    kind => {
      const rows = FLAGGER_FIELDS.filter(row => row.kind === kind);
      const missing = CRD_FIELDS[kind].filter(
        field => !rows.some(row => covers(row, field)),
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(['Canary', 'MetricTemplate'] as const)(
    'names only fields the %s CRD keeps, so none of them is pruned by the API server',
    kind => {
      const notInCrd = FLAGGER_FIELDS.filter(
        row => row.kind === kind && row.verdict !== 'not written',
      )
        .filter(row => !CRD_FIELDS[kind].some(field => covers(row, field)))
        .map(row => row.field);
      expect(notInCrd).toEqual([]);
    },
  );

  it('proves every row but the status fields Vane does not write by a test that exists', () => {
    const unproved = FLAGGER_FIELDS.filter(
      row => row.verdict !== 'not written' && row.tests.length === 0,
    ).map(row => `${row.kind} ${row.field}`);
    expect(unproved).toEqual([]);

    const missing = FLAGGER_FIELDS.flatMap(row => row.tests)
      .filter(test => {
        const file = path.join(repoRoot, test.file);
        return (
          !fs.existsSync(file) ||
          !fs.readFileSync(file, 'utf8').includes(test.name)
        );
      })
      .map(test => `${test.file}: ${test.name}`);
    expect(missing).toEqual([]);
  });

  it('lists every refusal of the validator, each proved by its test', () => {
    const cited = (file: string) =>
      FLAGGER_FIELDS.flatMap(row => row.tests)
        .filter(test => test.file.endsWith(file))
        .map(test => test.name.replace(/^'(.*)'$/, '$1'));
    const canaryCited = cited('validateCanarySpec.test.ts');
    expect(
      Object.keys(FLAGGER_FIELD_REFUSALS).filter(
        key => !canaryCited.includes(key),
      ),
    ).toEqual([]);
    const templateCited = cited('validateCanaryManifest.test.ts');
    expect(
      Object.keys(FLAGGER_METRIC_TEMPLATE_REFUSALS).filter(
        key => !templateCited.includes(key),
      ),
    ).toEqual([]);
  });
});
