import {
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type { CanaryRolloutEvent } from '@vane/plugin-canary-common';
import { DateTime } from 'luxon';

const columns: TableColumn<CanaryRolloutEvent>[] = [
  {
    title: 'Type',
    field: 'type',
    width: '10%',
    cellStyle: { whiteSpace: 'nowrap' },
    render: event =>
      event.type === 'Warning' ? (
        <StatusWarning>Warning</StatusWarning>
      ) : (
        <StatusOK>Normal</StatusOK>
      ),
  },
  { title: 'Reason', field: 'reason', width: '15%' },
  { title: 'Message', field: 'message' },
  { title: 'Count', field: 'count', type: 'numeric', width: '5%' },
  {
    title: 'Time',
    field: 'time',
    width: '15%',
    cellStyle: { whiteSpace: 'nowrap' },
    render: event => (
      <span title={event.time}>
        {DateTime.fromISO(event.time).toRelative() ?? event.time}
      </span>
    ),
  },
];

/** The Kubernetes Events the engine recorded on a Canary, newest first. */
export function RolloutEventsTable(props: { events: CanaryRolloutEvent[] }) {
  return (
    <Table<CanaryRolloutEvent>
      title="Events"
      columns={columns}
      data={props.events}
      options={{
        paging: props.events.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      emptyContent={<div style={{ padding: 16 }}>No events recorded yet.</div>}
    />
  );
}
