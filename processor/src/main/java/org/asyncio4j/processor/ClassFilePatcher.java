package org.asyncio4j.processor;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Rewrites the debug attributes of one class file (JVMS 4): its {@code SourceFile} and each method's
 * {@code LineNumberTable}. Everything else is copied byte for byte; no code moves, so no offset, stack map or
 * local variable range changes.
 *
 * <ul>
 *   <li>{@code SourceFile} names the given file; its name is appended to the constant pool if the pool has no such
 *       {@code CONSTANT_Utf8} yet. A class file without {@code SourceFile} ({@code -g:none}) gets none.
 *   <li>Each {@code LineNumberTable} entry's line goes through the given map; an entry the map gives 0 continues
 *       the line before it. Entries are then merged as javac merges them: one entry per run of code on the same
 *       line, so a line breakpoint (which debuggers set at every entry of the line) stops once per time the line
 *       runs, not once per generated line. A method none of whose lines the map knows loses its table: it is
 *       glue (a constructor, {@code step()}), which debuggers then step through and stack traces show without a
 *       line.
 * </ul>
 *
 * <p>Written by hand for these two attributes (the JDK's {@code java.lang.classfile} API is JDK 22+ and the
 * processor runs on 17; a bytecode library for this would be the processor's second dependency).
 *
 * <p>Stateless; thread-safe.
 */
final class ClassFilePatcher {
    private ClassFilePatcher() {}

    /** A class file that is not what was expected; the caller leaves it as it is. */
    static final class NotPatchedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotPatchedException(String message) {
            super(message);
        }
    }

    /**
     * The class file {@code bytes} with {@code SourceFile} set to {@code sourceFile} and every line mapped by
     * {@code lines} (generated line to user line, 0 for none).
     *
     * @param internalName the class's expected name ({@code demo/GreeterAsync$GreetCoroutine}), checked
     * @throws NotPatchedException if the bytes are not a class file of that name
     */
    static byte[] patch(byte[] bytes, String internalName, String sourceFile, IntUnaryOperator lines)
            throws NotPatchedException {
        try {
            return new Rewrite(bytes, sourceFile, lines).run(internalName);
        } catch (IndexOutOfBoundsException e) {
            throw new NotPatchedException("truncated class file");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** The {@code (start_pc, line)} pairs of a method's {@code LineNumberTable}, for tests and tools. */
    static List<int[]> lineNumberTable(byte[] bytes, String methodName) throws NotPatchedException {
        List<int[]> found = new ArrayList<>();
        Rewrite reader = new Rewrite(bytes, null, line -> line);
        reader.onLineTable = (method, entries) -> {
            if (method.equals(methodName)) {
                found.addAll(entries);
            }
        };
        try {
            reader.run(null);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new NotPatchedException(e.toString());
        }
        return found;
    }

    /** The {@code SourceFile} of a class file, or null if it has none. */
    static String sourceFile(byte[] bytes) throws NotPatchedException {
        Rewrite reader = new Rewrite(bytes, null, line -> line);
        try {
            reader.run(null);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new NotPatchedException(e.toString());
        }
        return reader.sourceFileSeen;
    }

    /** One pass over the class file, writing the result as it reads. */
    private static final class Rewrite {
        private final byte[] in;
        private int p;
        private final ByteArrayOutputStream bytes;
        private final DataOutputStream out;
        private final String sourceFile;
        private final IntUnaryOperator lines;
        /** The pool's Utf8 strings by index (null for other entries). */
        private String[] utf8;
        private int[] classNameIndex;
        private int sourceFileIndex = -1;
        String sourceFileSeen;
        java.util.function.BiConsumer<String, List<int[]>> onLineTable;

        Rewrite(byte[] in, String sourceFile, IntUnaryOperator lines) {
            this.in = in;
            this.sourceFile = sourceFile;
            this.lines = lines;
            this.bytes = new ByteArrayOutputStream(in.length + 64);
            this.out = new DataOutputStream(bytes);
        }

        byte[] run(String internalName) throws IOException, NotPatchedException {
            if (in.length < 10 || u4() != 0xCAFEBABE) {
                throw new NotPatchedException("not a class file");
            }
            out.writeInt(0xCAFEBABE);
            copy(4); // minor, major
            int count = u2();
            int poolStart = p;
            utf8 = new String[count + 1];
            classNameIndex = new int[count + 1];
            for (int i = 1; i < count; i++) {
                int tag = in[p++] & 0xFF;
                switch (tag) {
                    case 1: {
                        int length = u2();
                        utf8[i] = modifiedUtf8(p, length);
                        p += length;
                        break;
                    }
                    case 7:
                        classNameIndex[i] = u2();
                        break;
                    case 8: case 16: case 19: case 20:
                        p += 2;
                        break;
                    case 15:
                        p += 3;
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        p += 4;
                        break;
                    case 5: case 6:
                        p += 8;
                        i++;
                        break;
                    default:
                        throw new NotPatchedException("unknown constant pool tag " + tag);
                }
            }
            boolean append = false;
            if (sourceFile != null) {
                for (int i = 1; i < count; i++) {
                    if (sourceFile.equals(utf8[i])) {
                        sourceFileIndex = i;
                        break;
                    }
                }
                if (sourceFileIndex < 0) {
                    if (count >= 0xFFFF) {
                        throw new NotPatchedException("constant pool full");
                    }
                    sourceFileIndex = count;
                    append = true;
                }
            }
            out.writeShort(append ? count + 1 : count);
            out.write(in, poolStart, p - poolStart);
            if (append) {
                out.writeByte(1);
                out.writeUTF(sourceFile); // modified UTF-8, as the pool's
            }
            copy(2); // access
            int thisClass = u2();
            out.writeShort(thisClass);
            String name = thisClass < classNameIndex.length ? utf8[classNameIndex[thisClass]] : null;
            if (internalName != null && !internalName.equals(name)) {
                throw new NotPatchedException("the class file is " + name + ", not " + internalName);
            }
            copy(2); // super
            int interfaces = u2();
            out.writeShort(interfaces);
            copy(2 * interfaces);
            members(false);
            members(true);
            attributes(null);
            if (p != in.length) {
                throw new NotPatchedException("bytes after the class");
            }
            return bytes.toByteArray();
        }

        private void members(boolean methods) throws IOException {
            int count = u2();
            out.writeShort(count);
            for (int i = 0; i < count; i++) {
                copy(2); // access
                int name = u2();
                out.writeShort(name);
                copy(2); // descriptor
                attributes(methods ? utf8[name] : "");
            }
        }

        /** The attributes of the class ({@code method == null}), a field ({@code ""}) or a method. */
        private void attributes(String method) throws IOException {
            int count = u2();
            out.writeShort(count);
            for (int i = 0; i < count; i++) {
                int nameIndex = u2();
                int length = u4();
                String name = utf8[nameIndex];
                out.writeShort(nameIndex);
                if (method == null && "SourceFile".equals(name) && length == 2) {
                    sourceFileSeen = utf8[u2()];
                    out.writeInt(2);
                    out.writeShort(sourceFileIndex > 0 ? sourceFileIndex : indexOf(sourceFileSeen));
                } else if (method != null && !method.isEmpty() && "Code".equals(name)) {
                    byte[] code = code(method, p + length);
                    out.writeInt(code.length);
                    out.write(code);
                } else {
                    out.writeInt(length);
                    copy(length);
                }
            }
        }

        private int indexOf(String text) {
            for (int i = 1; i < utf8.length; i++) {
                if (text.equals(utf8[i])) {
                    return i;
                }
            }
            throw new IllegalStateException(text);
        }

        /** A Code attribute's content, with its LineNumberTables mapped (or dropped); ends at {@code end}. */
        private byte[] code(String method, int end) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(end - p);
            DataOutputStream data = new DataOutputStream(body);
            int start = p;
            p += 4; // max_stack, max_locals
            int codeLength = u4();
            p += codeLength;
            int handlers = u2();
            p += 8 * handlers;
            data.write(in, start, p - start);
            int count = u2();
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int nameIndex = u2();
                int length = u4();
                int next = p + length;
                if ("LineNumberTable".equals(utf8[nameIndex])) {
                    List<int[]> entries = new ArrayList<>();
                    int entryCount = u2();
                    for (int e = 0; e < entryCount; e++) {
                        entries.add(new int[] {u2(), u2()});
                    }
                    if (onLineTable != null) {
                        onLineTable.accept(method, entries);
                    }
                    List<int[]> mapped = mapped(entries);
                    if (!mapped.isEmpty()) {
                        ByteArrayOutputStream table = new ByteArrayOutputStream();
                        DataOutputStream t = new DataOutputStream(table);
                        t.writeShort(nameIndex);
                        t.writeInt(2 + 4 * mapped.size());
                        t.writeShort(mapped.size());
                        for (int[] entry : mapped) {
                            t.writeShort(entry[0]);
                            t.writeShort(entry[1]);
                        }
                        kept.add(table.toByteArray());
                    }
                } else {
                    byte[] attribute = new byte[6 + length];
                    System.arraycopy(in, p - 6, attribute, 0, attribute.length);
                    kept.add(attribute);
                }
                p = next;
            }
            if (p != end) {
                throw new IndexOutOfBoundsException("Code attribute length");
            }
            data.writeShort(kept.size());
            for (byte[] attribute : kept) {
                data.write(attribute);
            }
            return body.toByteArray();
        }

        /** The entries with mapped lines, one per run of code on the same line; empty if no line was mapped. */
        private List<int[]> mapped(List<int[]> entries) {
            List<int[]> sorted = new ArrayList<>(entries);
            sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<int[]> result = new ArrayList<>();
            int previous = 0;
            int firstMapped = 0;
            for (int[] entry : sorted) {
                int line = lines.applyAsInt(entry[1]);
                if (line > 0 && firstMapped == 0) {
                    firstMapped = line;
                }
            }
            if (firstMapped == 0) {
                return result;
            }
            for (int[] entry : sorted) {
                int line = lines.applyAsInt(entry[1]);
                if (line <= 0) {
                    line = previous > 0 ? previous : firstMapped;
                }
                if (!result.isEmpty() && result.get(result.size() - 1)[0] == entry[0]) {
                    result.remove(result.size() - 1); // two entries at one pc: the later wins, as in javac
                    previous = result.isEmpty() ? 0 : result.get(result.size() - 1)[1];
                }
                if (line != previous) {
                    result.add(new int[] {entry[0], line});
                    previous = line;
                }
            }
            return result;
        }

        /**
         * A {@code CONSTANT_Utf8}'s text, decoded as UTF-8: the same as modified UTF-8 but for NUL and characters
         * outside the BMP, which attribute names never have (for a file name, a mismatch only means its name is
         * appended to the pool once more).
         */
        private String modifiedUtf8(int at, int length) {
            return new String(in, at, length, StandardCharsets.UTF_8);
        }

        private int u2() {
            int value = ((in[p] & 0xFF) << 8) | (in[p + 1] & 0xFF);
            p += 2;
            return value;
        }

        private int u4() {
            int value = ((in[p] & 0xFF) << 24) | ((in[p + 1] & 0xFF) << 16) | ((in[p + 2] & 0xFF) << 8)
                    | (in[p + 3] & 0xFF);
            p += 4;
            return value;
        }

        private void copy(int length) throws IOException {
            if (p + length > in.length) {
                throw new IndexOutOfBoundsException("truncated");
            }
            out.write(in, p, length);
            p += length;
        }
    }
}
