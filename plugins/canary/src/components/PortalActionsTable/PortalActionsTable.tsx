import { Table, TableColumn } from '@backstage/core-components';
import type { RolloutControllerAction } from '@vane/plugin-canary-common';
import { DateTime } from 'luxon';

const columns: TableColumn<RolloutControllerAction>[] = [
  {
    title: 'When',
    field: 'at',
    cellStyle: { whiteSpace: 'nowrap' },
    render: action => (
      <span title={action.at}>
        {DateTime.fromISO(action.at).toFormat('LLL d, HH:mm:ss')}
      </span>
    ),
  },
  { title: 'Action', field: 'action' },
  { title: 'Who', field: 'user' },
  { title: 'What was done', field: 'message' },
];

/**
 * The operator actions taken in the portal on a rollout another controller drives, newest first:
 * Vane keeps no rollout history for those, only what its users did to them.
 */
export function PortalActionsTable(props: {
  actions: RolloutControllerAction[];
}) {
  return (
    <Table<RolloutControllerAction>
      title="Actions in the portal"
      columns={columns}
      data={props.actions}
      options={{
        paging: props.actions.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      emptyContent={
        <div style={{ padding: 16 }}>No action taken in the portal yet.</div>
      }
    />
  );
}
