import { ConfigReader } from '@backstage/config';
import { readOwnerNotifications } from './readOwnerNotifications';

describe('readOwnerNotifications', () => {
  it('is on from warn by default, and follows the configuration', () => {
    expect(readOwnerNotifications(new ConfigReader({}))).toEqual({
      enabled: true,
      severity: 'warn',
    });
    expect(
      readOwnerNotifications(
        new ConfigReader({
          canary: { ownerNotifications: { enabled: false, severity: 'error' } },
        }),
      ),
    ).toEqual({ enabled: false, severity: 'error' });
  });

  it('refuses an unknown severity, naming the setting', () => {
    expect(() =>
      readOwnerNotifications(
        new ConfigReader({
          canary: { ownerNotifications: { severity: 'urgent' } },
        }),
      ),
    ).toThrow(
      'canary.ownerNotifications.severity must be one of info, warn, error (got "urgent")',
    );
  });
});
