package dev.junction.config;

import java.util.ArrayList;
import java.util.List;

import dev.junction.security.AuthPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every protocol.
 */
public class ProtocolProperties {

	/** Whether the protocol is served. */
	private boolean enabled = true;

	/**
	 * Whether a token is required, optional or ignored.
	 */
	private AuthPolicy auth = AuthPolicy.REQUIRED;

	/**
	 * Largest accepted frame for this protocol; defaults to
	 * junction.limits.max-frame-size.
	 */
	private @Nullable DataSize maxFrameSize;

	/**
	 * Path patterns the protocol is served on instead of its defaults (rooms, signaling
	 * and topics; the pairs and tunnel paths carry ids and stay fixed).
	 */
	private List<String> paths = new ArrayList<>();

	public List<String> getPaths() {
		return this.paths;
	}

	public void setPaths(List<String> paths) {
		this.paths = paths;
	}

	/**
	 * The configured paths, or the protocol's defaults when none are configured.
	 * @param defaults the protocol's own paths
	 * @return the paths to serve
	 */
	public List<String> pathsOr(List<String> defaults) {
		return this.paths.isEmpty() ? defaults : List.copyOf(this.paths);
	}

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

}
