import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyObjects,
  findFreePort,
  Lab,
  parseManifests,
  startLab,
  waitFor,
} from '@vane/mesh-lab';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { buildProduction } from './__testUtils__/buildProduction';
import { listenOn } from './__testUtils__/listenOn';
import {
  BackstageBackendProcess,
  startBackstageBackend,
} from './__testUtils__/startBackstageBackend';

// The production build as Backstage's deployment docs make and run it (scripts/start.sh
// --production starts the same): `yarn build:backend` (with the app bundle), its production
// dependencies installed, `NODE_ENV=production node packages/backend` with app-config.yaml and
// app-config.production.yaml, against the mesh lab with the demo's workloads. One port serves
// the app and the API. The build takes minutes when the sources changed (about 4 on 2 cores) and
// is reused when they did not.
jest.setTimeout(20 * 60_000);

describe('the production build (yarn build:backend, node packages/backend)', () => {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vane-production-'));
  let lab: Lab | undefined;
  let backend: BackstageBackendProcess | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    const [buildDir, startedLab] = await Promise.all([
      buildProduction(path.join(runDir, 'build.log')),
      startLab({ readyDelayMs: 200, log: () => {} }),
    ]);
    lab = startedLab;
    const repoRoot = path.resolve(resolvePackagePath('backend'), '../..');
    await applyObjects(
      lab.kubeConfig,
      parseManifests(
        fs.readFileSync(path.join(repoRoot, 'examples/lab/demo.yaml'), 'utf8'),
      ),
    );
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const configFile = path.join(runDir, 'app-config.test.yaml');
    fs.writeFileSync(
      configFile,
      YAML.stringify({
        ...listenOn(port),
        canary: { clusters: [lab.clusterConfig('lab')] },
      }),
    );
    backend = await startBackstageBackend({
      build: { kind: 'production', dir: buildDir },
      baseUrl,
      configFiles: [configFile],
      logFile: path.join(runDir, 'backend.log'),
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  });

  it("serves the app bundle on the backend's port, with the backend's config injected", async () => {
    const index = await fetch(`${baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('<title>Vane</title>');
    // @backstage/plugin-app-backend injects the frontend's config: the app's base URL is the
    // backend's own, so the app calls the API on the port that served it.
    const injected = html.match(
      /<script type="backstage\.io\/config">([\s\S]*?)<\/script>/,
    );
    expect(injected).not.toBeNull();
    const appConfig = JSON.parse(injected![1]).find(
      (c: any) => c.data?.app?.baseUrl,
    );
    expect(appConfig.data.app.baseUrl).toBe(baseUrl);
    expect(appConfig.data.backend.baseUrl).toBe(baseUrl);

    // The bundle's scripts come from the same port, minified (no dev server anywhere).
    const scripts = [...html.matchAll(/<script defer src="([^"]+\.js)"/g)].map(
      match => match[1],
    );
    expect(scripts.length).toBeGreaterThan(0);
    const runtime = await fetch(`${baseUrl}${scripts[0]}`);
    expect(runtime.status).toBe(200);
    expect(runtime.headers.get('content-type')).toMatch(/javascript/);

    // A deep link of the app (the release overview) answers the app too.
    const overview = await fetch(`${baseUrl}/canary`);
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('<div id="root">');
  });

  it("answers Vane's API on the same port: the demo entity podinfo's rollout, initialised by the engine", async () => {
    const session = await fetch(
      `${baseUrl}/api/auth/guest/refresh?env=development`,
      { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    expect(session.status).toBe(200);
    const token = (await session.json()).backstageIdentity.token;

    let body: any;
    await waitFor(
      'GET /api/canary/entities/component/default/podinfo/rollouts to show test/podinfo Initialized',
      async () => {
        const response = await fetch(
          `${baseUrl}/api/canary/entities/component/default/podinfo/rollouts`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        body = response.ok ? await response.json() : await response.text();
        return response.ok && body.items?.[0]?.status?.phase === 'Initialized';
      },
      {
        timeoutMs: 180_000,
        intervalMs: 1000,
        observe: () => JSON.stringify(body),
      },
    );
    expect(body.errors).toEqual([]);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      cluster: 'lab',
      namespace: 'test',
      name: 'podinfo',
    });

    // Unauthenticated, the API refuses (the production backend keeps Backstage's auth).
    const anonymous = await fetch(
      `${baseUrl}/api/canary/entities/component/default/podinfo/rollouts`,
    );
    expect(anonymous.status).toBe(401);
  });
});
