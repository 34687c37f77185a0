/*
 * Hand-over summary (/summary#<profile>): the plan in French and in the person's language, side by side
 * (the person's language first on a phone), to print on A4 or to keep on the phone. The profile comes from
 * the URL fragment, which the browser never sends to the server; both plans are asked of
 * POST /api/orientation with the profile in the body. The QR code opens this same page, with the same
 * fragment, on the person's phone.
 */
(function () {
  'use strict';

  var P = window.BoussolePages;
  var SVG = 'http://www.w3.org/2000/svg';
  /** The white margin a QR code needs around it, in modules. */
  var QUIET = 4;

  var sheet = document.getElementById('sheet');
  var status = document.getElementById('summary-status');
  var columns = document.getElementById('columns');
  var title = document.getElementById('title');
  var qrBox = document.getElementById('qr');
  var qrCode = document.getElementById('qr-code');
  var qrCaptions = document.getElementById('qr-captions');
  var printButton = document.getElementById('print');

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  /** The QR code of `url` as one SVG path (crisp on paper at any size), labelled for screen readers. */
  function drawQr(url, label) {
    var qr = window.qrcode(0, 'M');
    qr.addData(url);
    qr.make();
    var count = qr.getModuleCount();
    var size = count + 2 * QUIET;
    var d = '';
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (qr.isDark(row, col)) d += 'M' + (col + QUIET) + ' ' + (row + QUIET) + 'h1v1h-1z';
      }
    }
    var image = svg('svg', { viewBox: '0 0 ' + size + ' ' + size, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges' });
    image.append(svg('rect', { width: size, height: size, fill: '#fff' }), svg('path', { d: d, fill: '#000' }));
    qrCode.replaceChildren(image);
  }

  function inLanguage(tag, lng, text, attrs) {
    return P.el(tag, Object.assign({ lang: lng, dir: P.dirOf(lng) }, attrs || {}), [text]);
  }

  function column(lng, result, L, profile, role) {
    var now = new Date();
    var today = P.date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()), lng, { year: 'numeric', month: 'long', day: 'numeric' });
    return P.el('article', { class: 'col col-' + role, lang: lng, dir: P.dirOf(lng), 'aria-labelledby': 'col-' + lng }, [
      P.el('h2', { id: 'col-' + lng }, [L.page.language]),
      P.el('p', { class: 'date' }, [P.format(L.page.madeOn, { date: today })]),
      P.renderPlan(result, L, lng, { level: 3, profile: profile }),
      P.el('p', { class: 'privacy' }, [L.page.privacy]),
    ]);
  }

  function fail(message) {
    status.textContent = message;
    columns.replaceChildren();
    qrBox.hidden = true;
    sheet.removeAttribute('aria-busy');
  }

  function render() {
    var profile = P.decodeProfile(window.location.hash);
    var person = profile && P.LOCALES.indexOf(profile.locale) >= 0 ? profile.locale : 'fr';
    // The person's language first (a phone shows it first); French is the second column, if another.
    var languages = person === 'fr' ? ['fr'] : [person, 'fr'];
    sheet.setAttribute('aria-busy', 'true');
    Promise.all(
      languages.map(function (lng) {
        return Promise.all([profile ? P.orient(Object.assign({}, profile, { locale: lng })) : null, P.labels(lng)]);
      }),
    ).then(
      function (got) {
        var fr = got[got.length - 1][1];
        if (!got.every(function (pair) { return pair[0] && pair[0].ok; })) return fail(fr.page.noPlan);
        columns.replaceChildren.apply(
          columns,
          got.map(function (pair, i) {
            return column(languages[i], pair[0].result, pair[1], profile, languages[i] === 'fr' ? 'fr' : 'person');
          }),
        );
        columns.classList.toggle('bilingual', languages.length > 1);
        title.replaceChildren(fr.page.title);
        printButton.replaceChildren(fr.page.print);
        document.title = fr.page.title + ' — Boussole';
        if (person !== 'fr') {
          var L = got[0][1];
          title.append(' · ', inLanguage('span', person, L.page.title));
          printButton.append(' · ', inLanguage('span', person, L.page.print));
        }
        drawQr(window.location.origin + '/summary' + window.location.hash, fr.page.qrLabel);
        qrCaptions.replaceChildren.apply(
          qrCaptions,
          got.map(function (pair, i) {
            return inLanguage('p', languages[i], pair[1].page.qrCaption);
          }),
        );
        qrBox.hidden = false;
        status.textContent = '';
        sheet.removeAttribute('aria-busy');
      },
      function () {
        fail(status.dataset.offline);
      },
    );
  }

  printButton.addEventListener('click', function () {
    window.print();
  });
  window.addEventListener('hashchange', render);
  render();
})();
