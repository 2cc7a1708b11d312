import type { CanaryNotifier } from '@vane/plugin-canary-node';
import { discordNotifier } from './discordNotifier';
import { genericNotifier } from './genericNotifier';
import { msteamsNotifier } from './msteamsNotifier';
import { slackNotifier } from './slackNotifier';

/** Every alert provider type `canary.alertProviders` accepts, by type. */
export const NOTIFIERS: Readonly<
  Record<CanaryNotifier['type'], CanaryNotifier>
> = {
  slack: slackNotifier,
  msteams: msteamsNotifier,
  discord: discordNotifier,
  generic: genericNotifier,
};
