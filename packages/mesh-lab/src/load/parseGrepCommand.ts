import { CommandRefusal } from './CommandRefusal';
import { posixRegexToJs } from './posixRegexToJs';
import type { ProcessResult } from './ProcessResult';

/** A parsed `grep` stage: run it on what the previous stage printed. */
export interface GrepCommand {
  run(input: string): ProcessResult;
}

const BOOLEAN_SHORT: Record<string, string> = {
  q: 'quiet',
  i: 'ignoreCase',
  y: 'ignoreCase',
  v: 'invert',
  c: 'count',
  E: 'extended',
  F: 'fixed',
  G: 'basic',
  w: 'word',
  x: 'line',
  o: 'only',
  s: 'noMessages',
};
const BOOLEAN_LONG: Record<string, string> = {
  '--quiet': 'quiet',
  '--silent': 'quiet',
  '--ignore-case': 'ignoreCase',
  '--invert-match': 'invert',
  '--count': 'count',
  '--extended-regexp': 'extended',
  '--fixed-strings': 'fixed',
  '--basic-regexp': 'basic',
  '--word-regexp': 'word',
  '--line-regexp': 'line',
  '--only-matching': 'only',
  '--no-messages': 'noMessages',
};

/**
 * Parses a `grep` stage as GNU grep reads it (bundled short options, -e patterns, -E/-F/-i/-v/
 * -q/-c/-w/-x/-o) and returns what it prints and exits with on its input: the selected lines,
 * exit 0 when a line was selected, 1 when none was. grep reading files is refused: in the lab
 * a pipeline's grep reads the stage before it.
 */
export function parseGrepCommand(words: string[], command = words.join(' ')): GrepCommand {
  const refuse = (why: string) => new CommandRefusal(command, why);
  const flags: Record<string, boolean> = {};
  const patterns: string[] = [];
  const operands: string[] = [];
  const args = words.slice(1);
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (optionsDone || !word.startsWith('-') || word === '-') {
      operands.push(word);
    } else if (word === '--') {
      optionsDone = true;
    } else if (word.startsWith('--')) {
      const [name, value] = word.split(/=(.*)/s, 2);
      if (BOOLEAN_LONG[name] && value === undefined) flags[BOOLEAN_LONG[name]] = true;
      else if (name === '--regexp') {
        const pattern = value ?? args[++i];
        if (pattern === undefined) throw refuse('--regexp needs a pattern');
        patterns.push(pattern);
      } else throw refuse(`the lab does not simulate grep's ${name} option`);
    } else {
      for (let j = 1; j < word.length; j++) {
        const flag = word[j];
        if (BOOLEAN_SHORT[flag]) {
          flags[BOOLEAN_SHORT[flag]] = true;
        } else if (flag === 'e') {
          const pattern = word.slice(j + 1) || args[++i];
          if (pattern === undefined) throw refuse('-e needs a pattern');
          patterns.push(pattern);
          break;
        } else {
          throw refuse(`the lab does not simulate grep's -${flag} option`);
        }
      }
    }
  }
  if (patterns.length === 0) {
    const pattern = operands.shift();
    if (pattern === undefined) throw refuse('grep needs a pattern');
    patterns.push(pattern);
  }
  if (operands.some(o => o !== '-')) {
    throw refuse('the lab has no files for grep to read; it greps what the stage before it printed');
  }

  // A pattern holding newlines is one pattern per line, as for grep.
  const sources = patterns
    .flatMap(p => p.split('\n'))
    .map(p => (flags.fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixRegexToJs(p, !!flags.extended)))
    .map(p => {
      if (flags.line) return `^(?:${p})$`;
      return flags.word ? `(?<![A-Za-z0-9_])(?:${p})(?![A-Za-z0-9_])` : p;
    });
  let regex: RegExp;
  try {
    regex = new RegExp(sources.map(s => `(?:${s})`).join('|'), flags.ignoreCase ? 'gi' : 'g');
  } catch (e) {
    throw refuse(`the lab cannot read its pattern (${(e as Error).message})`);
  }

  return {
    run(input: string): ProcessResult {
      const lines = input.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const matches = (line: string) => {
        regex.lastIndex = 0;
        return regex.test(line);
      };
      const selected = lines.filter(line => matches(line) !== !!flags.invert);
      let stdout = '';
      if (flags.quiet) stdout = '';
      else if (flags.count) stdout = `${selected.length}\n`;
      else if (flags.only && flags.invert) stdout = ''; // GNU grep prints nothing for -ov
      else if (flags.only) {
        stdout = selected
          .flatMap(line => {
            regex.lastIndex = 0;
            return [...line.matchAll(regex)].map(m => m[0]).filter(m => m !== '');
          })
          .map(m => `${m}\n`)
          .join('');
      } else stdout = selected.map(line => `${line}\n`).join('');
      return { exitCode: selected.length > 0 ? 0 : 1, stdout, stderr: '' };
    },
  };
}
