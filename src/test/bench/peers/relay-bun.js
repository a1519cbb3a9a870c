// A peer relay for the Junction benchmarks on Bun's built-in WebSocket server
// (uWebSockets): what a Bun user would write instead of Junction. It serves the same wire
// as BareRelay:
//   /ws           create_room / join_room, binary fan-out to every other member (a topic
//                 per room: ws.publish sends one frame to every subscriber but the sender)
//   /relay/<id>   the first two connections are paired and forwarded, with back-pressure
//   /signaling    register / peer_message between registered peers
// One process, one thread, no auth, no limits. Usage: bun relay-bun.js <port>

const MAX_PAYLOAD = 32 * 1024 * 1024;
// Bun drops what it cannot buffer past this many bytes per connection (the default is
// 16 MiB); like BareRelay, buffer rather than drop, and let the tunnel pause its reads.
const BACKPRESSURE_LIMIT = 1024 * 1024 * 1024;
// A paused tunnel side resumes reading once its peer has less than this buffered.
const RESUME_BELOW = 1024 * 1024;
const port = Number(process.argv[2] ?? 8083);

const waiting = new Map(); // /relay/<id> -> the first connection, not yet paired
const peers = new Map(); // signaling peer id -> socket

function newRoomCode() {
	return Math.floor(0x1000000 + Math.random() * (0x7fffffff - 0x1000000)).toString(36).toUpperCase();
}

function parse(text) {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

function onRoomMessage(ws, message) {
	if (typeof message !== 'string') {
		if (ws.data.room) {
			ws.publishBinary(ws.data.room, message);
		}
		return;
	}
	const request = parse(message);
	let code;
	let reply;
	if (request?.type === 'create_room') {
		code = newRoomCode();
		reply = 'room_created';
	} else if (request?.type === 'join_room' && typeof request.payload?.room_code === 'string') {
		code = request.payload.room_code.toUpperCase();
		reply = 'room_joined';
	} else {
		return;
	}
	if (ws.data.room) {
		ws.unsubscribe(ws.data.room);
	}
	ws.subscribe(code);
	ws.data.room = code;
	ws.send(JSON.stringify({ type: reply, payload: { room_code: code } }));
}

// Sends one frame to the other side of a pair; when it could not all be written, the
// source stops reading until the destination drains, so TCP pushes back on the sender.
function forward(source, destination, message) {
	const status = destination.sendBinary(message);
	if (status === 0) {
		// Dropped: cannot happen below BACKPRESSURE_LIMIT; never lose a frame silently.
		destination.close();
		source.close();
	} else if (status === -1 && !source.isPaused) {
		source.pause();
		destination.data.pausedSource = source;
	}
}

function onRelayOpen(ws) {
	const first = waiting.get(ws.data.path);
	if (first) {
		waiting.delete(ws.data.path);
		ws.data.peer = first;
		first.data.peer = ws;
		for (const message of first.data.held) {
			forward(first, ws, message);
		}
		first.data.held = null;
		if (ws.getBufferedAmount() < RESUME_BELOW) {
			first.resume();
		} else {
			ws.data.pausedSource = first;
		}
	} else {
		// Until its peer arrives, the first side does not read; frames read before the
		// pause took effect are held.
		waiting.set(ws.data.path, ws);
		ws.data.held = [];
		ws.pause();
	}
}

function onRelayMessage(ws, message) {
	if (typeof message === 'string') {
		return;
	}
	if (ws.data.peer) {
		forward(ws, ws.data.peer, message);
	} else if (ws.data.held) {
		ws.data.held.push(Buffer.from(message));
	}
}

function onSignalingMessage(ws, message) {
	if (typeof message !== 'string') {
		return;
	}
	const request = parse(message);
	if (request?.type === 'register' && typeof request.peer_id === 'string') {
		peers.set(request.peer_id, ws);
		ws.data.peerId = request.peer_id;
		ws.send(JSON.stringify({ type: 'registered_auth', peer_id: request.peer_id }));
	} else if (request?.type === 'peer_message') {
		const target = peers.get(request.to_peer_id);
		if (target) {
			target.send(JSON.stringify({
				type: 'peer_message',
				from_peer_id: request.from_peer_id,
				to_peer_id: request.to_peer_id,
				payload: request.payload,
			}));
		} else {
			ws.send(JSON.stringify({
				type: 'error',
				code: 'PEER_NOT_IN_ROOM',
				message: `Target peer ${request.to_peer_id} not in same room`,
			}));
		}
	}
}

const server = Bun.serve({
	port,
	hostname: '127.0.0.1',
	fetch(request, server) {
		const path = new URL(request.url).pathname;
		let kind;
		if (path === '/ws') {
			kind = 'room';
		} else if (path === '/signaling') {
			kind = 'signaling';
		} else if (path.startsWith('/relay/') && path.length > '/relay/'.length) {
			kind = 'relay';
		} else {
			return new Response(null, { status: 404 });
		}
		if (server.upgrade(request, { data: { kind, path } })) {
			return undefined;
		}
		return new Response(null, { status: 400 });
	},
	websocket: {
		perMessageDeflate: false,
		maxPayloadLength: MAX_PAYLOAD,
		backpressureLimit: BACKPRESSURE_LIMIT,
		closeOnBackpressureLimit: false,
		idleTimeout: 0,
		sendPings: false,
		open(ws) {
			if (ws.data.kind === 'relay') {
				onRelayOpen(ws);
			}
		},
		message(ws, message) {
			if (ws.data.kind === 'room') {
				onRoomMessage(ws, message);
			} else if (ws.data.kind === 'relay') {
				onRelayMessage(ws, message);
			} else {
				onSignalingMessage(ws, message);
			}
		},
		drain(ws) {
			const source = ws.data.pausedSource;
			if (source !== undefined && ws.getBufferedAmount() < RESUME_BELOW) {
				ws.data.pausedSource = undefined;
				if (source.readyState === WebSocket.OPEN) {
					source.resume();
				}
			}
		},
		close(ws) {
			if (ws.data.kind === 'relay') {
				if (waiting.get(ws.data.path) === ws) {
					waiting.delete(ws.data.path);
				}
				ws.data.peer?.close();
			} else if (ws.data.kind === 'signaling' && ws.data.peerId !== undefined
					&& peers.get(ws.data.peerId) === ws) {
				peers.delete(ws.data.peerId);
			}
		},
	},
});

console.log(`relay-bun (bun ${Bun.version}) listening on ${server.port}, pid ${process.pid}`);
