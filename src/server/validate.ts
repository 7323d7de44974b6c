import type { z } from "zod";
import { validationError } from "./errors";

/** Parses request input with zod; a failure is a 422 that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: "query" | "body" | "params" | "headers"): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
