import {
  StatusError,
  StatusOK,
  StatusRunning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type { RolloutHistoryEntry } from '@vane/plugin-canary-common';
import { DateTime } from 'luxon';

const when = (iso?: string) =>
  iso ? DateTime.fromISO(iso).toFormat('LLL d, HH:mm:ss') : '—';

/** The end, without the date again when the rollout ended on the day it started. */
const endOf = (entry: RolloutHistoryEntry) => {
  if (!entry.endedAt) return '—';
  const start = DateTime.fromISO(entry.startedAt);
  const end = DateTime.fromISO(entry.endedAt);
  return start.hasSame(end, 'day')
    ? end.toFormat('HH:mm:ss')
    : when(entry.endedAt);
};

const nowrap = { whiteSpace: 'nowrap' } as const;

/** `podinfo:6.1.0` for `ghcr.io/stefanprodan/podinfo:6.1.0`: the registry is the same every time. */
const shortImage = (image: string) => image.split('/').pop() ?? image;

const columns: TableColumn<RolloutHistoryEntry>[] = [
  {
    title: 'Revision',
    field: 'revision',
    render: entry => (
      <code title={entry.revision}>{entry.revision.slice(0, 10)}</code>
    ),
  },
  {
    title: 'Images',
    render: entry =>
      entry.images.canary.length === 0
        ? '—'
        : entry.images.canary.map(i => (
            <div key={i.container} title={i.image}>
              {shortImage(i.image)}
            </div>
          )),
  },
  {
    title: 'Start',
    field: 'startedAt',
    cellStyle: nowrap,
    render: entry => when(entry.startedAt),
  },
  {
    title: 'End',
    field: 'endedAt',
    cellStyle: nowrap,
    render: endOf,
  },
  {
    title: 'Result',
    field: 'result',
    cellStyle: nowrap,
    render: entry => {
      if (entry.result === 'Succeeded') return <StatusOK>Succeeded</StatusOK>;
      if (entry.result === 'Failed') return <StatusError>Failed</StatusError>;
      return <StatusRunning>{entry.result}</StatusRunning>;
    },
  },
  {
    title: 'Weight reached',
    field: 'weightReached',
    type: 'numeric',
    // A rollout under way has reached this much so far; an ended one, in all.
    render: entry =>
      entry.result === 'Progressing'
        ? `${entry.weightReached}% so far`
        : `${entry.weightReached}%`,
  },
  {
    title: 'Reason',
    field: 'reason',
    cellStyle: { minWidth: 200 },
    render: entry => entry.reason ?? '—',
  },
  {
    title: 'Who acted',
    render: entry =>
      entry.actions.length === 0
        ? '—'
        : entry.actions.map(a => `${a.action} by ${a.user}`).join(', '),
  },
];

/**
 * Past rollouts of a Canary from the backend's history, newest first; a click on one shows its
 * analysis (`onSelect`).
 */
export function RolloutHistoryTable(props: {
  entries: RolloutHistoryEntry[];
  selectedId?: number;
  onSelect: (entry: RolloutHistoryEntry) => void;
}) {
  const { entries, selectedId, onSelect } = props;
  return (
    <Table<RolloutHistoryEntry>
      title="History"
      columns={columns}
      data={entries}
      onRowClick={(_event, entry) => entry && onSelect(entry)}
      options={{
        paging: entries.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        rowStyle: entry =>
          entry.id === selectedId
            ? { backgroundColor: 'rgba(0,0,0,0.08)' }
            : {},
      }}
      emptyContent={
        <div style={{ padding: 16 }}>No finished rollout recorded yet.</div>
      }
    />
  );
}
