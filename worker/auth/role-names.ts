// The workspace roles, most powerful first: a leaf, so the API's schemas and the dashboard
// (its role pickers) take the one list. What each role may do is in roles.ts.
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
