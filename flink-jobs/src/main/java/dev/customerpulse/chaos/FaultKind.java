package dev.customerpulse.chaos;

/** The faults the injector knows, each one something a production cluster meets. */
public enum FaultKind {
  /** SIGKILL to a TaskManager, as a lost node or the OOM killer; a replacement starts, as Kubernetes would. */
  TASK_MANAGER_KILLED("TaskManager killed (SIGKILL), a replacement started"),
  /** Redis stopped and started again with its data (a restart of the pod with persistence). */
  REDIS_RESTARTED("Redis stopped, then restarted with its data"),
  /** Redis stopped and started again empty (a restart without persistence, a failover to an empty replica). */
  REDIS_RESTARTED_EMPTY("Redis stopped, then restarted empty"),
  /** SIGKILL to the Kafka broker, started again on the same log directories. */
  KAFKA_KILLED("Kafka broker killed (SIGKILL), then restarted"),
  /** The schema registry unreachable (connections refused and reset), then back. */
  REGISTRY_UNREACHABLE("schema registry unreachable, then back"),
  /** An exception thrown in the profile operator at whatever event comes next: the task fails over. */
  OPERATOR_CRASHED("an exception in the profile operator at its next event"),
  /** The checkpoint directory not writable for a while. */
  CHECKPOINT_STORAGE_FAILING("checkpoint storage refusing writes, then back");

  private final String description;

  FaultKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
