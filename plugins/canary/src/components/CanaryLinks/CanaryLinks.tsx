import { Entity } from '@backstage/catalog-model';
import { EmptyState, WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { CANARY_ANNOTATIONS } from '@vane/plugin-canary-common';
import { useLinkedCanaries } from './useLinkedCanaries';

/** Where the self-service template lives in the Scaffolder (examples/templates/). */
export const ENABLE_TEMPLATE_PATH =
  '/create/templates/default/enable-progressive-delivery';

/**
 * What the portal knows about an entity's rollouts before the engine reports: which Canaries or
 * workloads the entity is linked to, a template link when none, and the annotation error if any.
 */
export function CanaryLinks(props: { entity: Entity }) {
  const linked = useLinkedCanaries(props.entity);
  switch (linked.kind) {
    case 'invalid':
      return (
        <WarningPanel
          title="This entity's rollout annotation is invalid"
          message={linked.message}
        />
      );
    case 'none':
      return (
        <EmptyState
          missing="info"
          title="No progressive delivery yet"
          description={`Releases of ${props.entity.metadata.name} go out all at once. Enable canary releases from the self-service template, or add the ${CANARY_ANNOTATIONS.canary} annotation.`}
          action={
            <Button
              variant="contained"
              color="primary"
              href={ENABLE_TEMPLATE_PATH}
            >
              Enable progressive delivery
            </Button>
          }
        />
      );
    case 'workloads':
      return (
        <List dense aria-label="Linked workloads">
          <ListItem>
            <ListItemText
              primary={`Deployments matching ${linked.selector}${
                linked.namespace ? ` in ${linked.namespace}` : ''
              }`}
              secondary="No rollout reported for them yet"
            />
          </ListItem>
        </List>
      );
    default:
      return (
        <List dense aria-label="Linked canaries">
          {linked.canaries.map(ref => (
            <ListItem key={`${ref.namespace}/${ref.name}`}>
              <ListItemText
                primary={`${ref.namespace}/${ref.name}`}
                secondary="No rollout reported yet"
              />
            </ListItem>
          ))}
        </List>
      );
  }
}
