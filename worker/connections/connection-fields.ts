// A connection's fields checked against its app's declaration, split into the secret ones
// (stored encrypted) and the rest. Errors name the field as /fields/<name>.
import { getConnector } from "../connectors/catalogue";
import { jsonPointer } from "../json/pointer";
import { ValidationFailed } from "../errors";
import { issueInRussian } from "../i18n";
import { splitFields } from "./split-fields";

export function declarationOf(app: string) {
  const connector = getConnector(app);
  if (!connector) throw new ValidationFailed({ en: `Unknown app "${app}". See GET /api/v1/apps.`, ru: `Неизвестное приложение «${app}». Список — GET /api/v1/apps.` }, "/app");
  if (!connector.connection) throw new ValidationFailed({ en: `The ${app} app needs no connection.`, ru: `Приложению ${app} подключение не нужно.` }, "/app");
  return connector.connection;
}

export function checkFields(app: string, values: Record<string, unknown>) {
  const declaration = declarationOf(app);
  const parsed = declaration.fields.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join(".");
    const fieldRu = name ? `Поле «${name}»` : "Поля подключения";
    throw new ValidationFailed({ en: `${name || "fields"}: ${issue.message}`, ru: `${fieldRu}: ${issueInRussian(issue)}` }, "/fields" + jsonPointer(issue.path));
  }
  return splitFields(parsed.data as Record<string, unknown>, declaration.secret);
}
