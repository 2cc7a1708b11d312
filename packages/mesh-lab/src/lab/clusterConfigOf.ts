import type { LabClusterConfig } from './Lab';

/** The app-config `canary.clusters[]` entry for a lab (engine ServiceAccount token, lab CA). */
export function clusterConfigOf(
  lab: {
    apiserverUrl: string;
    token: string;
    caData: string;
    prometheusUrl: string;
    prometheusCaData?: string;
    prometheusBasicAuth?: { username: string; password: string };
  },
  name = 'lab',
): LabClusterConfig {
  return {
    name,
    url: lab.apiserverUrl,
    authProvider: 'serviceAccount',
    serviceAccountToken: lab.token,
    caData: Buffer.from(lab.caData).toString('base64'),
    prometheus: {
      url: lab.prometheusUrl,
      ...(lab.prometheusBasicAuth ? { basicAuth: lab.prometheusBasicAuth } : {}),
      ...(lab.prometheusCaData ? { caData: Buffer.from(lab.prometheusCaData).toString('base64') } : {}),
    },
  };
}
