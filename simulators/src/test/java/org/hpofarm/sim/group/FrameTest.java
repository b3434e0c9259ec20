package org.hpofarm.sim.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Frames: what is written is read back, and a damaged frame is refused saying why. */
class FrameTest {

  private static byte[] bytes(Frame f) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    f.write(out);
    out.flush();
    return buf.toByteArray();
  }

  private static Frame read(byte[] b) throws IOException {
    return Frame.read(new DataInputStream(new ByteArrayInputStream(b)));
  }

  private final Frame frame =
      new Frame(Frame.Kind.VALUES, 42, new float[] {1f, -2.5f, Float.MIN_VALUE, 3e38f, 0f});

  @Test
  void aFrameReadsBackAsWritten() throws IOException {
    byte[] b = bytes(frame);
    assertEquals(frame.bytes(), b.length);
    assertEquals(Frame.OVERHEAD + 4 * 5, b.length);
    assertEquals("HPOG", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    Frame back = read(b);
    assertEquals(Frame.Kind.VALUES, back.kind());
    assertEquals(42, back.step());
    assertArrayEquals(frame.payload(), back.payload());
  }

  @Test
  void thePayloadIsLittleEndianFloat32() throws IOException {
    byte[] b = bytes(new Frame(Frame.Kind.MEAN, 0, new float[] {1f}));
    int bits = Float.floatToIntBits(1f);
    assertArrayEquals(
        new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)},
        Arrays.copyOfRange(b, 17, 21));
  }

  @Test
  void aCorruptedPayloadFailsItsCrc() throws IOException {
    byte[] b = bytes(frame);
    b[20] ^= 0x10;
    IOException e = assertThrows(IOException.class, () -> read(b));
    assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
  }

  @Test
  void aTruncatedFrameIsRefused() throws IOException {
    byte[] b = bytes(frame);
    IOException e = assertThrows(IOException.class, () -> read(Arrays.copyOf(b, b.length - 6)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aBadMagicOrLengthIsRefusedNamingIt() throws IOException {
    byte[] b = bytes(frame);
    b[0] = 'X';
    assertTrue(assertThrows(IOException.class, () -> read(b)).getMessage().contains("bad magic"));
    byte[] c = bytes(frame);
    c[13] = (byte) 0xFF; // the length's first byte: negative
    assertTrue(assertThrows(IOException.class, () -> read(c)).getMessage().contains("bad length"));
  }
}
