// Russian strings of the templates gallery and of creating a connection in place; the same keys as templates.en.ts.
import type { templatesEn } from "./templates.en.ts";

export const templatesRu: Record<keyof typeof templatesEn, string> = {
  "templates.title": "Начните с шаблона",
  "templates.intro": "Готовые связки: выберите одну, укажите нужные ей подключения и донастройте в редакторе.",
  "templates.use": "Взять шаблон",
  "templates.use_label": "Взять шаблон: {title}",
  "templates.scratch": "Или соберите свою",
  "templates.setup_help": "Выберите подключение для каждого сервиса связки. Она будет создана выключенной и откроется в редакторе.",
  "templates.create": "Создать связку",
  "templates.all": "Все шаблоны",
  "templates.unknown": "Такого шаблона нет. Выберите шаблон из списка.",
  "connect_here.none": "В этом рабочем пространстве ещё нет подключения к {app}. Создайте его здесь:",
  "connect_here.open": "Новое подключение к {app}",
  "connect_here.title": "Новое подключение к {app}",
  "connect_here.chosen": "«{name}» создано и выбрано.",
  "connect_here.chosen_failed": "«{name}» создано и выбрано, но пока не работает: {reason}"
};
