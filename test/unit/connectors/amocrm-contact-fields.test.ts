// Reading and merging amoCRM's multitext fields (phones, emails), the base URL, and the
// declaration's schemas as the dashboard sees them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { amocrm } from "../../../worker/connectors/amocrm";
import { amoBaseUrl } from "../../../worker/connectors/amocrm/client";
import { hasValue, mergedMultitext, multitextValues, normalisePhone, type AmoContact } from "../../../worker/connectors/amocrm/contact-fields";

const contact = (fields: AmoContact["custom_fields_values"]): AmoContact => ({ id: 1, custom_fields_values: fields });

describe("phones and emails", () => {
  it.each([
    ["+7 (912) 345-67-89", "9123456789"],
    ["8 912 345 67 89", "9123456789"],
    ["+380 67 123 45 67", "0671234567"],
    ["12-34", "1234"],
  ])("normalises %s to %s", (phone, key) => expect(normalisePhone(phone)).toBe(key));

  it("reads no values from custom_fields_values: null", () => {
    expect(multitextValues(contact(null), "PHONE")).toEqual([]);
    expect(hasValue(contact(null), "EMAIL", "a@b.c")).toBe(false);
  });

  it("matches emails case-insensitively and never matches an empty value", () => {
    const c = contact([{ field_code: "EMAIL", values: [{ value: "Ivan@Example.com" }] }]);
    expect(hasValue(c, "EMAIL", " ivan@example.com ")).toBe(true);
    expect(hasValue(c, "EMAIL", "")).toBe(false);
  });

  it("merges a new value after the existing ones, keeping their enum (read from `enum` or `enum_code`)", () => {
    const c = contact([
      { field_code: "PHONE", values: [{ value: "+79000000001", enum: "MOB" }, { value: "+79000000002", enum_code: "HOME" }, { value: "+79000000003", enum_id: 7 }] },
    ]);
    expect(mergedMultitext(c, "PHONE", "+79000000004")).toEqual({
      field_code: "PHONE",
      values: [
        { value: "+79000000001", enum_code: "MOB" },
        { value: "+79000000002", enum_code: "HOME" },
        { value: "+79000000003", enum_id: 7 },
        { value: "+79000000004", enum_code: "WORK" },
      ],
    });
    expect(mergedMultitext(c, "PHONE", "8 900 000 00 02")).toBeUndefined();
    expect(mergedMultitext(contact(null), "EMAIL", "  a@b.c ")).toEqual({ field_code: "EMAIL", values: [{ value: "a@b.c", enum_code: "WORK" }] });
  });
});

describe("connection", () => {
  it("builds the base URL from the subdomain or takes base_url", () => {
    expect(amoBaseUrl({ subdomain: "acme" })).toBe("https://acme.amocrm.ru");
    expect(amoBaseUrl({ subdomain: "acme", base_url: "https://acme.kommo.com/" })).toBe("https://acme.kommo.com");
    expect(() => amoBaseUrl({})).toThrow(/subdomain or a base_url/);
  });

  it("requires a subdomain or base_url, and a token or OAuth fields", () => {
    const fields = amocrm.connection!.fields;
    expect(fields.safeParse({ subdomain: "acme", access_token: "t" }).success).toBe(true);
    expect(fields.safeParse({ base_url: "https://acme.kommo.com", client_id: "c", client_secret: "s", refresh_token: "r" }).success).toBe(true);
    expect(fields.safeParse({ access_token: "t" }).error?.issues[0]).toMatchObject({ path: ["subdomain"] });
    expect(fields.safeParse({ subdomain: "acme", access_token: "" }).error?.issues[0]).toMatchObject({ path: ["access_token"] });
  });
});

describe("declaration", () => {
  it("renders every schema as JSON Schema with en/ru labels", () => {
    expect(z.toJSONSchema(amocrm.connection!.fields, { io: "input" })).toMatchObject({ properties: { subdomain: { "x-label": { ru: expect.any(String) } } } });
    for (const action of Object.values(amocrm.actions)) {
      expect(action.label.ru).toBeTruthy();
      expect(() => z.toJSONSchema(action.input, { io: "input" })).not.toThrow();
      expect(() => z.toJSONSchema(action.output)).not.toThrow();
    }
    expect(amocrm.actions.create_contact.label.ru).toBe("Новый контакт");
  });

  it("coerces form values: empty strings are absent, tags split on commas", () => {
    expect(amocrm.actions.create_contact.input.parse({ name: "", phone: "+7", responsible_user_id: "5", tags: "a, ,b" })).toEqual({
      phone: "+7",
      responsible_user_id: 5,
      tags: ["a", "b"],
    });
  });
});
