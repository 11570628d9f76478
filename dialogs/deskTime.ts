// Desk time is formatted in domain/ so the handoff notices and the dialogs say deadlines the same way.
export { formatDeadline, formatDeskTime } from '../src/domain/deskTime';
