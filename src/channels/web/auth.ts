import type { Request } from 'restify';
import { HttpError } from '../../http/httpError';
import { TokenError, type TokenClaims, type TokenService } from './tokens';

/**
 * Status codes follow what DirectLineJS does with them: 401 for no or a forged token, 403 for
 * an expired token (the client then stops retrying and reports ExpiredToken) or a token of
 * another conversation.
 */
export function bearerClaims(tokens: TokenService, req: Request): TokenClaims {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new HttpError(401, 'MissingToken', 'an Authorization: Bearer <token> header is required');
  return verifyOrThrow(tokens, match[1], 'conversation');
}

export function verifyOrThrow(tokens: TokenService, token: string, scope: 'conversation' | 'stream'): TokenClaims {
  try {
    return tokens.verify(token, scope);
  } catch (err) {
    if (err instanceof TokenError) {
      if (err.reason === 'expired') throw new HttpError(403, 'TokenExpired', err.message);
      throw new HttpError(401, 'InvalidToken', err.message);
    }
    throw err;
  }
}

/** The token must belong to the conversation named in the URL. */
export function requireConversation(claims: TokenClaims, conversationId: string): void {
  if (claims.conv !== conversationId) {
    throw new HttpError(403, 'Forbidden', 'this token does not grant access to that conversation');
  }
}
