import { describe, expect, it } from "vitest";
import { handleVkCallback } from "../../../worker/connectors/vk/callback";
import { vkConfirmation, vkLeadEvent } from "../../fakes/vk";

const connection = { group_id: "123", confirmation_code: "a1b2c3", secret_key: "s3cret" };
const lead = vkLeadEvent({
  group_id: 123,
  lead_id: 987,
  secret: "s3cret",
  answers: { first_name: "Анна", phone_number: "8 (912) 345-67-89", email: "Anna@Example.com", custom_1: "Пермь" },
});

describe("VK Callback API", () => {
  it("answers the confirmation handshake with the confirmation code", () => {
    expect(handleVkCallback(vkConfirmation(123), {}, connection)).toEqual({ status: 200, reply: "a1b2c3" });
  });

  it("refuses a wrong secret or another group with 403 and no event", () => {
    for (const body of [{ ...lead, secret: "guess" }, { ...lead, group_id: 999 }, { ...lead, secret: undefined }]) {
      const res = handleVkCallback(body, {}, connection);
      expect(res.status).toBe(403);
      expect(res.event).toBeUndefined();
    }
  });

  it("maps a lead: answers by key, common answers lifted to the top, dedup key from group and lead", () => {
    const res = handleVkCallback(lead, new Headers(), connection);
    expect([res.status, res.reply]).toEqual([200, "ok"]);
    expect(res.event?.dedupKey).toBe("vk-123-987");
    expect(res.event?.output).toEqual({
      lead_id: "987",
      form_id: "4",
      form_name: "Заявка на скидку",
      group_id: "123",
      user_id: "55",
      ad_id: "0",
      first_name: "Анна",
      last_name: "",
      phone: "8 (912) 345-67-89",
      email: "Anna@Example.com",
      answers: { first_name: "Анна", phone_number: "8 (912) 345-67-89", email: "Anna@Example.com", custom_1: "Пермь" },
    });
  });

  it("gives a redelivery (X-Retry-Counter) the same dedup key, so it starts no second run", () => {
    const first = handleVkCallback(lead, {}, connection);
    const again = handleVkCallback(lead, { "X-Retry-Counter": "2" }, connection);
    expect(again.event?.dedupKey).toBe(first.event?.dedupKey);
    expect([first.event?.retry, again.event?.retry]).toEqual([0, 2]);
  });

  it("acknowledges other event types with ok and starts nothing", () => {
    expect(handleVkCallback({ type: "wall_post_new", group_id: 123, secret: "s3cret", object: {} }, {}, connection)).toEqual({ status: 200, reply: "ok" });
  });
});
