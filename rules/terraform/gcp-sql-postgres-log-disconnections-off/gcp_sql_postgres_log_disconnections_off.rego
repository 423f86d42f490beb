# METADATA
# title: Cloud SQL PostgreSQL instance does not log disconnections
# description: |
#   Without log_disconnections, the end of each session and its duration are not logged, so the
#   logs cannot tell how long a client stayed connected.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: gcp-sql-postgres-log-disconnections-off
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_53]
package converge.rules.terraform.gcp_sql_postgres_log_disconnections_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_disconnections", {"on"}, "on")
}
