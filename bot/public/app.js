/*
 * Boussole chat page: Web Chat (served by us, /webchat.js) on the local Direct Line (/v3/directline).
 * - the person's identity, issued and signed by the server, kept in localStorage, so a returning
 *   person finds their plan (UserState) and nobody else can claim it;
 * - the open conversation (id + token) in localStorage, resumed after a reload, else a new one;
 * - the language picker sets <html lang dir>, Web Chat's locale/dir/strings, and starts a new
 *   conversation in that language (same user id);
 * - too many new conversations (429) shows a notice in the person's language and tries again by
 *   itself; a full conversation (the bot says so, channelData.notice 'full') offers a new one;
 * - the bot's events: 'boussole/language' (chosen in the chat: the page follows, same conversation),
 *   'boussole/erased' (everything of the person leaves the page; one button starts anew),
 *   'boussole/summary' (a button opens the printable summary of the plan, see openSummary);
 * - a server that cannot be reached is said in the person's language; messages typed meanwhile are
 *   kept (localStorage) and sent when it answers again.
 * Plain ES2020, no inline code: the page runs under a strict Content-Security-Policy.
 */
(function () {
  'use strict';

  /** Our 8 languages: Web Chat locale (its UI strings), direction, and the font for Web Chat. */
  var ARABIC_FONT = '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Naskh Arabic UI", Tahoma, system-ui, sans-serif';
  var LATIN_FONT =
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
  var ETHIOPIC_FONT = '"Noto Sans Ethiopic", "Abyssinica SIL", Nyala, Ebrima, system-ui, sans-serif';
  var LANGUAGES = {
    fr: { locale: 'fr-FR', dir: 'ltr', font: LATIN_FONT },
    en: { locale: 'en-US', dir: 'ltr', font: LATIN_FONT },
    ar: { locale: 'ar-SA', dir: 'rtl', font: ARABIC_FONT },
    // Web Chat has no fa/ps/ti UI: they fall back to en-US strings, overridden from webchat.json.
    fa: { locale: 'fa', dir: 'rtl', font: ARABIC_FONT },
    ps: { locale: 'ps', dir: 'rtl', font: ARABIC_FONT },
    ti: { locale: 'ti', dir: 'ltr', font: ETHIOPIC_FONT },
    ru: { locale: 'ru-RU', dir: 'ltr', font: LATIN_FONT },
    uk: { locale: 'uk-UA', dir: 'ltr', font: LATIN_FONT },
  };
  var DEFAULT_LANGUAGE = 'fr';

  /** /advisor: the phone advisor's script, in French, driven from the keyboard (numbers, then Enter). */
  var ADVISOR = window.location.pathname === '/advisor';
  var ADVISOR_COMMAND = 'mode conseiller';
  // The advisor's calls never meet the chat of a person using the same browser.
  var KEY_PREFIX = ADVISOR ? 'boussole.advisor.' : 'boussole.';
  var KEY_USER = KEY_PREFIX + 'user';
  var KEY_LANGUAGE = KEY_PREFIX + 'language';
  var KEY_CONVERSATION = KEY_PREFIX + 'conversation';
  var KEY_OUTBOX = KEY_PREFIX + 'outbox';
  /** "<user id>.<signature>", as /tokens/generate returns it. */
  var CREDENTIAL_PATTERN = /^r_[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{43}$/;
  var DOMAIN = window.location.origin + '/v3/directline';

  // Connection statuses of DirectLineJS (ConnectionStatus enum).
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var ENDED = 5;

  // The CSP nonce, given to Web Chat for the styles it injects (emotion).
  var script = document.currentScript;
  var nonce = (script && (script.nonce || script.getAttribute('nonce'))) || undefined;

  var chat = document.getElementById('chat');
  var picker = document.getElementById('language');
  var label = document.getElementById('language-label');
  var notice = document.getElementById('notice');
  var noticeText = document.getElementById('notice-text');
  var noticeAction = document.getElementById('notice-action');
  var listen = document.getElementById('listen');
  var listenLabel = document.getElementById('listen-label');

  /** The running Web Chat, ended before another one starts. */
  var current = null;
  /** Bumped on every start, so a slow start that was overtaken does nothing. */
  var generation = 0;
  var stringsCache = {};

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (_e) {
      return null;
    }
  }

  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (_e) {
      // Private mode or storage full: the chat still works, it just will not be resumed.
    }
  }

  /** The credential the server gave this browser, or null before the first conversation. */
  function credential() {
    var value = read(KEY_USER);
    return value && CREDENTIAL_PATTERN.test(value) ? value : null;
  }

  function userIdOf(value) {
    return value ? value.slice(0, value.lastIndexOf('.')) : null;
  }

  function initialLanguage() {
    if (ADVISOR) return 'fr';
    var saved = read(KEY_LANGUAGE);
    if (saved && LANGUAGES[saved]) return saved;
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (LANGUAGES[code]) return code;
    }
    return DEFAULT_LANGUAGE;
  }

  function savedConversation() {
    try {
      var value = JSON.parse(read(KEY_CONVERSATION) || 'null');
      return value && typeof value.token === 'string' && typeof value.conversationId === 'string' ? value : null;
    } catch (_e) {
      return null;
    }
  }

  function saveConversation(conversationId, token, language, user) {
    write(
      KEY_CONVERSATION,
      JSON.stringify({ conversationId: conversationId, token: token, language: language, userId: user }),
    );
  }

  function post(url, body, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(body || {}),
      credentials: 'same-origin',
      cache: 'no-store',
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return null;
        })
        .then(function (json) {
          return { status: res.status, json: json, retryAfter: res.headers.get('Retry-After') };
        });
    });
  }

  function loadStrings(language) {
    if (stringsCache[language]) return Promise.resolve(stringsCache[language]);
    return fetch('/i18n/' + language + '.json', { credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('strings ' + res.status);
        return res.json();
      })
      .then(function (strings) {
        stringsCache[language] = strings;
        return strings;
      })
      .catch(function () {
        return { webchat: {}, page: {} };
      });
  }

  /** The saved conversation if it is still open (token refreshed), else a new one for this user. */
  function openConversation(language, user) {
    var saved = savedConversation();
    var resume =
      saved && saved.language === language && saved.userId === user
        ? post(DOMAIN + '/tokens/refresh', {}, saved.token).then(function (r) {
            // 403 (token expired or invalid) or 404 (conversation purged): start a new one.
            return r.status === 200 && r.json && r.json.conversationId === saved.conversationId
              ? { conversationId: r.json.conversationId, token: r.json.token, resumed: true }
              : null;
          })
        : Promise.resolve(null);
    return resume
      .catch(function () {
        return null;
      })
      .then(function (resumed) {
        if (resumed) return resumed;
        write(KEY_CONVERSATION, null);
        var known = credential();
        return post(DOMAIN + '/tokens/generate', known ? { user: { credential: known } } : {}).then(function (r) {
          if (r.status === 429) {
            var refused = new Error('tokens/generate 429');
            refused.busy = retryAfterSeconds(r.retryAfter, 60);
            throw refused;
          }
          if (r.status !== 200 || !r.json || !r.json.token || !r.json.user) throw new Error('tokens/generate ' + r.status);
          write(KEY_USER, r.json.user.credential);
          return { conversationId: r.json.conversationId, token: r.json.token, resumed: false, userId: r.json.user.id };
        });
      });
  }

  function applyPage(language, strings) {
    var info = LANGUAGES[language];
    var root = document.documentElement;
    root.lang = language;
    root.dir = info.dir;
    picker.value = language;
    var page = (strings && strings.page) || {};
    if (page.title) document.title = page.title;
    if (page.language) {
      label.textContent = page.language;
      picker.title = page.language;
    }
    if (page.listen) {
      listenLabel.textContent = page.listen;
      listen.title = page.listen;
    }
    offerListening();
  }

  /**
   * Read aloud, for people who read little: the browser's own voices only (no cloud service), so the
   * button shows only where the device has a voice for the page's language.
   */
  function voiceFor(language) {
    var speech = window.speechSynthesis;
    if (!speech || typeof window.SpeechSynthesisUtterance !== 'function') return null;
    var voices = speech.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (String(voices[i].lang).toLowerCase().split(/[-_]/)[0] === language) return voices[i];
    }
    return null;
  }

  function offerListening() {
    listen.hidden = !voiceFor(picker.value);
  }

  /** The text of the bot's last message on screen (cards and buttons left out). */
  function lastBotText() {
    var texts = chat.querySelectorAll('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__text-content');
    return texts.length ? texts[texts.length - 1].innerText.trim() : '';
  }

  listen.addEventListener('click', function () {
    var language = picker.value;
    var voice = voiceFor(language);
    var text = lastBotText();
    if (!voice || !text) return;
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });
  if (window.speechSynthesis && typeof window.speechSynthesis.addEventListener === 'function') {
    // Voices arrive after the page on some browsers.
    window.speechSynthesis.addEventListener('voiceschanged', offerListening);
  }

  function showStatus(text, isError) {
    var p = document.createElement('p');
    p.className = isError ? 'status error' : 'status';
    p.setAttribute('role', isError ? 'alert' : 'status');
    p.textContent = text;
    chat.replaceChildren(p);
  }

  /** A notice above the chat, with a button when `action` ({ label, run }) is given. */
  function showNotice(text, action) {
    noticeText.textContent = text;
    noticeAction.hidden = !action;
    noticeAction.textContent = action ? action.label : '';
    noticeAction.onclick = action
      ? function () {
          hideNotice();
          action.run();
        }
      : null;
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
  }

  /**
   * The printable summary of the person's plan: their answers come back for this conversation's token (in a
   * header, never in an address) and travel on in the summary's fragment, which the browser never sends. The
   * tab opens at the tap, before the answer is back, so that no pop-up blocker stops it.
   */
  function openSummary(token, strings) {
    var tab = window.open('', '_blank');
    post(window.location.origin + '/chat/summary-profile', {}, token).then(
      function (r) {
        if (r.status === 200 && r.json && typeof r.json.fragment === 'string') {
          if (tab) tab.location.href = '/summary#' + r.json.fragment;
          else window.location.href = '/summary#' + r.json.fragment;
          return;
        }
        if (tab) tab.close();
        showNotice(strings.noSummary);
      },
      function () {
        if (tab) tab.close();
        showNotice(strings.offline);
      },
    );
  }

  /** Seconds from a Retry-After header, kept within [1, 900]; `fallback` when absent. */
  function retryAfterSeconds(value, fallback) {
    var seconds = Number(value);
    return seconds > 0 ? Math.min(900, Math.ceil(seconds)) : fallback;
  }

  function stopCurrent() {
    if (!current) return;
    var old = current;
    current = null;
    old.subscriptions.forEach(function (s) {
      try {
        s.unsubscribe();
      } catch (_e) {
        /* already closed */
      }
    });
    try {
      old.directLine.end();
    } catch (_e) {
      /* already ended */
    }
  }

  function styleOptions(info) {
    return {
      accent: '#1d4e89',
      backgroundColor: '#f4f6f9',
      primaryFont: info.font,
      rootHeight: '100%',
      rootWidth: '100%',
      hideUploadButton: true,
      bubbleBackground: '#ffffff',
      bubbleBorderRadius: 14,
      bubbleFromUserBackground: '#dbe9f9',
      bubbleFromUserBorderRadius: 14,
      // Cards of a carousel take up to this width: keep one card within a phone's screen.
      bubbleMaxWidth: Math.max(240, Math.min(600, window.innerWidth - 40)),
      richCardWrapTitle: true,
      bubbleMinHeight: 44,
      suggestedActionLayout: 'flow',
      suggestedActionHeight: 48,
      suggestedActionBorderRadius: 24,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderColor: '#1d4e89',
      suggestedActionTextColor: '#1d4e89',
      suggestedActionBackgroundColor: '#ffffff',
      sendBoxHeight: 56,
      sendBoxTextWrap: true,
      sendBoxButtonColor: '#1d4e89',
    };
  }

  function start(language, isRetry) {
    var my = ++generation;
    var info = LANGUAGES[language];
    var user = userIdOf(credential());
    write(KEY_LANGUAGE, language);
    stopCurrent();
    hideNotice();
    applyPage(language, stringsCache[language]);

    return loadStrings(language)
      .then(function (strings) {
        if (my !== generation) return;
        applyPage(language, strings);
        showStatus((strings.page && strings.page.loading) || '…', false);
        return openConversation(language, user).then(function (conversation) {
          if (my !== generation) return;
          user = conversation.userId || user;
          saveConversation(conversation.conversationId, conversation.token, language, user);
          render(language, info, strings, conversation, user, my, isRetry);
        });
      })
      .catch(function (error) {
        if (my !== generation) return;
        var page = (stringsCache[language] && stringsCache[language].page) || {};
        if (error && error.busy && page.busy) {
          // Too many new conversations (from this address, or from everyone): try again by ourselves.
          showStatus(page.busy, true);
          window.setTimeout(function () {
            if (my === generation) start(language, isRetry);
          }, error.busy * 1000);
          return;
        }
        showStatus(page.error || 'Connexion impossible. / Unable to connect.', true);
      });
  }

  /** Messages that could not be sent (server unreachable), kept to be sent once it answers again. */
  function outbox() {
    try {
      var value = JSON.parse(read(KEY_OUTBOX) || '[]');
      return Array.isArray(value) ? value : [];
    } catch (_e) {
      return [];
    }
  }

  function setOutbox(items) {
    write(KEY_OUTBOX, items.length ? JSON.stringify(items) : null);
  }

  /** After "erase my data": nothing of the person stays in the page, and one button starts anew. */
  function showErased(language, texts) {
    stopCurrent();
    hideNotice();
    write(KEY_CONVERSATION, null);
    write(KEY_USER, null);
    setOutbox([]);
    var p = document.createElement('p');
    p.className = 'status';
    p.setAttribute('role', 'status');
    p.textContent = texts.text;
    var again = document.createElement('button');
    again.type = 'button';
    again.className = 'start-again';
    again.textContent = texts.startAgain;
    again.addEventListener('click', function () {
      start(language, false);
    });
    chat.replaceChildren(p, again);
    again.focus();
  }

  function render(language, info, strings, conversation, user, my, isRetry) {
    var directLine = window.WebChat.createDirectLine({
      token: conversation.token,
      conversationId: conversation.resumed ? conversation.conversationId : undefined,
      domain: DOMAIN,
      webSocket: false,
      conversationStartProperties: { locale: info.locale },
    });
    // The page's language can change within this conversation (the person picks one in the chat).
    var running = { directLine: directLine, subscriptions: [], language: language, strings: strings };
    current = running;
    var received = false;
    var page = function () {
      return running.strings.page || {};
    };
    var store = window.WebChat.createStore();
    var seen = {};

    // A message that does not reach the server (DirectLineJS answers "retry", or fails once it knows
    // the connection is down) is kept for later.
    var postActivity = directLine.postActivity.bind(directLine);
    directLine.postActivity = function (activity) {
      var keep = function () {
        if (activity.type !== 'message' || !activity.text) return;
        var clientId = activity.channelData && activity.channelData.clientActivityID;
        var pending = outbox().filter(function (item) {
          return item.clientId !== clientId;
        });
        pending.push({ conversationId: conversation.conversationId, clientId: clientId, text: activity.text });
        setOutbox(pending.slice(-20));
      };
      return postActivity(activity).do(
        function (id) {
          if (id === 'retry') keep();
        },
        function (error) {
          // A refusal (4xx) is not an outage: the bot has said why; only unreachable servers keep it.
          if (!error || !error.status) keep();
        },
      );
    };

    /** Sends what was kept for this conversation and is not in its history already. */
    function flushOutbox() {
      var pending = outbox();
      var mine = pending.filter(function (item) {
        return item.conversationId === conversation.conversationId;
      });
      setOutbox(
        pending.filter(function (item) {
          return item.conversationId !== conversation.conversationId;
        }),
      );
      mine.forEach(function (item) {
        if (!seen[item.clientId]) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: item.text } });
      });
    }

    running.subscriptions.push(
      directLine.activity$.subscribe(function (activity) {
        if (!received) {
          received = true;
          // Each call is a new case: the advisor's page asks for the script as soon as the bot speaks.
          if (ADVISOR && !conversation.resumed) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: ADVISOR_COMMAND } });
          // The history is replayed first: send what was kept once it has had a moment to arrive.
          window.setTimeout(function () {
            if (current === running) flushOutbox();
          }, 1000);
        }
        var clientId = activity.channelData && activity.channelData.clientActivityID;
        if (clientId) seen[clientId] = true;
        // On a call the keyboard answers at once: while nothing else has the focus, the message box takes it.
        if (ADVISOR) {
          window.setTimeout(function () {
            var box = container.querySelector('.webchat__send-box-text-box__html-text-area, .webchat__send-box-text-box__input');
            if (box && (document.activeElement === document.body || !document.activeElement)) box.focus();
          }, 0);
        }
        if (current !== running) return;
        if (activity.channelData && activity.channelData.notice === 'full') {
          showNotice(page().full, {
            label: page().newConversation,
            run: function () {
              write(KEY_CONVERSATION, null);
              start(running.language, false);
            },
          });
        }
        if (activity.type === 'event' && activity.name === 'boussole/language') switchLanguage(running, activity.value);
        if (activity.type === 'event' && activity.name === 'boussole/summary') {
          showNotice(page().summaryReady, {
            label: page().openSummary,
            run: function () {
              openSummary(conversation.token, page());
            },
          });
        }
        if (activity.type === 'event' && activity.name === 'boussole/erased' && activity.value) {
          showErased(running.language, activity.value);
          return;
        }
        // DirectLineJS refreshes its token every 15 minutes: keep the newest for the next reload.
        if (typeof directLine.token === 'string' && directLine.token !== conversation.token) {
          conversation.token = directLine.token;
        }
        saveConversation(conversation.conversationId, conversation.token, running.language, user);
      }),
    );
    running.subscriptions.push(
      directLine.connectionStatus$.subscribe(function (status) {
        if (status !== EXPIRED_TOKEN && status !== FAILED_TO_CONNECT && status !== ENDED) return;
        if (current !== running || my !== generation) return;
        // A resumed conversation that cannot be reached: forget it and start a new one (once).
        if (conversation.resumed && !received && !isRetry) {
          write(KEY_CONVERSATION, null);
          start(running.language, true);
        }
      }),
    );

    var container = document.createElement('div');
    container.className = 'webchat';
    chat.replaceChildren(container);

    running.render = function () {
      var now = LANGUAGES[running.language];
      container.setAttribute('lang', running.language);
      container.setAttribute('dir', now.dir);
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          locale: now.locale,
          dir: now.dir,
          nonce: nonce,
          overrideLocalizedStrings: running.strings.webchat || {},
          styleOptions: styleOptions(now),
        },
        container,
      );
    };
    running.render();
  }

  /** The person chose a language in the chat: the page follows (direction, texts), same conversation. */
  function switchLanguage(running, language) {
    if (!LANGUAGES[language] || language === running.language) return;
    running.language = language;
    write(KEY_LANGUAGE, language);
    loadStrings(language).then(function (strings) {
      if (current !== running || running.language !== language) return;
      running.strings = strings;
      applyPage(language, strings);
      running.render();
    });
  }

  // Card widths follow the screen (rotation, split screen): same Web Chat, new style options.
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      if (current && current.render) current.render();
    }, 200);
  });

  picker.addEventListener('change', function () {
    var language = picker.value;
    if (!LANGUAGES[language]) return;
    // Another language is another conversation: the bot greets in the language it is started with.
    write(KEY_CONVERSATION, null);
    start(language, false);
  });

  // DirectLineJS stops polling when the server goes away, and a restarted server is another process:
  // when /healthz names another instance (or answers again after failing), the conversation is resumed
  // in place, with its history, instead of leaving the person in front of a silent chat.
  var instance = null;
  var unreachable = false;
  window.setInterval(function () {
    fetch('/healthz', { cache: 'no-store' })
      .then(function (r) {
        return r.ok ? r.json() : Promise.reject(new Error('health ' + r.status));
      })
      .then(function (health) {
        var restarted = unreachable || (instance !== null && health.instance !== instance);
        instance = health.instance;
        unreachable = false;
        document.documentElement.setAttribute('data-server', String(instance));
        var language = picker.value;
        if (restarted && LANGUAGES[language]) start(language, false);
      })
      .catch(function () {
        if (!unreachable) {
          // Said in the person's language; what they type meanwhile is kept and sent on return.
          var strings = stringsCache[picker.value];
          var offline = strings && strings.page && strings.page.offline;
          if (offline) showNotice(offline);
        }
        unreachable = true;
      });
  }, 3000);

  if (!window.WebChat || typeof window.WebChat.renderWebChat !== 'function') {
    showStatus('Connexion impossible. / Unable to connect.', true);
    return;
  }
  start(initialLanguage(), false);
})();
