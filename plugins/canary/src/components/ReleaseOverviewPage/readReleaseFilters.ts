import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ROLLOUT_PHASES } from '@vane/plugin-canary-common';
import type { ReleasePhase } from './toReleaseRow';

/**
 * Whose rollouts the overview shows: the signed-in user's teams (the default, no `owner` in the
 * URL), everyone's (`owner=all`), or the chosen owners (`owner=group:default/team-x`, repeated).
 */
export type OwnerSelection =
  | { kind: 'mine' }
  | { kind: 'all' }
  | { kind: 'owners'; owners: string[] };

/** The overview's filters, as kept in the page's URL so a link shows the same releases. */
export interface ReleaseFilters {
  owner: OwnerSelection;
  phase?: ReleasePhase;
  cluster?: string;
}

/** The `owner` value of the URL that means every owner. */
export const ALL_OWNERS = 'all';

const PHASES: ReleasePhase[] = [...ROLLOUT_PHASES, 'NotInitialised'];

function ownerRef(value: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Reads the filters from the URL's query. A value the page does not know (a misspelt phase, an
 * owner that is no entity reference) is dropped, so a stale link still opens a working page.
 */
export function readReleaseFilters(params: URLSearchParams): ReleaseFilters {
  const ownerValues = params.getAll('owner').filter(v => v !== '');
  let owner: OwnerSelection = { kind: 'mine' };
  if (ownerValues.includes(ALL_OWNERS)) {
    owner = { kind: 'all' };
  } else if (ownerValues.length > 0) {
    const owners = ownerValues
      .map(ownerRef)
      .filter((ref): ref is string => ref !== undefined);
    owner = owners.length ? { kind: 'owners', owners } : { kind: 'mine' };
  }
  const phaseValue = params.get('phase')?.toLowerCase();
  const phase = PHASES.find(p => p.toLowerCase() === phaseValue);
  const cluster = params.get('cluster') || undefined;
  return { owner, phase, cluster };
}
