import { mockServices } from '@backstage/backend-test-utils';
import { AlertSender } from './AlertSender';
import { failedRolloutAlert } from './__testUtils__/failedRolloutAlert';
import { startAlertReceiver } from './__testUtils__/startAlertReceiver';

const alert = failedRolloutAlert;

describe('AlertSender', () => {
  it("posts to every provider that wants the alert, logs a provider's failure without its URL, and reports unknown provider names", async () => {
    const hooks = await startAlertReceiver({ '/broken': 500 });
    const logger = mockServices.logger.mock();
    try {
      const sender = new AlertSender({
        providers: [
          { name: 'ok', type: 'generic', url: `${hooks.url}/ok` },
          {
            name: 'broken',
            type: 'generic',
            url: `${hooks.url}/broken`,
            severity: 'error',
          },
          { name: 'quiet', type: 'generic', url: `${hooks.url}/quiet` },
        ],
        logger,
      });
      await sender.send(alert, [
        { name: 'team', severity: 'info', providerRef: { name: 'ok' } },
        { name: 'typo', severity: 'info', providerRef: { name: 'okay' } },
      ]);
      expect(hooks.received.map(r => r.path).sort()).toEqual([
        '/broken',
        '/ok',
      ]);
      expect(hooks.received[0].body).toEqual(alert);
      const warnings = logger.warn.mock.calls.map(call => String(call[0]));
      expect(warnings).toEqual(
        expect.arrayContaining([
          'Canary test/podinfo: analysis.alerts names alert provider "okay", which is not in canary.alertProviders; its alerts go nowhere',
          'Could not deliver the error alert about test/podinfo to alert provider broken (generic): HTTP 500',
        ]),
      );
      expect(warnings.join('\n')).not.toContain(hooks.url);
    } finally {
      await hooks.close();
    }
  });
});
