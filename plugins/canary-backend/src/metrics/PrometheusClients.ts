import { PrometheusMetricProvider } from './PrometheusMetricProvider';

/** One Prometheus client per address, shared by the routes that chart and judge mesh metrics. */
export class PrometheusClients {
  private readonly clients = new Map<string, PrometheusMetricProvider>();

  at(url: string): PrometheusMetricProvider {
    let client = this.clients.get(url);
    if (!client) {
      client = new PrometheusMetricProvider({ url });
      this.clients.set(url, client);
    }
    return client;
  }
}
