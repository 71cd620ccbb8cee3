// Webhook deliveries as a site form or CRM sends them: varied JSON of about 1 KB (a person,
// their address, UTM tags, the page, the order, a comment), different in every delivery. The
// scale bench stores these in the run ledger, which compresses them (decision 0032): text made
// of one repeated phrase would compress far better than real payloads do, so it is not used.

const FIRST = ["Анна", "Иван", "Мария", "Дмитрий", "Ольга", "Сергей", "Екатерина", "Алексей", "Наталья", "Павел", "Юлия", "Михаил", "Татьяна", "Артём", "Ксения", "Роман"];
const LAST = ["Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Новиков", "Морозов", "Волков", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов"];
const CITIES = ["Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань", "Нижний Новгород", "Самара", "Краснодар", "Пермь", "Воронеж", "Тюмень", "Омск"];
const STREETS = ["ул. Ленина", "пр-т Мира", "ул. Гагарина", "ул. Советская", "Садовая ул.", "ул. Пушкина", "Лесной пер.", "ул. Строителей", "Набережная ул.", "ул. Кирова"];
const PRODUCTS = [
  ["KIT-204", "Набор для дома", 1490],
  ["SRV-11", "Доставка курьером", 350],
  ["LMP-08", "Лампа настольная LED", 2290],
  ["CHR-31", "Стул офисный Comfort", 6990],
  ["TBL-02", "Стол складной 120×60", 4550],
  ["PIL-77", "Подушка ортопедическая", 1890],
  ["BAG-15", "Рюкзак городской 22 л", 3190],
  ["MUG-40", "Кружка термо 450 мл", 790],
  ["SET-09", "Комплект постельного белья", 3490],
  ["WRK-03", "Установка и сборка", 1200],
  ["GFT-50", "Подарочная карта 5000", 5000],
  ["CBL-12", "Кабель USB-C 2 м", 490],
] as const;
const SENTENCES = [
  "Перезвоните, пожалуйста, после 18:00 по местному времени.",
  "Удобнее связаться в WhatsApp или Telegram.",
  "Нужна доставка до двери, подъезд со стороны двора, код домофона 45К7820.",
  "Интересует оптовая цена при заказе от 20 штук.",
  "Можно ли оплатить картой при получении?",
  "Прошлый заказ пришёл с повреждённой упаковкой, просьба упаковать надёжнее.",
  "Please send the invoice to the company email, VAT number in the details.",
  "Хочу уточнить сроки: нужно успеть до пятницы.",
  "Есть ли этот товар в другом цвете, например серый или графит?",
  "Оформляю от юрлица, ИНН и КПП пришлю отдельным письмом.",
  "Скидка по промокоду не применилась, проверьте, пожалуйста.",
  "Заберу сам из пункта выдачи рядом с метро.",
  "Did not get the confirmation SMS, the number might be wrong.",
  "Нужна консультация по размерам перед покупкой.",
  "Подтвердите наличие на складе, пожалуйста.",
  "Добавьте, если можно, ещё одну единицу в заказ.",
];
const SOURCES = [
  ["yandex", "cpc"],
  ["google", "cpc"],
  ["vk", "social"],
  ["telegram", "post"],
  ["email", "newsletter"],
  ["avito", "referral"],
] as const;
const AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36 YaBrowser/24.10",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
];

/** Delivery `n`: the same n gives the same payload (seeded), neighbouring n look unrelated. */
export function webhookLead(n: number) {
  let state = (Math.imul(n + 1, 2654435761) ^ 0x9e3779b9) >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join("");
  const hex = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join("");
  const [source, medium] = pick(SOURCES);
  const first = pick(FIRST);
  const last = pick(LAST);
  const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const [sku, title, price] = pick(PRODUCTS);
    return { sku, title, qty: 1 + Math.floor(random() * 4), price };
  });
  const campaign = `${pick(["sale", "brand", "retarget", "promo"])}_${digits(6)}`;
  return {
    formid: `form${digits(9)}`,
    formname: pick(["Заявка", "Обратный звонок", "Заказ", "Консультация"]),
    tranid: `${digits(7)}:${digits(10)}`,
    name: `${first} ${last}${first.endsWith("а") || first.endsWith("я") ? "а" : ""}`,
    phone: `+7 9${digits(2)} ${digits(3)}-${digits(2)}-${digits(2)}`,
    email: `${hex(4)}.${last.length}${digits(3)}@${pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru"])}`,
    city: pick(CITIES),
    address: `${pick(STREETS)}, д. ${1 + Math.floor(random() * 120)}, кв. ${1 + Math.floor(random() * 300)}`,
    items,
    total: items.reduce((sum, i) => sum + i.qty * i.price, 0),
    comment: [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SENTENCES)))].join(" "),
    utm: { source, medium, campaign, content: `ad_${hex(8)}`, term: pick(["купить", "доставка", "цена", "отзывы", "недорого"]) },
    page: `https://shop.example.ru/catalog/${pick(PRODUCTS)[0].toLowerCase()}?utm_source=${source}&utm_campaign=${campaign}&yclid=${digits(19)}`,
    ip: `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
    user_agent: pick(AGENTS),
    cookies: `_ga=GA1.2.${digits(10)}.${digits(10)}; _ym_uid=${digits(19)}; tildauid=${digits(13)}`,
    created_at: new Date(Date.UTC(2026, 11, 1) + Math.floor(random() * 30 * 86_400_000)).toISOString(),
  };
}

/** A step's message about the lead, as an owner would write it: every field once, no repeats. */
export const LEAD_MESSAGE = [
  "Новая заявка «{{lead.formname}}» №{{lead.tranid}} от {{lead.created_at}}",
  "Клиент: {{lead.name}}, {{lead.phone}}, {{lead.email}}",
  "Адрес: {{lead.city}}, {{lead.address}}",
  "Заказ: {{lead.items.0.title}} ({{lead.items.0.sku}}) × {{lead.items.0.qty}} по {{lead.items.0.price}} ₽; {{lead.items.1.title}} × {{lead.items.1.qty}}; {{lead.items.2.title}} × {{lead.items.2.qty}}",
  "Итого: {{lead.total}} ₽",
  "Комментарий: {{lead.comment}}",
  "Источник: {{lead.utm.source}} / {{lead.utm.medium}}, кампания {{lead.utm.campaign}}, объявление {{lead.utm.content}}, запрос «{{lead.utm.term}}»",
  "Страница: {{lead.page}}",
  "IP {{lead.ip}}, {{lead.user_agent}}",
].join("\n");
