import type { Lab } from '@vane/mesh-lab';
import https from 'node:https';

/** Reads a lab's API server as its admin (the benchmark's own checks, not the portal's). */
export class LabAdmin {
  constructor(private readonly lab: Lab) {}

  get<T = any>(path: string): Promise<T> {
    const url = new URL(path, this.lab.apiserverUrl);
    return new Promise((resolve, reject) => {
      const request = https.get(
        url,
        {
          ca: this.lab.caData,
          headers: {
            Authorization: `Bearer ${this.lab.adminToken}`,
            Accept: 'application/json',
          },
        },
        response => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', chunk => (text += chunk));
          response.on('end', () => {
            if (response.statusCode === 200) {
              resolve(JSON.parse(text));
            } else {
              reject(
                new Error(
                  `GET ${path} on ${this.lab.apiserverUrl} answered ${response.statusCode}: ${text}`,
                ),
              );
            }
          });
        },
      );
      request.on('error', reject);
    });
  }

  /** The token of a ServiceAccount, from the Secret the tokens controller made for it. */
  async serviceAccountToken(
    namespace: string,
    name: string,
  ): Promise<string | undefined> {
    const secrets = await this.get(`/api/v1/namespaces/${namespace}/secrets`);
    const secret = secrets.items.find(
      (s: any) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata.annotations?.['kubernetes.io/service-account.name'] ===
          name &&
        s.data?.token,
    );
    return secret
      ? Buffer.from(secret.data.token, 'base64').toString('utf8')
      : undefined;
  }

  /** How many Canaries of the lab are in each phase ("none" before the engine's first status). */
  async canaryPhases(): Promise<Record<string, number>> {
    const list = await this.get('/apis/delivery.vane.dev/v1alpha1/canaries');
    const phases: Record<string, number> = {};
    for (const canary of list.items) {
      const phase = canary.status?.phase ?? 'none';
      phases[phase] = (phases[phase] ?? 0) + 1;
    }
    return phases;
  }
}
