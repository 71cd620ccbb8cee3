// A value a connector puts into one segment of a service's URL path (a record id, a
// spreadsheet id, a range): percent-encoded so it stays in its segment, and refused when it is
// "." or "..", which would move the request up the service's API path whatever the encoding.
import { encodeComponent, isDotSegment } from "../flow/url-component";
import { ConnectorError } from "./types";

export function pathSegment(value: string | number): string {
  const segment = encodeComponent(String(value));
  if (isDotSegment(segment)) throw new ConnectorError({ en: `"${value}" cannot be a part of a URL path.`, ru: `«${value}» не может быть частью пути URL.` }, { code: "invalid_input" });
  return segment;
}
