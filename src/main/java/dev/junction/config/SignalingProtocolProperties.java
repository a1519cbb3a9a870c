package dev.junction.config;

/**
 * The signaling protocol's settings under {@code junction.protocols.signaling.}: the
 * shared ones and the anonymous sign-in switch.
 */
public class SignalingProtocolProperties extends ProtocolProperties {

	/** Whether POST /anonymous-signin mints short-lived tokens for anyone. */
	private boolean anonymousSignin;

	public boolean isAnonymousSignin() {
		return this.anonymousSignin;
	}

	public void setAnonymousSignin(boolean anonymousSignin) {
		this.anonymousSignin = anonymousSignin;
	}

}
