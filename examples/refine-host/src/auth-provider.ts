import type { AuthProvider } from "@refinedev/core";

export interface Me {
  id: string;
  email: string;
  name: string;
  role: "manager" | "clerk";
}

/** The signed-in user, or null. */
export async function fetchMe(): Promise<Me | null> {
  const response = await fetch("/api/me");
  return response.ok ? response.json() : null;
}

export const authProvider: AuthProvider = {
  async login({ email, password }) {
    const response = await fetch("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (response.ok) return { success: true, redirectTo: "/" };
    return { success: false, error: { name: "Sign-in failed", message: "Wrong email or password." } };
  },
  async logout() {
    await fetch("/api/logout", { method: "POST" });
    return { success: true, redirectTo: "/login" };
  },
  async check() {
    return (await fetchMe()) ? { authenticated: true } : { authenticated: false, redirectTo: "/login", logout: true };
  },
  getIdentity: fetchMe,
  async getPermissions() {
    return (await fetchMe())?.role ?? null;
  },
  async onError(error) {
    return error?.statusCode === 401 ? { logout: true, redirectTo: "/login" } : {};
  },
};
