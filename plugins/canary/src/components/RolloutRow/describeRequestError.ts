/**
 * The backend's own words for a failed request ("Only a rollout under way can be promoted; this
 * one is Succeeded (409)"): a ResponseError's message only says "Request failed with 409
 * Conflict", the backend's explanation is its cause.
 */
export function describeRequestError(error: unknown): string {
  const failure = error as {
    message?: string;
    statusCode?: number;
    cause?: { message?: string };
  };
  if (failure?.statusCode && failure.cause?.message) {
    return `${failure.cause.message} (${failure.statusCode})`;
  }
  return failure?.message ?? String(error);
}
