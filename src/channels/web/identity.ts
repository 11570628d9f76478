import type { ChannelAccount } from 'botbuilder';

/** The channel id every web conversation's activities carry (what Azure's Direct Line uses too). */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** How the bot appears in every web conversation. */
export const WEB_BOT_ACCOUNT: Readonly<ChannelAccount> = Object.freeze({ id: 'complaint-desk', name: '投诉助手', role: 'bot' });
