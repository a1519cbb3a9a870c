package dev.junction.cluster;

import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One end of a pipe between two nodes (see {@link Pipes} for order, bound,
 * acknowledgement and ending). Thread-safe; no call blocks.
 */
public interface PipeEnd {

	/**
	 * Carry a binary frame to the other end.
	 * @param frame a binary frame that owns its bytes (not {@link Frame#external})
	 * @return whether the window still has room; {@code false} asks the writer to stop
	 * reading until {@link Receiver#writable()}
	 */
	boolean send(Frame frame);

	/**
	 * Acknowledge bytes received from the other end and handed on, freeing its window.
	 * @param bytes the byte count, added to those acknowledged before
	 */
	void acknowledge(long bytes);

	/**
	 * Bytes of this end's frames the other end has acknowledged so far: what it handed
	 * on. A final acknowledgement travels with the other end's close.
	 * @return the byte count
	 */
	long acknowledged();

	/**
	 * Close this end: the other end is told {@link Receiver#ended} with the reason after
	 * the frames already sent. Closing again does nothing.
	 * @param reason a short reason, or {@code null} for a normal end
	 */
	void close(@Nullable String reason);

	/**
	 * What an end is told about its pipe.
	 */
	interface Receiver {

		/**
		 * A frame from the other end, in order. The receiver owns it.
		 * @param frame the binary frame
		 */
		void received(Frame frame);

		/** The window, full after a send, has room again. */
		void writable();

		/**
		 * The other end closed, or went ({@link Pipes#GONE}). Called once; nothing
		 * follows.
		 * @param reason the other end's reason, or {@code null} for a normal end
		 */
		void ended(@Nullable String reason);

	}

}
