package dev.customerpulse.cli;

import dev.customerpulse.avro.SegmentRule;
import dev.customerpulse.avro.SegmentRuleMode;
import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.Topics;
import dev.customerpulse.rules.RuleCompiler;
import dev.customerpulse.rules.RuleException;
import dev.customerpulse.rules.RuleRecords;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
    subcommands = {RulesCommand.Check.class, RulesCommand.Publish.class, RulesCommand.ListRules.class,
        RulesCommand.Remove.class, RulesCommand.Status.class},
    description = {"Runtime segment rules: CEL expressions over the profile fields, in force without a restart.", "",
        "A rule NAME puts the customers who match it in segment rule:NAME. 'publish' checks the expression, then",
        "writes the next version to the segment-rules topic; the job evaluates it against every customer and",
        "reports on the segment-rule-status topic ('status')."})
final class RulesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "check", mixinStandardHelpOptions = true, description = "Checks an expression without publishing it.")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPRESSION", description = "CEL expression of type bool, e.g. 'orders >= 3'.")
    String expression;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      compile("check", expression);
      spec.commandLine().getOut().println("valid");
      return 0;
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Checks a rule, then publishes it as the next version of NAME (live, or --shadow).")
  static final class Publish implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Rule name: a-z, 0-9, '_', '-'; its segment is rule:NAME.")
    String name;

    @Parameters(index = "1", paramLabel = "EXPRESSION", description = "CEL expression of type bool, e.g. 'orders >= 3'.")
    String expression;

    @Option(names = "--shadow", description = "Only report how many customers would enter and leave; change nothing.")
    boolean shadow;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "What the segment is for.")
    String description;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      compile(name, expression);
      Configuration conf = connection.configuration();
      Topics topics = ConnectionOptions.topics(conf);
      KafkaSettings kafka = ConnectionOptions.kafka(conf);
      RegistrySettings registry = ConnectionOptions.registry(conf);
      Published current = published(kafka, registry, topics.segmentRules());
      long version = current.versions.getOrDefault(name, 0L) + 1;
      SegmentRule rule = new SegmentRule(name, expression, version, shadow ? SegmentRuleMode.SHADOW : SegmentRuleMode.LIVE,
          description, Instant.now());
      byte[] value = RegistryAvroSerializationSchema.forSpecific(SegmentRule.class,
          ConfluentSchemaCoderProvider.forWritingTo(registry, topics.segmentRules())).serialize(rule);
      OneRecord.send(kafka, "pulse-rules", topics.segmentRules(), RuleRecords.key(name, shadow), value);
      spec.commandLine().getOut().printf("published rule:%s v%d (%s): %s%n  see 'pulse rules status %s'%n", name, version,
          rule.getMode(), expression, name);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the rules on the segment-rules topic.")
  static final class ListRules implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      Configuration conf = connection.configuration();
      Topics topics = ConnectionOptions.topics(conf);
      Published current = published(ConnectionOptions.kafka(conf), ConnectionOptions.registry(conf), topics.segmentRules());
      PrintWriter out = spec.commandLine().getOut();
      if (!current.unreadableKeys.isEmpty()) {
        spec.commandLine().getErr().println("skipped " + current.unreadableKeys.size() + " unreadable record(s) with key(s) "
            + String.join(", ", current.unreadableKeys));
      }
      if (current.rules.isEmpty()) {
        out.println("No rules on " + topics.segmentRules() + " (publish one with 'pulse rules publish NAME EXPRESSION')");
        return 1;
      }
      for (SegmentRule rule : current.rules.values()) {
        out.printf(Locale.ROOT, "%-20s v%-4d %-6s %s%s%n", rule.getName(), rule.getVersion(), rule.getMode(),
            rule.getExpression(), rule.getDescription().isEmpty() ? "" : "  # " + rule.getDescription());
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Removes a rule: its members leave rule:NAME (a tombstone on the compacted topic).")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      Configuration conf = connection.configuration();
      Topics topics = ConnectionOptions.topics(conf);
      KafkaSettings kafka = ConnectionOptions.kafka(conf);
      Published current = published(kafka, ConnectionOptions.registry(conf), topics.segmentRules());
      if (!current.rules.containsKey(name)) {
        throw new ConfigException("no rule '" + name + "' on " + topics.segmentRules() + "; 'pulse rules list' shows them");
      }
      OneRecord.send(kafka, "pulse-rules", topics.segmentRules(), name, null);
      spec.commandLine().getOut().println("removed rule:" + name);
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "What the job did with each rule's latest version, its counts added up over the job's instances.")
  static final class Status implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this rule.")
    String name;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      Configuration conf = connection.configuration();
      Topics topics = ConnectionOptions.topics(conf);
      ConfluentAvroDecoder<SegmentRuleStatus> decoder = new ConfluentAvroDecoder<>(SegmentRuleStatus.class,
          ConnectionOptions.registry(conf));
      Map<String, RuleReport> reports = new TreeMap<>();
      try {
        CommittedTopics.replay(ConnectionOptions.kafka(conf), topics.segmentRuleStatus(), record -> {
          SegmentRuleStatus status = decoder.decode(record.value());
          if (name == null || name.equals(status.getName())) {
            reports.computeIfAbsent(status.getName(), n -> new RuleReport()).add(status);
          }
        });
      } catch (ConfigException e) {
        throw e;
      } catch (Exception e) {
        throw new ConfigException("cannot read " + topics.segmentRuleStatus() + ": " + Preflight.rootMessage(e));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (reports.isEmpty()) {
        out.println("No status yet" + (name == null ? "" : " for rule " + name) + " on " + topics.segmentRuleStatus()
            + " (is the job running?)");
        return 1;
      }
      reports.forEach((rule, report) -> out.println(report.line()));
      return 0;
    }
  }

  /** The reports on one rule's latest reported version, added up over the job's instances. */
  static final class RuleReport {
    SegmentRuleStatus latest;
    long version = -1;
    SegmentRuleState state;
    String reason;
    long customers;
    long members;
    long entered;
    long exited;
    long errors;
    int reported;
    int subtasks;

    void add(SegmentRuleStatus status) {
      if (status.getVersion() != version || status.getStatus() != state) {
        // A newer version (or a new outcome of it, e.g. REMOVED): start adding up again.
        version = status.getVersion();
        state = status.getStatus();
        customers = members = entered = exited = errors = 0;
        reported = 0;
      }
      latest = status;
      reason = status.getReason();
      customers += status.getCustomers();
      members += status.getMembers();
      entered += status.getEntered();
      exited += status.getExited();
      errors += status.getErrors();
      reported++;
      subtasks = state == SegmentRuleState.REJECTED ? 1 : status.getSubtasks();
    }

    String line() {
      String head = String.format(Locale.ROOT, "%s v%d %s", latest.getName(), version, state);
      if (state == SegmentRuleState.REJECTED) {
        return head + ": " + reason;
      }
      String counts = state == SegmentRuleState.SHADOW
          ? String.format(Locale.ROOT, "would match %,d of %,d customers: %,d would enter, %,d would leave", members, customers,
              entered, exited)
          : String.format(Locale.ROOT, "%,d of %,d customers, %,d entered, %,d left", members, customers, entered, exited);
      return head + ": " + counts + (errors == 0 ? "" : String.format(Locale.ROOT, ", %,d failed to evaluate", errors))
          + (reported < subtasks ? " (" + reported + " of " + subtasks + " instances reported so far)" : "");
    }
  }

  /** The latest record of each rule on the compacted topic, and the highest version each name ever had. */
  private record Published(Map<String, SegmentRule> rules, Map<String, Long> versions, List<String> unreadableKeys) {}

  private static Published published(KafkaSettings kafka, RegistrySettings registry, String topic) {
    ConfluentAvroDecoder<SegmentRule> decoder = new ConfluentAvroDecoder<>(SegmentRule.class, registry);
    Map<String, SegmentRule> rules = new TreeMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    List<String> unreadable = new java.util.ArrayList<>();
    try {
      CommittedTopics.replay(kafka, topic, record -> {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
          rules.remove(key);
          return;
        }
        // Shadow versions (under <name>/shadow) count for the next version number, but are not in force.
        SegmentRule rule;
        try {
          rule = decoder.decode(record.value());
        } catch (Exception e) {
          // Not written by this CLI; the job refused it too (see 'pulse rules status').
          unreadable.add(key);
          return;
        }
        versions.merge(rule.getName(), rule.getVersion(), Math::max);
        if (rule.getMode() == SegmentRuleMode.LIVE) {
          rules.put(rule.getName(), rule);
        }
      });
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + "; create it with 'pulse topics create'");
    } catch (Exception e) {
      throw new ConfigException("cannot read " + topic + ": " + Preflight.rootMessage(e));
    }
    return new Published(rules, versions, unreadable);
  }


  /** Checks a rule as the job will, or throws a one-line {@link ConfigException}. */
  private static void compile(String name, String expression) {
    try {
      new RuleCompiler().compile(name, expression);
    } catch (RuleException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
