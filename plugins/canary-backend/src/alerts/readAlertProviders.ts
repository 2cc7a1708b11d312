import type { CanaryAlertProvider } from '@vane/plugin-canary-node';
import type { Config } from '@backstage/config';
import { CANARY_ALERT_SEVERITIES } from '@vane/plugin-canary-common';

/** The settings of one entry; Flagger's AlertProvider spec maps onto them (docs/flagger-fields.md). */
const SETTINGS = ['name', 'type', 'url', 'channel', 'username', 'severity'];

/**
 * Flagger's AlertProvider fields that have no setting here, with why and what to write instead:
 * an entry that carries one is refused rather than read without it.
 */
const FLAGGER_FIELDS: Record<string, string> = {
  address:
    'is the AlertProvider field of Flagger; here the webhook URL is url (url: ${SLACK_WEBHOOK_URL})',
  secretRef:
    'is not supported: the webhook URL is a credential of the backend, written as url from the environment (url: ${SLACK_WEBHOOK_URL}), not read from a Secret in the cluster',
  proxy:
    'is not supported yet: alerts are posted directly; remove it, or let the backend reach the provider',
};

/** Flagger's provider types Vane has no notifier for. */
const FLAGGER_TYPES: Record<string, string> = {
  rocket: 'Rocket.Chat',
  gchat: 'Google Chat',
};

/** The types whose message carries the entry's channel and username (those of modules may). */
const CHANNEL_TYPES = ['slack'];
const USERNAME_TYPES = ['slack', 'discord'];
const BUILT_IN_TYPES = ['slack', 'msteams', 'discord', 'generic'];

/**
 * `canary.alertProviders` from app-config. A mistake stops the backend at start with the entry
 * and the rule, rather than losing alerts later; so does a setting the provider would not use.
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
    for (const key of entry.keys()) {
      if (FLAGGER_FIELDS[key]) {
        throw new Error(`${where}.${key} ${FLAGGER_FIELDS[key]}`);
      }
      if (!SETTINGS.includes(key)) {
        throw new Error(
          `${where}.${key} is not a setting of an alert provider (settings: ${SETTINGS.join(
            ', ',
          )})`,
        );
      }
    }
    const name = entry.getString('name');
    if (seen.has(name)) {
      throw new Error(`${where}.name must be unique (got "${name}" twice)`);
    }
    seen.add(name);
    const type = entry.getString('type');
    if (!types.includes(type)) {
      const flagger = FLAGGER_TYPES[type]
        ? `: ${FLAGGER_TYPES[type]} is not supported yet; use generic with an endpoint of your own, or add a notifier module (createNotifierModule)`
        : '';
      throw new Error(
        `${where}.type must be one of ${types.join(
          ', ',
        )} (got "${type}")${flagger}`,
      );
    }
    for (const [setting, takers] of [
      ['channel', CHANNEL_TYPES],
      ['username', USERNAME_TYPES],
    ] as const) {
      if (
        entry.has(setting) &&
        BUILT_IN_TYPES.includes(type) &&
        !takers.includes(type)
      ) {
        throw new Error(
          `${where}.${setting} is not supported by type ${type}: its message has no ${setting} (${setting} is for ${takers.join(
            ' and ',
          )}); remove it`,
        );
      }
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
