import { UpstreamError, upstreamFetch } from "../../server/upstream/http";
import { type AccountInfo, accountInfoSuccess, IMAI_ACCOUNT_INFO_PATH, imaiErrorBody } from "./contract";

export interface ImaiClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

export const IMAI = "IMAI";

/** Typed client of IMAI's account endpoint. */
export function createImaiClient({ baseUrl, apiKey, timeoutMs }: ImaiClientOptions) {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return {
    async accountInfo(): Promise<AccountInfo> {
      const res = await upstreamFetch({ upstream: IMAI, url: new URL(IMAI_ACCOUNT_INFO_PATH, root).toString(), headers: { authkey: apiKey }, timeoutMs });
      const ok = accountInfoSuccess.safeParse(res.body);
      if (res.status >= 200 && res.status < 300 && ok.success) return ok.data;
      const failure = imaiErrorBody.safeParse(res.body);
      if (res.status < 300)
        throw new UpstreamError(
          IMAI,
          "invalid_response",
          "IMAI sent an account answer the console does not understand",
          res.status,
          failure.success ? failure.data.error : undefined,
        );
      const retryAfter = Number(res.headers.get("retry-after"));
      throw new UpstreamError(
        IMAI,
        "http",
        `IMAI answered ${res.status}`,
        res.status,
        failure.success ? failure.data.error : undefined,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    },
  };
}
