import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { ManagedProcess } from './ManagedProcess';
import { findFreePort } from './findFreePort';
import { waitFor } from './waitFor';

export interface ApiserverHandle {
  process: ManagedProcess;
  url: string;
  /** system:masters bearer token, for the lab itself and kubectl. */
  adminToken: string;
  /** PEM of the apiserver's self-signed serving certificate chain (use as CA). */
  caData: string;
  serviceAccountKey: string;
  /** Resolves once `process` (or the one started again in its place) answers /readyz. */
  waitReady(process: ManagedProcess): Promise<void>;
}

/** Starts kube-apiserver on 127.0.0.1 with RBAC, static admin token and service account keys. */
export async function startApiserver(
  binary: string,
  dir: string,
  etcdUrl: string,
  /** The Unix socket of the lab's pod network (ClusterNetworkProxy), for the API server's proxy. */
  clusterEgressSocket?: string,
): Promise<ApiserverHandle> {
  const port = await findFreePort();
  const url = `https://127.0.0.1:${port}`;
  const certDir = path.join(dir, 'certs');
  fs.mkdirSync(certDir, { recursive: true });
  const saKey = path.join(dir, 'sa.key');
  const saPub = path.join(dir, 'sa.pub');
  execFileSync('openssl', ['genrsa', '-out', saKey, '2048'], {
    stdio: 'ignore',
  });
  execFileSync('openssl', ['rsa', '-in', saKey, '-pubout', '-out', saPub], {
    stdio: 'ignore',
  });
  const adminToken = crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(
    path.join(dir, 'tokens.csv'),
    `${adminToken},admin,admin,system:masters\n`,
    {
      mode: 0o600,
    },
  );

  // Writes are audited (who, with which user agent, on what): the evidence tests use to tell
  // which of several engine replicas wrote to the cluster. Every request of the engine's
  // ServiceAccount is audited too, reads included, for the engine benchmark. Lease writes come
  // with their body (the renewTime and duration written), so a test can tell until when each
  // replica held its Lease.
  const auditPolicy = path.join(dir, 'audit-policy.yaml');
  fs.writeFileSync(
    auditPolicy,
    [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages: [RequestReceived]',
      'rules:',
      '  - level: Request',
      '    verbs: [create, update]',
      '    resources: [{ group: coordination.k8s.io, resources: [leases] }]',
      '  - level: Metadata',
      '    users: [system:serviceaccount:vane-system:vane-canary]',
      '  - level: Metadata',
      '    verbs: [create, update, patch, delete]',
      '  - level: None',
      '',
    ].join('\n'),
  );

  // The API server's proxy subresources reach pods through the lab's pod network (HTTP CONNECT
  // over a Unix socket, as through konnectivity), since the simulated pod IPs route nowhere.
  const egressConfig = path.join(dir, 'egress-selector.yaml');
  if (clusterEgressSocket) {
    fs.writeFileSync(
      egressConfig,
      [
        'apiVersion: apiserver.k8s.io/v1beta1',
        'kind: EgressSelectorConfiguration',
        'egressSelections:',
        '  - name: cluster',
        '    connection:',
        '      proxyProtocol: HTTPConnect',
        '      transport:',
        '        uds:',
        `          udsName: ${clusterEgressSocket}`,
        '',
      ].join('\n'),
    );
  }

  const proc = ManagedProcess.start(
    'kube-apiserver',
    binary,
    [
      `--etcd-servers=${etcdUrl}`,
      `--secure-port=${port}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      '--insecure-port=0',
      `--cert-dir=${certDir}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-signing-key-file=${saKey}`,
      `--service-account-key-file=${saPub}`,
      // Room for thousands of Services: the engine benchmark makes three per Canary.
      '--service-cluster-ip-range=10.0.0.0/16',
      '--profiling=false',
      `--audit-policy-file=${auditPolicy}`,
      `--audit-log-path=${path.join(dir, 'audit.log')}`,
      // No kubelets to proxy to and nothing to log for a lab.
      '--enable-aggregator-routing=false',
      ...(clusterEgressSocket
        ? [`--egress-selector-config-file=${egressConfig}`]
        : []),
      '--v=1',
    ],
    { logFile: path.join(dir, 'kube-apiserver.log') },
  );

  const certFile = path.join(certDir, 'apiserver.crt');
  // Started again, it finds its certificate in --cert-dir and serves the same one.
  const waitReady = async (running: ManagedProcess) => {
    await waitFor(
      `kube-apiserver /readyz on ${url}`,
      async () => {
        running.assertRunning();
        if (!fs.existsSync(certFile)) return false;
        return (await getStatus(`${url}/readyz`, adminToken)) === 200;
      },
      { timeoutMs: 90_000, intervalMs: 300 },
    );
  };
  await waitReady(proc);
  return {
    process: proc,
    url,
    adminToken,
    caData: fs.readFileSync(certFile, 'utf8'),
    serviceAccountKey: saKey,
    waitReady,
  };
}

function getStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      {
        headers: { Authorization: `Bearer ${token}` },
        rejectUnauthorized: false,
        timeout: 2000,
      },
      res => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
