package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and one server certificate it signed, for {@code localhost} and
 * {@code 127.0.0.1}, made with the JDK's keytool at stack start: the secured stack's Kafka, Redis and
 * registry all present the server certificate, and clients trust the authority through
 * {@link #trustStore()}. Valid for two days; nothing outside the stack's scratch directory trusts it.
 *
 * @param trustStore PKCS12 store holding the authority's certificate only, for clients
 * @param trustStorePassword its password
 * @param keyStore PKCS12 store with the server's key and certificate chain, for Kafka and the registry
 * @param keyStorePassword its password (also the key's)
 * @param caPem the authority's certificate in PEM, for Redis
 * @param serverCertPem the server certificate in PEM, for Redis
 * @param serverKeyPem the server's private key in PEM (PKCS#8), for Redis
 */
public record StackCertificates(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword,
    Path caPem, Path serverCertPem, Path serverKeyPem) {

  private static final String SERVER_ALIAS = "server";

  /** Makes the authority and the server certificate in {@code dir}. */
  public static StackCertificates generate(Path dir) {
    try {
      Files.createDirectories(dir);
      String password = randomPassword();
      Path ca = dir.resolve("ca.p12");
      Path server = dir.resolve("server.p12");
      Path trust = dir.resolve("truststore.p12");
      Path caPem = dir.resolve("ca.crt");
      Path csr = dir.resolve("server.csr");
      Path serverPem = dir.resolve("server.crt");
      keytool(dir, "-genkeypair", "-keystore", ca, "-storetype", "PKCS12", "-storepass", password, "-alias", "ca",
          "-dname", "CN=customer-pulse local stack CA", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
          "-ext", "bc:c");
      keytool(dir, "-exportcert", "-keystore", ca, "-storepass", password, "-alias", "ca", "-rfc", "-file", caPem);
      keytool(dir, "-genkeypair", "-keystore", server, "-storetype", "PKCS12", "-storepass", password,
          "-alias", SERVER_ALIAS, "-dname", "CN=localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2");
      keytool(dir, "-certreq", "-keystore", server, "-storepass", password, "-alias", SERVER_ALIAS, "-file", csr);
      keytool(dir, "-gencert", "-keystore", ca, "-storepass", password, "-alias", "ca", "-infile", csr,
          "-outfile", serverPem, "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1");
      // The signed certificate replaces the self-signed one; keytool needs the authority to build the chain.
      keytool(dir, "-importcert", "-keystore", server, "-storepass", password, "-alias", "ca", "-file", caPem,
          "-noprompt");
      keytool(dir, "-importcert", "-keystore", server, "-storepass", password, "-alias", SERVER_ALIAS,
          "-file", serverPem, "-noprompt");
      keytool(dir, "-importcert", "-keystore", trust, "-storetype", "PKCS12", "-storepass", password, "-alias", "ca",
          "-file", caPem, "-noprompt");
      Path keyPem = dir.resolve("server.key");
      Files.writeString(keyPem, pem("PRIVATE KEY", privateKey(server, password).getEncoded()));
      return new StackCertificates(trust, password, server, password, caPem, serverPem, keyPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stack's certificates in " + dir, e);
    }
  }

  private static PrivateKey privateKey(Path keyStore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      return (PrivateKey) store.getKey(SERVER_ALIAS, password.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the server key keytool made in " + keyStore, e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void keytool(Path dir, Object... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    for (Object argument : arguments) {
      command.add(argument.toString());
    }
    Path log = dir.resolve("keytool.log");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + arguments[0] + " did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        // The log holds keytool's own message; the command line holds the store password, so it is not repeated.
        throw new IllegalStateException("keytool " + arguments[0] + " failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  /** A random password for the stack's stores and users. */
  static String randomPassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
