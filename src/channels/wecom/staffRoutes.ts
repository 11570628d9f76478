import type { Server } from 'restify';
import { z } from 'zod';
import { canSee } from '../../auth/caseAccess';
import type { StaffAuth } from '../../auth/staffAuth';
import type { HandoffService } from '../../handoff/handoffService';
import { HttpError, route } from '../../http/httpError';
import { validate } from '../../http/validate';
import type { Logger } from '../../logging/logger';
import type { WecomChannel } from './wecomChannel';

/**
 * For the agent console: can a WeCom customer be reached right now? The 48-hour window and the
 * messages left in it, and what waits for the customer's next message (「窗口已关闭，客户下次发消息时送达」).
 */
export const WECOM_STAFF_PATH = '/api/wecom/cases/:id/delivery';

const params = z.object({ id: z.string().min(1).max(100) });

export function mountWecomStaffRoutes(
  server: Server,
  deps: { channel: WecomChannel; handoff: HandoffService; auth: StaffAuth; logger: Logger },
): void {
  server.get(
    WECOM_STAFF_PATH,
    route(deps.logger, async (req, res) => {
      const staff = await deps.auth.authenticate(req);
      const { id } = validate(params, req.params, 'path');
      const c = await deps.handoff.get(id);
      if (!c || !canSee(staff, c)) throw new HttpError(404, 'NotFound', 'no such case');
      if (c.channel !== 'wecom') throw new HttpError(404, 'NotFound', 'not a WeCom case');
      res.send(200, (await deps.channel.deliveryState(c.conversationId)) ?? {});
    }),
  );
}
