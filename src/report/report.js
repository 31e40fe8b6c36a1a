/* vcflow report: draws the records of the "records" data block.
 *
 * The records are those `vcflow diagnose -F json` writes (flow, call,
 * finding, ladder, summary, stats), after one "report" record naming what
 * was read.  This script decides nothing the records do not say: it lays
 * them out, sorts, filters, pages and opens them.  Every string in them
 * comes from packets someone else wrote, so the page is built only with
 * createElement, createElementNS, createTextNode, textContent and
 * setAttribute: a string is never parsed as markup.
 */
'use strict';
(function () {
	var SVGNS = 'http://www.w3.org/2000/svg';
	var SEVERITY = { critical: 3, error: 2, warning: 1, info: 0 };
	var PAGE = 100;
	var CALL_PAGE = 50;
	var uid = 0;

	/* ---- building the DOM ---- */

	function set(e, attrs) {
		if (!attrs)
			return e;
		Object.keys(attrs).forEach(function (k) {
			var v = attrs[k];
			if (v === null || v === undefined || v === false)
				return;
			if (k === 'text')
				e.textContent = String(v);
			else if (k.slice(0, 2) === 'on')
				e.addEventListener(k.slice(2), v);
			else
				e.setAttribute(k, v === true ? '' : String(v));
		});
		return e;
	}

	function add(e, kids) {
		kids.forEach(function (k) {
			if (k === null || k === undefined || k === false)
				return;
			if (Array.isArray(k))
				add(e, k);
			else if (typeof k === 'object')
				e.appendChild(k);
			else
				e.appendChild(document.createTextNode(String(k)));
		});
		return e;
	}

	function h(tag, attrs) {
		var e = set(document.createElement(tag), attrs);
		return add(e, Array.prototype.slice.call(arguments, 2));
	}

	function s(tag, attrs) {
		var e = set(document.createElementNS(SVGNS, tag), attrs);
		return add(e, Array.prototype.slice.call(arguments, 2));
	}

	function clear(e) {
		while (e.firstChild)
			e.removeChild(e.firstChild);
		return e;
	}

	/* ---- values ---- */

	function num(v) {
		return v === null || v === undefined ? '' : Number(v).toLocaleString('en');
	}

	function fixed(v, d) {
		return v === null || v === undefined ? '–' : Number(v).toFixed(d);
	}

	function ms(iso) {
		var t = Date.parse(iso);
		var frac = /\.(\d+)Z$/.exec(iso || '');
		/* Date keeps milliseconds; the records hold microseconds. */
		return isNaN(t) ? NaN : Math.floor(t / 1000) * 1000 +
			(frac ? Number((frac[1] + '000000').slice(0, 6)) / 1000 : 0);
	}

	function when(iso) {
		return iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '–';
	}

	function seconds(fromIso, toIso) {
		var a = ms(fromIso), b = ms(toIso);
		return isNaN(a) || isNaN(b) ? null : (b - a) / 1000;
	}

	function plain(v) {
		if (v === null || v === undefined)
			return '–';
		if (Array.isArray(v))
			return v.length ? v.map(function (x) {
				return typeof x === 'object' ? JSON.stringify(x) : String(x);
			}).join(', ') : '–';
		if (typeof v === 'object')
			return JSON.stringify(v);
		return String(v);
	}

	function endpoint(addr, port) {
		if (port === null || port === undefined)
			return addr;
		return String(addr).indexOf(':') >= 0 ? '[' + addr + ']:' + port
			: addr + ':' + port;
	}

	function words(v) {
		return String(v).replace(/_/g, ' ');
	}

	function kv(pairs) {
		var dl = h('dl', { class: 'kv' });
		pairs.forEach(function (p) {
			if (p[1] === null || p[1] === undefined || p[1] === '' ||
			    (Array.isArray(p[1]) && !p[1].length))
				return;
			add(dl, [h('dt', { text: p[0] }),
				 h('dd', null, typeof p[1] === 'object' && p[1].nodeType
				   ? p[1] : plain(p[1]))]);
		});
		return dl;
	}

	/* The fields of a record a renderer did not place, so none is hidden. */
	function rest(rec, shown) {
		return kv(Object.keys(rec).filter(function (k) {
			return shown.indexOf(k) < 0 && k !== 'type';
		}).map(function (k) { return [words(k), rec[k]]; }));
	}

	function selectText(node) {
		var r = document.createRange();
		r.selectNodeContents(node);
		var sel = window.getSelection();
		sel.removeAllRanges();
		sel.addRange(r);
	}

	/* A command or filter ready to copy: a click selects it all. */
	function copyable(text, label) {
		var pre = h('pre', { text: text });
		var btn = h('button', { class: 'copy', type: 'button', text: 'copy',
			onclick: function () {
				selectText(pre);
				if (navigator.clipboard && navigator.clipboard.writeText)
					navigator.clipboard.writeText(text).then(function () {
						btn.textContent = 'copied';
					}, function () {});
			} });
		return h('div', { class: 'copyable' }, label ? h('span', { class: 'muted', text: label }) : null, btn, pre);
	}

	function badge(cls, text, title) {
		return h('span', { class: 'badge ' + cls, text: text, title: title });
	}

	/* ---- the model ---- */

	var records = JSON.parse(document.getElementById('records').textContent);
	var M = { report: null, flows: [], calls: [], findings: [], ladders: {},
		  summary: null, stats: null, byFlow: {}, byCall: {} };
	records.forEach(function (r) {
		switch (r.type) {
		case 'report': M.report = r; break;
		case 'flow': M.flows.push(r); break;
		case 'call': M.calls.push(r); break;
		case 'finding': M.findings.push(r); break;
		case 'ladder':
			if (!M.ladders[r.call_id])
				M.ladders[r.call_id] = r;
			break;
		case 'summary': M.summary = r; break;
		case 'stats': M.stats = r; break;
		}
	});
	M.flows.forEach(function (f) { M.byFlow[f.flow_id] = f; });
	M.findings.sort(function (a, b) {
		return (SEVERITY[b.severity] || 0) - (SEVERITY[a.severity] || 0) ||
			(a.time < b.time ? -1 : a.time > b.time ? 1 : 0);
	});
	M.calls.forEach(function (c, i) { M.byCall[c.call_id] = i; });

	/* The findings that name a call, or one of its flows. */
	function callFindings(c) {
		var ids = {};
		(c.flows || []).concat(c.rtcp_flows || []).forEach(function (id) { ids[id] = 1; });
		(c.media || []).forEach(function (m) { ids[m.flow_id] = 1; });
		return M.findings.filter(function (f) {
			return (f.call_id && f.call_id === c.call_id) ||
				(!f.call_id && (f.flows || []).some(function (id) { return ids[id]; }));
		});
	}

	var root = document.getElementById('report');
	var openCall = null, showFlow = null;

	/* ---- summary ---- */

	function tally(key) {
		var m = {};
		M.flows.forEach(function (f) {
			var ks = key(f);
			(Array.isArray(ks) ? ks : [ks]).forEach(function (k) {
				if (k === null || k === undefined)
					return;
				if (!m[k])
					m[k] = { flows: 0, pkts: 0 };
				m[k].flows++;
				m[k].pkts += (f.pkts_fwd || 0) + (f.pkts_rev || 0);
			});
		});
		return Object.keys(m).map(function (k) { return [k, m[k]]; })
			.sort(function (a, b) { return b[1].flows - a[1].flows || (a[0] < b[0] ? -1 : 1); });
	}

	function card(n, label, cls) {
		return h('div', { class: 'card' + (cls ? ' ' + cls : '') },
			 h('div', { class: 'n', text: n }), h('div', { class: 'l', text: label }));
	}

	function summary() {
		var first = null, last = null, st = M.stats || {}, su = M.summary || {};
		M.flows.forEach(function (f) {
			if (f.first_ts && (!first || f.first_ts < first))
				first = f.first_ts;
			if (f.last_ts && (!last || f.last_ts > last))
				last = f.last_ts;
		});
		var sev = { critical: 0, error: 0, warning: 0, info: 0 };
		M.findings.forEach(function (f) { sev[f.severity] = (sev[f.severity] || 0) + 1; });
		var worst = M.findings[0];
		var unexpected = M.flows.filter(function (f) { return f.unexpected; }).length;
		var sec = h('section', { id: 'summary' }, h('h2', { text: 'Summary' }));
		add(sec, [h('div', { class: 'verdict' + (worst ? ' ' + worst.severity : ''), id: 'verdict' },
			worst ? [badge('sev-' + worst.severity, worst.severity), ' ', worst.summary,
				 M.findings.length > 1 ? h('span', { class: 'muted', text: ' and ' + (M.findings.length - 1) + ' more findings' }) : null]
			      : 'No finding: nothing in this capture shows a call or connection blocked.')]);
		var dur = seconds(first, last);
		add(sec, [h('div', { class: 'cards' },
			card(dur === null ? '–' : dur.toFixed(1) + ' s', 'from ' + when(first) + ' to ' + when(last)),
			card(num(st.packets_read), 'packets read (' + num(st.packets_in_flows) + ' in flows, ' +
			     num(st.packets_not_ip) + ' not IP, ' + num(st.packets_undecodable) + ' undecodable)'),
			card(num(su.calls_attempted !== undefined ? su.calls_attempted : M.calls.length), 'calls attempted'),
			card(num(su.calls_set_up), 'calls set up'),
			card(num(su.calls_failed), 'calls failed', su.calls_failed ? 'bad' : null),
			card(num(M.findings.length), M.findings.length ? 'findings: ' + Object.keys(sev).filter(function (k) { return sev[k]; })
			     .map(function (k) { return sev[k] + ' ' + k; }).join(', ') : 'findings'),
			card(su.blocked || '–', 'blocked'),
			card(num(M.flows.length), 'flows (' + num(unexpected) + ' unexpected)'))]);
		function small(title, rows, cols) {
			return h('div', null, h('h3', { text: title }),
				 h('table', null, h('thead', null, h('tr', null, cols.map(function (c, i) {
					 return h('th', { class: i ? 'num' : null, text: c });
				 }))), h('tbody', null, rows.length ? rows : h('tr', null, h('td', { text: 'none', class: 'muted' })))));
		}
		add(sec, [h('div', { class: 'cols' },
			small('Flows by app', tally(function (f) { return f.app; }).map(function (r) {
				return h('tr', null, h('td', { text: r[0] }), h('td', { class: 'num', text: num(r[1].flows) }),
					 h('td', { class: 'num', text: num(r[1].pkts) }));
			}), ['app', 'flows', 'packets']),
			small('Flows by product', tally(function (f) { return f.product && f.product.length ? f.product[0] : null; }).slice(0, 30).map(function (r) {
				return h('tr', null, h('td', { text: r[0] }), h('td', { class: 'num', text: num(r[1].flows) }));
			}), ['product (best evidence)', 'flows']),
			small('Calls by verdict', (function () {
				var m = {};
				M.calls.forEach(function (c) { m[c.status] = (m[c.status] || 0) + 1; });
				return Object.keys(m).map(function (k) {
					return h('tr', null, h('td', null, badge('st-' + k, words(k))), h('td', { class: 'num', text: num(m[k]) }));
				});
			})(), ['verdict', 'calls']))]);
		if (M.stats && (st.flows_evicted || st.packets_duplicate))
			add(sec, [h('p', { class: 'muted', text: num(st.flows_evicted) + ' flows ended early to stay within the flow limit; ' +
					   num(st.packets_duplicate) + ' duplicate copies dropped' })]);
		return sec;
	}

	/* ---- findings ---- */

	var FINDING_SHOWN = ['severity', 'summary', 'kind', 'blocking', 'fix', 'nft', 'iptables',
		'fix_note', 'caveat', 'call_id', 'flows', 'time', 'count', 'first_ts', 'last_ts',
		'transport', 'src', 'dst', 'ports', 'products', 'product', 'function', 'table',
		'blocked', 'direction', 'nft_chain', 'flows_total', 'sensor'];

	/* compact: inside a call, the verdict and the fix only. */
	function finding(f, compact) {
		var callBtn = f.call_id && M.byCall[f.call_id] !== undefined
			? h('button', { type: 'button', text: 'open the call', onclick: function () { openCall(f.call_id); } }) : null;
		var flowBtns = (f.flows || []).map(function (id) {
			return h('button', { type: 'button', class: 'mono', text: id, title: 'show this flow in the flows table',
				onclick: function () { showFlow(id); } });
		});
		return h('div', { class: 'finding ' + f.severity, 'data-severity': f.severity, 'data-kind': f.kind },
			h('div', null, badge('sev-' + f.severity, f.severity), ' ',
			  h('span', { class: 'summary', text: f.summary }),
			  f.count > 1 ? h('span', { class: 'muted', text: ' (' + f.count + ' times)' }) : null),
			f.blocking ? h('div', { class: 'blocking' }, h('b', { text: 'What blocking it does, in the vendor\'s words: ' }),
				       h('span', { text: f.blocking })) : null,
			f.fix ? h('div', { class: 'fix' }, h('b', { text: 'Fix: ' }), h('span', { text: f.fix })) : null,
			f.nft ? copyable(f.nft, 'nftables') : null,
			f.iptables ? copyable(f.iptables, 'iptables') : null,
			compact ? null : [
			f.fix_note ? h('p', { class: 'muted', text: f.fix_note }) : null,
			f.caveat ? h('p', null, h('b', { text: 'Caveat: ' }), f.caveat) : null,
			kv([['kind', f.kind], ['when', f.first_ts && f.last_ts && f.first_ts !== f.last_ts
				? when(f.first_ts) + ' to ' + when(f.last_ts) : when(f.time)],
			    ['transport', f.transport], ['from', f.src], ['to', f.dst], ['ports', f.ports],
			    ['blocked', f.blocked], ['direction', f.direction],
			    ['products', f.products], ['function', f.function], ['table', f.table],
			    ['rule goes in', f.nft_chain],
			    ['call', callBtn ? h('span', null, h('span', { class: 'mono', text: f.call_id + ' ' }), callBtn) : f.call_id],
			    ['flows', flowBtns.length ? h('span', null, flowBtns,
				f.flows_total > flowBtns.length ? ' and ' + (f.flows_total - flowBtns.length) + ' more' : '') : null]]),
			rest(f, FINDING_SHOWN)]);
	}

	function findings() {
		var sec = h('section', { id: 'findings' }, h('h2', { text: 'Findings (' + M.findings.length + ', most severe first)' }));
		if (!M.findings.length)
			add(sec, [h('p', { class: 'muted', text: 'No finding.' })]);
		var shown = 0, box = h('div');
		function more() {
			M.findings.slice(shown, shown + PAGE).forEach(function (f) { box.appendChild(finding(f)); });
			shown = Math.min(M.findings.length, shown + PAGE);
			btn.hidden = shown >= M.findings.length;
			if (!btn.hidden)
				btn.textContent = 'show ' + Math.min(PAGE, M.findings.length - shown) + ' more of ' + (M.findings.length - shown);
		}
		var btn = h('button', { type: 'button', onclick: more });
		more();
		return add(sec, [box, btn]);
	}

	/* ---- ladders ---- */

	/* The ladder record of a call, or one made of the call's messages. */
	function ladderOf(c) {
		var l = M.ladders[c.call_id];
		if (l)
			return l;
		return { messages: (c.messages || []).map(function (m) {
			return { time: m.ts, src: m.src, sport: m.sport, dst: m.dst, dport: m.dport,
				 request: m.method !== undefined, method: m.method || m.cseq_method,
				 code: m.status, reason: m.reason, sdp: m.sdp ? 'SDP' : null, fails: false };
		}), messages_not_kept: c.messages_dropped || 0, offer: null, answer: null,
			 media: (c.media || []).map(function (m) {
				 return { flow_id: m.flow_id, src: m.src, sport: m.sport, dst: m.dst, dport: m.dport,
					  codec: m.codec, pkts_fwd: m.pkts, pkts_rev: null };
			 }) };
	}

	function ladder(l) {
		var parties = [], col = {};
		function party(a) {
			if (a !== undefined && a !== null && col[a] === undefined) {
				col[a] = parties.length;
				parties.push(a);
			}
		}
		l.messages.forEach(function (m) { party(m.src); party(m.dst); });
		(l.media || []).forEach(function (m) { party(m.src); party(m.dst); });
		var COL = 230, LEFT = 96, TOP = 44, ROW = 30, BAND = 36;
		var n = l.messages.length, nm = (l.media || []).length;
		var width = LEFT + Math.max(1, parties.length) * COL;
		var bands = (l.media || []).map(function (m) {
			return (m.codec || 'media') + '  ' + endpoint(m.src, m.sport) + ' → ' + endpoint(m.dst, m.dport) +
				': ' + num(m.pkts_fwd) + ' packets' + (m.pkts_rev === null || m.pkts_rev === undefined ? ''
					: ', ' + num(m.pkts_rev) + ' back');
		});
		bands.forEach(function (t) { width = Math.max(width, LEFT + t.length * 7 + 16); });
		var height = TOP + n * ROW + nm * BAND + 24;
		var id = 'arrow' + (++uid), idf = 'arrowf' + uid;
		var svg = s('svg', { class: 'ladder', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
				     role: 'img', 'aria-label': 'sequence diagram' },
			s('defs', null,
			  s('marker', { id: id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
			    s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#1d4ed8' })),
			  s('marker', { id: idf, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
			    s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9b1c1c' }))));
		function x(a) { return LEFT + col[a] * COL + COL / 2; }
		parties.forEach(function (a) {
			add(svg, [s('rect', { class: 'head', x: x(a) - COL / 2 + 8, y: 4, width: COL - 16, height: 24, rx: 4 }),
				  s('text', { x: x(a), y: 21, 'text-anchor': 'middle', text: a }),
				  s('line', { class: 'life', x1: x(a), y1: 28, x2: x(a), y2: height - 6 })]);
		});
		var t0 = n ? ms(l.messages[0].time) : NaN;
		l.messages.forEach(function (m, i) {
			var y = TOP + i * ROW + 14, x1 = x(m.src), x2 = x(m.dst);
			var label = m.request ? m.method : (m.code + ' ' + (m.reason || '') +
				(m.method ? ' (' + m.method + ')' : ''));
			if (m.sdp)
				label += ' · SDP ' + m.sdp;
			var t = ms(m.time) - t0;
			add(svg, [s('text', { class: 't', x: 4, y: y + 4, text: isNaN(t) ? '' : '+' + (t / 1000).toFixed(3) + ' s' })]);
			if (x1 === x2) {
				add(svg, [s('path', { class: 'msg' + (m.fails ? ' fail' : ''), d: 'M' + x1 + ',' + (y - 6) + ' h40 v12 h-40',
						      'marker-end': 'url(#' + (m.fails ? idf : id) + ')' }),
					  s('text', { x: x1 + 46, y: y + 4, class: m.fails ? 'fail' : null, text: label })]);
			} else {
				add(svg, [s('line', { class: 'msg' + (m.fails ? ' fail' : ''), x1: x1, y1: y, x2: x2, y2: y,
						      'marker-end': 'url(#' + (m.fails ? idf : id) + ')' }),
					  s('text', { x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle', class: m.fails ? 'fail' : null, text: label },
					    s('title', { text: endpoint(m.src, m.sport) + ' → ' + endpoint(m.dst, m.dport) + '  ' + when(m.time) }))]);
			}
		});
		(l.media || []).forEach(function (m, i) {
			var y = TOP + n * ROW + i * BAND + 8, a = x(m.src), b = x(m.dst);
			var lo = Math.min(a, b), hi = Math.max(a, b);
			var oneway = m.pkts_rev === 0 || m.pkts_fwd === 0;
			add(svg, [s('rect', { class: 'band' + (oneway ? ' oneway' : ''), x: lo - 4, y: y, width: Math.max(8, hi - lo + 8), height: 12, rx: 3 }),
				  s('text', { x: LEFT, y: y + 25, text: bands[i] })]);
		});
		var notes = [];
		function sdp(name, o) {
			if (o)
				notes.push(h('div', null, h('b', { text: 'SDP ' + name + ': ' }),
					(o.media || '') + ' ' + (o.codec || '') + ' at ' + endpoint(o.address, o.port) + ' ' +
					(o.proto || '') + (o.more_streams ? ' and ' + o.more_streams + ' more streams' : '')));
		}
		sdp('offer', l.offer);
		sdp('answer', l.answer);
		if (l.messages_not_kept)
			notes.push(h('div', { class: 'muted', text: l.messages_not_kept + ' more messages not kept' }));
		return h('div', { class: 'ladder-box' }, svg, notes);
	}

	/* ---- media charts ---- */

	function chart(title, iv, value, unit, cls) {
		var W = 300, H = 110, L = 40, B = 20, T = 16;
		var vals = iv.map(value), max = 0;
		vals.forEach(function (v) { if (v !== null && v > max) max = v; });
		var top = max > 0 ? max * 1.1 : 1;
		var step = iv.length ? (W - L - 6) / iv.length : 0;
		var svg = s('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title },
			s('text', { x: L, y: 11, text: title }),
			s('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
			s('line', { class: 'axis', x1: L, y1: H - B, x2: W - 4, y2: H - B }),
			s('text', { class: 't', x: L - 4, y: T + 8, 'text-anchor': 'end', text: top.toPrecision(2) }),
			s('text', { class: 't', x: L - 4, y: H - B, 'text-anchor': 'end', text: '0' }),
			s('text', { class: 't', x: W - 4, y: H - 4, 'text-anchor': 'end', text: iv.length ? (iv[iv.length - 1].t + ' s') : '' }),
			s('text', { class: 't', x: L, y: H - 4, text: unit }));
		var y = function (v) { return H - B - (v / top) * (H - B - T); };
		if (cls === 'bar') {
			vals.forEach(function (v, i) {
				if (v)
					add(svg, [s('rect', { class: 'bar', x: L + i * step + 1, y: y(v), width: Math.max(1, step - 2), height: H - B - y(v) },
						    s('title', { text: iv[i].t + ' s: ' + v.toFixed(2) + ' ' + unit }))]);
			});
		} else {
			var d = '';
			vals.forEach(function (v, i) {
				if (v === null)
					return;
				d += (d ? ' L' : 'M') + (L + i * step + step / 2).toFixed(1) + ',' + y(v).toFixed(1);
				add(svg, [s('circle', { class: 'dot', cx: L + i * step + step / 2, cy: y(v), r: 1.8 },
					    s('title', { text: iv[i].t + ' s: ' + v.toFixed(2) + ' ' + unit }))]);
			});
			if (d)
				add(svg, [s('path', { class: 'line', d: d })]);
		}
		return svg;
	}

	function media(c) {
		if (!c.media || !c.media.length)
			return h('p', { class: 'muted', text: 'No media stream of this call was seen.' });
		var rows = c.media.map(function (m) {
			return h('tr', null,
				 h('td', { text: (m.sender || '?') + ' → ' }),
				 h('td', { class: 'mono', text: endpoint(m.src, m.sport) + ' → ' + endpoint(m.dst, m.dport) }),
				 h('td', { text: [m.kind, m.codec].filter(Boolean).join(' ') || '–' }),
				 h('td', { class: 'num', text: num(m.pkts) }),
				 h('td', { class: 'num', text: m.lost === null ? '–' : num(m.lost) + ' (' + fixed(m.loss_pct, 1) + '%)' }),
				 h('td', { class: 'num', text: fixed(m.jitter_ms, 2) }),
				 h('td', { class: 'num', text: fixed(m.seconds, 1) }),
				 h('td', { class: 'num', text: fixed(m.mos, 2) }));
		});
		var charts = c.media.filter(function (m) { return m.intervals && m.intervals.length; }).map(function (m) {
			var iv = m.intervals;
			return h('div', { class: 'stream' },
				 h('div', { class: 'mono', text: endpoint(m.src, m.sport) + ' → ' + endpoint(m.dst, m.dport) +
					    (m.codec ? ' ' + m.codec : '') + (m.mos !== null && m.mos !== undefined ? '  MOS ' + fixed(m.mos, 2) + ' (R ' + fixed(m.r_factor, 1) + ')' : '') }),
				 h('div', { class: 'charts' },
				   chart('packets lost or late, %', iv, function (p) {
					   var all = p.pkts + p.lost;
					   return all ? 100 * (p.lost + p.late) / all : 0;
				   }, '% of ' + m.interval_s + ' s', 'bar'),
				   chart('jitter, ms', iv, function (p) { return p.jitter_ms; }, 'ms', 'line'),
				   chart('packets', iv, function (p) { return p.pkts; }, 'per ' + m.interval_s + ' s', 'line')));
		});
		return h('div', null,
			 h('table', null, h('thead', null, h('tr', null, ['sender', 'stream', 'codec', 'packets', 'lost', 'jitter ms', 'seconds', 'MOS'].map(function (t, i) {
				 return h('th', { class: i >= 3 ? 'num' : null, text: t });
			 }))), h('tbody', null, rows)),
			 c.media_dropped ? h('p', { class: 'muted', text: c.media_dropped + ' more streams not kept' }) : null,
			 charts);
	}

	/* ---- calls ---- */

	var CALL_SHOWN = ['call_id', 'protocol', 'status', 'final_code', 'final_reason', 'caller', 'callee',
		'user_agents', 'attempt_ts', 'ringing_ts', 'answer_ts', 'end_ts', 'post_dial_delay_ms',
		'mos_to_callee', 'mos_to_caller', 'media', 'messages', 'flows', 'rtcp_flows', 'sensor',
		'media_dropped', 'messages_dropped', 'end'];

	function callBody(c) {
		var fs = callFindings(c);
		return h('div', null,
			 h('h3', { text: 'Signalling' }), ladder(ladderOf(c)),
			 h('h3', { text: 'Media' }), media(c),
			 h('h3', { text: 'Findings of this call' }),
			 fs.length ? fs.map(function (f) { return finding(f, true); })
				   : h('p', { class: 'muted', text: 'None.' }),
			 h('h3', { text: 'The call' }),
			 kv([['call-id', c.call_id], ['protocol', c.protocol], ['caller', c.caller], ['callee', c.callee],
			     ['user agents', c.user_agents], ['attempt', when(c.attempt_ts)], ['ringing', c.ringing_ts ? when(c.ringing_ts) : null],
			     ['answered', c.answer_ts ? when(c.answer_ts) : null], ['ended', c.end_ts ? when(c.end_ts) : null],
			     ['post-dial delay', c.post_dial_delay_ms !== null && c.post_dial_delay_ms !== undefined ? c.post_dial_delay_ms + ' ms' : null],
			     ['record written', c.end], ['signalling flows', h('span', null, (c.flows || []).map(function (id) {
				     return h('button', { type: 'button', class: 'mono', text: id, onclick: function () { showFlow(id); } });
			     }))]]),
			 rest(c, CALL_SHOWN));
	}

	function mos(c) {
		var a = c.mos_to_callee, b = c.mos_to_caller;
		if ((a === null || a === undefined) && (b === null || b === undefined))
			return '';
		return 'MOS ' + (a === null || a === undefined ? '–' : '→' + fixed(a, 2)) + ' ' +
			(b === null || b === undefined ? '–' : '←' + fixed(b, 2));
	}

	function callItem(c, i) {
		var body = null;
		var d = h('details', { class: 'call', id: 'call-' + i, 'data-status': c.status, 'data-call-id': c.call_id,
			ontoggle: function () {
				if (d.open && !body)
					d.appendChild(body = callBody(c));
			} },
			h('summary', null, badge('st-' + c.status, words(c.status)), ' ',
			  h('b', { text: (c.caller || '?') + ' → ' + (c.callee || '?') }), '  ',
			  h('span', { text: c.final_code ? c.final_code + ' ' + (c.final_reason || '') : 'no final response' }), '  ',
			  h('span', { class: 'muted', text: when(c.attempt_ts) + '  ' + mos(c) + '  ' + (c.user_agents || []).join(', ') }),
			  callFindings(c).length ? h('span', { class: 'mark', text: '  ' + callFindings(c).length + ' finding(s)' }) : null));
		return d;
	}

	function calls() {
		var sec = h('section', { id: 'calls' }, h('h2', { text: 'Calls (' + M.calls.length + ')' }));
		if (!M.calls.length) {
			add(sec, [h('p', { class: 'muted', text: 'No call was seen.' })]);
			return sec;
		}
		var list = h('div'), page = 0, pager = h('div', { class: 'pager' });
		function draw() {
			clear(list);
			M.calls.slice(page * CALL_PAGE, (page + 1) * CALL_PAGE).forEach(function (c, k) {
				list.appendChild(callItem(c, page * CALL_PAGE + k));
			});
			drawPager(pager, page, Math.ceil(M.calls.length / CALL_PAGE), M.calls.length, CALL_PAGE, function (p) { page = p; draw(); });
		}
		openCall = function (callId) {
			var i = M.byCall[callId];
			if (i === undefined)
				return;
			page = Math.floor(i / CALL_PAGE);
			draw();
			var d = document.getElementById('call-' + i);
			d.open = true;
			d.scrollIntoView();
		};
		draw();
		if (M.calls.length === 1)
			list.firstChild.open = true;
		return add(sec, [h('p', { class: 'muted', text: 'Open a call for its ladder, its media over time and its findings.' }), pager, list]);
	}

	function drawPager(box, page, pages, total, size, go) {
		clear(box);
		if (pages <= 1) {
			box.appendChild(h('span', { class: 'muted', text: num(total) + ' shown' }));
			return;
		}
		add(box, [h('button', { type: 'button', text: '«', disabled: page === 0, onclick: function () { go(0); } }),
			  h('button', { type: 'button', text: '‹', disabled: page === 0, onclick: function () { go(page - 1); } }),
			  h('span', { text: num(page * size + 1) + '–' + num(Math.min(total, (page + 1) * size)) + ' of ' + num(total) }),
			  h('button', { type: 'button', text: '›', disabled: page >= pages - 1, onclick: function () { go(page + 1); } }),
			  h('button', { type: 'button', text: '»', disabled: page >= pages - 1, onclick: function () { go(pages - 1); } })]);
	}

	/* ---- flows ---- */

	/* A Wireshark display filter for the flow's two endpoints. */
	function wireshark(f) {
		var ip = String(f.src).indexOf(':') >= 0 ? 'ipv6.addr' : 'ip.addr';
		var out = ip + '==' + f.src + (f.dst !== f.src ? ' && ' + ip + '==' + f.dst : '');
		if (f.transport === 'tcp' || f.transport === 'udp') {
			var p = f.transport + '.port';
			out += ' && ' + p + '==' + f.sport + (f.dport !== f.sport ? ' && ' + p + '==' + f.dport : '');
		} else if (f.transport === 'icmp' || f.transport === 'icmpv6') {
			out += ' && ' + f.transport;
		}
		return out;
	}

	var FLOW_SHOWN = ['flow_id', 'community_id', 'transport', 'src', 'sport', 'dst', 'dport', 'first_ts', 'last_ts',
		'pkts_fwd', 'pkts_rev', 'bytes_fwd', 'bytes_rev', 'end', 'app', 'apps', 'confidence', 'product',
		'product_evidence', 'expected_by', 'expected_by_more', 'function', 'unexpected', 'reason', 'detail',
		'call_id', 'product_text', 'table', 'blocking', 'sensor'];

	function flowDetail(f) {
		var eb = f.expected_by || [];
		var callBtn = f.call_id && M.byCall[f.call_id] !== undefined
			? h('button', { type: 'button', text: 'open the call', onclick: function () { openCall(f.call_id); } }) : null;
		return h('div', { class: 'flow-detail' },
			 f.unexpected ? h('p', null, h('span', { class: 'mark', text: 'Unexpected: ' }), f.reason || 'no table expects it') : null,
			 kv([['flow', f.flow_id], ['community id', f.community_id],
			     ['time', when(f.first_ts) + ' to ' + when(f.last_ts)], ['ended by', f.end],
			     ['app', f.app + (f.apps && f.apps.length > 1 ? ' (seen: ' + f.apps.join(', ') + ')' : '')],
			     ['evidence for the app', f.confidence],
			     ['product', f.product && f.product.length ? f.product.join(', ') + ' (evidence: ' + f.product_evidence + ')' : null],
			     ['product text', f.product_text], ['function', f.function], ['row that explains it', f.table],
			     ['result of blocking', f.blocking], ['detail', f.detail],
			     ['call', f.call_id ? h('span', null, h('span', { class: 'mono', text: f.call_id + ' ' }), callBtn) : null]]),
			 rest(f, FLOW_SHOWN),
			 h('h3', { text: 'Tables that allow it (expected_by): ' + eb.length + (f.expected_by_more ? ' and ' + f.expected_by_more + ' more' : '') }),
			 eb.length ? h('table', { class: 'wide' }, h('thead', null, h('tr', null, ['product', 'vendor', 'table', 'function', 'signature'].map(function (t) {
				 return h('th', { text: t });
			 }))), h('tbody', null, eb.map(function (e) {
				 return h('tr', null, h('td', { text: e.product || '–' }), h('td', { text: e.vendor || '–' }), h('td', { text: e.table || '–' }),
					  h('td', { text: e.function || '–' }), h('td', { class: 'mono', text: e.signature || '' }));
			 }))) : h('p', { class: 'muted', text: 'No table allows this flow.' }),
			 copyable(wireshark(f), 'Wireshark display filter'));
	}

	var COLUMNS = [
		{ key: 'transport', title: 'proto' },
		{ key: 'src', title: 'initiator', val: function (f) { return endpoint(f.src, f.sport); }, mono: true },
		{ key: 'dst', title: 'responder', val: function (f) { return endpoint(f.dst, f.dport); }, mono: true },
		{ key: 'app', title: 'app' },
		{ key: 'confidence', title: 'evidence' },
		{ key: 'product', title: 'product', val: function (f) { return f.product && f.product.length ? f.product[0] : ''; } },
		{ key: 'pkts_fwd', title: 'pkts →', num: true },
		{ key: 'pkts_rev', title: 'pkts ←', num: true },
		{ key: 'bytes_fwd', title: 'bytes →', num: true },
		{ key: 'bytes_rev', title: 'bytes ←', num: true },
		{ key: 'first_ts', title: 'first seen', val: function (f) { return f.first_ts ? f.first_ts.slice(11, 23) : ''; } },
		{ key: 'unexpected', title: '!', val: function (f) { return f.unexpected ? '!' : ''; } },
		{ key: 'note', title: 'function / detail', val: function (f) { return [f.function, f.detail].filter(Boolean).join(' / '); } },
	];

	function sortKey(col, f) {
		if (col.key === 'src')
			return f.src + ' ' + ('0000' + f.sport).slice(-5);
		if (col.key === 'dst')
			return f.dst + ' ' + ('0000' + f.dport).slice(-5);
		if (col.key === 'first_ts')
			return f.first_ts || '';
		if (col.num)
			return f[col.key] || 0;
		return col.val ? col.val(f) : (f[col.key] === null || f[col.key] === undefined ? '' : String(f[col.key]));
	}

	function flows() {
		var sec = h('section', { id: 'flows' }, h('h2', { text: 'Flows (' + num(M.flows.length) + ')' }));
		var state = { app: '', product: '', unexpected: false, text: '', sort: null, desc: false, page: 0, open: {} };
		var hay = null, view = M.flows.slice();
		function options(values) {
			return values.map(function (v) { return h('option', { value: v[0], text: v[0] + ' (' + v[1].flows + ')' }); });
		}
		var appSel = h('select', { 'aria-label': 'app', onchange: function () { state.app = appSel.value; refilter(); } },
			       h('option', { value: '', text: 'every app' }), options(tally(function (f) { return f.app; })));
		var prodSel = h('select', { 'aria-label': 'product', onchange: function () { state.product = prodSel.value; refilter(); } },
				h('option', { value: '', text: 'every product' }),
				options(tally(function (f) { return f.product || []; })));
		var unexp = h('input', { type: 'checkbox', onchange: function () { state.unexpected = unexp.checked; refilter(); } });
		var search = h('input', { type: 'search', placeholder: 'filter: address, port, text…', 'aria-label': 'text filter',
			oninput: function () { state.text = search.value.trim().toLowerCase(); refilter(); } });
		var count = h('span', { class: 'muted' });
		var pager = h('div', { class: 'pager' });
		var tbody = h('tbody');
		var heads = COLUMNS.map(function (c) {
			return h('th', { class: 'sort' + (c.num ? ' num' : ''), title: 'sort by ' + c.title, text: c.title,
				onclick: function () {
					state.desc = state.sort === c ? !state.desc : !!c.num;
					state.sort = c;
					heads.forEach(function (th, i) { th.textContent = COLUMNS[i].title; });
					this.textContent = c.title + (state.desc ? ' ▼' : ' ▲');
					resort();
				} });
		});
		function haystack(f) {
			return [f.flow_id, f.community_id, f.transport, endpoint(f.src, f.sport), endpoint(f.dst, f.dport), f.app,
				(f.apps || []).join(' '), (f.product || []).join(' '), f.product_text, f.function, f.detail, f.reason,
				f.call_id, f.confidence, f.unexpected ? 'unexpected' : ''].join('\n').toLowerCase();
		}
		function refilter() {
			if (state.text && !hay)
				hay = M.flows.map(haystack);
			view = [];
			M.flows.forEach(function (f, i) {
				if ((state.app && f.app !== state.app) ||
				    (state.product && (f.product || []).indexOf(state.product) < 0) ||
				    (state.unexpected && !f.unexpected) ||
				    (state.text && hay[i].indexOf(state.text) < 0))
					return;
				view.push(f);
			});
			state.page = 0;
			resort();
		}
		function resort() {
			var c = state.sort;
			if (c) {
				var keyed = view.map(function (f, i) { return [sortKey(c, f), i, f]; });
				keyed.sort(function (a, b) {
					var r = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
					return state.desc ? -r : r;
				});
				view = keyed.map(function (k) { return k[2]; });
			}
			draw();
		}
		function row(f) {
			var tr = h('tr', { class: 'flow' + (f.unexpected ? ' unexpected' : ''), 'data-flow-id': f.flow_id, 'data-app': f.app },
				   COLUMNS.map(function (c) {
					   var v = c.val ? c.val(f) : f[c.key];
					   return h('td', { class: (c.num ? 'num' : c.mono ? 'mono' : c.key === 'unexpected' ? 'mark' : null),
							    text: c.num ? num(v) : v === null || v === undefined ? '' : v,
							    title: c.key === 'unexpected' && f.unexpected ? f.reason : null });
				   }));
			var detail = null;
			tr.addEventListener('click', function (ev) {
				if (ev.target.closest && ev.target.closest('button'))
					return;
				if (detail) {
					detail.remove();
					detail = null;
					delete state.open[f.flow_id];
					tr.classList.remove('open');
				} else {
					detail = h('tr', { class: 'detail' }, h('td', { colspan: COLUMNS.length }, flowDetail(f)));
					tr.after(detail);
					state.open[f.flow_id] = 1;
					tr.classList.add('open');
				}
			});
			return tr;
		}
		function draw() {
			clear(tbody);
			var pages = Math.ceil(view.length / PAGE);
			if (state.page >= pages)
				state.page = Math.max(0, pages - 1);
			view.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (f) {
				var tr = row(f);
				tbody.appendChild(tr);
				if (state.open[f.flow_id])
					tr.click();
			});
			count.textContent = num(view.length) + ' of ' + num(M.flows.length) + ' flows';
			drawPager(pager, state.page, pages, view.length, PAGE, function (p) { state.page = p; draw(); });
		}
		showFlow = function (id) {
			search.value = id;
			state.text = id.toLowerCase();
			appSel.value = prodSel.value = '';
			state.app = state.product = '';
			unexp.checked = state.unexpected = false;
			state.open[id] = 1;
			refilter();
			sec.scrollIntoView();
		};
		refilter();
		return add(sec, [
			h('div', { class: 'toolbar' }, appSel, prodSel, h('label', null, unexp, ' only unexpected'), search, count),
			h('p', { class: 'legend' }, 'Click a column to sort, a row to open its evidence, its tables and a Wireshark filter. ',
			  '→ initiator to responder, ← back. evidence: payload (the flow\'s bytes), signaled (SDP, H.245 or SCCP announced it), ',
			  'port (a port table only), none. ', h('span', { class: 'mark', text: '!' }), ' unexpected: no table expects the flow (hover for why).'),
			pager,
			h('table', { class: 'wide flows' }, h('thead', null, h('tr', null, heads)), tbody)]);
	}

	/* ---- the page ---- */

	var rep = M.report || {};
	var what = rep.files && rep.files.length ? rep.files.join(', ') : rep.interface ? 'interface ' + rep.interface : 'capture';
	document.title = 'vcflow report: ' + what;
	add(root, [h('header', null, h('h1', { text: 'vcflow report' }),
		     h('p', { class: 'sub', text: what + (rep.vcflow ? ' · vcflow ' + rep.vcflow : '') +
			      (M.stats ? '' : ' · the run did not end: no statistics') })),
		   summary(), calls(), findings(), flows()]);
})();
