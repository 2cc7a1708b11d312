import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** One audit event as Backstage's auditor logs it: its `initiated`, `succeeded` or `failed` line. */
export interface RecordedAuditEvent {
  plugin: string;
  eventId: string;
  severityLevel: string;
  status: 'initiated' | 'succeeded' | 'failed';
  /** Who the auditor says acted: the caller of the request, or the plugin itself without one. */
  actorId?: string;
  meta?: JsonObject;
  /** The message of a failed event's error. */
  error?: string;
}

interface LogLine {
  fields: Record<string, unknown>;
  message: string;
  meta?: Error | JsonObject;
}

/**
 * A root logger that keeps every line, for tests that read what the backend's real services log:
 * Backstage's default auditor writes each audit event to the plugin's logger (`isAuditEvent`), so
 * a backend started with `factory()` shows its audit trail in `auditEvents()` as production logs it.
 */
export class RecordingRootLogger implements RootLoggerService {
  private constructor(
    private readonly lines: LogLine[],
    private readonly fields: Record<string, unknown>,
  ) {}

  static create(): RecordingRootLogger {
    return new RecordingRootLogger([], {});
  }

  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this,
    });
  }

  auditEvents(): RecordedAuditEvent[] {
    return this.lines
      .filter(line => line.fields.isAuditEvent === true)
      .map(line => {
        // A failed event's fields are on a child logger, and its error is the line's meta.
        const failed = line.meta instanceof Error;
        const event = {
          ...line.fields,
          ...(failed ? {} : line.meta),
        } as Record<string, any>;
        return {
          plugin: event.plugin,
          eventId: event.eventId,
          severityLevel: event.severityLevel,
          status: event.status,
          actorId: event.actor?.actorId,
          meta: event.meta,
          ...(failed ? { error: (line.meta as Error).message } : {}),
        };
      });
  }

  error(message: string, meta?: Error | JsonObject): void {
    this.lines.push({ fields: this.fields, message, meta });
  }
  warn(message: string, meta?: Error | JsonObject): void {
    this.lines.push({ fields: this.fields, message, meta });
  }
  info(message: string, meta?: Error | JsonObject): void {
    this.lines.push({ fields: this.fields, message, meta });
  }
  debug(message: string, meta?: Error | JsonObject): void {
    this.lines.push({ fields: this.fields, message, meta });
  }
  child(meta: JsonObject): LoggerService {
    return new RecordingRootLogger(this.lines, { ...this.fields, ...meta });
  }
}
