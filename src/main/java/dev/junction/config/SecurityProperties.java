package dev.junction.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may connect from where.
 */
public class SecurityProperties {

	/**
	 * Allowed browser origins; empty allows any (requests without Origin are always
	 * allowed).
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/** Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Whether every pairs and tunnel token must carry a sid claim naming its session.
	 */
	private boolean requireSessionClaim;

	public boolean isRequireSessionClaim() {
		return this.requireSessionClaim;
	}

	public void setRequireSessionClaim(boolean requireSessionClaim) {
		this.requireSessionClaim = requireSessionClaim;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

}
