package io.mojave.daemon.deployment;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import io.quarkus.deployment.QuarkusClassWriter;

/**
 * Rewrites picocli's class files, which it compiles for Java 5 (class file version 49), as Java 8
 * class files with stack map frames; the code stays the same. The JVM checks a Java 5 class with
 * its old type-inferring verifier, and JDK 17's class data sharing cannot archive one: picocli's
 * ~140 classes were most of what {@code status}, {@code stop} and {@code --help} still loaded from
 * jars. Measured on JDK 17: 17 ms less without a start-up cache, 54 ms less with one.
 */
final class PicocliClassFiles {

    /** The package whose classes are rewritten. */
    static final String PACKAGE = "picocli/";

    private static final int JAVA_5 = Opcodes.V1_5 & 0xffff;

    private PicocliClassFiles() {
    }

    /** {@code classFile} as a Java 8 class file, or unchanged if it is one already (or newer). */
    static byte[] upgrade(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        if (majorVersion(classFile) > JAVA_5) {
            return classFile;
        }
        // Frames are computed from the code (a writer given the reader would copy the code as it is);
        // the class hierarchy they need comes from the build's class loader.
        ClassWriter writer = new QuarkusClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The class file's major version (49 for Java 5, 52 for Java 8). */
    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }
}
