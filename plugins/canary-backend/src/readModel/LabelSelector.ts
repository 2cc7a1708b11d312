/** A Kubernetes label selector string, as `kubectl get -l` and `backstage.io/kubernetes-label-selector` take it. */

type Requirement =
  | { key: string; operator: 'in' | 'notin'; values: string[] }
  | { key: string; operator: 'exists' | 'doesnotexist' };

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * Parses and matches label selectors with the API server's grammar (`a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas), so an entity selects in the portal
 * exactly the Deployments `kubectl get deploy -l '<selector>'` lists.
 */
export class LabelSelector {
  private constructor(private readonly requirements: Requirement[]) {}

  /** Throws an error naming the offending requirement when the selector is malformed. */
  static parse(selector: string): LabelSelector {
    const requirements = splitRequirements(selector).map(parseRequirement);
    if (requirements.length === 0) {
      throw new Error(`label selector "${selector}" is empty`);
    }
    return new LabelSelector(requirements);
  }

  /**
   * A label every matching object must carry with one of the given values (the first `=` or
   * `in` requirement), so callers can look candidates up in an index instead of testing every
   * object; undefined when the selector has no such requirement.
   */
  requiredLabel(): { key: string; values: readonly string[] } | undefined {
    const required = this.requirements.find(
      requirement => requirement.operator === 'in',
    );
    return required && 'values' in required
      ? { key: required.key, values: required.values }
      : undefined;
  }

  matches(labels: Record<string, string> | undefined): boolean {
    const present = labels ?? {};
    return this.requirements.every(requirement => {
      const has = Object.prototype.hasOwnProperty.call(
        present,
        requirement.key,
      );
      switch (requirement.operator) {
        case 'exists':
          return has;
        case 'doesnotexist':
          return !has;
        case 'in':
          return has && requirement.values.includes(present[requirement.key]);
        case 'notin':
          // As in the API server: a missing label satisfies "notin" and "!=".
          return !has || !requirement.values.includes(present[requirement.key]);
        default:
          return false;
      }
    });
  }
}

/** Splits on the commas between requirements, not those inside `in (...)` value sets. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(part => part.trim()).filter(part => part !== '');
}

function parseRequirement(text: string): Requirement {
  const fail = (why: string): never => {
    throw new Error(`label selector requirement "${text}" ${why}`);
  };
  const checkKey = (key: string) => {
    if (!KEY.test(key)) fail(`has an invalid label key "${key}"`);
    return key;
  };
  const checkValue = (value: string) => {
    if (!VALUE.test(value) || value.length > 63) {
      fail(`has an invalid label value "${value}"`);
    }
    return value;
  };

  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (set) {
    const values = set[3].split(',').map(value => checkValue(value.trim()));
    return {
      key: checkKey(set[1]),
      operator: set[2] as 'in' | 'notin',
      values,
    };
  }
  const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (equality) {
    return {
      key: checkKey(equality[1]),
      operator: equality[2] === '!=' ? 'notin' : 'in',
      values: [checkValue(equality[3])],
    };
  }
  if (text.startsWith('!')) {
    return { key: checkKey(text.slice(1).trim()), operator: 'doesnotexist' };
  }
  if (!/[\s=!()]/.test(text)) {
    return { key: checkKey(text), operator: 'exists' };
  }
  return fail(
    'is not of the form key=value, key!=value, key in (a,b), key notin (a,b), key or !key',
  );
}
