package dev.junction.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM public keys ({@code PUBLIC KEY}) and certificates ({@code CERTIFICATE}), RSA
 * or EC.
 */
final class PemKeys {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private PemKeys() {
	}

	static List<PublicKey> parse(String pem) {
		List<PublicKey> keys = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
			try {
				keys.add(switch (matcher.group(1)) {
					case "PUBLIC KEY" -> publicKey(der);
					case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
						.generateCertificate(new java.io.ByteArrayInputStream(der))
						.getPublicKey();
					default -> throw new IllegalArgumentException(
							"Unsupported PEM block '" + matcher.group(1) + "'; use PUBLIC KEY or CERTIFICATE");
				});
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException("Invalid PEM public key: " + ex.getMessage(), ex);
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("No PEM public key found");
		}
		return keys;
	}

	private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
		X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
		try {
			return KeyFactory.getInstance("RSA").generatePublic(spec);
		}
		catch (GeneralSecurityException ex) {
			return KeyFactory.getInstance("EC").generatePublic(spec);
		}
	}

}
