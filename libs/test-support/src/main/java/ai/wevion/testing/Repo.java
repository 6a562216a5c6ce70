package ai.wevion.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, from whichever module folder a test runs in (services at the top, libraries under libs/). */
public final class Repo {

    private static final Path ROOT = find();

    private Repo() {
    }

    /** A path relative to the repository's root, e.g. {@code docs/events}. */
    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/events")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository: no docs/events above " + Path.of("").toAbsolutePath());
    }
}
