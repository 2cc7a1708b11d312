import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import type { DeploymentChoice } from './DeploymentChoice';
import { fetchEntityWorkloads } from './fetchEntityWorkloads';

/**
 * Options of the field: which form field holds the entity whose Deployments to list.
 *
 * @public
 */
export interface CanaryDeploymentPickerUiOptions {
  /** Name of the form field with the entity ref (e.g. an OwnedEntityPicker); `entity` by default. */
  entityRefField?: string;
}

const keyOf = (d: { cluster: string; namespace: string; name: string }) =>
  `${d.cluster}/${d.namespace}/${d.name}`;

/**
 * Scaffolder field that lists the Deployments of the entity chosen earlier in the form, per
 * cluster, from the canary backend, and returns the one picked with its port and the provider
 * its cluster's mesh discovery suggests.
 *
 * @public
 */
export const CanaryDeploymentPicker = (
  props: FieldExtensionComponentProps<
    DeploymentChoice,
    CanaryDeploymentPickerUiOptions
  >,
) => {
  const {
    onChange,
    formData,
    formContext,
    uiSchema,
    rawErrors,
    required,
    schema,
    idSchema,
  } = props;
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const entityField = uiSchema?.['ui:options']?.entityRefField ?? 'entity';
  const entityRef: string | undefined = (formContext as any)?.formData?.[
    entityField
  ];
  const workloads = useAsync(
    async () =>
      entityRef
        ? fetchEntityWorkloads({ discoveryApi, fetchApi }, entityRef)
        : undefined,
    [entityRef, discoveryApi, fetchApi],
  );
  const label = schema.title ?? 'Deployment';
  const items = workloads.value?.items ?? [];

  let helper: string = schema.description ?? '';
  if (!entityRef) {
    helper = `Choose the service first (field ${entityField})`;
  } else if (workloads.error) {
    helper = `Could not list the Deployments of ${entityRef}: ${workloads.error.message}`;
  } else if (workloads.value && items.length === 0) {
    helper = `${entityRef} has no Deployments in any cluster${
      workloads.value.errors.length
        ? `: ${workloads.value.errors.map(e => e.message).join('; ')}`
        : ''
    }`;
  }

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={!!rawErrors?.length || !!workloads.error}
    >
      <TextField
        id={idSchema?.$id ?? 'canary-deployment-picker'}
        select
        label={label}
        required={required}
        value={formData ? keyOf(formData) : ''}
        disabled={!entityRef || workloads.loading || items.length === 0}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={event => {
          const picked = items.find(item => keyOf(item) === event.target.value);
          onChange(
            picked
              ? {
                  cluster: picked.cluster,
                  namespace: picked.namespace,
                  name: picked.name,
                  port: picked.ports[0],
                  ...(picked.defaultProvider
                    ? { defaultProvider: picked.defaultProvider }
                    : {}),
                  ...(picked.canary ? { canary: picked.canary } : {}),
                }
              : undefined,
          );
        }}
      >
        <option value="" disabled>
          {workloads.loading ? 'Loading Deployments…' : 'Choose a Deployment'}
        </option>
        {items.map(item => (
          <option key={keyOf(item)} value={keyOf(item)}>
            {`${item.namespace}/${item.name} in cluster ${item.cluster}${
              item.defaultProvider ? ` (mesh: ${item.defaultProvider})` : ''
            }${item.canary ? `, released by Canary ${item.canary}` : ''}`}
          </option>
        ))}
      </TextField>
      {workloads.loading && <LinearProgress />}
      {helper && <FormHelperText>{helper}</FormHelperText>}
    </FormControl>
  );
};
