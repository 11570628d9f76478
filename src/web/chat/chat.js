/*
 * The customer's chat page: gets a Direct Line token from our own endpoint and hands it to the
 * official Web Chat. Plain browser script (no build step), served at /webchat/chat.js.
 */
(function () {
  'use strict';

  var DIRECT_LINE = location.origin + '/v3/directline';
  // The same customer keeps one id across visits, so agents see one customer, not many.
  var USER_KEY = 'complaint-desk.web.userId';
  var statusEl = document.getElementById('status');

  function showStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? 'status status--error' : 'status';
    statusEl.hidden = false;
  }

  function hideStatus() {
    statusEl.hidden = true;
  }

  function storage(action, value) {
    // Private browsing and some in-app browsers refuse localStorage; the chat still works.
    try {
      if (action === 'get') return window.localStorage.getItem(USER_KEY);
      if (action === 'set') window.localStorage.setItem(USER_KEY, value);
      if (action === 'remove') window.localStorage.removeItem(USER_KEY);
    } catch (e) {
      return null;
    }
    return null;
  }

  /** The user id the server bound into the token (a JWT; Web Chat reads the same claim). */
  function userFromToken(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(window.atob(payload)).user || null;
    } catch (e) {
      return null;
    }
  }

  function requestToken(userId) {
    return fetch(DIRECT_LINE + '/tokens/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(userId ? { user: { id: userId } } : {}),
      credentials: 'same-origin',
    });
  }

  function start() {
    var userId = storage('get');
    return requestToken(userId)
      .then(function (res) {
        // An id the server no longer accepts: start afresh rather than never connecting.
        if (res.status === 400 && userId) {
          storage('remove');
          return requestToken(null);
        }
        return res;
      })
      .then(function (res) {
        if (res.status === 429) {
          showStatus('当前咨询人数较多，请稍等一分钟后刷新页面重试。', true);
          return null;
        }
        if (!res.ok) throw new Error('token request failed with ' + res.status);
        return res.json();
      })
      .then(function (session) {
        if (!session) return;
        var user = userFromToken(session.token);
        if (user) storage('set', user);
        var directLine = window.WebChat.createDirectLine({ token: session.token, domain: DIRECT_LINE });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            locale: 'zh-CN',
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
              primaryFont:
                "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
            },
          },
          document.getElementById('webchat'),
        );
        hideStatus();
      });
  }

  if (!window.WebChat) {
    showStatus('客服组件加载失败，请检查网络后刷新页面重试。', true);
    return;
  }
  start().catch(function (err) {
    if (window.console) console.error('chat start failed', err);
    showStatus('连接失败，请检查网络后刷新页面重试。', true);
  });
})();
