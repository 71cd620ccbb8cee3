// A trigger's source that could not be read when asked by hand (poll now, load test data): the
// service's own words, as a 409 the dashboard can show. Bugs are left to the 500 handler.
import { ConnectorError } from "../connectors/types";
import { ApiError } from "../http/errors";

export async function readingSource<T>(what: Promise<T>): Promise<T> {
  try {
    return await what;
  } catch (err) {
    if (err instanceof ConnectorError) throw new ApiError("conflict", `Could not read the trigger's source: ${err.message}`, "/trigger");
    throw err;
  }
}
