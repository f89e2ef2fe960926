#!/usr/bin/env bash
# One-shot set-up of the cluster's users, run by the `elasticsearch-setup` service of compose.yaml with the
# image's own curl. Idempotent: running it again sets the same roles, users and passwords.
# - annuaire_indexer: writes the annuaire-* indices (create, bulk, mapping _meta, aliases, delete old ones)
# - annuaire_web:     reads them (search, count, mapping _meta for the cursor), nothing else
# Both may read the cluster health (the `monitor` cluster privilege) for /health/ready.
set -euo pipefail
es="http://elasticsearch:9200"
auth="elastic:${ELASTIC_PASSWORD:?}"

until curl -fsS -u "$auth" "$es/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; do
    echo "waiting for Elasticsearch…"; sleep 2
done

put() { curl -fsS -u "$auth" -X PUT -H 'Content-Type: application/json' "$es/$1" -d "$2" >/dev/null && echo "set $1"; }

put _security/role/annuaire_indexer '{"cluster":["monitor"],"indices":[{"names":["annuaire-*"],"privileges":["all"]}]}'
put _security/role/annuaire_web '{"cluster":["monitor"],"indices":[{"names":["annuaire-*"],"privileges":["read","view_index_metadata"]}]}'
put _security/user/annuaire_indexer "{\"password\":\"${INDEXER_ES_PASSWORD:?}\",\"roles\":[\"annuaire_indexer\"]}"
put _security/user/annuaire_web "{\"password\":\"${WEB_ES_PASSWORD:?}\",\"roles\":[\"annuaire_web\"]}"
