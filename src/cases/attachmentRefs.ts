import type { Case } from '../domain/case';
import type { AttachmentSource } from '../domain/channels';
import type { AttachmentView } from './caseShapes';

/** Where a stored reference can be opened from: the channel registry's reading (ChannelRegistry.attachmentSource). */
export type AttachmentSourceOf = (ref: string) => AttachmentSource;

/** Attachments as staff screens see them: no raw reference, only whether each can be opened and from which channel. */
export function toAttachmentViews(c: Pick<Case, 'attachments' | 'channel'>, sourceOf: AttachmentSourceOf): AttachmentView[] {
  return c.attachments.map((a, index) => {
    const source = sourceOf(a.ref);
    return {
      index,
      kind: a.kind,
      ...(a.name ? { name: a.name } : {}),
      receivedAt: a.receivedAt,
      channel: source.type === 'channel' ? source.channel : c.channel,
      viewable: source.type !== 'none',
    };
  });
}
