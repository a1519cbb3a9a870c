package dev.junction.protocol;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the wire protocols.
 */
public final class ProtocolJson {

	private ProtocolJson() {
	}

	/**
	 * A mapper with compact output in declaration order and a string limit that fits the
	 * largest frame (Jackson's default is smaller than the 16 MiB frames clients send).
	 * @param maxFrameSize the protocol's frame limit in bytes
	 * @return the mapper
	 */
	public static ObjectMapper mapper(int maxFrameSize) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxStringLength(Math.max(maxFrameSize, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
			.build();
		return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
	}

}
