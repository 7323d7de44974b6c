import type { HttpError } from "@refinedev/core";
import axios, { type AxiosError } from "axios";

/** The server's error body: `{error: {code, message, details?}, requestId}`. */
interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: Array<{ field: string; message: string }> };
  requestId?: string;
}

export type ApiError = HttpError & { code?: string; requestId?: string };

/** Turns any failed request into Refine's HttpError, with field errors for a 422. */
export function toHttpError(error: AxiosError<ApiErrorBody>): ApiError {
  const status = error.response?.status ?? 0;
  const body = error.response?.data;
  const message =
    body?.error?.message ??
    (status === 0 ? "The console's server could not be reached. Check your connection and try again." : `The request failed (${status}). Try again.`);
  const errors = body?.error?.details && Object.fromEntries(body.error.details.map((d) => [d.field, d.message]));
  return { message, statusCode: status, errors, code: body?.error?.code, requestId: body?.requestId };
}

/** The one HTTP client of the browser: same-origin, cookie session, JSON. */
export const http = axios.create({ baseURL: "/api", withCredentials: true, timeout: 30_000 });
http.interceptors.response.use(
  (response) => response,
  (error: AxiosError<ApiErrorBody>) => Promise.reject(toHttpError(error)),
);

/** A user-facing sentence for whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string") return error.message;
  return "Something went wrong. Try again.";
}
