// The dashboard's pages. Every value from the server reaches the page as text (textContent), never
// as HTML, and the page's scripts all come from this origin (Content-Security-Policy).
'use strict';

const App = (() => {
  const TOKEN = 'hpo-farm-token';
  const main = () => document.getElementById('main');
  let page = null; // the page shown: { name, refresh(event) }
  let stream = null;

  // ---- token: kept in this tab's session; ?token= is taken once and removed from the address bar
  function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const t = url.searchParams.get('token');
    if (t) {
      sessionStorage.setItem(TOKEN, t);
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }
  const token = () => sessionStorage.getItem(TOKEN);

  class HttpError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
    if (r.status === 401) {
      sessionStorage.removeItem(TOKEN);
      showSignIn('That token is unknown or expired.');
      throw new HttpError(401, 'unauthorised');
    }
    const text = await r.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!r.ok) throw new HttpError(r.status, body && body.message ? body.message : 'HTTP ' + r.status);
    return body;
  }

  // ---- DOM helpers: text only
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const fmt = v => Charts.fmt(v);
  function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }
  function stateBadge(s) { return el('span', { class: 'state state-' + s }, s); }
  function errorBox(e) { return el('div', { class: 'error-box' }, e.message || String(e)); }
  // The page says what it has drawn, and when (ms since the navigation began): for tests and the
  // benchmark
  function rendered(name) {
    document.body.dataset.renderedMs = String(Math.round(performance.now()));
    document.body.dataset.rendered = name;
  }

  // ---- live events: one stream per tab (browsers allow six connections per host over HTTP/1.1),
  // read with fetch so that the token travels in the Authorization header, not in the URL
  async function follow() {
    if (stream) return;
    const controller = new AbortController();
    stream = controller;
    const live = document.getElementById('live');
    try {
      const r = await fetch('/api/v1/events', { headers: { Authorization: 'Bearer ' + token() }, signal: controller.signal });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      live.className = 'live on';
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n');
          if (data) onEvent(JSON.parse(data));
        }
      }
    } catch (e) {
      // closed or refused: try again below
    }
    live.className = 'live off';
    if (stream === controller) {
      stream = null;
      if (token()) setTimeout(follow, 3000);
    }
  }

  // A page that is hidden, or kept in the back-forward cache, gives its stream back, so that other
  // tabs and pages of this host keep their connections; it follows again, and refreshes, when shown.
  function stopFollowing() {
    if (stream) {
      const s = stream;
      stream = null;
      s.abort();
    }
  }
  function resume() {
    if (!token()) return;
    follow();
    if (page && page.refresh) page.refresh();
  }

  let pending = null;
  function onEvent(ev) {
    if (!page || !page.refresh) return;
    if (page.wants && !page.wants(ev)) return;
    if (pending) return; // at most one refresh a second, however fast trials arrive
    pending = setTimeout(() => { pending = null; if (page && page.refresh) page.refresh(ev); }, 1000);
  }

  // ---- pages
  function showSignIn(message) {
    page = null;
    document.getElementById('whoami').textContent = '';
    const input = el('input', { type: 'password', id: 'token-input', placeholder: 'API token', autocomplete: 'off' });
    const form = el('form', { class: 'card signin', id: 'signin', on: { submit: ev => {
      ev.preventDefault();
      if (!input.value.trim()) return;
      sessionStorage.setItem(TOKEN, input.value.trim());
      start();
    } } },
      el('h1', {}, 'Sign in'),
      el('p', {}, 'Paste an API token (farm token create USER, or the admin token in the master\'s data directory). It stays in this browser tab only.'),
      message ? el('p', { class: 'error-box', id: 'signin-error' }, message) : null,
      input,
      el('button', { type: 'submit', id: 'signin-button' }, 'Sign in'));
    main().replaceChildren(form);
    rendered('signin');
  }

  function sortableHeader(label, key, state, onSort) {
    const cls = 'sortable' + (state.sort === key ? (state.order === 'desc' ? ' sorted-desc' : ' sorted-asc') : '');
    return el('th', { class: cls, 'data-sort': key, on: { click: () => {
      state.order = state.sort === key && state.order === 'asc' ? 'desc' : 'asc';
      state.sort = key;
      state.offset = 0;
      onSort();
    } } }, label);
  }

  function pager(state, total, onPage) {
    const last = Math.max(0, Math.ceil(total / state.limit) - 1);
    const current = Math.floor(state.offset / state.limit);
    return el('div', { class: 'pager' },
      el('button', { type: 'button', class: 'prev', disabled: current === 0 ? '' : null,
        on: { click: () => { state.offset = Math.max(0, state.offset - state.limit); onPage(); } } }, '‹ previous'),
      el('span', { class: 'page-of' }, 'page ' + (current + 1) + ' of ' + (last + 1) + ' (' + total + ')'),
      el('button', { type: 'button', class: 'next', disabled: current >= last ? '' : null,
        on: { click: () => { state.offset += state.limit; onPage(); } } }, 'next ›'));
  }

  // Studies: sorted, filtered and paged on the server
  const studiesState = { q: '', sort: 'created', order: 'desc', offset: 0, limit: 25, selected: new Set() };
  async function showStudies() {
    const s = studiesState;
    const root = el('div', { id: 'studies-page' });
    main().replaceChildren(root);
    const filter = el('input', { type: 'search', id: 'study-filter', placeholder: 'filter by name, owner or id', value: s.q });
    let timer = null;
    filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { s.q = filter.value; s.offset = 0; load(); }, 250); });
    const compare = el('button', { type: 'button', id: 'compare-selected', on: { click: () => {
      location.hash = '#/compare?ids=' + encodeURIComponent([...s.selected].join(','));
    } } }, 'Compare selected');
    const body = el('div');
    root.append(el('h1', {}, 'Studies'), el('div', { class: 'toolbar' }, filter, compare), body);
    async function load() {
      let data;
      try {
        data = await api('/api/v1/dashboard/studies?q=' + encodeURIComponent(s.q) + '&sort=' + s.sort + '&order=' + s.order + '&offset=' + s.offset + '&limit=' + s.limit);
      } catch (e) { body.replaceChildren(errorBox(e)); return; }
      document.getElementById('whoami').textContent = data.user + (data.admin ? ' (admin)' : '');
      if (!data.studies.length) {
        body.replaceChildren(el('p', { class: 'empty', id: 'no-studies' }, s.q ? 'No study matches.' : 'No study yet.'));
        rendered('studies');
        return;
      }
      const head = el('tr', {}, el('th', {}, ''),
        sortableHeader('name', 'name', s, load), sortableHeader('owner', 'owner', s, load),
        el('th', {}, 'sampler'), el('th', {}, 'executor'), sortableHeader('trials', 'trials', s, load),
        el('th', {}, 'running'), el('th', {}, 'complete'), el('th', {}, 'pruned'), el('th', {}, 'failed'),
        sortableHeader('best', 'best', s, load), sortableHeader('created', 'created', s, load));
      const rows = data.studies.map(st => {
        const box = el('input', { type: 'checkbox', 'data-id': st.id });
        box.checked = s.selected.has(st.id);
        box.addEventListener('change', () => { if (box.checked) s.selected.add(st.id); else s.selected.delete(st.id); });
        return el('tr', { class: 'study-row', 'data-id': st.id },
          el('td', {}, box),
          el('td', { class: 'name' }, el('a', { href: '#/study/' + encodeURIComponent(st.id) }, st.name)),
          el('td', {}, st.owner), el('td', {}, st.sampler), el('td', {}, st.executor),
          el('td', { class: 'num' }, st.trials), el('td', { class: 'num' }, st.counts.RUNNING),
          el('td', { class: 'num' }, st.counts.COMPLETE), el('td', { class: 'num' }, st.counts.PRUNED),
          el('td', { class: 'num' }, st.counts.FAILED), el('td', { class: 'num best' }, fmt(st.best)),
          el('td', {}, when(st.created)));
      });
      body.replaceChildren(el('table', { id: 'studies-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
        pager(s, data.total, load));
      rendered('studies');
    }
    page = { name: 'studies', refresh: load };
    await load();
  }

  // Study: charts aggregated on the server, and the trials table
  async function showStudy(id) {
    const root = el('div', { id: 'study-page' });
    main().replaceChildren(root);
    const title = el('h1', {}, 'Study');
    const summary = el('div', { class: 'card', id: 'study-summary' });
    const chart = (cid, cls) => el('div', { id: cid, class: 'chart' + (cls ? ' ' + cls : '') });
    const historyEl = chart('chart-history');
    const curvesEl = chart('chart-curves');
    const parallelEl = chart('chart-parallel', 'tall');
    const importanceEl = chart('chart-importance');
    const slicesEl = el('div', { class: 'small-grid', id: 'slices' });
    const paretoCard = el('div', { class: 'card', id: 'pareto-card' }, el('h2', {}, 'Pareto front'), chart('chart-pareto'));
    const table = el('div', { id: 'trials' });
    root.append(title, summary,
      el('div', { class: 'grid' },
        el('div', { class: 'card' }, el('h2', {}, 'Optimisation history'), historyEl),
        el('div', { class: 'card' }, el('h2', {}, 'Intermediate values'), curvesEl)),
      el('div', { class: 'grid' },
        el('div', { class: 'card' }, el('h2', {}, 'Parallel coordinates'), parallelEl),
        el('div', { class: 'card' }, el('h2', {}, 'Parameter importance'), el('p', { class: 'muted', id: 'importance-method' }), importanceEl)),
      paretoCard,
      el('div', { class: 'card' }, el('h2', {}, 'Slices'), slicesEl),
      el('div', { class: 'card' }, el('h2', {}, 'Trials'), table));
    const tstate = { state: '', sort: 'number', order: 'desc', offset: 0, limit: 25 };
    let slicesDrawn = -1;

    async function loadCharts() {
      let d;
      try { d = await api('/api/v1/dashboard/studies/' + encodeURIComponent(id)); } catch (e) {
        root.replaceChildren(e.status === 404 ? el('p', { class: 'empty', id: 'not-found' }, 'No such study (or not yours).') : errorBox(e));
        rendered('study');
        return false;
      }
      const st = d.study;
      title.textContent = st.name;
      summary.replaceChildren(el('dl', { class: 'kv' },
        el('dt', {}, 'id'), el('dd', {}, st.id), el('dt', {}, 'owner'), el('dd', {}, st.owner),
        el('dt', {}, 'sampler'), el('dd', {}, st.sampler), el('dt', {}, 'executor'), el('dd', {}, st.executor),
        el('dt', {}, 'directions'), el('dd', {}, st.directions.join(', ')),
        el('dt', {}, 'trials'), el('dd', { id: 'study-counts' }, Object.entries(st.counts).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', ')),
        el('dt', {}, 'best'), el('dd', { id: 'study-best' }, fmt(st.best)),
        el('dt', {}, 'created'), el('dd', {}, when(st.created))));
      Charts.history(historyEl, d.history);
      Charts.curves(curvesEl, d.curves);
      Charts.parallel(parallelEl, d.parameters);
      if (d.pareto) { paretoCard.hidden = false; Charts.pareto(paretoCard.querySelector('.chart'), d.pareto); } else { paretoCard.hidden = true; }
      if (slicesDrawn !== d.parameters.axes.length) {
        slicesEl.replaceChildren(...d.parameters.axes.map((a, i) => el('div', { id: 'chart-slice-' + i, class: 'chart small' })));
        slicesDrawn = d.parameters.axes.length;
      }
      d.parameters.axes.forEach((a, i) => Charts.slice(document.getElementById('chart-slice-' + i), d.parameters, i));
      return true;
    }
    async function loadImportance() {
      try {
        const imp = await api('/api/v1/dashboard/studies/' + encodeURIComponent(id) + '/importance');
        document.getElementById('importance-method').textContent = imp.method + ', fitted on ' + imp.trials + ' complete trials';
        Charts.importance(importanceEl, imp);
      } catch (e) { importanceEl.replaceChildren(errorBox(e)); }
    }
    async function loadTrials() {
      let d;
      try {
        d = await api('/api/v1/dashboard/studies/' + encodeURIComponent(id) + '/trials?state=' + tstate.state + '&sort=' + tstate.sort + '&order=' + tstate.order + '&offset=' + tstate.offset + '&limit=' + tstate.limit);
      } catch (e) { table.replaceChildren(errorBox(e)); return; }
      const select = el('select', { id: 'trial-state' }, ...['', 'WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAILED'].map(s => el('option', { value: s }, s || 'all states')));
      select.value = tstate.state;
      select.addEventListener('change', () => { tstate.state = select.value; tstate.offset = 0; loadTrials(); });
      const head = el('tr', {}, sortableHeader('#', 'number', tstate, loadTrials), sortableHeader('state', 'state', tstate, loadTrials),
        sortableHeader('values', 'value', tstate, loadTrials), el('th', {}, 'params'), el('th', {}, 'worker'), el('th', {}, 'slice'),
        el('th', {}, 'attempt'), sortableHeader('duration', 'duration', tstate, loadTrials), el('th', {}, 'error'));
      const rows = d.trials.map(t => {
        const worker = t.worker || '';
        const colon = worker.indexOf(':');
        return el('tr', { class: 'trial-row', 'data-number': t.number, 'data-state': t.state },
          el('td', { class: 'num' }, t.number), el('td', {}, stateBadge(t.state)),
          el('td', { class: 'num' }, (t.values || []).map(fmt).join(', ')),
          el('td', { class: 'params' }, Object.entries(t.params || {}).map(([k, v]) => k + '=' + fmt(v)).join('  ')),
          el('td', {}, colon >= 0 ? worker.slice(0, colon) : worker), el('td', {}, colon >= 0 ? worker.slice(colon + 1) : ''),
          el('td', { class: 'num' }, t.attempt), el('td', { class: 'num' }, t.durationMs === null ? '' : fmt(t.durationMs / 1000) + ' s'),
          el('td', { class: 'error' }, t.error || ''));
      });
      table.replaceChildren(el('div', { class: 'toolbar' }, select),
        el('table', { id: 'trials-table' }, el('thead', {}, head), el('tbody', {}, ...rows)), pager(tstate, d.total, loadTrials));
    }
    async function refresh() {
      // the three requests at once: the server computes the charts, the importance and the table
      // page in parallel
      const [found] = await Promise.all([loadCharts(), loadImportance(), loadTrials()]);
      if (found) rendered('study');
    }
    page = { name: 'study', wants: ev => ev.study === id, refresh: refresh };
    await refresh();
  }

  // Compare: two or more studies side by side
  async function showCompare(ids) {
    const root = el('div', { id: 'compare-page' });
    main().replaceChildren(root);
    root.append(el('h1', {}, 'Compare studies'));
    if (ids.length < 2) {
      root.append(el('p', { class: 'empty', id: 'compare-empty' }, 'Pick two or more studies on the Studies page and press "Compare selected".'));
      page = { name: 'compare' };
      rendered('compare');
      return;
    }
    const body = el('div');
    root.append(body);
    async function load() {
      let d;
      try { d = await api('/api/v1/dashboard/compare?ids=' + encodeURIComponent(ids.join(','))); } catch (e) { body.replaceChildren(errorBox(e)); rendered('compare'); return; }
      const head = el('tr', {}, el('th', {}, 'study'), el('th', {}, 'owner'), el('th', {}, 'created'), el('th', {}, 'finished trials'),
        el('th', {}, 'best'), el('th', {}, 'trials to reach ' + fmt(d.target)), el('th', {}, 'time to reach ' + fmt(d.target)));
      const rows = d.studies.map(s => el('tr', { class: 'compare-row', 'data-id': s.id },
        el('td', {}, el('a', { href: '#/study/' + encodeURIComponent(s.id) }, s.name)), el('td', {}, s.owner), el('td', {}, when(s.created)),
        el('td', { class: 'num' }, s.finished), el('td', { class: 'num' }, fmt(s.best)),
        el('td', { class: 'num' }, s.trialsToTarget === null ? 'not reached' : s.trialsToTarget),
        el('td', { class: 'num' }, s.secondsToTarget === null ? 'not reached' : fmt(s.secondsToTarget) + ' s')));
      const params = [...new Set(d.studies.flatMap(s => Object.keys(s.bestParams)))];
      const byTrial = el('div', { id: 'chart-compare-trials', class: 'chart' });
      const byTime = el('div', { id: 'chart-compare-time', class: 'chart' });
      const dists = params.map((p, i) => el('div', { id: 'chart-compare-param-' + i, class: 'chart small' }));
      body.replaceChildren(el('div', { class: 'card' }, el('table', { id: 'compare-table' }, el('thead', {}, head), el('tbody', {}, ...rows))),
        el('div', { class: 'grid' },
          el('div', { class: 'card' }, el('h2', {}, 'Best so far by finished trial'), byTrial),
          el('div', { class: 'card' }, el('h2', {}, 'Best so far by time (seconds)'), byTime)),
        el('div', { class: 'card' }, el('h2', {}, 'Parameters of the best trials'), el('div', { class: 'small-grid' }, ...dists)));
      Charts.overlay(byTrial, d.studies, 'byTrial', 'finished trials');
      Charts.overlay(byTime, d.studies, 'bySeconds', 'seconds');
      params.forEach((p, i) => Charts.distribution(dists[i], d.studies, p));
      rendered('compare');
    }
    page = { name: 'compare', wants: ev => ids.includes(ev.study), refresh: load };
    await load();
  }

  // Farm: GPUs and their slices, agents, utilisation, burst windows, reservations
  async function showFarm() {
    const root = el('div', { id: 'farm-page' });
    main().replaceChildren(root);
    const body = el('div');
    root.append(el('h1', {}, 'Farm'), body);
    const usageEl = el('div', { id: 'chart-usage', class: 'chart small' });
    async function load() {
      let d, w;
      try { d = await api('/api/v1/dashboard/farm'); } catch (e) { body.replaceChildren(errorBox(e)); rendered('farm'); return; }
      const groups = new Map();
      for (const s of d.slices) {
        const key = s.agent + ' / ' + (s.gpu === null ? 'CPU ' + s.node : 'GPU ' + s.gpu + (s.model ? ' ' + s.model : ''));
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(s);
      }
      const gpus = [...groups.entries()].map(([key, slices]) => el('div', { class: 'gpu' }, el('h3', {}, key),
        el('div', { class: 'slices' }, ...slices.map(s => el('div', { class: 'slice' + (s.busy ? ' busy' : ''), 'data-slice': s.id },
          el('div', {}, s.profile || s.kind, ' ', el('span', { class: 'muted' }, s.id)),
          s.trial ? el('div', { class: 'what' }, el('a', { href: '#/study/' + encodeURIComponent(s.trial.study) }, (s.trial.name || s.trial.study) + ' #' + s.trial.number))
            : el('div', { class: 'what muted' }, s.busy ? 'busy (another user)' : 'free'),
          s.trial && s.trial.since ? el('div', { class: 'since' }, 'since ' + when(s.trial.since)) : null)))));
      const agents = d.agents.length ? el('table', { id: 'agents-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'agent'), el('th', {}, 'slices'), el('th', {}, 'held'), el('th', {}, 'last seen'), el('th', {}, 'simulated'))),
        el('tbody', {}, ...d.agents.map(a => el('tr', {}, el('td', {}, a.id), el('td', { class: 'num' }, a.slices), el('td', { class: 'num' }, a.held), el('td', {}, when(a.lastSeen)), el('td', {}, a.simulated ? 'yes' : 'no')))))
        : el('p', { class: 'empty' }, 'No agent has called yet.');
      const win = d.windows;
      const windows = el('dl', { class: 'kv', id: 'windows' },
        el('dt', {}, 'current burst window'), el('dd', {}, win.current ? when(win.current.start) + ' – ' + when(win.current.end) : 'none now'),
        el('dt', {}, 'next burst window'), el('dd', {}, when(win.next.start) + ' – ' + when(win.next.end)),
        el('dt', {}, 'zone'), el('dd', {}, win.zone));
      const reservations = d.reservations.length ? el('table', { id: 'reservations-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'study'), el('th', {}, 'slices'), el('th', {}, 'from'), el('th', {}, 'until'))),
        el('tbody', {}, ...d.reservations.map(r => el('tr', {}, el('td', {}, r.study || '(another user\'s)'), el('td', { class: 'num' }, r.slices), el('td', {}, when(r.from)), el('td', {}, when(r.until))))))
        : el('p', { class: 'empty', id: 'no-reservations' }, 'No reservation.');
      body.replaceChildren(
        el('div', { class: 'card' }, el('h2', {}, 'Slices'), d.slices.length ? el('div', { class: 'gpus', id: 'gpus' }, ...gpus) : el('p', { class: 'empty', id: 'no-slices' }, 'No slice: no agent has offered any yet.')),
        el('div', { class: 'grid' },
          el('div', { class: 'card' }, el('h2', {}, 'Utilisation'), usageEl),
          el('div', { class: 'card' }, el('h2', {}, 'Burst windows'), windows, el('h2', {}, 'Reservations'), reservations)),
        el('div', { class: 'card' }, el('h2', {}, 'Agents'), agents));
      Charts.usage(usageEl, d.usage);
      rendered('farm');
    }
    page = { name: 'farm', refresh: load };
    await load();
  }

  // Campaigns: what the weekly build fired, each against the one before
  async function showCampaigns() {
    const root = el('div', { id: 'campaigns-page' });
    main().replaceChildren(root);
    root.append(el('h1', {}, 'Campaigns'));
    let d;
    try { d = await api('/api/v1/campaigns'); } catch (e) {
      root.append(e.status === 404 ? el('p', { class: 'empty', id: 'no-campaigns' }, 'No campaigns yet — the weekly build has not fired one.') : errorBox(e));
      page = { name: 'campaigns' };
      rendered('campaigns');
      return;
    }
    const list = (d && d.campaigns) || [];
    if (!list.length) {
      root.append(el('p', { class: 'empty', id: 'no-campaigns' }, 'No campaigns yet — the weekly build has not fired one.'));
    } else {
      const head = el('tr', {}, ...['repository', 'week', 'state', 'study', 'best', 'previous best', 'improvement', 'trials', 'slice hours', 'error'].map(h => el('th', {}, h)));
      const rows = list.map(c => {
        const sum = c.summary || {};
        const prev = c.previous || {};
        const study = c.study ? el('a', { href: '#/study/' + encodeURIComponent(c.study) }, c.study) : '';
        const vs = prev.study && c.study ? el('a', { href: '#/compare?ids=' + encodeURIComponent(prev.study + ',' + c.study) }, ' vs ' + prev.week) : null;
        return el('tr', { class: 'campaign-row' }, el('td', {}, c.repository), el('td', {}, c.week), el('td', {}, c.state),
          el('td', {}, study, vs), el('td', { class: 'num' }, fmt(sum.best)), el('td', { class: 'num' }, fmt(prev.best)),
          el('td', { class: 'num' }, fmt(c.improvement)), el('td', { class: 'num' }, fmt(sum.trials)), el('td', { class: 'num' }, fmt(sum.sliceHours)),
          el('td', { class: 'error' }, c.error || ''));
      });
      // week over week: every campaign study of a repository in the compare view
      const byRepo = new Map();
      list.filter(c => c.study).forEach(c => byRepo.set(c.repository, [c.study, ...(byRepo.get(c.repository) || [])]));
      const weekly = [...byRepo].filter(([, ids]) => ids.length > 1).map(([repo, ids]) =>
        el('li', {}, el('a', { class: 'weeks-link', href: '#/compare?ids=' + encodeURIComponent(ids.join(',')) }, repo + ': ' + ids.length + ' weeks side by side')));
      if (weekly.length) {
        root.append(el('ul', { id: 'campaign-weeks' }, ...weekly));
      }
      root.append(el('table', { id: 'campaigns-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
    }
    page = { name: 'campaigns' };
    rendered('campaigns');
  }

  function route() {
    if (!token()) { showSignIn(); return; }
    follow();
    const hash = location.hash || '#/studies';
    const [path, query] = hash.slice(1).split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    document.body.dataset.rendered = '';
    document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', a.dataset.page === (parts[0] === 'study' ? 'studies' : parts[0] || 'studies')));
    switch (parts[0]) {
      case 'study': return showStudy(decodeURIComponent(parts[1] || ''));
      case 'compare': return showCompare((params.get('ids') || '').split(',').filter(Boolean));
      case 'farm': return showFarm();
      case 'campaigns': return showCampaigns();
      default: return showStudies();
    }
  }

  function start() {
    document.getElementById('signout').hidden = !token();
    route();
  }

  document.addEventListener('DOMContentLoaded', () => {
    takeTokenFromUrl();
    window.addEventListener('hashchange', route);
    window.addEventListener('pagehide', stopFollowing);
    window.addEventListener('pageshow', ev => { if (ev.persisted) resume(); });
    document.addEventListener('visibilitychange', () => { if (document.hidden) stopFollowing(); else resume(); });
    document.getElementById('signout').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN);
      stopFollowing();
      showSignIn();
    });
    start();
  });

  return { api };
})();
