import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs`, so durations on screen keep ticking. */
export function useNow(intervalMs = 1000): DateTime {
  const [now, setNow] = useState(() => DateTime.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(DateTime.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
