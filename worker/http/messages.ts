// Messages several routes answer with, in both languages (worker/i18n).
import type { Text } from "../i18n";

export const NO_SUCH_BUNDLE: Text = { en: "No such bundle in this workspace.", ru: "В этом рабочем пространстве нет такой связки." };
export const NO_SUCH_CONNECTION: Text = { en: "No such connection in this workspace.", ru: "В этом рабочем пространстве нет такого подключения." };
export const NO_SUCH_RUN: Text = { en: "No such run in this workspace.", ru: "В этом рабочем пространстве нет такого запуска." };
export const NO_SUCH_WORKSPACE: Text = { en: "Workspace not found.", ru: "Рабочее пространство не найдено." };
export const UNKNOWN_CURSOR: Text = { en: "The cursor is not one this API gave out.", ru: "Такой курсор этот API не выдавал." };
export const NOT_A_USER: Text = { en: "Not a user session.", ru: "Это не сеанс пользователя." };

/** The answer to a path no route serves (and to the operator routes while they are off). */
export function noRoute(req: Request): Text {
  const route = `${req.method} ${new URL(req.url).pathname}`;
  return { en: `No route ${route}.`, ru: `Маршрута ${route} нет.` };
}
