package org.hpofarm.sim.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format version 1.0) holding little-endian float32
 * arrays in C order, so that datasets open in Python with {@code numpy.load}.
 */
public final class Npy {

  /*
   * Format (numpy.lib.format): the magic "\x93NUMPY", major and minor version bytes (1, 0), a
   * little-endian uint16 header length, then an ASCII dict literal
   * {'descr': '<f4', 'fortran_order': False, 'shape': (N, V), } padded with spaces and ended by
   * '\n' so that magic + length + header is a multiple of 64 bytes; then the raw data.
   */

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * A float32 array with its shape.
   *
   * @param shape dimensions, C order
   * @param data the values, length = product of the shape
   */
  public record Array(int[] shape, float[] data) {
    public Array {
      long n = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("npy.shape: negative dimension " + d);
        }
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException(
            "npy.shape: " + Arrays.toString(shape) + " does not hold " + data.length + " values");
      }
    }
  }

  /** Writes a float32 array of the given shape. */
  public static void write(Path file, int[] shape, float[] data) throws IOException {
    new Array(shape, data);
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      dims.append(shape[i]).append(shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(MAGIC);
      out.write(1);
      out.write(0);
      int len = header.length();
      out.write(len & 0xff);
      out.write((len >>> 8) & 0xff);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : data) {
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(v);
      }
      out.write(buf.array(), 0, buf.position());
    }
  }

  /** Reads a little-endian float32, C-order array. */
  public static Array read(Path file) throws IOException {
    try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream in = new DataInputStream(raw)) {
      byte[] magic = new byte[6];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + ": not a .npy file");
      }
      int major = in.readUnsignedByte();
      in.readUnsignedByte();
      int len;
      if (major == 1) {
        len = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
      } else {
        byte[] four = new byte[4];
        in.readFully(four);
        len = ByteBuffer.wrap(four).order(ByteOrder.LITTLE_ENDIAN).getInt();
      }
      byte[] headerBytes = new byte[len];
      in.readFully(headerBytes);
      String header = new String(headerBytes, StandardCharsets.US_ASCII);
      if (!header.contains("'<f4'")) {
        throw new IOException(file + ": only little-endian float32 is supported: " + header);
      }
      if (header.contains("'fortran_order': True")) {
        throw new IOException(file + ": Fortran order is not supported");
      }
      Matcher m = SHAPE.matcher(header);
      if (!m.find()) {
        throw new IOException(file + ": no shape in header " + header);
      }
      int[] shape =
          Arrays.stream(m.group(1).split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .mapToInt(Integer::parseInt)
              .toArray();
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      float[] data = new float[Math.toIntExact(n)];
      byte[] chunk = new byte[1 << 16];
      int i = 0;
      while (i < data.length) {
        int want = Math.min(chunk.length, (data.length - i) * 4);
        in.readFully(chunk, 0, want);
        ByteBuffer.wrap(chunk, 0, want)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(data, i, want / 4);
        i += want / 4;
      }
      return new Array(shape, data);
    }
  }
}
