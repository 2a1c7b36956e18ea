#!/usr/bin/env bash
# The pulse CLI inside the job image: the job jar plus the Flink distribution's libraries.
set -euo pipefail
mkdir -p "${PULSE_HOME:-/tmp/customer-pulse}"
exec java ${PULSE_JAVA_OPTS:--Xmx512m} -cp "/opt/flink/usrlib/customer-pulse.jar:/opt/flink/lib/*" dev.customerpulse.cli.Pulse "$@"
