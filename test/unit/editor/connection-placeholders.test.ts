// Importing a bundle file asks for a connection per placeholder, of the app that uses it
// (web/src/lib/components/bundles/connection-placeholders.ts).
import { describe, expect, it } from "vitest";
import type { Bundle } from "../../../worker/flow";
import { connectionPlaceholders } from "../../../web/src/lib/components/bundles/connection-placeholders";
import seedFlow2 from "../../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import seedFlow1 from "../../fixtures/spec-examples/vk-amocrm-dedup.json";

describe("connectionPlaceholders", () => {
  it("names each connection of an exported bundle once, with the app it is for", () => {
    expect([...connectionPlaceholders(seedFlow1 as Bundle)]).toEqual([["vk_group", "vk"], ["amo", "amocrm"]]);
    expect([...connectionPlaceholders(seedFlow2 as Bundle)]).toEqual([["sheets", "google_sheets"], ["keepin", "keepincrm"], ["tg_alerts", "telegram"]]);
  });
});
