// Validates a bundle/1 document for a workspace and turns problems into one 400 that names
// the first field and lists them all (a document past the JSON bounds has that one problem, and its code).
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { validateBundle, type Bundle } from "../flow";
import { ValidationFailed } from "../errors";
import { isBoundsCode, OutOfBounds } from "../json/bounds";
import { validationContextFor } from "./validation-context";

export async function validBundleOrThrow(scope: WorkspaceScope, document: unknown): Promise<Bundle> {
  const result = validateBundle(document, await validationContextFor(scope));
  if (result.ok) return result.bundle;
  const [first] = result.errors;
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : "";
  const moreRu = result.errors.length > 1 ? ` (и ещё ${result.errors.length - 1})` : "";
  const text = { en: `${first.message}${more}`, ru: `${first.ru}${moreRu}` };
  throw isBoundsCode(first.code) ? new OutOfBounds(first.code, text, first.path, result.errors) : new ValidationFailed(text, first.path, result.errors);
}
