# {{Title}}

Made by `npm run new:integration -- {{id}}`: a working integration against its own simulator.
Replace the simulated upstream with the real one (its shapes in `contract.ts`, its calls in
`client.ts`, the same shapes in `simulator.ts`) and say here what it is.

**Upstream.** `GET {{{ENV}}_API_BASE_URL}/v1/items?limit&offset` (a page of items and their
total) and `GET /v1/quota` (`{limit, remaining}`), with the header
`Authorization: Bearer <{{ENV}}_API_KEY>`. Errors are `{"error": {"code", "message"}}`.

## Configuration

| variable | default | meaning |
| --- | --- | --- |
| `{{ENV}}_API_BASE_URL` | unset: the simulator answers (demo data) | the upstream's root |
| `{{ENV}}_API_KEY` | — (the simulator's key in demo mode) | sent as `Authorization: Bearer …`; unset with a base URL: "not configured" |

## Routes

| route | permission | answer |
| --- | --- | --- |
| `GET /api/{{id}}/items?limit&offset&refresh` | `integration:Read` | `{data: {items, total}, meta: {fetchedAt, stale, demo, message?}}` |

Its card on the overview (`GET /api/integrations/usage`) shows the quota: used of the limit.
The list page is `/{{id}}`.

## Files

| file | what |
| --- | --- |
| `contract.ts` | the upstream's shapes (zod) |
| `client.ts` | its calls, through the core's `createUpstreamClient` |
| `simulator.ts` | the upstream simulated (demo mode and tests), with a small list that tests change |
| `api.ts` | the BFF paths, written once for the server and the browser |
| `server.ts` | variables, routes with their permissions, the overview entry |
| `index.tsx` | the menu item, the list page and the data provider |
| `pages/{{id}}-list.tsx` | the list page |
| `{{id}}.test.ts` | contract, routes on SQLite and PostgreSQL, overview, permissions |
