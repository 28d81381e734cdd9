/*
 * The builder's progress reporter loads <java.home>/lib/svm/builder/lib/libreporterchelper.so for
 * two numbers: the terminal's width and the builder's peak RSS. GraalVM ships it; the Maven jars do
 * not, so bin/native-check compiles this one (our own) into the JDK image it runs the builder on.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize size;
    /* The reporter replaces anything below its minimum by its default width. */
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return size.ws_col;
}

JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    /* Linux counts ru_maxrss in KiB; the reporter wants bytes. */
    return (jlong) usage.ru_maxrss * 1024;
}
