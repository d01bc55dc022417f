#!/bin/sh
# bigger-fleet: a self-contained Java program; the jar follows this line.
# umask 077: every file the CLI creates (token file, H2 database, lock file) is owner-only.
# h2.bindAddress: the H2 server that lets a second CLI process share the state database listens on
# loopback only (the CLI also sets it itself when H2 is not loaded yet).
umask 077
exec java -Dh2.bindAddress=127.0.0.1 ${BIGGER_FLEET_JAVA_OPTS:-} -jar "$0" "$@"
exit 1
