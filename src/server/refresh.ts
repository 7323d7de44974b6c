import { z } from "zod";

/** `?refresh=1` bypasses the server's cache: the Refresh button. Every read route accepts it. */
export const refreshParam = {
  refresh: z
    .enum(["1", "0", "true", "false"], { error: "must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
};

export const refreshQuery = z.object(refreshParam);
