package dev.junction.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, written as PEM
 * files for a Spring SSL bundle, and a client context that trusts it.
 *
 * @param certificate the certificate
 * @param certificateFile its PEM file
 * @param keyFile the private key's PEM file
 */
public record TestCertificates(X509Certificate certificate, Path certificateFile, Path keyFile) {

	/**
	 * Make a key pair and its certificate, and write both into a folder.
	 * @param dir the folder
	 * @param rsa an RSA key (2048 bits) rather than an EC one (P-256)
	 * @return the certificate and its files
	 */
	public static TestCertificates write(Path dir, boolean rsa) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
		generator.initialize(rsa ? 2048 : 256);
		KeyPair keys = generator.generateKeyPair();
		X500Name name = new X500Name("CN=localhost");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
				Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder
			.build(new JcaContentSignerBuilder(rsa ? "SHA256withRSA" : "SHA256withECDSA").build(keys.getPrivate())));
		Path certificateFile = dir.resolve("tls.crt");
		Path keyFile = dir.resolve("tls.key");
		Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
		Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		return new TestCertificates(certificate, certificateFile, keyFile);
	}

	/**
	 * The arguments that make Junction serve {@code wss} with this certificate, as the
	 * TLS example of docs/security.md does.
	 * @return the command-line arguments
	 */
	public List<String> bundleArguments() {
		return List.of("--server.ssl.bundle=junction",
				"--spring.ssl.bundle.pem.junction.keystore.certificate=file:" + this.certificateFile,
				"--spring.ssl.bundle.pem.junction.keystore.private-key=file:" + this.keyFile);
	}

	/**
	 * A client context that trusts this certificate only.
	 * @return the context
	 */
	public SSLContext trustingClient() throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("junction", this.certificate);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
