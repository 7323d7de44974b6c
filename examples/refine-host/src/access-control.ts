import type { AccessControlProvider } from "@refinedev/core";
import { fetchMe } from "./auth-provider";

/** The shop's rules: everyone signed in sees orders; only a manager ships them. */
export const accessControl: AccessControlProvider = {
  async can({ resource, action }) {
    if (resource === "orders" && action === "ship") {
      const me = await fetchMe();
      return me?.role === "manager" ? { can: true } : { can: false, reason: "Only a manager ships orders." };
    }
    return { can: true };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};
