package org.hpofarm.master.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admin token file {@code <data-dir>/admin.token}: created on first start, readable by its
 * owner only (mode 600), and registered (hashed) in the token store on every start. Its id is kept
 * beside it ({@code admin.token.id}), so that a regenerated token (file deleted, master restarted)
 * or a replaced one revokes the one before.
 */
public final class AdminToken {

  public static final String FILE = "admin.token";
  private static final String ID_FILE = FILE + ".id";

  private AdminToken() {}

  /** Reads the admin token of {@code dataDir}, creating it on first start; returns its path. */
  public static Path ensure(Path dataDir, Tokens tokens) {
    Path file = dataDir.resolve(FILE);
    Path idFile = dataDir.resolve(ID_FILE);
    try {
      DataDirectory.create(dataDir);
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, DataDirectory.OWNER_ONLY_FILE);
          Files.writeString(file, Tokens.newSecret() + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another member on the same data directory won; use its token
        }
      }
      String id = tokens.registerAdmin(Files.readString(file, StandardCharsets.UTF_8).strip());
      if (Files.exists(idFile)) {
        String before = Files.readString(idFile, StandardCharsets.UTF_8).strip();
        if (!before.equals(id)) {
          tokens.revoke(before);
        }
      }
      if (!Files.exists(idFile)) {
        Files.createFile(idFile, DataDirectory.OWNER_ONLY_FILE);
      }
      Files.writeString(idFile, id + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("data: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
