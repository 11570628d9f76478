/**
 * DOMAIN.md files a broken home line or device (broadband that drops, a 光猫, router, set-top
 * box, IPTV) and a broken handset under after-sales, even when the words sound like network
 * quality («宽带老是断线»). The model learnt part of that from a corpus that is not consistent
 * about it, so a grievance the model reads as network quality is refiled when it names such a
 * device and a fault, and says nothing about speed or signal, which stay network quality.
 * The dialogs use the same words to choose their questions (no phone model for a broadband line).
 */

/** Named outright, these make it a home line whatever else is said. */
const HOME_LINE = /宽带|光猫|光纤|网线|路由|机顶盒|电视盒|电视|频道|iptv|座机|固话/i;
/**
 * Home Wi-Fi, «家里的网» or the net told together with one's home («yd的网 俺家老断») is the home
 * line too, unless the customer says it is their phone.
 */
const HOME_NETWORK = /wifi|wi-fi|无线网|家里的?网|家的网/i;
const NET_AT_HOME = /(?:家里|家中|[我俺咱]家|屋里)[^，,。!！?？\s]{0,3}网|网(?:络)?[^。!！?？]{0,8}(?:家里|家中|[我俺咱]家)/;
const HANDSET = /手机|合约机|iphone|苹果|华为|荣耀|小米|红米|oppo|vivo|三星|一加|魅族/i;

/** Faults of a home line or device; a landline's too («座机打不出去», «固话没有拨号音»). */
const HOME_FAULT =
  /断|掉线|掉了|上不了网|上不去网|打不开|连不上|连不了|没网|没有网|无信号|没有?信号|不通|坏|不亮|红灯|闪|黑屏|没画面|开不了机|死机|重启|打不出|打不进|接不到|没有?声音|没有?拨号音|杂音|串线/;
/** Slow or laggy broadband is network quality: the line works, just not as sold. */
const SPEED = /网速|速度|测速|兆|\d+\s*m\b|慢|卡|延迟|丢包|限速|达不到|跑不满|带宽|缓冲|ping/i;
const HANDSET_FAULT = /死机|黑屏|花屏|屏幕?(?:坏|碎|裂|失灵)|开不了机|开不开机|自动关机|自动重启|充不进电|充不上电|发烫|摄像头坏|坏了/;
/** A phone without signal or data is the network's business, not the phone's. */
const NETWORK = /信号|网速|上网|上不了网|流量|掉线|断线|打不通|打不出|接不到|没服务|无服务|4g|5g|通话|卡顿/i;

function namesHomeNetwork(text: string): boolean {
  return HOME_NETWORK.test(text) || (NET_AT_HOME.test(text) && !HANDSET.test(text));
}

export function namesHomeDevice(text: string): boolean {
  return HOME_LINE.test(text) || (namesHomeNetwork(text) && !HANDSET.test(text));
}

/** A phone that fails (死机, broken screen), not a home line reached with one. */
export function namesHandset(text: string): boolean {
  return HANDSET.test(text) && !namesHomeDevice(text);
}

export function isDeviceFault(readable: string): boolean {
  // «手机信号差，宽带也老断»: the phone's signal is a network grievance of its own; the model keeps it.
  const handsetNetwork = HANDSET.test(readable) && NETWORK.test(readable);
  if (HOME_LINE.test(readable) || namesHomeNetwork(readable)) return HOME_FAULT.test(readable) && !SPEED.test(readable) && !handsetNetwork;
  return HANDSET.test(readable) && HANDSET_FAULT.test(readable) && !handsetNetwork;
}

/** The category a grievance is filed under: network quality turns to after-sales for a device fault. */
export function deviceFaultCategory<T extends string>(category: T, readable: string): T | 'after_sales' {
  return category === 'product_quality' && isDeviceFault(readable) ? 'after_sales' : category;
}
