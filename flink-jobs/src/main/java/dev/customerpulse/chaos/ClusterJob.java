package dev.customerpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The job on the cluster as its REST API reports it: state and restarts. */
final class ClusterJob {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String restUrl;

  ClusterJob(String restUrl) {
    this.restUrl = restUrl;
  }

  /** The state of the (only) job, e.g. RUNNING or RESTARTING; empty while none is submitted or the REST API is busy. */
  Optional<String> state() {
    return jobId().map(id -> get("/jobs/" + id)).map(job -> job.path("state").asText());
  }

  /** Whether every task of the job runs (a job is RUNNING as soon as it is scheduled, before its tasks are). */
  boolean allTasksRunning() {
    Optional<JsonNode> job = jobId().map(id -> get("/jobs/" + id));
    if (job.isEmpty() || job.get().isMissingNode() || !"RUNNING".equals(job.get().path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.get().path("vertices")) {
      if (!"RUNNING".equals(vertex.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Failovers so far: the failures in the job's exception history, each of which restarted the job or
   * the failed region of it (Flink's numRestarts counts only some of those), 0 before the job runs.
   */
  long failovers() {
    return jobId().map(id -> get("/jobs/" + id + "/exceptions?maxExceptions=1000"))
        .map(exceptions -> (long) exceptions.path("exceptionHistory").path("entries").size()).orElse(0L);
  }

  /** Checkpoints completed so far (in this attempt and before: the count survives restarts). */
  long completedCheckpoints() {
    return jobId().map(id -> get("/jobs/" + id + "/checkpoints"))
        .map(checkpoints -> checkpoints.path("counts").path("completed").asLong(0)).orElse(0L);
  }

  /** TaskManagers registered with the JobManager (a killed one counts until the JobManager notices). */
  int taskManagers() {
    return get("/overview").path("taskmanagers").asInt(-1);
  }

  private Optional<String> jobId() {
    JsonNode jobs = get("/jobs/overview").path("jobs");
    return jobs.size() == 0 ? Optional.empty() : Optional.of(jobs.get(0).path("jid").asText());
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
    } catch (IOException e) {
      return JSON.missingNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JSON.missingNode();
    }
  }
}
