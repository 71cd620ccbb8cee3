// What stands where a secret was, in every log, step log, test result and share document.
export const REDACTED = "••••";
