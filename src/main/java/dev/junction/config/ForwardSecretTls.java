package dev.junction.config;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Junction's TLS defaults when it serves {@code wss} itself: TLS 1.3 and 1.2 only, and on
 * 1.2 only ECDHE key exchange with AEAD ciphers, so that every session is forward-secret
 * (no static RSA key exchange, no CBC). A bundle that names its own ciphers or protocols
 * ({@code spring.ssl.bundle.pem.<name>.options.*}) keeps them, as does
 * {@code server.ssl.ciphers} without a bundle.
 */
final class ForwardSecretTls implements SslBundles {

	/** TLS 1.3 and 1.2. */
	static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	/** The TLS 1.3 suites, then the ECDHE AEAD suites of TLS 1.2, strongest first. */
	static final List<String> CIPHERS = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

	private final SslBundles bundles;

	ForwardSecretTls(SslBundles bundles) {
		this.bundles = bundles;
	}

	@Override
	public SslBundle getBundle(String name) throws NoSuchSslBundleException {
		return withDefaults(this.bundles.getBundle(name));
	}

	@Override
	public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) throws NoSuchSslBundleException {
		this.bundles.addBundleUpdateHandler(name, (bundle) -> updateHandler.accept(withDefaults(bundle)));
	}

	@Override
	public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
		this.bundles.addBundleRegisterHandler((name, bundle) -> registerHandler.accept(name, withDefaults(bundle)));
	}

	@Override
	public List<String> getBundleNames() {
		return this.bundles.getBundleNames();
	}

	static SslBundle withDefaults(SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		String[] ciphers = (options.getCiphers() != null) ? options.getCiphers() : CIPHERS.toArray(String[]::new);
		String[] protocols = (options.getEnabledProtocols() != null) ? options.getEnabledProtocols()
				: PROTOCOLS.toArray(String[]::new);
		return SslBundle.of(bundle.getStores(), bundle.getKey(), SslOptions.of(ciphers, protocols),
				bundle.getProtocol(), bundle.getManagers());
	}

}
