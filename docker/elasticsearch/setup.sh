#!/usr/bin/env bash
# One-shot set-up of the cluster's users, run by the `elasticsearch-setup` service of compose.yaml with the
# image's own curl. Idempotent: running it again sets the same roles, users and passwords.
# - annuaire_indexer: writes this site's indices (create, bulk, mapping _meta, aliases, delete old ones)
# - annuaire_web:     reads them (search, count, mapping _meta for the cursor), nothing else
# Both may read the health (the `monitor` cluster privilege) for /health/ready, which asks for this site's alias.
# The indices are those of Search__Elasticsearch__IndexPrefix, the setting the site and the Indexer read
# (default "annuaire-", as theirs): the roles cover "{prefix}*".
set -euo pipefail
es="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
auth="elastic:${ELASTIC_PASSWORD:?}"
# Unset: the applications' default. Set but empty or invalid: refused, as the applications refuse it at start.
prefix="${Search__Elasticsearch__IndexPrefix-annuaire-}"
if [[ ! "$prefix" =~ ^[a-z0-9][a-z0-9_.-]{0,40}$ ]]; then
    echo "Search__Elasticsearch__IndexPrefix must be lower case letters, digits, '-', '_' or '.' (got '$prefix')." >&2
    exit 2
fi

until curl -fsS -u "$auth" "$es/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; do
    echo "waiting for Elasticsearch…"; sleep 2
done

put() { curl -fsS -u "$auth" -X PUT -H 'Content-Type: application/json' "$es/$1" -d "$2" >/dev/null && echo "set $1"; }

put _security/role/annuaire_indexer "{\"cluster\":[\"monitor\"],\"indices\":[{\"names\":[\"${prefix}*\"],\"privileges\":[\"all\"]}]}"
put _security/role/annuaire_web "{\"cluster\":[\"monitor\"],\"indices\":[{\"names\":[\"${prefix}*\"],\"privileges\":[\"read\",\"view_index_metadata\"]}]}"
put _security/user/annuaire_indexer "{\"password\":\"${INDEXER_ES_PASSWORD:?}\",\"roles\":[\"annuaire_indexer\"]}"
put _security/user/annuaire_web "{\"password\":\"${WEB_ES_PASSWORD:?}\",\"roles\":[\"annuaire_web\"]}"
