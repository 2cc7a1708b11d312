import type { CanaryAlertProvider } from '@vane/plugin-canary-node';
import type { Config } from '@backstage/config';
import { CANARY_ALERT_SEVERITIES } from '@vane/plugin-canary-common';

/**
 * `canary.alertProviders` from app-config. A mistake stops the backend at start with the entry
 * and the rule, rather than losing alerts later.
 */
export function readAlertProviders(
  config: Config,
  /** The notifier types the plugin knows (NotifierRegistry.types()). */
  types: readonly string[],
): CanaryAlertProvider[] {
  const entries = config.getOptionalConfigArray('canary.alertProviders') ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const where = `canary.alertProviders[${index}]`;
    const name = entry.getString('name');
    if (seen.has(name)) {
      throw new Error(`${where}.name must be unique (got "${name}" twice)`);
    }
    seen.add(name);
    const type = entry.getString('type');
    if (!types.includes(type)) {
      throw new Error(
        `${where}.type must be one of ${types.join(', ')} (got "${type}")`,
      );
    }
    const url = entry.getString('url');
    if (!/^https?:\/\/\S+$/.test(url)) {
      throw new Error(`${where}.url must be an http or https URL`);
    }
    const severity = entry.getOptionalString('severity');
    if (
      severity !== undefined &&
      !(CANARY_ALERT_SEVERITIES as readonly string[]).includes(severity)
    ) {
      throw new Error(
        `${where}.severity must be one of ${CANARY_ALERT_SEVERITIES.join(
          ', ',
        )} (got "${severity}")`,
      );
    }
    return {
      name,
      type: type as CanaryAlertProvider['type'],
      url,
      ...(entry.getOptionalString('channel')
        ? { channel: entry.getString('channel') }
        : {}),
      ...(entry.getOptionalString('username')
        ? { username: entry.getString('username') }
        : {}),
      ...(severity
        ? { severity: severity as CanaryAlertProvider['severity'] }
        : {}),
    };
  });
}
