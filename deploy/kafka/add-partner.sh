#!/bin/sh
# Admit one partner (a court or a customs office) to the production broker:
#   deploy/kafka/add-partner.sh <partner-code> <court|customs>
# writes its password (deploy/kafka/secrets/partner-<code>.password, to hand over with ca.crt) and
# its ACLs (deploy/kafka/partners/<code>.acl): READ on partner.<code>.feed and on its own consumer
# groups (prefix partner.<code>.), WRITE on its kind's inbound topic partner.<kind>.inbound — nothing
# else. Then add the password file as the secret kafka_password_partner-<code> of the broker in
# docker-compose.yml (or an override file) and restart the broker: start.sh creates the SCRAM user
# and applies the ACLs. What the partner writes is still verified by the partners gateway with the
# keys registered to it in the partner registry.
set -eu
CODE="${1:?partner code}"
KIND="${2:?court or customs}"
case "$KIND" in court|customs) ;; *) echo "kind must be court or customs" >&2; exit 2 ;; esac
case "$CODE" in *[!A-Za-z0-9_-]*) echo "partner code: letters, digits, - and _ only" >&2; exit 2 ;; esac
HERE="$(dirname "$0")"
umask 077
mkdir -p "$HERE/secrets" "$HERE/partners"
[ -f "$HERE/secrets/partner-$CODE.password" ] || openssl rand -hex 24 > "$HERE/secrets/partner-$CODE.password"
chmod 644 "$HERE/secrets/partner-$CODE.password"
P="User:partner-$CODE"
cat > "$HERE/partners/$CODE.acl" <<EOF
"\$ACLS" --add --allow-principal $P --operation READ --group partner.$CODE. --resource-pattern-type prefixed
"\$ACLS" --add --allow-principal $P --operation DESCRIBE --operation READ --topic partner.$CODE.feed --resource-pattern-type literal
"\$ACLS" --add --allow-principal $P --operation DESCRIBE --operation WRITE --topic partner.$KIND.inbound --resource-pattern-type literal
EOF
chmod 644 "$HERE/partners/$CODE.acl"
echo "partner-$CODE: password in $HERE/secrets/partner-$CODE.password, ACLs in $HERE/partners/$CODE.acl"
