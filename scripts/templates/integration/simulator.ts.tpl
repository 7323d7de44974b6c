import { listenSimulator, paginate, SimulatorControl, simulatorApp } from "../../server/simulator-kit";
import type { ErrorBody, Item } from "./contract";

export const SIMULATOR_{{ENV}}_KEY = "sim-{{id}}-key";

/** The simulator's failure switches (from the kit) and its state: a small list that tests and demos change. */
export class {{Name}}SimulatorControl extends SimulatorControl {
  /** The account's allowance. */
  limit = 10_000;
  items: Item[] = [
    { id: "item-1", name: "First widget", used: 1_200, limit: 5_000, updatedAt: "2025-01-06T09:00:00.000Z" },
    { id: "item-2", name: "Second widget", used: 800, limit: 2_500, updatedAt: "2025-01-07T10:30:00.000Z" },
    { id: "item-3", name: "Third widget", used: 450, limit: 2_500, updatedAt: "2025-01-08T14:15:00.000Z" },
  ];

  /** Adds an item, as a change on the upstream's side would. */
  add(name: string, used = 0, limit = 1_000): Item {
    const item = { id: `item-${this.items.length + 1}`, name, used, limit, updatedAt: new Date().toISOString() };
    this.items.push(item);
    return item;
  }

  remaining(): number {
    return Math.max(0, this.limit - this.items.reduce((sum, i) => sum + i.used, 0));
  }
}

const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });
const invalidKey = { status: 401, code: "invalid_api_key", message: "The API key is invalid." };

/** {{Title}}'s upstream, simulated: the kit checks the bearer key before every route and answers unknown routes 404. */
export async function start{{Name}}Simulator() {
  const control = new {{Name}}SimulatorControl();
  const app = simulatorApp(control, {
    errorBody: (_status, code, message) => errorBody(code, message),
    invalidKey,
    auth: (request) => (request.headers.authorization === `Bearer ${SIMULATOR_{{ENV}}_KEY}` ? null : invalidKey),
  });
  app.get<{ Querystring: { limit?: string; offset?: string } }>("/v1/items", async (request) => {
    const limit = Math.min(100, Math.max(1, Number(request.query.limit) || 20));
    const offset = Math.max(0, Number(request.query.offset) || 0);
    return paginate(control.items, offset, limit);
  });
  app.get("/v1/quota", async () => ({ limit: control.limit, remaining: control.remaining() }));
  return listenSimulator(app, control, () => ({ {{ENV}}_API_KEY: SIMULATOR_{{ENV}}_KEY }));
}
