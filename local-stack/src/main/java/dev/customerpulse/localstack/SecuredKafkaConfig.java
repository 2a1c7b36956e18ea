package dev.customerpulse.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The secured broker's configuration and its users. Clients connect with SASL_SSL and SCRAM-SHA-512;
 * the controller listener takes only TLS clients holding the stack's server key (the broker itself,
 * principal {@code User:CN=localhost}); every request is authorized by ACL, and a principal without an
 * ACL may do nothing. The admin user is a super user, bootstrapped into the metadata when the storage is
 * formatted (SCRAM users live in the KRaft metadata, which does not exist before).
 */
final class SecuredKafkaConfig {
  private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

  private SecuredKafkaConfig() {}

  /** {@code plaintext} (the plaintext broker's server.properties) with the listeners and security replaced. */
  static String serverProperties(String plaintext, int port, StackSecurity security) {
    StackCertificates certs = security.certificates();
    Map<String, String> secured = new LinkedHashMap<>();
    secured.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://" + controllerAddress(plaintext));
    secured.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    secured.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
    secured.put("inter.broker.listener.name", "SASL_SSL");
    secured.put("sasl.enabled.mechanisms", StackSecurity.KAFKA_SASL_MECHANISM);
    secured.put("sasl.mechanism.inter.broker.protocol", StackSecurity.KAFKA_SASL_MECHANISM);
    secured.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM_LOGIN + " required username=\""
        + security.adminUser() + "\" password=\"" + security.adminPassword() + "\";");
    secured.put("ssl.keystore.location", certs.keyStore().toString());
    secured.put("ssl.keystore.type", "PKCS12");
    secured.put("ssl.keystore.password", certs.keyStorePassword());
    secured.put("ssl.key.password", certs.keyStorePassword());
    secured.put("ssl.truststore.location", certs.trustStore().toString());
    secured.put("ssl.truststore.type", "PKCS12");
    secured.put("ssl.truststore.password", certs.trustStorePassword());
    // The broker reaches its controller over TLS with its own certificate; nobody else holds that key.
    secured.put("listener.name.controller.ssl.client.auth", "required");
    secured.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    secured.put("super.users", "User:" + security.adminUser() + ";User:CN=localhost");
    secured.put("allow.everyone.if.no.acl.found", "false");
    StringBuilder out = new StringBuilder();
    for (String line : plaintext.split("\n")) {
      String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : line;
      if (!secured.containsKey(key)) {
        out.append(line).append('\n');
      }
    }
    secured.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
    return out.toString();
  }

  /** Storage-format arguments that create the admin's SCRAM credential. */
  static List<String> bootstrapAdmin(StackSecurity security) {
    return List.of("--add-scram", StackSecurity.KAFKA_SASL_MECHANISM + "=[name=" + security.adminUser()
        + ",password=" + security.adminPassword() + "]");
  }

  /** See {@link KafkaBroker#allowJob}. */
  static void allowJob(Admin admin, String user, String password, Collection<String> readTopics,
      Collection<String> writeTopics, String groupPrefix, String transactionalIdPrefix) {
    String principal = "User:" + user;
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : readTopics) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : writeTopics) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    acls.add(allow(principal, ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, transactionalIdPrefix, PatternType.PREFIXED, AclOperation.WRITE));
    // READ and WRITE imply DESCRIBE of the same resource; nothing here allows creating, altering or deleting.
    try {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka user " + user, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create Kafka user " + user + " and its ACLs: " + e.getMessage(), e);
    }
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  /** The controller's host:port from the plaintext listeners line. */
  private static String controllerAddress(String plaintext) {
    for (String line : plaintext.split("\n")) {
      if (line.startsWith("listeners=")) {
        return line.substring(line.indexOf("CONTROLLER://") + "CONTROLLER://".length());
      }
    }
    throw new IllegalStateException("no listeners line in the broker configuration");
  }
}
