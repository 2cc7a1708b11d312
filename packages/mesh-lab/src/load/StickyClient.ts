import { CookieJar } from 'tough-cookie';
import type { BatchResult } from '../dataplane/MeshDataPlane';

/**
 * One client of a sticky load stream: it keeps the cookies its answers set, as a browser does
 * (tough-cookie's jar: Max-Age, Expires, Path and Domain honoured, `Max-Age=-1` deletes), sends
 * them with every request, and counts who answered it.
 */
export class StickyClient {
  private readonly jar = new CookieJar();
  /** Answers by the workload that gave them. */
  readonly served: Record<string, number> = {};

  /** @param url - where it sends, for the jar's domain and path rules: `http://podinfo.test/`. */
  constructor(private readonly url: string) {}

  /** The Cookie header it sends now, '' when it holds none. */
  cookie(): string {
    return this.jar.getCookieStringSync(this.url);
  }

  /** Takes in one answer: the cookies it sets, and who gave it. */
  receive(result: Pick<BatchResult, 'served' | 'responseHeaders'>): void {
    for (const [name, value] of result.responseHeaders) {
      // A cookie a browser would refuse (another Domain, say) is dropped as the browser drops it.
      if (name === 'set-cookie') this.jar.setCookieSync(value, this.url, { ignoreError: true });
    }
    for (const [workload, count] of Object.entries(result.served)) {
      this.served[workload] = (this.served[workload] ?? 0) + count;
    }
  }
}
