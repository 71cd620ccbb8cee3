// A value a connector puts into its service's URL path stays in its segment, and "." or ".."
// (which would climb the path whatever the encoding) is refused.
import { describe, expect, it } from "vitest";
import { pathSegment } from "../../../worker/connectors/path-segment";
import { ConnectorError } from "../../../worker/connectors/types";

describe("pathSegment", () => {
  it.each([
    ["12345", "12345"],
    [42, "42"],
    ["a/b?c#d", "a%2Fb%3Fc%23d"],
    ["Sheet 1!A1:F", "Sheet%201!A1%3AF"],
    ["...", "..."],
    ["..a", "..a"],
    ["%2e%2e", "%252e%252e"],
  ])("%s → %s", (value, segment) => {
    expect(pathSegment(value)).toBe(segment);
  });

  it.each([".", ".."])("refuses %s", (value) => {
    expect(() => pathSegment(value)).toThrow(ConnectorError);
    expect(() => pathSegment(value)).toThrow(`"${value}" cannot be a part of a URL path.`);
  });
});
