import type { KubeConfig, V1Endpoints, V1Service } from '@kubernetes/client-node';
import { KubernetesRequestError, requestKubernetes } from '../cluster/requestKubernetes';
import { canonicalHost, serviceOfHost } from '../dataplane/canonicalHost';
import type { MeshDataPlane } from '../dataplane/MeshDataPlane';
import type { TaskRunner } from './answerTask';
import { CommandRefusal } from './CommandRefusal';
import type { LoadGenerator } from './LoadGenerator';
import { meshRequestOfUrl } from './meshRequestOfUrl';
import { parseHeyCommand } from './parseHeyCommand';
import { parseShellPipeline } from './parseShellPipeline';
import { CommandWorld, simulateShellCommand } from './simulateShellCommand';

const SOURCE_WORKLOAD = 'flagger-loadtester';

/**
 * Runs the tasks of one webhook call in the lab, as a load tester sitting in the Canary's
 * namespace would: hey as a load stream of the LoadGenerator, curl as one request through the
 * data plane, grpc_health_probe against the Service's Endpoints in the API server.
 */
export class LabTaskRunner implements TaskRunner {
  private readonly world: CommandWorld;

  constructor(
    private readonly deps: { load: LoadGenerator; dataPlane: MeshDataPlane; kubeConfig: KubeConfig },
    private readonly namespace: string,
  ) {
    this.world = {
      send: curl => {
        const result = deps.dataPlane.send({
          ...meshRequestOfUrl(curl.url, { hostHeader: curl.headers.host, headers: curl.headers, namespace }),
          method: curl.method,
          source: { workload: SOURCE_WORKLOAD, namespace },
          count: 1,
        });
        const code = Object.keys(result.codes)[0];
        // NR: nothing in the mesh claims the host, so the load tester's DNS would not resolve it.
        return code === undefined || code === 'NR'
          ? { kind: 'unresolved' }
          : { kind: 'answer', code: Number(code) };
      },
      service: host => this.readService(host),
    };
  }

  runBlocking(command: string, options: { outputRead: boolean }) {
    return simulateShellCommand(command, this.world, options);
  }

  async runInBackground(command: string, canary: string): Promise<void> {
    const stages = parseShellPipeline(command);
    if (stages.length !== 1 || stages[0][0].split('/').pop() !== 'hey') {
      await simulateShellCommand(command, this.world, { outputRead: false, resultIgnored: true });
      return;
    }
    let hey: ReturnType<typeof parseHeyCommand>;
    try {
      hey = parseHeyCommand(command);
    } catch (e) {
      throw new CommandRefusal(command, (e as Error).message);
    }
    // Flagger calls the hook every interval; like flagger-loadtester (one task per Canary and
    // command hash), a run still going is not started twice.
    const id = `hey:${canary}:${command}`;
    if (this.deps.load.has(id)) return;
    this.deps.load.set(id, {
      ...meshRequestOfUrl(hey.url, { hostHeader: hey.host, headers: hey.headers, namespace: this.namespace }),
      rps: hey.rps,
      method: hey.method,
      source: SOURCE_WORKLOAD,
      until: Date.now() + hey.durationMs,
    });
  }

  private async readService(host: string): Promise<{ service?: V1Service; endpoints?: V1Endpoints }> {
    const named = serviceOfHost(canonicalHost(host, this.namespace));
    if (!named) return {};
    const read = async <T>(kind: string): Promise<T | undefined> => {
      try {
        return await requestKubernetes(
          this.deps.kubeConfig,
          'GET',
          `/api/v1/namespaces/${encodeURIComponent(named.namespace)}/${kind}/${encodeURIComponent(named.service)}`,
        );
      } catch (e) {
        if (e instanceof KubernetesRequestError && e.code === 404) return undefined;
        throw e;
      }
    };
    const [service, endpoints] = await Promise.all([
      read<V1Service>('services'),
      read<V1Endpoints>('endpoints'),
    ]);
    return { service, endpoints };
  }
}
