# METADATA
# title: Cloud SQL PostgreSQL instance does not log statement durations
# description: |
#   Without log_duration, the time each completed statement took is not logged, so slow queries
#   cannot be found from the logs alone.
# related_resources:
#   - https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DURATION
# custom:
#   id: gcp-sql-postgres-log-duration-off
#   target: terraform
#   severity: low
#   checkov: [CKV2_GCP_13]
package converge.rules.terraform.gcp_sql_postgres_log_duration_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_duration", {"on"}, "on")
}
