/**
 * What a grievance is about when it names a device: a home line or box (broadband, 光猫, router,
 * set-top box, IPTV, fixed line) or a handset. It decides which questions make sense: a
 * customer whose broadband drops is never asked which phone they use.
 */

/** Named outright, these make it a home line whatever else is said. */
const HOME_LINE = /宽带|光猫|光纤|网线|路由|机顶盒|电视盒|电视|iptv|座机|固话/i;
/** Home Wi-Fi or «家里的网» is the home line too, unless the customer says it is their phone. */
const HOME_NETWORK = /wifi|wi-fi|无线网|家里的?网|家的网|家里网络/i;
const HANDSET = /手机|合约机|iphone|苹果|华为|荣耀|小米|红米|oppo|vivo|三星|一加|魅族/i;

/** Brands and model words: an answer with one of these tells the phone model. */
export const PHONE_MODEL_WORDS = /iphone|苹果|华为|荣耀|小米|红米|oppo|vivo|三星|一加|魅族|mate|型号/i;

export function namesHomeDevice(told: string): boolean {
  return HOME_LINE.test(told) || (HOME_NETWORK.test(told) && !HANDSET.test(told));
}

/** A phone that fails (死机, broken screen), not a home line reached with one. */
export function namesHandset(told: string): boolean {
  return HANDSET.test(told) && !namesHomeDevice(told);
}
