import type { Envelope } from "../usage";
import type { ItemPage } from "./contract";

/** {{Title}}'s BFF routes, written once: the server registers them, the browser reads them (relative to the API base). */
export const API = { items: "/{{id}}/items" } as const;

/** The Refine resource of the list page, unique across integrations. */
export const RESOURCE = "{{id}}-items";

/** Page bounds of a list read. */
export const PAGE = { default: 20, max: 100 } as const;

export type ItemsResponse = Envelope<ItemPage>;
