import { describe, expect, it } from "vitest";
import { webhookOutput } from "../../../worker/connectors/webhook/delivery";

const url = "https://svyazka.example/hooks/abc?utm_source=vk&tag=a&tag=b";

describe("webhook delivery → trigger output", () => {
  it("spreads a JSON object and adds $query, $headers (secrets redacted), $method", async () => {
    const out = await webhookOutput(
      new Request(url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x", "x-api-key": "k", "user-agent": "Tilda" }, body: JSON.stringify({ name: "Иван", order: { id: 7 } }) }),
    );
    expect(out).toEqual({
      name: "Иван",
      order: { id: 7 },
      $query: { utm_source: "vk", tag: ["a", "b"] },
      $headers: { "content-type": "application/json", authorization: "••••", "x-api-key": "••••", "user-agent": "Tilda" },
      $method: "POST",
    });
  });

  it("reads form and multipart fields (files described, not included)", async () => {
    const form = await webhookOutput(new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Name=%D0%98%D0%B2%D0%B0%D0%BD&Phone=%2B7912&items[]=1&items[]=2" }));
    expect(form).toMatchObject({ Name: "Иван", Phone: "+7912", items: ["1", "2"] });
    const data = new FormData();
    data.append("email", "a@b.c");
    data.append("cv", new File(["hello"], "cv.txt", { type: "text/plain" }));
    const multipart = await webhookOutput(new Request(url, { method: "POST", body: data }));
    expect(multipart).toMatchObject({ email: "a@b.c", cv: { filename: "cv.txt", type: "text/plain", size: 5 } });
  });

  it("keeps a non-object body whole under $body", async () => {
    expect((await webhookOutput(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "[1,2]" }))).$body).toEqual([1, 2]);
    expect((await webhookOutput(new Request(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "ping" }))).$body).toBe("ping");
    expect(await webhookOutput(new Request(url))).toMatchObject({ $method: "GET" });
  });
});
