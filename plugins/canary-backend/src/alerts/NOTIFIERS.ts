import { discordNotifier } from './discordNotifier';
import { genericNotifier } from './genericNotifier';
import { msteamsNotifier } from './msteamsNotifier';
import type { Notifier } from './Notifier';
import { slackNotifier } from './slackNotifier';

/** Every alert provider type `canary.alertProviders` accepts, by type. */
export const NOTIFIERS: Readonly<Record<Notifier['type'], Notifier>> = {
  slack: slackNotifier,
  msteams: msteamsNotifier,
  discord: discordNotifier,
  generic: genericNotifier,
};
