import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ManagedProcess } from '../controlplane/ManagedProcess';
import { findFreePort } from '../controlplane/findFreePort';
import { waitFor } from '../controlplane/waitFor';

/**
 * Starts a real Prometheus that scrapes the simulated data plane every second, so analysis
 * queries over short intervals (Flagger's 1m default, tests' 20s) see fresh samples.
 */
export async function startPrometheus(
  binary: string,
  dir: string,
  scrapeTargets: string[],
): Promise<{ process: ManagedProcess; url: string }> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
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
    ],
    { logFile: path.join(dir, 'prometheus.log') },
  );
  await waitFor(
    `Prometheus /-/ready on ${url}`,
    async () => {
      proc.assertRunning();
      return (await fetch(`${url}/-/ready`)).ok;
    },
    { timeoutMs: 30_000 },
  );
  return { process: proc, url };
}
