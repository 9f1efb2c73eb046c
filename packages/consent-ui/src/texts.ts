/** The languages the UI speaks; the catalogue's own names and descriptions come from the gateway in the same language. */
export type Language = "ru" | "en";

export interface Texts {
  bannerTitle: string;
  bannerBody: string;
  acceptAll: string;
  rejectAll: string;
  settings: string;
  dialogTitle: string;
  dialogBody: string;
  save: string;
  close: string;
  alwaysOn: string;
  vendors: string;
  cookiePolicy: string;
  purposesTitle: string;
  centreTitle: string;
  centreBody: string;
  withdrawAll: string;
  saved: string;
  pending: string;
  gpcOn: string;
}

export const TEXTS: Record<Language, Texts> = {
  ru: {
    bannerTitle: "Мы используем файлы cookie",
    bannerBody:
      "Необходимые файлы cookie нужны для работы сайта. Остальные мы используем только с вашего согласия: вы можете принять или отклонить их все или выбрать по категориям.",
    acceptAll: "Принять все",
    rejectAll: "Отклонить все",
    settings: "Настроить",
    dialogTitle: "Настройки файлов cookie",
    dialogBody: "Выберите, какие категории файлов cookie разрешить. Изменить выбор можно в любой момент.",
    save: "Сохранить выбор",
    close: "Закрыть",
    alwaysOn: "Всегда включены",
    vendors: "Компании",
    cookiePolicy: "Политика в отношении файлов cookie",
    purposesTitle: "Цели обработки по согласию",
    centreTitle: "Мои согласия",
    centreBody: "Здесь вы даёте и отзываете согласия. Отозвать согласие так же просто, как дать его.",
    withdrawAll: "Отозвать все согласия",
    saved: "Выбор сохранён",
    pending: "Выбор сохранён на этом устройстве и будет отправлен, когда появится связь",
    gpcOn: "Ваш браузер передаёт сигнал Global Privacy Control: реклама и передача данных отключены.",
  },
  en: {
    bannerTitle: "We use cookies",
    bannerBody:
      "Strictly necessary cookies keep the site working. We use the others only with your consent: accept or reject them all, or choose by category.",
    acceptAll: "Accept all",
    rejectAll: "Reject all",
    settings: "Choose",
    dialogTitle: "Cookie settings",
    dialogBody: "Choose which categories of cookies to allow. You can change your choice at any time.",
    save: "Save my choice",
    close: "Close",
    alwaysOn: "Always on",
    vendors: "Companies",
    cookiePolicy: "Cookie policy",
    purposesTitle: "Purposes that need your consent",
    centreTitle: "My consents",
    centreBody: "Give and withdraw your consents here. Withdrawing is as easy as giving.",
    withdrawAll: "Withdraw all consents",
    saved: "Choice saved",
    pending: "Choice saved on this device; it will be sent when the connection is back",
    gpcOn: "Your browser sends the Global Privacy Control signal: advertising and sharing are off.",
  },
};
