/*
 * The customer's chat page: gets a Direct Line token from our own endpoint and hands it to the
 * official Web Chat. Plain browser script (no build step), served at /webchat/chat.js.
 *
 * A reload resumes the same conversation (so the case, its history and the agent's later
 * replies stay on the page): {conversationId, token} is kept in localStorage per customer id and
 * renewed before the token expires; 「开始新的对话」 forgets it.
 */
(function () {
  'use strict';

  var DIRECT_LINE = location.origin + '/v3/directline';
  // The customer id the server last put in a token here (it knows the customer by its own
  // HttpOnly cookie; the page never chooses the id). Only used to find the stored conversation.
  var USER_KEY = 'complaint-desk.web.userId';
  // Followed by the user id: the conversation this customer last had open on this device.
  var SESSION_KEY_PREFIX = 'complaint-desk.web.session.';
  // DirectLineJS refreshes its own copy every 15 minutes; ours is renewed at least as often.
  var MAX_REFRESH_MS = 15 * 60 * 1000;
  var statusEl = document.getElementById('status');
  // The server answers 503 while it cannot take messages for a moment (its store is away).
  var BUSY_TEXT = '系统正忙，暂时无法连接客服，请稍后刷新页面重试。给您带来不便，非常抱歉。';
  // DirectLineJS's ConnectionStatus values.
  var CONNECTION_ONLINE = 2;
  var CONNECTION_FAILED = 4;
  var refreshTimer = null;
  var typingEl = document.getElementById('typing');
  // Web Chat's own indicator lasts this long after the last typing activity; ours does too.
  var TYPING_SHOWN_MS = 5000;
  var typingTimer = null;

  function showStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? 'status status--error' : 'status';
    statusEl.hidden = false;
  }

  function hideStatus() {
    statusEl.hidden = true;
  }

  // Private browsing and some in-app browsers refuse localStorage; the chat still works (without resuming).
  function storageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function storageSet(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      /* not available */
    }
  }

  function storageRemove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      /* not available */
    }
  }

  function storage(action, value) {
    if (action === 'get') return storageGet(USER_KEY);
    if (action === 'set') storageSet(USER_KEY, value);
    return null;
  }

  /** The conversation this customer last had open here: {conversationId, token}, or null. */
  function loadSession(userId) {
    if (!userId) return null;
    try {
      var session = JSON.parse(storageGet(SESSION_KEY_PREFIX + userId) || 'null');
      if (session && typeof session.conversationId === 'string' && typeof session.token === 'string') {
        // A token of another customer (or a garbled one) is no use for this one.
        if (userFromToken(session.token) === userId) return session;
      }
    } catch {
      /* garbled: start afresh */
    }
    forgetSession(userId);
    return null;
  }

  function saveSession(userId, conversationId, token) {
    if (!userId || !conversationId || !token) return;
    storageSet(SESSION_KEY_PREFIX + userId, JSON.stringify({ conversationId: conversationId, token: token }));
  }

  function forgetSession(userId) {
    if (userId) storageRemove(SESSION_KEY_PREFIX + userId);
  }

  /** The user id the server bound into the token (a JWT; Web Chat reads the same claim). */
  function userFromToken(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(window.atob(payload)).user || null;
    } catch {
      return null;
    }
  }

  // The customer cookie travels with it (same origin), so a returning customer keeps their id.
  function requestToken() {
    return fetch(DIRECT_LINE + '/tokens/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
  }

  /**
   * Asks for a fresh token for a stored conversation. Resolves to {conversationId, token}, or
   * null when the conversation is gone (404) or the stored token no longer opens it (401/403);
   * anything else (network, 5xx) rejects, and the stored session is kept for the next try.
   */
  function resumeSession(session) {
    return fetch(DIRECT_LINE + '/conversations/' + encodeURIComponent(session.conversationId), {
      method: 'GET',
      headers: { Authorization: 'Bearer ' + session.token },
      credentials: 'same-origin',
    }).then(function (res) {
      if (res.status === 401 || res.status === 403 || res.status === 404) return null;
      if (!res.ok) throw busyOr(new Error('resuming the conversation failed with ' + res.status), res.status);
      return res.json().then(function (body) {
        return { conversationId: body.conversationId || session.conversationId, token: body.token, expires_in: body.expires_in };
      });
    });
  }

  /** Marks an error as the server being busy (503), so the page says so instead of blaming the network. */
  function busyOr(err, status) {
    if (status === 503) err.busy = true;
    return err;
  }

  function newSession() {
    return requestToken().then(function (res) {
      if (res.status === 429) {
        showStatus('当前咨询人数较多，请稍等一分钟后刷新页面重试。', true);
        return null;
      }
      if (!res.ok) throw busyOr(new Error('token request failed with ' + res.status), res.status);
      return res.json();
    });
  }

  /**
   * Keeps the stored token valid while the page is open, so a reload (even after the token's
   * lifetime) can still resume. DirectLineJS refreshes its own copy separately.
   */
  function keepSessionFresh(userId, conversationId, token, expiresIn) {
    if (refreshTimer) window.clearTimeout(refreshTimer);
    var seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 1800;
    var delay = Math.max(1000, Math.min(MAX_REFRESH_MS, (seconds * 1000) / 2));
    refreshTimer = window.setTimeout(function () {
      fetch(DIRECT_LINE + '/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token },
        credentials: 'same-origin',
      })
        .then(function (res) {
          if (!res.ok) throw new Error('token refresh failed with ' + res.status);
          return res.json();
        })
        .then(function (body) {
          // Stop when this conversation is no longer the stored one (「开始新的对话」 in another tab).
          var current = loadSession(userId);
          if (!current || current.conversationId !== conversationId) return;
          saveSession(userId, conversationId, body.token);
          keepSessionFresh(userId, conversationId, body.token, body.expires_in);
        })
        .catch(function (err) {
          // Expired (the device slept past the lifetime): the next load starts a new conversation.
          // Anything else: try again a little later with the same token.
          if (window.console) console.warn('chat token refresh failed', err);
          if (!/ 40[134]$/.test(String(err && err.message))) {
            refreshTimer = window.setTimeout(function () {
              keepSessionFresh(userId, conversationId, token, 60);
            }, 30 * 1000);
          }
        });
    }, delay);
  }

  function start() {
    var userId = storage('get');
    var stored = loadSession(userId);
    var resumed = stored
      ? resumeSession(stored).then(function (fresh) {
          if (!fresh) forgetSession(userId);
          return fresh;
        })
      : Promise.resolve(null);
    return resumed
      .then(function (fresh) {
        return fresh
          ? { session: fresh, resumed: true }
          : newSession().then(function (s) {
              return s ? { session: s, resumed: false } : null;
            });
      })
      .then(function (started) {
        if (!started) return;
        var session = started.session;
        var user = userFromToken(session.token);
        if (user) storage('set', user);
        saveSession(user, session.conversationId, session.token);
        keepSessionFresh(user, session.conversationId, session.token, session.expires_in);
        var options = { token: session.token, domain: DIRECT_LINE };
        // With the conversation id, DirectLineJS reconnects (GET /conversations/:id) instead of
        // starting a new one; without a watermark the stream replays the whole history.
        if (started.resumed) options.conversationId = session.conversationId;
        var directLine = window.WebChat.createDirectLine(options);
        // Starting the conversation inside DirectLineJS can meet a 503 too; it gives up at once
        // (FailedToConnect), so the page tells the customer instead of leaving a dead chat.
        // A 503 on a message is Web Chat's own business: it marks the message as not sent and
        // offers to resend it.
        if (directLine.connectionStatus$ && directLine.connectionStatus$.subscribe) {
          directLine.connectionStatus$.subscribe({
            next: function (status) {
              if (status === CONNECTION_FAILED) showStatus(BUSY_TEXT, true);
              else if (status === CONNECTION_ONLINE) hideStatus();
            },
            error: function () {
              /* shown by the next status */
            },
          });
        }
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: typingStore(),
            locale: 'zh-CN',
            // The agent sees 「客户正在输入…」 (Web Chat sends one every 3 s while the box changes).
            sendTypingIndicator: true,
            // Our own line says it in words; the dots would say it twice.
            typingIndicatorMiddleware: function () {
              return function () {
                return function () {
                  return false;
                };
              };
            },
            styleOptions: {
              accent: '#0b6bcb',
              botAvatarInitials: '客服',
              userAvatarInitials: '我',
              bubbleBorderRadius: 10,
              bubbleFromUserBorderRadius: 10,
              bubbleFromUserBackground: '#e6f0fb',
              bubbleMaxWidth: 600,
              hideUploadButton: true,
              sendBoxTextWrap: true,
              primaryFont: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
            },
          },
          document.getElementById('webchat'),
        );
        hideStatus();
      });
  }

  function showTyping(shown) {
    if (typingTimer) window.clearTimeout(typingTimer);
    typingTimer = null;
    if (typingEl) typingEl.hidden = !shown;
    if (shown)
      typingTimer = window.setTimeout(function () {
        showTyping(false);
      }, TYPING_SHOWN_MS);
  }

  /**
   * 「客服正在输入…」 while the agent types: the server sends `typing` activities from the
   * agent (POST /api/cases/{id}/typing) and the page shows our line for each, until the
   * agent's message arrives or a few seconds pass. Web Chat's own indicator is only three dots
   * (its text is for screen readers), so the page says it in words instead.
   */
  function typingStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = (action.payload && action.payload.activity) || {};
            var fromBot = activity.from && activity.from.role === 'bot';
            if (fromBot && activity.type === 'typing') showTyping(true);
            else if (fromBot && activity.type === 'message') showTyping(false);
          }
          return next(action);
        };
      };
    });
  }

  /** 「开始新的对话」: forget the stored conversation and load the page again. */
  function startOver() {
    if (!window.confirm('开始新的对话后，本页将不再显示当前对话的记录。确定要开始新的对话吗？')) return;
    forgetSession(storage('get'));
    if (refreshTimer) window.clearTimeout(refreshTimer);
    window.location.reload();
  }

  var newChatButton = document.getElementById('new-chat');
  if (newChatButton) newChatButton.addEventListener('click', startOver);

  if (!window.WebChat) {
    showStatus('客服组件加载失败，请检查网络后刷新页面重试。', true);
    return;
  }
  start().catch(function (err) {
    if (window.console) console.error('chat start failed', err);
    showStatus(err && err.busy ? BUSY_TEXT : '连接失败，请检查网络后刷新页面重试。', true);
  });
})();
