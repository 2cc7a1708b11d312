import { CommandRefusal } from './CommandRefusal';
import { parseDuration } from './parseHeyCommand';

/** What a `grpc_health_probe` command asks, as the lab simulates it. */
export interface GrpcHealthProbe {
  /** -addr as given, `host:port`. */
  addr: string;
  host: string;
  port: number;
  connectTimeoutMs: number;
}

const STRING_FLAGS = new Set(['addr', 'service', 'user-agent', 'connect-timeout', 'rpc-timeout', 'rpc-header']);
const BOOLEAN_FLAGS = new Set(['gzip']);
const REFUSED = new Set(['tls', 'tls-no-verify', 'tls-ca-cert', 'tls-client-cert', 'tls-client-key', 'tls-server-name', 'alts', 'spiffe']);

/**
 * Parses grpc_health_probe's flags with Go's flag rules (`-addr=x`, `-addr x`, `--addr=x`;
 * parsing stops at the first non-flag word), e.g. Flagger's
 * `grpc_health_probe -connect-timeout=1s -addr=podinfo-canary:9999`. A usage error comes back as
 * the message the probe prints before it exits 1 (StatusInvalidArguments). TLS, ALTS and SPIFFE,
 * -v's logs and a named -service, whose answers the lab cannot know, are refused.
 */
export function parseGrpcHealthProbe(
  words: string[],
  command = words.join(' '),
): { probe: GrpcHealthProbe } | { usageError: string } {
  const values: Record<string, string> = { service: '', 'connect-timeout': '1s', 'rpc-timeout': '1s' };
  const args = words.slice(1);
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word.startsWith('-') || word === '-') break;
    if (word === '--') break;
    const [name, inline] = word.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (REFUSED.has(name)) {
      throw new CommandRefusal(command, `the lab does not simulate the probe's -${name} transport`);
    }
    if (name === 'v') throw new CommandRefusal(command, "the lab cannot reproduce the probe's verbose logs");
    if (name === 'version') throw new CommandRefusal(command, 'the lab has no probe version to print');
    if (BOOLEAN_FLAGS.has(name)) continue;
    if (!STRING_FLAGS.has(name)) return usage(`flag provided but not defined: -${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) return usage(`flag needs an argument: -${name}`);
    values[name] = value;
  }
  for (const name of ['connect-timeout', 'rpc-timeout']) {
    let ms: number;
    try {
      ms = parseDuration(values[name]);
    } catch {
      return usage(`invalid value "${values[name]}" for flag -${name}: parse error`);
    }
    if (!(ms > 0)) {
      return usage(`error: -${name} must be greater than zero (specified: ${values[name]})`);
    }
  }
  if (values.service !== '') {
    throw new CommandRefusal(
      command,
      `the lab does not know which health services the server registers (-service=${values.service})`,
    );
  }
  const addr = values.addr;
  if (!addr) return usage('error: -addr not specified');
  const m = /^(.+):(\d+)$/.exec(addr);
  if (!m) throw new CommandRefusal(command, `the lab simulates -addr=<service>:<port> only (got "${addr}")`);
  return {
    probe: {
      addr,
      host: m[1],
      port: Number(m[2]),
      connectTimeoutMs: parseDuration(values['connect-timeout']),
    },
  };
}

function usage(message: string): { usageError: string } {
  return { usageError: message };
}
