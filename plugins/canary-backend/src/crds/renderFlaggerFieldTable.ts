import {
  FLAGGER_FIELD_REFUSALS,
  FLAGGER_METRIC_TEMPLATE_REFUSALS,
} from '@vane/plugin-canary-common';
import { FLAGGER_FIELDS, FlaggerFieldRow } from './FLAGGER_FIELDS';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The path a refusal's message follows: its key without the `=value` or `+field` it is for. */
const refusedPath = (key: string) => key.replace(/[=+].*$/, '');

function behaviourOf(row: FlaggerFieldRow): string {
  let refusal: string | undefined;
  if (row.refusal) {
    refusal = `${refusedPath(row.refusal)} ${
      FLAGGER_FIELD_REFUSALS[row.refusal]
    }`;
  } else if (row.metricTemplateRefusal) {
    refusal = `${row.metricTemplateRefusal} ${
      FLAGGER_METRIC_TEMPLATE_REFUSALS[row.metricTemplateRefusal]
    }`;
  }
  const refused = refusal ? `Refused: \`${refusal}\`` : '';
  return [row.behaviour, refused].filter(Boolean).join(' ');
}

function testsOf(row: FlaggerFieldRow): string {
  return row.tests
    .map(
      test =>
        `[${test.file.split('/').pop()}](../../../${
          test.file
        }) "${test.name.replace(/^'(.*)'$/, '$1')}"`,
    )
    .join('<br>');
}

function fieldOf(row: FlaggerFieldRow): string {
  return `\`${row.field}\`${row.subtree ? ' and below' : ''}`;
}

function table(rows: FlaggerFieldRow[], alertProvider = false): string {
  const header = alertProvider
    ? '| Flagger field | `canary.alertProviders[]` | Vane | Behaviour | Proved by |\n|---|---|---|---|---|'
    : '| Field | Vane | Behaviour | Proved by |\n|---|---|---|---|';
  const lines = rows.map(row =>
    [
      '',
      row.field === '(none)' ? '(none)' : fieldOf(row),
      ...(alertProvider
        ? [row.config?.startsWith('(') ? row.config : `\`${row.config}\``]
        : []),
      row.verdict,
      cell(behaviourOf(row)),
      testsOf(row) || '(nothing to prove)',
      '',
    ]
      .join(' | ')
      .trim(),
  );
  return `${header}\n${lines.join('\n')}\n`;
}

/**
 * docs/flagger-fields.md: what Vane does with every field of Flagger's v1beta1 Canary,
 * MetricTemplate and AlertProvider, rendered from FLAGGER_FIELDS and the refusals' own messages.
 */
export function renderFlaggerFieldTable(): string {
  const of = (kind: FlaggerFieldRow['kind']) =>
    FLAGGER_FIELDS.filter(row => row.kind === kind);
  return `<!-- Generated from src/crds/FLAGGER_FIELDS.ts by \`yarn workspace @vane/plugin-canary-backend generate:crds\`. Do not edit. -->

# Flagger's fields in Vane

Every field of Flagger's v1beta1 \`Canary\`, \`MetricTemplate\` and \`AlertProvider\`, what Vane does
with it, and the test that proves it. A Flagger Canary ports by changing its \`apiVersion\` to
\`delivery.vane.dev/v1alpha1\` when it uses no field marked \`refused\` or \`not yet\` (nor a
value or mesh refused in a \`by value\` or \`by mesh\` row); a Canary that does gets a
\`Valid=False\` condition naming the field, why, and what to use instead, and nothing is created
for it. The API server keeps every one of these fields (Vane's CRD carries them all), so none is
pruned in silence; a field Flagger does not have either is pruned, as Kubernetes does.

| Vane | meaning |
|---|---|
| as in Flagger | what Flagger does, on every mesh Vane supports (istio, consul, gatewayapi, smi, gloo, traefik, appmesh, kuma, kubernetes) |
| by mesh | what Flagger does on the meshes that can carry it; refused by name on the others, before anything is created |
| by value | what Flagger does for the values the row names; the others refused by name |
| Vane | Vane's own field or form |
| refused | refused by name: Vane does not intend to support it |
| not yet | refused by name until its behaviour is built |
| written / not written | a status field the engine writes, or one of Flagger's it does not |

## Canary

${table(of('Canary'))}
## MetricTemplate

${table(of('MetricTemplate'))}
## AlertProvider

Vane has no AlertProvider resource: alert providers are \`canary.alertProviders\` entries in
app-config, so that their webhook URLs (credentials) stay in the backend. A setting Vane does not
read stops the backend at start, naming the entry.

${table(of('AlertProvider'), true)}`;
}
