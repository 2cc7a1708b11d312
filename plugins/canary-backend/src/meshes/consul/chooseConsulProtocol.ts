import type { Canary } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { isOwnedByCanary } from '../../routers/isOwnedByCanary';

/** The protocols whose services Consul routes and splits by request (its IsProtocolHTTPLike). */
const L7_PROTOCOLS = ['http', 'http2', 'grpc'];

/** The protocol the Canary's Consul services speak, and who says so for the apex. */
export interface ConsulProtocolChoice {
  /** Written to the ServiceDefaults of `<name>-primary` and `<name>-canary`. */
  protocol: string;
  /** The apex has no ServiceDefaults of its own (or this Canary wrote it): Vane writes it. */
  writesApexDefaults: boolean;
}

/**
 * Consul applies a ServiceRouter or ServiceSplitter only to an http, http2 or grpc service, and
 * only when every service the chain reaches speaks the same protocol (its discovery chain is
 * refused otherwise). So `<name>-primary` and `<name>-canary` get the apex's protocol from
 * their ServiceDefaults. The apex's own ServiceDefaults, when the team wrote one, is theirs:
 * Vane reads its protocol and leaves it alone (without one there, ProxyDefaults `global` may
 * say http; `http` is assumed). Without any, Vane writes one saying http. One saying tcp is an
 * error: splitting it would change how Consul treats every connection to the service.
 */
export function chooseConsulProtocol(
  canary: Canary,
  apexDefaults: KubernetesObjectLike | undefined,
): ConsulProtocolChoice {
  if (!apexDefaults || isOwnedByCanary(apexDefaults, canary)) {
    return { protocol: 'http', writesApexDefaults: true };
  }
  const protocol = (apexDefaults.spec as { protocol?: unknown } | undefined)
    ?.protocol;
  if (protocol === undefined || protocol === null || protocol === '') {
    return { protocol: 'http', writesApexDefaults: false };
  }
  if (typeof protocol === 'string' && L7_PROTOCOLS.includes(protocol)) {
    return { protocol, writesApexDefaults: false };
  }
  const { namespace, name } = apexDefaults.metadata;
  throw new Error(
    `ServiceDefaults ${namespace}/${name} sets protocol ${String(
      protocol,
    )}: Consul routes and splits requests (ServiceRouter, ServiceSplitter) only of http, http2 and grpc services; set its spec.protocol to http (or http2, grpc)`,
  );
}
