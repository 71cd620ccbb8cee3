// Templates: `{{path | filter:"arg"}}` expressions mixed with text, rendered against a run's
// data. Only own properties are followed, so a template can never reach prototypes. In a URL,
// inserted values are percent-encoded, so data cannot change the URL's shape.
import type { Text } from "../i18n/text";
import { encodeComponent, isDotSegment } from "./url-component";

export interface TemplateFilter {
  name: string;
  arg?: string;
}

export interface Expression {
  /** The expression as written between the braces, trimmed. */
  source: string;
  /** `lead.answers.0.phone` → ["lead", "answers", "0", "phone"]. */
  path: string[];
  filters: TemplateFilter[];
}

export type TemplatePart = string | Expression;

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Syntax problems, for the validator; rendering ignores them and keeps the text. */
  problems: Text[];
}

export const FILTERS = ["digits", "lower", "upper", "trim", "default", "date", "raw"] as const;
const FILTER_NAMES: ReadonlySet<string> = new Set(FILTERS);
// Keys that lead to prototypes: never followed, even when a parsed JSON has them as own keys.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: Text[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf("{{");
    if (open < 0) break;
    const close = rest.indexOf("}}", open + 2);
    if (close < 0) {
      problems.push({ en: '"{{" is not closed with "}}".', ru: "После «{{» не хватает «}}»." });
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const expression = parseExpression(rest.slice(open + 2, close));
    if ("en" in expression) {
      problems.push(expression);
      parts.push(rest.slice(open, close + 2));
    } else {
      parts.push(expression);
    }
    rest = rest.slice(close + 2);
  }
  if (rest) parts.push(rest);
  return { parts, problems };
}

/** The root ids (trigger or step ids, `run`, `bundle`) a template refers to, each once. */
export function extractReferences(template: string): string[] {
  const roots = parseTemplate(template).parts.flatMap((p) => (typeof p === "string" ? [] : [p.path[0]]));
  return [...new Set(roots)];
}

export function renderTemplate(template: string, scope: Record<string, unknown>): { value: unknown; missing: string[] } {
  const { parts } = parseTemplate(template);
  const missing: string[] = [];
  const values = parts.map((part) => (typeof part === "string" ? part : evaluate(part, scope, missing)));
  // Exactly one expression keeps its type (a number stays a number, an object an object).
  if (parts.length === 1 && typeof parts[0] !== "string") return { value: values[0] ?? "", missing };
  return { value: values.map(toText).join(""), missing };
}

/**
 * A URL: each inserted value is percent-encoded as a URL component, so it stays inside the path
 * segment, query value or fragment it is written in (`?name={{x}}` with "Tom & Jerry&admin=true"
 * sends `Tom%20%26%20Jerry%26admin%3Dtrue`; a "+" arrives as a plus, not a space). Inserted as
 * they are: a value the URL starts with (the whole URL, or its base, taken from data) and a value
 * marked `| raw`. A value that makes a path segment "." or ".." is a problem: no encoding stops a
 * URL parser from climbing up the path there.
 */
export function renderUrlTemplate(template: string, scope: Record<string, unknown>): { value: string; missing: string[]; problems: Text[] } {
  const { parts } = parseTemplate(template);
  const missing: string[] = [];
  const encoded: Inserted[] = [];
  let url = "";
  parts.forEach((part, index) => {
    if (typeof part === "string") return void (url += part);
    const value = toText(evaluate(part, scope, missing));
    if (index === 0 || part.filters.some((f) => f.name === "raw")) return void (url += value);
    const text = encodeComponent(value);
    encoded.push({ source: part.source, from: url.length, to: url.length + text.length });
    url += text;
  });
  const climbing = dotSegmentFrom(url, encoded);
  const problems = climbing
    ? [{ en: `"{{${climbing.source}}}" makes a path segment of the URL "${climbing.segment}", which would move up the path; the request was not sent.`, ru: `«{{${climbing.source}}}» делает сегмент пути URL равным «${climbing.segment}», а это переход вверх по пути; запрос не отправлен.` }]
    : [];
  return { value: url, missing, problems };
}

interface Inserted {
  source: string;
  from: number;
  to: number;
}

/**
 * The first path segment an inserted value turns into "." or ".." (also spelled %2e), if any.
 * Backslashes separate segments too, as URL parsers read them in http(s) URLs.
 */
function dotSegmentFrom(url: string, inserted: readonly Inserted[]): { source: string; segment: string } | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:[/\\]{2}[^/\\?#]*/i.exec(url);
  if (!authority) return undefined;
  const pathEnd = url.slice(authority[0].length).search(/[?#]/);
  const path = url.slice(0, pathEnd < 0 ? url.length : authority[0].length + pathEnd);
  for (let from = authority[0].length; from < path.length; ) {
    const next = path.slice(from + 1).search(/[/\\]/);
    const to = next < 0 ? path.length : from + 1 + next;
    const segment = path.slice(from + 1, to);
    const value = inserted.find((v) => v.from < to && v.to > from + 1);
    if (value && isDotSegment(segment)) return { source: value.source, segment };
    from = to;
  }
  return undefined;
}

/**
 * Renders every string inside the inputs (nested objects and lists too); other values pass
 * through. The top-level fields named in `urls` are rendered as URLs (renderUrlTemplate).
 */
export function renderInputs(
  inputs: Record<string, unknown>,
  scope: Record<string, unknown>,
  urls: ReadonlySet<string> = new Set(),
): { value: Record<string, unknown>; missing: string[]; problems: Text[] } {
  const missing = new Set<string>();
  const problems: Text[] = [];
  const render = (value: unknown, asUrl = false): unknown => {
    if (typeof value === "string") {
      const rendered = asUrl ? renderUrlTemplate(value, scope) : { ...renderTemplate(value, scope), problems: [] };
      rendered.missing.forEach((m) => missing.add(m));
      problems.push(...rendered.problems);
      return rendered.value;
    }
    if (Array.isArray(value)) return value.map((item) => render(item));
    if (isPlainObject(value)) return mapOwn(value, (item) => render(item));
    return value;
  };
  return { value: mapOwn(inputs, (item, key) => render(item, urls.has(key))), missing: [...missing], problems };
}

/** Text form of a value: empty for nothing, JSON for objects and lists. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Follows `path` through own properties only; undefined when any step is missing or forbidden. */
export function resolvePath(scope: unknown, path: readonly string[]): unknown {
  let current: unknown = scope;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (FORBIDDEN_KEYS.has(key) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function evaluate(expression: Expression, scope: Record<string, unknown>, missing: string[]): unknown {
  let value = resolvePath(scope, expression.path);
  const defaulted = expression.filters.some((f) => f.name === "default");
  if (value === undefined && !defaulted) missing.push(expression.path.join("."));
  for (const filter of expression.filters) value = applyFilter(filter, value);
  return value;
}

function applyFilter(filter: TemplateFilter, value: unknown): unknown {
  switch (filter.name) {
    case "digits":
      return toText(value).replace(/\D/g, "");
    case "lower":
      return toText(value).toLowerCase();
    case "upper":
      return toText(value).toUpperCase();
    case "trim":
      return toText(value).trim();
    case "default":
      return value === undefined || value === null || value === "" ? (filter.arg ?? "") : value;
    case "date":
      return formatDate(value, filter.arg ?? "YYYY-MM-DD");
    case "raw":
      return value; // only URLs read it: the value goes in without percent-encoding
    default:
      return value; // unknown filters are reported by the validator, not guessed at here
  }
}

/** UTC date formatting with YYYY MM DD HH mm ss; numbers below 1e11 are Unix seconds (VK sends those). */
function formatDate(value: unknown, format: string): string {
  const text = toText(value).trim();
  if (!text) return "";
  const numeric = Number(text);
  const ms = Number.isFinite(numeric) ? (Math.abs(numeric) < 1e11 ? numeric * 1000 : numeric) : Date.parse(text);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const tokens: Record<string, string> = {
    YYYY: pad(date.getUTCFullYear(), 4),
    MM: pad(date.getUTCMonth() + 1),
    DD: pad(date.getUTCDate()),
    HH: pad(date.getUTCHours()),
    mm: pad(date.getUTCMinutes()),
    ss: pad(date.getUTCSeconds()),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => tokens[token]);
}

function parseExpression(inner: string): Expression | Text {
  const [head, ...pipes] = splitOutsideQuotes(inner, "|").map((s) => s.trim());
  if (!head) return { en: `"{{${inner}}}" has no field to insert.`, ru: `В «{{${inner}}}» не указано, какое поле подставить.` };
  const path = head.split(".").map((s) => s.trim());
  if (path.some((s) => s === "")) return { en: `"{{${inner.trim()}}}" has an empty part in its path.`, ru: `В пути «{{${inner.trim()}}}» есть пустая часть.` };
  const filters: TemplateFilter[] = [];
  for (const pipe of pipes) {
    const match = /^([a-z_]+)\s*(?::\s*"((?:[^"\\]|\\.)*)")?$/.exec(pipe);
    if (!match) return { en: `"{{${inner.trim()}}}": cannot read the filter "${pipe}" (write it like default:"n/a").`, ru: `«{{${inner.trim()}}}»: не получается прочитать фильтр «${pipe}» (пишите так: default:"n/a").` };
    if (!FILTER_NAMES.has(match[1])) return { en: `"{{${inner.trim()}}}": unknown filter "${match[1]}"; use one of ${FILTERS.join(", ")}.`, ru: `«{{${inner.trim()}}}»: неизвестный фильтр «${match[1]}»; используйте один из: ${FILTERS.join(", ")}.` };
    filters.push(match[2] === undefined ? { name: match[1] } : { name: match[1], arg: match[2].replace(/\\(.)/g, "$1") });
  }
  return { source: inner.trim(), path, filters };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && quoted) {
      current += ch + (text[++i] ?? "");
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      pieces.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// fromEntries defines own properties, so even a "__proto__" key stays plain data.
function mapOwn(object: Record<string, unknown>, fn: (value: unknown, key: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.keys(object).map((key) => [key, fn(object[key], key)]));
}
