// The dashboard's security headers, from the running product (issue 9): Workers Static Assets
// apply web/static/_headers to every page, the SPA fallback included, and SvelteKit's <meta>
// CSP allows its boot script by hash; signing up in Chromium triggers no CSP violation.
import { expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

test.each(["/", "/login", "/w/some-workspace/bundles"])("%s carries the dashboard's headers and a hashed script policy", async (path) => {
  const res = await fetch(baseUrl + path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(await res.text())?.[1];
  expect(meta).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(meta).toContain("object-src 'none'");
  expect(meta).not.toMatch(/script-src[^;]*unsafe-inline/);
});

test("the dashboard works under its policy: signing up reports no CSP violation", async () => {
  const { page } = browser;
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signUp(page, baseUrl, { email: uniqueEmail("csp"), workspace: "CSP Inc" });
  expect(violations).toEqual([]);
});

test("the API answers from the same server forbid framing too", async () => {
  const res = await fetch(`${baseUrl}/api/v1/health`);
  expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
});
