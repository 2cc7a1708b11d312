import type { CanaryManifests } from './buildCanaryManifest';

const DIRECT: Array<[RegExp, string]> = [
  [/^metadata\.name/, 'name'],
  [/^metadata\.namespace/, 'namespace'],
  [/^spec\.provider/, 'provider'],
  [/^spec\.targetRef/, 'targetDeployment'],
  [/^spec\.service\.port/, 'port'],
  [/^spec\.service\.targetPort/, 'targetPort'],
  [/^spec\.progressDeadlineSeconds/, 'progressDeadlineSeconds'],
  [/^spec\.analysis\.interval/, 'interval'],
  [/^spec\.analysis\.threshold/, 'threshold'],
  [/^spec\.analysis\.stepWeights/, 'stepWeights'],
  [/^spec\.analysis\.stepWeight/, 'stepWeight'],
  [/^spec\.analysis\.maxWeight/, 'maxWeight'],
  [/^spec\.analysis\.iterations/, 'iterations'],
  [/^spec\.analysis\.steps/, 'steps'],
  [/^spec\.analysis\.match/, 'abHeader'],
];

/**
 * The action input a broken rule of the built Canary comes from (`spec.analysis.stepWeight` is
 * the `stepWeight` input), so an error names the form field the user typed into.
 */
export function inputFieldFor(
  manifestField: string,
  sources: Pick<CanaryManifests, 'metricInputs' | 'webhookInputs'>,
): string {
  const indexed = /^spec\.analysis\.(metrics|webhooks)\[(\d+)\]/.exec(
    manifestField,
  );
  if (indexed) {
    const list =
      indexed[1] === 'metrics' ? sources.metricInputs : sources.webhookInputs;
    return list[Number(indexed[2])] ?? indexed[1];
  }
  return (
    DIRECT.find(([pattern]) => pattern.test(manifestField))?.[1] ??
    manifestField
  );
}
