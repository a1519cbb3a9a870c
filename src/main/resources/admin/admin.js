// The admin page: polls admin/node once a second and turns the difference between two
// snapshots into rates. Every value is set as textContent.
'use strict';

(() => {
	const $ = (id) => document.getElementById(id);
	let previous = null;

	function sum(values) {
		return Object.values(values || {}).reduce((a, b) => a + b, 0);
	}

	function perSecond(now, before, seconds) {
		if (before === undefined || seconds <= 0) {
			return '-';
		}
		const rate = Math.max(0, now - before) / seconds;
		return rate >= 10 ? Math.round(rate).toString() : rate.toFixed(1);
	}

	function bytes(value) {
		const units = ['B', 'KiB', 'MiB', 'GiB'];
		let unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return (unit === 0 ? value.toString() : value.toFixed(1)) + ' ' + units[unit];
	}

	function duration(seconds) {
		const d = Math.floor(seconds / 86400);
		const h = Math.floor((seconds % 86400) / 3600);
		const m = Math.floor((seconds % 3600) / 60);
		const s = seconds % 60;
		return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + s + 's';
	}

	function row(cells, className) {
		const tr = document.createElement('tr');
		if (className) {
			tr.className = className;
		}
		for (const cell of cells) {
			const td = document.createElement('td');
			td.textContent = cell;
			tr.appendChild(td);
		}
		return tr;
	}

	function fill(tableId, rows) {
		const body = document.querySelector('#' + tableId + ' tbody');
		body.replaceChildren(...(rows.length ? rows : [row(['none'], 'idle')]));
	}

	function render(node, seconds) {
		const before = previous ? previous.node : null;
		const status = $('status');
		status.textContent = node.status;
		status.className = 'badge ' + node.status;
		$('version').textContent = node.version;
		$('uptime').textContent = duration(node.uptime);
		$('updated').textContent = new Date().toLocaleTimeString();
		$('connections').textContent = node.connections;
		$('groups-total').textContent = sum(node.groups);
		const framesIn = node.protocols.reduce((a, p) => a + p.frames_in, 0);
		const framesOut = node.protocols.reduce((a, p) => a + p.frames_out, 0);
		const refusals = sum(node.refusals) + sum(node.auth_refusals);
		$('rate-in').textContent = before ? perSecond(framesIn, before.framesIn, seconds) : '-';
		$('rate-out').textContent = before ? perSecond(framesOut, before.framesOut, seconds) : '-';
		$('rate-refusals').textContent = before ? perSecond(refusals, before.refusals, seconds) : '-';
		$('slow-consumers').textContent = node.slow_consumers;
		$('queued').textContent = bytes(node.outbound_queued_bytes);
		const old = {};
		if (before) {
			for (const p of before.protocols) {
				old[p.name] = p;
			}
		}
		fill('protocols', node.protocols.map((p) => {
			const o = old[p.name] || {};
			return row([p.name, p.connections, p.opened, perSecond(p.frames_in, o.frames_in, seconds),
				perSecond(p.frames_out, o.frames_out, seconds), perSecond(p.bytes_in, o.bytes_in, seconds),
				perSecond(p.bytes_out, o.bytes_out, seconds)], p.connections > 0 ? 'live' : 'idle');
		}));
		fill('groups', Object.entries(node.groups).map(([kind, count]) => row([kind, count])));
		fill('refusals', Object.entries(node.refusals).map(([reason, count]) => row(['upgrade: ' + reason, count]))
			.concat(Object.entries(node.auth_refusals).map(([reason, count]) => row(['token: ' + reason, count]))));
		fill('limits', Object.entries(node.limit_hits).map(([limit, count]) => row([limit, count])));
		return { protocols: node.protocols, framesIn: framesIn, framesOut: framesOut, refusals: refusals };
	}

	async function poll() {
		try {
			const response = await fetch('admin/node', { cache: 'no-store' });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			const node = await response.json();
			const now = performance.now();
			const seconds = previous ? (now - previous.at) / 1000 : 0;
			previous = { at: now, node: render(node, seconds) };
		}
		catch (error) {
			const status = $('status');
			status.textContent = 'unreachable';
			status.className = 'badge unreachable';
		}
		setTimeout(poll, 1000);
	}

	$('lookup').addEventListener('submit', async (event) => {
		event.preventDefault();
		const code = $('lookup-code').value.trim();
		const result = $('lookup-result');
		if (!code) {
			return;
		}
		result.textContent = 'Looking up...';
		try {
			const response = await fetch('admin/members?code=' + encodeURIComponent(code), { cache: 'no-store' });
			const body = await response.json();
			if (!response.ok) {
				result.textContent = body.error || ('HTTP ' + response.status);
				return;
			}
			result.replaceChildren();
			if (body.groups.length === 0) {
				const none = document.createElement('p');
				none.className = 'not-found';
				none.textContent = 'No protocol has a group "' + body.code + '" on this node.';
				result.appendChild(none);
			}
			for (const group of body.groups) {
				const title = document.createElement('h3');
				title.textContent = group.protocol + ' "' + body.code + '": ' + group.members.length + ' member'
					+ (group.members.length === 1 ? '' : 's');
				const list = document.createElement('ul');
				list.className = 'members';
				list.dataset.protocol = group.protocol;
				for (const id of group.members) {
					const item = document.createElement('li');
					item.className = 'member';
					item.textContent = id;
					list.appendChild(item);
				}
				result.append(title, list);
			}
		}
		catch (error) {
			result.textContent = 'The lookup failed: ' + error.message;
		}
	});

	poll();
})();
