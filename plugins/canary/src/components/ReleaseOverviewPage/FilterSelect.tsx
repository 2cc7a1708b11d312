import TextField from '@material-ui/core/TextField';

/**
 * A labelled native select of the filter bar: native so it is a real `<select>` to the keyboard,
 * screen readers and browser tests alike. The empty value means "any".
 */
export function FilterSelect(props: {
  id: string;
  label: string;
  anyLabel: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, anyLabel, value, options, onChange } = props;
  return (
    <TextField
      id={id}
      select
      size="small"
      variant="outlined"
      label={label}
      value={value ?? ''}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      style={{ minWidth: 180 }}
      onChange={event => onChange(event.target.value || undefined)}
    >
      <option value="">{anyLabel}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
