#!/bin/sh
# The broker container's command: start Apache Kafka, then (through the loopback-only LOCAL listener,
# which nothing outside this container can reach) create the SCRAM users from the mounted password
# files and the ACLs of acls.sh, and mark the broker ready for its healthcheck. Idempotent: both run
# at every start and only add what is missing.
set -eu
BIN=/opt/kafka/bin
LOCAL=127.0.0.1:9094
SECRETS=/run/secrets
rm -f /tmp/ipcase-broker-ready

/etc/kafka/docker/run &
KAFKA_PID=$!
trap 'kill -TERM "$KAFKA_PID" 2>/dev/null' TERM INT

until "$BIN/kafka-broker-api-versions.sh" --bootstrap-server "$LOCAL" >/dev/null 2>&1; do
  kill -0 "$KAFKA_PID" 2>/dev/null || exit 1
  sleep 2
done

for file in "$SECRETS"/kafka_password_*; do
  user=$(basename "$file" | sed 's/^kafka_password_//')
  "$BIN/kafka-configs.sh" --bootstrap-server "$LOCAL" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[password=$(cat "$file")]" >/dev/null
  echo "SCRAM user $user"
done

ACLS="$BIN/kafka-acls.sh --bootstrap-server $LOCAL"
# acls.sh quotes "$ACLS" as one word: give it a wrapper instead.
printf '#!/bin/sh\nexec %s "$@"\n' "$ACLS" > /tmp/kafka-acls
chmod 755 /tmp/kafka-acls
ACLS=/tmp/kafka-acls sh /opt/ipcase/acls.sh >/dev/null
for file in /opt/ipcase/partners/*.acl; do
  [ -e "$file" ] || continue
  ACLS=/tmp/kafka-acls sh "$file" >/dev/null  # partner principals (add-partner.sh)
done
echo "ACLs applied"
touch /tmp/ipcase-broker-ready
wait "$KAFKA_PID"
