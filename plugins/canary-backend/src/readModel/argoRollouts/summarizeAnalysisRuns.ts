import type { ArgoAnalysisRunSummary } from '@vane/plugin-canary-common';
import type { ArgoAnalysisRun } from './ArgoRollout';

const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';

/**
 * A Rollout's AnalysisRuns with their metrics and results, ordered as the kubectl plugin orders
 * them (pkg/kubectl-argo-rollouts/info/analysisrun_info.go): newest revision first, then oldest
 * created first, then by name, descending.
 */
export function summarizeAnalysisRuns(
  runs: readonly ArgoAnalysisRun[],
): ArgoAnalysisRunSummary[] {
  const sorted = [...runs].sort(
    (a, b) =>
      (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0) ||
      (a.metadata.creationTimestamp ?? '').localeCompare(
        b.metadata.creationTimestamp ?? '',
      ) ||
      b.metadata.name.localeCompare(a.metadata.name),
  );
  return sorted.map(run => {
    const status = run.status ?? {};
    const results = new Map(
      (status.metricResults ?? []).map(result => [result.name, result]),
    );
    // Every metric the spec asks for, with its results once measured.
    const names = [
      ...(run.spec?.metrics ?? []).map(metric => metric.name),
      ...[...results.keys()].filter(
        name => !(run.spec?.metrics ?? []).some(m => m.name === name),
      ),
    ];
    const revision = revisionOf(run);
    return {
      name: run.metadata.name,
      ...(status.phase ? { phase: status.phase } : {}),
      ...(status.message ? { message: status.message } : {}),
      ...(revision !== undefined ? { revision } : {}),
      ...(status.startedAt ? { startedAt: status.startedAt } : {}),
      ...(status.completedAt ? { completedAt: status.completedAt } : {}),
      metrics: names.map(name => {
        const spec = run.spec?.metrics?.find(metric => metric.name === name);
        const result = results.get(name);
        const last = result?.measurements?.[result.measurements.length - 1];
        return {
          name,
          ...(result?.phase ? { phase: result.phase } : {}),
          ...(spec?.successCondition
            ? { successCondition: spec.successCondition }
            : {}),
          ...(spec?.failureCondition
            ? { failureCondition: spec.failureCondition }
            : {}),
          count: result?.count ?? 0,
          successful: result?.successful ?? 0,
          failed: result?.failed ?? 0,
          inconclusive: result?.inconclusive ?? 0,
          error: result?.error ?? 0,
          ...(last?.value !== undefined ? { lastValue: last.value } : {}),
          ...(last?.phase ? { lastPhase: last.phase } : {}),
          ...(result?.message ? { message: result.message } : {}),
        };
      }),
    };
  });
}

function revisionOf(run: ArgoAnalysisRun): number | undefined {
  const value = run.metadata.annotations?.[REVISION_ANNOTATION];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
