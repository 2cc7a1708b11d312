/**
 * The browser tests' handle on the mesh lab that scripts/start.sh runs for the portal (`mesh-lab
 * --name portal up`): releases images, reads and annotates Canaries through the lab's real API
 * server with its admin kubeconfig, as an operator's kubectl would.
 */
import { expect } from '@playwright/test';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

/** The lab name scripts/start.sh gives `mesh-lab up`. */
const LAB_NAME = 'portal';

/** The image the lab makes answer 10% errors in 800 ms (start.sh's --image-behaviour). */
export const FAULTY_IMAGE = 'ghcr.io/stefanprodan/podinfo:6.0.1';

/** A podinfo image no other test has released: any tag the lab has no behaviour for is good. */
export function uniqueGoodImage(): string {
  return `ghcr.io/stefanprodan/podinfo:6.9.${Date.now()}`;
}

/** Phases in which no rollout is under way (as the engine and the release driver see them). */
export const SETTLED_PHASES = ['Initialized', 'Succeeded', 'Failed'];

const anyOf = (phases: string[]) => new RegExp(`^(${phases.join('|')})$`);

export interface CanaryObject {
  metadata: {
    name: string;
    namespace: string;
    annotations?: Record<string, string>;
    resourceVersion?: string;
  };
  spec: Record<string, any>;
  status?: {
    phase?: string;
    canaryWeight?: number;
    reason?: string;
    failedChecks?: number;
  };
}

export class PortalLab {
  private constructor(
    private readonly server: URL,
    private readonly ca: string,
    private readonly token: string,
  ) {}

  /**
   * Finds the running portal lab from the state file `mesh-lab up` writes (the same place the
   * CLI's `status` and `down` read: $MESH_LAB_STATE_DIR or <tmpdir>/vane-mesh-lab). The install
   * test (scripts/install-test) opens its own lab by name.
   */
  static open(labName: string = LAB_NAME): PortalLab {
    const stateDir =
      process.env.MESH_LAB_STATE_DIR || path.join(os.tmpdir(), 'vane-mesh-lab');
    const stateFile = path.join(stateDir, `${labName}.json`);
    if (!fs.existsSync(stateFile)) {
      throw new Error(
        `No running lab "${labName}" (${stateFile} is missing): the browser tests need the lab that scripts/start.sh starts`,
      );
    }
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    const kubeconfig = fs.readFileSync(state.kubeconfigPath, 'utf8');
    // The lab writes a one-cluster, one-user kubeconfig (mesh-lab's writeKubeconfig): one
    // certificate-authority-data and one token, each on a line of its own.
    const field = (name: string) => {
      const match = new RegExp(`^\\s*${name}:\\s*(\\S+)\\s*$`, 'm').exec(
        kubeconfig,
      );
      if (!match) {
        throw new Error(`${state.kubeconfigPath} has no ${name}`);
      }
      return match[1].replace(/^["']|["']$/g, '');
    };
    return new PortalLab(
      new URL(state.apiserverUrl),
      Buffer.from(field('certificate-authority-data'), 'base64').toString(),
      field('token'),
    );
  }

  /** One request to the lab's API server; rejects with the status and body on a non-2xx answer. */
  request(
    method: string,
    urlPath: string,
    body?: unknown,
    contentType = 'application/merge-patch+json',
  ): Promise<any> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          method,
          hostname: this.server.hostname,
          port: this.server.port,
          path: urlPath,
          ca: this.ca,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            ...(body ? { 'Content-Type': contentType } : {}),
          },
        },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', chunk => {
            text += chunk;
          });
          res.on('end', () => {
            const code = res.statusCode ?? 0;
            if (code >= 200 && code < 300) {
              resolve(text ? JSON.parse(text) : undefined);
            } else {
              reject(
                new Error(`${method} ${urlPath} answered ${code}: ${text}`),
              );
            }
          });
        },
      );
      req.on('error', reject);
      if (body) {
        req.write(JSON.stringify(body));
      }
      req.end();
    });
  }

  canary(namespace: string, name: string): Promise<CanaryObject> {
    return this.request(
      'GET',
      `/apis/delivery.vane.dev/v1alpha1/namespaces/${namespace}/canaries/${name}`,
    );
  }

  async phase(namespace: string, name: string): Promise<string | undefined> {
    return (await this.canary(namespace, name)).status?.phase;
  }

  /** Sets (or, with null, removes) an annotation on a Canary, as `kubectl annotate` does. */
  annotateCanary(
    namespace: string,
    name: string,
    annotations: Record<string, string | null>,
  ): Promise<CanaryObject> {
    return this.request(
      'PATCH',
      `/apis/delivery.vane.dev/v1alpha1/namespaces/${namespace}/canaries/${name}`,
      { metadata: { annotations } },
    );
  }

  /** An Argo Rollout (argoproj.io/v1alpha1) as the API server holds it. */
  argoRollout(namespace: string, name: string): Promise<any> {
    return this.request(
      'GET',
      `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts/${name}`,
    );
  }

  /**
   * Writes an Argo Rollout's status through its status subresource, as Argo's controller would
   * (no Argo controller runs in the lab), having observed the Rollout's current spec.
   */
  async writeArgoRolloutStatus(
    namespace: string,
    name: string,
    status: Record<string, unknown>,
  ): Promise<void> {
    const rollout = await this.argoRollout(namespace, name);
    await this.request(
      'PATCH',
      `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts/${name}/status`,
      {
        status: {
          observedGeneration: String(rollout.metadata.generation),
          ...status,
        },
      },
    );
  }

  async image(
    namespace: string,
    deployment: string,
    container: string,
  ): Promise<string> {
    const object = await this.request(
      'GET',
      `/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`,
    );
    const found = object.spec.template.spec.containers.find(
      (c: { name: string }) => c.name === container,
    );
    if (!found) {
      throw new Error(
        `Deployment ${namespace}/${deployment} has no container ${container}`,
      );
    }
    return found.image;
  }

  /** `kubectl set image`: starts a rollout of a new revision. */
  async setImage(
    namespace: string,
    deployment: string,
    container: string,
    image: string,
  ): Promise<void> {
    const current = await this.image(namespace, deployment, container);
    if (current === image) {
      throw new Error(
        `Deployment ${namespace}/${deployment} already runs ${image}: setting it again would start no rollout`,
      );
    }
    await this.request(
      'PATCH',
      `/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`,
      {
        spec: {
          template: { spec: { containers: [{ name: container, image }] } },
        },
      },
      'application/strategic-merge-patch+json',
    );
  }

  /** Waits until the Canary is in one of `phases`, failing with the phase it last saw. */
  async waitForPhase(
    namespace: string,
    name: string,
    phases: string[],
    timeout = 120_000,
  ): Promise<void> {
    await expect
      .poll(async () => (await this.phase(namespace, name)) ?? 'no phase', {
        message: `Canary ${namespace}/${name} to reach ${phases.join(' or ')}`,
        timeout,
        intervals: [500],
      })
      .toMatch(anyOf(phases));
  }

  /**
   * Starts a release once the previous one has ended: waits for a settled phase, sets the image
   * and waits until the engine has taken the new revision up (Progressing or later).
   */
  async release(
    target: {
      namespace: string;
      deployment: string;
      container: string;
      canary: string;
    },
    image: string,
  ): Promise<void> {
    const { namespace, deployment, container, canary } = target;
    await this.waitForPhase(namespace, canary, SETTLED_PHASES, 180_000);
    await this.setImage(namespace, deployment, container, image);
    await expect
      .poll(async () => (await this.phase(namespace, canary)) ?? 'no phase', {
        message: `the engine to take up ${image} on Canary ${namespace}/${canary}`,
        timeout: 60_000,
        intervals: [250],
      })
      .not.toMatch(anyOf(SETTLED_PHASES));
  }
}

/** The demo's Canaries, as examples/lab/demo.yaml defines them. */
export const PODINFO = {
  namespace: 'test',
  deployment: 'podinfo',
  container: 'podinfod',
  canary: 'podinfo',
};
export const FRONTEND = {
  namespace: 'webapp',
  deployment: 'frontend',
  container: 'podinfod',
  canary: 'frontend',
};
/** Released by Argo Rollouts' steps: setWeight 50, pause {}, setWeight 80, a 10 s pause. */
export const WEATHER = {
  namespace: 'weather',
  deployment: 'weather',
  container: 'weather-app',
  canary: 'weather',
};
export const CHECKOUT = {
  namespace: 'shop',
  deployment: 'checkout',
  container: 'checkout',
  canary: 'checkout',
};

/** The demo's rollouts of other controllers, as examples/lab/other-controllers.yaml defines them. */
export const RATINGS = { namespace: 'test', rollout: 'ratings' };
export const SEARCH = { namespace: 'webapp', canary: 'search' };
