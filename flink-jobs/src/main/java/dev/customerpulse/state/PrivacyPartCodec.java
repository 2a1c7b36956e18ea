package dev.customerpulse.state;

import dev.customerpulse.types.Utf8Strings;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The privacy part of a customer-state record (format 10 on): the aliases and the consent decisions,
 * after a flag byte. Times are relative to the record's base (first seen).
 */
final class PrivacyPartCodec {
  private PrivacyPartCodec() {}

  private static final int ALIASES = 1;
  private static final int CONSENTS = 2;

  /** One flag byte, zero for the usual customer, then only what is set. */
  static void write(CustomerState s, long base, DataOutputView out) throws IOException {
    int flags = (s.aliases.length > 0 ? ALIASES : 0) | (!s.consents.isEmpty() ? CONSENTS : 0);
    out.writeByte(flags);
    if (s.aliases.length > 0) {
      VarInts.writeUnsigned(s.aliases.length, out);
      for (String alias : s.aliases) {
        Utf8Strings.write(alias, out);
      }
    }
    if (!s.consents.isEmpty()) {
      Consents c = s.consents;
      VarInts.writeUnsigned(c.size(), out);
      for (int i = 0; i < c.size(); i++) {
        Utf8Strings.write(c.purpose(i), out);
        out.writeBoolean(c.grantedAt(i));
        VarInts.writeSigned(c.time(i) - base, out);
        Utf8Strings.write(c.source(i), out);
      }
    }
  }

  static void read(CustomerState s, long base, DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    if ((flags & ~(ALIASES | CONSENTS)) != 0) {
      throw new IOException("unknown privacy flags in a stored customer: " + Integer.toBinaryString(flags));
    }
    if ((flags & ALIASES) != 0) {
      String[] aliases = new String[(int) VarInts.readUnsigned(in)];
      for (int i = 0; i < aliases.length; i++) {
        aliases[i] = Utf8Strings.read(in);
      }
      s.aliases = aliases;
    }
    if ((flags & CONSENTS) != 0) {
      int n = (int) VarInts.readUnsigned(in);
      String[] purposes = new String[n];
      boolean[] granted = new boolean[n];
      long[] at = new long[n];
      String[] sources = new String[n];
      for (int i = 0; i < n; i++) {
        purposes[i] = Utf8Strings.readShared(in);
        granted[i] = in.readBoolean();
        at[i] = base + VarInts.readSigned(in);
        sources[i] = Utf8Strings.readShared(in);
      }
      s.consents = new Consents(purposes, granted, at, sources);
    }
  }
}
