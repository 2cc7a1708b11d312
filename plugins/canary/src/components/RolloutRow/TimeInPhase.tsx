import { useNow } from '../../hooks/useNow';
import { formatTimeInPhase } from './formatTimeInPhase';

/** "Progressing for 3m 12s", ticking every second. */
export function TimeInPhase(props: { phase?: string; since: string }) {
  const now = useNow();
  return (
    <span title={props.since}>
      {props.phase ?? 'Not initialised'} for{' '}
      {formatTimeInPhase(props.since, now)}
    </span>
  );
}
