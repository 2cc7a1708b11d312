import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { LiveEntityRollouts } from '../LiveEntityRollouts/LiveEntityRollouts';

/** The rollouts of the current entity, live, for its overview page. */
export function EntityCanaryCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Rollouts">
      <LiveEntityRollouts entity={entity} />
    </InfoCard>
  );
}
