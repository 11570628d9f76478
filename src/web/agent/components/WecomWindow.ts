import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';

/**
 * WeCom customer service only lets the desk write within 48 hours of the customer's last message,
 * 5 messages at most: the agent sees how many are left, and when messages wait for the customer's
 * next message (「窗口已关闭，客户下次发消息时送达」). Read again whenever the transcript grows.
 */
export function WecomWindow({ api, caseId, version }: { api: Api; caseId: string; version: number }) {
  const [state, setState] = useState<{ open: boolean; remaining?: number; notice?: string } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.wecomDelivery(caseId).then(
      (found) => current && setState(found),
      () => current && setState(undefined),
    );
    return () => {
      current = false;
    };
  }, [api, caseId, version]);
  if (!state) return null;
  if (state.notice) return html`<p class="notice notice--info" role="status" data-wecom-window="held">${state.notice}</p>`;
  if (!state.open)
    return html`<p class="notice notice--info" role="status" data-wecom-window="closed">窗口已关闭，客户下次发消息时送达</p>`;
  return html`<p class="muted" data-wecom-window="open">企业微信：客户上次发消息后 48 小时内还可发送 ${state.remaining ?? 0} 条</p>`;
}
