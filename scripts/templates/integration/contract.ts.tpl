import { z } from "zod";

/**
 * {{Title}}'s upstream as the console reads it (zod: an answer that does not match is refused,
 * never guessed at). Replace these with the real upstream's shapes.
 */

/** One item of `GET {{{ENV}}_API_BASE_URL}/v1/items?limit&offset` (header `Authorization: Bearer <{{ENV}}_API_KEY>`). */
export const itemSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  used: z.number(),
  limit: z.number(),
  updatedAt: z.string(),
});

/** A page of items and how many there are in all. */
export const itemPageSchema = z.looseObject({ items: z.array(itemSchema), total: z.number().int().min(0) });

/** `GET /v1/quota`: the account's allowance and what remains of it. */
export const quotaSchema = z.looseObject({ limit: z.number(), remaining: z.number() });

/** Every error answer: `{"error": {"code", "message"}}`. */
export const errorBodySchema = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().optional() }) });

export type Item = z.infer<typeof itemSchema>;
export type ItemPage = z.infer<typeof itemPageSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
