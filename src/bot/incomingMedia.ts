import type { Activity } from 'botbuilder';
import type { Attachment } from '../domain/case';

/**
 * Media a customer sent, as references staff can fetch later. Channels report media either as
 * Bot Framework attachments (Web Chat uploads) or, where they have no URL to give, with the
 * marker `channelData.media = { kind, ref, name? }` (e.g. WeChat: a message id as ref).
 */
export interface MediaMarker {
  kind: Attachment['kind'];
  ref: string;
  name?: string;
}

const URL_ONLY = /^https?:\/\/\S+$/i;

export function incomingMedia(activity: Partial<Activity>, receivedAt: string): Attachment[] {
  const media: Attachment[] = (activity.attachments ?? [])
    // Cards and hero cards are ours (echoed back), not customer media.
    .filter((a) => !a.contentType?.startsWith('application/vnd.microsoft.card'))
    .map((a) => ({
      kind: kindOf(a.contentType ?? ''),
      ref: a.contentUrl ?? a.name ?? 'inline',
      ...(a.name ? { name: a.name } : {}),
      receivedAt,
    }));
  const marker = (activity.channelData as { media?: MediaMarker } | undefined)?.media;
  if (marker?.kind && marker.ref)
    media.push({ kind: marker.kind, ref: marker.ref, ...(marker.name ? { name: marker.name } : {}), receivedAt });
  // A bare link is evidence to keep, not words to classify.
  const text = activity.text?.trim() ?? '';
  if (URL_ONLY.test(text)) media.push({ kind: 'link', ref: text, receivedAt });
  return media;
}

function kindOf(contentType: string): Attachment['kind'] {
  const type = contentType.toLowerCase();
  if (type.includes('sticker') || type === 'image/gif') return 'sticker';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'voice';
  if (type.startsWith('video/')) return 'video';
  if (type) return 'file';
  return 'other';
}

/** True when the message has nothing for the dialogs to read: only media, or only a link. */
export function isMediaOnly(activity: Partial<Activity>, media: Attachment[]): boolean {
  const text = activity.text?.trim() ?? '';
  return media.length > 0 && (text === '' || URL_ONLY.test(text));
}
