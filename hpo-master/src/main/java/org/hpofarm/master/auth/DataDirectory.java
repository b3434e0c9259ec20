package org.hpofarm.master.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The master's data directory (admin token, H2 database, cluster secret, checkpoints of the
 * in-process agent): its owner's only. Created with mode 700, and tightened to 700 with every file
 * directly in it 600 when it already exists, so that the files the database creates later are
 * unreachable to other users whatever their own mode.
 */
public final class DataDirectory {

  /** The attribute of an owner-only file (mode 600). */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataDirectory() {}

  /** Creates {@code dir} (and its parents) or tightens it as above. */
  public static void create(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return;
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.setPosixFilePermissions(f, FILE);
        }
      }
    }
  }
}
