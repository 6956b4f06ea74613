#!/bin/sh
# TLS and SCRAM material for the production broker (docker-compose.yml), made here with openssl:
# no download, nothing leaves the machine. Run once before `docker compose up` (`make kafka-certs`);
# again with FORCE=1 to replace everything (then restart the broker and every client).
#
#   deploy/kafka/secrets/ca.crt            the CA clients trust (KAFKA_SSL_CAFILE); give it to partners
#   deploy/kafka/secrets/ca.key            the CA's key: keep it offline after signing
#   deploy/kafka/secrets/broker.pem        the broker's PKCS#8 key and certificate chain (PEM keystore)
#   deploy/kafka/secrets/<user>.password   one SCRAM-SHA-512 password per principal
#
# KAFKA_EXTERNAL_HOST (default localhost) is the name partners reach the external listener by; it is
# put in the certificate's subjectAltName beside the compose service name `kafka`.
set -eu
DIR="${KAFKA_SECRETS_DIR:-$(dirname "$0")/secrets}"
EXTERNAL_HOST="${KAFKA_EXTERNAL_HOST:-localhost}"
USERS="ipcase-admin intake adjudication mediation credit partners"
DAYS="${KAFKA_CERT_DAYS:-825}"

mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077
if [ -f "$DIR/broker.pem" ] && [ "${FORCE:-0}" != 1 ]; then
  echo "$DIR/broker.pem exists (FORCE=1 replaces the certificates and passwords)"
  exit 0
fi

openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days "$DAYS" \
  -keyout "$DIR/ca.key" -out "$DIR/ca.crt" -subj "/O=ipcase/CN=ipcase Kafka CA"

cat > "$DIR/broker.ext" <<EOF
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:kafka,DNS:localhost,DNS:${EXTERNAL_HOST},IP:127.0.0.1
EOF
openssl req -new -nodes -newkey rsa:3072 -sha256 \
  -keyout "$DIR/broker.key.tmp" -out "$DIR/broker.csr" -subj "/O=ipcase/CN=kafka"
openssl x509 -req -in "$DIR/broker.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial \
  -days "$DAYS" -sha256 -extfile "$DIR/broker.ext" -out "$DIR/broker.crt"
# Kafka's PEM keystore: an unencrypted PKCS#8 key followed by the certificate chain.
openssl pkcs8 -topk8 -nocrypt -in "$DIR/broker.key.tmp" -out "$DIR/broker.key"
cat "$DIR/broker.key" "$DIR/broker.crt" "$DIR/ca.crt" > "$DIR/broker.pem"
rm -f "$DIR/broker.key.tmp" "$DIR/broker.csr" "$DIR/broker.ext" "$DIR/ca.srl"

for user in $USERS; do
  openssl rand -hex 24 > "$DIR/$user.password"
done
# The containers run as other users (uid 1000 in the broker, 10001 in ipcase): readable, not writable.
chmod 644 "$DIR"/*.password "$DIR/broker.pem" "$DIR/ca.crt"
chmod 755 "$DIR"
openssl verify -CAfile "$DIR/ca.crt" "$DIR/broker.crt"
echo "wrote $DIR: ca.crt, broker.pem, and passwords for: $USERS"
