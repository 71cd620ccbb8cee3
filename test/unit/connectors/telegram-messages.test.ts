import { describe, expect, it } from "vitest";
import { newLinkCode, parseStartCommand, splitMessage, startLink } from "../../../worker/connectors/telegram/messages";

describe("splitMessage", () => {
  it("keeps short text whole", () => {
    expect(splitMessage("hi")).toEqual(["hi"]);
    expect(splitMessage("x".repeat(4096))).toEqual(["x".repeat(4096)]);
  });

  it("splits at a line break in the second half of the window", () => {
    const text = `${"a".repeat(3000)}\n${"b".repeat(2000)}`;
    expect(splitMessage(text)).toEqual(["a".repeat(3000), "b".repeat(2000)]);
  });

  it("falls back to a space, then to a hard cut for one endless word, never cutting a surrogate pair", () => {
    expect(splitMessage(`${"a ".repeat(3000)}`, 4096).every((p) => p.length <= 4096)).toBe(true);
    const emoji = "😀".repeat(3000); // 6000 code units
    const parts = splitMessage(emoji);
    expect(parts.join("")).toBe(emoji);
    expect(parts.every((p) => p.length <= 4096 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it("loses no text: joining the parts with the dropped separators gives it back", () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i} ${"word ".repeat(i % 13)}`).join("\n");
    const parts = splitMessage(text, 500);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.join("\n").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });
});

describe("/start deep links", () => {
  const update = (text: string) => ({ update_id: 1, message: { message_id: 5, text, chat: { id: 42, type: "private" }, from: { id: 7, username: "ivan" } } });

  it("reads the chat and payload of /start <payload>", () => {
    expect(parseStartCommand(update("/start abc_DEF-123"))).toEqual({ chatId: 42, payload: "abc_DEF-123", userId: 7, username: "ivan" });
    expect(parseStartCommand(update("/start@svyazka_bot code1"))).toMatchObject({ payload: "code1" });
    expect(parseStartCommand(update("/start"))).toMatchObject({ payload: "" });
  });

  it("ignores anything else", () => {
    expect(parseStartCommand(update("hello"))).toBeUndefined();
    expect(parseStartCommand(update("/start bad payload!"))).toBeUndefined();
    expect(parseStartCommand({ callback_query: {} })).toBeUndefined();
    expect(parseStartCommand(null)).toBeUndefined();
  });

  it("builds links with codes that fit Telegram's payload rules", () => {
    const code = newLinkCode();
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(startLink("@svyazka_bot", code)).toBe(`https://t.me/svyazka_bot?start=${code}`);
    expect(() => startLink("bot", "no spaces")).toThrow();
  });
});
