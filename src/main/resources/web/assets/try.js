// The try page: one rooms connection per tab, with the token sent as the subprotocol pair
// "bearer, <token>". Everything shown comes from the server's messages; text from other
// members is only ever set as textContent.
'use strict';

(() => {
	const $ = (id) => document.getElementById(id);
	const userId = randomId();
	let socket = null;
	let room = null;

	function randomId() {
		const bytes = new Uint8Array(6);
		crypto.getRandomValues(bytes);
		return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	}

	function log(text, kind) {
		const item = document.createElement('li');
		if (kind) {
			item.className = kind;
		}
		item.textContent = text;
		const list = $('log');
		list.appendChild(item);
		list.scrollTop = list.scrollHeight;
	}

	function me() {
		const member = { user_id: userId };
		const name = $('name').value.trim();
		if (name) {
			member.display_name = name;
		}
		return member;
	}

	function nameOf(user) {
		return (user && (user.display_name || user.user_id)) || 'someone';
	}

	function showRoom(code, users) {
		room = code;
		$('room').textContent = code || 'none';
		$('members').textContent = users ? users.map(nameOf).join(', ') : 'none';
		const inRoom = Boolean(code);
		$('message').disabled = !inRoom;
		$('send').disabled = !inRoom;
		$('leave').disabled = !inRoom;
	}

	function setStatus(text) {
		$('status').textContent = text;
	}

	// Open a connection (or reuse the open one) and send its first command.
	function command(message) {
		if (socket && socket.readyState === WebSocket.OPEN) {
			socket.send(JSON.stringify(message));
			return;
		}
		if (socket) {
			socket.close(1000);
		}
		const token = $('token').value.trim();
		const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
		let opened = false;
		let current;
		try {
			current = token ? new WebSocket(url, ['bearer', token]) : new WebSocket(url);
		}
		catch (error) {
			log('Cannot connect: ' + error.message, 'error');
			return;
		}
		socket = current;
		setStatus('connecting');
		current.onopen = () => {
			opened = true;
			setStatus('connected');
			current.send(JSON.stringify(message));
		};
		current.onmessage = (event) => {
			if (typeof event.data === 'string') {
				receive(event.data);
			}
		};
		current.onclose = (event) => {
			if (socket !== current) {
				return;
			}
			socket = null;
			showRoom(null, null);
			setStatus('not connected');
			if (!opened) {
				log('The server refused the connection: check the token (rooms needs one unless the '
					+ 'operator set auth: none for it).', 'error');
			}
			else {
				log('Connection closed (' + event.code + (event.reason ? ' ' + event.reason : '') + ').', 'event');
			}
		};
	}

	function receive(data) {
		let message;
		try {
			message = JSON.parse(data);
		}
		catch (error) {
			return;
		}
		const payload = message.payload || {};
		switch (message.type) {
			case 'room_created':
				showRoom(payload.room_code, [me()]);
				log('Room ' + payload.room_code + ' created: join it from another tab with this code.', 'event');
				break;
			case 'room_joined':
				showRoom(payload.room_code, payload.users);
				log('Joined room ' + payload.room_code + '.', 'event');
				break;
			case 'user_joined':
				showRoom(room, payload.users);
				log(nameOf(payload) + ' joined.', 'event');
				break;
			case 'user_left':
				showRoom(room, payload.users);
				log(nameOf(payload) + ' left.', 'event');
				break;
			case 'error':
				log('Error: ' + payload.error + (payload.code ? ' (' + payload.code + ')' : '')
					+ (payload.details ? ': ' + payload.details : ''), 'error');
				break;
			case 'chat':
				log((message.sender_name || message.sender_id || 'someone') + ': ' + message.text, 'message');
				break;
			default:
				log('A message of type ' + message.type + '.', 'event');
		}
	}

	$('create').addEventListener('click', () => command({ type: 'create_room', payload: me() }));
	$('join').addEventListener('click', () => {
		const code = $('code').value.trim().toUpperCase();
		if (!code) {
			log('Type the code of a room first.', 'error');
			return;
		}
		command({ type: 'join_room', payload: Object.assign({ room_code: code }, me()) });
	});
	$('leave').addEventListener('click', () => {
		if (socket) {
			socket.send(JSON.stringify({ type: 'leave_room', payload: {} }));
			showRoom(null, null);
			log('Left the room.', 'event');
		}
	});
	function send() {
		const text = $('message').value;
		if (!text || !socket || !room) {
			return;
		}
		socket.send(JSON.stringify({ type: 'chat', text: text }));
		log('you: ' + text, 'message mine');
		$('message').value = '';
	}
	$('send').addEventListener('click', send);
	$('message').addEventListener('keydown', (event) => {
		if (event.key === 'Enter') {
			send();
		}
	});
})();
