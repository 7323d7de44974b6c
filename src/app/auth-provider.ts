import type { AuthProvider } from "@refinedev/core";
import type { ApiError } from "./http";
import { errorMessage, http } from "./http";

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  restaurantId?: string;
}

let current: Promise<Me> | null = null;

/** Who is signed in; one request however many components ask at once. */
export function fetchMe(): Promise<Me> {
  current ??= http.get<Me>("/auth/me").then(
    (r) => r.data,
    (e) => {
      current = null;
      throw e;
    },
  );
  return current;
}

export const authProvider: AuthProvider = {
  async login({ email, password }) {
    try {
      await http.post("/auth/login", { email, password });
      current = null;
      return { success: true, redirectTo: "/" };
    } catch (error) {
      return { success: false, error: { name: "Sign-in failed", message: errorMessage(error) } };
    }
  },
  async logout() {
    await http.post("/auth/logout").catch(() => undefined);
    current = null;
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
      current = null;
      return { logout: true, redirectTo: "/login", error };
    }
    return {};
  },
  async getIdentity() {
    try {
      return await fetchMe();
    } catch {
      return null;
    }
  },
  async getPermissions() {
    try {
      return (await fetchMe()).permissions;
    } catch {
      return [];
    }
  },
};
