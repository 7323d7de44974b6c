import { imai } from "./imai";
import { restaurants } from "./restaurants";
import type { ClientIntegration } from "./types";

/** The browser registry: one line an integration. */
export const clientIntegrations: ClientIntegration[] = [
  imai,
  restaurants,
];
