package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The loops {@link PublishTiming} times: public API only, so that another class loader can load it anew. */
public final class PublishLoops implements PublishTiming.Variant {
  private static final byte[] HEADER = {0, 0, 0, 1, 7};
  private final CustomerProfileBinary binary = new CustomerProfileBinary();
  private final FieldValues values = new FieldValues(ProfileFields.NAMES.size());

  @Override
  public long encode(List<ProfileUpdate> updates, List<Scores> scores) {
    long length = 0;
    for (int i = 0; i < updates.size(); i++) {
      length += binary.encode(HEADER, updates.get(i), scores.get(i)).length;
    }
    return length;
  }

  @Override
  public long fill(List<ProfileUpdate> updates, List<Scores> scores) {
    long check = 0;
    for (int i = 0; i < updates.size(); i++) {
      ProfileUpdate update = updates.get(i);
      ProfileFields.fill(update.customerId, update.profile, scores.get(i), values);
      check += values.size();
    }
    return check;
  }

  @Override
  public List<String> outputs(List<ProfileUpdate> updates, List<Scores> scores) {
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      ProfileUpdate update = updates.get(i);
      ProfileFields.fill(update.customerId, update.profile, scores.get(i), values);
      Map<String, String> hash = new TreeMap<>();
      for (int field = 0; field < values.size(); field++) {
        hash.put(ProfileFields.NAMES.get(field), values.text(field));
      }
      outputs.add(Base64.getEncoder().encodeToString(binary.encode(HEADER, update, scores.get(i))) + " " + hash);
    }
    return outputs;
  }
}
