// Draws a tack-bench report: for each scenario a table of figures (one column per target) and charts
// (latency by percentile, handshake latency by percentile, connections and deliveries over time), from the
// run reports embedded in #bench-data. One run is a page with one scenario and one target.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bench-data').textContent);
  var COLORS = ['#1f6fd1', '#d1342f', '#2a9d48', '#e08a12', '#8a4fc4', '#7a5230', '#d44fa8', '#159fb0'];
  var single = data.scenarios.length === 1 && data.scenarios[0].runs.length === 1;
  var charts = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function get(o, path) {
    return path.split('.').reduce(function (v, k) { return v == null ? undefined : v[k]; }, o);
  }
  function num(v, digits) {
    if (v == null || isNaN(v)) { return '–'; }
    var d = digits !== undefined ? digits : (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
    return Number(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  function int(v) { return v == null ? '–' : Number(v).toLocaleString('en-US'); }
  function pair(a, b, f) { f = f || num; return (a == null && b == null) ? '–' : f(a) + ' / ' + f(b); }

  // ---- header -------------------------------------------------------------------------------------
  var head = document.getElementById('head');
  head.appendChild(el('h1', {}, data.title));
  var targets = [];
  data.scenarios.forEach(function (s) {
    s.runs.forEach(function (r) { if (targets.indexOf(r.target) < 0) { targets.push(r.target); } });
  });
  head.appendChild(el('p', {}, (single ? '' : 'Targets: ' + targets.join(', ') + '. ') + 'Written ' + data.generatedAt
      + (data.note ? '. ' + data.note : '')));
  function color(target) { return COLORS[targets.indexOf(target) % COLORS.length]; }

  // ---- what a scenario asked for ---------------------------------------------------------------------
  function describe(r) {
    var s = r.scenario || {};
    var parts = [int(s.subscribers) + ' subscribers (' + s.transports + ')', int(s.channels) + ' channel(s)'];
    if (s.flatOutSeconds) { parts.push('publishing flat out for ' + s.flatOutSeconds + ' s'); }
    else if (s.messages) { parts.push(int(s.messages) + ' messages at ' + num(s.rate) + '/s'); }
    else { parts.push('no messages'); }
    parts.push('connect rate ' + int(s.connectRate) + '/s');
    if (s.reconnectAtSeconds != null) { parts.push('reconnect storm ' + s.reconnectAtSeconds + ' s into publishing'); }
    if (single && s.publishApi && s.publishApi !== 'pushpin') { parts.push(s.publishApi + ' publish API'); }
    return (r.label ? r.label + ': ' : '') + parts.join(', ');
  }

  // ---- the table ------------------------------------------------------------------------------------
  var ROWS = [
    ['connections made / failed', function (r) { return pair(get(r, 'connections.made'), get(r, 'connections.failed'), int); }],
    ['subscribed / lost', function (r) { return pair(get(r, 'connections.ready'), get(r, 'connections.lost'), int); }],
    ['handshake p50 / p99 (ms)', function (r) { return pair(get(r, 'handshakeMs.p50'), get(r, 'handshakeMs.p99')); }],
    ['proxy CPU per new connection (ms)', function (r) { return num(get(r, 'proxy.cpuMsPerConnection'), 3); }],
    ['origin connections held / peak', function (r) {
      return get(r, 'proxy.originConnections') == null ? '–'
          : pair(get(r, 'proxy.originConnections'), get(r, 'proxy.originConnectionsPeak'), int);
    }],
    ['deliveries received / expected', function (r) { return pair(get(r, 'deliveries.received'), get(r, 'deliveries.expected'), int); }],
    ['deliveries lost', function (r) { return int(get(r, 'deliveries.lost')); }],
    ['latency p50 / p99 / max (ms)', function (r) {
      return get(r, 'latencyMs.count') ? num(get(r, 'latencyMs.p50')) + ' / ' + num(get(r, 'latencyMs.p99')) + ' / '
          + num(get(r, 'latencyMs.max')) : '–';
    }],
    ['last subscriber p50 / p99 (ms)', function (r) {
      return get(r, 'lastSubscriberMs.count') ? pair(get(r, 'lastSubscriberMs.p50'), get(r, 'lastSubscriberMs.p99')) : '–';
    }],
    ['publish API answer p50 / p99 (ms)', function (r) {
      return get(r, 'publish.accepted') ? pair(get(r, 'publish.apiLatencyMs.p50'), get(r, 'publish.apiLatencyMs.p99')) : '–';
    }],
    ['deliveries/s while publishing', function (r) { return get(r, 'publish.accepted') ? int(Math.round(get(r, 'deliveries.perSecondWhilePublishing'))) : '–'; }],
    ['proxy RSS per connection (KB)', function (r) {
      var b = get(r, 'proxy.rssPerConnectionBytes'); return b == null ? '–' : num(b / 1000, 1);
    }],
    ['proxy CPU while publishing (cores)', function (r) { return num(get(r, 'proxy.cpuCoresPublishing')); }],
    ['reconnect: dropped / reconnected', function (r) { return r.reconnect ? pair(r.reconnect.dropped, r.reconnect.reconnected, int) : '–'; }],
    ['reconnect: handshake p50 / p99 (ms)', function (r) { return r.reconnect ? pair(r.reconnect.handshakeMs.p50, r.reconnect.handshakeMs.p99) : '–'; }],
    ['reconnect: caught up, p50 / p99 (ms)', function (r) {
      return r.reconnect ? int(r.reconnect.caughtUp) + ': ' + pair(r.reconnect.catchUpMs.p50, r.reconnect.catchUpMs.p99) : '–';
    }],
    ['reconnect: messages skipped', function (r) { return r.reconnect ? int(r.reconnect.missedAcrossReconnect) : '–'; }],
    ['load tool CPU (cores)', function (r) { return num(get(r, 'client.cpuCores')); }],
    ['host load average start / end', function (r) { return pair(get(r, 'host.loadAverageStart'), get(r, 'host.loadAverageEnd')); }]
  ];

  function table(runs) {
    var t = el('table', { 'class': 'figures' });
    var hr = el('tr');
    hr.appendChild(el('th', {}, ''));
    runs.forEach(function (run) {
      var th = el('th');
      var sw = el('span', { 'class': 'swatch', style: 'background:' + color(run.target) });
      th.appendChild(sw);
      th.appendChild(document.createTextNode(run.target));
      hr.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(hr);
    t.appendChild(thead);
    var body = el('tbody');
    ROWS.forEach(function (row) {
      var cells = runs.map(function (run) { return row[1](run.report); });
      if (cells.every(function (c) { return c === '–'; })) { return; }
      var tr = el('tr');
      tr.appendChild(el('td', {}, row[0]));
      cells.forEach(function (c) { tr.appendChild(el('td', {}, c)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  // ---- charts ---------------------------------------------------------------------------------------
  function chartBox(parent, title) {
    var box = el('div', { 'class': 'chart' });
    box.appendChild(el('h3', {}, title));
    parent.appendChild(box);
    return box;
  }
  function none(box, text) { box.appendChild(el('p', { 'class': 'none' }, text)); }
  function width(box) { return Math.max(480, Math.min(760, box.clientWidth || 560)); }

  // x = 1 / (1 - percentile/100) on a log axis spreads p50, p90, p99, p99.9 evenly (HdrHistogram's plots).
  function percentileX(curve) {
    var xs = [], lastFinite = 1;
    curve.percentile.forEach(function (p) {
      if (p < 100) { lastFinite = Math.max(lastFinite, 1 / (1 - p / 100)); xs.push(1 / (1 - p / 100)); }
      else { xs.push(null); }
    });
    return xs.map(function (x) { return x == null ? lastFinite * 2 : x; });
  }
  function percentileLabel(x) {
    var p = 100 * (1 - 1 / x);
    if (x <= 1) { return '0%'; }
    return (p >= 99 ? p.toFixed(Math.max(0, Math.round(Math.log10(x)) - 2)) : p.toFixed(0)) + '%';
  }

  function percentileChart(box, series, logY) {
    var tables = [], opts = [];
    series.forEach(function (s) {
      if (!s.curve || !s.curve.percentile || s.curve.percentile.length === 0) { return; }
      var xs = percentileX(s.curve), ys = s.curve.ms.slice();
      // uPlot needs strictly increasing x within one table: keep the last value of equal x.
      var x2 = [], y2 = [];
      xs.forEach(function (x, i) {
        if (x2.length && x <= x2[x2.length - 1]) { y2[y2.length - 1] = Math.max(y2[y2.length - 1], ys[i]); }
        else { x2.push(x); y2.push(logY ? Math.max(ys[i], 0.001) : ys[i]); }
      });
      tables.push([x2, y2]);
      opts.push({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true, points: { show: false },
        value: function (u, v) { return v == null ? '–' : num(v) + ' ms'; } });
    });
    if (tables.length === 0) { none(box, 'no samples'); return; }
    var joined = uPlot.join(tables);
    var decades = function (u, axisIdx, min, max) {
      var out = [];
      for (var x = 1; x <= max * 1.0001; x *= 10) { if (x >= min / 1.0001) { out.push(x); } }
      return out;
    };
    new uPlot({
      width: width(box), height: 280,
      scales: { x: { time: false, distr: 3, log: 10 }, y: logY ? { distr: 3, log: 10 } : { range: function (u, min, max) { return [0, max * 1.05 || 1]; } } },
      axes: [
        { splits: decades, values: function (u, splits) { return splits.map(percentileLabel); }, label: 'percentile' },
        { label: 'ms', size: 60, values: function (u, splits) { return splits.map(function (v) { return num(v); }); } }
      ],
      series: [{ label: 'percentile', value: function (u, v) { return v == null ? '–' : percentileLabel(v); } }].concat(opts),
      legend: { live: false }
    }, joined, box);
    charts++;
  }

  // Draws a dashed vertical line and the name at each phase start (one run only).
  function phasePlugin(phases) {
    return {
      hooks: {
        draw: function (u) {
          var ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#9aa5b1';
          ctx.fillStyle = '#5f6b7a';
          ctx.setLineDash([4, 4]);
          ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
          phases.forEach(function (p, i) {
            var x = Math.round(u.valToPos(p.startSeconds, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) { return; }
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            // Phases often start close together: stagger their names over three rows.
            ctx.fillText(p.name, x + 3 * devicePixelRatio, u.bbox.top + (12 + 12 * (i % 3)) * devicePixelRatio);
          });
          ctx.restore();
        }
      }
    };
  }

  function timeChart(box, series, unit, phases) {
    var xLabel = single ? 'seconds since the run started' : 'seconds since connecting began';
    var tables = [], opts = [];
    series.forEach(function (s) {
      if (!s.x || s.x.length === 0) { return; }
      tables.push([s.x, s.y]);
      opts.push({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true, points: { show: false },
        value: function (u, v) { return v == null ? '–' : num(v); } });
    });
    if (tables.length === 0) { none(box, 'not sampled'); return; }
    new uPlot({
      width: width(box), height: 240,
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max * 1.08 || 1]; } } },
      axes: [{ label: xLabel }, { label: unit, size: 64 }],
      series: [{ label: 's' }].concat(opts),
      legend: { live: false },
      plugins: phases ? [phasePlugin(phases)] : []
    }, uPlot.join(tables), box);
    charts++;
  }

  // Per-second rate of a cumulative column, over a window of about one second so that a sampling interval
  // shorter than the publishing interval does not show as a saw-tooth.
  function rate(ts, column) {
    var x = [], y = [];
    var w = Math.max(1, Math.round(1 / (ts.intervalSeconds || 1)));
    for (var i = 1; i < ts.seconds.length; i++) {
      var j = Math.max(0, i - w);
      var dt = ts.seconds[i] - ts.seconds[j];
      if (dt > 0) { x.push(ts.seconds[i]); y.push((ts[column][i] - ts[column][j]) / dt); }
    }
    return { x: x, y: y };
  }
  // Compare pages line the targets up at the moment each began connecting (warm-ups take different times).
  function shift(ts) {
    if (single) { return 0; }
    var c = (ts.phases || []).filter(function (p) { return p.name === 'connect'; })[0];
    return c ? c.startSeconds : 0;
  }
  function shifted(ts, xs) { var d = shift(ts); return xs.map(function (x) { return Math.round((x - d) * 1000) / 1000; }); }
  function column(ts, name) { return { x: shifted(ts, ts.seconds), y: ts[name] }; }

  function scenarioCharts(section, runs) {
    var grid = el('div', { 'class': 'charts' });
    section.appendChild(grid);
    var withCharts = runs.filter(function (r) { return r.report.charts; });
    var one = runs.length === 1;
    // Compare pages put targets an order of magnitude apart on a log scale.
    function spread(key) {
      var maxima = withCharts.map(function (r) { return get(r.report, key + '.max') || 0; }).filter(function (v) { return v > 0; });
      return maxima.length > 1 && Math.max.apply(null, maxima) / Math.min.apply(null, maxima) > 10;
    }
    var lat = [];
    withCharts.forEach(function (r) {
      lat.push({ label: one ? 'every delivery' : r.target, color: color(r.target), curve: r.report.charts.latency });
      if (one) { lat.push({ label: 'last subscriber per message', color: COLORS[3], dash: [6, 4], curve: r.report.charts.lastSubscriber }); }
    });
    if (lat.some(function (l) { return l.curve && l.curve.percentile && l.curve.percentile.length; })) {
      percentileChart(chartBox(grid, 'Delivery latency by percentile'), lat, spread('latencyMs'));
    }

    var hs = [];
    withCharts.forEach(function (r) {
      var c = r.report.charts;
      hs.push({ label: one ? 'first connections' : r.target, color: color(r.target), curve: c.handshake });
      if (c.reconnectHandshake) {
        hs.push({ label: (one ? '' : r.target + ' ') + 'reconnects', color: one ? COLORS[2] : color(r.target), dash: [6, 4], curve: c.reconnectHandshake });
      }
    });
    percentileChart(chartBox(grid, 'Handshake latency by percentile (connect to response head)'), hs, spread('handshakeMs'));

    var storm = withCharts.filter(function (r) { return r.report.charts.catchUp; });
    if (storm.length) {
      percentileChart(chartBox(grid, 'Reconnect storm: time from the drop until caught up'), storm.map(function (r) {
        return { label: one ? 'subscribers' : r.target, color: color(r.target), curve: r.report.charts.catchUp };
      }), false);
    }

    var series = withCharts.filter(function (r) { return r.report.charts.timeSeries; });
    var phases = one && series.length ? series[0].report.charts.timeSeries.phases : null;
    var conn = [];
    series.forEach(function (r) {
      var ts = r.report.charts.timeSeries;
      if (one) {
        conn.push({ label: 'made', color: COLORS[0], x: ts.seconds, y: ts.made });
        conn.push({ label: 'subscribed', color: COLORS[2], dash: [6, 4], x: ts.seconds, y: ts.subscribed });
        conn.push({ label: 'failed', color: COLORS[1], x: ts.seconds, y: ts.failed });
        conn.push({ label: 'lost', color: COLORS[4], x: ts.seconds, y: ts.lost });
      } else {
        var c = column(ts, 'made');
        conn.push({ label: r.target, color: color(r.target), x: c.x, y: c.y });
      }
    });
    timeChart(chartBox(grid, one ? 'Connections over time' : 'Connections made over time'), conn, 'connections', phases);

    var delivering = series.filter(function (r) { var rc = r.report.charts.timeSeries.received; return rc.length && rc[rc.length - 1] > 0; });
    if (delivering.length) {
      timeChart(chartBox(grid, 'Deliveries per second over time'), delivering.map(function (r) {
        var ts = r.report.charts.timeSeries, d = rate(ts, 'received');
        return { label: one ? 'deliveries/s' : r.target, color: color(r.target), x: shifted(ts, d.x), y: d.y };
      }), 'deliveries/s', phases);
    }

    var proxied = series.filter(function (r) { return r.report.charts.timeSeries.proxyCpuSeconds; });
    if (proxied.length) {
      timeChart(chartBox(grid, 'Proxy CPU over time'), proxied.map(function (r) {
        var ts = r.report.charts.timeSeries, c = rate(ts, 'proxyCpuSeconds');
        return { label: one ? 'cores' : r.target, color: color(r.target), x: shifted(ts, c.x), y: c.y };
      }), 'cores', phases);
      timeChart(chartBox(grid, 'Proxy memory (RSS) over time'), proxied.map(function (r) {
        var ts = r.report.charts.timeSeries;
        return { label: one ? 'RSS' : r.target, color: color(r.target), x: shifted(ts, ts.seconds), y: ts.proxyRssKb.map(function (k) { return k / 1024; }) };
      }), 'MiB', phases);
    }
    var origin = series.filter(function (r) { return r.report.charts.timeSeries.originConnections; });
    if (origin.length) {
      timeChart(chartBox(grid, 'Proxy connections to the origin over time'), origin.map(function (r) {
        var c = column(r.report.charts.timeSeries, 'originConnections');
        return { label: one ? 'origin connections' : r.target, color: color(r.target), x: c.x, y: c.y };
      }), 'connections', phases);
    }
  }

  // ---- the page -------------------------------------------------------------------------------------
  var main = document.getElementById('report');
  data.scenarios.forEach(function (s) {
    var section = el('section', { 'class': 'scenario', id: 'scenario-' + s.name });
    section.appendChild(el('h2', {}, single ? (s.runs[0].report.label || s.name) : 'Scenario ' + s.name));
    section.appendChild(el('p', { 'class': 'what' }, describe(s.runs[0].report)));
    section.appendChild(table(s.runs));
    main.appendChild(section);
    scenarioCharts(section, s.runs);
  });
  document.body.setAttribute('data-charts', String(charts));
  document.body.setAttribute('data-rendered', 'true');
})();
