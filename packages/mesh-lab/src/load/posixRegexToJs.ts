// POSIX bracket classes in JavaScript's terms (the C locale).
const CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/**
 * Translates a grep pattern (GNU grep's basic or extended syntax) into a JavaScript regular
 * expression source: in basic syntax `\( \) \{ \} \| \+ \?` are the operators and the bare
 * characters literal; bracket expressions keep POSIX rules (a backslash is literal in them,
 * `]` first is literal, `[:digit:]` classes); `\<` and `\>` become word boundaries.
 */
export function posixRegexToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) throw new Error(`grep: Unmatched [, [^, [:, [., or [=`);
      out += bracketToJs(pattern.slice(i + 1, end));
      i = end;
    } else if (c === '\\') {
      const d = pattern[++i];
      if (d === undefined) throw new Error('grep: Trailing backslash');
      if (d === '<' || d === '>') out += '\\b';
      else if (!extended && '(){}|+?'.includes(d)) out += d;
      else if (/[bBwWsS1-9]/.test(d)) out += `\\${d}`;
      else out += escapeJs(d);
    } else if (!extended && '(){}|+?'.includes(c)) {
      out += `\\${c}`;
    } else if (c === '^') {
      // An anchor where POSIX makes it one, a literal elsewhere.
      out += atGroupStart(out) ? '^' : '\\^';
    } else if (c === '$') {
      out += i === pattern.length - 1 || atGroupEnd(pattern, i + 1, extended) ? '$' : '\\$';
    } else if (c === '*' && atGroupStart(out)) {
      out += '\\*';
    } else if (c === '/') {
      out += '\\/';
    } else {
      out += c;
    }
  }
  return out;
}

function atGroupStart(out: string): boolean {
  return out === '' || out.endsWith('(') || out.endsWith('|');
}

function atGroupEnd(pattern: string, at: number, extended: boolean): boolean {
  const rest = pattern.slice(at);
  return extended ? /^[)|]/.test(rest) : /^\\[)|]/.test(rest);
}

/** Index of the `]` closing the bracket expression opened at `start`, or -1. */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && ':.='.includes(pattern[i + 1] ?? '')) {
      const close = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (pattern[i] === ']') {
      return i;
    }
  }
  return -1;
}

function bracketToJs(inner: string): string {
  let out = '[';
  let i = 0;
  if (inner[0] === '^') {
    out += '^';
    i = 1;
  }
  for (; i < inner.length; i++) {
    const c = inner[i];
    const cls = /^\[:([a-z]+):\]/.exec(inner.slice(i));
    if (cls) {
      const range = CLASSES[cls[1]];
      if (!range) throw new Error(`grep: invalid character class ${cls[1]}`);
      out += range;
      i += cls[0].length - 1;
    } else if (c === '\\' || c === ']' || c === '[') {
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return `${out}]`;
}

function escapeJs(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
