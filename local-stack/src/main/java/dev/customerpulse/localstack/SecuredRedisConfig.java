package dev.customerpulse.localstack;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/** The secured Redis server's TLS and ACL configuration, and the rules of a job's ACL user. */
final class SecuredRedisConfig {
  private SecuredRedisConfig() {}

  /** redis.conf lines: TLS with the stack's server certificate, the default user off, the admin on. */
  static String serverConfig(StackSecurity security) {
    StackCertificates certs = security.certificates();
    return String.join("\n",
        "tls-cert-file " + certs.serverCertPem(),
        "tls-key-file " + certs.serverKeyPem(),
        "tls-ca-cert-file " + certs.caPem(),
        // Clients prove who they are with an ACL user and password, not with a certificate.
        "tls-auth-clients no",
        // Without this, any connection would be the default user with every right and no password.
        "user default off",
        "user " + security.adminUser() + " on >" + security.adminPassword() + " ~* &* +@all",
        "");
  }

  /** ACL SETUSER rules of a job user: its own keys, no pub/sub channels, no dangerous commands but two. */
  static String[] jobUserRules(String password, String keyPrefix) {
    return new String[] {"reset", "on", ">" + password, "~" + keyPrefix + ":*", "resetchannels", "+@all", "-@dangerous",
        "+info", "+client|setname"};
  }

  /** A TLS connection as the stack's admin. */
  static Jedis adminConnection(int port, StackSecurity security) {
    StackCertificates certs = security.certificates();
    DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
        .sslOptions(SslOptions.builder().truststore(certs.trustStore().toFile(), certs.trustStorePassword().toCharArray())
            .trustStoreType("PKCS12").sslVerifyMode(SslVerifyMode.FULL).build())
        .user(security.adminUser()).password(security.adminPassword()).timeoutMillis(5_000).build();
    return new Jedis(new HostAndPort("127.0.0.1", port), config);
  }
}
