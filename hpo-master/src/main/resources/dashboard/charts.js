// The dashboard's charts: each function takes a container element and the server's (already
// aggregated and downsampled) data, and draws it with echarts. No data is turned into HTML here:
// tooltips render as canvas rich text, so the page's Content-Security-Policy holds.
'use strict';

const Charts = (() => {
  const TOOLTIP = { trigger: 'item', renderMode: 'richText', confine: true };
  const COLORS = ['#2f6fdf', '#e07b1f', '#2e9d5b', '#b03aa8', '#c23b3b', '#17a2b8', '#7a6a00', '#555'];

  // Time spent drawing, per chart element id (ms), for the benchmark's breakdown
  const drawn = {};

  function draw(el, option) {
    const t0 = performance.now();
    let chart = echarts.getInstanceByDom(el);
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      new ResizeObserver(() => chart.resize()).observe(el);
    }
    chart.setOption(Object.assign({ animation: false, color: COLORS }, option), true);
    drawn[el.id] = Math.round(performance.now() - t0);
    return chart;
  }

  function empty(el, text) {
    return draw(el, {
      title: { text: text, left: 'center', top: 'middle', textStyle: { color: '#6b7280', fontSize: 13, fontWeight: 'normal' } },
      series: [],
    });
  }

  function fmt(v) {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(3);
    return String(Math.round(v * 10000) / 10000);
  }

  /** Optimisation history: complete trials, best so far, pruned and failed marks. */
  function history(el, h) {
    if (h.complete + h.pruned + h.failed === 0) return empty(el, 'no finished trial yet');
    return draw(el, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 25, min: 'dataMin', max: 'dataMax' },
      yAxis: { type: 'value', name: 'objective (' + h.direction + ')', scale: true },
      series: [
        { name: 'complete (' + h.complete + ')', type: 'scatter', symbolSize: 5, large: true, largeThreshold: 500, data: h.points },
        { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: h.best, lineStyle: { width: 2 } },
        { name: 'pruned (' + h.pruned + ')', type: 'scatter', symbol: 'triangle', symbolSize: 7, large: true, largeThreshold: 200, data: h.prunedMarks },
        { name: 'failed (' + h.failed + ')', type: 'scatter', symbol: 'diamond', symbolSize: 7, large: true, largeThreshold: 200, itemStyle: { color: '#c23b3b' },
          data: h.failedMarks },
      ],
    });
  }

  /** Learning curves, each pruned one marked where it stopped. */
  function curves(el, c) {
    if (!c.curves.length) return empty(el, 'no intermediate values reported');
    return draw(el, {
      tooltip: TOOLTIP,
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', scale: true, name: 'intermediate value' },
      series: c.curves.map(curve => {
        const s = { name: 'trial ' + curve.number, type: 'line', showSymbol: false, data: curve.points,
          lineStyle: { width: 1, opacity: 0.75 }, emphasis: { focus: 'series' } };
        if (curve.state === 'PRUNED' && curve.points.length) {
          const last = curve.points[curve.points.length - 1];
          s.markPoint = { symbol: 'pin', symbolSize: 22, itemStyle: { color: '#e07b1f' }, label: { show: false },
            data: [{ name: 'pruned', coord: last }] };
        }
        return s;
      }),
    });
  }

  function axisOf(a, dim) {
    if (a.type === 'categorical') return { dim: dim, name: a.name, type: 'category', data: a.choices };
    return { dim: dim, name: a.name, type: a.log ? 'log' : 'value', min: a.low, max: a.high };
  }

  /** Parallel coordinates of the parameters and the objective. */
  function parallel(el, p) {
    if (!p.rows.length) return empty(el, 'no complete trial yet');
    const axes = p.axes.map((a, i) => axisOf(a, i));
    axes.push({ dim: p.axes.length, name: 'objective', type: 'value', scale: true });
    const values = p.rows.map(r => r[1]);
    return draw(el, {
      parallelAxis: axes,
      parallel: { left: 50, right: 80, top: 40, bottom: 30 },
      visualMap: { show: true, type: 'continuous', dimension: p.axes.length, min: Math.min.apply(null, values),
        max: Math.max.apply(null, values), inRange: { color: ['#2f6fdf', '#e07b1f'] }, right: 0, top: 'middle', itemHeight: 120 },
      series: [{ type: 'parallel', lineStyle: { width: 1, opacity: 0.5 },
        data: p.rows.map(r => r.slice(2).concat([r[1]])) }],
    });
  }

  /** Parameter importance, one bar per parameter. */
  function importance(el, imp) {
    if (!imp.importances.length) return empty(el, 'importance needs at least 8 complete trials');
    const sorted = imp.importances.slice().sort((a, b) => a.importance - b.importance);
    return draw(el, {
      tooltip: TOOLTIP,
      grid: { left: 120, right: 30, top: 20, bottom: 30 },
      xAxis: { type: 'value', max: 1 },
      yAxis: { type: 'category', data: sorted.map(e => e.name) },
      series: [{ type: 'bar', data: sorted.map(e => e.importance), label: { show: true, position: 'right', formatter: x => fmt(x.value) } }],
    });
  }

  /** One slice plot: the objective against one parameter. */
  function slice(el, p, i) {
    const a = p.axes[i];
    const data = p.rows.filter(r => r[i + 2] !== null).map(r => [a.type === 'categorical' ? a.choices[r[i + 2]] : r[i + 2], r[1], r[0]]);
    return draw(el, {
      title: { text: a.name, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: TOOLTIP,
      grid: { left: 55, right: 15, top: 30, bottom: 30 },
      xAxis: a.type === 'categorical' ? { type: 'category', data: a.choices } : { type: a.log ? 'log' : 'value', min: a.low, max: a.high },
      yAxis: { type: 'value', scale: true },
      visualMap: { show: false, dimension: 2, min: 0, max: Math.max(1, p.rows.length ? p.rows[p.rows.length - 1][0] : 1), inRange: { color: ['#a9c6f5', '#1d4f91'] } },
      series: [{ type: 'scatter', symbolSize: 5, large: true, largeThreshold: 500, data: data }],
    });
  }

  /** The Pareto front on the first two objectives. */
  function pareto(el, p) {
    return draw(el, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'value', scale: true, name: 'objective 0 (' + p.directions[0] + ')', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', scale: true, name: 'objective 1 (' + p.directions[1] + ')' },
      series: [
        { name: 'Pareto front (' + p.front.length + ')', type: 'scatter', symbolSize: 8, data: p.front },
        { name: 'other trials', type: 'scatter', symbolSize: 4, itemStyle: { opacity: 0.5 }, data: p.others },
      ],
    });
  }

  /** Best so far of several studies on one axis. */
  function overlay(el, studies, key, xName) {
    return draw(el, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', scale: true, name: 'best so far' },
      series: studies.map(s => ({ name: s.name + ' (' + s.id + ')', type: 'line', step: 'end', showSymbol: false, data: s[key] })),
    });
  }

  /** The best trials' values of one parameter, one row per study. */
  function distribution(el, studies, param) {
    const names = studies.map(s => s.name + ' (' + s.id + ')');
    const categorical = studies.some(s => (s.bestParams[param] || []).some(v => typeof v !== 'number'));
    return draw(el, {
      title: { text: param, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: TOOLTIP,
      grid: { left: 20, right: 20, top: 30, bottom: 30, containLabel: true },
      xAxis: categorical ? { type: 'category' } : { type: 'value', scale: true },
      yAxis: { type: 'category', data: names },
      series: studies.map((s, i) => ({ name: names[i], type: 'scatter', symbolSize: 8, itemStyle: { opacity: 0.6 },
        data: (s.bestParams[param] || []).map(v => [categorical ? String(v) : v, names[i]]) })),
    });
  }

  /** Busy slices over time. */
  function usage(el, samples) {
    if (!samples.length) return empty(el, 'no sample yet');
    return draw(el, {
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1, name: 'slices' },
      series: [
        { name: 'busy', type: 'line', step: 'end', areaStyle: { opacity: 0.3 }, showSymbol: false, data: samples.map(s => [s.at, s.busy]) },
        { name: 'slices', type: 'line', step: 'end', showSymbol: false, lineStyle: { type: 'dashed' }, data: samples.map(s => [s.at, s.slices]) },
      ],
    });
  }

  return { history, curves, parallel, importance, slice, pareto, overlay, distribution, usage, fmt, drawn };
})();
