#!/bin/sh
# bigger-fleet: a self-contained Java program; the jar follows this line.
exec java ${BIGGER_FLEET_JAVA_OPTS:-} -jar "$0" "$@"
exit 1
