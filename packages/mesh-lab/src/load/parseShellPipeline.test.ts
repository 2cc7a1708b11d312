import { parseShellPipeline } from './parseShellPipeline';

describe('parseShellPipeline', () => {
  it("reads Flagger's acceptance test as a curl stage piped into grep, quotes removed", () => {
    expect(parseShellPipeline("curl -sd 'test' http://podinfo-canary:9898/token | grep token")).toEqual([
      ['curl', '-sd', 'test', 'http://podinfo-canary:9898/token'],
      ['grep', 'token'],
    ]);
  });

  it('honours double quotes, backslashes, adjacent quoting and comments', () => {
    expect(parseShellPipeline(`curl -H "X-Canary: \\"insider\\"" a\\ b 'it''s'|grep -q x # check`)).toEqual([
      ['curl', '-H', 'X-Canary: "insider"', 'a b', 'its'],
      ['grep', '-q', 'x'],
    ]);
    expect(parseShellPipeline("grep ''")).toEqual([['grep', '']]);
    expect(parseShellPipeline('   ')).toEqual([]);
  });

  it('refuses what the lab cannot run, naming the construct', () => {
    const refused = (cmd: string, why: string) =>
      expect(() => parseShellPipeline(cmd)).toThrow(`mesh-lab load tester cannot run \`${cmd}\`: ${why}`);
    refused('curl a && echo ok', 'the lab runs a single pipeline, not `&&` lists');
    refused('curl a || true', 'the lab runs a single pipeline, not `||` lists');
    refused('curl a; curl b', 'the lab runs a single pipeline, not a list of commands');
    refused('curl a > out', 'the lab does not simulate redirections');
    refused('curl $URL', 'the lab does not expand variables or commands');
    refused('curl "$(cat url)"', 'the lab does not expand variables or commands');
    refused('hey -z 1m a &', 'the lab does not run commands in the background (`&`)');
    refused('(curl a)', 'the lab does not run subshells');
    refused("curl 'a", 'its single quote is never closed');
    refused('curl a |', 'a pipeline stage is empty');
    refused('| grep x', 'a pipeline stage is empty');
  });
});
