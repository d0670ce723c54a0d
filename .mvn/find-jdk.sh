# Sourced by ./chorus and ./mvnw: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is >= 21, then `java` on PATH if >= 21, then the
# newest JDK >= 21 under /usr/lib/jvm (and /opt/java, ~/.sdkman, ~/.jdks).
# Stops with a message naming what to install when none is found.

chorus_java_major() {
  # prints the feature version of the java binary $1, or nothing: from its JDK's release file when
  # there is one (starting a JVM only to ask its version cost every ./chorus run ~0.2 s of CPU)
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

chorus_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(chorus_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(chorus_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return 0; fi
  fi
  # CHORUS_JVM_DIRS (space-separated) replaces the folders searched; tests use it.
  for dir in ${CHORUS_JVM_DIRS:-/usr/lib/jvm /opt/java ${HOME:-/root}/.sdkman/candidates/java ${HOME:-/root}/.jdks}; do
  for candidate in "$dir"/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(chorus_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  return 1
}

if CHORUS_JDK=$(chorus_find_jdk); then
  JAVA_HOME="$CHORUS_JDK"
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
else
  echo "chorus: no JDK 21 or newer was found." >&2
  echo "  Looked at JAVA_HOME, 'java' on PATH and /usr/lib/jvm." >&2
  echo "  Install one (for example: apt-get install openjdk-21-jdk, or Temurin 21/25)" >&2
  echo "  or set JAVA_HOME to a JDK >= 21, then run this again." >&2
  exit 1
fi
