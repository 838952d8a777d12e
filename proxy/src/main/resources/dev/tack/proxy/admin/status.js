// Tack's status page: one EventSource on /status/events, a report (JSON) a second, drawn into the page.
// No libraries and no build step; the file is served from Tack's jar as is.
(function () {
  'use strict';

  var HISTORY = 120; // samples kept for the chart: two minutes at one a second
  var MIN_SPAN = 30; // the chart shows at least this many seconds, so a young page is not all squeezed
  var TRANSPORTS = ['http', 'longpoll', 'stream', 'sse', 'ws'];
  var history = [];

  var token = new URLSearchParams(window.location.search).get('access_token');
  var eventsUrl = '/status/events' + (token ? '?access_token=' + encodeURIComponent(token) : '');

  function $(id) { return document.getElementById(id); }

  function count(n) { return n < 0 ? '?' : Math.round(n).toLocaleString('en-US'); }

  function rate(n) {
    if (n >= 100) { return Math.round(n).toLocaleString('en-US'); }
    return n.toFixed(n >= 10 || n === 0 ? 0 : 1);
  }

  function duration(seconds) {
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) { return d + 'd ' + h + 'h'; }
    if (h > 0) { return h + 'h ' + m + 'm'; }
    return m > 0 ? m + 'm ' + s + 's' : s + 's';
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function meter(row, value, max) {
    var td = cell(row, '', 'barcell');
    var bar = document.createElement('div');
    bar.className = 'meter';
    bar.style.width = (max > 0 && value > 0 ? Math.max(1, 100 * value / max) : 0) + '%';
    td.appendChild(bar);
  }

  function fillTable(id, items, render) {
    var body = $(id).querySelector('tbody');
    body.textContent = '';
    items.forEach(function (item) {
      var row = document.createElement('tr');
      render(row, item);
      body.appendChild(row);
    });
  }

  function show(report) {
    $('version').textContent = report.version;
    $('uptime').textContent = duration(report.uptimeSeconds);
    $('connections-total').textContent = count(report.connections.total);
    var split = $('connections-split');
    split.textContent = '';
    TRANSPORTS.forEach(function (name) {
      var li = document.createElement('li');
      var strong = document.createElement('strong');
      strong.textContent = count(report.connections[name] || 0);
      li.appendChild(strong);
      li.appendChild(document.createTextNode(' ' + name));
      li.id = 'connections-' + name;
      split.appendChild(li);
    });
    $('subscriptions').textContent = count(report.subscriptions);
    $('channels').textContent = count(report.channels);
    $('publish-rate').textContent = rate(report.rates.publishes);
    $('publish-total').textContent = count(report.totals.publishes);
    $('delivery-rate').textContent = rate(report.rates.deliveries);
    $('delivery-total').textContent = count(report.totals.deliveries);
    $('drop-rate').textContent = rate(report.rates.drops);
    $('outbox-queued').textContent = count(report.outboxQueued);

    var top = report.topChannels;
    var most = top.length ? top[0].subscribers : 0;
    fillTable('top-channels', top, function (row, c) {
      cell(row, c.channel);
      cell(row, count(c.subscribers), 'num');
      meter(row, c.subscribers, most);
    });
    $('top-channels-empty').hidden = top.length > 0;

    fillTable('routes', report.routes, function (row, r) {
      cell(row, r.route);
      var state = document.createElement('span');
      state.className = 'state ' + r.state;
      state.textContent = r.state;
      cell(row, '').appendChild(state);
      cell(row, rate(r.requestsPerSecond), 'num');
      cell(row, rate(r.errorsPerSecond), 'num');
      cell(row, r.averageMillis ? r.averageMillis.toFixed(1) : '–', 'num');
    });
    $('routes-empty').hidden = report.routes.length > 0;

    var busiest = Math.max.apply(null, report.eventLoops.map(function (l) { return l.pendingTasks; }).concat([1]));
    fillTable('loops', report.eventLoops, function (row, l) {
      cell(row, l.name);
      cell(row, count(l.pendingTasks), 'num');
      meter(row, l.pendingTasks, busiest);
    });

    fillTable('drops', Object.keys(report.drops), function (row, reason) {
      cell(row, reason.replace(/_/g, ' '));
      cell(row, count(report.drops[reason]), 'num');
    });

    var config = $('config');
    config.textContent = '';
    Object.keys(report.config).forEach(function (key) {
      var dt = document.createElement('dt');
      dt.textContent = key;
      var dd = document.createElement('dd');
      dd.textContent = report.config[key];
      config.appendChild(dt);
      config.appendChild(dd);
    });

    history.push({ deliveries: report.rates.deliveries, publishes: report.rates.publishes,
      connections: report.connections.total });
    if (history.length > HISTORY) { history.shift(); }
    $('chart').dataset.samples = history.length;
    draw();
  }

  function draw() {
    var canvas = $('chart');
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth, height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    var g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    var left = 8, right = width - 8, topY = 8, bottom = height - 18;
    g.strokeStyle = '#e3e6ee';
    g.lineWidth = 1;
    for (var i = 0; i <= 3; i++) {
      var y = Math.round(topY + (bottom - topY) * i / 3) + 0.5;
      g.beginPath(); g.moveTo(left, y); g.lineTo(right, y); g.stroke();
    }
    g.fillStyle = '#6b7385';
    g.font = '11px system-ui, sans-serif';
    var span = Math.max(MIN_SPAN, history.length);
    g.fillText(span >= HISTORY ? '-2 min' : '-' + span + ' s', left, height - 4);
    g.fillText('now', right - 20, height - 4);
    var css = getComputedStyle(document.documentElement);
    var rateMax = nice(Math.max.apply(null, history.map(function (s) {
      return Math.max(s.deliveries, s.publishes);
    })));
    var connMax = nice(Math.max.apply(null, history.map(function (s) { return s.connections; })));
    line(g, 'connections', connMax, css.getPropertyValue('--green'), span, left, right, topY, bottom);
    line(g, 'publishes', rateMax, css.getPropertyValue('--violet'), span, left, right, topY, bottom);
    line(g, 'deliveries', rateMax, css.getPropertyValue('--accent'), span, left, right, topY, bottom);
    g.fillStyle = '#6b7385';
    g.fillText(rate(rateMax) + '/s', left + 2, topY + 11);
    g.fillText(count(connMax) + ' conn.', right - 70, topY + 11);
  }

  /** The axis top: the next 1, 2 or 5 times a power of ten at or above {@code value}. */
  function nice(value) {
    if (!(value > 1)) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value) { return steps[i] * power; }
    }
    return 10 * power;
  }

  function line(g, key, max, color, span, left, right, topY, bottom) {
    if (history.length < 2) { return; }
    var step = (right - left) / (span - 1);
    var start = right - step * (history.length - 1);
    g.strokeStyle = color.trim();
    g.lineWidth = 2;
    g.beginPath();
    history.forEach(function (s, i) {
      var x = start + step * i;
      var y = bottom - (bottom - topY) * s[key] / max;
      if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
    });
    g.stroke();
  }

  function connect() {
    var source = new EventSource(eventsUrl);
    source.onopen = function () {
      $('status').dataset.state = 'live';
      $('status').textContent = 'live';
    };
    source.onmessage = function (event) {
      $('status').dataset.state = 'live';
      $('status').textContent = 'live';
      show(JSON.parse(event.data));
    };
    source.onerror = function () {
      // EventSource reconnects by itself (after the stream's retry: 2 s).
      $('status').dataset.state = 'reconnecting';
      $('status').textContent = 'reconnecting';
    };
  }

  window.addEventListener('resize', draw);
  connect();
}());
