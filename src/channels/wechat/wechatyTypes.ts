/**
 * The few wechaty shapes this channel touches, written structurally so that only type imports
 * reach wechaty at load time (the package takes about a second to load, and an instance without
 * a puppet never needs it) and so unit tests can hand in odd messages without a puppet.
 *
 * The numbers mirror wechaty-puppet's enums (types.Message, types.Contact, types.ScanStatus);
 * test/channels/wechat/inboundMessage.test.ts checks them against the installed package.
 */
export const MESSAGE_TYPE = {
  Unknown: 0,
  Attachment: 1,
  Audio: 2,
  Contact: 3,
  ChatHistory: 4,
  Emoticon: 5,
  Image: 6,
  Text: 7,
  Location: 8,
  MiniProgram: 9,
  GroupNote: 10,
  Transfer: 11,
  RedEnvelope: 12,
  Recalled: 13,
  Url: 14,
  Video: 15,
  Post: 16,
} as const;

export const CONTACT_TYPE_OFFICIAL = 2;

export const SCAN_STATUS = { Unknown: 0, Cancel: 1, Waiting: 2, Scanned: 3, Confirmed: 4, Timeout: 5 } as const;

export interface ContactLike {
  id: string;
  name(): string;
  type(): number;
}

export interface RoomLike {
  id: string;
}

export interface MessageLike {
  id: string;
  self(): boolean;
  type(): number;
  text(): string;
  talker(): ContactLike;
  room(): RoomLike | undefined;
  date(): Date;
  mentionSelf(): Promise<boolean>;
  mentionText(): Promise<string>;
  payload?: { filename?: string };
}
