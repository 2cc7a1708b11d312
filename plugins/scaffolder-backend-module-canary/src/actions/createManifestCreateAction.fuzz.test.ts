import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validateCanaryManifest } from '@vane/plugin-canary-common';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  CANARY_STRATEGIES,
  MANUAL_GATES,
} from '../manifest/CanaryManifestInput';
import { createManifestCreateAction } from './createManifestCreateAction';

jest.setTimeout(120_000);

// Bad input, fuzzed: form answers of the declared types (what the Scaffolder lets through to
// the action) with values anywhere in their range. Every run either writes a manifest the
// engine's validator accepts or is refused with an InputError naming the input to fix.
const SEED = 20261203;

const INPUTS = [
  'entityRef',
  'cluster',
  'namespace',
  'targetDeployment',
  'name',
  'port',
  'targetPort',
  'strategy',
  'provider',
  'stepWeights',
  'stepWeight',
  'maxWeight',
  'iterations',
  'steps',
  'abHeader',
  'interval',
  'threshold',
  'successRateMin',
  'latencyMaxMs',
  'metricInterval',
  'loadTestUrl',
  'loadTestCommand',
  'manualGates',
  'customMetric',
  'progressDeadlineSeconds',
  'revertOnDeletion',
  'filePath',
];

const text = fc.oneof(
  fc.constantFrom(
    'reviews',
    'test',
    'lab',
    'edge',
    '30s',
    '1m',
    '0s',
    '-5s',
    'istio',
    'smi',
    'linkerd',
    'kubernetes',
    'nope',
    'Reviews',
    'a.b',
    '',
  ),
  fc.string({ maxLength: 10 }),
);
const number = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: -10, max: 70000 }),
  fc.double({ min: -5, max: 200, noNaN: true }),
);

const answers = fc.record(
  {
    entityRef: fc.constantFrom('component:default/reviews'),
    cluster: fc.constantFrom('lab', 'lab', 'lab', 'edge', 'unknown'),
    namespace: text,
    targetDeployment: text,
    name: text,
    port: number,
    targetPort: number,
    strategy: fc.constantFrom(...CANARY_STRATEGIES),
    provider: text,
    stepWeights: fc.array(number, { maxLength: 4 }),
    stepWeight: number,
    maxWeight: number,
    iterations: number,
    steps: fc.array(
      fc.oneof(
        fc.record({ setWeight: number }),
        fc.record({
          pause: fc.oneof(fc.constant({}), fc.record({ duration: text })),
        }),
        fc.dictionary(
          fc.constantFrom('setWeight', 'pause', 'setHeaderRoute', 'bogus'),
          fc.jsonValue({ maxDepth: 1 }),
          { maxKeys: 1 },
        ),
      ),
      { maxLength: 3 },
    ),
    abHeader: fc.record({ name: text, value: text }),
    interval: text,
    threshold: number,
    successRateMin: number,
    latencyMaxMs: number,
    metricInterval: text,
    loadTestUrl: fc.constantFrom(
      'http://127.0.0.1:8787/',
      'ftp://x',
      'not a url',
    ),
    loadTestCommand: text,
    manualGates: fc.array(fc.constantFrom(...MANUAL_GATES), { maxLength: 3 }),
    customMetric: fc.record(
      {
        name: text,
        query: fc.constantFrom('sum(rate(x[1m]))', '', 'up'),
        min: number,
        max: number,
      },
      { requiredKeys: [] },
    ),
    progressDeadlineSeconds: number,
    revertOnDeletion: fc.boolean(),
  },
  {
    requiredKeys: [
      'entityRef',
      'cluster',
      'namespace',
      'targetDeployment',
      'port',
      'strategy',
    ],
  },
);

// A form filled in as the template's defaults do, with up to two answers changed: most runs
// reach the rules behind the first one.
const BASE = {
  entityRef: 'component:default/reviews',
  cluster: 'lab',
  namespace: 'test',
  targetDeployment: 'reviews',
  port: 9898,
  strategy: 'canary',
  stepWeight: 20,
  maxWeight: 80,
  interval: '30s',
  threshold: 5,
  successRateMin: 99,
  latencyMaxMs: 500,
};
const nearlyBase = fc
  .tuple(
    fc.subarray(
      INPUTS.filter(i => i !== 'filePath'),
      { maxLength: 2 },
    ),
    answers,
  )
  .map(([changed, random]) => {
    const input: Record<string, unknown> = { ...BASE };
    for (const key of changed) {
      if (key in random) input[key] = (random as any)[key];
      else delete input[key];
    }
    return input;
  });

describe('canary:manifest:create, fuzzed', () => {
  const workspace = createMockDirectory();
  const clusters = async () => ({
    items: [
      {
        name: 'lab',
        available: true,
        meshProviders: ['istio', 'smi', 'kubernetes'],
        defaultProvider: 'istio',
      },
      {
        name: 'edge',
        available: false,
        error: 'Cluster edge: connect ECONNREFUSED',
        meshProviders: [],
      },
    ],
  });
  const action = createManifestCreateAction({ client: { clusters } });
  /** What the validator says of the Canary the action wrote. */
  const writtenManifestErrors = (ctx: { output: unknown }) => {
    const filePath = (ctx.output as jest.Mock).mock.calls.find(
      ([key]) => key === 'filePath',
    )?.[1];
    const documents = parseAllDocuments(
      fs.readFileSync(path.join(workspace.path, filePath), 'utf8'),
    ).map(d => d.toJS());
    const checked = validateCanaryManifest(
      documents.find(d => d.kind === 'Canary'),
    );
    return checked.valid ? [] : checked.errors;
  };

  it('writes a manifest the validator accepts, or refuses with an InputError that names an input', async () => {
    let written = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(answers, nearlyBase, nearlyBase),
        async input => {
          workspace.clear();
          const ctx = createMockActionContext({
            workspacePath: workspace.path,
            input: { interval: '1m', threshold: 5, ...input } as any,
          });
          const failure = await action.handler(ctx as any).then(
            () => undefined,
            (error: Error) => error,
          );
          // Either the user reads which input to fix, or the manifest is one the engine runs.
          const outcome = failure
            ? {
                inputError: failure instanceof InputError,
                namesAnInput: INPUTS.some(field =>
                  new RegExp(`(^|[ ;])${field}(\\.[a-zA-Z]+)?: `).test(
                    failure.message,
                  ),
                ),
                message: failure.message,
              }
            : { manifestErrors: writtenManifestErrors(ctx) };
          expect(outcome).toEqual(
            failure
              ? {
                  inputError: true,
                  namesAnInput: true,
                  message: failure.message,
                }
              : { manifestErrors: [] },
          );
          if (failure) refused++;
          else written++;
        },
      ),
      { numRuns: 1500, seed: SEED },
    );
    expect(written).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(300);
  });
});
