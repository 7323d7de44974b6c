import type { FastifyInstance } from "fastify";
import { AppError } from "./errors";

/** Deeper JSON than this is no request of ours: refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/** How deep `text` nests arrays and objects, stopping as soon as it passes `limit` (strings are skipped). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * Bounded input for the console's scope: JSON bodies only (a form or text/plain body, what another
 * site can post, is 415), no deeper than MAX_JSON_DEPTH, and no NUL character anywhere.
 */
export function installInputLimits(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  const parse = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      return done(
        new AppError(422, "validation_failed", `body: nested deeper than ${MAX_JSON_DEPTH} levels`, [{ field: "body", message: "is nested too deeply" }]),
        undefined,
      );
    }
    parse(request, body as string, done);
  });

  // PostgreSQL refuses text holding U+0000 (SQLite keeps it): refuse it at the door, for every route,
  // rather than half-doing a write whose audit entry or snapshot then fails.
  app.addHook("preValidation", async (request) => {
    for (const [where, value] of [
      ["query", request.query],
      ["params", request.params],
      ["body", request.body],
    ] as const) {
      const field = nulPath(value);
      if (field !== null)
        throw new AppError(422, "validation_failed", `${field || where}: must not contain a NUL character`, [
          { field: field || where, message: "must not contain a NUL character" },
        ]);
    }
  });
}

/** The path of the first string holding U+0000 in a parsed input ("" for the value itself), or null. Iterative: depth is bounded above, not here. */
export function nulPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === "string") {
      if (item.includes("\u0000")) return path;
    } else if (item && typeof item === "object") {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}
