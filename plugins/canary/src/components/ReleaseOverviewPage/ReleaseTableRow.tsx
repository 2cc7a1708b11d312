import { memo } from 'react';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { DateTime } from 'luxon';
import { CONTROLLER_NAMES } from '../RolloutRow/ControllerChip';
import { formatTimeInPhase } from '../RolloutRow/formatTimeInPhase';
import { PhaseChip } from '../RolloutRow/PhaseChip';
import { rolloutKey } from '../RolloutRow/rolloutKey';
import type { ReleaseRow } from './toReleaseRow';

// Short values stay on one line; the images, long by nature, take the width that is left.
const useStyles = makeStyles({
  row: { '& > td': { whiteSpace: 'nowrap' } },
  reason: { whiteSpace: 'normal', minWidth: 200, maxWidth: 320 },
  images: {
    '&&': { whiteSpace: 'normal' },
    wordBreak: 'break-all',
    minWidth: 160,
  },
});

function WeightAndStep({ row }: { row: ReleaseRow }) {
  return (
    <>
      {row.canaryWeight}%
      {row.progress && (
        <Typography variant="caption" display="block" color="textSecondary">
          {row.progress}
        </Typography>
      )}
    </>
  );
}

// The registry and path are the same on both sides of a release and take most of the width:
// the cell shows `name:tag`, its tooltip the full references.
const shortImages = (images: string) =>
  images
    .split(', ')
    .map(image => image.slice(image.lastIndexOf('/') + 1))
    .join(', ');

function Images({ row }: { row: ReleaseRow }) {
  if (!row.imagesFrom || row.imagesFrom === row.imagesTo) {
    return (
      <span title={row.imagesTo}>{shortImages(row.imagesTo) || 'none'}</span>
    );
  }
  return (
    <span title={`${row.imagesFrom} → ${row.imagesTo}`}>
      {shortImages(row.imagesFrom)} → {shortImages(row.imagesTo)}
    </span>
  );
}

/**
 * One rollout of the release table, linking to its entity's Rollouts tab. Memoised: a stream
 * update re-renders only the rows whose values changed (see reuseUnchangedRows).
 */
export const ReleaseTableRow = memo(function ReleaseTableRowContent(props: {
  row: ReleaseRow;
  /** The time durations are measured to. */
  now: DateTime;
}) {
  const { row, now } = props;
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const rolloutsTab = `${entityLink(row.entityRef)}/rollouts`;
  return (
    <TableRow
      hover
      className={classes.row}
      data-testid={`release-row-${rolloutKey(row)}`}
    >
      <TableCell>
        <Link to={rolloutsTab}>{row.entityTitle}</Link>
      </TableCell>
      <TableCell>
        <Link to={rolloutsTab}>
          {row.namespace}/{row.name}
        </Link>
      </TableCell>
      <TableCell>{row.cluster}</TableCell>
      <TableCell data-testid="release-controller">
        {CONTROLLER_NAMES[row.controller]}
      </TableCell>
      <TableCell>
        <PhaseChip
          phase={row.phase === 'NotInitialised' ? undefined : row.phase}
        />
        {(row.phase === 'Failed' || row.phase === 'Degraded') && row.reason && (
          <Typography variant="body2" color="error" className={classes.reason}>
            {row.reason}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <WeightAndStep row={row} />
      </TableCell>
      <TableCell>
        {row.failedChecks === undefined ? (
          '—'
        ) : (
          <>
            {row.failedChecks}
            {row.threshold !== undefined && ` of ${row.threshold}`}
          </>
        )}
      </TableCell>
      <TableCell title={row.phaseSince}>
        {row.phaseSince ? formatTimeInPhase(row.phaseSince, now) : 'unknown'}
      </TableCell>
      <TableCell className={classes.images}>
        <Images row={row} />
      </TableCell>
    </TableRow>
  );
});
