// L7Gate dashboard: polls /admin/status and /admin/stats on this listener and draws them. No dependencies.
'use strict';

(() => {
  const KEY_STORAGE = 'l7gate.admin.apiKey';
  const STATUS_EVERY_MS = 2000;
  const STATS_EVERY_MS = 5000;
  const $ = (id) => document.getElementById(id);
  let lastStats = null;

  const apiKey = () => sessionStorage.getItem(KEY_STORAGE) || localStorage.getItem(KEY_STORAGE) || '';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(method, path) {
    const headers = { Accept: 'application/json' };
    const key = apiKey();
    if (key) headers.Authorization = 'Bearer ' + key;
    const response = await fetch(path, { method, headers, cache: 'no-store' });
    let body = null;
    try { body = await response.json(); } catch { /* empty body */ }
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function say(text, bad) {
    const box = $('message');
    box.textContent = text;
    box.className = bad ? 'bad' : '';
    box.hidden = !text;
  }

  function formatUptime(seconds) {
    const s = Math.floor(seconds);
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
  }

  function renderNode(status) {
    $('node-name').textContent = status.node.name;
    $('node-meta').textContent = 'version ' + status.node.version + ' · up ' + formatUptime(status.node.uptimeSeconds);
    $('config-path').textContent = status.config.path;
    $('config-generation').textContent = status.config.generation;
    $('updated').textContent = new Date().toLocaleTimeString();
    const errors = status.config.lastErrors || [];
    $('config-error').hidden = errors.length === 0;
    $('config-error-when').textContent = status.config.lastErrorAt ? 'rejected at ' + new Date(status.config.lastErrorAt).toLocaleString() + '; the previous config is still served' : '';
    $('config-error-list').replaceChildren(...errors.map(e => el('li', null, el('code', null, e.path || '(file)'), ': ', e.message)));
  }

  function renderFailover(instances) {
    const body = $('failover').querySelector('tbody');
    body.replaceChildren(...instances.map(i => el('tr', { 'data-instance': i.name, 'data-state': i.state },
      el('td', null, i.name, i.maintenance ? el('span', { class: 'badge admin-Draining' }, 'maintenance') : null),
      el('td', null, el('span', { class: 'badge state-' + i.state }, i.state)),
      el('td', null, i.priority),
      el('td', null, i.effectivePriority),
      el('td', null, i.masterAddress || '—'),
      el('td', null, (i.virtualIPs || []).join(', ')),
      el('td', null, i.interface + ' / ' + i.virtualRouterId + ' (v' + i.version + ')'))));
    $('failover').hidden = instances.length === 0;
    $('failover-empty').hidden = instances.length !== 0;
  }

  async function setAdminState(cluster, destination, action) {
    if (!apiKey()) {
      say('Enter the admin API key above to ' + action + ' destinations.', true);
      $('api-key').focus();
      return;
    }
    try {
      const result = await api('POST', '/admin/clusters/' + encodeURIComponent(cluster) + '/destinations/' + encodeURIComponent(destination) + '/' + action);
      say(cluster + '/' + destination + ' is now ' + result.adminState + '.');
      await refreshStatus();
    } catch (error) {
      say(action + ' ' + cluster + '/' + destination + ' failed: ' + error.message, true);
    }
  }

  function destinationRow(cluster, d) {
    const classes = ['destination', d.available ? 'available' : 'unavailable'];
    if (d.adminState === 'Draining') classes.push('draining');
    const button = (action, label, disabled) => el('button', {
      type: 'button', 'data-action': action, disabled: disabled ? '' : null,
      onclick: () => setAdminState(cluster.clusterId, d.destinationId, action),
    }, label);
    return el('tr', { class: classes.join(' '), 'data-destination': d.destinationId, 'data-admin-state': d.adminState },
      el('td', null, d.destinationId),
      el('td', null, d.address),
      el('td', null, el('span', { class: 'badge health-' + d.activeHealth, title: 'active check' }, 'active ' + d.activeHealth), ' ',
        el('span', { class: 'badge health-' + d.passiveHealth, title: 'passive check' }, 'passive ' + d.passiveHealth)),
      el('td', null, el('span', { class: 'badge admin-' + d.adminState, 'data-role': 'admin-state' }, d.adminState)),
      el('td', null, d.inFlight),
      el('td', null,
        button('drain', 'Drain', d.adminState === 'Draining'), ' ',
        button('enable', 'Enable', d.adminState === 'Active'), ' ',
        button('disable', 'Disable', d.adminState === 'Disabled')));
  }

  function renderClusters(clusters) {
    const container = $('clusters');
    container.replaceChildren(...clusters.map(c => el('div', { class: 'cluster', 'data-cluster': c.clusterId },
      el('div', { class: 'cluster-head' },
        el('h3', null, c.clusterId, ' ', el('span', { class: 'muted' }, c.availableDestinations + '/' + c.destinations.length + ' available' + (c.loadBalancingPolicy ? ' · ' + c.loadBalancingPolicy : ''))),
        el('canvas', { class: 'rate', width: 320, height: 64, 'data-rate-for': c.clusterId, title: 'requests/s, last 10 minutes' })),
      el('table', null,
        el('thead', null, el('tr', null, ['Destination', 'Address', 'Health', 'Admin state', 'In flight', ''].map(h => el('th', null, h)))),
        el('tbody', null, c.destinations.map(d => destinationRow(c, d)))))));
    drawRates();
  }

  function renderRoutes(routes) {
    const describe = (r) => [
      r.path && 'path ' + r.path,
      r.hosts && r.hosts.length && 'hosts ' + r.hosts.join(','),
      r.methods && r.methods.length && 'methods ' + r.methods.join(','),
      r.languages && 'languages ' + r.languages.join(','),
      r.browsers && 'browsers ' + r.browsers.join(','),
    ].filter(Boolean).join(' · ');
    $('routes').querySelector('tbody').replaceChildren(...routes.map(r => el('tr', { 'data-route': r.routeId },
      el('td', null, r.routeId), el('td', null, r.order ?? ''), el('td', null, describe(r)), el('td', null, r.clusterId || ''))));
  }

  function drawRates() {
    if (!lastStats) return;
    for (const canvas of document.querySelectorAll('canvas[data-rate-for]')) {
      const counts = lastStats.clusters[canvas.getAttribute('data-rate-for')]
        || Object.entries(lastStats.clusters).find(([k]) => k.toLowerCase() === canvas.getAttribute('data-rate-for').toLowerCase())?.[1]
        || [];
      const rates = counts.map(n => n / lastStats.bucketSeconds);
      const ctx = canvas.getContext('2d');
      const w = canvas.width, h = canvas.height, top = Math.max(1, ...rates);
      ctx.clearRect(0, 0, w, h);
      ctx.strokeStyle = '#0969da';
      ctx.fillStyle = 'rgba(9,105,218,.15)';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      const step = rates.length > 1 ? w / (rates.length - 1) : w;
      rates.forEach((r, i) => {
        const x = i * step, y = h - 4 - (r / top) * (h - 16);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
      ctx.lineTo(w, h); ctx.lineTo(0, h); ctx.closePath(); ctx.fill();
      ctx.fillStyle = '#57606a';
      ctx.font = '10px system-ui, sans-serif';
      const now = rates.length ? rates[rates.length - 1] : 0;
      ctx.fillText(now.toFixed(1) + ' req/s (peak ' + top.toFixed(1) + ')', 4, 11);
    }
  }

  async function refreshStatus() {
    try {
      const status = await api('GET', '/admin/status');
      renderNode(status);
      renderFailover(status.failover || []);
      renderClusters(status.clusters || []);
      renderRoutes(status.routes || []);
      document.body.dataset.loaded = 'true';
    } catch (error) {
      say(error.status === 401 ? 'This listener needs the admin API key to show status: enter it above.' : 'Status unavailable: ' + error.message, true);
    }
  }

  async function refreshStats() {
    try {
      lastStats = await api('GET', '/admin/stats');
      drawRates();
    } catch { /* the status poll reports errors */ }
  }

  $('api-key').value = apiKey();
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    localStorage.setItem(KEY_STORAGE, key);
    say(key ? 'Key stored in this browser.' : '');
    refreshStatus();
    refreshStats();
  });
  $('key-forget').addEventListener('click', () => {
    localStorage.removeItem(KEY_STORAGE);
    sessionStorage.removeItem(KEY_STORAGE);
    $('api-key').value = '';
    say('Key forgotten.');
  });

  refreshStatus();
  refreshStats();
  setInterval(refreshStatus, STATUS_EVERY_MS);
  setInterval(refreshStats, STATS_EVERY_MS);
})();
