package org.hpofarm.master.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin token file {@code <data-dir>/admin.token}: created on first start, readable by its
 * owner only (mode 600), and registered (hashed) in the token store on every start.
 */
public final class AdminToken {

  public static final String FILE = "admin.token";

  private AdminToken() {}

  /** Reads the admin token of {@code dataDir}, creating it on first start; returns its path. */
  public static Path ensure(Path dataDir, Tokens tokens) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        String secret = tokens.issue("admin", true, 0);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
          return file;
        } catch (FileAlreadyExistsException raced) {
          // another member on the same data directory won; use its token
        }
      }
      tokens.register(Files.readString(file, StandardCharsets.UTF_8).strip(), "admin", true, 0);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("data: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
