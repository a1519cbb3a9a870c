package dev.junction.protocol.tunnel;

import java.time.Duration;

import dev.junction.protocol.ProtocolSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The tunnel protocol's settings, under {@code junction.protocols.tunnel}. Its frame
 * limit defaults to 16 MiB.
 */
@ConfigurationProperties("junction.protocols.tunnel")
public class TunnelProperties extends ProtocolSettings {

	/** Bytes a first party may send before its peer arrives (1013 above). */
	private DataSize bufferSize = DataSize.ofMegabytes(1);

	/** How long a first party waits for its peer before it is closed 1000. */
	private Duration waitTimeout = Duration.ofMinutes(5);

	/** How long a connection without a handshake token has to send its auth frame. */
	private Duration authTimeout = Duration.ofSeconds(10);

	/** End a paired session after this long without a frame; unset means never. */
	private @Nullable Duration idleTimeout;

	public DataSize getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(DataSize bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	public void setWaitTimeout(Duration waitTimeout) {
		this.waitTimeout = waitTimeout;
	}

	public Duration getAuthTimeout() {
		return this.authTimeout;
	}

	public void setAuthTimeout(Duration authTimeout) {
		this.authTimeout = authTimeout;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

}
