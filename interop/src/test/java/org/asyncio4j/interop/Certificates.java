package org.asyncio4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One self-signed certificate for "localhost" and 127.0.0.1, made once per test JVM, in the forms each side needs:
 * SSL contexts for the Java side, PEM files for openssl and CPython.
 *
 * <p>Made with the running JDK's {@code keytool} (the JDK has no public API to create certificates); an EC P-256
 * key, which takes milliseconds. The PEM files are written from the key store's own bytes (a certificate's DER, the
 * key's PKCS#8), which openssl and CPython's {@code ssl} read as they are.
 *
 * <p>Thread-safe: everything is made once, in the class initializer; the files live in a temporary folder deleted
 * when the JVM exits.
 */
final class Certificates {
    /** The name and address in the certificate; any other name must be refused by a client that checks. */
    static final String HOST = "127.0.0.1";
    static final String NAME = "localhost";
    private static final char[] PASSWORD = "interop-test-only".toCharArray();

    /** The server's context: its key and certificate. */
    static final SSLContext SERVER;
    /** A client context that trusts exactly the test certificate. */
    static final SSLContext CLIENT;
    /** The certificate, PEM: the CA file of openssl and CPython clients. */
    static final Path CERT_PEM;
    /** The private key, PKCS#8 PEM: for openssl s_server and CPython servers. */
    static final Path KEY_PEM;

    static {
        try {
            Path dir = Files.createTempDirectory("asyncio4j-interop");
            dir.toFile().deleteOnExit();
            KeyStore keys = generate(dir);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SERVER = SSLContext.getInstance("TLS");
            SERVER.init(kmf.getKeyManagers(), null, null);

            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", keys.getCertificate("server"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            CLIENT = SSLContext.getInstance("TLS");
            CLIENT.init(null, tmf.getTrustManagers(), null);

            CERT_PEM = writePem(dir.resolve("cert.pem"), "CERTIFICATE", keys.getCertificate("server").getEncoded());
            KEY_PEM = writePem(dir.resolve("key.pem"), "PRIVATE KEY",
                    ((PrivateKey) keys.getKey("server", PASSWORD)).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    private Certificates() {
    }

    private static KeyStore generate(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Path log = dir.resolve("keytool.log");
        store.toFile().deleteOnExit();
        log.toFile().deleteOnExit();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + NAME, "-ext", "SAN=dns:" + NAME + ",ip:" + HOST, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + Files.readString(log));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        file.toFile().deleteOnExit();
        return file;
    }
}
