import { imaiServer } from "../integrations/imai/server";
import type { ServerIntegration } from "./integration";

/** The server registry: one line an integration. */
export const serverIntegrations: ServerIntegration<any>[] = [imaiServer];
