package org.asyncio4j.processor;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the bytecode size of each method of a class file (the {@code code_length} of its {@code Code} attribute,
 * JVMS 4.7.3): what the JVM's 64 KB method limit and HotSpot's 8,000-byte JIT limit ({@code -XX:-DontCompileHugeMethods})
 * are measured against. Only the parts of the format needed to reach the methods are parsed.
 */
final class CodeSizes {
    private CodeSizes() {}

    /** {@code name(descriptor)} of each method with code, to its bytecode size in bytes. */
    static Map<String, Integer> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            String[] utf8 = readConstantPool(in);
            in.readUnsignedShort(); // access
            in.readUnsignedShort(); // this
            in.readUnsignedShort(); // super
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            Map<String, Integer> sizes = new LinkedHashMap<>();
            int methods = in.readUnsignedShort();
            for (int i = 0; i < methods; i++) {
                in.readUnsignedShort(); // access
                String name = utf8[in.readUnsignedShort()];
                String descriptor = utf8[in.readUnsignedShort()];
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.skipBytes(4); // max_stack, max_locals
                        int codeLength = in.readInt();
                        sizes.put(name + descriptor, codeLength);
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of the one method called {@code name} (fails if there is none or several). */
    static int method(byte[] classFile, String name) {
        Integer found = null;
        for (Map.Entry<String, Integer> method : of(classFile).entrySet()) {
            if (method.getKey().startsWith(name + "(")) {
                if (found != null) {
                    throw new IllegalArgumentException("several methods named " + name);
                }
                found = method.getValue();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no method named " + name);
        }
        return found;
    }

    private static String[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 3: case 4: in.skipBytes(4); break; // int, float
                case 5: case 6: in.skipBytes(8); i++; break; // long, double take two entries
                case 7: case 8: case 16: case 19: case 20: in.skipBytes(2); break; // class, string, type, module, package
                case 9: case 10: case 11: case 12: case 17: case 18: in.skipBytes(4); break; // refs, name&type, dynamic
                case 15: in.skipBytes(3); break; // method handle
                default: throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
