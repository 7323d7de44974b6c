import type { ZodError } from "zod";

/** An error whose status, code and message are safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError(404, "not_found", `${what} was not found.`);
export const forbidden = () => new AppError(403, "forbidden", "You do not have permission to do this.");
export const unauthorized = () => new AppError(401, "unauthorized", "Sign in to continue.");

/** The fields zod rejected, named so a form can show each reason beside its input. */
export function validationError(error: ZodError, where: "query" | "body" | "params" | "headers" = "body"): AppError {
  const details = error.issues.map((issue) => ({ field: issue.path.join(".") || where, message: issue.message }));
  const first = details[0];
  const message = first ? `${first.field}: ${first.message}` : `Invalid ${where}.`;
  return new AppError(422, "validation_failed", message, details);
}
