/*
 * What the quick check (/check) and the hand-over summary (/summary) share: the profile carried in a URL
 * fragment (base64url JSON, never sent to the server), POST /api/orientation with the profile in the body,
 * the labels of /i18n/pages/<lng>.json, and the rendering of a plan in one language.
 * Plain ES2020, no inline code: the pages run under a strict Content-Security-Policy.
 */
(function () {
  'use strict';

  var LOCALES = ['fr', 'en', 'ar', 'fa', 'ps', 'ti', 'ru', 'uk'];
  var RTL = ['ar', 'fa', 'ps'];
  /** A run of digit groups ("01 45 67 89 10", "+33 1 40…", in any script's digits): a phone-like number. */
  var DIGIT_GROUPS = /\+?[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[ .\u00A0][0-9\u0660-\u0669\u06F0-\u06F9]+)+/g;

  function dirOf(lng) {
    return RTL.indexOf(lng) >= 0 ? 'rtl' : 'ltr';
  }

  /** "{{km}}" placeholders, as i18next writes them in locales/. */
  function format(template, params) {
    return template.replace(/\{\{(\w+)\}\}/g, function (_m, name) {
      return params && params[name] !== undefined ? String(params[name]) : '';
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.append(child);
    });
    return node;
  }

  /** The text, with each phone-like number isolated left to right, so RTL text keeps its digit groups in order. */
  function text(value) {
    var string = String(value);
    var out = document.createDocumentFragment();
    var last = 0;
    string.replace(DIGIT_GROUPS, function (match, offset) {
      out.append(string.slice(last, offset), el('bdi', { dir: 'ltr' }, [match]));
      last = offset + match.length;
      return match;
    });
    out.append(string.slice(last));
    return out;
  }

  /** "Phone" before its value; the colon comes from the style sheet, spaced the French way in French. */
  function key(label) {
    return el('span', { class: 'key' }, [label]);
  }

  function phoneLink(number) {
    return el('a', { href: 'tel:' + number.replace(/[^+0-9]/g, ''), class: 'phone' }, [el('bdi', { dir: 'ltr' }, [number])]);
  }

  /** UTF-8 JSON → base64url, the form the profile takes in a URL fragment. */
  function encodeProfile(profile) {
    var bytes = new TextEncoder().encode(JSON.stringify(profile));
    var binary = '';
    bytes.forEach(function (b) {
      binary += String.fromCharCode(b);
    });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The profile of a fragment, or null when it is not base64url JSON of an object. */
  function decodeProfile(fragment) {
    try {
      var binary = atob(String(fragment).replace(/^#/, '').replace(/-/g, '+').replace(/_/g, '/'));
      var bytes = Uint8Array.from(binary, function (c) {
        return c.charCodeAt(0);
      });
      var value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
    } catch (_e) {
      return null;
    }
  }

  /** POST /api/orientation, the profile in the body (never in the URL). Resolves to {ok, result | issues}. */
  function orient(profile, signal) {
    return fetch('/api/orientation', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(profile),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: signal,
    }).then(function (res) {
      return res.json().then(function (json) {
        return res.ok ? { ok: true, result: json } : { ok: false, status: res.status, issues: (json && json.issues) || [] };
      });
    });
  }

  var labelsCache = {};
  function labels(lng) {
    if (!labelsCache[lng]) {
      labelsCache[lng] = fetch('/i18n/pages/' + lng + '.json', { credentials: 'same-origin' }).then(function (res) {
        if (!res.ok) throw new Error('labels ' + res.status);
        return res.json();
      });
      labelsCache[lng].catch(function () {
        delete labelsCache[lng];
      });
    }
    return labelsCache[lng];
  }

  /**
   * A date in the language, Gregorian as the chat's; where the browser has no data for it (Chromium lacks Pashto
   * and Tigrinya, and would answer in its own language: "27 novembre 2026" in a Pashto column), written in digits.
   */
  function date(value, lng, options) {
    var known = Intl.DateTimeFormat.supportedLocalesOf([lng]).length > 0;
    return known
      ? new Intl.DateTimeFormat(lng, Object.assign({ calendar: 'gregory', timeZone: 'UTC' }, options)).format(value)
      : new Date(value).toISOString().slice(0, options.day ? 10 : 7);
  }

  function month(value, lng) {
    var m = /^(\d{4})-(\d{2})$/.exec(value || '');
    if (!m) return value;
    return date(Date.UTC(+m[1], +m[2] - 1, 1), lng, { year: 'numeric', month: 'long' });
  }

  /** "A, B and C" in the language; a plain list where the browser does not know it (never a French "et"). */
  function list(items, lng) {
    var known = typeof Intl.ListFormat === 'function' && Intl.ListFormat.supportedLocalesOf([lng]).length > 0;
    return known ? new Intl.ListFormat(lng, { type: 'conjunction' }).format(items) : items.join(' · ');
  }

  function yesNo(value, L) {
    if (value === true) return L.value.yes;
    if (value === false) return L.value.no;
    return value === 'unknown' ? L.value.unknown : undefined;
  }

  function placeOf(profile, location, L) {
    if (location.status === 'resolved') {
      var where = location.commune || location.department;
      return location.postcode ? where + ' (' + location.postcode + ')' : where;
    }
    var asked = profile.location || {};
    var query = asked.commune || asked.postcode || asked.inseeCode || asked.department;
    return query ? format(L.value.placeToConfirm, { place: query }) : undefined;
  }

  /** The person's answers as the engine understood them: [label, value] rows, unanswered fields left out. */
  function situationRows(profile, result, L, lng) {
    var children = profile.children || {};
    var cir = { signed: L.value.cirSigned, not_signed: L.value.cirNotSigned, unknown: L.value.unknown };
    var rows = [
      ['status', profile.status && L.status[profile.status]],
      ['protection', profile.protection && L.value[profile.protection]],
      ['statusSince', profile.statusSince && month(profile.statusSince, lng)],
      ['inFranceSince', profile.inFranceSince && month(profile.inFranceSince, lng)],
      ['cir', profile.cir && cir[profile.cir]],
      ['frenchLevel', profile.frenchLevel && L.level[profile.frenchLevel]],
      ['readsWrites', yesNo(profile.readsWrites, L)],
      ['location', placeOf(profile, result.location, L)],
      ['age', profile.age !== undefined ? format(L.value.years, { age: profile.age }) : undefined],
      ['unaccompanied', yesNo(profile.unaccompanied, L)],
      ['childrenSchoolAge', yesNo(children.schoolAge, L)],
      ['childrenUnder3', yesNo(children.under3, L)],
      ['foreignLicence', yesNo(profile.foreignLicence, L)],
      ['disability', yesNo(profile.disability, L)],
      ['employed', yesNo(profile.employed, L)],
      [
        'needs',
        profile.needs && profile.needs.length
          ? list(
              profile.needs.map(function (n) {
                return L.theme[n] || n;
              }),
              lng,
            )
          : undefined,
      ],
    ];
    return rows.filter(function (row) {
      return row[1];
    });
  }

  function section(name, level, L, body) {
    return el('section', { class: 'plan-section plan-' + name }, [el('h' + level, {}, [L.section[name]])].concat(body));
  }

  /**
   * One plan in one language, as a fragment: the situation (when `options.profile` is given), rights and
   * why, what is not for the person now, next steps, places, help numbers. Headings start at `options.level`.
   */
  function renderPlan(result, L, lng, options) {
    var level = options.level || 2;
    var sub = 'h' + (level + 1);
    var out = document.createDocumentFragment();

    if (options.profile) {
      var rows = situationRows(options.profile, result, L, lng);
      out.append(
        section('situation', level, L, [
          el(
            'dl',
            { class: 'situation' },
            rows.reduce(function (acc, row) {
              return acc.concat([el('dt', {}, [L.field[row[0]]]), el('dd', {}, [text(row[1])])]);
            }, []),
          ),
        ]),
      );
    }

    var open = result.eligibility.filter(function (d) {
      return d.status !== 'not_eligible';
    });
    // Rights first, then what is already done, then what is still to be checked.
    var rank = { eligible: 0, done: 1, maybe: 2 };
    open.sort(function (a, b) {
      return rank[a.status] - rank[b.status];
    });
    out.append(
      section('rights', level, L, [
        el(
          'ul',
          { class: 'rights' },
          open.map(function (d) {
            return el('li', { class: 'right right-' + d.status, 'data-program': d.program }, [
              el(sub, {}, [L.program[d.program] || d.program]),
              el('p', { class: 'badge badge-' + d.status }, [L.eligibility[d.status]]),
              el(
                'ul',
                { class: 'reasons' },
                d.reasons.map(function (r) {
                  return el('li', {}, [text(r.text)]);
                }),
              ),
              // The program's own Refugies.info fiche, in the plan's language, where one exists.
              d.refugiesInfo
                ? el('p', { class: 'fiche' }, [el('a', { href: d.refugiesInfo.url, rel: 'noopener noreferrer' }, [L.place.fiche])])
                : null,
            ]);
          }),
        ),
      ]),
    );

    var closed = result.eligibility.filter(function (d) {
      return d.status === 'not_eligible';
    });
    if (closed.length) {
      out.append(
        section('notNow', level, L, [
          el('p', { class: 'not-now' }, [
            list(
              closed.map(function (d) {
                return L.program[d.program] || d.program;
              }),
              lng,
            ),
          ]),
        ]),
      );
    }

    out.append(
      section('steps', level, L, [
        el(
          'ol',
          { class: 'steps' },
          result.nextSteps.map(function (s) {
            return el('li', { 'data-code': s.code }, [text(s.text)]);
          }),
        ),
      ]),
    );

    if (result.recommendations.length) {
      out.append(
        section('places', level, L, [
          el(
            'ul',
            { class: 'places' },
            result.recommendations.map(function (r) {
              return el('li', { class: 'place', 'data-id': r.id }, [
                el(sub, {}, [text(r.title)]),
                el('p', {}, [text(r.summary)]),
                // Kept left to right in an Arabic, Persian or Pashto column: "5 rue …" keeps its number first.
                r.address ? el('p', { class: 'address' }, [key(L.place.address), el('bdi', { dir: 'ltr' }, [r.address])]) : null,
                r.phone ? el('p', { class: 'tel' }, [key(L.place.phone), phoneLink(r.phone)]) : null,
                r.distanceKm !== undefined ? el('p', { class: 'distance' }, [format(L.place.distance, { km: Math.round(r.distanceKm) })]) : null,
                r.url ? el('p', { class: 'url' }, [el('a', { href: r.url, rel: 'noopener noreferrer' }, [key(L.place.website), new URL(r.url).host])]) : null,
                r.refugiesInfo ? el('p', { class: 'fiche' }, [el('a', { href: r.refugiesInfo.url, rel: 'noopener noreferrer' }, [L.place.fiche])]) : null,
              ]);
            }),
          ),
        ]),
      );
    }

    out.append(
      section('help', level, L, [
        el(
          'ul',
          { class: 'help' },
          result.help.map(function (h) {
            return el('li', { 'data-code': h.code }, [key(h.label), phoneLink(h.phone)]);
          }),
        ),
      ]),
    );
    return out;
  }

  window.BoussolePages = {
    LOCALES: LOCALES,
    dirOf: dirOf,
    date: date,
    format: format,
    el: el,
    text: text,
    encodeProfile: encodeProfile,
    decodeProfile: decodeProfile,
    orient: orient,
    labels: labels,
    renderPlan: renderPlan,
  };
})();
