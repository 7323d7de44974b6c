import type { z } from "zod";
import { UpstreamError } from "../../server/upstream/http";
import { type Pax8ErrorBody, pax8ErrorSchema } from "./contract";

export const PAX8 = "Pax8";

export type FieldIssue = { field: string; message: string };

/** Input the client refused before sending anything; `field` names the first offending one. */
export class Pax8ValidationError extends Error {
  readonly field: string;
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join("; ") || "Invalid input");
    this.name = "Pax8ValidationError";
    this.field = issues[0]?.field ?? "input";
  }

  static fromZod(error: z.ZodError, fallbackField: string): Pax8ValidationError {
    return new Pax8ValidationError(error.issues.map((i) => ({ field: i.path.join(".") || fallbackField, message: i.message })));
  }
}

/** Pax8's `type` is the HTTP error's name: derived from the status, so it is there without a body too (the token endpoint). */
const HTTP_TYPES: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 422: "Unprocessable Entity", 429: "Too Many Requests" };

/**
 * An error answer from Pax8. It is an UpstreamError, so the server's cache and error mapping treat
 * it like any upstream's. Pax8's own body is kept on `body` (not enumerable, so a logged error never
 * carries it); `message` is ours.
 */
export class Pax8ApiError extends UpstreamError {
  declare readonly body: Pax8ErrorBody | undefined;
  constructor(status: number, body: Pax8ErrorBody | undefined, retryAfterS?: number, message = `Pax8 answered ${status}`) {
    super(PAX8, "http", message, status, HTTP_TYPES[status] ?? body?.type, retryAfterS);
    this.name = (new.target as { label?: string }).label ?? "Pax8ApiError";
    Object.defineProperty(this, "body", { value: body, enumerable: false });
  }

  /** The messages Pax8 gave in `details` (for the library's user; the server does not show them). */
  get detailMessages(): string[] {
    return (this.body?.details ?? []).map((d) => d.message).filter((m): m is string => Boolean(m));
  }
}

/** The typed errors, one a status; each is a Pax8ApiError named after its class. */
const TYPES: Record<number, typeof Pax8ApiError> = {};
function kind(label: string, status?: number) {
  const Kind = class extends Pax8ApiError {
    static readonly label = label;
  };
  if (status) TYPES[status] = Kind;
  return Kind;
}
export const Pax8UnauthorizedError = kind("Pax8UnauthorizedError", 401);
export const Pax8ForbiddenError = kind("Pax8ForbiddenError", 403);
export const Pax8NotFoundError = kind("Pax8NotFoundError", 404);
export const Pax8UnprocessableError = kind("Pax8UnprocessableError", 422);
export const Pax8RateLimitError = kind("Pax8RateLimitError", 429);
export const Pax8ServerError = kind("Pax8ServerError");

/** The typed error for a status Pax8 answered with (its body, when it is Pax8's error shape). */
export function pax8ErrorFor(status: number, body: unknown, retryAfterS?: number, message?: string): Pax8ApiError {
  const Type = TYPES[status] ?? (status >= 500 ? Pax8ServerError : Pax8ApiError);
  return new Type(status, pax8ErrorSchema.safeParse(body).data, retryAfterS, message);
}
