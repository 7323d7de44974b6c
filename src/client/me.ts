import { http } from "./http";

/** Who is signed in, as the console's server sees them (its own session, or the host's `authenticate`). */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  restaurantId?: string;
}

let current: Promise<Me> | null = null;

/** `GET {apiBase}/auth/me`: one request however many components ask at once. */
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

/** Forgets who was signed in (after a sign-in, a sign-out or a 401). */
export function forgetMe(): void {
  current = null;
}
