package org.asyncio4j.processor.realcode;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The open-source libraries the real-code suite cuts its twins from, of different styles: utilities (commons-lang3), a
 * codec, a text library, generic collections (commons-collections4), and Guava (generic-heavy, annotated with
 * nullness annotations, mostly package-private internals, so few of its methods can be copied). Each is a test dependency twice (see processor/pom.xml): the binary jar, which the twins'
 * bodies call and whose untouched methods are the reference, and the {@code sources} jar the twins are cut from.
 */
enum Library {
    LANG3("commons-lang3"),
    CODEC("commons-codec"),
    TEXT("commons-text"),
    COLLECTIONS4("commons-collections4"),
    GUAVA("guava");

    /** The Maven artifact id, which starts the jars' file names. */
    final String artifactId;

    Library(String artifactId) {
        this.artifactId = artifactId;
    }

    /** The {@code -sources.jar} on the test class path; Maven put it there, so a fresh machine downloads it. */
    File sourcesJar() {
        return classPath().stream()
                .filter(file -> file.getName().startsWith(artifactId + "-") && file.getName().endsWith("-sources.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + artifactId + " sources jar on the class path: "
                        + "is it a test dependency with <classifier>sources</classifier>?"));
    }

    /** Parses {@code -Drealcode.libraries=lang3,text} (any case); null or empty means all of them. */
    static List<Library> parse(String names) {
        if (names == null || names.isBlank()) {
            return List.of(values());
        }
        return Arrays.stream(names.split(",")).map(String::trim)
                .map(name -> valueOf(name.toUpperCase(Locale.ROOT))).toList();
    }

    static List<File> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new).toList();
    }
}
