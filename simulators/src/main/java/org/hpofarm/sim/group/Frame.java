package org.hpofarm.sim.group;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * One message between the ranks of a worker group: a kind, the optimiser step it belongs to, and a
 * vector of floats.
 *
 * @param kind what the message is
 * @param step the step (or, for {@link Kind#HELLO}, the sender's rank)
 * @param payload the values
 */
public record Frame(Kind kind, long step, float[] payload) {

  /*
   * On the wire, big-endian header then little-endian payload:
   *   magic "HPOG" (4 bytes) | kind (1 byte) | step (8 bytes) | length in floats (4 bytes)
   *   | payload (4 × length bytes, float32 little-endian) | CRC32 of the payload bytes (4 bytes)
   * A frame is 21 + 4 × length bytes. A wrong magic, an unknown kind, a length out of range, a CRC
   * that does not match or a stream that ends inside a frame is an IOException naming which.
   */

  /** The first four bytes of every frame. */
  static final int MAGIC = 0x48504F47; // "HPOG"

  /** Bytes of a frame besides its payload. */
  public static final int OVERHEAD = 4 + 1 + 8 + 4 + 4;

  /** The largest payload a frame may carry, in floats (1 GiB). */
  static final int MAX_LENGTH = 1 << 28;

  /** What a frame carries. */
  public enum Kind {
    /** A rank introduces itself to the hub: step is its rank, no payload. */
    HELLO,
    /** A rank's vector, to the hub. */
    VALUES,
    /** The hub's mean of every rank's vector, to each rank. */
    MEAN,
    /** Every rank's vector end to end, from the hub to each rank. */
    ALL
  }

  public Frame {
    if (payload.length > MAX_LENGTH) {
      throw new IllegalArgumentException("frame: payload of " + payload.length + " floats");
    }
  }

  /** Size of this frame on the wire, in bytes. */
  public long bytes() {
    return OVERHEAD + 4L * payload.length;
  }

  /** Writes the frame (the caller flushes). */
  public void write(DataOutputStream out) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(4 * payload.length).order(ByteOrder.LITTLE_ENDIAN);
    body.asFloatBuffer().put(payload);
    CRC32 crc = new CRC32();
    crc.update(body.array());
    out.writeInt(MAGIC);
    out.writeByte(kind.ordinal());
    out.writeLong(step);
    out.writeInt(payload.length);
    out.write(body.array());
    out.writeInt((int) crc.getValue());
  }

  /** Reads one frame, checking its magic, kind, length and CRC. */
  public static Frame read(DataInputStream in) throws IOException {
    try {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IOException(String.format("frame: bad magic 0x%08x, expected HPOG", magic));
      }
      int k = in.readUnsignedByte();
      if (k >= Kind.values().length) {
        throw new IOException("frame: unknown kind " + k);
      }
      long step = in.readLong();
      int length = in.readInt();
      if (length < 0 || length > MAX_LENGTH) {
        throw new IOException("frame: bad length " + length + " floats");
      }
      byte[] body = new byte[4 * length];
      in.readFully(body);
      int expected = in.readInt();
      CRC32 crc = new CRC32();
      crc.update(body);
      if ((int) crc.getValue() != expected) {
        throw new IOException(
            String.format(
                "frame: CRC32 mismatch at step %d (got 0x%08x, computed 0x%08x)",
                step, expected, (int) crc.getValue()));
      }
      float[] payload = new float[length];
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(payload);
      return new Frame(Kind.values()[k], step, payload);
    } catch (EOFException e) {
      throw new IOException("frame: truncated (the stream ended inside a frame)", e);
    }
  }
}
