// The figures live in domain/ so the settings (config/) can type them without importing the follow-up workflow.
export * from '../domain/followupSettings';
