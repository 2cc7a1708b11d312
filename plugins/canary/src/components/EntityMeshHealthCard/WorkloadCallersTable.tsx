import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { MeshCaller, WorkloadCallers } from '@vane/plugin-canary-common';
import { formatMeasure } from './formatMeasure';

function CallerName(props: { caller: MeshCaller }) {
  const { caller } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 6 }}>
      <span>{caller.workload}</span>
      {caller.kind === 'gateway' && (
        <Chip
          size="small"
          variant="outlined"
          color="primary"
          label="entry point"
          title="An ingress gateway: the traffic entered the mesh here"
        />
      )}
      {caller.kind === 'unknown' && (
        <Typography variant="caption" color="textSecondary">
          (outside the mesh)
        </Typography>
      )}
    </Box>
  );
}

/**
 * A workload's inbound callers over the window, as Kiali's inbound traffic lists them: name,
 * namespace, rate, success rate and p99, busiest first, the ingress gateway marked as the entry
 * point; or, when there is none to list, why (no traffic, or a mesh that cannot name them).
 */
export function WorkloadCallersTable(props: {
  workload: string;
  callers: WorkloadCallers;
}) {
  const { workload, callers } = props;
  const label = `Callers of ${workload}`;
  return (
    <Box mt={1}>
      <Typography variant="caption" color="textSecondary" display="block">
        Callers
        {callers.telemetry ? ` (${callers.telemetry} telemetry)` : ''}
      </Typography>
      {callers.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {callers.reason ?? 'No caller reported.'}
        </Typography>
      ) : (
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Caller</TableCell>
              <TableCell>Namespace</TableCell>
              <TableCell align="right">Requests</TableCell>
              <TableCell align="right">Success</TableCell>
              <TableCell align="right">p99</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {callers.items.map(caller => (
              <TableRow
                key={`${caller.namespace}/${caller.workload}`}
                data-testid={`caller-${caller.namespace}-${caller.workload}`}
              >
                <TableCell>
                  <CallerName caller={caller} />
                </TableCell>
                <TableCell>{caller.namespace}</TableCell>
                <TableCell align="right">
                  {formatMeasure(caller.requestsPerSecond, 2, ' rps')}
                </TableCell>
                <TableCell align="right">
                  {formatMeasure(caller.successRate, 2, '%')}
                </TableCell>
                <TableCell align="right">
                  {formatMeasure(caller.latency.p99, 0, ' ms')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {callers.leftOut > 0 && (
        <Typography variant="caption" color="textSecondary">
          and {callers.leftOut} more{' '}
          {callers.leftOut === 1 ? 'caller' : 'callers'}, not listed (the{' '}
          {callers.limit} busiest are)
        </Typography>
      )}
    </Box>
  );
}
