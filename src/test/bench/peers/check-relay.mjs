// Checks a running relay's wire for the benchmark subset (what the Java generator does not
// cover): signaling register / peer_message / PEER_NOT_IN_ROOM, room replies, tunnel close
// propagation and, given the relay's pid, tunnel back-pressure (a
// receiver that stops reading must stop the sender, not grow the relay's memory).
// Usage: node check-relay.mjs ws://127.0.0.1:<port> [relay pid]. Exits non-zero on failure.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const [url, pid] = process.argv.slice(2);
let failures = 0;

function check(name, ok, detail = '') {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${detail}`}`);
	if (!ok) {
		failures++;
	}
}

function equal(name, actual, expected) {
	check(name, actual === expected, `got ${actual}, want ${expected}`);
}

function open(path) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url + path);
		ws.inbox = [];
		ws.waiting = [];
		ws.on('message', (data, isBinary) => {
			const message = isBinary ? data : data.toString();
			const waiter = ws.waiting.shift();
			if (waiter) {
				waiter(message);
			} else {
				ws.inbox.push(message);
			}
		});
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
	});
}

function next(ws) {
	return new Promise((resolve, reject) => {
		if (ws.inbox.length > 0) {
			resolve(ws.inbox.shift());
			return;
		}
		const timer = setTimeout(() => reject(new Error('no message within 5 s')), 5000);
		ws.waiting.push((message) => {
			clearTimeout(timer);
			resolve(message);
		});
	});
}

function closed(ws) {
	return new Promise((resolve, reject) => {
		if (ws.readyState === WebSocket.CLOSED) {
			resolve();
			return;
		}
		const timer = setTimeout(() => reject(new Error('not closed within 5 s')), 5000);
		ws.on('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function signaling() {
	const client = await open('/signaling');
	const worker = await open('/signaling?token=ignored');
	client.send(JSON.stringify({ type: 'register', peer_id: 'Client-1489', room_id: 'r', token: 't' }));
	equal('register', await next(client), '{"type":"registered_auth","peer_id":"Client-1489"}');
	worker.send(JSON.stringify({ type: 'register', peer_id: 'Worker-3108' }));
	equal('register second peer', await next(worker), '{"type":"registered_auth","peer_id":"Worker-3108"}');
	client.send(JSON.stringify({ payload: { app_message_type: 'job_request', n: [1, 2] }, to_peer_id: 'Worker-3108',
		type: 'peer_message', from_peer_id: 'Client-1489' }));
	equal('peer_message re-serialised in key order', await next(worker), '{"type":"peer_message",'
		+ '"from_peer_id":"Client-1489","to_peer_id":"Worker-3108","payload":{"app_message_type":"job_request","n":[1,2]}}');
	client.send(JSON.stringify({ type: 'peer_message', from_peer_id: 'Client-1489', to_peer_id: 'Nobody', payload: {} }));
	equal('unknown target', await next(client),
		'{"type":"error","code":"PEER_NOT_IN_ROOM","message":"Target peer Nobody not in same room"}');
	client.send('not json');
	client.send(JSON.stringify({ type: 'something_else' }));
	client.send(Buffer.from([1, 2, 3]));
	worker.close();
	await closed(worker);
	await delay(100);
	client.send(JSON.stringify({ type: 'peer_message', from_peer_id: 'Client-1489', to_peer_id: 'Worker-3108', payload: {} }));
	equal('closed peer is unregistered (and junk was ignored)', await next(client),
		'{"type":"error","code":"PEER_NOT_IN_ROOM","message":"Target peer Worker-3108 not in same room"}');
	client.close();
}

async function rooms() {
	const first = await open('/ws');
	first.send(JSON.stringify({ type: 'create_room', payload: { user_id: 'm0' } }));
	const created = JSON.parse(await next(first));
	const code = created.payload?.room_code;
	check('room_created', created.type === 'room_created' && /^[A-Z0-9]+$/.test(code), JSON.stringify(created));
	const second = await open('/ws');
	second.send(JSON.stringify({ type: 'join_room', payload: { room_code: code.toLowerCase(), user_id: 'm1' } }));
	equal('room_joined', await next(second), JSON.stringify({ type: 'room_joined', payload: { room_code: code } }));
	first.send(Buffer.from('fan-out'));
	equal('binary to the other member', (await next(second)).toString(), 'fan-out');
	await delay(100);
	equal('not echoed to the sender', first.inbox.length, 0);
	first.close();
	second.close();
}

async function tunnel() {
	const a = await open('/relay/check-close?token=ignored');
	const b = await open('/relay/check-close');
	b.send(Buffer.from('through'));
	equal('tunnel forwards', (await next(a)).toString(), 'through');
	a.close();
	await closed(b);
	check('closing one side closes the other', true);
}

async function backPressure() {
	const rssMiB = () => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
	const sender = await open('/relay/check-back-pressure');
	const receiver = await open('/relay/check-back-pressure');
	let received = 0;
	receiver.on('message', (data) => {
		received += data.length;
	});
	receiver._socket.pause();
	const before = rssMiB();
	const frame = Buffer.alloc(64 * 1024, 7);
	const total = 3200 * frame.length;
	for (let i = 0; i < 3200; i++) {
		sender.send(frame);
	}
	await delay(2000);
	const held = sender.bufferedAmount / 1048576;
	const grown = rssMiB() - before;
	check('a stalled receiver stops the sender', held > 100, `only ${held.toFixed(1)} of 200 MiB held at the sender`);
	check('the relay does not buffer it', grown < 64, `relay grew by ${grown.toFixed(1)} MiB`);
	receiver._socket.resume();
	const deadline = Date.now() + 30000;
	while (received < total && Date.now() < deadline) {
		await delay(50);
	}
	equal('everything arrives once the receiver reads', received, total);
	sender.close();
	receiver.close();
}

try {
	await signaling();
	await rooms();
	await tunnel();
	if (pid) {
		await backPressure();
	}
} catch (error) {
	check('no error', false, error.message);
}
console.log(failures === 0 ? 'all checks passed' : `${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
