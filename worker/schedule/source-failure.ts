// A trigger's source that could not be read when asked by hand (poll now, load test data): the
// service's own words, as a 409 the dashboard can show. Bugs are left to the 500 handler.
import { ConnectorError } from "../connectors/types";
import { Conflict } from "../errors";
import { inLocale } from "../i18n/text";

export async function readingSource<T>(what: Promise<T>): Promise<T> {
  try {
    return await what;
  } catch (err) {
    if (err instanceof ConnectorError) {
      throw new Conflict(
        { en: `Could not read the trigger's source: ${inLocale(err.text, "en")}`, ru: `Не удалось прочитать источник триггера: ${inLocale(err.text, "ru")}` },
        "/trigger",
      );
    }
    throw err;
  }
}
