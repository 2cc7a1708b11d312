import type { CanaryNotifier } from '@vane/plugin-canary-node';
import { NOTIFIERS } from './NOTIFIERS';

/** The notifiers the canary plugin knows: the built-in ones and those modules added. */
export class NotifierRegistry {
  private readonly byType = new Map<string, CanaryNotifier>();

  constructor(builtins: readonly CanaryNotifier[] = Object.values(NOTIFIERS)) {
    builtins.forEach(notifier => this.add(notifier));
  }

  add(notifier: CanaryNotifier): void {
    if (this.byType.has(notifier.type)) {
      throw new Error(
        `A notifier for alert provider type "${notifier.type}" is already registered`,
      );
    }
    this.byType.set(notifier.type, notifier);
  }

  get(type: string): CanaryNotifier | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
