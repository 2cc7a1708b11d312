import { useState } from 'react';
import type { DateTime } from 'luxon';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { ReleaseTableRow } from './ReleaseTableRow';
import type { ReleaseSort, ReleaseSortColumn } from './sortReleaseRows';
import type { ReleaseRow } from './toReleaseRow';

const COLUMNS: Array<{ column: ReleaseSortColumn; title: string }> = [
  { column: 'entity', title: 'Entity' },
  { column: 'rollout', title: 'Rollout' },
  { column: 'cluster', title: 'Cluster' },
  { column: 'controller', title: 'Controller' },
  { column: 'phase', title: 'Phase' },
  { column: 'weight', title: 'Weight / step' },
  { column: 'failedChecks', title: 'Failed checks' },
  { column: 'timeInPhase', title: 'Time in phase' },
  { column: 'images', title: 'Images' },
];

const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

/**
 * The release table: sorted rows (sorting and filtering happen before, memoised), one page at a
 * time so a thousand rollouts cost the browser fifty rows.
 */
export function ReleaseTable(props: {
  rows: readonly ReleaseRow[];
  sort: ReleaseSort;
  onSortChange: (sort: ReleaseSort) => void;
  now: DateTime;
  emptyMessage: string;
}) {
  const { rows, sort, onSortChange, now, emptyMessage } = props;
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(50);
  // Rows may leave under the current page (a filter, a stream update): stay on the last page.
  const lastPage = Math.max(0, Math.ceil(rows.length / rowsPerPage) - 1);
  const shownPage = Math.min(page, lastPage);
  const pageRows = rows.slice(
    shownPage * rowsPerPage,
    (shownPage + 1) * rowsPerPage,
  );

  const sortBy = (column: ReleaseSortColumn) =>
    onSortChange({
      column,
      direction:
        sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc',
    });

  return (
    <Paper>
      <TableContainer>
        <Table size="small" data-testid="release-overview-table">
          <TableHead>
            <TableRow>
              {COLUMNS.map(({ column, title }) => (
                <TableCell
                  key={column}
                  style={{ whiteSpace: 'nowrap' }}
                  sortDirection={
                    sort.column === column ? sort.direction : false
                  }
                >
                  <TableSortLabel
                    active={sort.column === column}
                    direction={sort.column === column ? sort.direction : 'asc'}
                    onClick={() => sortBy(column)}
                  >
                    {title}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {pageRows.map(row => (
              <ReleaseTableRow key={row.key} row={row} now={now} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {/* Outside the table body, so "the first row rendered" always means a rollout. */}
      {rows.length === 0 && (
        <Box p={2}>
          <Typography color="textSecondary">{emptyMessage}</Typography>
        </Box>
      )}
      <TablePagination
        component="div"
        count={rows.length}
        page={shownPage}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        onPageChange={(_event, next) => setPage(next)}
        onRowsPerPageChange={event => {
          setRowsPerPage(Number(event.target.value));
          setPage(0);
        }}
      />
    </Paper>
  );
}
