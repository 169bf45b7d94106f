/*
 * report.js - pages, sorts and filters the address table of an mxtrace
 * report.  All data is already in the HTML: without JavaScript the first
 * page of the table and everything else still shows.  Rows are only
 * re-ordered and hidden, never built from strings, so no text from the
 * input can become markup here.
 */
(function () {
	'use strict';
	var doc = document;
	var body = doc.getElementById('rows');

	function done() {
		doc.documentElement.setAttribute('data-js', 'ready');
	}
	// Times are written in UTC; the reader (a boss in Beijing) reads
	// them in the clock and language of the phone.  The UTC text stays
	// as the element's title, and is what shows without JavaScript.
	Array.prototype.forEach.call(doc.querySelectorAll('time[datetime]'), function (t) {
		var d = new Date(t.getAttribute('datetime'));
		if (isNaN(d.getTime()))
			return;
		t.title = t.textContent;
		t.textContent = d.toLocaleString(doc.documentElement.lang || undefined, {
			year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
			minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
	});
	// An unfinished run's notice is closed so that a phone shows the
	// results on its first screen; a wide screen has room to show it open
	// (720px: the width report.css changes the layout at).
	var unf = doc.querySelector('#unfinished details.unf');
	if (unf && window.matchMedia && !window.matchMedia('(max-width:720px)').matches)
		unf.open = true;
	if (!body) {
		done();
		return;
	}
	var rows = Array.prototype.slice.call(body.rows);
	var per = parseInt(body.getAttribute('data-page'), 10) || 100;
	var form = doc.getElementById('filters');
	var fVerdict = doc.getElementById('f-verdict');
	var fDomain = doc.getElementById('f-domain');
	var fText = doc.getElementById('f-text');
	var count = doc.getElementById('f-count');
	var pager = doc.getElementById('pager');
	var info = doc.getElementById('p-info');
	var prev = doc.getElementById('p-prev');
	var next = doc.getElementById('p-next');
	var heads = Array.prototype.slice.call(
	    doc.querySelectorAll('#addrs th[data-sort]'));
	var domCol = heads.findIndex(function (h) {
		return h.getAttribute('data-col') === 'domain';
	});
	var cache = {};		/* column -> lower-case texts, built on demand */
	var order = [];		/* row indices that pass the filter, in order */
	var shown = rows.slice(0, per);
	var page = 0, sortCol = -1, sortDir = 1, i;

	for (i = 0; i < rows.length; i++)
		order.push(i);

	function column(c) {
		var k = 'c' + c, j;
		var sev = heads[c] && heads[c].getAttribute('data-sort') === 's';
		if (!cache[k]) {
			cache[k] = new Array(rows.length);
			for (j = 0; j < rows.length; j++) {
				var cell = rows[j].cells[c];
				cache[k][j] = sev ? rows[j].getAttribute('data-s') :
				    cell ? cell.textContent.toLowerCase() : '';
			}
		}
		return cache[k];
	}

	function whole() {
		var j;
		if (!cache.all) {
			cache.all = new Array(rows.length);
			for (j = 0; j < rows.length; j++)
				cache.all[j] = rows[j].textContent.toLowerCase();
		}
		return cache.all;
	}

	function render() {
		var pages = Math.max(1, Math.ceil(order.length / per)), j, r;
		if (page >= pages)
			page = pages - 1;
		for (j = 0; j < shown.length; j++)
			shown[j].classList.add('h');
		shown = [];
		for (j = page * per; j < order.length && j < (page + 1) * per; j++) {
			r = rows[order[j]];
			r.classList.remove('h');
			body.appendChild(r);
			shown.push(r);
		}
		var first = order.length ? page * per + 1 : 0;
		info.textContent = first + '–' + (page * per + shown.length) +
		    ' / ' + order.length.toLocaleString();
		count.textContent = order.length.toLocaleString() + ' / ' +
		    rows.length.toLocaleString();
		prev.disabled = page === 0;
		next.disabled = page >= pages - 1;
	}

	function sortOrder() {
		if (sortCol < 0)
			return;
		var kind = heads[sortCol] && heads[sortCol].getAttribute('data-sort');
		var keys = column(sortCol), num = kind === 'n' || kind === 's';
		order.sort(function (a, b) {
			var x = keys[a], y = keys[b], d;
			if (num) {
				x = x === '' ? -1 : parseFloat(x);
				y = y === '' ? -1 : parseFloat(y);
				d = x - y;
			} else
				d = x < y ? -1 : x > y ? 1 : 0;
			return d !== 0 ? d * sortDir : a - b;
		});
	}

	function apply() {
		var v = fVerdict.value;
		var d = fDomain.value.trim().toLowerCase();
		var q = fText.value.trim().toLowerCase();
		var doms = d ? column(domCol) : null, all = q ? whole() : null, j;
		order = [];
		for (j = 0; j < rows.length; j++) {
			if (v && rows[j].getAttribute('data-v') !== v &&
			    rows[j].getAttribute('data-g') !== v)
				continue;
			if (d && doms[j].indexOf(d) < 0)
				continue;
			if (q && all[j].indexOf(q) < 0)
				continue;
			order.push(j);
		}
		sortOrder();
		page = 0;
		render();
	}

	var timer = null;
	function later() {
		clearTimeout(timer);
		timer = setTimeout(apply, 150);
	}

	fVerdict.addEventListener('change', apply);
	fDomain.addEventListener('input', later);
	fText.addEventListener('input', later);
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		apply();
	});
	prev.addEventListener('click', function () {
		page--;
		render();
	});
	next.addEventListener('click', function () {
		page++;
		render();
	});
	heads.forEach(function (th, c) {
		th.addEventListener('click', function () {
			sortDir = sortCol === c ? -sortDir : 1;
			sortCol = c;
			heads.forEach(function (h) {
				h.removeAttribute('aria-sort');
			});
			th.setAttribute('aria-sort',
			    sortDir > 0 ? 'ascending' : 'descending');
			sortOrder();
			page = 0;
			render();
		});
	});
	/* A click on a result in the summary shows those addresses; on a
	 * light page those the table does not hold are in the compact list. */
	var compact = doc.getElementById('compact');
	Array.prototype.forEach.call(doc.querySelectorAll(
	    'table.counts tr[data-v], table.counts tr[data-g]'), function (tr) {
		tr.style.cursor = 'pointer';
		tr.addEventListener('click', function () {
			var want = tr.getAttribute('data-v') ||
			    tr.getAttribute('data-g');
			var held = Array.prototype.some.call(fVerdict.options,
			    function (o) {
				return o.value === want;
			});
			if (!held && compact) {
				compact.open = true;
				compact.scrollIntoView();
				return;
			}
			fVerdict.value = want;
			apply();
			doc.getElementById('addresses').scrollIntoView();
		});
	});
	form.hidden = false;
	pager.hidden = false;
	render();
	done();
})();
