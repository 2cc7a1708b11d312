import bcrypt from 'bcryptjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import YAML from 'yaml';
import { ManagedProcess } from '../controlplane/ManagedProcess';
import { findFreePort } from '../controlplane/findFreePort';
import { waitFor } from '../controlplane/waitFor';

/** How the lab's Prometheus guards its HTTP API, as production ones do (`--web.config.file`). */
export interface PrometheusWebOptions {
  /** Basic auth: the one user Prometheus accepts (its password stored as a bcrypt hash). */
  basicAuth?: { username: string; password: string };
  /** HTTPS with a certificate for 127.0.0.1 signed by a CA made for this lab. */
  tls?: boolean;
}

/** A running lab Prometheus and what a client needs to query it. */
export interface PrometheusHandle {
  process: ManagedProcess;
  url: string;
  /** PEM of the CA that signed its certificate, with `tls`. */
  caData?: string;
  /** The `Authorization` header it accepts, with `basicAuth`. */
  authorization?: string;
  /** Resolves once `process` (or the one started again in its place) answers /-/ready. */
  waitReady(process: ManagedProcess): Promise<void>;
  /** A fetch with that CA and header, for the lab's own queries. */
  fetch: (
    url: string,
    init?: {
      method?: string;
      headers?: Record<string, string>;
      body?: URLSearchParams;
    },
  ) => Promise<Response>;
}

/**
 * Starts a real Prometheus that scrapes the simulated data plane every second, so analysis
 * queries over short intervals (Flagger's 1m default, tests' 20s) see fresh samples; with
 * `web`, behind basic auth and/or TLS through Prometheus' own `--web.config.file`.
 */
export async function startPrometheus(
  binary: string,
  dir: string,
  scrapeTargets: string[],
  web: PrometheusWebOptions = {},
): Promise<PrometheusHandle> {
  const port = await findFreePort();
  const url = `${web.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const webConfig: Record<string, unknown> = {};
  let caData: string | undefined;
  if (web.tls) {
    const tls = writeServingCertificate(dir);
    caData = tls.caData;
    webConfig.tls_server_config = {
      cert_file: tls.certFile,
      key_file: tls.keyFile,
    };
  }
  let authorization: string | undefined;
  if (web.basicAuth) {
    const { username, password } = web.basicAuth;
    // The lowest cost bcrypt allows: Prometheus checks the hash on every request of the lab.
    webConfig.basic_auth_users = { [username]: bcrypt.hashSync(password, 4) };
    authorization = `Basic ${Buffer.from(`${username}:${password}`).toString(
      'base64',
    )}`;
  }
  const webConfigFile = path.join(dir, 'prometheus-web.yml');
  if (web.tls || web.basicAuth)
    fs.writeFileSync(webConfigFile, YAML.stringify(webConfig));
  const dispatcher = caData
    ? new Agent({ connect: { ca: caData } })
    : undefined;
  const labFetch: PrometheusHandle['fetch'] = (target, init = {}) =>
    undiciFetch(target, {
      ...init,
      headers: { ...init.headers, ...(authorization ? { authorization } : {}) },
      dispatcher,
    }) as unknown as Promise<Response>;
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '5s' },
    scrape_configs: [
      {
        job_name: 'mesh-lab-dataplane',
        // The data plane's labels are the meshes' own (namespace, pod, ...): keep them as they are.
        honor_labels: true,
        static_configs: [{ targets: scrapeTargets }],
      },
    ],
  };
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, YAML.stringify(config));
  const proc = ManagedProcess.start(
    'prometheus',
    binary,
    [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus')}`,
      '--storage.tsdb.retention.time=1d',
      '--log.level=warn',
      ...(web.tls || web.basicAuth
        ? [`--web.config.file=${webConfigFile}`]
        : []),
    ],
    { logFile: path.join(dir, 'prometheus.log') },
  );
  const waitReady = async (running: ManagedProcess) => {
    await waitFor(
      `Prometheus /-/ready on ${url}`,
      async () => {
        running.assertRunning();
        return (await labFetch(`${url}/-/ready`)).ok;
      },
      { timeoutMs: 30_000 },
    );
  };
  await waitReady(proc);
  return { process: proc, url, caData, authorization, waitReady, fetch: labFetch };
}

/** A CA and a certificate for 127.0.0.1 it signs (ECDSA P-256, valid for two days), by openssl. */
function writeServingCertificate(dir: string) {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { stdio: 'ignore' });
  const ecKey = [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
  ];
  openssl(
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('prometheus-ca.key'),
    '-out',
    file('prometheus-ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=mesh-lab Prometheus CA',
  );
  openssl(
    'req',
    ...ecKey,
    '-keyout',
    file('prometheus.key'),
    '-out',
    file('prometheus.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  fs.writeFileSync(
    file('prometheus-cert.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('prometheus.csr'),
    '-CA',
    file('prometheus-ca.crt'),
    '-CAkey',
    file('prometheus-ca.key'),
    '-CAcreateserial',
    '-out',
    file('prometheus.crt'),
    '-days',
    '2',
    '-extfile',
    file('prometheus-cert.ext'),
  );
  return {
    caData: fs.readFileSync(file('prometheus-ca.crt'), 'utf8'),
    certFile: file('prometheus.crt'),
    keyFile: file('prometheus.key'),
  };
}
