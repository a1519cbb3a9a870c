package dev.junction.security;

/**
 * Key configuration that the verifier cannot start with, with what the operator should
 * change: start-up failure analysis shows both instead of a stack trace.
 */
public class JwtKeyException extends IllegalStateException {

	private final String action;

	/**
	 * A key configuration problem.
	 * @param description what is wrong (the message)
	 * @param action what to change
	 */
	public JwtKeyException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * What the operator should change.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
