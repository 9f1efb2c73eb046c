/** The languages the UI speaks; the catalogue's own names and descriptions come from the gateway in the same language. */
export type Language = "ru" | "en" | "zh";

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
  unchanged: string;
  pending: string;
  gpcOn: string;
  /** The preference centre's button that saves a decision's signed receipt as a file. */
  downloadReceipt: string;
  receiptFailed: string;
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
    unchanged: "Вы ничего не изменили",
    pending: "Выбор сохранён на этом устройстве и будет отправлен, когда появится связь",
    gpcOn: "Ваш браузер передаёт сигнал Global Privacy Control: реклама и передача данных отключены.",
    downloadReceipt: "Скачать подтверждение",
    receiptFailed: "Не удалось получить подтверждение, попробуйте позже",
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
    unchanged: "Nothing changed",
    pending: "Choice saved on this device; it will be sent when the connection is back",
    gpcOn: "Your browser sends the Global Privacy Control signal: advertising and sharing are off.",
    downloadReceipt: "Download receipt",
    receiptFailed: "The receipt could not be fetched; try again later",
  },
  zh: {
    bannerTitle: "我们使用 Cookie",
    bannerBody: "必要的 Cookie 用于维持网站运行。其他 Cookie 仅在您同意后使用：您可以全部接受、全部拒绝，或按类别选择。",
    acceptAll: "全部接受",
    rejectAll: "全部拒绝",
    settings: "自定义",
    dialogTitle: "Cookie 设置",
    dialogBody: "请选择允许哪些类别的 Cookie。您可以随时更改您的选择。",
    save: "保存我的选择",
    close: "关闭",
    alwaysOn: "始终开启",
    vendors: "公司",
    cookiePolicy: "Cookie 政策",
    purposesTitle: "需要您同意的处理目的",
    centreTitle: "我的同意",
    centreBody: "您可以在这里给予和撤回同意。撤回同意与给予同意一样简单。",
    withdrawAll: "撤回全部同意",
    saved: "选择已保存",
    unchanged: "您没有做任何更改",
    pending: "选择已保存在此设备上，联网后将发送",
    gpcOn: "您的浏览器发送了全球隐私控制（GPC）信号：广告和数据共享已关闭。",
    downloadReceipt: "下载凭证",
    receiptFailed: "无法获取凭证，请稍后再试",
  },
};
