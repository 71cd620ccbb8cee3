// A page's main request answered 404: the page says what is missing ("This run does not
// exist"), not the API's terse "not found". Other failures: hooks.client.ts.
import { error } from "@sveltejs/kit";
import { ApiError } from "./error.ts";

/** A `.catch` for the request a page cannot show without. */
export function notFoundAs(message: string) {
  return (e: unknown): never => {
    if (e instanceof ApiError && e.status === 404) error(404, message);
    throw e;
  };
}
