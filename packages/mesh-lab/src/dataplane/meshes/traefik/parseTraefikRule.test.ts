import { parseTraefikRule } from './parseTraefikRule';

const call = (name: string, ...args: string[]) => ({ name, args, negated: false });

describe('parseTraefikRule', () => {
  it('reads a conjunction of matchers with back-quoted and double-quoted arguments', () => {
    expect(parseTraefikRule('Host(`app.example.com`) && PathPrefix("/api")')).toEqual([
      [call('Host', 'app.example.com'), call('PathPrefix', '/api')],
    ]);
  });

  it('distributes && over || and parentheses into the alternatives a request can match', () => {
    expect(
      parseTraefikRule('Host(`a.example.com`, `b.example.com`) && (Header(`X-Canary`, `insider`) || Method(`POST`))'),
    ).toEqual([
      [call('Host', 'a.example.com', 'b.example.com'), call('Header', 'X-Canary', 'insider')],
      [call('Host', 'a.example.com', 'b.example.com'), call('Method', 'POST')],
    ]);
  });

  it('negates one matcher', () => {
    expect(parseTraefikRule('!PathPrefix(`/admin`)')).toEqual([[{ ...call('PathPrefix', '/admin'), negated: true }]]);
  });

  it.each(['Host(`a`', 'Host(a)', 'Host(`a`) &&', '!(Host(`a`) || Host(`b`))', 'Host(`a`) Path(`/`)'])(
    'is undefined for %s, which Traefik refuses',
    rule => expect(parseTraefikRule(rule)).toBeUndefined(),
  );
});
