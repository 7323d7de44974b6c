import { apiKeysServer } from "../integrations/api-keys/server";
import { imaiServer } from "../integrations/imai/server";
import { pax8Server } from "../integrations/pax8/server";
import { restaurantsServer } from "../integrations/restaurants/server";
import type { ServerIntegration } from "./integration";

/** The server registry: one line an integration. */
export const serverIntegrations: ServerIntegration<any>[] = [imaiServer, pax8Server, restaurantsServer, apiKeysServer];
