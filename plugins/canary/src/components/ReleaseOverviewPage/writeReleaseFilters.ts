import { ALL_OWNERS, ReleaseFilters } from './readReleaseFilters';

/** The URL query of the overview's filters; the inverse of `readReleaseFilters`. */
export function writeReleaseFilters(filters: ReleaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.owner.kind === 'all') {
    params.append('owner', ALL_OWNERS);
  } else if (filters.owner.kind === 'owners') {
    filters.owner.owners.forEach(owner => params.append('owner', owner));
  }
  if (filters.phase) params.set('phase', filters.phase);
  if (filters.cluster) params.set('cluster', filters.cluster);
  return params;
}
