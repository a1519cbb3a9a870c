package dev.junction.config;

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
	 * Whether a token is required, optional or ignored (enforced from the security
	 * release on).
	 */
	private AuthPolicy auth = AuthPolicy.REQUIRED;

	/**
	 * Largest accepted frame for this protocol; defaults to
	 * junction.limits.max-frame-size.
	 */
	private @Nullable DataSize maxFrameSize;

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
