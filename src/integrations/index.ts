import { apiKeys } from "./api-keys";
import { imai } from "./imai";
import { pax8 } from "./pax8";
import { restaurants } from "./restaurants";
import type { ClientIntegration } from "./types";

/** The browser registry: one line an integration. */
export const clientIntegrations: ClientIntegration[] = [imai, pax8, restaurants, apiKeys];
