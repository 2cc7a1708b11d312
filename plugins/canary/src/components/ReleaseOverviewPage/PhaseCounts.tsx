import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ROLLOUT_PHASES } from '@vane/plugin-canary-common';
import { phaseLabel } from './phaseLabel';
import type { ReleasePhase } from './toReleaseRow';

// Always shown, even at zero: "nothing is failing" is worth seeing. Other phases show up when
// some rollout is in them.
const HEADLINE_PHASES: ReleasePhase[] = [
  'Progressing',
  'WaitingPromotion',
  'Succeeded',
  'Failed',
];
const ALL_PHASES: ReleasePhase[] = ['NotInitialised', ...ROLLOUT_PHASES];

/**
 * The number of rollouts in each phase, each a toggle that filters the table by its phase.
 */
export function PhaseCounts(props: {
  counts: ReadonlyMap<ReleasePhase, number>;
  selected?: ReleasePhase;
  onSelect: (phase: ReleasePhase | undefined) => void;
}) {
  const { counts, selected, onSelect } = props;
  const shown = ALL_PHASES.filter(
    phase =>
      HEADLINE_PHASES.includes(phase) ||
      (counts.get(phase) ?? 0) > 0 ||
      phase === selected,
  );
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {shown.map(phase => {
        const active = phase === selected;
        return (
          <Button
            key={phase}
            data-testid={`phase-count-${phase}`}
            aria-pressed={active}
            variant={active ? 'contained' : 'outlined'}
            color={active ? 'primary' : 'default'}
            style={{ textTransform: 'none' }}
            onClick={() => onSelect(active ? undefined : phase)}
          >
            <Box display="flex" flexDirection="column" alignItems="center">
              <Typography variant="h5" component="span">
                {counts.get(phase) ?? 0}
              </Typography>
              <Typography variant="caption" component="span">
                {phaseLabel(phase)}
              </Typography>
            </Box>
          </Button>
        );
      })}
    </Box>
  );
}
