package dev.junction.protocol.signaling;

import dev.junction.core.ReplyError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caps on one peer's stored metadata, checked at {@code register} and on the result
 * of every {@code update_metadata}: at most {@code maxTags} entries in {@code tags}, and
 * at most {@code maxBytes} of compact JSON (UTF-8). Metadata over either cap is refused
 * with a reply error and the stored metadata stays as it was.
 *
 * @param maxTags the most tags a peer may have
 * @param maxBytes the largest metadata, as compact JSON in UTF-8 bytes
 */
public record MetadataLimits(int maxTags, int maxBytes) {

	/**
	 * Whether metadata is within both caps. Linear in its size.
	 * @param metadata the metadata
	 * @return true when it may be stored
	 */
	boolean allows(ObjectNode metadata) {
		JsonNode tags = metadata.get("tags");
		if (tags != null && tags.isArray() && tags.size() > this.maxTags) {
			return false;
		}
		return utf8Length(metadata.toString()) <= this.maxBytes;
	}

	/**
	 * The error a {@code register} gets, in the shape of the other registration errors.
	 * @return the error
	 */
	ReplyError registrationError() {
		return new ReplyError(text(), null, null);
	}

	/**
	 * The error an {@code update_metadata} gets, in the shape of the other coded errors.
	 * @return the error
	 */
	ReplyError updateError() {
		return new ReplyError(text(), "METADATA_TOO_LARGE", null);
	}

	private String text() {
		return "Metadata too large: at most " + this.maxTags + " tags and " + this.maxBytes + " bytes";
	}

	private static long utf8Length(String text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
