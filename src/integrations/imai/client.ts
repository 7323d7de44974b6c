import { createUpstreamClient } from "../../server/upstream/client";
import { accountInfoSuccess, imaiErrorBody } from "./contract";

export const IMAI = "IMAI";

/** IMAI's account endpoint: header `authkey` (no "Bearer"), its error code from `{success: false, error}`. */
export function createImaiClient({ baseUrl, apiKey, timeoutMs }: { baseUrl: string; apiKey: string; timeoutMs?: number }) {
  const upstream = createUpstreamClient({
    name: IMAI,
    baseUrl,
    timeoutMs,
    auth: () => ({ authkey: apiKey }),
    errorCode: (body) => imaiErrorBody.safeParse(body).data?.error,
    // IMAI allows 10 requests a second.
    ratePerSecond: 10,
  });
  return { accountInfo: () => upstream.get("account/info/", accountInfoSuccess) };
}
