/// The one-file HTML page's JavaScript (plain, no libraries, no network): tooltips, selection,
/// search, the flow slider, pan and zoom, print and download. `HTMLPage` writes it inline.
enum HTMLViewerScript {
    static let source = #"""
// journeymap's one-file HTML viewer: tooltips, selection, search, flow slider, pan and zoom,
// download of the current view. Plain JavaScript, no network; reads the page's own JSON.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('jm-data').textContent);
  var W = JSON.parse(document.getElementById('jm-words').textContent);
  var view = document.getElementById('jm-view');
  var svg = view.querySelector('svg');
  var tip = document.getElementById('jm-tip');
  var panel = document.getElementById('jm-panel');
  var search = document.getElementById('jm-search');
  var results = document.getElementById('jm-results');
  var slider = document.getElementById('jm-flows');
  var hiddenOut = document.getElementById('jm-hidden');
  var nf = new Intl.NumberFormat('en-US');

  // ---- numbers as the picture writes them ----
  function count(n) { return nf.format(n); }
  function decimal(v, digits) { return v.toFixed(digits); }
  function percent(share) {
    var p = share * 100;
    if (p > 0 && p < 1) return '<1 %';
    return decimal(p, p < 10 ? 1 : 0) + ' %';
  }
  function duration(s) {
    if (s === null || s === undefined) return '–';
    if (s < 90) return decimal(s, 0) + ' s';
    if (s < 90 * 60) return decimal(s / 60, 0) + ' min';
    if (s < 48 * 3600) return decimal(s / 3600, 1) + ' h';
    return decimal(s / 86400, 1) + ' d';
  }
  function norm(s) { return (s || '').normalize('NFC').toLocaleLowerCase(); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- the picture's groups and their numbers ----
  var tpByName = {}, flowByKey = {};
  (data.touchpoints || []).forEach(function (t) { tpByName[t.name] = t; });
  (data.flows || []).forEach(function (f) { flowByKey[f.from + '\u0000' + f.to] = f; });
  // The semantic SVG draws a flow's label and a touchpoint's label (Sankey) in groups of their
  // own: they are faded, cut and pointed at with their flow or touchpoint.
  var tpGroups = Array.prototype.slice.call(svg.querySelectorAll('g.touchpoint'));
  var flowGroups = Array.prototype.slice.call(svg.querySelectorAll('g.flow'));
  var flowParts = Array.prototype.slice.call(svg.querySelectorAll('g.flow, g.flow-label'));
  var tpParts = Array.prototype.slice.call(svg.querySelectorAll('g.touchpoint, g.touchpoint-label'));
  var groupByName = {};
  svg.setAttribute('role', 'group');
  function nameOf(g) { return g.getAttribute('data-name') || ''; }
  function idOf(g) { return g.getAttribute('data-id') || nameOf(g); }
  function keyOf(g) { return (g.getAttribute('data-from') || '') + '\u0000' + (g.getAttribute('data-to') || ''); }
  function titleOf(g) { var t = g.querySelector('title'); return t ? t.textContent : ''; }
  tpGroups.forEach(function (g) {
    if (!groupByName[nameOf(g)]) groupByName[nameOf(g)] = g;
    groupByName['\u0001' + idOf(g)] = g;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', titleOf(g) || nameOf(g));
  });
  flowGroups.forEach(function (g) {
    // Reachable with Tab like the boxes, named by its title ("A → B · 412 moves") or its ends.
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', titleOf(g) || (g.getAttribute('data-from') || '') + ' → ' + (g.getAttribute('data-to') || ''));
    // A wide invisible copy of the stroke makes thin flows easy to point at.
    var path = g.querySelector('path');
    if (!path) return;
    var hit = path.cloneNode(false);
    hit.setAttribute('class', 'jm-hit');
    hit.removeAttribute('id');
    hit.removeAttribute('marker-end');
    g.insertBefore(hit, g.firstChild);
  });

  // ---- tooltip and panel ----
  function numbers(rows) {
    var dl = el('dl');
    rows.forEach(function (r) {
      dl.appendChild(el('dt', {}, r[0]));
      dl.appendChild(el('dd', { 'data-key': r[1], 'data-value': String(r[2]) }, r[3]));
    });
    return dl;
  }
  function touchpointRows(t) {
    var rows = [[W.events, 'events', t.events, count(t.events)],
                [W.journeys, 'journeys', t.journeys, count(t.journeys)],
                [W.shareOfJourneys, 'share', t.share, percent(t.share)],
                [W.starts, 'starts', t.starts, count(t.starts)],
                [W.ends, 'ends', t.ends, count(t.ends)]];
    if (t.repeats > 0) rows.push([W.repeats, 'repeats', t.repeats, count(t.repeats)]);
    return rows;
  }
  function flowRows(f) {
    return [[W.moves, 'count', f.count, count(f.count)],
            [W.journeys, 'journeys', f.journeys, count(f.journeys)],
            [W.shareOfSource, 'share', f.share, percent(f.share)],
            [W.median, 'median', f.medianSeconds === null || f.medianSeconds === undefined ? '' : f.medianSeconds, duration(f.medianSeconds)],
            [W.p90, 'p90', f.p90Seconds === null || f.p90Seconds === undefined ? '' : f.p90Seconds, duration(f.p90Seconds)]];
  }
  function describe(g, box) {
    box.textContent = '';
    if (g.classList.contains('touchpoint')) {
      var t = tpByName[nameOf(g)];
      box.setAttribute('data-kind', 'touchpoint');
      box.setAttribute('data-name', nameOf(g));
      box.appendChild(el('strong', {}, nameOf(g) || titleOf(g)));
      if (t) box.appendChild(numbers(touchpointRows(t)));
      else if (titleOf(g) && titleOf(g) !== nameOf(g)) box.appendChild(el('p', {}, titleOf(g)));
    } else {
      var f = flowByKey[keyOf(g)];
      box.setAttribute('data-kind', 'flow');
      box.setAttribute('data-name', g.getAttribute('data-from') + ' → ' + g.getAttribute('data-to'));
      if (f) {
        box.appendChild(el('strong', {}, g.getAttribute('data-from') + ' → ' + g.getAttribute('data-to')));
        box.appendChild(numbers(flowRows(f)));
      } else {
        box.appendChild(el('strong', {}, titleOf(g) || g.getAttribute('data-from') + ' → ' + g.getAttribute('data-to')));
      }
    }
  }
  function showTip(g, x, y) {
    describe(g, tip);
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 4), top = Math.min(y + 14, window.innerHeight - h - 4);
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, top) + 'px';
  }
  function hideTip() { tip.hidden = true; }
  function groupOf(node) {
    while (node && node !== svg) {
      if (node.classList) {
        if (node.classList.contains('touchpoint') || node.classList.contains('flow')) return node;
        if (node.classList.contains('flow-label')) {
          var k = keyOf(node);
          for (var i = 0; i < flowGroups.length; i++) if (keyOf(flowGroups[i]) === k) return flowGroups[i];
        }
        if (node.classList.contains('touchpoint-label')) {
          var id = idOf(node);
          if (groupByName['\u0001' + id]) return groupByName['\u0001' + id];
        }
      }
      node = node.parentNode;
    }
    return null;
  }
  svg.addEventListener('mouseover', function (e) { var g = groupOf(e.target); if (g) showTip(g, e.clientX, e.clientY); });
  svg.addEventListener('mousemove', function (e) { var g = groupOf(e.target); if (g && !tip.hidden) showTip(g, e.clientX, e.clientY); });
  svg.addEventListener('mouseout', function (e) { if (!groupOf(e.relatedTarget)) hideTip(); });
  svg.addEventListener('focusin', function (e) {
    var g = groupOf(e.target);
    if (!g) return;
    var r = g.getBoundingClientRect();
    showTip(g, r.right, r.top);
  });
  svg.addEventListener('focusout', hideTip);

  // ---- selection: a touchpoint's flows in and out, the rest faded ----
  var selected = null;
  function clearMarks(cls) { Array.prototype.forEach.call(svg.querySelectorAll('.' + cls), function (n) { n.classList.remove(cls); }); }
  function stepList(title, steps) {
    var section = el('section');
    section.appendChild(el('h3', {}, title));
    if (!steps || steps.length === 0) { section.appendChild(el('p', {}, '–')); return section; }
    var ol = el('ol');
    steps.forEach(function (s) {
      var li = el('li');
      var b = el('button', { type: 'button', 'data-name': s.name }, s.name);
      b.addEventListener('click', function () { select(s.name, true); });
      li.appendChild(b);
      li.appendChild(document.createTextNode(' ' + count(s.count) + ' (' + percent(s.share) + ')'));
      ol.appendChild(li);
    });
    section.appendChild(ol);
    return section;
  }
  function select(name, centre, group) {
    clearSelection(true);
    var g = group || groupByName[name];
    if (!g) return;
    name = nameOf(g);
    selected = name;
    var id = idOf(g), near = {};
    near[id] = true;
    flowParts.forEach(function (f) {
      var touches = f.getAttribute('data-from') === id || f.getAttribute('data-to') === id;
      f.classList.add(touches ? 'jm-hl' : 'jm-faded');
      if (touches) { near[f.getAttribute('data-from')] = true; near[f.getAttribute('data-to')] = true; }
    });
    tpParts.forEach(function (t) { if (!near[idOf(t)]) t.classList.add('jm-faded'); });
    g.classList.add('jm-selected');
    svg.classList.add('jm-selecting');
    panel.textContent = '';
    panel.setAttribute('data-name', name);
    var t = tpByName[name];
    panel.appendChild(el('h2', {}, name));
    if (t) {
      panel.appendChild(numbers(touchpointRows(t)));
      panel.appendChild(stepList(W.next, t.next));
      panel.appendChild(stepList(W.previous, t.previous));
    } else if (titleOf(g)) {
      panel.appendChild(el('p', {}, titleOf(g)));
    }
    var clear = el('button', { type: 'button', id: 'jm-clear' }, W.clear);
    clear.addEventListener('click', function () { clearSelection(); });
    panel.appendChild(clear);
    if (centre) centreOn(g);
  }
  function clearSelection(keepPanel) {
    selected = null;
    ['jm-hl', 'jm-faded', 'jm-selected'].forEach(clearMarks);
    svg.classList.remove('jm-selecting');
    if (!keepPanel) { panel.textContent = ''; panel.removeAttribute('data-name'); panel.removeAttribute('data-kind'); panel.appendChild(el('p', {}, W.hint)); }
  }
  var dragged = false;
  svg.addEventListener('click', function (e) {
    if (dragged) return;
    var g = groupOf(e.target);
    if (g && g.classList.contains('touchpoint')) select(nameOf(g), false, g);
    else if (!g) clearSelection();
  });
  svg.addEventListener('keydown', function (e) {
    var g = groupOf(e.target);
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      if (g.classList.contains('touchpoint')) select(nameOf(g), false, g);
      else { clearSelection(true); describe(g, panel); }  // a flow: its numbers in the panel
    }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      clearSelection();
      hideTip();
      if (search && search.value) { search.value = ''; runSearch(); }
    }
  });

  // ---- search ----
  function runSearch() {
    var q = norm(search.value.trim());
    clearMarks('jm-match');
    clearMarks('jm-dim');
    results.textContent = '';
    if (!q) { results.hidden = true; return; }
    var found = tpGroups.filter(function (g) { return norm(nameOf(g) || titleOf(g)).indexOf(q) >= 0; });
    var hits = {};
    found.forEach(function (g) { hits[idOf(g)] = true; });
    tpParts.forEach(function (g) { g.classList.add(hits[idOf(g)] ? 'jm-match' : 'jm-dim'); });
    flowParts.forEach(function (g) { g.classList.add('jm-dim'); });
    results.hidden = false;
    results.appendChild(el('li', { class: 'jm-count', 'aria-live': 'polite' }, found.length + ' ' + W.found));
    found.slice(0, 30).forEach(function (g) {
      var li = el('li');
      var b = el('button', { type: 'button', 'data-name': nameOf(g) }, nameOf(g) || titleOf(g));
      b.addEventListener('click', function () { select(nameOf(g), true, g); g.focus(); });
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  if (search) {
    if (tpGroups.length === 0) search.closest('label').hidden = true;
    search.addEventListener('input', runSearch);
    search.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      var first = results.querySelector('button');
      if (first) first.click();
    });
  }

  // ---- flows shown: the strongest N ----
  // The page's numbers when it has them (a map: the base is every move of the data); else the
  // SVG's own flow values (Sankey, comparison: the base is what is drawn).
  var ordered, totalMoves, fixedMoves;
  if (data.flows && data.flows.length) {
    ordered = data.flows.filter(function (f) {
      return flowGroups.some(function (g) { return keyOf(g) === f.from + '\u0000' + f.to; });
    });
    totalMoves = data.totalMoves || 0;
    fixedMoves = data.fixedMoves || 0;
  } else {
    ordered = flowGroups.filter(function (g) { return g.hasAttribute('data-value'); }).map(function (g) {
      return { from: g.getAttribute('data-from'), to: g.getAttribute('data-to'), count: Number(g.getAttribute('data-value')) || 0 };
    }).sort(function (a, b) { return b.count - a.count; });
    totalMoves = ordered.reduce(function (sum, f) { return sum + f.count; }, 0);
    fixedMoves = 0;
  }
  var inSlider = {};
  ordered.forEach(function (f) { inSlider[f.from + '\u0000' + f.to] = true; });
  function applyFlows(n) {
    var shown = {}, moves = 0;
    ordered.forEach(function (f, i) { if (i < n) { shown[f.from + '\u0000' + f.to] = true; moves += f.count; } });
    flowParts.forEach(function (g) {
      var k = keyOf(g);
      var cut = inSlider[k] === true && !shown[k];
      g.classList.toggle('jm-cut', cut);
      // A flow the slider hides leaves the Tab order.
      if (g.hasAttribute('tabindex')) g.setAttribute('tabindex', cut ? '-1' : '0');
    });
    var total = totalMoves;
    var hidden = total > 0 ? Math.max(0, total - fixedMoves - moves) / total : 0;
    hiddenOut.textContent = n + ' / ' + ordered.length + ' ' + W.flowsShown + ' · ' + percent(hidden) + ' ' + W.movesHidden;
    hiddenOut.setAttribute('data-shown', String(n));
    hiddenOut.setAttribute('data-hidden-share', String(hidden));
  }
  if (ordered.length > 0) {
    slider.max = String(ordered.length);
    slider.value = String(ordered.length);
    slider.addEventListener('input', function () { applyFlows(Number(slider.value)); });
    applyFlows(ordered.length);
  } else {
    slider.closest('.jm-slider').hidden = true;
  }

  // ---- pan and zoom (the viewBox) ----
  var vb0 = svg.viewBox.baseVal;
  var home = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
  function setView(v) {
    vb = v;
    svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].map(function (n) { return Math.round(n * 100) / 100; }).join(' '));
  }
  function unitsPerPixel() { var m = svg.getScreenCTM(); return m ? 1 / m.a : 1; }
  function toSVG(cx, cy) {
    var m = svg.getScreenCTM();
    if (!m) return { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
    var p = svg.createSVGPoint(); p.x = cx; p.y = cy;
    p = p.matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }
  function zoom(factor, at) {
    var w = Math.min(home.w * 4, Math.max(home.w / 20, vb.w / factor));
    var f = vb.w / w;
    var c = at || { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
    setView({ x: c.x - (c.x - vb.x) / f, y: c.y - (c.y - vb.y) / f, w: w, h: vb.h / f });
  }
  function pan(dx, dy) { setView({ x: vb.x + dx, y: vb.y + dy, w: vb.w, h: vb.h }); }
  function centreOn(g) {
    var b = g.getBBox();
    setView({ x: b.x + b.width / 2 - vb.w / 2, y: b.y + b.height / 2 - vb.h / 2, w: vb.w, h: vb.h });
  }
  view.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(Math.exp(-e.deltaY * 0.0015), toSVG(e.clientX, e.clientY));
  }, { passive: false });
  var drag = null;
  view.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, vb: vb, upp: unitsPerPixel() };
    dragged = false;
  });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
    dragged = true;
    view.classList.add('jm-dragging');
    setView({ x: drag.vb.x - dx * drag.upp, y: drag.vb.y - dy * drag.upp, w: drag.vb.w, h: drag.vb.h });
  });
  window.addEventListener('pointerup', function () {
    drag = null;
    view.classList.remove('jm-dragging');
    setTimeout(function () { dragged = false; }, 0);
  });
  view.addEventListener('keydown', function (e) {
    if (e.target !== view) return;
    var step = vb.w / 10;
    var keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (keys[e.key]) { pan(keys[e.key][0], keys[e.key][1]); e.preventDefault(); }
    else if (e.key === '+' || e.key === '=') { zoom(1.25); e.preventDefault(); }
    else if (e.key === '-') { zoom(0.8); e.preventDefault(); }
    else if (e.key === '0') { setView(home); e.preventDefault(); }
  });
  document.getElementById('jm-zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('jm-zoom-out').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('jm-reset').addEventListener('click', function () { setView(home); });

  // ---- print the static map: whole picture, nothing faded or cut ----
  var beforePrint = null;
  window.addEventListener('beforeprint', function () { beforePrint = vb; setView(home); });
  window.addEventListener('afterprint', function () { if (beforePrint) setView(beforePrint); beforePrint = null; });

  // ---- download the current view as SVG ----
  function currentSVG() {
    var c = svg.cloneNode(true);
    Array.prototype.forEach.call(c.querySelectorAll('.jm-hit'), function (n) { n.parentNode.removeChild(n); });
    Array.prototype.forEach.call(c.querySelectorAll('.jm-cut'), function (n) { n.setAttribute('display', 'none'); });
    Array.prototype.forEach.call(c.querySelectorAll('.jm-faded, .jm-dim'), function (n) { n.setAttribute('opacity', '0.15'); });
    Array.prototype.forEach.call(c.querySelectorAll('[tabindex]'), function (n) {
      n.removeAttribute('tabindex'); n.removeAttribute('role'); n.removeAttribute('aria-label');
    });
    Array.prototype.forEach.call(c.querySelectorAll('[class]'), function (n) {
      var kept = n.getAttribute('class').split(/\s+/).filter(function (k) { return k && k.indexOf('jm-') !== 0; });
      if (kept.length) n.setAttribute('class', kept.join(' ')); else n.removeAttribute('class');
    });
    c.setAttribute('role', 'img');
    c.setAttribute('viewBox', [vb.x, vb.y, vb.w, vb.h].map(function (n) { return Math.round(n * 100) / 100; }).join(' '));
    c.setAttribute('width', Math.round(vb.w * 100) / 100 + 'pt');
    c.setAttribute('height', Math.round(vb.h * 100) / 100 + 'pt');
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(c) + '\n';
  }
  document.getElementById('jm-download').addEventListener('click', function () {
    var url = URL.createObjectURL(new Blob([currentSVG()], { type: 'image/svg+xml' }));
    var a = el('a', { href: url, download: (document.body.getAttribute('data-file') || 'journeymap') + '-view.svg' });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  clearSelection();
  window.journeymap = { select: select, clear: clearSelection, currentSVG: currentSVG, zoom: zoom, home: function () { setView(home); } };
})();
"""#
}
