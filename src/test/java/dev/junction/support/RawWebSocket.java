package dev.junction.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client written against the socket, for what the JDK client will not do:
 * send an upgrade request and read the plain HTTP refusal, or ignore pings.
 */
public final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final int status;

	private final Map<String, String> headers;

	private final String body;

	private RawWebSocket(Socket socket, int status, Map<String, String> headers, String body) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Send an upgrade request and read the response head (and the body of a refusal).
	 */
	public static RawWebSocket upgrade(int port, String path, String... extraHeaders) throws IOException {
		return request(new Socket("127.0.0.1", port), port, path, withHandshakeHeaders(extraHeaders));
	}

	/**
	 * Upgrade from a socket whose receive buffer is set before it connects, so that what
	 * the client's kernel may hold is known and small.
	 */
	public static RawWebSocket upgradeWithReceiveBuffer(int port, int receiveBuffer, String path) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(receiveBuffer);
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		return request(socket, port, path, withHandshakeHeaders());
	}

	/**
	 * Send an upgrade request with exactly the given handshake headers (besides
	 * {@code Host}, {@code Upgrade} and {@code Connection}) and read the response head
	 * (and the body of a refusal).
	 */
	public static RawWebSocket upgradeWithHeaders(int port, String path, String... headers) throws IOException {
		return request(new Socket("127.0.0.1", port), port, path, List.of(headers));
	}

	private static List<String> withHandshakeHeaders(String... extraHeaders) {
		List<String> headers = new ArrayList<>(
				List.of("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
		headers.addAll(List.of(extraHeaders));
		return headers;
	}

	private static RawWebSocket request(Socket socket, int port, String path, List<String> headers) throws IOException {
		socket.setSoTimeout(10_000);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("\r\n");
		socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
		return readResponse(socket);
	}

	private static RawWebSocket readResponse(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		String statusLine = readLine(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		String body = "";
		if (status != 101 && headers.containsKey("content-length")) {
			byte[] bytes = new DataInputStream(in).readNBytes(Integer.parseInt(headers.get("content-length")));
			body = new String(bytes, StandardCharsets.UTF_8);
		}
		return new RawWebSocket(socket, status, headers, body);
	}

	public int status() {
		return this.status;
	}

	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	public String body() {
		return this.body;
	}

	/**
	 * Read the next frame from the server (never masked).
	 */
	public Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = this.in.readNBytes((int) length);
		return new Frame(first & 0x0F, payload);
	}

	/**
	 * Read the next text frame, skipping pings.
	 */
	public String readText() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == 1) {
				return utf8(frame.payload());
			}
			if (frame.opcode() == 8) {
				throw new IOException("closed with " + frame.closeCode());
			}
		}
	}

	/**
	 * Read frames until a close frame, skipping pings and data.
	 */
	public Frame readUntilClose() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == 8) {
				return frame;
			}
		}
	}

	/**
	 * Send a masked text frame.
	 */
	public void sendText(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xFF);
		}
		frame.write(new byte[4]);
		frame.write(payload);
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/**
	 * Send a masked frame of any size.
	 * @param opcode 1 text, 2 binary
	 * @param payload the payload
	 */
	public void sendFrame(int opcode, byte[] payload) throws IOException {
		sendFragment(opcode, payload, true);
	}

	/**
	 * Send one masked frame of a message, which may be fragmented.
	 * @param opcode 1 text or 2 binary for the first fragment, 0 for the others
	 * @param payload the payload
	 * @param last whether it ends the message
	 */
	public void sendFragment(int opcode, byte[] payload, boolean last) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((last ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >> shift) & 0xFF);
			}
		}
		frame.write(new byte[4]);
		frame.write(payload);
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/**
	 * Send only the head of a masked binary frame that announces a payload length, as a
	 * client about to send a huge frame does.
	 */
	public void sendBinaryHeader(long length) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		head.write(0x82);
		head.write(0x80 | 127);
		for (int shift = 56; shift >= 0; shift -= 8) {
			head.write((int) (length >> shift) & 0xFF);
		}
		head.write(new byte[4]);
		this.out.write(head.toByteArray());
		this.out.flush();
	}

	/**
	 * Send one frame exactly as given: the first byte (FIN, RSV bits and opcode), masked
	 * (with a zero key) or not, of any payload length.
	 */
	public void sendFrame(int firstByte, boolean masked, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(firstByte);
		int mask = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(mask | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(mask | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(mask | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >> shift) & 0xFF);
			}
		}
		if (masked) {
			frame.write(new byte[4]);
		}
		frame.write(payload);
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	public static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * A frame as read.
	 *
	 * @param opcode the opcode (1 text, 2 binary, 8 close, 9 ping)
	 * @param payload the payload
	 */
	public record Frame(int opcode, byte[] payload) {

		/** The close code of a close frame. */
		public int closeCode() {
			return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		/** The reason of a close frame. */
		public String closeReason() {
			return new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
		}

	}

}
