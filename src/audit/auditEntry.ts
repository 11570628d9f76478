/** Who did what to which case, kept for privacy and quality reviews. */
export interface AuditEntry {
  actor: string;
  action:
    | 'login'
    | 'logout'
    | 'reveal'
    | 'claim'
    | 'release'
    | 'transfer'
    | 'resolve'
    | 'message'
    | 'takeover'
    | 'assign'
    | 'note'
    | 'unlock'
    | 'quick-reply'
    | 'presence'
    | 'assignment';
  caseId?: string;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}
