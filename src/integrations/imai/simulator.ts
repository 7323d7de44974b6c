import { listenSimulator, SimulatorControl, simulatorApp } from "../../server/simulator-kit";
import type { ImaiErrorBody } from "./contract";

export const SIMULATOR_IMAI_KEY = "sim-imai-key";
export const SIMULATOR_IMAI_PLAN = 10_000;

export class ImaiSimulatorControl extends SimulatorControl {
  credits = 7_540;
  /** IMAI allows 10 requests a second. */
  readonly perSecond = 10;
  /** Requests refused for going over the rate. */
  limited = 0;
  private window: { second: number; count: number } = { second: 0, count: 0 };

  consume(n: number): void {
    this.credits = Math.max(0, this.credits - n);
  }

  /** False when this request goes over the per-second limit. */
  admit(): boolean {
    const second = Math.floor(Date.now() / 1000);
    if (this.window.second !== second) this.window = { second, count: 0 };
    const admitted = ++this.window.count <= this.perSecond;
    if (!admitted) this.limited++;
    return admitted;
  }
}

const invalidKey = { status: 403, code: "invalid_api_key", message: "The API key is invalid." };
const error = (code: string, message: string): ImaiErrorBody => ({ success: false, error: code, error_message: message });

/** IMAI's /account/info/ as docs/architecture.md's facts describe it: `authkey` header, credits, its error bodies, 10 requests a second. */
export async function startImaiSimulator(options: { credits?: number } = {}) {
  const control = new ImaiSimulatorControl();
  if (options.credits !== undefined) control.credits = options.credits;
  const app = simulatorApp(control, {
    errorBody: (_status, code, message) => error(code, message),
    invalidKey,
    auth: (request) => {
      const key = request.headers.authkey;
      if (!key) return { status: 401, code: "not_authenticated", message: "Missing authkey header." };
      return key === SIMULATOR_IMAI_KEY ? null : invalidKey;
    },
  });
  app.get("/account/info/", async (_request, reply) => {
    if (!control.admit()) return reply.code(429).header("retry-after", "1").send(error("rate_limit_exceeded", "At most 10 requests a second."));
    return { success: true, credits: control.credits };
  });
  return listenSimulator(app, control, () => ({ IMAI_API_KEY: SIMULATOR_IMAI_KEY, IMAI_CREDITS_TOTAL: String(SIMULATOR_IMAI_PLAN) }));
}
