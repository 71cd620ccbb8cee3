// The one mapping from thrown errors to HTTP answers (worker/http/errors.ts, app.onError): each
// domain error's status, code, path and message in English and Russian, and what is not one.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import {
  Conflict,
  Forbidden,
  Gone,
  Internal,
  InvalidJson,
  NoSample,
  NotFound,
  PayloadTooLarge,
  QuotaExceeded,
  RateLimited,
  Unauthorized,
  Unprocessable,
  UnsupportedMediaType,
  ValidationFailed,
  type DomainError,
} from "../../../worker/errors";
import { answerError, errorStatus } from "../../../worker/http/errors";
import { detectLocale } from "../../../worker/i18n/locale";
import { OutOfBounds } from "../../../worker/json/bounds";
import { DeliveryRateLimited, RunQuotaExceeded } from "../../../worker/runs/errors";

/** What an app whose only route throws `err` answers, asked in `language`. */
async function answerTo(err: Error, language: "en" | "ru") {
  const app = new Hono().use(detectLocale).get("/", () => {
    throw err;
  });
  app.onError(answerError);
  const res = await app.request("/", { headers: { "accept-language": language } });
  return { res, body: (await res.json()) as { error: { code: string; message: string; path: string; details?: unknown[] } } };
}

const text = (n: string) => ({ en: `English ${n}.`, ru: `Русский ${n}.` });

const cases: Array<[DomainError, number]> = [
  [new InvalidJson(text("invalid_json")), 400],
  [new ValidationFailed(text("validation_failed"), "/email"), 400],
  [new OutOfBounds("too_deep", text("too_deep"), "/payload/a"), 400],
  [new OutOfBounds("too_large", text("too_large"), "/test_data"), 400],
  [new Unauthorized(text("unauthorized"), "/password"), 401],
  [new Forbidden(text("forbidden")), 403],
  [new QuotaExceeded(text("quota_exceeded"), "/steps"), 403],
  [new NotFound(text("not_found"), "/id"), 404],
  [new Conflict(text("conflict"), "/email"), 409],
  [new NoSample(text("no_sample"), "/trigger"), 409],
  [new Gone(text("gone"), "/token"), 410],
  [new PayloadTooLarge(text("payload_too_large")), 413],
  [new UnsupportedMediaType(text("unsupported_media_type")), 415],
  [new Unprocessable(text("unprocessable"), "/id"), 422],
  [new RateLimited(text("rate_limited"), 60), 429],
  [new Internal(text("internal")), 500],
];

describe("domain errors as HTTP answers", () => {
  it("cover every code the API answers with", () => {
    expect(cases.map(([err]) => err.code).sort()).toEqual(Object.keys(errorStatus).sort());
  });

  for (const [err, status] of cases) {
    it(`${err.constructor.name}: ${status} ${err.code}, the message in the request's language`, async () => {
      for (const language of ["en", "ru"] as const) {
        const { res, body } = await answerTo(err, language);
        expect(res.status).toBe(status);
        expect(body).toEqual({ error: { code: err.code, message: language === "en" ? `English ${err.code}.` : `Русский ${err.code}.`, path: err.path } });
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(res.headers.get("vary")).toContain("Accept-Language");
      }
    });
  }

  it("rate_limited says when to try again", async () => {
    const { res } = await answerTo(new RateLimited(text("rate_limited"), 10), "en");
    expect(res.headers.get("retry-after")).toBe("10");
    expect((await answerTo(new NotFound(text("not_found")), "en")).res.headers.get("retry-after")).toBeNull();
  });

  it("details are written in the request's language too, Russian where a detail has it", async () => {
    const details = [
      { code: "required", message: "name is required.", path: "/name", ru: "Нужно заполнить name." },
      { code: "unknown_app", message: "Unknown app.", path: "/trigger/app" },
    ];
    const err = new ValidationFailed(text("validation_failed"), "/name", details);
    expect((await answerTo(err, "ru")).body.error.details).toEqual([
      { code: "required", message: "Нужно заполнить name.", path: "/name" },
      { code: "unknown_app", message: "Unknown app.", path: "/trigger/app" },
    ]);
    expect((await answerTo(err, "en")).body.error.details).toEqual([
      { code: "required", message: "name is required.", path: "/name" },
      { code: "unknown_app", message: "Unknown app.", path: "/trigger/app" },
    ]);
  });

  it("the run intake's refusals: the runs quota in both languages, a webhook's 429 in English with Retry-After", async () => {
    const quota = new RunQuotaExceeded(100);
    expect((await answerTo(quota, "en")).body.error).toEqual({ code: "quota_exceeded", message: quota.message, path: "" });
    expect((await answerTo(quota, "ru")).body.error.message).toMatch(/^Рабочее пространство израсходовало лимит запусков на этот месяц \(100\)/);
    for (const language of ["en", "ru"] as const) {
      const { res, body } = await answerTo(new DeliveryRateLimited(3), language);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
      expect(body.error.message).toMatch(/^Too many deliveries to this URL/);
    }
  });

  it("the JSON validator's refusals become invalid_json (400) and unsupported_media_type (415)", async () => {
    const invalid = await answerTo(new HTTPException(400, { message: "Malformed JSON in request body" }), "ru");
    expect(invalid.res.status).toBe(400);
    expect(invalid.body.error).toEqual({ code: "invalid_json", message: "Тело запроса — не правильный JSON.", path: "" });
    const media = await answerTo(new HTTPException(415), "en");
    expect(media.res.status).toBe(415);
    expect(media.body.error).toEqual({ code: "unsupported_media_type", message: "Send the body as JSON, with Content-Type: application/json.", path: "" });
  });

  it("anything else is a 500 internal with an error id, never the error's own words", async () => {
    const { res, body } = await answerTo(new Error("D1_ERROR: no such table: secrets_of_bob"), "en");
    expect(res.status).toBe(500);
    expect(body.error.code).toBe("internal");
    expect(body.error.message).toMatch(/^Something went wrong on our side \(error id [0-9a-f]{12}\)/);
    expect(body.error.message).not.toContain("secrets_of_bob");
  });
});
