import { CommandRefusal } from './CommandRefusal';

/**
 * Reads a `bash -c` command line as a pipeline of simple commands (`curl ... | grep x`): the
 * words of each stage after quote removal (single quotes, double quotes, backslashes), with
 * `#` comments dropped. Everything else the shell would do (lists, redirections, expansions,
 * subshells) the lab cannot simulate, so it refuses the command by naming the construct.
 */
export function parseShellPipeline(command: string): string[][] {
  const refuse = (why: string) => new CommandRefusal(command, why);
  const stages: string[][] = [[]];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) stages[stages.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw refuse('its single quote is never closed');
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; ; i++) {
        if (i >= command.length) throw refuse('its double quote is never closed');
        const d = command[i];
        if (d === '"') break;
        if (d === '$' || d === '`') throw refuse('the lab does not expand variables or commands');
        if (d === '\\' && '"\\$`\n'.includes(command[i + 1] ?? '')) text += command[++i];
        else text += d;
      }
      word = (word ?? '') + text;
    } else if (c === '\\') {
      if (i + 1 >= command.length) throw refuse('it ends with a backslash');
      word = (word ?? '') + command[++i];
    } else if (c === '#' && word === undefined) {
      const newline = command.indexOf('\n', i);
      if (newline < 0) break;
      i = newline - 1;
    } else if (c === '|') {
      if (command[i + 1] === '|') throw refuse('the lab runs a single pipeline, not `||` lists');
      endWord();
      if (stages[stages.length - 1].length === 0) throw refuse('a pipeline stage is empty');
      stages.push([]);
    } else if (c === '&') {
      throw refuse(
        command[i + 1] === '&'
          ? 'the lab runs a single pipeline, not `&&` lists'
          : 'the lab does not run commands in the background (`&`)',
      );
    } else if (c === ';' || c === '\n') {
      throw refuse('the lab runs a single pipeline, not a list of commands');
    } else if (c === '>' || c === '<') {
      throw refuse('the lab does not simulate redirections');
    } else if (c === '$' || c === '`') {
      throw refuse('the lab does not expand variables or commands');
    } else if (c === '(' || c === ')') {
      throw refuse('the lab does not run subshells');
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  if (stages.length > 1 && stages[stages.length - 1].length === 0) {
    throw refuse('a pipeline stage is empty');
  }
  return stages[0].length === 0 ? [] : stages;
}
