import { Agent } from 'undici';

/** The TLS trust of requests to one server: its CA, a client certificate, or no verification. */
export interface TlsSettings {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

/**
 * One undici Agent for the TLS settings last asked for, and a new one when they change (a
 * re-read CA file that was rotated); Node's defaults when there is nothing to set.
 */
export class TlsAgents {
  private current?: { key: string; agent: Agent };

  for(settings: TlsSettings): Agent | undefined {
    if (
      !settings.ca &&
      !settings.cert &&
      !settings.key &&
      settings.rejectUnauthorized
    ) {
      return undefined;
    }
    const key = JSON.stringify(settings);
    if (this.current?.key !== key) {
      // Requests still using the old agent finish; it closes after them.
      void this.current?.agent.close().catch(() => undefined);
      this.current = { key, agent: new Agent({ connect: settings }) };
    }
    return this.current.agent;
  }
}
