/*
 * Quick check (/check), for professionals: every profile field on one form (in French), checked as it is
 * typed; the plan, in the person's language, beside the form, asked again of POST /api/orientation a moment
 * after each change (the profile in the body); what is missing and which decisions it would settle, from
 * the `ask` of each `maybe`; a link to the bilingual summary carrying the profile in its URL fragment.
 * Nothing is stored: closing the tab forgets the person.
 */
(function () {
  'use strict';

  var P = window.BoussolePages;
  var DEBOUNCE_MS = 200;

  var MONTH_ERROR = "Écrivez le mois et l'année, par exemple 2026-03 ou 03/2026.";
  var LOCATION_RULES = {
    postcode: [/^\d{5}$/, 'Un code postal a 5 chiffres, par exemple 87000.'],
    commune: [/^.{1,100}$/, 'Un nom de commune a 100 caractères au plus.'],
    department: [/^(\d{2}|2[AB]|97[1-6])$/i, 'Un numéro de département, par exemple 87, 2A ou 974.'],
    inseeCode: [/^(\d{5}|2[AB]\d{3})$/i, 'Un code INSEE a 5 caractères, par exemple 87085 ou 2A004.'],
  };

  var form = document.getElementById('profile-form');
  var locale = document.getElementById('f-locale');
  var locationKind = document.getElementById('f-location-kind');
  var plan = document.getElementById('plan');
  var status = document.getElementById('plan-status');
  var todo = document.getElementById('todo');
  var todoList = document.getElementById('todo-list');
  var toSummary = document.getElementById('to-summary');

  function choice(control) {
    return { value: control.value || undefined };
  }

  function yesNo(control) {
    var map = { true: true, false: false, unknown: 'unknown' };
    return { value: map[control.value] };
  }

  /** "2026-03", "2026-3", "03/2026" or "3.2026" → "2026-03"; a month to come is refused. */
  function month(control) {
    var raw = control.value.trim();
    if (!raw) return {};
    var m = /^(\d{4})-(\d{1,2})$/.exec(raw);
    var parts = m ? [m[1], m[2]] : (/^(\d{1,2})[/.-](\d{4})$/.exec(raw) || []).slice(1).reverse();
    var year = Number(parts[0]);
    var number = Number(parts[1]);
    if (!parts.length || number < 1 || number > 12 || year < 1900) return { error: MONTH_ERROR };
    var value = year + '-' + (number < 10 ? '0' : '') + number;
    var now = new Date();
    var current = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
    return value > current ? { error: 'Ce mois est dans le futur : vérifiez la date du document.' } : { value: value };
  }

  function age(control) {
    if (control.validity.badInput) return { error: "L'âge s'écrit en chiffres, par exemple 34." };
    if (control.value === '') return {};
    var n = Number(control.value);
    return Number.isInteger(n) && n >= 0 && n <= 120 ? { value: n } : { error: "L'âge est un nombre entier de 0 à 120." };
  }

  function place(control) {
    var raw = control.value.trim();
    if (!raw) return {};
    var rule = LOCATION_RULES[locationKind.value];
    var value = {};
    value[locationKind.value] = raw;
    return rule[0].test(raw) ? { value: value } : { error: rule[1] };
  }

  /** Each control, where its answer goes in the profile, and how it is read. */
  var FIELDS = [
    ['f-status', ['status'], choice],
    ['f-protection', ['protection'], choice],
    ['f-statusSince', ['statusSince'], month],
    ['f-inFranceSince', ['inFranceSince'], month],
    ['f-cir', ['cir'], choice],
    ['f-frenchLevel', ['frenchLevel'], choice],
    ['f-readsWrites', ['readsWrites'], yesNo],
    ['f-location', ['location'], place],
    ['f-age', ['age'], age],
    ['f-unaccompanied', ['unaccompanied'], yesNo],
    ['f-children-schoolAge', ['children', 'schoolAge'], yesNo],
    ['f-children-under3', ['children', 'under3'], yesNo],
    ['f-disability', ['disability'], yesNo],
    ['f-employed', ['employed'], yesNo],
    ['f-foreignLicence', ['foreignLicence'], yesNo],
  ];

  /** The profile from the valid answers (a wrong one is left out, so the plan still comes) and the errors. */
  function read() {
    var profile = { locale: locale.value, needs: [] };
    var errors = {};
    FIELDS.forEach(function (field) {
      var got = field[2](document.getElementById(field[0]));
      if (got.error) errors[field[0]] = got.error;
      if (got.value === undefined || got.error) return;
      var path = field[1];
      var target = profile;
      path.slice(0, -1).forEach(function (key) {
        target = target[key] = target[key] || {};
      });
      target[path[path.length - 1]] = got.value;
    });
    form.querySelectorAll('#needs-list input:checked').forEach(function (box) {
      profile.needs.push(box.value);
    });
    return { profile: profile, errors: errors };
  }

  function labelOf(id) {
    var label = document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent : document.querySelector('#' + id + ' legend').textContent;
  }

  /** Shows or clears a field's message, tied to the field for screen readers (aria-describedby). */
  function showError(id, message) {
    var control = document.getElementById(id);
    var errorId = id + '-error';
    var node = document.getElementById(errorId);
    if (!node) {
      node = P.el('p', { id: errorId, class: 'error' });
      control.closest('.field').append(node);
    }
    node.textContent = message || '';
    node.hidden = !message;
    var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(function (x) {
      return x && x !== errorId;
    });
    if (message) described.unshift(errorId);
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  /** Messages show once an answer is committed (change, blur); once shown, they follow every keystroke. */
  function validate(id, committed) {
    var field = FIELDS.find(function (f) {
      return f[0] === id;
    });
    if (!field) return;
    var shown = document.getElementById(id).getAttribute('aria-invalid') === 'true';
    if (!committed && !shown) return;
    showError(id, field[2](document.getElementById(id)).error);
  }

  function focusField(id) {
    var node = document.getElementById(id);
    (node.matches('fieldset') ? node.querySelector('input') : node).focus();
  }

  /** The form's own words for what is missing: the label of the field (or the legend of the needs). */
  function todoItem(id, text, extra) {
    return P.el('li', {}, [P.el('button', { type: 'button', class: 'link', 'data-field': id }, [labelOf(id)]), ' — ' + text].concat(extra || []));
  }

  /** What is still missing, and which of the person's decisions each answer would settle. */
  function renderTodo(result, profile, errors, fr) {
    var items = Object.keys(errors).map(function (id) {
      return todoItem(id, 'à corriger : ' + errors[id]);
    });
    var settles = {};
    result.eligibility.forEach(function (d) {
      if (d.status !== 'maybe') return;
      d.ask.forEach(function (field) {
        (settles[field] = settles[field] || []).push(fr.program[d.program] || d.program);
      });
    });
    var loc = result.location;
    if (loc.status === 'ambiguous') {
      var candidates = loc.candidates.map(function (c) {
        return P.el('button', { type: 'button', class: 'candidate', 'data-insee': c.inseeCode }, [c.name + ' (' + c.department + ')']);
      });
      items.push(todoItem('f-location', 'plusieurs communes portent ce nom, choisissez : ', candidates));
    } else if (loc.status === 'not_found') {
      items.push(todoItem('f-location', 'lieu introuvable : vérifiez, ou donnez le code postal.'));
    } else if (loc.status === 'unknown' && !errors['f-location']) {
      var local = settles.location ? ' ; déciderait : ' + settles.location.join(', ') : '';
      items.push(todoItem('f-location', 'ajouterait les lieux proches de la personne' + local + '.'));
    }
    delete settles.location;
    Object.keys(settles).forEach(function (field) {
      var id = 'f-' + field.replace('.', '-');
      if (!document.getElementById(id) || errors[id]) return;
      var answered = field.split('.').reduce(function (v, key) {
        return v === undefined ? undefined : v[key];
      }, profile);
      var why = answered !== undefined ? 'au jour près, seule la date du document décide : ' : 'déciderait : ';
      items.push(todoItem(id, why + settles[field].join(', ') + '.'));
    });
    if (!profile.needs.length) items.push(todoItem('f-needs', 'ajouteraient les services et adresses utiles.'));
    todoList.replaceChildren.apply(todoList, items);
    todo.hidden = !items.length;
    return items.length;
  }

  function locationHint(result) {
    var hint = document.getElementById('f-location-hint');
    var loc = result.location;
    hint.textContent =
      loc.status === 'resolved'
        ? 'Reconnu : ' + (loc.commune ? loc.commune + ', ' : '') + 'département ' + loc.department + '.'
        : 'Par exemple 87000, Limoges, 87 ou 87085.';
  }

  var timer = null;
  var inFlight = null;
  var sequence = 0;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  }

  /** Asks for the plan of what the form holds now; an answer overtaken by a newer change is dropped. */
  function update() {
    clearTimeout(timer);
    var current = read();
    var lng = current.profile.locale;
    toSummary.href = '/summary#' + P.encodeProfile(current.profile);
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    var mine = ++sequence;
    plan.setAttribute('aria-busy', 'true');
    Promise.all([P.orient(current.profile, inFlight.signal), P.labels(lng), P.labels('fr')])
      .then(function (got) {
        if (mine !== sequence) return;
        var answer = got[0];
        if (!answer.ok) {
          // The form checks what the API checks; should they ever differ, the API's word is shown as is.
          answer.issues.forEach(function (issue) {
            var id = ['f-' + issue.path.replace('.', '-'), 'f-' + issue.path.split('.')[0]].find(function (candidate) {
              return document.getElementById(candidate) && document.getElementById(candidate).closest('.field');
            });
            if (id) showError(id, issue.message);
          });
          status.textContent = 'Le plan attend une correction du formulaire.';
          return;
        }
        plan.lang = lng;
        plan.dir = P.dirOf(lng);
        plan.replaceChildren(P.renderPlan(answer.result, got[1], lng, { level: 3 }));
        locationHint(answer.result);
        var open = renderTodo(answer.result, current.profile, current.errors, got[2]);
        var rights = answer.result.eligibility.filter(function (d) {
          return d.status === 'eligible';
        }).length;
        status.textContent = 'Plan à jour : ' + rights + ' droit(s) ouvert(s), ' + open + ' point(s) à compléter.';
      })
      .catch(function (error) {
        if (mine !== sequence || (error && error.name === 'AbortError')) return;
        status.textContent = 'Le serveur ne répond pas : le plan sera mis à jour au prochain changement.';
      })
      .finally(function () {
        if (mine === sequence) plan.removeAttribute('aria-busy');
      });
  }

  function fillChoices(fr) {
    var sets = {
      status: Object.keys(fr.status).map(function (k) {
        return [k, fr.status[k]];
      }),
      protection: [
        ['refugee', fr.value.refugee],
        ['subsidiary', fr.value.subsidiary],
        ['stateless', fr.value.stateless],
      ],
      cir: [
        ['signed', fr.value.cirSigned],
        ['not_signed', fr.value.cirNotSigned],
        ['unknown', fr.value.unknown],
      ],
      frenchLevel: Object.keys(fr.level).map(function (k) {
        return [k, fr.level[k]];
      }),
      yesNo: [
        ['true', fr.value.yes],
        ['false', fr.value.no],
      ],
      yesNoUnknown: [
        ['true', fr.value.yes],
        ['false', fr.value.no],
        ['unknown', fr.value.unknown],
      ],
    };
    form.querySelectorAll('select[data-choices]').forEach(function (select) {
      var options = [P.el('option', { value: '' }, ['Non renseigné'])].concat(
        sets[select.dataset.choices].map(function (pair) {
          return P.el('option', { value: pair[0] }, [pair[1]]);
        }),
      );
      select.replaceChildren.apply(select, options);
    });
    var needs = Object.keys(fr.theme).map(function (theme) {
      return P.el('label', { class: 'check' }, [P.el('input', { type: 'checkbox', value: theme }), ' ' + fr.theme[theme]]);
    });
    var list = document.getElementById('needs-list');
    list.replaceChildren.apply(list, needs);
  }

  form.addEventListener('input', function (event) {
    validate(event.target.id, false);
    schedule();
  });
  form.addEventListener('change', function (event) {
    validate(event.target === locationKind ? 'f-location' : event.target.id, true);
    schedule();
  });
  // Leaving a field commits it too: a number input holding letters fires no change (its value stays empty).
  form.addEventListener('focusout', function (event) {
    validate(event.target.id, true);
  });
  // Enter in a field asks for the plan now; the form itself is never submitted (its CSP forbids it too).
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener('reset', function () {
    setTimeout(function () {
      FIELDS.forEach(function (f) {
        showError(f[0], '');
      });
      update();
    });
  });
  todoList.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.insee) {
      locationKind.value = 'inseeCode';
      document.getElementById('f-location').value = button.dataset.insee;
      showError('f-location', '');
      update();
      focusField('f-location');
    } else if (button.dataset.field) {
      focusField(button.dataset.field);
    }
  });

  P.labels('fr').then(
    function (fr) {
      fillChoices(fr);
      update();
    },
    function () {
      status.textContent = 'Le serveur ne répond pas. Rechargez la page dans un instant.';
    },
  );
})();
