/**
 * Every real-time push to the staff consoles has this one shape, whatever it is about
 * (a new case, a message, a status change). Published on STAFF_EVENTS_TOPIC through the store,
 * so a console connected to any instance sees what happened on every other.
 */
export interface StaffEvent {
  resource: 'case' | 'message' | 'note' | 'alert' | 'wechat';
  type: string;
  /** The case id (or the resource's own id). */
  id: string;
  payload: Record<string, unknown>;
}

export const STAFF_EVENTS_TOPIC = 'staff-events';
