package dev.junction.protocol.topics;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Checks on text that the server passes on in text frames, which must be well-formed
 * UTF-8 for the receiving clients to accept them. Binary frames are read as UTF-8 JSON
 * without any guarantee that they are, and a JSON string may escape half a surrogate
 * pair.
 */
final class Utf8 {

	private static final int CHUNK = 8192;

	private Utf8() {
	}

	/**
	 * Whether bytes are well-formed UTF-8 (no overlong forms, no encoded surrogates).
	 * ASCII, such as base64, is checked without decoding.
	 */
	static boolean isWellFormed(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int i = offset;
		while (i < end && bytes[i] >= 0) {
			i++;
		}
		if (i == end) {
			return true;
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
		ByteBuffer in = ByteBuffer.wrap(bytes, i, end - i);
		CharBuffer out = CharBuffer.allocate(CHUNK);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return false;
			}
			if (result.isUnderflow()) {
				return true;
			}
			out.clear();
		}
	}

	/**
	 * Whether a string holds half a surrogate pair, which no UTF-8 encoder can write.
	 */
	static boolean hasUnpairedSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
