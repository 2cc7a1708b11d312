import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  CanaryRollout,
  RolloutAnalysisResponse,
} from '@vane/plugin-canary-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { canaryApiRef } from '../../api/CanaryApi';
import { describeRequestError } from '../RolloutRow/describeRequestError';
import { AnalysisChart } from './AnalysisChart';

/** New samples land every analysis interval; a chart of a running analysis follows them. */
const REFRESH_MS = 15_000;

/**
 * The analysis charts of a rollout, the current one or (with `historyId`) a past one. A running
 * analysis is asked again when the rollout changes (`changeKey`, from the live stream) and every
 * few seconds in between.
 */
export function AnalysisCharts(props: {
  entityRef: string;
  rollout: Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'>;
  historyId?: number;
  live?: boolean;
  changeKey?: string;
  testIdPrefix?: string;
}) {
  const { entityRef, rollout, historyId, live, changeKey, testIdPrefix } =
    props;
  const canaryApi = useApi(canaryApiRef);
  const { cluster, namespace, name } = rollout;
  const analysis = useAsyncRetry(
    () =>
      canaryApi.getRolloutAnalysis(
        entityRef,
        { cluster, namespace, name },
        { historyId },
      ),
    [canaryApi, entityRef, cluster, namespace, name, historyId, changeKey],
  );
  useInterval(analysis.retry, live ? REFRESH_MS : null);
  // A failed refresh keeps the charts already drawn rather than blanking them.
  const lastAnswer = useRef<RolloutAnalysisResponse>();
  if (analysis.value) lastAnswer.current = analysis.value;
  const shown = analysis.value ?? lastAnswer.current;

  if (!shown) {
    if (analysis.error) {
      return (
        <WarningPanel
          title="The analysis could not be loaded"
          message={describeRequestError(analysis.error)}
        />
      );
    }
    return <Progress />;
  }
  if (shown.metrics.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This rollout has no analysis metrics.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {shown.metrics.map(metric => (
        <Grid item xs={12} md={6} key={metric.name}>
          <AnalysisChart metric={metric} testIdPrefix={testIdPrefix} />
        </Grid>
      ))}
    </Grid>
  );
}
