package dev.junction.support;

import java.util.List;
import java.util.Random;

/**
 * Makes fuzz input: valid protocol messages with random edits (characters deleted,
 * inserted or replaced, values swapped for other JSON types, nesting), and plain noise.
 */
public final class FrameMutator {

	private static final List<String> VALUES = List.of("null", "true", "0", "-1.5e308", "\"\"", "[]", "{}",
			"\"\\u0000\"", "[[[[[[[[]]]]]]]]", "\"x\"", "{\"type\":null}", "1e999999", "\"\\ud800\"");

	private final Random random;

	public FrameMutator(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * A mutated copy of one of the seeds, or noise.
	 */
	public String next(List<String> seeds) {
		int choice = this.random.nextInt(10);
		if (choice == 0) {
			return noise();
		}
		String frame = seeds.get(this.random.nextInt(seeds.size()));
		int edits = 1 + this.random.nextInt(4);
		for (int i = 0; i < edits; i++) {
			frame = mutate(frame);
		}
		return frame;
	}

	private String mutate(String frame) {
		if (frame.isEmpty()) {
			return noise();
		}
		int at = this.random.nextInt(frame.length());
		return switch (this.random.nextInt(5)) {
			case 0 -> frame.substring(0, at) + frame.substring(at + 1);
			case 1 -> frame.substring(0, at) + (char) this.random.nextInt(128) + frame.substring(at);
			case 2 -> frame.substring(0, at) + VALUES.get(this.random.nextInt(VALUES.size())) + frame.substring(at);
			case 3 -> frame.replaceFirst("\"[^\"]*\"(?=[,}])", VALUES.get(this.random.nextInt(VALUES.size())));
			default -> "{\"type\":" + VALUES.get(this.random.nextInt(VALUES.size())) + ",\"payload\":" + frame + "}";
		};
	}

	private String noise() {
		char[] chars = new char[this.random.nextInt(64)];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) this.random.nextInt(0x3000);
		}
		return new String(chars);
	}

}
