// The audit log's details in every language (decision 0030): our words and role names are
// translated, names and addresses the users typed stay as written.
import type { Role } from "../auth/role-names";
import { getConnector } from "../connectors/catalogue";
import type { Text } from "../i18n/text";

const ROLE_RU: Record<Role, string> = { owner: "владелец", admin: "администратор", editor: "редактор", viewer: "наблюдатель" };

/** A role as the detail names it: the code in English, the dashboard's word in Russian. */
export const roleText = (role: Role): Text => ({ en: role, ru: ROLE_RU[role] });

/** A connection as the detail names it: its service in each language ("ВКонтакте"), then its name. */
function connectionText(app: string, name: string, en = "", ru = ""): Text {
  const service = getConnector(app)?.label ?? { en: app, ru: app };
  return { en: `${service.en}: ${name}${en}`, ru: `${service.ru}: ${name}${ru}` };
}

export const auditDetail = {
  apiKeyActor: (name: string): Text => ({ en: `API key «${name}»`, ru: `API-ключ «${name}»` }),
  apiKeyCreated: (name: string, role: Role): Text => ({ en: `${name} (${role})`, ru: `${name} (${ROLE_RU[role]})` }),
  invited: (email: string, role: Role): Text => ({ en: `${email} as ${role}`, ru: `${email}, роль: ${ROLE_RU[role]}` }),
  joined: (email: string, role: Role): Text => ({ en: `${email} as ${role} (accepted the invitation)`, ru: `${email}, роль: ${ROLE_RU[role]} (принял(а) приглашение)` }),
  roleChanged: (from: Role, to: Role): Text => ({ en: `${from} → ${to}`, ru: `${ROLE_RU[from]} → ${ROLE_RU[to]}` }),
  left: { en: "left", ru: "вышел(а) сам(а)" } satisfies Text,
  invitationWithdrawn: (email: string): Text => ({ en: `invitation of ${email}`, ru: `приглашение для ${email}` }),
  connectionCreated: (app: string, name: string): Text => connectionText(app, name),
  connectedWithOAuth: (app: string, name: string): Text => connectionText(app, name, " (connected with OAuth)", " (подключено через OAuth)"),
  copyOf: (name: string, originalId: string): Text => ({ en: `${name}: a copy of ${originalId}`, ru: `${name}: копия ${originalId}` }),
  version: (version: number): Text => ({ en: `version ${version}`, ru: `версия ${version}` }),
};
