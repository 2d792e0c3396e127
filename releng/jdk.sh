# Sourced by the scripts that run ./mvnw (releng/test.sh, ./seedbench, releng/screenshots.sh): sets build_jdk to
# a JDK of Java 21 or later for the build, since the workbench's charts (SWTChart 1.1.0, the only version on Maven
# Central) are Java 21 classes. JAVA_HOME when it is 21 or later, else the newest JDK under /usr/lib/jvm that is;
# else one line on stderr and a non-zero status. Use it for ./mvnw only (JAVA_HOME="$build_jdk" ./mvnw …): the
# headless product keeps running on the default Java (17 or later).
jdk_major() {
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)  || v=
    echo "${v:-0}"
}
build_jdk=
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(jdk_major "$JAVA_HOME")" -ge 21 ]; then
    build_jdk=$JAVA_HOME
else
    for home in /usr/lib/jvm/*/; do
        home=${home%/}
        [ -x "$home/bin/javac" ] && [ "$(jdk_major "$home")" -ge 21 ] || continue
        if [ -z "$build_jdk" ] || [ "$(jdk_major "$home")" -gt "$(jdk_major "$build_jdk")" ]; then
            build_jdk=$home
        fi
    done
fi
if [ -z "$build_jdk" ]; then
    echo "seedbench: the build needs a JDK of Java 21 or later (the workbench's charts, SWTChart 1.1.0, are Java 21" \
        "classes); none in JAVA_HOME or /usr/lib/jvm: install one (e.g. openjdk-21-jdk) or set JAVA_HOME to it" >&2
    false
fi
