import { createUpstreamClient } from "../../server/upstream/client";
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
    const url = new URL(tokenUrl);
    // The token endpoint answers {error, error_description}, not Pax8's API error shape.
    const toError = (status: number) =>
      status === 401 || status === 403
        ? new Pax8UnauthorizedError(status, undefined, undefined, "Pax8 refused the client credentials")
        : pax8ErrorFor(status, undefined, undefined, `Pax8's token endpoint answered ${status}`);
    const endpoint = createUpstreamClient({ name: PAX8, baseUrl: new URL(".", url).href, timeoutMs, toError });
    const body = { client_id: clientId, client_secret: clientSecret, audience, grant_type: "client_credentials" };
    const answer = await endpoint.post(`${url.pathname.split("/").pop()}${url.search}`, tokenResponseSchema, body);
    const lifetimeMs = answer.expires_in * 1000;
    // Renew a minute early (or at 90% of a short lifetime) so a call never leaves with a token about to expire.
    this.current = { value: answer.access_token, renewAt: this.now() + lifetimeMs - Math.min(60_000, lifetimeMs * 0.1) };
    return answer.access_token;
  }
}
