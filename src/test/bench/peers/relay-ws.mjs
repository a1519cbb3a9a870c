// A peer relay for the Junction benchmarks on Node and the `ws` library: what a Node
// user would write instead of Junction. It serves the same wire as BareRelay:
//   /ws           create_room / join_room, binary fan-out to every other member
//   /relay/<id>   the first two connections are paired and forwarded, with back-pressure
//   /signaling    register / peer_message between registered peers
// One process, one thread, no auth, no limits. Usage: node relay-ws.mjs <port>
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const MAX_PAYLOAD = 32 * 1024 * 1024;
const BINARY = { binary: true };
const port = Number(process.argv[2] ?? 8082);

const rooms = new Map(); // room code -> Set of members
const waiting = new Map(); // /relay/<id> -> the first connection, not yet paired
const peers = new Map(); // signaling peer id -> socket

function newRoomCode() {
	return Math.floor(0x1000000 + Math.random() * (0x7fffffff - 0x1000000)).toString(36).toUpperCase();
}

function parse(data) {
	try {
		return JSON.parse(data.toString());
	} catch {
		return null;
	}
}

function onRoomSocket(ws) {
	ws.on('message', (data, isBinary) => {
		if (isBinary) {
			if (ws.room) {
				for (const member of ws.room) {
					if (member !== ws) {
						member.send(data, BINARY);
					}
				}
			}
			return;
		}
		const message = parse(data);
		let code;
		let reply;
		if (message?.type === 'create_room') {
			code = newRoomCode();
			reply = 'room_created';
		} else if (message?.type === 'join_room' && typeof message.payload?.room_code === 'string') {
			code = message.payload.room_code.toUpperCase();
			reply = 'room_joined';
		} else {
			return;
		}
		let room = rooms.get(code);
		if (!room) {
			room = new Set();
			rooms.set(code, room);
		}
		ws.room?.delete(ws);
		room.add(ws);
		ws.room = room;
		ws.roomCode = code;
		ws.send(JSON.stringify({ type: reply, payload: { room_code: code } }));
	});
	ws.on('close', () => {
		if (ws.room) {
			ws.room.delete(ws);
			if (ws.room.size === 0 && rooms.get(ws.roomCode) === ws.room) {
				rooms.delete(ws.roomCode);
			}
		}
	});
}

// Sends one frame to the other side of a pair; while the destination's socket buffer is
// above its high-water mark, the source stops reading, so TCP pushes back on the sender.
function forward(source, destination, data) {
	destination.send(data, BINARY);
	if (destination._socket.writableNeedDrain && !source.isPaused) {
		source.pause();
		destination._socket.once('drain', () => source.resume());
	}
}

function onRelaySocket(ws, path) {
	const first = waiting.get(path);
	if (first) {
		waiting.delete(path);
		ws.peer = first;
		first.peer = ws;
		for (const data of first.held) {
			forward(first, ws, data);
		}
		first.held = null;
		first.resume();
	} else {
		// Until its peer arrives, the first side does not read; frames read before the
		// pause took effect are held.
		waiting.set(path, ws);
		ws.held = [];
		ws.pause();
	}
	ws.on('message', (data, isBinary) => {
		if (!isBinary) {
			return;
		}
		if (ws.peer) {
			forward(ws, ws.peer, data);
		} else if (ws.held) {
			ws.held.push(data);
		}
	});
	ws.on('close', () => {
		if (waiting.get(path) === ws) {
			waiting.delete(path);
		}
		ws.peer?.close();
	});
}

function onSignalingSocket(ws) {
	ws.on('message', (data, isBinary) => {
		if (isBinary) {
			return;
		}
		const message = parse(data);
		if (message?.type === 'register' && typeof message.peer_id === 'string') {
			peers.set(message.peer_id, ws);
			ws.peerId = message.peer_id;
			ws.send(JSON.stringify({ type: 'registered_auth', peer_id: message.peer_id }));
		} else if (message?.type === 'peer_message') {
			const target = peers.get(message.to_peer_id);
			if (target) {
				target.send(JSON.stringify({
					type: 'peer_message',
					from_peer_id: message.from_peer_id,
					to_peer_id: message.to_peer_id,
					payload: message.payload,
				}));
			} else {
				ws.send(JSON.stringify({
					type: 'error',
					code: 'PEER_NOT_IN_ROOM',
					message: `Target peer ${message.to_peer_id} not in same room`,
				}));
			}
		}
	});
	ws.on('close', () => {
		if (ws.peerId !== undefined && peers.get(ws.peerId) === ws) {
			peers.delete(ws.peerId);
		}
	});
}

const wss = new WebSocketServer({
	noServer: true,
	perMessageDeflate: false,
	maxPayload: MAX_PAYLOAD,
	clientTracking: false,
});

const server = createServer((request, response) => {
	response.writeHead(404).end();
});

server.on('upgrade', (request, socket, head) => {
	const path = request.url.replace(/\?.*/, '');
	let handler;
	if (path === '/ws') {
		handler = onRoomSocket;
	} else if (path === '/signaling') {
		handler = onSignalingSocket;
	} else if (path.startsWith('/relay/') && path.length > '/relay/'.length) {
		handler = onRelaySocket;
	} else {
		socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
		return;
	}
	wss.handleUpgrade(request, socket, head, (ws) => {
		// Protocol errors (an oversized frame, say) close the socket; nothing else to do.
		ws.on('error', () => {});
		handler(ws, path);
	});
});

server.listen(port, '127.0.0.1', () => {
	console.log(`relay-ws (node ${process.version}) listening on ${server.address().port}, pid ${process.pid}`);
});
