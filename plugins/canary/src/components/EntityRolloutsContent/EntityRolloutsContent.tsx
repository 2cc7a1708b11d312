import { Content, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CanaryLinks } from '../CanaryLinks/CanaryLinks';

/** The Rollouts tab of an entity: step timelines, analysis charts, events and history. */
export function EntityRolloutsContent() {
  const { entity } = useEntity();
  return (
    <Content>
      <InfoCard title={`Rollouts of ${entity.metadata.name}`}>
        <CanaryLinks entity={entity} />
      </InfoCard>
    </Content>
  );
}
