import { z } from "zod";

/** GET {IMAI_API_BASE_URL}/account/info/ with header `authkey`: the remaining credits only. */
export const accountInfoSuccess = z.looseObject({
  success: z.literal(true),
  credits: z.number(),
});

/** Every IMAI error: 400 no_tokens_remaining/retry_later, 401 not_authenticated, 403 invalid_api_key/subscription_expired, 404, 429 rate_limit_exceeded, 500. */
export const imaiErrorBody = z.looseObject({
  success: z.literal(false),
  error: z.string(),
  error_message: z.string().optional(),
});

export type AccountInfo = z.infer<typeof accountInfoSuccess>;
export type ImaiErrorBody = z.infer<typeof imaiErrorBody>;

export const IMAI_ACCOUNT_INFO_PATH = "account/info/";
