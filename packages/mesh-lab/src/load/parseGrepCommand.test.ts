import { parseGrepCommand } from './parseGrepCommand';
import { parseShellPipeline } from './parseShellPipeline';

const grep = (cmd: string, input: string) => parseGrepCommand(parseShellPipeline(cmd)[0], cmd).run(input);
const TOKEN = '{\n  "token": "eyJ...",\n  "expires_at": "2026-01-01T00:01:00Z"\n}';

describe('parseGrepCommand', () => {
  it("selects the lines that match and exits 0, as `grep token` does on podinfo's /token answer", () => {
    expect(grep('grep token', TOKEN)).toEqual({ exitCode: 0, stdout: '  "token": "eyJ...",\n', stderr: '' });
  });

  it('exits 1 with nothing printed when no line matches, an empty body included', () => {
    expect(grep('grep token', '')).toEqual({ exitCode: 1, stdout: '', stderr: '' });
    expect(grep('grep token', '{\n  "status": 500\n}')).toEqual({ exitCode: 1, stdout: '', stderr: '' });
  });

  it('honours -q, -c, -v, -i, -w, -x, -o, -F and several -e patterns', () => {
    expect(grep('grep -q token', TOKEN)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(grep(`grep -c '"'`, TOKEN).stdout).toBe('2\n');
    expect(grep('grep -v token', 'a\ntoken\n').stdout).toBe('a\n');
    expect(grep('grep -iq TOKEN', TOKEN).exitCode).toBe(0);
    expect(grep('grep -w tok', TOKEN).exitCode).toBe(1);
    expect(grep('grep -x b', 'ab\nb\n').stdout).toBe('b\n');
    expect(grep("grep -oE '[0-9]+'", 'v6.1.0').stdout).toBe('6\n1\n0\n');
    expect(grep("grep -F '6.1.0'", '6x1y0\n6.1.0\n').stdout).toBe('6.1.0\n');
    expect(grep('grep -e alpha -e beta', 'alpha\nbeta\ngamma').stdout).toBe('alpha\nbeta\n');
  });

  it('reads basic and extended regular expressions as GNU grep does', () => {
    expect(grep("grep '6.1.0'", '6x1y0').exitCode).toBe(0); // . is any character
    expect(grep("grep 'a+'", 'aaa\na+\n').stdout).toBe('a+\n'); // + is literal in basic syntax
    expect(grep("grep 'a\\+'", 'aaa\n').stdout).toBe('aaa\n');
    expect(grep("grep -E 'a+'", 'aaa\n').stdout).toBe('aaa\n');
    expect(grep("grep 'x\\(ab\\)\\{2\\}'", 'xabab\nxab\n').stdout).toBe('xabab\n');
    expect(grep("grep -E '(ab){2}|^z'", 'abab\nzz\nab\n').stdout).toBe('abab\nzz\n');
    expect(grep("grep '^\"status\": [[:digit:]]*$'", '"status": 200').exitCode).toBe(0);
    expect(grep("grep 'a^b'", 'a^b').exitCode).toBe(0); // ^ is literal inside a basic pattern
    expect(grep("grep '[\\.]'", 'a\\b').exitCode).toBe(0); // a backslash is literal in brackets
    expect(grep("grep '[]a]'", ']').exitCode).toBe(0);
  });

  it('refuses files and options the lab does not simulate', () => {
    expect(() => grep('grep token body.json', '')).toThrow(
      'the lab has no files for grep to read; it greps what the stage before it printed',
    );
    expect(() => grep('grep -r token', '')).toThrow("the lab does not simulate grep's -r option");
    expect(() => grep('grep --color=auto x', '')).toThrow("the lab does not simulate grep's --color option");
    expect(() => grep('grep', '')).toThrow('grep needs a pattern');
  });
});
