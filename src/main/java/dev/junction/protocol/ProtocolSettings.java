package dev.junction.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.junction.security.AuthPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The settings every protocol has under {@code junction.protocols.<name>}; each
 * protocol's properties extend it with their own.
 */
public class ProtocolSettings {

	/** Whether the protocol is served. */
	private boolean enabled = true;

	/** Whether a token is required, optional or ignored. */
	private AuthPolicy auth = AuthPolicy.REQUIRED;

	/**
	 * Largest accepted frame; defaults to the protocol's own limit, else
	 * junction.limits.max-frame-size.
	 */
	private @Nullable DataSize maxFrameSize;

	/**
	 * Path patterns the protocol is served on instead of its defaults (rooms, signaling
	 * and topics; the pairs and tunnel paths carry ids and stay fixed).
	 */
	private List<String> paths = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public AuthPolicy getAuth() {
		return this.auth;
	}

	public void setAuth(AuthPolicy auth) {
		this.auth = auth;
	}

	public @Nullable DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(@Nullable DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public List<String> getPaths() {
		return this.paths;
	}

	public void setPaths(List<String> paths) {
		this.paths = paths;
	}

	/**
	 * A size in bytes as an {@code int}, capped at {@link Integer#MAX_VALUE}.
	 * @param size the size
	 * @return the byte count
	 */
	public static int toInt(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

}
