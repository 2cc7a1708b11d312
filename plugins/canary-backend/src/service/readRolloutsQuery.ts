import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ARGO_ROLLOUT_PHASES,
  CANARY_PHASES,
  ROLLOUT_PHASES,
  RolloutPhase,
} from '@vane/plugin-canary-common';
import type { RolloutSelection } from '../readModel/selectRollouts';

/** The filters and page of `GET /rollouts`, checked. */
export interface RolloutsQuery extends RolloutSelection {
  /** Full entity refs of the owners (`group:default/team-x`); empty means any owner. */
  owners: string[];
}

const DEFAULT_LIMIT = 100;
// High enough for the release overview to hold a thousand rollouts and more in one answer.
const MAX_LIMIT = 2000;

/**
 * Reads `owner`, `phase`, `cluster` (each repeatable or comma-separated), `limit` and `offset`
 * from a query string; a bad value is a 400 that says what is accepted.
 */
export function readRolloutsQuery(
  query: Record<string, unknown>,
): RolloutsQuery {
  const owners = list(query.owner).map(owner => {
    try {
      return stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(
        `owner "${owner}" is not an entity reference like group:default/team-x (${
          (error as Error).message
        })`,
      );
    }
  });
  const phases = list(query.phase).map(phase => {
    const known = ROLLOUT_PHASES.find(
      p => p.toLowerCase() === phase.toLowerCase(),
    );
    if (!known) {
      throw new InputError(
        `phase "${phase}" is not a Canary phase; use one of ${CANARY_PHASES.join(
          ', ',
        )}, or an Argo Rollout's: ${ARGO_ROLLOUT_PHASES.join(', ')}`,
      );
    }
    return known as RolloutPhase;
  });
  return {
    owners,
    phases,
    clusters: list(query.cluster),
    limit: integer(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: integer(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v !== '');
}

function integer(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') {
    return fallback;
  }
  const number = Number(value);
  if (
    typeof value !== 'string' ||
    !Number.isInteger(number) ||
    number < min ||
    number > max
  ) {
    throw new InputError(
      `${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return number;
}
