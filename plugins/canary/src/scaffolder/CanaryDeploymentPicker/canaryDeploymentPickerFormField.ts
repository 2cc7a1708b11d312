import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { CanaryDeploymentPicker } from './CanaryDeploymentPicker';
import { validateDeploymentChoice } from './validateDeploymentChoice';

/** The CanaryDeploymentPicker field for the new frontend system (FormFieldBlueprint). */
export const canaryDeploymentPickerFormField = createFormField({
  name: 'CanaryDeploymentPicker',
  component: CanaryDeploymentPicker,
  validation: validateDeploymentChoice,
});
