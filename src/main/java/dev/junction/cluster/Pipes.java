package dev.junction.cluster;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Byte pipes between two nodes: how a tunnel whose parties landed on different nodes
 * carries its frames. A pipe joins two ends, one on each node, and carries binary frames
 * both ways.
 *
 * <p>
 * <b>Rendezvous.</b> A node {@link #listen listens} for pipes; another node {@link #open
 * opens} one towards it with a short greeting, and the listening side accepts it (with a
 * {@link PipeEnd.Receiver} of its own) or refuses it with a reason.
 *
 * <p>
 * <b>Order.</b> Frames sent on one end reach the other end's receiver in the order they
 * were sent, each exactly once, one at a time.
 *
 * <p>
 * <b>Bound and acknowledgement.</b> Each direction has a window of bytes (the same for
 * every pipe of an implementation). A byte sent counts against the sender's window until
 * the other end {@link PipeEnd#acknowledge acknowledges} it, which a reader does once it
 * has handed the bytes on (to its socket), not when it receives them.
 * {@link PipeEnd#send} answers whether the window still has room; once it answers
 * {@code false} the writer should stop reading its source until
 * {@link PipeEnd.Receiver#writable()}. The window is a bound the writer keeps: a send
 * over it is still carried (frames already read from a socket have nowhere else to go),
 * so what one direction holds is the window plus what the writer had read before it
 * paused. A reader that never acknowledges therefore stops its writer instead of growing
 * memory anywhere.
 *
 * <p>
 * <b>Ending.</b> Either end may {@link PipeEnd#close close}; the other end's receiver is
 * told {@link PipeEnd.Receiver#ended ended} once, with the reason given, after every
 * frame sent before the close. When the other end's node dies or the backplane fails, the
 * receiver is told {@code ended} with {@link #GONE} within the implementation's liveness
 * delay. After the end nothing more is delivered and sends are dropped. Whatever a pipe
 * kept in a shared store goes when both ends have closed or expires with its node.
 *
 * <p>
 * Every call returns at once and never blocks; receivers are called from the
 * implementation's threads and must not block either.
 */
public interface Pipes {

	/** The reason a receiver is given when the other end's node or the backplane went. */
	String GONE = "gone";

	/**
	 * Receive the pipes other nodes open towards a node.
	 * @param node this node's id
	 * @param acceptor told of each pipe opened towards the node
	 * @return stops listening
	 */
	Disposable listen(String node, Acceptor acceptor);

	/**
	 * Open a pipe towards another node, which accepts or refuses it.
	 * @param pipeId the pipe's id, unique among this node's open pipes
	 * @param node this node's id
	 * @param toNode the node that listens for it
	 * @param greeting what the other node needs to accept it (no secrets: it may cross a
	 * shared store)
	 * @param receiver gets the other end's frames once accepted
	 * @return the outcome, once the other node has answered (or is found gone)
	 */
	Mono<Opening> open(String pipeId, String node, String toNode, String greeting, PipeEnd.Receiver receiver);

	/**
	 * Told of pipes opened towards this node.
	 */
	@FunctionalInterface
	interface Acceptor {

		/**
		 * A pipe was opened towards this node: accept or refuse it, now or later.
		 * @param request the request
		 */
		void opened(Request request);

	}

	/**
	 * A pipe opened towards this node, waiting for an answer.
	 */
	interface Request {

		String pipeId();

		/**
		 * The node that opened it.
		 * @return its node id
		 */
		String fromNode();

		String greeting();

		/**
		 * Accept the pipe.
		 * @param receiver gets the other end's frames
		 * @return this node's end
		 */
		PipeEnd accept(PipeEnd.Receiver receiver);

		/**
		 * Refuse the pipe; the opener's {@link Opening} carries the reason.
		 * @param reason a short reason, such as {@code full}
		 */
		void refuse(String reason);

	}

	/**
	 * The answer to {@link #open}.
	 *
	 * @param end the opener's end when accepted, else {@code null}
	 * @param refusal the reason when refused ({@link #GONE} when the other node did not
	 * answer), else {@code null}
	 */
	record Opening(@Nullable PipeEnd end, @Nullable String refusal) {

	}

}
