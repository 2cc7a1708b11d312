import { memo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { ALL_OWNERS, OwnerSelection } from './readReleaseFilters';

const ownerLabel = (ref: string) =>
  ref === ALL_OWNERS
    ? 'All owners'
    : humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });

/**
 * Picks whose rollouts to show: any of the catalog's groups, or all owners. Starts at the
 * signed-in user's teams; emptying it means all owners, as the backend reads an empty owner list.
 * Memoised: the page re-renders at every stream update, the picker need not.
 */
export const OwnerPicker = memo(function OwnerPickerContent(props: {
  selection: OwnerSelection;
  /** The signed-in user's teams, shown as the selection while it is "mine". */
  teams?: string[];
  onChange: (selection: OwnerSelection) => void;
}) {
  const { selection, teams, onChange } = props;
  const catalogApi = useApi(catalogApiRef);
  const { value: groups = [], loading } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.map(group => stringifyEntityRef(group)).sort();
  }, [catalogApi]);

  let value: string[] = [ALL_OWNERS];
  if (selection.kind === 'mine') value = teams ?? [];
  if (selection.kind === 'owners') value = selection.owners;

  // The selected owners stay pickable even when the catalog does not list them (yet).
  const options = [
    ALL_OWNERS,
    ...new Set([...groups, ...value.filter(ref => ref !== ALL_OWNERS)]),
  ];

  return (
    <Autocomplete
      multiple
      id="release-owner-filter"
      style={{ minWidth: 320 }}
      size="small"
      loading={loading}
      options={options}
      value={value}
      getOptionLabel={ownerLabel}
      filterSelectedOptions
      onChange={(_event, picked: string[]) => {
        const justPickedAll = picked[picked.length - 1] === ALL_OWNERS;
        const owners = picked.filter(ref => ref !== ALL_OWNERS);
        onChange(
          justPickedAll || owners.length === 0
            ? { kind: 'all' }
            : { kind: 'owners', owners },
        );
      }}
      renderInput={params => (
        <TextField {...params} label="Owner" variant="outlined" />
      )}
    />
  );
});
