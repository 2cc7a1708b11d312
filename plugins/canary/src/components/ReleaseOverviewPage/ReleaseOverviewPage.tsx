import { useCallback, useMemo, useState } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { ROLLOUT_PHASES } from '@vane/plugin-canary-common';
import { useNow } from '../../hooks/useNow';
import { ClusterErrorsPanel } from './ClusterErrorsPanel';
import { countByPhase } from './countByPhase';
import { FilterSelect } from './FilterSelect';
import { LiveIndicator, LiveState } from './LiveIndicator';
import { OwnerPicker } from './OwnerPicker';
import { PhaseCounts } from './PhaseCounts';
import { phaseLabel } from './phaseLabel';
import type { OwnerSelection, ReleaseFilters } from './readReleaseFilters';
import { ReleaseTable } from './ReleaseTable';
import { ReleaseSort, sortReleaseRows } from './sortReleaseRows';
import type { ReleasePhase, ReleaseRow } from './toReleaseRow';
import { useLiveReleases } from './useLiveReleases';
import { useReleaseFilters } from './useReleaseFilters';
import { useReleaseRows } from './useReleaseRows';
import { useSignedInTeams } from './useSignedInTeams';

const PHASE_OPTIONS = (
  ['NotInitialised', ...ROLLOUT_PHASES] as ReleasePhase[]
).map(phase => ({ value: phase, label: phaseLabel(phase) }));

/** The owner refs to ask the backend for; undefined while the user's teams are not known. */
function ownersToQuery(
  selection: OwnerSelection,
  teams: string[] | undefined,
): string[] | undefined {
  if (selection.kind === 'all') return [];
  if (selection.kind === 'owners') return selection.owners;
  return teams;
}

function emptyMessage(filters: ReleaseFilters, total: number): string {
  if (total > 0) {
    return 'No rollout matches these filters.';
  }
  return filters.owner.kind === 'all'
    ? 'No entity in the catalog has a Canary yet.'
    : 'These owners have no Canary yet: pick other owners, or all owners.';
}

/**
 * Every rollout of the signed-in user's teams (or of the owners picked), live: counts by phase,
 * then a sortable table filtered by phase and cluster, each row leading to its entity's Rollouts
 * tab. The owner choice is sent to the backend; phase and cluster filter in the browser so the
 * counts of the other phases stay in view.
 */
export function ReleaseOverviewPage() {
  const [filters, setFilters] = useReleaseFilters();
  const { teams, error: identityError } = useSignedInTeams();
  const owners = useMemo(
    () => ownersToQuery(filters.owner, teams),
    [filters.owner, teams],
  );
  const live = useLiveReleases(owners);
  const changeOwner = useCallback(
    (owner: OwnerSelection) => setFilters({ owner }),
    [setFilters],
  );
  const rows = useReleaseRows(live.value?.items);
  const [sort, setSort] = useState<ReleaseSort>({
    column: 'entity',
    direction: 'asc',
  });
  // Durations in the table tick at a pace a person reads them, not every second.
  const now = useNow(30_000);

  const clusters = useMemo(() => {
    const names = new Set(rows.map(row => row.cluster));
    live.value?.errors.forEach(
      error => error.cluster && names.add(error.cluster),
    );
    if (filters.cluster) names.add(filters.cluster);
    return [...names].sort().map(name => ({ value: name, label: name }));
  }, [rows, live.value?.errors, filters.cluster]);

  const inCluster = useMemo(
    () =>
      filters.cluster
        ? rows.filter(row => row.cluster === filters.cluster)
        : rows,
    [rows, filters.cluster],
  );
  const counts = useMemo(() => countByPhase(inCluster), [inCluster]);
  const visible = useMemo<ReleaseRow[]>(
    () =>
      sortReleaseRows(
        filters.phase
          ? inCluster.filter(row => row.phase === filters.phase)
          : inCluster,
        sort,
      ),
    [inCluster, filters.phase, sort],
  );

  let liveState: LiveState = 'live';
  if (!live.value) liveState = 'connecting';
  else if (live.error) liveState = 'disconnected';

  let body: JSX.Element;
  if (identityError) {
    body = <ResponseErrorPanel error={identityError} />;
  } else if (live.value) {
    const { totalCount, items, errors } = live.value;
    body = (
      <>
        <ClusterErrorsPanel errors={errors} />
        {totalCount > items.length && (
          <Box mb={2}>
            <Alert severity="info">
              Showing {items.length} of {totalCount} rollouts: pick fewer owners
              to see them all.
            </Alert>
          </Box>
        )}
        <ReleaseTable
          // A new filter or order starts again at the first page.
          key={`${filters.phase}/${filters.cluster}/${owners}/${sort.column}/${sort.direction}`}
          rows={visible}
          sort={sort}
          onSortChange={setSort}
          now={now}
          emptyMessage={emptyMessage(filters, rows.length)}
        />
      </>
    );
  } else if (live.error) {
    body = <ResponseErrorPanel error={live.error} />;
  } else {
    body = <Progress />;
  }

  return (
    <Page themeId="tool">
      <Header
        title="Releases"
        subtitle="Progressive delivery across your teams' services"
      />
      <Content>
        <Box
          display="flex"
          alignItems="flex-start"
          justifyContent="space-between"
          mb={2}
          style={{ gap: 16 }}
        >
          <PhaseCounts
            counts={counts}
            selected={filters.phase}
            onSelect={phase => setFilters({ phase })}
          />
          <LiveIndicator state={liveState} error={live.error} />
        </Box>
        <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
          <OwnerPicker
            selection={filters.owner}
            teams={teams}
            onChange={changeOwner}
          />
          <FilterSelect
            id="release-phase-filter"
            label="Phase"
            anyLabel="All phases"
            value={filters.phase}
            options={PHASE_OPTIONS}
            onChange={phase => setFilters({ phase: phase as ReleasePhase })}
          />
          <FilterSelect
            id="release-cluster-filter"
            label="Cluster"
            anyLabel="All clusters"
            value={filters.cluster}
            options={clusters}
            onChange={cluster => setFilters({ cluster })}
          />
        </Box>
        {body}
      </Content>
    </Page>
  );
}
