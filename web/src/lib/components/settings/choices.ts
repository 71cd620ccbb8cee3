// The choices of the workspace settings form. Phone countries: exactly those the phone
// normaliser knows (libphonenumber-js, the worker's library), named in the dashboard's language.
import { getCountries } from "libphonenumber-js/min";

export function phoneCountries(locale: string): Array<{ code: string; name: string }> {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** IANA time zones the browser knows, with `current` kept even if this browser lacks it. */
export function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}
