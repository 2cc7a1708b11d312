import { parseEntityRef } from '@backstage/catalog-model';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';

/** Any of these annotations may link an entity to rollouts, whatever drives them. */
const LINKING_ANNOTATIONS = [
  CANARY_ANNOTATIONS.canary,
  CANARY_ANNOTATIONS.rollout,
  CANARY_ANNOTATIONS.kubernetesId,
  CANARY_ANNOTATIONS.kubernetesLabelSelector,
];

/**
 * The catalog filter for the entities whose rollouts `GET /rollouts` lists: those carrying a
 * linking annotation and, when owners are given, owned by one of them (by the `ownedBy`
 * relation, or by `spec.owner` as written, short or full). Asking the catalog for the linked
 * entities only keeps a team page from reading the whole catalog.
 */
export function rolloutEntitiesFilter(owners: string[]): EntityFilterQuery {
  const ownerFilters: Array<Record<string, string[]>> = owners.length
    ? [
        { 'relations.ownedBy': owners },
        {
          'spec.owner': owners.flatMap(owner => {
            const ref = parseEntityRef(owner);
            const short =
              ref.namespace === 'default' ? [`${ref.kind}:${ref.name}`] : [];
            return [
              owner,
              ...short,
              ...(ref.kind === 'group' && ref.namespace === 'default'
                ? [ref.name]
                : []),
            ];
          }),
        },
      ]
    : [{}];
  return ownerFilters.flatMap(ownerFilter =>
    LINKING_ANNOTATIONS.map(annotation => ({
      ...ownerFilter,
      [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
    })),
  );
}
