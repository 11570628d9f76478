/** The intake dialogs as the rest of the service sees them. */
export { MainDialog, MAIN_DIALOG, type MainDialogOptions } from './mainDialog';
export type { IntakeSettings } from './intakeSettings';
export { appendTranscript, conversationRecordAccessor, newConversationRecord, type ConversationRecord } from './conversationRecord';
export { pickPhrase } from './wording/pickPhrase';
export { PHRASE_FAMILIES, type PhraseFamily } from './wording/phraseFamilies';
export { turnAnger } from './turnReader';
