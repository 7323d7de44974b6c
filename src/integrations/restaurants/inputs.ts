import { z } from "zod";
import { refreshParam } from "../../server/refresh";
import { ALERTS_PAGE, DEFAULT_ALERT_THRESHOLD, IDEMPOTENCY_HEADER, RENEW_DEFAULT_AMOUNT, RENEW_MAX_AMOUNT, RENEW_REASON_MAX, USAGE_PAGE } from "./api";

/** What the BFF's restaurant routes accept (zod): a wrong value is a 422 that names the field. */
const { refresh } = refreshParam;
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(USAGE_PAGE.max).default(USAGE_PAGE.default),
  offset,
  refresh,
});

export const alertsQuery = z.object({
  // A blank threshold means the default, not 0 (which would list every restaurant).
  threshold: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).max(1).default(DEFAULT_ALERT_THRESHOLD)),
  limit: z.coerce.number().int().min(1).max(ALERTS_PAGE.max).default(ALERTS_PAGE.default),
  offset,
  refresh,
});

export const readQuery = z.object({ refresh });

/** Restaurant ids are cuids; anything else never reaches the upstream's URL. */
export const restaurantParams = z.object({
  restaurantId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a restaurant id (letters, digits, - and _)"),
});

export const renewInput = z.object({
  amount: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(RENEW_MAX_AMOUNT, `must be at most ${RENEW_MAX_AMOUNT}`)
    .default(RENEW_DEFAULT_AMOUNT),
  reason: z.string("is required").trim().min(1, "is required").max(RENEW_REASON_MAX, `must be at most ${RENEW_REASON_MAX} characters`),
});
export const renewHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z.string("is required: one key for each renewal").regex(/^[\x21-\x7e]{8,200}$/, "must be 8–200 visible ASCII characters"),
});
