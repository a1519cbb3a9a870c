package dev.junction.protocol.pairs;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The four kinds of pairs client, one socket of each per session. Desktop, CLI and
 * dashboard are the desktop side; the mobile is the other side.
 */
enum ClientType {

	DESKTOP("desktop"), MOBILE("mobile"), CLI("CLI"), DASHBOARD("dashboard");

	/** Audience tag of the desktop side in the session's group. */
	static final String DESKTOP_SIDE = "desktop-side";

	/** Audience tag of the mobile in the session's group. */
	static final String MOBILE_SIDE = "mobile";

	private final String displayName;

	ClientType(String displayName) {
		this.displayName = displayName;
	}

	/** The path segment and the {@code clientType} of {@code connected}. */
	String pathName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** How the replacement close reason names it ({@code New CLI connection}). */
	String displayName() {
		return this.displayName;
	}

	boolean isDesktopSide() {
		return this != MOBILE;
	}

	String side() {
		return isDesktopSide() ? DESKTOP_SIDE : MOBILE_SIDE;
	}

	static @Nullable ClientType fromPath(String segment) {
		for (ClientType type : values()) {
			if (type.pathName().equals(segment)) {
				return type;
			}
		}
		return null;
	}

}
