# METADATA
# title: Cloud SQL PostgreSQL instance does not log connections
# description: |
#   Without log_connections, connection attempts and successful authentications are not logged,
#   so a password-guessing attempt or an unexpected client leaves no trace in the database logs.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: gcp-sql-postgres-log-connections-off
#   target: terraform
#   severity: medium
#   checkov: [CKV_GCP_52]
package converge.rules.terraform.gcp_sql_postgres_log_connections_off

import rego.v1

import data.converge.lib.cloudsql

findings contains f if {
	some f in cloudsql.flag_findings("log_connections", {"on"}, "on")
}
