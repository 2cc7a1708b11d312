/** One matcher call of a Traefik rule, e.g. Host(`app.example.com`), possibly negated. */
export interface TraefikMatcherCall {
  name: string;
  args: string[];
  negated: boolean;
}

/** Recursive descent over the tokens: expression = term (|| term)*, term = factor (&& factor)*. */
class RuleParser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): TraefikMatcherCall[][] | undefined {
    let result = this.term();
    while (result && this.peek() === '||') {
      this.next();
      const right = this.term();
      result = right && [...result, ...right];
    }
    return result;
  }

  private term(): TraefikMatcherCall[][] | undefined {
    let result = this.factor();
    while (result && this.peek() === '&&') {
      this.next();
      const right = this.factor();
      result = right && result.flatMap(l => right.map(r => [...l, ...r]));
    }
    return result;
  }

  private factor(): TraefikMatcherCall[][] | undefined {
    const token = this.next();
    if (token === '(') {
      const inner = this.expression();
      return this.next() === ')' ? inner : undefined;
    }
    if (token === '!') {
      // Only a single call can be negated without leaving the normal form.
      const inner = this.factor();
      if (!inner || inner.length !== 1 || inner[0].length !== 1) return undefined;
      return [[{ ...inner[0][0], negated: !inner[0][0].negated }]];
    }
    if (typeof token !== 'object' || token.kind !== 'name') return undefined;
    if (this.next() !== '(') return undefined;
    const args: string[] = [];
    for (;;) {
      const arg = this.next();
      if (typeof arg !== 'object' || arg.kind !== 'string') return undefined;
      args.push(arg.value);
      const separator = this.next();
      if (separator === ')') break;
      if (separator !== ',') return undefined;
    }
    return [[{ name: token.value, args, negated: false }]];
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token | undefined {
    return this.tokens[this.at++];
  }
}

/**
 * Parses a Traefik router rule (`Host(\`a.example.com\`) && (PathPrefix(\`/api\`) ||
 * Header(\`X-Canary\`, \`insider\`))`) into its disjunctive normal form: the request matches
 * when all the calls of any one of the returned lists match. Arguments are back-quoted or
 * double-quoted strings, as Traefik writes them; `!` negates one call. Undefined when the rule is
 * not of that grammar (Traefik refuses such a router).
 */
export function parseTraefikRule(rule: string): TraefikMatcherCall[][] | undefined {
  const tokens = tokenize(rule);
  if (!tokens) return undefined;
  const parser = new RuleParser(tokens);
  const result = parser.expression();
  return result && parser.done() ? result : undefined;
}

type Token = '(' | ')' | ',' | '&&' | '||' | '!' | { kind: 'name' | 'string'; value: string };

function tokenize(rule: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === '!') {
      tokens.push(c);
      i++;
    } else if (rule.startsWith('&&', i) || rule.startsWith('||', i)) {
      tokens.push(rule.slice(i, i + 2) as '&&' | '||');
      i += 2;
    } else if (c === '`' || c === '"') {
      const end = rule.indexOf(c, i + 1);
      if (end < 0) return undefined;
      tokens.push({ kind: 'string', value: rule.slice(i + 1, end) });
      i = end + 1;
    } else {
      const name = /^[A-Za-z]+/.exec(rule.slice(i));
      if (!name) return undefined;
      tokens.push({ kind: 'name', value: name[0] });
      i += name[0].length;
    }
  }
  return tokens;
}
