import { AppError } from "../errors";
import { UpstreamError } from "./http";

/** An integration's own words for its upstream's failures; the core's are used for the rest. */
export interface FailureWords {
  /** Sentences for the upstream's own error codes (`UpstreamError.upstreamCode`). */
  codes?: Record<string, string>;
  /** The sentence for any other answered error, where a spec prescribes one. */
  otherwise?: string;
}

const seconds = (n: number) => `${n} second${n === 1 ? "" : "s"}`;

/**
 * The one way a failure is said to a person, with the status the console answers: no upstream
 * body, no URL, no credential, and a next step where there is one.
 */
export function failureToAppError(error: UpstreamError, words: FailureWords = {}): AppError {
  const name = error.upstream;
  const own = error.upstreamCode ? words.codes?.[error.upstreamCode] : undefined;
  switch (error.failure) {
    case "not_configured":
      return new AppError(503, "not_configured", `${name} is not configured.`);
    case "timeout":
      return new AppError(504, "upstream_timeout", `${name} did not answer in time. Try again.`);
    case "network":
      return new AppError(502, "upstream_unreachable", `${name} could not be reached. Try again.`);
    case "invalid_response":
      return new AppError(502, "upstream_invalid", `${name} sent an answer the console does not understand.`);
    case "http":
      if (error.status === 429) {
        const wait = Math.max(1, Math.ceil(error.retryAfterS ?? 30));
        return new AppError(429, "upstream_rate_limited", own ?? `${name} is rate limiting requests. Try again in ${seconds(wait)}.`, undefined, {
          "retry-after": String(wait),
        });
      }
      if (error.status === 404) return new AppError(404, "not_found", own ?? `${name} has no such item.`);
      if (error.status === 401 || error.status === 403) return new AppError(502, "upstream_auth", own ?? `${name} refused the console's credentials.`);
      return new AppError(502, "upstream_error", own ?? words.otherwise ?? `${name} answered with an error (${error.status}). Try again.`);
  }
}

/** The sentence for anything a read threw. */
export function describeFailure(error: unknown, words: FailureWords = {}): string {
  if (error instanceof UpstreamError) return failureToAppError(error, words).message;
  if (error instanceof AppError) return error.message;
  return words.otherwise ?? "Something went wrong. Try again.";
}

export const SHOWING_LAST_KNOWN = "Showing the last known figures.";
