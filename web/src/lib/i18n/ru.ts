// Russian strings, in the words Albato users already know («связка», «подключения»).
import { connectionsRu } from "./connections.ru.ts";
import type { Messages } from "./en.ts";
import { runsRu } from "./runs.ru.ts";
import { settingsRu } from "./settings.ru.ts";
import { editorRu } from "./editor.ru.ts";
import { auditRu } from "./audit.ru.ts";
import { sharingRu } from "./sharing.ru.ts";
import { templatesRu } from "./templates.ru.ts";
import { feedbackRu } from "./feedback.ru.ts";

export const ru: Messages = {
  ...connectionsRu,
  ...runsRu,
  ...settingsRu,
  ...auditRu,
  ...sharingRu,
  ...templatesRu,
  ...feedbackRu,
  "app.name": "Svyazka",
  "app.tagline": "Соединяйте сервисы без кода",

  "language.label": "Язык",

  "auth.email": "Эл. почта",
  "auth.password": "Пароль",
  "auth.password_hint": "Не короче 8 символов",
  "auth.workspace_name": "Название рабочего пространства",
  "auth.workspace_name_hint": "Ваша компания или команда; потом можно добавить ещё",
  "auth.signup.title": "Регистрация",
  "auth.signup.submit": "Зарегистрироваться",
  "auth.signup.have_account": "Уже есть аккаунт?",
  "auth.login.title": "Вход в Svyazka",
  "auth.login.submit": "Войти",
  "auth.login.no_account": "Впервые в Svyazka?",
  "auth.to_login": "Войти",
  "auth.to_signup": "Создать аккаунт",
  "auth.logout": "Выйти",

  "nav.skip_to_content": "Перейти к содержимому",
  "nav.label": "Главное меню",
  "nav.bundles": "Мои связки",
  "nav.settings": "Настройки",
  "nav.user": "Вы вошли как {email}",

  "workspace.switcher_label": "Рабочее пространство",
  "workspace.new": "Новое пространство",
  "workspace.new_title": "Новое рабочее пространство",
  "workspace.name": "Название",
  "workspace.create": "Создать",
  "workspace.cancel": "Отмена",
  "workspace.not_found": "Такого рабочего пространства нет, или вы в нём не участвуете.",
  "workspace.none_title": "Создайте первое рабочее пространство",
  "workspace.none_text": "Вы пока не участник ни одного рабочего пространства.",

  "bundles.title": "Мои связки",
  "bundles.empty_title": "Связок пока нет",
  "bundles.empty_text":
    "Связка соединяет ваши сервисы: когда что-то происходит в одном, Svyazka делает что-то в другом.",
  "bundles.name": "Название",
  "bundles.status": "Состояние",
  "bundles.enabled": "Включена",
  "bundles.disabled": "Выключена",
  "bundles.version": "Версия {version}",

  "settings.title": "Настройки",
  "settings.nav_label": "Разделы настроек",
  "settings.members": "Участники",
  "settings.api_keys": "API-ключи",

  "role.label": "Роль",
  "role.owner": "Владелец",
  "role.admin": "Администратор",
  "role.editor": "Редактор",
  "role.viewer": "Наблюдатель",

  "invitations.label": "Приглашения в рабочие пространства",
  "invitations.text": "{who} приглашает вас в «{workspace}» с ролью «{role}».",
  "invitations.accept": "Присоединиться",
  "invitations.accept_named": "Присоединиться к {workspace}",
  "invitations.decline": "Отклонить",
  "invitations.decline_named": "Отклонить приглашение в {workspace}",

  "members.title": "Участники",
  "members.read_only": "Приглашать участников и менять роли могут только владельцы и администраторы.",
  "members.invite_title": "Пригласить участника",
  "members.invite_submit": "Пригласить",
  "members.invited_notice": "{email} приглашён(а) и присоединится, приняв приглашение: после входа или при регистрации с этим адресом.",
  "members.email": "Эл. почта",
  "members.status_invited": "Приглашён",
  "members.status_active": "Активен",
  "members.you": "вы",
  "members.role_of": "Роль участника {email}",
  "members.remove": "Удалить",
  "members.remove_named": "Удалить {email}",
  "members.remove_confirm": "Удалить {email} из рабочего пространства?",
  "members.empty": "Участников нет.",

  "api_keys.title": "API-ключи",
  "api_keys.intro":
    "API-ключи позволяют скриптам и другим сервисам обращаться к API Svyazka от имени этого рабочего пространства.",
  "api_keys.read_only": "Управлять API-ключами могут только владельцы и администраторы.",
  "api_keys.create_title": "Создать API-ключ",
  "api_keys.name": "Название",
  "api_keys.create_submit": "Создать ключ",
  "api_keys.created_title": "Ваш новый API-ключ «{name}»",
  "api_keys.created_warning": "Скопируйте его сейчас: больше он показан не будет.",
  "api_keys.copy": "Копировать",
  "api_keys.copied": "Скопировано",
  "api_keys.copy_failed": "Не удалось скопировать; выделите ключ и скопируйте вручную.",
  "api_keys.done": "Ключ сохранён",
  "api_keys.empty": "API-ключей пока нет.",
  "api_keys.prefix": "Ключ",
  "api_keys.created": "Создан {date}",
  "api_keys.last_used": "Использован {date}",
  "api_keys.never_used": "Ещё не использовался",
  "api_keys.revoke": "Отозвать",
  "api_keys.revoke_named": "Отозвать ключ {name}",
  "api_keys.revoke_confirm": "Отозвать ключ «{name}»? Скрипты, которые им пользуются, перестанут работать.",

  "common.loading": "Загрузка…",
  "common.field_error_prefix": "Ошибка:",

  "error.generic": "Что-то пошло не так. Попробуйте ещё раз.",
  "error.network": "Сервер недоступен. Проверьте подключение и попробуйте ещё раз.",
  "error.not_found": "Страница не найдена",
  "error.back_home": "На главную",

  ...editorRu
};
