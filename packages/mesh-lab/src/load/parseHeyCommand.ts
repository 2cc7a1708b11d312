/** What a `hey` command line asks for, as the lab's simulated load understands it. */
export interface HeyCommand {
  url: URL;
  /** Total requests per second (q × c), capped for unthrottled runs. */
  rps: number;
  durationMs: number;
  method: string;
  headers: Record<string, string>;
  /** -host: the Host header, which decides routing. */
  host: string;
}

/** hey with no -q runs as fast as it can; the lab caps such a run at this rate. */
export const UNTHROTTLED_RPS = 200;

/** Splits a shell command line into words, honouring single and double quotes. */
export function splitCommandLine(cmd: string): string[] {
  const words: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (const m of cmd.matchAll(re)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  }
  return words;
}

/**
 * Parses `hey` flags as rakyll/hey defines them (-z duration, -q rate per worker, -c workers,
 * -n requests, -m method, -H header (repeatable), -host), e.g. Flagger's
 * `hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/`.
 */
export function parseHeyCommand(cmd: string): HeyCommand {
  const words = splitCommandLine(cmd.trim());
  const heyAt = words.findIndex(w => w === 'hey' || w.endsWith('/hey'));
  if (heyAt < 0) throw new Error(`Not a hey command: ${cmd}`);
  let z: number | undefined;
  let q = 0;
  let c = 50;
  let n = 200;
  let method = 'GET';
  let host: string | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  const args = words.slice(heyAt + 1);
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`hey: flag ${flag} needs a value in: ${cmd}`);
      return v;
    };
    switch (flag) {
      case '-z':
        z = parseDuration(value());
        break;
      case '-q':
        q = Number(value());
        break;
      case '-c':
        c = Number(value());
        break;
      case '-n':
        n = Number(value());
        break;
      case '-m':
        method = value().toUpperCase();
        break;
      case '-host':
        host = value();
        break;
      case '-H': {
        const header = value();
        const colon = header.indexOf(':');
        if (colon <= 0) throw new Error(`hey: -H wants "Name: value", got "${header}"`);
        headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
        break;
      }
      case '-t':
      case '-d':
      case '-D':
      case '-T':
      case '-A':
      case '-a':
      case '-o':
      case '-x':
      case '-cpus':
        value(); // accepted, irrelevant to simulated traffic
        break;
      default:
        if (flag.startsWith('-')) break; // boolean flags: -h2, -disable-compression, ...
        url = flag;
    }
  }
  if (!url) throw new Error(`hey: no URL in: ${cmd}`);
  if (!(c > 0) || !(q >= 0) || !(n > 0)) throw new Error(`hey: -c, -q and -n must be positive in: ${cmd}`);
  const parsed = new URL(url);
  const rps = q > 0 ? q * c : UNTHROTTLED_RPS;
  return {
    url: parsed,
    rps,
    durationMs: z ?? (n / rps) * 1000,
    method,
    headers,
    host: host ?? parsed.hostname,
  };
}

/** Go's time.ParseDuration subset hey users write: 30s, 1m, 1m30s, 2h, 500ms. */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]]!;
    total += Number(m[1]) * unit;
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0) throw new Error(`Not a duration: ${text}`);
  return total;
}
