import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CanaryLinks } from '../CanaryLinks/CanaryLinks';

/** The rollouts of the current entity, for its overview page. */
export function EntityCanaryCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Rollouts">
      <CanaryLinks entity={entity} />
    </InfoCard>
  );
}
