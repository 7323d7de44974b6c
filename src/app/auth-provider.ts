import type { AuthProvider } from "@refinedev/core";
import { type ApiError, errorMessage, fetchMe, forgetMe, http } from "../lib/client";

/** The standalone console's own sign-in: the console's users and sessions (a host brings its own). */
export const authProvider: AuthProvider = {
  async login({ email, password }) {
    try {
      await http.post("/auth/login", { email, password });
      forgetMe();
      return { success: true, redirectTo: "/" };
    } catch (error) {
      return { success: false, error: { name: "Sign-in failed", message: errorMessage(error) } };
    }
  },
  async logout() {
    await http.post("/auth/logout").catch(() => undefined);
    forgetMe();
    return { success: true, redirectTo: "/login" };
  },
  async check() {
    try {
      await fetchMe();
      return { authenticated: true };
    } catch {
      return { authenticated: false, redirectTo: "/login", logout: true };
    }
  },
  async onError(error: ApiError) {
    if (error?.statusCode === 401) {
      forgetMe();
      return { logout: true, redirectTo: "/login", error };
    }
    return {};
  },
  async getIdentity() {
    return fetchMe().catch(() => null);
  },
  async getPermissions() {
    return fetchMe().then(
      (me) => me.permissions,
      () => [],
    );
  },
};
