// "Today" for the bundle list's run counts is the workspace's day, not UTC's.

/** The instant the calendar day containing `now` began in `timeZone`. */
export function startOfDay(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  );
  // Time elapsed since local midnight; a DST jump earlier today shifts this by its size, which
  // only moves the boundary within the night.
  const elapsed = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + now.getUTCMilliseconds();
  return new Date(now.getTime() - elapsed);
}
