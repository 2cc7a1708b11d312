import { parseCurlCommand } from './parseCurlCommand';
import { parseShellPipeline } from './parseShellPipeline';

const curl = (cmd: string) => parseCurlCommand(parseShellPipeline(cmd)[0], cmd);

describe('parseCurlCommand', () => {
  it("reads Flagger's `curl -sd 'test' .../token` as a silent POST with a form body", () => {
    expect(curl("curl -sd 'test' http://podinfo-canary:9898/token")).toEqual({
      url: new URL('http://podinfo-canary:9898/token'),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'test',
      fail: 'no',
      silent: true,
      showError: false,
      discardBody: false,
      retries: 0,
    });
  });

  it('reads bundled and attached short options, headers, -X, -w, -o /dev/null and --retry', () => {
    const c = curl(
      "curl -sSfL -XPUT -H 'Host: app.example.com' -H 'x-user: insider' -o /dev/null -w '%{http_code}' --retry 3 envoy.projectcontour/status/500",
    );
    expect(c).toMatchObject({
      url: new URL('http://envoy.projectcontour/status/500'),
      method: 'PUT',
      headers: { host: 'app.example.com', 'x-user': 'insider' },
      fail: 'fail',
      silent: true,
      showError: true,
      discardBody: true,
      writeOut: '%{http_code}',
      retries: 3,
    });
    expect(curl('curl --fail-with-body --json \'{"a":1}\' http://x/').headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(curl('curl -d a=1 -d b=2 http://x/').body).toBe('a=1&b=2');
    expect(curl('curl --data-urlencode "name=a b" http://x/').body).toBe('name=a%20b');
    expect(curl('curl -u user:pw http://x/').headers.authorization).toBe('Basic dXNlcjpwdw==');
  });

  it('refuses, by name, options whose effect the lab cannot reproduce', () => {
    const refused = (cmd: string, why: string) => expect(() => curl(cmd)).toThrow(`\`${cmd}\`: ${why}`);
    refused('curl -m 5 http://x/', 'the lab does not simulate response times, so it cannot honour a --max-time');
    refused('curl -i http://x/', 'the lab does not simulate response headers');
    refused('curl -v http://x/', "the lab cannot reproduce curl's verbose trace");
    refused('curl -o body.txt http://x/', 'the lab writes no files; only -o /dev/null is simulated');
    refused('curl -d @payload.json http://x/', 'the lab has no files to read request data from');
    refused("curl -w '%{time_total}' http://x/", "the lab simulates -w's %{http_code} only (got %{time_total})");
    refused('curl --resolve x:80:1.2.3.4 http://x/', "the lab does not simulate curl's --resolve option");
    refused('curl --data=x http://x/', "the lab does not simulate curl's --data=x option");
    refused('curl -s', 'it names no URL');
    refused('curl http://a/ http://b/', 'the lab simulates one URL per curl');
    refused('curl http://x/[1-3]', "the lab does not expand curl's URL globs");
    refused('curl ftp://x/', 'the lab simulates HTTP only (got ftp:)');
    refused('curl -H', 'option -H needs a value');
  });
});
