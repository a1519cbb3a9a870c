package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.cluster.PresenceMember;
import dev.junction.core.NodeId;

/**
 * A presence member as one string: its node, its id, then its info's names and values,
 * each written as {@code <UTF-8 byte length>:<text>} so nothing needs an escape. The node
 * comes first because the scripts read it.
 */
final class PresenceCodec {

	private PresenceCodec() {
	}

	static String encode(PresenceMember member) {
		StringBuilder out = new StringBuilder();
		field(out, member.node().value());
		field(out, member.id());
		member.info().forEach((name, value) -> {
			field(out, name);
			field(out, value);
		});
		return out.toString();
	}

	static PresenceMember decode(String encoded) {
		byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
		List<String> fields = new ArrayList<>();
		int at = 0;
		while (at < bytes.length) {
			int colon = at;
			while (bytes[colon] != ':') {
				colon++;
			}
			int length = Integer.parseInt(new String(bytes, at, colon - at, StandardCharsets.US_ASCII));
			fields.add(new String(bytes, colon + 1, length, StandardCharsets.UTF_8));
			at = colon + 1 + length;
		}
		Map<String, String> info = new LinkedHashMap<>();
		for (int i = 2; i + 1 < fields.size(); i += 2) {
			info.put(fields.get(i), fields.get(i + 1));
		}
		return new PresenceMember(fields.get(1), new NodeId(fields.get(0)), info);
	}

	private static void field(StringBuilder out, String text) {
		out.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text);
	}

}
