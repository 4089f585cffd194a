package org.asyncio4j.streams;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.asyncio4j.Asyncio;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, made once per test JVM, and the SSL contexts that use it.
 *
 * <p>Made with the {@code keytool} of the JDK that runs the tests ({@code java.home}/bin), into a temporary
 * directory deleted afterwards: the JDK has no public API to create certificates, keytool has the same options on
 * JDK 17 and 25, and a child process is simpler to trust than a hand-written DER encoder. An EC P-256 key, because
 * generating it takes milliseconds where RSA takes up to a second. The subject alternative names cover both the
 * name and the address, so a client that checks host names (as {@link Asyncio#openConnection(String, int,
 * SSLContext)} does) accepts it for "127.0.0.1" and for "localhost".
 *
 * <p>Thread-safe: the contexts are made once, in the class initializer.
 */
final class TestCertificates {
    private static final char[] PASSWORD = "test-only".toCharArray();
    /** The server's context: its key and certificate. */
    public static final SSLContext SERVER;
    /** A client context that trusts exactly the test certificate. */
    public static final SSLContext TRUSTING_CLIENT;
    /** A client context with the JDK's default trust store, which does not hold the test certificate. */
    public static final SSLContext DEFAULT_CLIENT;

    static {
        try {
            KeyStore keys = generate();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SERVER = SSLContext.getInstance("TLS");
            SERVER.init(kmf.getKeyManagers(), null, null);

            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("server", keys.getCertificate("server"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            TRUSTING_CLIENT = SSLContext.getInstance("TLS");
            TRUSTING_CLIENT.init(null, tmf.getTrustManagers(), null);

            DEFAULT_CLIENT = SSLContext.getInstance("TLS");
            DEFAULT_CLIENT.init(null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    private TestCertificates() {
    }

    private static KeyStore generate() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("asyncio4j-tls");
        Path store = dir.resolve("server.p12");
        Path log = dir.resolve("keytool.log");
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin",
                    isWindows() ? "keytool.exe" : "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 seconds");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            return ks;
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
