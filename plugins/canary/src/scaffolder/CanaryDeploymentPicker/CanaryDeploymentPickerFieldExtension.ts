import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { canaryPlugin } from '../../plugin';
import { CanaryDeploymentPicker } from './CanaryDeploymentPicker';
import { validateDeploymentChoice } from './validateDeploymentChoice';

/**
 * The CanaryDeploymentPicker field for apps on the legacy frontend system: add it inside
 * `<ScaffolderFieldExtensions>` of the app's /create route.
 *
 * @public
 */
export const CanaryDeploymentPickerFieldExtension = canaryPlugin.provide(
  createScaffolderFieldExtension({
    name: 'CanaryDeploymentPicker',
    component: CanaryDeploymentPicker,
    validation: validateDeploymentChoice,
  }),
);
