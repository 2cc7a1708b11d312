import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type express from 'express';

/**
 * Runs one operator operation as an audit event of the plugin's auditor: `initiated` before it,
 * then `succeeded` with what `successMeta` adds, or `failed` with the error that refused or broke
 * it (a permission denial included), which is then thrown on. `request` names the HTTP caller to
 * the auditor; an operation invoked through the actions registry has none, so `meta` always
 * carries the user it acts for.
 */
export async function auditedOperation<T>(options: {
  auditor: AuditorService;
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  request?: express.Request;
  meta: JsonObject;
  run: () => Promise<T>;
  successMeta?: (result: T) => JsonObject;
}): Promise<T> {
  const event = await options.auditor.createEvent({
    eventId: options.eventId,
    severityLevel: options.severityLevel,
    request: options.request,
    meta: options.meta,
  });
  let result: T;
  try {
    result = await options.run();
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
  await event.success({ meta: options.successMeta?.(result) });
  return result;
}
