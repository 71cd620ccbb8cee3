// Putting data into one part of a URL: percent-encoding that keeps it inside its path segment,
// query value or fragment, and the one case no encoding covers: a path segment that is "." or
// "..", which URL parsers resolve (climbing up the path) even when spelled %2e.

// encodeURIComponent throws on a lone surrogate (possible in JSON data); it becomes U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, "\uFFFD"));
}

/** "." or "..", as written or percent-encoded: a segment a URL parser removes, with the one before it for "..". */
export function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}
