import { UpstreamError, upstreamFetch } from "../../server/upstream/http";
import { tokenResponseSchema } from "./contract";
import { PAX8, Pax8UnauthorizedError, pax8ErrorFor } from "./errors";

export const DEFAULT_TOKEN_URL = "https://api.pax8.com/v1/token";
export const DEFAULT_AUDIENCE = "https://api.pax8.com";

export interface TokenSourceOptions {
  tokenUrl?: string;
  clientId: string;
  clientSecret: string;
  audience?: string;
  timeoutMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * OAuth2 client credentials for Pax8: one token, reused until shortly before it expires, and one
 * token request however many calls need it at once.
 */
export class Pax8TokenSource {
  private current: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid access token: the one held, or a new one (shared by every caller waiting for it). */
  get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.value);
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` after Pax8 refused it; a token obtained since is kept. */
  invalidate(token: string): void {
    if (this.current?.value === token) this.current = undefined;
  }

  private async request(): Promise<string> {
    const { tokenUrl = DEFAULT_TOKEN_URL, clientId, clientSecret, audience = DEFAULT_AUDIENCE, timeoutMs } = this.options;
    const res = await upstreamFetch({
      upstream: PAX8,
      url: tokenUrl,
      method: "POST",
      body: { client_id: clientId, client_secret: clientSecret, audience, grant_type: "client_credentials" },
      timeoutMs,
      retries: 0,
    });
    if (res.status === 401 || res.status === 403) {
      // The token endpoint answers {error, error_description}, not Pax8's API error shape.
      throw new Pax8UnauthorizedError(res.status, undefined, undefined, "Pax8 refused the client credentials");
    }
    if (res.status < 200 || res.status >= 300) throw pax8ErrorFor(res.status, undefined, undefined, `Pax8's token endpoint answered ${res.status}`);
    const parsed = tokenResponseSchema.safeParse(res.body);
    if (!parsed.success) throw new UpstreamError(PAX8, "invalid_response", "Pax8 sent a token answer the console does not understand", res.status);
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Renew a minute early (or at 90% of a short lifetime) so a call never leaves with a token about to expire.
    const margin = Math.min(60_000, lifetimeMs * 0.1);
    this.current = { value: parsed.data.access_token, renewAt: this.now() + lifetimeMs - margin };
    return parsed.data.access_token;
  }
}
