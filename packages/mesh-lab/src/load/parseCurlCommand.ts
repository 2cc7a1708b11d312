import { CommandRefusal } from './CommandRefusal';

/** What a `curl` command line asks for, as far as the lab simulates it. */
export interface CurlCommand {
  url: URL;
  method: string;
  /** Lower-case names; `host` decides routing, as it does for curl. */
  headers: Record<string, string>;
  body?: string;
  /** -f: no body and exit 22 on an HTTP error; --fail-with-body: the body and exit 22. */
  fail: 'no' | 'fail' | 'fail-with-body';
  /** -s: no progress meter and no error message, unless -S. */
  silent: boolean;
  showError: boolean;
  /** -o /dev/null: the body is not written to stdout. */
  discardBody: boolean;
  /** -w: what curl writes after the transfer, `%{http_code}` and escapes only. */
  writeOut?: string;
  /** --retry: further attempts after a transient HTTP error (408, 429, 500, 502, 503, 504). */
  retries: number;
}

const BOOLEAN_SHORT = new Set(['s', 'S', 'f', 'L', 'k', 'N', 'g']);
const VALUE_SHORT = new Set(['d', 'H', 'X', 'o', 'w', 'A', 'b', 'e', 'u']);
const LONG_TO_SHORT: Record<string, string> = {
  '--silent': 's',
  '--show-error': 'S',
  '--fail': 'f',
  '--location': 'L',
  '--insecure': 'k',
  '--no-buffer': 'N',
  '--globoff': 'g',
  '--data': 'd',
  '--data-ascii': 'd',
  '--header': 'H',
  '--request': 'X',
  '--output': 'o',
  '--write-out': 'w',
  '--user-agent': 'A',
  '--cookie': 'b',
  '--referer': 'e',
  '--user': 'u',
};
// Accepted because they change nothing the lab's answers depend on.
const IGNORED_LONG = new Set(['--http1.1', '--http2', '--compressed', '--no-progress-meter']);
const IGNORED_LONG_WITH_VALUE = new Set(['--connect-timeout', '--retry-delay', '--retry-max-time']);
const DATA_LONG = new Set(['--data-raw', '--data-binary', '--data-urlencode', '--json']);
const WHY_REFUSED: Record<string, string> = {
  m: 'the lab does not simulate response times, so it cannot honour a --max-time',
  '--max-time': 'the lab does not simulate response times, so it cannot honour a --max-time',
  i: 'the lab does not simulate response headers',
  '--include': 'the lab does not simulate response headers',
  I: 'the lab does not simulate response headers',
  '--head': 'the lab does not simulate response headers',
  v: 'the lab cannot reproduce curl\'s verbose trace',
  '--verbose': 'the lab cannot reproduce curl\'s verbose trace',
};

/**
 * Parses the `curl` words of a command (curl's own option rules: bundled short options such as
 * `-sd 'test'` or `-sSfL`, a short option's value attached or in the next word, long options
 * without `=`), keeping what decides the request and what curl prints. Options whose effect the
 * lab cannot reproduce are refused by name, never ignored.
 */
export function parseCurlCommand(words: string[], command = words.join(' ')): CurlCommand {
  const refuse = (why: string) => new CommandRefusal(command, why);
  const curl: CurlCommand = {
    url: new URL('http://localhost/'),
    method: 'GET',
    headers: {},
    fail: 'no',
    silent: false,
    showError: false,
    discardBody: false,
    retries: 0,
  };
  let method: string | undefined;
  let json = false;
  const data: string[] = [];
  const urls: string[] = [];
  let globOff = false;

  const apply = (flag: string, value?: string) => {
    switch (flag) {
      case 's':
        curl.silent = true;
        break;
      case 'S':
        curl.showError = true;
        break;
      case 'f':
        curl.fail = 'fail';
        break;
      case 'g':
        globOff = true;
        break;
      case 'L':
      case 'k':
      case 'N':
        break; // podinfo does not redirect; the lab has no TLS or buffering to speak of
      case 'd':
        if (value!.startsWith('@')) throw refuse('the lab has no files to read request data from');
        data.push(value!);
        break;
      case 'H':
        addHeader(curl.headers, value!);
        break;
      case 'X':
        method = value!;
        break;
      case 'o':
        if (value === '/dev/null') curl.discardBody = true;
        else if (value !== '-') throw refuse('the lab writes no files; only -o /dev/null is simulated');
        break;
      case 'w':
        curl.writeOut = parseWriteOut(value!, refuse);
        break;
      case 'A':
        curl.headers['user-agent'] = value!;
        break;
      case 'b':
        if (!value!.includes('=')) throw refuse('the lab has no cookie files to read');
        curl.headers.cookie = value!;
        break;
      case 'e':
        curl.headers.referer = value!;
        break;
      case 'u':
        curl.headers.authorization = `Basic ${Buffer.from(value!).toString('base64')}`;
        break;
      default:
        throw new Error(`unhandled curl option ${flag}`);
    }
  };

  const args = words.slice(1);
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const next = (option: string) => {
      const value = args[++i];
      if (value === undefined) throw refuse(`option ${option} needs a value`);
      return value;
    };
    if (word.startsWith('--')) {
      if (LONG_TO_SHORT[word]) {
        const flag = LONG_TO_SHORT[word];
        apply(flag, VALUE_SHORT.has(flag) ? next(word) : undefined);
      } else if (word === '--fail-with-body') {
        curl.fail = 'fail-with-body';
      } else if (IGNORED_LONG.has(word)) {
        continue;
      } else if (IGNORED_LONG_WITH_VALUE.has(word)) {
        next(word);
      } else if (word === '--retry') {
        const value = next(word);
        if (!/^\d+$/.test(value)) throw refuse(`--retry wants a number of retries (got "${value}")`);
        curl.retries = Number(value);
      } else if (DATA_LONG.has(word)) {
        const value = next(word);
        if (word === '--data-urlencode') data.push(urlencodeData(value, refuse));
        else {
          if (word !== '--data-raw' && value.startsWith('@')) {
            throw refuse('the lab has no files to read request data from');
          }
          data.push(value);
          json = json || word === '--json';
        }
      } else {
        throw refuse(WHY_REFUSED[word] ?? `the lab does not simulate curl's ${word} option`);
      }
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const flag = word[j];
        if (BOOLEAN_SHORT.has(flag)) {
          apply(flag);
        } else if (VALUE_SHORT.has(flag)) {
          const rest = word.slice(j + 1);
          apply(flag, rest !== '' ? rest : next(`-${flag}`));
          break;
        } else {
          throw refuse(WHY_REFUSED[flag] ?? `the lab does not simulate curl's -${flag} option`);
        }
      }
    } else {
      urls.push(word);
    }
  }

  if (urls.length === 0) throw refuse('it names no URL');
  if (urls.length > 1) throw refuse('the lab simulates one URL per curl');
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(urls[0]) ? urls[0] : `http://${urls[0]}`;
  if (!globOff && /[[\]{}]/.test(url)) throw refuse("the lab does not expand curl's URL globs");
  try {
    curl.url = new URL(url);
  } catch {
    throw refuse(`"${urls[0]}" is not a URL`);
  }
  if (curl.url.protocol !== 'http:' && curl.url.protocol !== 'https:') {
    throw refuse(`the lab simulates HTTP only (got ${curl.url.protocol})`);
  }
  if (data.length > 0) {
    curl.body = data.join('&');
    if (json) {
      curl.headers['content-type'] ??= 'application/json';
      curl.headers.accept ??= 'application/json';
    } else {
      curl.headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
  }
  curl.method = method ?? (data.length > 0 ? 'POST' : 'GET');
  return curl;
}

function addHeader(headers: Record<string, string>, header: string): void {
  const colon = header.indexOf(':');
  // `Name;` sends an empty header, `Name:` removes one: either way nothing routes on it.
  if (colon <= 0) return;
  const name = header.slice(0, colon).trim().toLowerCase();
  const value = header.slice(colon + 1).trim();
  if (value === '') delete headers[name];
  else headers[name] = value;
}

/** --data-urlencode's forms: `content`, `=content`, `name=content` (files are refused). */
function urlencodeData(value: string, refuse: (why: string) => Error): string {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) throw refuse('the lab has no files to read request data from');
  if (eq < 0) return encodeURIComponent(value);
  const name = value.slice(0, eq);
  const content = encodeURIComponent(value.slice(eq + 1));
  return name === '' ? content : `${name}=${content}`;
}

function parseWriteOut(format: string, refuse: (why: string) => Error): string {
  if (format.startsWith('@')) throw refuse('the lab has no files to read a -w format from');
  for (const m of format.matchAll(/%\{([^}]*)\}/g)) {
    if (m[1] !== 'http_code' && m[1] !== 'response_code') {
      throw refuse(`the lab simulates -w's %{http_code} only (got %{${m[1]}})`);
    }
  }
  return format;
}
