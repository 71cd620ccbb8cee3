// English strings. Keys say what a string means, not where it sits; ru.ts must have the same keys.
import { connectionsEn } from "./connections.en.ts";
import { runsEn } from "./runs.en.ts";
import { settingsEn } from "./settings.en.ts";
import { editorEn } from "./editor.en.ts";
import { auditEn } from "./audit.en.ts";
import { sharingEn } from "./sharing.en.ts";
import { templatesEn } from "./templates.en.ts";
import { feedbackEn } from "./feedback.en.ts";

export const en = {
  ...connectionsEn,
  ...runsEn,
  ...settingsEn,
  ...auditEn,
  ...sharingEn,
  ...templatesEn,
  ...feedbackEn,
  "app.name": "Svyazka",
  "app.tagline": "Connect your services without code",

  "language.label": "Language",

  "auth.email": "Email",
  "auth.password": "Password",
  "auth.password_hint": "At least 8 characters",
  "auth.workspace_name": "Workspace name",
  "auth.workspace_name_hint": "Your company or team; you can add more later",
  "auth.signup.title": "Create your account",
  "auth.signup.submit": "Sign up",
  "auth.signup.have_account": "Already have an account?",
  "auth.login.title": "Log in to Svyazka",
  "auth.login.submit": "Log in",
  "auth.login.no_account": "New to Svyazka?",
  "auth.to_login": "Log in",
  "auth.to_signup": "Create an account",
  "auth.logout": "Log out",

  "nav.skip_to_content": "Skip to content",
  "nav.label": "Main",
  "nav.bundles": "Bundles",
  "nav.settings": "Settings",
  "nav.user": "Signed in as {email}",

  "workspace.switcher_label": "Workspace",
  "workspace.new": "New workspace",
  "workspace.new_title": "New workspace",
  "workspace.name": "Name",
  "workspace.create": "Create",
  "workspace.cancel": "Cancel",
  "workspace.not_found": "This workspace does not exist or you are not a member of it.",
  "workspace.none_title": "Create your first workspace",
  "workspace.none_text": "You are not a member of any workspace yet.",

  "bundles.title": "Bundles",
  "bundles.empty_title": "No bundles yet",
  "bundles.empty_text":
    "A bundle connects your services: when something happens in one, Svyazka does something in another.",
  "bundles.name": "Name",
  "bundles.status": "Status",
  "bundles.enabled": "On",
  "bundles.disabled": "Off",
  "bundles.version": "Version {version}",

  "settings.title": "Settings",
  "settings.nav_label": "Settings sections",
  "settings.members": "Members",
  "settings.api_keys": "API keys",

  "role.label": "Role",
  "role.owner": "Owner",
  "role.admin": "Admin",
  "role.editor": "Editor",
  "role.viewer": "Viewer",

  "invitations.label": "Invitations to join a workspace",
  "invitations.text": "{who} invites you to “{workspace}” as {role}.",
  "invitations.accept": "Join",
  "invitations.accept_named": "Join {workspace}",
  "invitations.decline": "Decline",
  "invitations.decline_named": "Decline the invitation to {workspace}",

  "members.title": "Members",
  "members.read_only": "Only owners and admins can invite members and change roles.",
  "members.invite_title": "Invite a member",
  "members.invite_submit": "Invite",
  "members.invited_notice": "{email} is invited and joins on accepting: after logging in, or by signing up with this email.",
  "members.email": "Email",
  "members.status_invited": "Invited",
  "members.status_active": "Active",
  "members.you": "you",
  "members.role_of": "Role of {email}",
  "members.remove": "Remove",
  "members.remove_named": "Remove {email}",
  "members.remove_confirm": "Remove {email} from this workspace?",
  "members.empty": "No members.",

  "api_keys.title": "API keys",
  "api_keys.intro":
    "API keys let scripts and other services call the Svyazka API on behalf of this workspace.",
  "api_keys.read_only": "Only owners and admins can manage API keys.",
  "api_keys.create_title": "Create an API key",
  "api_keys.name": "Name",
  "api_keys.create_submit": "Create key",
  "api_keys.created_title": "Your new API key “{name}”",
  "api_keys.created_warning": "Copy it now: it will not be shown again.",
  "api_keys.copy": "Copy",
  "api_keys.copied": "Copied",
  "api_keys.copy_failed": "Could not copy; select the key and copy it by hand.",
  "api_keys.done": "I have saved it",
  "api_keys.empty": "No API keys yet.",
  "api_keys.prefix": "Key",
  "api_keys.created": "Created {date}",
  "api_keys.last_used": "Last used {date}",
  "api_keys.never_used": "Never used",
  "api_keys.revoke": "Revoke",
  "api_keys.revoke_named": "Revoke key {name}",
  "api_keys.revoke_confirm": "Revoke the key “{name}”? Scripts using it will stop working.",

  "common.loading": "Loading…",
  "common.field_error_prefix": "Error:",

  "error.generic": "Something went wrong. Please try again.",
  "error.network": "Cannot reach the server. Check your connection and try again.",
  "error.not_found": "Page not found",
  "error.back_home": "Go to the start page",

  ...editorEn
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
