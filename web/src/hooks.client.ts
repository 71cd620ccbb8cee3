// What a page shows when its loading or rendering throws something that is not a planned
// `error(status, message)`: a failed API request keeps its status and the API's own message;
// anything else (a bug) a generic message with an error id, logged in the console with the
// details, which are never shown.
import type { HandleClientError } from "@sveltejs/kit/hooks";
import { ApiError } from "#lib/api/error.ts";
import { describeError } from "#lib/api/describe-error.ts";
import { t } from "#lib/i18n/index.svelte.ts";

export const handleError: HandleClientError = ({ kind, error }) => {
  if (kind !== "unknown") return;
  if (error instanceof ApiError) return { status: error.status >= 400 ? error.status : 500, message: describeError(error) };
  const id = crypto.randomUUID().slice(0, 8);
  console.error(`error ${id}`, error);
  return { message: t("error.unexpected", { id }), id };
};
