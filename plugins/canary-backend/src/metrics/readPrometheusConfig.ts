import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import type { ClusterService } from '../cluster/serviceProxyRequest';

/** A credential given in app-config, or the path of a file that holds it (re-read per request). */
export type SecretSource = { value: string } | { file: string };

/** How the backend reaches one cluster's Prometheus, read and checked. */
export interface PrometheusConfig {
  /** Exactly one of `url` and `serviceProxy`. */
  url?: string;
  /** A Service of the cluster, reached through the API server's service proxy. */
  serviceProxy?: ClusterService;
  bearerToken?: SecretSource;
  basicAuth?: { username: string; password: SecretSource };
  /** Sent with every query (a tenant header of Thanos, Mimir or Cortex, an API key, ...). */
  headers: Record<string, string>;
  /** PEM of the CA that signed Prometheus' certificate (base64 or plain). */
  ca?: SecretSource;
  skipTLSVerify: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Reads `canary.clusters[].prometheus`. A bad entry stops the backend with the field and the
 * rule, rather than every analysis of the cluster failing later with a less obvious reason.
 */
export function readPrometheusConfig(
  config: Config | undefined,
  where: string,
): PrometheusConfig | undefined {
  if (!config) return undefined;
  const url = config.getOptionalString('url');
  const proxy = config.getOptionalConfig('serviceProxy');
  if (!url === !proxy) {
    throw new InputError(
      `${where} needs exactly one of url and serviceProxy (got ${
        url ? 'both' : 'neither'
      })`,
    );
  }
  if (url && !/^https?:\/\/[^/]/.test(url)) {
    throw new InputError(
      `${where}.url must be an http:// or https:// URL (got "${url}")`,
    );
  }
  const bearerToken = readSecret(config, 'bearerToken', where);
  const basicAuth = config.getOptionalConfig('basicAuth');
  if (bearerToken && basicAuth) {
    throw new InputError(
      `${where} has both bearerToken and basicAuth; Prometheus takes one Authorization header, keep one`,
    );
  }
  const headers: Record<string, string> = {};
  const headerConfig = config.getOptionalConfig('headers');
  for (const name of headerConfig?.keys() ?? []) {
    if (/^authorization$/i.test(name)) {
      throw new InputError(
        `${where}.headers.${name}: set bearerToken or basicAuth instead, so the credential can come from a file`,
      );
    }
    headers[name] = headerConfig!.getString(name);
  }
  const result: PrometheusConfig = {
    headers,
    bearerToken,
    ca: readSecret(config, 'caData', where, 'caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
  };
  if (basicAuth) {
    const password = readSecret(basicAuth, 'password', `${where}.basicAuth`);
    if (!password) {
      throw new InputError(`${where}.basicAuth needs password or passwordFile`);
    }
    result.basicAuth = { username: basicAuth.getString('username'), password };
  }
  if (url) {
    result.url = url.replace(/\/+$/, '');
    return result;
  }
  // Through the proxy, the API server authenticates the request with the engine's credentials
  // and removes the Authorization header before it forwards the request, and it does not check
  // the Service's certificate: Prometheus' own credentials and TLS settings cannot apply.
  for (const field of [
    'bearerToken',
    'bearerTokenFile',
    'basicAuth',
    'caData',
    'caFile',
    'skipTLSVerify',
  ]) {
    if (config.has(field)) {
      throw new InputError(
        `${where}.${field} does not apply with serviceProxy: the API server authenticates the engine and drops the Authorization header before it forwards a query; expose Prometheus without auth to the API server, or use url`,
      );
    }
  }
  const namespace = proxy!.getString('namespace');
  const service = proxy!.getString('service');
  for (const [field, value] of [
    ['namespace', namespace],
    ['service', service],
  ]) {
    if (!DNS_LABEL.test(value)) {
      throw new InputError(
        `${where}.serviceProxy.${field} must be a lowercase DNS label (got "${value}")`,
      );
    }
  }
  const port = String(proxy!.get('port'));
  if (!/^([1-9][0-9]{0,4}|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.test(port)) {
    throw new InputError(
      `${where}.serviceProxy.port must be the Service's port number or name (got "${port}")`,
    );
  }
  const scheme = proxy!.getOptionalString('scheme') ?? 'http';
  if (scheme !== 'http' && scheme !== 'https') {
    throw new InputError(
      `${where}.serviceProxy.scheme must be http or https (got "${scheme}")`,
    );
  }
  result.serviceProxy = { namespace, service, port, scheme };
  return result;
}

/** `<field>` from config, or `<field>File` (checked readable now, read again on every use). */
function readSecret(
  config: Config,
  field: string,
  where: string,
  fileField = `${field}File`,
): SecretSource | undefined {
  const value = config.getOptionalString(field);
  const file = config.getOptionalString(fileField);
  if (value && file) {
    throw new InputError(
      `${where} has both ${field} and ${fileField}; keep one`,
    );
  }
  if (file) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch (error) {
      throw new InputError(
        `${where}.${fileField} cannot be read: ${(error as Error).message}`,
      );
    }
    return { file };
  }
  return value ? { value } : undefined;
}
