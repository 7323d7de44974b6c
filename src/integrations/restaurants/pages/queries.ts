import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { http } from "../../../client/http";
import type { Envelope, ReadMeta } from "../../usage";
import { type AlertsCount, BFF, type RenewalsResponse, type RenewInput, type RenewOutcome, type RenewResponseBody } from "../api";

/** The header badge's query; a renewal invalidates it so the count follows at once. */
export const ALERTS_COUNT_KEY = ["restaurants", "alerts-count"] as const;
export const renewalsKey = (id: string) => ["restaurants", "renewals", id] as const;
export const BADGE_REFRESH_MS = 60_000;

/** One key per renewal the user means: the dialog keeps it across retries of the same renewal. */
export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** `answered`: the server gave its (final) answer to this key, so a further click is a new renewal the user means. */
export type Attempt = { input: RenewInput; key: string; answered?: boolean };

/**
 * The same amount and reason as a try whose answer never arrived keep its key, so a lost answer is
 * not a second renewal; once the server has answered (it replays that answer for the key), or with
 * another amount or reason, it is a new renewal with a new key.
 */
export function nextAttempt(last: Attempt | null, input: RenewInput, makeKey = newIdempotencyKey): Attempt {
  if (last && !last.answered && last.input.amount === input.amount && last.input.reason === input.reason) return last;
  return { input, key: makeKey() };
}

/** After a failure: did the server answer for the key (anything but no answer, or 409 "still running")? */
export function answeredBy(last: Attempt, statusCode: number | undefined): Attempt {
  return { ...last, answered: Boolean(statusCode) && statusCode !== 409 };
}

/** Renews and refreshes what depends on it: the badge count and this restaurant's renewals. */
export function useRenew() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (v: { restaurantId: string; input: RenewInput; key: string }): Promise<RenewOutcome> =>
      (await http.post<RenewResponseBody>(BFF.renew(v.restaurantId), v.input, { headers: { "Idempotency-Key": v.key } })).data.data,
    onSettled: (_data, _error, v) => {
      void client.invalidateQueries({ queryKey: ALERTS_COUNT_KEY });
      void client.invalidateQueries({ queryKey: renewalsKey(v.restaurantId) });
    },
  });
}

export function useAlertsCount(enabled: boolean) {
  return useQuery({
    queryKey: ALERTS_COUNT_KEY,
    queryFn: async () => (await http.get<Envelope<AlertsCount>>(BFF.alertsCount)).data.data,
    enabled,
    refetchInterval: BADGE_REFRESH_MS,
    staleTime: 30_000,
    retry: false,
  });
}

export function useRenewals(restaurantId: string | undefined) {
  return useQuery({
    queryKey: renewalsKey(restaurantId ?? ""),
    queryFn: async () => (await http.get<RenewalsResponse>(BFF.renewals(restaurantId!))).data.data,
    enabled: Boolean(restaurantId),
  });
}

/** Benchmarks read this mark: set when a list page's rows are on screen. */
export const ROWS_MARK = "restaurants:rows";
export function markRows(offset: number): void {
  if (typeof performance !== "undefined") performance.mark(ROWS_MARK, { detail: { offset } });
}

/** A single record's read keeps the envelope's meta beside its data (Refine's type does not say so). */
export const metaOf = (result: unknown) => (result as { meta?: ReadMeta } | undefined)?.meta;
