package dev.junction.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible stream of fuzz frames: mostly mutated valid messages, some raw random
 * bytes. The seed comes from {@code -Djunction.fuzz.seed} (fixed by default, so CI is
 * repeatable) and the count from {@code -Djunction.fuzz.iterations}, for longer runs.
 */
public final class FuzzInput {

	private FuzzInput() {
	}

	public static long seed() {
		return Long.getLong("junction.fuzz.seed", 20261125L);
	}

	public static int iterations(int defaultIterations) {
		return Integer.getInteger("junction.fuzz.iterations", defaultIterations);
	}

	/**
	 * The frames of one run.
	 */
	public static List<byte[]> frames(List<String> seeds, int defaultIterations) {
		Random random = new Random(seed());
		FrameMutator mutator = new FrameMutator(random.nextLong());
		List<byte[]> frames = new ArrayList<>();
		int iterations = iterations(defaultIterations);
		for (int i = 0; i < iterations; i++) {
			if (random.nextInt(5) == 0) {
				byte[] raw = new byte[random.nextInt(256)];
				random.nextBytes(raw);
				frames.add(raw);
			}
			else {
				frames.add(mutator.next(seeds).getBytes(StandardCharsets.UTF_8));
			}
		}
		return frames;
	}

}
