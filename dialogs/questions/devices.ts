/**
 * Which questions make sense depends on the device a grievance names: a customer whose broadband
 * drops is never asked which phone they use; one with a broken handset is. The words are the
 * recognizer's (intents/deviceFaults.ts), so the category and the questions agree.
 */
export { namesHandset, namesHomeDevice } from '../../intents/deviceFaults';

/** Brands and model words: an answer with one of these tells the phone model. */
export const PHONE_MODEL_WORDS = /iphone|苹果|华为|荣耀|小米|红米|oppo|vivo|三星|一加|魅族|mate|型号/i;
