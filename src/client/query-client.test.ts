import { describe, expect, it } from "vitest";
import { retryServerErrors } from "./query-client";

describe("retryServerErrors", () => {
  it("asks again after a failure, at most twice, and never after a user's mistake", () => {
    expect(retryServerErrors(0, { statusCode: 502 })).toBe(true);
    expect(retryServerErrors(0, { statusCode: 0 })).toBe(true);
    expect(retryServerErrors(2, { statusCode: 502 })).toBe(false);
    expect(retryServerErrors(0, { statusCode: 404 })).toBe(false);
    expect(retryServerErrors(0, { statusCode: 422 })).toBe(false);
  });
});
