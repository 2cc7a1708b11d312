import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  CanaryRollout,
  isRolloutUnderWay,
  RolloutControllerAction,
  RolloutHistoryEntry,
} from '@vane/plugin-canary-common';
import { ReactNode, useState } from 'react';
import { AnalysisCharts } from '../AnalysisCharts/AnalysisCharts';
import { ArgoAnalysisRuns } from '../ArgoAnalysisRuns/ArgoAnalysisRuns';
import { PortalActionsTable } from '../PortalActionsTable/PortalActionsTable';
import { CONTROLLER_NAMES } from '../RolloutRow/ControllerChip';
import { RolloutEventsTable } from '../RolloutEventsTable/RolloutEventsTable';
import { RolloutHistoryTable } from '../RolloutHistoryTable/RolloutHistoryTable';
import { StepTimeline } from '../StepTimeline/StepTimeline';

/**
 * Everything about one rollout on the Rollouts tab: its row (as on the card), the step timeline,
 * the analysis charts, its events, and its past rollouts with their analysis on a click. Another
 * controller's rollout shows what that controller keeps instead: an Argo Rollout its
 * AnalysisRuns, a Flagger Canary its events; and the actions taken on it in the portal.
 */
export function RolloutSection(props: {
  entityRef: string;
  rollout: CanaryRollout;
  row: ReactNode;
  history?: RolloutHistoryEntry[];
  /** The portal's actions on this rollout, for another controller's. */
  portalActions?: RolloutControllerAction[];
  historyError?: string;
}) {
  return props.rollout.controller === 'vane' ? (
    <VaneRolloutSection {...props} />
  ) : (
    <OtherControllerSection {...props} />
  );
}

/** The Rollouts tab's section of a Vane Canary. */
function VaneRolloutSection(props: {
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
    <SectionFrame
      rollout={rollout}
      row={row}
      subheader={`cluster ${rollout.cluster}`}
    >
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
    </SectionFrame>
  );
}

/** The Rollouts tab's section of an Argo Rollout or a Flagger Canary. */
function OtherControllerSection(props: {
  rollout: CanaryRollout;
  row: ReactNode;
  portalActions?: RolloutControllerAction[];
  historyError?: string;
}) {
  const { rollout, row, portalActions, historyError } = props;
  return (
    <SectionFrame
      rollout={rollout}
      row={row}
      subheader={`cluster ${rollout.cluster} · driven by ${
        CONTROLLER_NAMES[rollout.controller]
      }`}
    >
      {rollout.argoRollouts ? (
        <>
          <Typography variant="h6">Analysis runs</Typography>
          <ArgoAnalysisRuns runs={rollout.argoRollouts.analysisRuns} />
        </>
      ) : (
        <Box mt={2}>
          {/* Flagger keeps no measured values in its status: its events say how checks went. */}
          <RolloutEventsTable events={rollout.events} />
        </Box>
      )}
      <Box mt={2}>
        {historyError ? (
          <WarningPanel
            title="The actions taken in the portal could not be loaded"
            message={historyError}
          />
        ) : (
          <PortalActionsTable actions={portalActions ?? []} />
        )}
      </Box>
    </SectionFrame>
  );
}

/** One rollout's section on the tab: its card with the row and the step timeline first. */
function SectionFrame(props: {
  rollout: CanaryRollout;
  row: ReactNode;
  subheader: string;
  children: ReactNode;
}) {
  const { rollout, row, subheader, children } = props;
  return (
    <Box
      mb={3}
      component="section"
      aria-label={`${rollout.namespace}/${rollout.name}`}
    >
      <InfoCard
        title={`${rollout.namespace}/${rollout.name}`}
        subheader={subheader}
      >
        {row}
        <Typography variant="h6">Steps</Typography>
        <StepTimeline rollout={rollout} />
        {children}
      </InfoCard>
    </Box>
  );
}
