// A zod issue's message in Russian: ours from the catalogue of schema messages, zod's own
// default text from zod's bundled Russian locale (decision 0017).
import { z } from "zod";
import { schemaMessageInRussian } from "./schema-messages";

const english = z.locales.en().localeError;
const russian = z.locales.ru().localeError;

export function issueInRussian(issue: z.core.$ZodIssue): string {
  const declared = schemaMessageInRussian(issue.message);
  if (declared) return declared;
  // zod's default English for this issue means no schema spoke: zod can say it in Russian.
  const raw = issue as unknown as z.core.$ZodRawIssue;
  if (textOf(english(raw)) === issue.message) return textOf(russian(raw)) ?? issue.message;
  return issue.message;
}

function textOf(result: ReturnType<typeof english>): string | undefined {
  return typeof result === "string" ? result : result?.message;
}
