package dev.customerpulse.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBackCacheTest {
  private final List<String> writes = new ArrayList<>();
  private final WriteBackCache.Writer<String> writer = (key, value) -> writes.add(key + "=" + value);

  @Test
  void changesAreWrittenOnlyAtFlushAndOnlyOnce() throws Exception {
    WriteBackCache<String> cache = new WriteBackCache<>(10);
    cache.loaded("a", "1", writer);
    cache.put("a", "2", writer);
    cache.put("a", "3", writer);
    cache.put("b", "x", writer);
    assertThat(writes).isEmpty();
    assertThat(cache.dirty()).isEqualTo(2);

    cache.flush(writer);
    cache.flush(writer);
    assertThat(writes).containsExactly("a=3", "b=x");
    assertThat(cache.get("a")).isEqualTo("3");
    assertThat(cache.dirty()).isZero();
  }

  @Test
  void theLeastRecentlyUsedKeyIsEvictedAndWrittenIfChanged() throws Exception {
    WriteBackCache<String> cache = new WriteBackCache<>(2);
    cache.put("a", "1", writer);
    cache.loaded("b", "2", writer);
    cache.get("a");
    cache.loaded("c", "3", writer);
    assertThat(writes).as("b was used least recently, and unchanged").isEmpty();
    assertThat(cache.contains("b")).isFalse();
    cache.put("d", "4", writer);
    assertThat(writes).as("a changed").containsExactly("a=1");
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aDeletionIsCachedAsAbsentAndWrittenAsNull() throws Exception {
    WriteBackCache<String> cache = new WriteBackCache<>(4);
    cache.loaded("a", "1", writer);
    cache.put("a", null, writer);
    assertThat(cache.contains("a")).isTrue();
    assertThat(cache.get("a")).isNull();
    cache.flush(writer);
    assertThat(writes).containsExactly("a=null");
  }

  @Test
  void clearForgetsWithoutWriting() throws Exception {
    WriteBackCache<String> cache = new WriteBackCache<>(4);
    cache.put("a", "1", writer);
    cache.clear();
    cache.flush(writer);
    assertThat(writes).isEmpty();
    assertThat(cache.contains("a")).isFalse();
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new WriteBackCache<String>(0)).hasMessage("capacity must be at least 1, not 0");
  }
}
