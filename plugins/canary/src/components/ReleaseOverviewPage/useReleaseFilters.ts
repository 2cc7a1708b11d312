import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { readReleaseFilters, ReleaseFilters } from './readReleaseFilters';
import { writeReleaseFilters } from './writeReleaseFilters';

/** The overview's filters, read from and written to the URL's query. */
export function useReleaseFilters(): [
  ReleaseFilters,
  (change: Partial<ReleaseFilters>) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readReleaseFilters(params), [params]);
  const setFilters = useCallback(
    (change: Partial<ReleaseFilters>) =>
      // Replace rather than push: each click of a filter is not a page of its own in the history.
      setParams(writeReleaseFilters({ ...filters, ...change }), {
        replace: true,
      }),
    [filters, setParams],
  );
  return [filters, setFilters];
}
