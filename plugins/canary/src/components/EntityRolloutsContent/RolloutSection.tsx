import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  CanaryRollout,
  isRolloutUnderWay,
  RolloutHistoryEntry,
} from '@vane/plugin-canary-common';
import { ReactNode, useState } from 'react';
import { AnalysisCharts } from '../AnalysisCharts/AnalysisCharts';
import { RolloutEventsTable } from '../RolloutEventsTable/RolloutEventsTable';
import { RolloutHistoryTable } from '../RolloutHistoryTable/RolloutHistoryTable';
import { StepTimeline } from '../StepTimeline/StepTimeline';

/**
 * Everything about one rollout on the Rollouts tab: its row (as on the card), the step timeline,
 * the analysis charts, its events, and its past rollouts with their analysis on a click.
 */
export function RolloutSection(props: {
  entityRef: string;
  rollout: CanaryRollout;
  row: ReactNode;
  history?: RolloutHistoryEntry[];
  historyError?: string;
}) {
  const { entityRef, rollout, row, history, historyError } = props;
  const { status } = rollout;
  const [selected, setSelected] = useState<RolloutHistoryEntry>();
  // Any change the stream reports (a step, a failed check) brings new samples.
  const changeKey = [
    status.phase,
    status.canaryWeight,
    status.failedChecks,
    status.iterations,
    status.lastTransitionTime,
  ].join('|');

  return (
    <Box
      mb={3}
      component="section"
      aria-label={`${rollout.namespace}/${rollout.name}`}
    >
      <InfoCard
        title={`${rollout.namespace}/${rollout.name}`}
        subheader={`cluster ${rollout.cluster}`}
      >
        {row}
        <Typography variant="h6">Steps</Typography>
        <StepTimeline rollout={rollout} />
        <Typography variant="h6">Analysis</Typography>
        <AnalysisCharts
          entityRef={entityRef}
          rollout={rollout}
          live={isRolloutUnderWay(status.phase)}
          changeKey={changeKey}
        />
        <Box mt={2}>
          <RolloutEventsTable events={rollout.events} />
        </Box>
        <Box mt={2}>
          {historyError ? (
            <WarningPanel
              title="The history could not be loaded"
              message={historyError}
            />
          ) : (
            <RolloutHistoryTable
              entries={history ?? []}
              selectedId={selected?.id}
              onSelect={entry =>
                setSelected(current =>
                  current?.id === entry.id ? undefined : entry,
                )
              }
            />
          )}
        </Box>
        {selected && (
          <Box mt={2} data-testid="history-analysis">
            <Typography variant="h6">
              Analysis of revision {selected.revision.slice(0, 10)} (
              {selected.result}, started{' '}
              {new Date(selected.startedAt).toLocaleString()})
            </Typography>
            <AnalysisCharts
              key={selected.id}
              entityRef={entityRef}
              rollout={rollout}
              historyId={selected.id}
              testIdPrefix="history-analysis-chart"
            />
          </Box>
        )}
      </InfoCard>
    </Box>
  );
}
