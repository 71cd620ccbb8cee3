// The opaque cursor of a page listed newest first (runs, audit events): the last row's time
// and id, base64 of `<ms>:<id>`, so the next page starts strictly after that row.
import { base64ToText, textToBase64 } from "../worker/bytes/base64";

export interface PageCursor {
  /** Milliseconds since the epoch. */
  at: number;
  id: string;
}

export function encodePageCursor(row: { createdAt: Date; id: string }): string {
  return textToBase64(`${row.createdAt.getTime()}:${row.id}`);
}

/** Undefined for a cursor that is not one of ours. */
export function decodePageCursor(cursor: string): PageCursor | undefined {
  try {
    const [at, id] = base64ToText(cursor).split(":");
    return at && id && Number.isFinite(Number(at)) ? { at: Number(at), id } : undefined;
  } catch {
    return undefined;
  }
}
