// Connection fields arrive together; secret ones (as the connector declares them) are
// stored encrypted and never returned, the rest are stored and shown as they are.
export function splitFields(values: Record<string, unknown>, secretNames: readonly string[]) {
  const secret: Record<string, string> = {};
  const visible: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === "") continue;
    if (secretNames.includes(key)) secret[key] = String(value);
    else visible[key] = value;
  }
  return { secret, visible };
}
